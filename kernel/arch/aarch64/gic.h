/* SPDX-License-Identifier: MIT */
/* gic.h: the Arm Generic Interrupt Controller (v2 or v3, as the DTB says), boot CPU only. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "fdt.h"

/* INTIDs: 16-31 are per-CPU (PPIs), 32-1019 shared (SPIs), 1020+ special. */
#define GIC_PPI(n)   (16 + (n))
#define GIC_SPI(n)   (32 + (n))
#define GIC_SPURIOUS 1023

/*
 * Maps and initialises the distributor and this CPU's interface (GICC for
 * v2, redistributor + system registers for v3) described by b, with every
 * interrupt disabled. false if b has no usable GIC.
 */
bool gic_init(const struct fdt_boot *b);

/* Which GIC gic_init() found: 2 or 3 (0 before). */
int gic_version(void);

/* Enables / disables delivery of interrupt `intid` (PPI or SPI) to this CPU;
 * `edge` selects edge-triggered (else level) for SPIs. */
void gic_enable(uint32_t intid, bool edge);
void gic_disable(uint32_t intid);
/* Enables delivery again without touching the trigger configuration (IRQ handlers' ack). */
void gic_unmask(uint32_t intid);
/* Makes intid pending as its device would (GICD_ISPENDR): delivered once enabled. */
void gic_set_pending(uint32_t intid);
/* INTIDs the distributor implements (0 .. n-1, at most 1020). */
uint32_t gic_lines(void);

/* Acknowledges the highest-priority pending interrupt: its INTID, or
 * GIC_SPURIOUS if none. Every other value must be passed to gic_eoi(). */
uint32_t gic_ack(void);
void gic_eoi(uint32_t intid);
