/* SPDX-License-Identifier: MIT */
/* thread.c: arm64 threads: initial context, switching, and the first entry to user mode. */
#include <stddef.h>
#include "arch.h"
#include "kstring.h"
#include "panic.h"

/* context.S and vectors.S. */
void context_switch(struct arch_thread *from, struct arch_thread *to);
void context_thread_start(void);
void context_thread_returned(void);
noreturn void user_enter(uintptr_t pc, uintptr_t sp, uint64_t arg, uintptr_t kstack_top);

_Static_assert(offsetof(struct arch_thread, x19_x28) == 0, "CTX_X19 in context.S");
_Static_assert(offsetof(struct arch_thread, x29) == 80, "CTX_X29 in context.S");
_Static_assert(offsetof(struct arch_thread, sp) == 96, "CTX_SP in context.S");
_Static_assert(offsetof(struct arch_thread, q) == 128, "CTX_Q in context.S");
_Static_assert(offsetof(struct arch_thread, fpcr) == 640, "CTX_FPCR in context.S");

/* The thread running now: its kstack_top is where arch_enter_user builds
 * the user frame. NULL until the first switch. */
static struct arch_thread *running;

void arch_thread_init(struct arch_thread *t, uintptr_t kstack_top,
                      void (*entry)(void *), void *arg)
{
    memset(t, 0, sizeof *t); /* FPCR 0, vector registers 0: no FP state leaks in */
    t->x19_x28[0] = (uint64_t)(uintptr_t)entry;
    t->x19_x28[1] = (uint64_t)(uintptr_t)arg;
    t->x30 = (uint64_t)(uintptr_t)context_thread_start;
    t->sp = kstack_top;
    t->kstack_top = kstack_top;
}

/* On arm64 the kernel stack a trap from EL0 lands on is simply the sp that
 * was current at the eret, so switching stacks here is all it takes. */
void arch_thread_switch(struct arch_thread *from, struct arch_thread *to)
{
    running = to;
    context_switch(from, to);
}

noreturn void arch_enter_user(uintptr_t pc, uintptr_t sp, uint64_t arg)
{
    if (!running)
        panic("arch_enter_user outside a thread");
    user_enter(pc, sp, arg, running->kstack_top);
}

void context_thread_returned(void)
{
    panic("a kernel thread's entry function returned");
}
