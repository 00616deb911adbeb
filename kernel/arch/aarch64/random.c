/* SPDX-License-Identifier: MIT */
/* random.c (arm64): RNDR (FEAT_RNG), the CPU's random-number generator, when ID_AA64ISAR0_EL1 reports it. */
#include "arch.h"

bool arch_random(uint64_t *out)
{
    static int have = -1; /* unknown until first asked */
    if (have < 0) {
        uint64_t isar0;
        __asm__ volatile("mrs %0, id_aa64isar0_el1" : "=r"(isar0));
        have = ((isar0 >> 60) & 0xf) >= 1; /* the RNDR field */
    }
    for (int i = 0; have && i < 10; i++) {
        uint64_t v, fail;
        /* s3_3_c2_c4_0 is RNDR; NZCV.Z set means no number this time. */
        __asm__ volatile("mrs %0, s3_3_c2_c4_0\n cset %1, eq" : "=r"(v), "=r"(fail) : : "cc");
        if (!fail) {
            *out = v;
            return true;
        }
    }
    return false;
}
