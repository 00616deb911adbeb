/* SPDX-License-Identifier: MIT */
/* cpu.h: arm64 CPU features and control settings, set once at boot. */
#pragma once
#include <stdbool.h>

/*
 * EL0 may use FP/SIMD (CPACR_EL1.FPEN), SP alignment is checked at EL0 as
 * at EL1, and, when the CPU has PAN, PSTATE.PAN is set and stays set on
 * every exception entry (SCTLR_EL1.SPAN clear): the kernel reaches user
 * memory only through usercopy.S's unprivileged loads and stores.
 */
void cpu_init(void);

/* Whether cpu_init turned PAN on. */
bool cpu_has_pan(void);
