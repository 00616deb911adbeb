/* SPDX-License-Identifier: MIT */
/* ktest_irq.c: the IRQ handler boot test: a task with the root's table claims a line from its IRQ control, binds it to a notification and takes interrupts a test source raises; a task without IRQ control claims nothing. */
#include <stdbool.h>
#include "arch.h"
#include "clock.h"
#include "config.h"
#include "frame.h"
#include "irq_handler.h"
#include "kobj.h"
#include "kprintf.h"
#include "ktest_core.h"
#include "ktimer.h"
#include "root.h"
#include "sched.h"
#include "task.h"

/* user/tests/irqtest.c's slots past the root's (it repeats these) and its roles. */
enum { SLOT_NTFN = 4, SLOT_IRQCTL_RO = 5 };
enum { ROOT_NTFN = 2 };
#define IRQ_TEST_NONE      (1ull << 40) /* the role without IRQ control */
#define IRQ_TEST_PERIOD_NS 1000000ull /* the source raises the line every 1 ms */

static struct ktimer source;

/* The test device: raises the line every period (arch_irq_test_raise honours the mask). */
static void source_fire(struct ktimer *t)
{
    arch_irq_test_raise(ARCH_IRQ_TEST_LINE);
    ktimer_arm(t, clock_now_ns() + IRQ_TEST_PERIOD_NS);
}

static bool give(struct task *t, unsigned slot, struct cap_slot *src, unsigned rights)
{
    jx_error_t err = task_give_cap(t, slot, src, rights, 0);
    if (err != JX_OK)
        kprintf("irq: cannot give slot %u: error %d\n", slot, err);
    return err == JX_OK;
}

/*
 * The irqtest driver with the root's own table (root_give_caps: what
 * kernel/root.c gives the user-mode root, IRQ control in
 * JX_ROOT_SLOT_IRQ_CONTROL), the notification and a read-only IRQ control;
 * or, for IRQ_TEST_NONE, with only the console, the clock and the
 * notification. Its exit code; -1 if it could not be made.
 */
static int64_t run_driver(uint64_t arg)
{
    bool none = arg & IRQ_TEST_NONE;
    struct task *t = ktest_create(none ? "irqnone" : "irqtest", "irqtest", arg, 60, 0, none);
    if (!t)
        return -1;
    struct cap_slot *irqctl = &t->cspace->slot[JX_ROOT_SLOT_IRQ_CONTROL];
    bool bad = !give(t, SLOT_NTFN, ktest_root_slot(ROOT_NTFN), JX_RIGHT_READ | JX_RIGHT_WRITE);
    if (!none && !bad) {
        jx_error_t err = root_give_caps(t);
        if (err != JX_OK)
            kprintf("irq: cannot give the root's table: error %d\n", err);
        bad = err != JX_OK || !give(t, SLOT_IRQCTL_RO, irqctl, JX_RIGHT_READ);
    }
    if (bad) {
        task_kill(t);
        ktest_reap(t, 0, 0);
        return -1;
    }
    task_start(t);
    return ktest_reap(t, 0, 0);
}

/* The first line the kernel keeps for itself (the test asks for it and must be refused). */
static unsigned kernel_line(void)
{
    for (unsigned l = 0; l < arch_irq_lines(); l++)
        if (arch_irq_kernel_owned(l))
            return l;
    return 0;
}

bool ktest_irq(void)
{
    size_t frames = frame_free_count();
    struct kobj *n = ktest_new_ipc_object(JX_OBJ_NOTIFICATION);
    if (!n)
        return true;
    cap_install(ktest_root_slot(ROOT_NTFN), n, JX_RIGHTS_ALL, 0);
    unsigned lines = arch_irq_lines() < CONFIG_IRQ_LINES ? arch_irq_lines() : CONFIG_IRQ_LINES;
    uint64_t arg = ARCH_IRQ_TEST_LINE | (uint64_t)kernel_line() << 12 | (uint64_t)lines << 24;
    bool bad = run_driver(arg | IRQ_TEST_NONE) != 0;
    ktimer_init(&source, source_fire);
    ktimer_arm(&source, clock_now_ns() + IRQ_TEST_PERIOD_NS);
    sched_rearm();
    bad |= run_driver(arg) != 0;
    ktimer_cancel(&source);
    const struct irq_handler *h = irq_handler_of(ARCH_IRQ_TEST_LINE);
    kprintf("irq: line %u: %llu interrupts delivered, claimed after the test: %s\n",
            ARCH_IRQ_TEST_LINE, (unsigned long long)h->delivered, h->claimed ? "yes" : "no");
    bad |= h->claimed || h->delivered < 3;
    cap_delete(ktest_root_slot(ROOT_NTFN));
    bad |= kobj_count(JX_OBJ_IRQ) != 0 || kobj_count(JX_OBJ_NOTIFICATION) != 0;
    return bad | ktest_check_frames("irq", frames);
}
