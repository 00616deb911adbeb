/* SPDX-License-Identifier: MIT */
/* entropy.h: the kernel's entropy source: random bytes for every task's seed. */
#pragma once
#include <stddef.h>

/*
 * Fills buf with n bytes mixed from the CPU's random-number generator
 * (RDRAND / RNDR, arch_random) where there is one, and from the jitter of
 * the cycle counter otherwise or besides. Every task gets 32 such bytes in
 * its IPC buffer when it is created (struct jx_ipc_buffer.seed).
 */
void entropy_fill(void *buf, size_t n);
