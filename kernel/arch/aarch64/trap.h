/* SPDX-License-Identifier: MIT */
/* trap.h: the register frame vectors.S saves on every exception, and its C handler. */
#pragma once
#include <stdint.h>
#include <stdnoreturn.h>

/* ESR_EL1: exception class, syndrome, and the classes the kernel handles. */
#define ESR_EC(esr)  (((esr) >> 26) & 0x3f)
#define ESR_ISS(esr) ((esr) & 0x1ffffff)
#define ESR_WNR      (1u << 6)   /* data aborts: the access was a write */

enum {
    EC_UNKNOWN = 0x00,
    EC_WFX = 0x01,
    EC_FP_ACCESS = 0x07,
    EC_SVC64 = 0x15,
    EC_SYSREG = 0x18,
    EC_INSN_ABORT_LOWER = 0x20,
    EC_INSN_ABORT = 0x21,
    EC_PC_ALIGN = 0x22,
    EC_DATA_ABORT_LOWER = 0x24,
    EC_DATA_ABORT = 0x25,
    EC_SP_ALIGN = 0x26,
    EC_FP_EXC64 = 0x2c,
    EC_WATCH_LOWER = 0x34,
    EC_WATCH = 0x35,
    EC_BRK = 0x3c,
};

/* Layout fixed by vectors.S (TRAP_FRAME_SIZE bytes on the stack). */
struct trap_frame {
    uint64_t x[31];  /* x0-x30 at the exception */
    uint64_t sp;     /* the stack pointer before the frame was pushed */
    uint64_t elr, spsr, esr, far;
};
_Static_assert(sizeof(struct trap_frame) == 36 * 8, "TRAP_FRAME_SIZE in vectors.S");

/* Which of the 16 vector table entries was taken (index = offset / 0x80). */
enum trap_vector {
    TRAP_SYNC = 0,
    TRAP_IRQ = 1,
    TRAP_FIQ = 2,
    TRAP_SERROR = 3, /* + one group: */
    TRAP_CUR_SP0 = 0,
    TRAP_CUR_SPX = 4,
    TRAP_LOWER_A64 = 8,
    TRAP_LOWER_A32 = 12,
    /* Added by the vector when the stack had overflowed: the frame is on the
     * emergency stack and SP_EL0 holds the overflowed sp. */
    TRAP_STACK_OVERFLOW = 16,
};

/* Called by vectors.S for every exception (trap.c). */
void trap_handle(struct trap_frame *f, uint64_t vector);

/* Prints the exception report for an exception the kernel cannot handle and
 * exits with KEXIT_FATAL (report.c). */
noreturn void report_fatal(struct trap_frame *f, uint64_t vector);

/* Returns through frame f (on the current kernel stack) to wherever it says
 * (vectors.S's exit path). */
noreturn void trap_return(struct trap_frame *f);

/* thread.c: EL0 used FP/SIMD while the registers held another thread's values (lazy FP). */
void arch_fpu_trap(void);
