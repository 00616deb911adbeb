/* SPDX-License-Identifier: MIT */
/* irq.h: arm64 interrupt dispatch: the GIC's pending interrupts to the timer and the UART. */
#pragma once

/* Handles every pending interrupt (from the IRQ vectors, interrupts masked). */
void irq_handle(void);
