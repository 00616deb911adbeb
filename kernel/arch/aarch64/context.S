/* SPDX-License-Identifier: MIT */
/* context.S: switching kernel threads (callee-saved registers, TPIDR_EL0) and saving user FP/SIMD state. */

/* struct arch_thread in arch_types.h: offsets checked by thread.c. */
#define CTX_X19   0
#define CTX_X29   80
#define CTX_SP    96
#define CTX_Q     128
#define CTX_FPCR  640

    .arch_extension fp
    .arch_extension simd

/* Stores FP/SIMD state into the context at \ctx (clobbers x9, x10). */
.macro fp_save ctx
    add     x9, \ctx, #CTX_Q
    mrs     x10, fpcr
    str     x10, [x9, #(CTX_FPCR - CTX_Q)]
    mrs     x10, fpsr
    str     x10, [x9, #(CTX_FPCR - CTX_Q + 8)]
    stp     q0, q1, [x9, #0]
    stp     q2, q3, [x9, #32]
    stp     q4, q5, [x9, #64]
    stp     q6, q7, [x9, #96]
    stp     q8, q9, [x9, #128]
    stp     q10, q11, [x9, #160]
    stp     q12, q13, [x9, #192]
    stp     q14, q15, [x9, #224]
    stp     q16, q17, [x9, #256]
    stp     q18, q19, [x9, #288]
    stp     q20, q21, [x9, #320]
    stp     q22, q23, [x9, #352]
    stp     q24, q25, [x9, #384]
    stp     q26, q27, [x9, #416]
    stp     q28, q29, [x9, #448]
    stp     q30, q31, [x9, #480]
.endm

.macro fp_load ctx
    add     x9, \ctx, #CTX_Q
    ldr     x10, [x9, #(CTX_FPCR - CTX_Q)]
    msr     fpcr, x10
    ldr     x10, [x9, #(CTX_FPCR - CTX_Q + 8)]
    msr     fpsr, x10
    ldp     q0, q1, [x9, #0]
    ldp     q2, q3, [x9, #32]
    ldp     q4, q5, [x9, #64]
    ldp     q6, q7, [x9, #96]
    ldp     q8, q9, [x9, #128]
    ldp     q10, q11, [x9, #160]
    ldp     q12, q13, [x9, #192]
    ldp     q14, q15, [x9, #224]
    ldp     q16, q17, [x9, #256]
    ldp     q18, q19, [x9, #288]
    ldp     q20, q21, [x9, #320]
    ldp     q22, q23, [x9, #352]
    ldp     q24, q25, [x9, #384]
    ldp     q26, q27, [x9, #416]
    ldp     q28, q29, [x9, #448]
    ldp     q30, q31, [x9, #480]
.endm

/*
 * void context_switch(struct arch_thread *from, struct arch_thread *to)
 *
 * Saves the caller's callee-saved registers, sp, return address and
 * TPIDR_EL0 into *from and resumes *to where it last called context_switch
 * (or at context_thread_start for a new thread). FP/SIMD state is not
 * touched: arch_fpu_switch (thread.c) looks after it.
 */
    .text
    .globl context_switch
context_switch:
    stp     x19, x20, [x0, #CTX_X19]
    stp     x21, x22, [x0, #CTX_X19 + 16]
    stp     x23, x24, [x0, #CTX_X19 + 32]
    stp     x25, x26, [x0, #CTX_X19 + 48]
    stp     x27, x28, [x0, #CTX_X19 + 64]
    stp     x29, x30, [x0, #CTX_X29]
    mov     x9, sp
    mrs     x10, tpidr_el0
    stp     x9, x10, [x0, #CTX_SP]

    ldp     x9, x10, [x1, #CTX_SP]
    mov     sp, x9
    msr     tpidr_el0, x10
    ldp     x19, x20, [x1, #CTX_X19]
    ldp     x21, x22, [x1, #CTX_X19 + 16]
    ldp     x23, x24, [x1, #CTX_X19 + 32]
    ldp     x25, x26, [x1, #CTX_X19 + 48]
    ldp     x27, x28, [x1, #CTX_X19 + 64]
    ldp     x29, x30, [x1, #CTX_X29]
    ret

/*
 * void fpu_save_regs(struct arch_thread *t), fpu_load_regs(const ... *t):
 * q0-q31, FPCR and FPSR. The kernel itself never uses these registers
 * (-mgeneral-regs-only), so they hold user values; thread.c decides whose
 * and when they move (lazily, on EL0's first FP/SIMD use after a switch).
 */
    .globl fpu_save_regs, fpu_load_regs
fpu_save_regs:
    fp_save x0
    ret

fpu_load_regs:
    fp_load x0
    ret

/*
 * Where a new thread's first context_switch returns to: x19 = the function,
 * x20 = its argument (arch_thread_init put them there). The function must not
 * return; if it does, context_thread_returned() reports it.
 */
    .globl context_thread_start
context_thread_start:
    mov     x0, x20
    mov     x29, xzr                /* end of the frame-pointer chain */
    blr     x19
    bl      context_thread_returned
1:  b       1b
