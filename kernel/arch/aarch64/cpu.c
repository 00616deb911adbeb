/* SPDX-License-Identifier: MIT */
/* cpu.c: arm64 CPU set-up after boot (FP/SIMD for EL0, PAN, alignment checks) and small operations. */
#include "arch.h"
#include "cpu.h"
#include "sysreg.h"

static uint64_t read_sctlr(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, sctlr_el1" : "=r"(v));
    return v;
}

static void write_sctlr(uint64_t v)
{
    __asm__ volatile("msr sctlr_el1, %0\n\tisb" ::"r"(v) : "memory");
}

/* PAN (ARMv8.1): ID_AA64MMFR1_EL1.PAN, bits 23:20. */
static bool has_pan(void)
{
    uint64_t mmfr1;
    __asm__ volatile("mrs %0, id_aa64mmfr1_el1" : "=r"(mmfr1));
    return ((mmfr1 >> 20) & 0xf) != 0;
}

static bool pan_on;

void cpu_init(void)
{
    uint64_t cpacr;
    __asm__ volatile("mrs %0, cpacr_el1" : "=r"(cpacr));
    __asm__ volatile("msr cpacr_el1, %0\n\tisb" ::"r"(cpacr | CPACR_EL1_FPEN));
    uint64_t sctlr = read_sctlr() | SCTLR_EL1_SA0;
    pan_on = has_pan();
    if (pan_on) {
        /* SPAN clear: every exception to EL1 sets PAN again. PSTATE.PAN by
         * its register encoding (S3_0_C4_C2_3), which needs no v8.1 flag. */
        sctlr &= ~SCTLR_EL1_SPAN;
        __asm__ volatile("msr s3_0_c4_c2_3, %0\n\tisb" ::"r"(1ull << 22));
    }
    write_sctlr(sctlr);
}

bool cpu_has_pan(void) { return pan_on; }

void arch_undefined_instruction(void) { __asm__ volatile("udf #0"); }
