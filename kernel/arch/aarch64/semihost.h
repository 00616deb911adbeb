/* SPDX-License-Identifier: MIT */
/* semihost.h: the Arm semihosting calls the kernel makes of QEMU (-semihosting-config enable=on). */
#pragma once
#include <stdint.h>

/* SYS_EXIT_EXTENDED: QEMU exits with `status` as its exit code. Returns only
 * if semihosting is off (then `hlt` traps instead). */
void semihost_exit(int status);

/* SYS_WRITEC: one byte to QEMU's stderr, for when there is no UART yet. */
void semihost_putc(char c);
