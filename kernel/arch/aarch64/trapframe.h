/* SPDX-License-Identifier: MIT */
/* trap.h: the register frame vectors.S saves on every exception, and its C handler. */
#pragma once
#include <stdint.h>

/* Layout fixed by vectors.S (TRAP_FRAME_SIZE bytes on the stack). */
struct trap_frame {
    uint64_t x[31];  /* x0-x30 at the exception */
    uint64_t sp;     /* the stack pointer before the frame was pushed */
    uint64_t elr, spsr, esr, far;
};
_Static_assert(sizeof(struct trap_frame) == 36 * 8, "TRAP_FRAME_SIZE in vectors.S");

/* Which of the 16 vector table entries was taken (index = offset / 0x80). */
enum trap_vector {
    TRAP_SYNC = 0, TRAP_IRQ = 1, TRAP_FIQ = 2, TRAP_SERROR = 3, /* + one group: */
    TRAP_CUR_SP0 = 0, TRAP_CUR_SPX = 4, TRAP_LOWER_A64 = 8, TRAP_LOWER_A32 = 12,
    /* Added by the vector when the stack had overflowed: the frame is on the
     * emergency stack, its x0 is lost and SP_EL0 holds the overflowed sp. */
    TRAP_STACK_OVERFLOW = 16,
};

/* Called by vectors.S for every exception; for now every one is fatal. */
void trap_handle(struct trap_frame *f, uint64_t vector);
