/* SPDX-License-Identifier: MIT */
/* panic.h: stop the kernel on an unrecoverable error. */
#pragma once
#include <stdnoreturn.h>

/* Prints "PANIC: <message>" on the console and exits QEMU with KEXIT_FATAL. */
__attribute__((format(printf, 1, 2))) noreturn void panic(const char *fmt, ...);
