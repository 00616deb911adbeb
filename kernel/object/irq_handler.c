/* SPDX-License-Identifier: MIT */
/* irq_handler.c: IRQ handlers: claim a line from IRQ control, bind it to a notification, ack (unmask), deliver interrupts as signals. */
#include "arch.h"
#include "config.h"
#include "irq_handler.h"
#include "notification.h"

struct kobj irq_control_obj = { .type = JX_OBJ_IRQ_CONTROL, .permanent = 1 };

static struct irq_handler handlers[CONFIG_IRQ_LINES];

jx_error_t irq_handler_check(uint64_t line)
{
    if (line >= arch_irq_lines() || line >= CONFIG_IRQ_LINES)
        return JX_EINVAL;
    if (arch_irq_kernel_owned((unsigned)line) || handlers[line].claimed)
        return JX_EBUSY;
    return JX_OK;
}

struct irq_handler *irq_handler_claim(unsigned line)
{
    struct irq_handler *h = &handlers[line];
    kobj_init(&h->obj, JX_OBJ_IRQ);
    h->line = line;
    h->claimed = true;
    h->ntfn = 0;
    h->bits = 0;
    arch_irq_mask(line);
    return h;
}

void irq_handler_bind(struct irq_handler *h, struct notification *n, uint64_t bits)
{
    h->ntfn = n;
    h->bits = n ? bits : 0;
}

void irq_handler_ack(struct irq_handler *h) { arch_irq_unmask(h->line); }

void irq_handler_destroy(struct irq_handler *h)
{
    arch_irq_mask(h->line);
    h->ntfn = 0;
    h->claimed = false;
}

void irq_handler_forget(struct notification *n)
{
    for (unsigned i = 0; i < CONFIG_IRQ_LINES; i++)
        if (handlers[i].claimed && handlers[i].ntfn == n)
            handlers[i].ntfn = 0;
}

/* An unclaimed line never interrupts (it stays masked); one that does anyway is left masked. */
void irq_deliver(unsigned line)
{
    if (line >= CONFIG_IRQ_LINES || !handlers[line].claimed)
        return;
    struct irq_handler *h = &handlers[line];
    h->delivered++;
    if (h->ntfn)
        notification_signal(h->ntfn, h->bits);
}

const struct irq_handler *irq_handler_of(unsigned line)
{
    return line < CONFIG_IRQ_LINES ? &handlers[line] : 0;
}
