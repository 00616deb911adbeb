/* SPDX-License-Identifier: MIT */
/* vectors.S: the EL1 exception vector table: save every register, call trap_handle(). */

#include "layout.h"

/* struct trap_frame in trap.h: x0-x30, sp, elr, spsr, esr, far. */
#define TRAP_FRAME_SIZE (36 * 8)
#define FRAME_ELR  (32 * 8)
#define FRAME_ESR  (34 * 8)
#define TRAP_STACK_OVERFLOW 16      /* trap.h */

/*
 * Each of the 16 entries (4 kinds x 4 origins) has 128 bytes: enough to
 * make room for the frame, check that this did not run off the stack (see
 * layout.h) without touching memory or losing a register (x0 is borrowed
 * through sp), push the frame's first registers and branch to the common
 * code with the entry's index in x0.
 *
 * On overflow the faulting sp is kept in SP_EL0 (unused by the kernel; a
 * fatal report does not need it back) and the report runs on the
 * emergency stack; x0 is lost.
 */
.macro ventry index
    .balign 0x80
    sub     sp, sp, #TRAP_FRAME_SIZE
    add     sp, sp, x0              /* sp = new sp + x0 */
    sub     x0, sp, x0              /* x0 = new sp */
    tbnz    x0, #STACK_OVERFLOW_BIT, 1f
    sub     x0, sp, x0              /* x0 = x0 */
    sub     sp, sp, x0              /* sp = new sp */
    stp     x0, x1, [sp, #0]
    mov     x0, #\index
    b       trap_entry
1:  msr     sp_el0, x0
    ldr     x0, =emergency_stack_top
    mov     sp, x0
    sub     sp, sp, #TRAP_FRAME_SIZE
    stp     x0, x1, [sp, #0]
    mov     x0, #(\index | TRAP_STACK_OVERFLOW)
    b       trap_entry
.endm

    .text
    .balign 0x800                   /* VBAR_EL1 needs 2 KiB alignment */
    .globl exception_vectors
exception_vectors:
    .irp    i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    ventry  \i
    .endr

trap_entry:
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    stp     x18, x19, [sp, #144]
    stp     x20, x21, [sp, #160]
    stp     x22, x23, [sp, #176]
    stp     x24, x25, [sp, #192]
    stp     x26, x27, [sp, #208]
    stp     x28, x29, [sp, #224]
    add     x1, sp, #TRAP_FRAME_SIZE
    stp     x30, x1, [sp, #(30 * 8)]
    mrs     x1, elr_el1
    mrs     x2, spsr_el1
    stp     x1, x2, [sp, #FRAME_ELR]
    mrs     x1, esr_el1
    mrs     x2, far_el1
    stp     x1, x2, [sp, #FRAME_ESR]
    mov     x1, x0
    mov     x0, sp
    bl      trap_handle
    /* Handled: resume where the exception hit, ELR/SPSR possibly updated. */
    ldp     x1, x2, [sp, #FRAME_ELR]
    msr     elr_el1, x1
    msr     spsr_el1, x2
    ldp     x0, x1, [sp, #0]
    ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    ldp     x8, x9, [sp, #64]
    ldp     x10, x11, [sp, #80]
    ldp     x12, x13, [sp, #96]
    ldp     x14, x15, [sp, #112]
    ldp     x16, x17, [sp, #128]
    ldp     x18, x19, [sp, #144]
    ldp     x20, x21, [sp, #160]
    ldp     x22, x23, [sp, #176]
    ldp     x24, x25, [sp, #192]
    ldp     x26, x27, [sp, #208]
    ldp     x28, x29, [sp, #224]
    ldr     x30, [sp, #(30 * 8)]
    add     sp, sp, #TRAP_FRAME_SIZE
    eret
