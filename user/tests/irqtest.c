/* SPDX-License-Identifier: MIT */
/* irqtest.c: test=irq's user driver: IRQ handler refusals, then interrupts of one line as notification bits, each acked. */
#include "jx.h"

/* kernel/ktest_irq.c's slots: IRQ control (RW), a notification (RW), IRQ control read-only. */
enum { IRQCTL = 2, NTFN = 3, IRQCTL_RO = 4, IRQ = 10, IRQ2 = 11 };
#define BIT      0x10u
#define QUIET_NS 20000000ull /* a masked line stays quiet this long */
#define ROUNDS   3

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

int64_t main(uint64_t arg)
{
    unsigned line = arg & 0xfff, kernel_line = (arg >> 12) & 0xfff, lines = (unsigned)(arg >> 24);
    unsigned type, rights;
    uint64_t badge;
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
