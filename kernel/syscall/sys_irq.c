/* SPDX-License-Identifier: MIT */
/* sys_irq.c: decode/invoke of the IRQ handler calls: get a handler from IRQ control, bind it to a notification, ack. */
#include "irq_handler.h"
#include "sys.h"

/* (irqctl, line, dst): the line must exist, be no kernel line and be unclaimed; dst free. */
jx_error_t decode_irq_get(const uint64_t *raw, union sys_args *a)
{
    struct cspace *cs = sys_cspace();
    struct cap_slot *ctl;
    jx_error_t err = cap_lookup(cs, raw[0], JX_OBJ_IRQ_CONTROL, JX_RIGHT_WRITE, &ctl);
    if (err == JX_OK)
        err = irq_handler_check(raw[1]);
    if (err == JX_OK)
        err = cap_dest(cs, raw[2], &a->irq.dst);
    a->irq.line = raw[1];
    return err;
}

/* The handler's capability is an original (no parent): IRQ control is not revoked through it. */
void invoke_irq_get(const union sys_args *a)
{
    struct irq_handler *h = irq_handler_claim((unsigned)a->irq.line);
    cap_install(a->irq.dst, &h->obj, JX_RIGHTS_ALL & ~JX_RIGHT_EXEC, 0);
}

static jx_error_t decode_handler(const uint64_t *raw, union sys_args *a)
{
    struct cap_slot *s;
    jx_error_t err = cap_lookup(sys_cspace(), raw[0], JX_OBJ_IRQ, JX_RIGHT_WRITE, &s);
    a->irq.h = err == JX_OK ? (struct irq_handler *)s->obj : 0;
    return err;
}

/* (irq, ntfn, bits): ntfn JX_CAP_NONE unbinds; else bits must not be 0. */
jx_error_t decode_irq_bind(const uint64_t *raw, union sys_args *a)
{
    jx_error_t err = decode_handler(raw, a);
    a->irq.n = 0;
    a->irq.bits = raw[2];
    if (err != JX_OK || raw[1] == JX_CAP_NONE)
        return err;
    struct cap_slot *s;
    err = cap_lookup(sys_cspace(), raw[1], JX_OBJ_NOTIFICATION, JX_RIGHT_WRITE, &s);
    if (err == JX_OK && raw[2] == 0)
        return JX_EINVAL;
    if (err == JX_OK)
        a->irq.n = (struct notification *)s->obj;
    return err;
}

void invoke_irq_bind(const union sys_args *a) { irq_handler_bind(a->irq.h, a->irq.n, a->irq.bits); }

jx_error_t decode_irq_ack(const uint64_t *raw, union sys_args *a) { return decode_handler(raw, a); }

void invoke_irq_ack(const union sys_args *a) { irq_handler_ack(a->irq.h); }
