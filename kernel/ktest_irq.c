/* SPDX-License-Identifier: MIT */
/* ktest_irq.c: the IRQ handler boot test: a user task claims a line from IRQ control, binds it to a notification, and takes interrupts a test source raises. */
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
#include "sched.h"
#include "task.h"

/* user/tests/irqtest.c's slots (it repeats these). */
enum { SLOT_IRQCTL = 2, SLOT_NTFN = 3, SLOT_IRQCTL_RO = 4 };
enum { ROOT_IRQCTL = 2, ROOT_NTFN = 3 };
#define IRQ_TEST_PERIOD_NS 1000000ull /* the source raises the line every 1 ms */

static struct ktimer source;

/* The test device: raises the line every period (arch_irq_test_raise honours the mask). */
static void source_fire(struct ktimer *t)
{
    arch_irq_test_raise(ARCH_IRQ_TEST_LINE);
    ktimer_arm(t, clock_now_ns() + IRQ_TEST_PERIOD_NS);
}

static bool give(struct task *t, unsigned slot, unsigned root, unsigned rights)
{
    jx_error_t err = task_give_cap(t, slot, ktest_root_slot(root), rights, 0);
    if (err != JX_OK)
        kprintf("irq: cannot give slot %u: error %d\n", slot, err);
    return err == JX_OK;
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
    cap_install(ktest_root_slot(ROOT_IRQCTL), &irq_control_obj, JX_RIGHTS_ALL, 0);
    cap_install(ktest_root_slot(ROOT_NTFN), n, JX_RIGHTS_ALL, 0);
    unsigned lines = arch_irq_lines() < CONFIG_IRQ_LINES ? arch_irq_lines() : CONFIG_IRQ_LINES;
    uint64_t arg = ARCH_IRQ_TEST_LINE | (uint64_t)kernel_line() << 12 | (uint64_t)lines << 24;
    struct task *t = ktest_create("irqtest", "irqtest", arg, 60, 0, true);
    bool bad = !t || !give(t, SLOT_IRQCTL, ROOT_IRQCTL, JX_RIGHT_READ | JX_RIGHT_WRITE) ||
               !give(t, SLOT_NTFN, ROOT_NTFN, JX_RIGHT_READ | JX_RIGHT_WRITE) ||
               !give(t, SLOT_IRQCTL_RO, ROOT_IRQCTL, JX_RIGHT_READ);
    if (!bad) {
        ktimer_init(&source, source_fire);
        ktimer_arm(&source, clock_now_ns() + IRQ_TEST_PERIOD_NS);
        sched_rearm();
        task_start(t);
        bad = ktest_reap(t, 0, 0) != 0;
        ktimer_cancel(&source);
    }
    const struct irq_handler *h = irq_handler_of(ARCH_IRQ_TEST_LINE);
    kprintf("irq: line %u: %llu interrupts delivered, claimed after the test: %s\n",
            ARCH_IRQ_TEST_LINE, (unsigned long long)h->delivered, h->claimed ? "yes" : "no");
    bad |= h->claimed || h->delivered < 3;
    cap_delete(ktest_root_slot(ROOT_IRQCTL));
    cap_delete(ktest_root_slot(ROOT_NTFN));
    bad |= kobj_count(JX_OBJ_IRQ) != 0 || kobj_count(JX_OBJ_NOTIFICATION) != 0;
    return bad | ktest_check_frames("irq", frames);
}
