/* SPDX-License-Identifier: MIT */
/* irqtest.c: test=irq's user driver: the root's IRQ control, IRQ handler refusals, then interrupts of one line as notification bits, each acked; and a task without IRQ control refused. */
#include "jx.h"

/*
 * kernel/ktest_irq.c's slots: the root's table (IRQ control in
 * JX_ROOT_SLOT_IRQ_CONTROL), a notification (RW), IRQ control read-only;
 * with ROLE_NONE only the console, the clock and the notification.
 */
enum { IRQCTL = JX_ROOT_SLOT_IRQ_CONTROL, NTFN = 4, IRQCTL_RO = 5, IRQ = 10, IRQ2 = 11 };
#define ROLE_NONE (1ull << 40)
#define BIT       0x10u
#define QUIET_NS  20000000ull /* a masked line stays quiet this long */
#define ROUNDS    3

static int bad;

static void expect(const char *what, jx_error_t got, jx_error_t want)
{
    if (got != want) {
        printf("irq: %s: error %d, expected %d\n", what, got, want);
        bad = 1;
    }
}

/* Claims from IRQ control that must fail, each with its own error. */
static void refusals(unsigned line, unsigned kernel_line, unsigned lines)
{
    expect("the kernel's own line", jx_irq_get(IRQCTL, kernel_line, IRQ), JX_EBUSY);
    expect("a line past the last", jx_irq_get(IRQCTL, lines, IRQ), JX_EINVAL);
    expect("IRQ control without WRITE", jx_irq_get(IRQCTL_RO, line, IRQ), JX_EPERM);
    expect("a notification as IRQ control", jx_irq_get(NTFN, line, IRQ), JX_ETYPE);
    expect("ack of an empty slot", jx_irq_ack(IRQ), JX_EEMPTY);
}

/* One interrupt arrives as BIT once the line is acked; none while it is masked. */
static void interrupts(void)
{
    uint64_t bits = 0;
    expect("bind with no bits", jx_irq_bind(IRQ, NTFN, 0), JX_EINVAL);
    expect("bind", jx_irq_bind(IRQ, NTFN, BIT), JX_OK);
    expect("wait before the first ack", jx_wait(NTFN, &bits, QUIET_NS), JX_ETIMEDOUT);
    for (int i = 0; i < ROUNDS; i++) {
        expect("ack", jx_irq_ack(IRQ), JX_OK);
        expect("wait for the interrupt", jx_wait(NTFN, &bits, 2000000000ull), JX_OK);
        if (bits != BIT) {
            printf("irq: got bits %llx\n", (unsigned long long)bits);
            bad = 1;
        }
        if (i == 0)
            expect("wait while masked", jx_wait(NTFN, &bits, QUIET_NS), JX_ETIMEDOUT);
    }
    printf("irq: %d interrupts arrived as notifications, each after an ack\n", ROUNDS);
}

/* A task the root gave no IRQ control: nothing it holds claims, binds or acks a line. */
static int64_t without_irq_control(unsigned line)
{
    expect("a claim through an empty slot", jx_irq_get(IRQCTL, line, IRQ), JX_EEMPTY);
    expect("a claim through a notification", jx_irq_get(NTFN, line, IRQ), JX_ETYPE);
    expect("a bind of a notification", jx_irq_bind(NTFN, NTFN, BIT), JX_ETYPE);
    expect("an ack of a notification", jx_irq_ack(NTFN), JX_ETYPE);
    if (!bad)
        printf("irq: a task without IRQ control claimed, bound and acked nothing\n");
    return bad;
}

int64_t main(uint64_t arg)
{
    unsigned line = arg & 0xfff, kernel_line = (arg >> 12) & 0xfff,
             lines = (unsigned)(arg >> 24) & 0xffff;
    unsigned type = 0, rights = 0;
    uint64_t badge;
    if (arg & ROLE_NONE)
        return without_irq_control(line);
    expect("the root's IRQ control", jx_cap_identify(IRQCTL, &type, &rights, &badge), JX_OK);
    if (type != JX_OBJ_IRQ_CONTROL || !(rights & JX_RIGHT_WRITE)) {
        printf("irq: slot %d holds type %u rights %u, not IRQ control\n", IRQCTL, type, rights);
        bad = 1;
    } else {
        printf("irq: the root's table holds IRQ control (WRITE) in slot %d\n", IRQCTL);
    }
    refusals(line, kernel_line, lines);
    expect("claim", jx_irq_get(IRQCTL, line, IRQ), JX_OK);
    expect("claim it twice", jx_irq_get(IRQCTL, line, IRQ2), JX_EBUSY);
    expect("identify", jx_cap_identify(IRQ, &type, &rights, &badge), JX_OK);
    if (type != JX_OBJ_IRQ)
        bad = 1;
    interrupts();
    /* The last capability gone, the line is free (and masked) again. */
    expect("delete", jx_cap_delete(IRQ), JX_OK);
    expect("claim again", jx_irq_get(IRQCTL, line, IRQ2), JX_OK);
    expect("delete again", jx_cap_delete(IRQ2), JX_OK);
    return bad;
}
