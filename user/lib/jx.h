/* SPDX-License-Identifier: MIT */
/* jx.h: the freestanding user library: syscall wrappers, console printf, string functions. */
#pragma once
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include "jericho/error.h"
#include "jericho/syscall.h"

/* The program's entry: `arg` is the value the kernel passed at task start. Its return is the exit code. */
int64_t main(uint64_t arg);

/* Raw syscall: number and up to 6 arguments (arch/<arch>/syscall.S). */
uint64_t jx_syscall(uint64_t num, uint64_t a0, uint64_t a1, uint64_t a2,
                    uint64_t a3, uint64_t a4, uint64_t a5);

_Noreturn void jx_exit(int64_t code);
jx_error_t jx_yield(void);
jx_error_t jx_sleep_ns(uint64_t ns);
jx_error_t jx_debug_write(const void *buf, size_t len);
jx_error_t jx_clock_read(uint64_t *ns);
/* The clock, or 0 if reading it failed (it does not). */
uint64_t jx_now_ns(void);

/* printf to the console through JX_SYS_DEBUG_WRITE; the kernel's formatting core (kvformat). */
__attribute__((format(printf, 1, 2))) int printf(const char *fmt, ...);
int vprintf(const char *fmt, va_list ap);
int puts(const char *s);

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
