/* SPDX-License-Identifier: MIT */
/* serial.h: the PL011 UART the boot console writes to. */
#pragma once

/* Starts sending console bytes to the PL011 whose registers are mapped at
 * `regs`. Until then they go to semihosting (QEMU's stderr). */
void serial_init(volatile void *regs);
