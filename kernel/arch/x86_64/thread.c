/* SPDX-License-Identifier: MIT */
/* thread.c: x86-64 thread contexts: initial stack frame and FPU state, switch, entry to user mode, per-CPU data for syscalls. */
#include <stddef.h>
#include "arch.h"
#include "cpu.h"
#include "kstring.h"
#include "x86.h"

/*
 * What GS points at in kernel mode (swapped with the user's GS base at
 * every kernel entry/exit from ring 3); offsets are fixed in context.S.
 */
struct x86_percpu {
    uint64_t kstack_top; /* PERCPU_KSTACK: syscall entry stack */
    uint64_t user_rsp; /* PERCPU_USER_RSP: scratch during syscall entry */
};
static struct x86_percpu percpu;

#define MSR_GS_BASE        0xc0000101
#define MSR_KERNEL_GS_BASE 0xc0000102

/* context.S */
void x86_thread_start(void);
noreturn void x86_enter_user(uintptr_t pc, uintptr_t sp, uint64_t arg);

void x86_percpu_init(void)
{
    wrmsr(MSR_GS_BASE, (uint64_t)&percpu);
    wrmsr(MSR_KERNEL_GS_BASE, 0);
}

/* FCW 0x37f: all x87 exceptions masked; MXCSR 0x1f80: all SSE exceptions masked. */
static void fpu_clean_state(struct arch_thread *t)
{
    memset(t->fxsave, 0, sizeof t->fxsave);
    t->fxsave[0] = 0x7f;
    t->fxsave[1] = 0x03;
    uint32_t mxcsr = 0x1f80;
    memcpy(&t->fxsave[24], &mxcsr, sizeof mxcsr);
}

/* The frame arch_switch pops: r15..rbp, then the return address, which is at top - 8. */
void arch_thread_init(struct arch_thread *t, uintptr_t kstack_top, void (*entry)(void *), void *arg)
{
    uint64_t *sp = (uint64_t *)kstack_top;
    *--sp = (uint64_t)x86_thread_start; /* after ret, rsp = top: 16-byte aligned for the call */
    *--sp = 0; /* rbp */
    *--sp = 0; /* rbx */
    *--sp = (uint64_t)entry; /* r12 */
    *--sp = (uint64_t)arg; /* r13 */
    *--sp = 0; /* r14 */
    *--sp = 0; /* r15 */
    t->rsp = (uint64_t)sp;
    t->kstack_top = kstack_top;
    fpu_clean_state(t);
}

_Static_assert(offsetof(struct arch_thread, fxsave) == 0, "arch_switch in context.S");
_Static_assert(offsetof(struct arch_thread, rsp) == 512, "THREAD_RSP in context.S");
_Static_assert(offsetof(struct arch_thread, kstack_top) == 520, "THREAD_KSTACK_TOP in context.S");
_Static_assert(offsetof(struct x86_percpu, kstack_top) == 0, "PERCPU_KSTACK in context.S");

/* Eager (context.S's arch_switch: FXSAVE64/FXRSTOR64, one instruction each):
 * nothing is kept for later. */
void arch_fpu_forget(struct arch_thread *t) { (void)t; }

noreturn void arch_enter_user(uintptr_t pc, uintptr_t sp, uint64_t arg)
{
    x86_enter_user(pc, sp, arg);
}
