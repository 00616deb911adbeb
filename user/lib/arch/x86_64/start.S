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
