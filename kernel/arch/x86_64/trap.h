/* SPDX-License-Identifier: MIT */
/* trap.h: the register frame vectors.S builds on every exception and interrupt. */
#pragma once
#include <stdint.h>

/* Lowest address first: the registers trap_common pushes, then the stub's, then the CPU's. */
struct trap_frame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, error;          /* error is 0 where the CPU pushes none */
    uint64_t rip, cs, rflags, rsp, ss;
};

/*
 * Called by vectors.S for every exception and interrupt. Interrupts are
 * handled and return; exceptions from ring 3 end the task; a fault in a
 * user copy resumes at its fixup; any other kernel exception is reported
 * and exits QEMU (KEXIT_FATAL).
 */
void x86_trap(struct trap_frame *f);
