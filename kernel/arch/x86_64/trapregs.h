/* SPDX-License-Identifier: MIT */
/* trapregs.h: assembler macros that push and pop the general registers of a struct trap_frame (trap.h). */
#pragma once
/*
 * The order is struct trap_frame's, from its end back: rax first (highest
 * address), r15 last (lowest, where the C handler's pointer points). Used
 * by the exception/interrupt entry (vectors.S); the syscall entry
 * (context.S) keeps a smaller frame of its own.
 */
/* Assembler, not C: the formatter must leave it alone. */
/* clang-format off */
#ifdef __ASSEMBLER__
.macro PUSH_TRAP_REGS
    pushq %rax
    pushq %rbx
    pushq %rcx
    pushq %rdx
    pushq %rsi
    pushq %rdi
    pushq %rbp
    pushq %r8
    pushq %r9
    pushq %r10
    pushq %r11
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
.endm

.macro POP_TRAP_REGS
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %r11
    popq %r10
    popq %r9
    popq %r8
    popq %rbp
    popq %rdi
    popq %rsi
    popq %rdx
    popq %rcx
    popq %rbx
    popq %rax
.endm
/* clang-format on */
#endif
