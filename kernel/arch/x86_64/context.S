/* SPDX-License-Identifier: MIT */
/* context.S: kernel thread switch (FPU, CR3, stack), first entry to user mode, the syscall entry, and user copies with fault recovery. */
#include "layout.h"

#define USER_CS (0x20 | 3)
#define USER_SS (0x18 | 3)
#define RFLAGS_IF 0x200
/* struct x86_percpu (gs:) offsets, see thread.c */
#define PERCPU_KSTACK 0
#define PERCPU_USER_RSP 8
/* What the identify path reads (checked in syscall.c). */
#define SYS_CAP_IDENTIFY 2
#define CSPACE_SLOTS 64
#define THREAD_TASK 0x230
#define TASK_CSPACE 0x48
#define CAP_OBJ 0
#define CAP_BADGE 8
#define CAP_STATE 16
#define CAP_RIGHTS 17
#define CAP_FULL 1
#define KOBJ_TYPE 0

    .text

/*
 * void arch_switch(struct arch_thread *from, struct arch_thread *to,
 *                  struct arch_vspace *as) (arch.h): the user FPU/SSE state
 * moves at once (FXSAVE64/FXRSTOR64, the area at offset 0, 16-byte
 * aligned); CR3 becomes as's PML4 (NULL: the kernel's, x86_kernel_pml4)
 * unless it already is, and kernel pages are global, so they stay in the
 * TLB; to's kernel stack top becomes the one interrupts (TSS.RSP0) and
 * syscalls (the per-CPU kstack_top) land on; pushes the callee-saved
 * registers, saves rsp in from, loads to's and pops its registers; returns
 * into whatever to was doing (or x86_thread_start). Offsets: thread.c.
 */
#define THREAD_RSP 512
#define THREAD_KSTACK_TOP 520
#define TSS_RSP0 4
    .global arch_switch
arch_switch:
    fxsave64 (%rdi)
    fxrstor64 (%rsi)
    testq %rdx, %rdx
    jz 3f
    movq (%rdx), %rax           /* as->pml4 */
1:  movq %cr3, %rcx
    cmpq %rax, %rcx
    je 2f
    movq %rax, %cr3
2:  movq THREAD_KSTACK_TOP(%rsi), %rax
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
3:  pushq %rdi                  /* a kernel thread: the rare case */
    pushq %rsi
    pushq %rdx                  /* keeps rsp 16-byte aligned for the call */
    call x86_kernel_pml4
    popq %rdx
    popq %rsi
    popq %rdi
    jmp 1b

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
    cmpq $SYS_CAP_IDENTIFY, %rax
    je x86_syscall_identify
x86_syscall_general:
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
 * JX_SYS_CAP_IDENTIFY of a full slot, straight from the entry: the null
 * syscall, and so the cost of a kernel entry itself (issue #18). It reads
 * three words of kernel memory and returns, so it needs no stack, no
 * swapgs and no saved register: rdi (the handle) is kept, rsi/rdx/r10 get
 * type, rights and badge only once every check passed, r8/r9 are never
 * touched and rcx/r11 are SYSRET's. Interrupts stay masked (FMASK) and
 * NMI/#MC run on IST stacks, so running on the user's rsp is safe. Any other
 * case (a handle past the table, an empty or stale slot) goes to the
 * general entry with rax = the number again and every register as the user
 * left it, and gets its error from C (syscall.c's table). SYSRET needs no
 * canonical check here: rcx is the address after this task's own syscall
 * instruction, on a user page below ARCH_USER_TOP (2^47 - 4 KiB).
 */
x86_syscall_identify:
    cmpq $CSPACE_SLOTS - 1, %rdi
    ja x86_syscall_general
    movq sched_now(%rip), %rax
    movq THREAD_TASK(%rax), %rax
    movq TASK_CSPACE(%rax), %rax
    shlq $3, %rdi               /* a slot is 56 bytes: 64 h - 8 h, with rdi */
    leaq (%rax,%rdi,8), %rax    /* the only free register, and h back after */
    subq %rdi, %rax
    shrq $3, %rdi
    cmpb $CAP_FULL, CAP_STATE(%rax)
    jne 1f
    movzbl CAP_RIGHTS(%rax), %edx
    movq CAP_BADGE(%rax), %r10
    movq CAP_OBJ(%rax), %rax
    movl KOBJ_TYPE(%rax), %esi
    xorl %eax, %eax
    sysretq
1:  movl $SYS_CAP_IDENTIFY, %eax
    jmp x86_syscall_general

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
