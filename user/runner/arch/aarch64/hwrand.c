/* SPDX-License-Identifier: MIT */
/* hwrand.c (arm64): no hardware randomness for the runner's seed yet. */
#include "../../platform.h"

/*
 * RNDR (FEAT_RNG) is readable at EL0, but whether the CPU has it is in
 * ID_AA64ISAR0_EL1, which EL0 cannot read unless the kernel emulates the
 * access; executing RNDR on a CPU without it is an undefined instruction,
 * which would kill the task. The kernel, which can ask, mixes RNDR into
 * the seed it gives every task (kernel/entropy.c); nothing more here.
 */
bool platform_hwrand(uint64_t *out)
{
    (void)out;
    return false;
}
