/* SPDX-License-Identifier: MIT */
/* start.S: x86-64 user entry and the raw syscall instruction. */
    .text
/* The kernel enters here with rsp 16-byte aligned and rdi = the task argument. */
    .global _start
_start:
    xorl %ebp, %ebp
    call jx_start               /* the call leaves rsp as a C function expects it */
    ud2

/* uint64_t jx_syscall(num, a0..a5): SysV args rdi,rsi,rdx,rcx,r8,r9 + stack -> rax,rdi,rsi,rdx,r10,r8,r9. */
    .global jx_syscall
jx_syscall:
    movq %rdi, %rax
    movq %rsi, %rdi
    movq %rdx, %rsi
    movq %rcx, %rdx
    movq %r8, %r10
    movq %r9, %r8
    movq 8(%rsp), %r9
    syscall                     /* clobbers rcx, r11 */
    ret

/* jx_error_t jx_syscall_regs(num, uint64_t r[6]): r[0..5] -> rdi,rsi,rdx,r10,r8,r9 and back. */
    .global jx_syscall_regs
jx_syscall_regs:
    pushq %rbx
    movq %rsi, %rbx
    movq %rdi, %rax
    movq 0(%rbx), %rdi
    movq 8(%rbx), %rsi
    movq 16(%rbx), %rdx
    movq 24(%rbx), %r10
    movq 32(%rbx), %r8
    movq 40(%rbx), %r9
    syscall                     /* clobbers rcx, r11 */
    movq %rsi, 8(%rbx)
    movq %rdx, 16(%rbx)
    movq %r10, 24(%rbx)
    movq %r8, 32(%rbx)
    movq %r9, 40(%rbx)
    popq %rbx
    ret
