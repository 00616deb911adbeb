/* SPDX-License-Identifier: MIT */
/* context.S: kernel thread switch, first entry to user mode, the syscall entry, and user copies with fault recovery. */
#include "layout.h"

#define USER_CS (0x20 | 3)
#define USER_SS (0x18 | 3)
#define RFLAGS_IF 0x200
/* struct x86_percpu (gs:) offsets, see thread.c */
#define PERCPU_KSTACK 0
#define PERCPU_USER_RSP 8

    .text

/*
 * void arch_thread_switch(struct arch_thread *from, struct arch_thread *to)
 * (arch.h): to's kernel stack top becomes the one interrupts (TSS.RSP0) and
 * syscalls (the per-CPU kstack_top) land on; pushes the callee-saved
 * registers, saves rsp in from, loads to's and pops its registers; returns
 * into whatever to was doing (or x86_thread_start). Offsets: thread.c.
 */
#define THREAD_RSP 512
#define THREAD_KSTACK_TOP 520
#define TSS_RSP0 4
    .global arch_thread_switch
arch_thread_switch:
    movq THREAD_KSTACK_TOP(%rsi), %rax
    movq %rax, x86_tss+TSS_RSP0(%rip)
    movq %rax, %gs:PERCPU_KSTACK
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, THREAD_RSP(%rdi)
    movq THREAD_RSP(%rsi), %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret

/* A new thread's first return lands here: r12 = entry, r13 = its argument. */
    .global x86_thread_start
x86_thread_start:
    movq %r13, %rdi
    xorl %ebp, %ebp
    call *%r12
    ud2                         /* entry functions never return */

/*
 * noreturn void x86_enter_user(pc, sp, arg) (arch_enter_user, thread.c): an
 * iret frame to ring 3 with interrupts on; every register but rdi (the
 * argument) is zeroed so no kernel value leaks. swapgs: the kernel's GS base
 * goes to KERNEL_GS_BASE.
 */
    .global x86_enter_user
x86_enter_user:
    pushq $USER_SS
    pushq %rsi
    pushq $RFLAGS_IF
    pushq $USER_CS
    pushq %rdi
    movq %rdx, %rdi
    xorl %eax, %eax
    xorl %ebx, %ebx
    xorl %ecx, %ecx
    xorl %edx, %edx
    xorl %esi, %esi
    xorl %ebp, %ebp
    xorl %r8d, %r8d
    xorl %r9d, %r9d
    xorl %r10d, %r10d
    xorl %r11d, %r11d
    xorl %r12d, %r12d
    xorl %r13d, %r13d
    xorl %r14d, %r14d
    xorl %r15d, %r15d
    swapgs
    iretq

/*
 * SYSCALL: rcx = user rip, r11 = user rflags, IF/TF/DF/AC/NT masked by
 * FMASK, rsp still the user's. The lean entry: a syscall needs no full
 * trap frame, because the C code keeps the callee-saved registers (rbx,
 * rbp, r12-r15) by its ABI and every caller-saved one goes back with a
 * defined value: rax the result, rdi..r9 from the argument array, rcx and
 * r11 by SYSRET. So the frame is, lowest address first: the six argument
 * registers in r0..r5 order (rdi, rsi, rdx, r10, r8, r9: the `regs` of
 * syscall_dispatch, where an IPC partner delivers a message while this
 * thread is blocked), the user rip, rflags and rsp, and the number (which
 * keeps rsp 16-byte aligned for the call). SYSRET unless the return rip
 * is not a low-half canonical address: SYSRET would then #GP in ring 0 on
 * the user stack, so that case takes IRETQ. NMI/#MC can arrive between
 * swapgs and the stack switch; their handlers run on IST stacks and only
 * report and stop, so the GS state does not matter.
 */
    .global x86_syscall_entry
x86_syscall_entry:
    swapgs
    movq %rsp, %gs:PERCPU_USER_RSP
    movq %gs:PERCPU_KSTACK, %rsp
    pushq %rax                  /* the number: padding */
    pushq %gs:PERCPU_USER_RSP
    pushq %r11
    pushq %rcx
    pushq %r9
    pushq %r8
    pushq %r10
    pushq %rdx
    pushq %rsi
    pushq %rdi                  /* rsp = regs[0] */
    movq %rsp, %rsi
    movq %rax, %rdi
    call syscall_dispatch       /* rax = the result */
    popq %rdi
    popq %rsi
    popq %rdx
    popq %r10
    popq %r8
    popq %r9
    popq %rcx                   /* return rip */
    movq %rcx, %r11
    shrq $47, %r11
    jnz 1f
    popq %r11                   /* rflags */
    movq (%rsp), %rsp           /* user rsp: nothing may fault or interrupt from here */
    swapgs
    sysretq
    /* Rebuild an IRETQ frame (rip, cs, rflags, rsp, ss) over the rest. */
1:  popq %r11
    movq $USER_SS, 8(%rsp)      /* over the number */
    pushq %r11
    pushq $USER_CS
    pushq %rcx
    swapgs
    iretq

/*
 * int x86_copy_user(void *dst, const void *src, size_t n): JX_OK, or
 * JX_EFAULT (2) if the copy faulted: x86_trap moves a fault at
 * x86_copy_user_insn to x86_copy_user_fault (the fixup). With SMAP the
 * user access is allowed only between stac and clac.
 */
    .global x86_copy_user, x86_copy_user_insn, x86_copy_user_fault
x86_copy_user:
    cmpb $0, x86_smap_enabled(%rip)
    je 1f
    stac
1:  movq %rdx, %rcx
x86_copy_user_insn:
    rep movsb
    xorl %eax, %eax
    jmp 2f
x86_copy_user_fault:
    movl $2, %eax
2:  cmpb $0, x86_smap_enabled(%rip)
    je 3f
    clac
3:  ret
