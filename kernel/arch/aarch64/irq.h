/* SPDX-License-Identifier: MIT */
/* irq.h: arm64 interrupt dispatch: the GIC's pending interrupts to the timer and the UART. */
#pragma once

/* Handles every pending interrupt (from the IRQ vectors, interrupts masked). */
void irq_handle(void);

/*
 * Runs the timer interrupt's work now if its deadline has passed: called on
 * the way back to user mode after a syscall, so a deadline is met within
 * one syscall even when the interrupt itself arrives late (under emulation
 * on a loaded host it can lag by milliseconds while the vCPU is busy).
 */
void irq_poll_timer(void);
