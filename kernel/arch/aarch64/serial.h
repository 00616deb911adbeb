/* SPDX-License-Identifier: MIT */
/* serial.h: the PL011 UART the DTB names: console output, receive interrupt. */
#pragma once

/* Sends console bytes to the PL011 whose registers are mapped at regs. */
void serial_init(volatile void *regs);

/* Unmasks the receive interrupts (data and timeout) of the UART. */
void serial_enable_rx_irq(void);

/* Passes every received byte to console_input() and clears the interrupt. */
void serial_rx_irq(void);
