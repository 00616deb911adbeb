/* SPDX-License-Identifier: MIT */
/* start.S: arm64 user entry and the raw syscall instruction. */
    .text
/* The kernel enters here with sp 16-byte aligned and x0 = the task argument. */
    .global _start
_start:
    mov x29, #0
    mov x30, #0
    bl jx_start
    udf #0

/* uint64_t jx_syscall(num, a0..a5): x0 = num, x1..x6 = args -> x8 = num, x0..x5. */
    .global jx_syscall
jx_syscall:
    mov x8, x0
    mov x0, x1
    mov x1, x2
    mov x2, x3
    mov x3, x4
    mov x4, x5
    mov x5, x6
    svc #0
    ret

/* jx_error_t jx_syscall_regs(num, uint64_t r[6]): r[0..5] -> x0..x5 and r[1..5] back. */
    .global jx_syscall_regs
jx_syscall_regs:
    mov x8, x0
    mov x9, x1
    ldp x0, x1, [x9]
    ldp x2, x3, [x9, #16]
    ldp x4, x5, [x9, #32]
    svc #0
    stp x0, x1, [x9]            /* r[0] gets the result too; callers do not read it */
    stp x2, x3, [x9, #16]
    stp x4, x5, [x9, #32]
    ret
