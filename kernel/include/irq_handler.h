/* SPDX-License-Identifier: MIT */
/* irq_handler.h: the IRQ handler object (one interrupt line delivered as notification bits) and the IRQ control object that hands them out. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "kobj.h"
#include "jericho/error.h"

struct notification;

/*
 * One per line the arch offers (arch_irq_lines()), in a static table: an
 * IRQ handler is not memory a quota pays for, it is the right to one line,
 * held by at most one capability tree at a time. A claimed line is masked
 * until its holder acks; each interrupt masks it again (the arch does, before
 * the EOI) and signals `bits` on the bound notification.
 */
struct irq_handler {
    struct kobj obj; /* first; JX_OBJ_IRQ while claimed */
    unsigned line;
    bool claimed; /* a capability names it */
    struct notification *ntfn; /* bound notification, or NULL */
    uint64_t bits;
    uint64_t delivered; /* interrupts taken on this line since boot (tests) */
};

/* The IRQ control object: a permanent singleton the root holds (kernel/object/irq_handler.c). */
extern struct kobj irq_control_obj;

/* May `line` be claimed? JX_EINVAL: no such line; JX_EBUSY: the kernel's own (timer, console) or claimed already. */
jx_error_t irq_handler_check(uint64_t line);
/* Claims a line irq_handler_check accepted: the handler (masked, unbound) to install a capability to. */
struct irq_handler *irq_handler_claim(unsigned line);
/* Interrupts of h signal bits on n (n NULL: unbound; they are then dropped). */
void irq_handler_bind(struct irq_handler *h, struct notification *n, uint64_t bits);
/* Unmasks h's line: the next interrupt may come. */
void irq_handler_ack(struct irq_handler *h);
/* The last capability to h is gone: masked, unbound, free to be claimed again. */
void irq_handler_destroy(struct irq_handler *h);
/* n is being destroyed: every handler bound to it is unbound. */
void irq_handler_forget(struct notification *n);
/* Called by the arch for an interrupt on a user line, which it has masked and EOIed. */
void irq_deliver(unsigned line);
/* Boot tests: the handler of line (claimed or not), for its counters. */
const struct irq_handler *irq_handler_of(unsigned line);
