/* SPDX-License-Identifier: MIT */
/* thread.c: arm64 threads: initial context, switching, and the first entry to user mode. */
#include <stddef.h>
#include "arch.h"
#include "kstring.h"
#include "panic.h"
#include "sysreg.h"
#include "trap.h"

/* context.S and vectors.S. */
void context_switch(struct arch_thread *from, struct arch_thread *to);
void context_thread_start(void);
void context_thread_returned(void);
noreturn void user_enter(uintptr_t pc, uintptr_t sp, uint64_t arg, uintptr_t kstack_top);
void fpu_save_regs(struct arch_thread *t);
void fpu_load_regs(const struct arch_thread *t);

_Static_assert(offsetof(struct arch_thread, x19_x28) == 0, "CTX_X19 in context.S");
_Static_assert(offsetof(struct arch_thread, x29) == 80, "CTX_X29 in context.S");
_Static_assert(offsetof(struct arch_thread, sp) == 96, "CTX_SP in context.S");
_Static_assert(offsetof(struct arch_thread, q) == 128, "CTX_Q in context.S");
_Static_assert(offsetof(struct arch_thread, fpcr) == 640, "CTX_FPCR in context.S");

/* The thread running now: its kstack_top is where arch_enter_user builds
 * the user frame. NULL until the first switch. */
static struct arch_thread *running;

void arch_thread_init(struct arch_thread *t, uintptr_t kstack_top, void (*entry)(void *), void *arg)
{
    memset(t, 0, sizeof *t); /* FPCR 0, vector registers 0: no FP state leaks in */
    t->x19_x28[0] = (uint64_t)(uintptr_t)entry;
    t->x19_x28[1] = (uint64_t)(uintptr_t)arg;
    t->x30 = (uint64_t)(uintptr_t)context_thread_start;
    t->sp = kstack_top;
    t->kstack_top = kstack_top;
}

/*
 * Lazy FP/SIMD: fpu_owner is the thread whose values the registers hold
 * (NULL: nobody's); EL0 may use them (CPACR_EL1.FPEN = 0b11) only while
 * that thread runs, else its first FP/SIMD instruction traps (FPEN = 0b01:
 * EL0 traps, EL1 not) and arch_fpu_trap moves the registers. EL1 never
 * uses them. The CPACR write takes effect at the eret back to EL0.
 */
static struct arch_thread *fpu_owner;
static bool fpu_el0_on = true;         /* cpu_init leaves FPEN = 0b11 */

static void fpu_el0_access(bool on)
{
    if (on == fpu_el0_on)
        return;
    fpu_el0_on = on;
    uint64_t cpacr;
    __asm__ volatile("mrs %0, cpacr_el1" : "=r"(cpacr));
    cpacr = (cpacr & ~CPACR_EL1_FPEN) | (on ? CPACR_EL1_FPEN : CPACR_EL1_FPEN_EL1);
    __asm__ volatile("msr cpacr_el1, %0" ::"r"(cpacr));
}

void arch_fpu_forget(struct arch_thread *t)
{
    if (fpu_owner == t)
        fpu_owner = 0;
}

void arch_fpu_trap(void)
{
    if (fpu_owner != running) {
        if (fpu_owner)
            fpu_save_regs(fpu_owner);
        fpu_load_regs(running);
        fpu_owner = running;
    }
    fpu_el0_access(true);
    __asm__ volatile("isb");
}

/* On arm64 the kernel stack a trap from EL0 lands on is simply the sp that
 * was current at the eret, so switching stacks here is all it takes. */
void arch_switch(struct arch_thread *from, struct arch_thread *to, struct arch_vspace *as)
{
    fpu_el0_access(to == fpu_owner);
    arch_vspace_switch(as);
    running = to;
    context_switch(from, to);
}

noreturn void arch_enter_user(uintptr_t pc, uintptr_t sp, uint64_t arg)
{
    if (!running)
        panic("arch_enter_user outside a thread");
    user_enter(pc, sp, arg, running->kstack_top);
}

void context_thread_returned(void) { panic("a kernel thread's entry function returned"); }
