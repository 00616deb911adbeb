/* SPDX-License-Identifier: MIT */
/* vectors.S: exception and interrupt entry stubs; they build a struct trap_frame and call x86_trap. */
#include "trapregs.h"

/*
 * The CPU pushes an error code for some vectors only; the stubs push a zero
 * for the others so every frame has the same layout (trap.h).
 */
.macro stub vector, has_error
    .p2align 4
x86_vector_\vector:
    .if \has_error == 0
    pushq $0
    .endif
    pushq $\vector
    jmp trap_common
.endm

    .text
    stub 0, 0
    stub 1, 0
    stub 2, 0
    stub 3, 0
    stub 4, 0
    stub 5, 0
    stub 6, 0
    stub 7, 0
    stub 8, 1
    stub 9, 0
    stub 10, 1
    stub 11, 1
    stub 12, 1
    stub 13, 1
    stub 14, 1
    stub 15, 0
    stub 16, 0
    stub 17, 1
    stub 18, 0
    stub 19, 0
    stub 20, 0
    stub 21, 1
    stub 22, 0
    stub 23, 0
    stub 24, 0
    stub 25, 0
    stub 26, 0
    stub 27, 0
    stub 28, 0
    stub 29, 1
    stub 30, 1
    stub 31, 0
    /* Interrupts (x86.h: X86_VEC_*): the LAPIC timer, COM1, spurious. */
    stub 32, 0
    /* IOAPIC inputs 0-23 for IRQ handlers: X86_VEC_LINE0 (48) + n. */
    .irp v, 48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70,71
    stub \v, 0
    .endr
    stub 33, 0
    stub 255, 0

/*
 * Saves every general register (struct trap_frame), calls x86_trap(frame).
 * From ring 3 (the saved CS's low bits), swapgs on the way in and out so
 * that GS is the kernel's per-CPU data exactly while in ring 0, and clac
 * (interrupt gates leave AC as ring 3 had it; iretq restores it).
 */
trap_common:
    testb $3, 24(%rsp)          /* cs, above vector, error and rip */
    jz 1f
    swapgs
    /* Ring 3 may have set RFLAGS.AC, which would switch SMAP off in here. */
    cmpb $0, x86_smap_enabled(%rip)
    je 1f
    clac
1:  PUSH_TRAP_REGS
    mov %rsp, %rdi
    cld
    /* 22 quadwords on a 16-byte aligned stack: still aligned for the call. */
    call x86_trap
    POP_TRAP_REGS
    add $16, %rsp               /* vector and error code */
    testb $3, 8(%rsp)           /* cs */
    jz 2f
    swapgs
2:  iretq

    .section .rodata
    .p2align 3
    .global x86_exception_stubs
x86_exception_stubs:
    .irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    .quad x86_vector_\v
    .endr
    .global x86_irq_stubs
x86_irq_stubs:                  /* X86_VEC_TIMER, X86_VEC_SERIAL, X86_VEC_SPURIOUS */
    .quad x86_vector_32, x86_vector_33, x86_vector_255
    .global x86_line_stubs
x86_line_stubs:                 /* X86_VEC_LINE0 + 0 .. 23 */
    .irp v, 48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70,71
    .quad x86_vector_\v
    .endr
