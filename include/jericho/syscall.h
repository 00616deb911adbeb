/* SPDX-License-Identifier: MIT */
/* syscall.h: syscall numbers and calling convention of the JerichoOS kernel (table: docs/syscalls.md). */
#pragma once
#include "error.h"

/*
 * Calling convention:
 *   x86-64: `syscall`, number in rax, arguments in rdi, rsi, rdx, r10, r8, r9;
 *           result (a jx_error_t) in rax; rcx and r11 are clobbered.
 *   arm64:  `svc #0`, number in x8, arguments in x0..x5; result in x0.
 * Every syscall returns a jx_error_t; values come back through user pointers.
 * These are ambient-authority placeholders until capabilities arrive.
 */
#define JX_SYS_EXIT         0   /* (int64 code) -> does not return */
#define JX_SYS_YIELD        1   /* () -> JX_OK */
#define JX_SYS_SLEEP        2   /* (uint64 ns) -> JX_OK */
#define JX_SYS_DEBUG_WRITE  3   /* (const char *buf, size_t len) -> JX_OK / JX_EFAULT / JX_EINVAL */
#define JX_SYS_CLOCK_READ   4   /* (uint64 *ns_out) -> JX_OK / JX_EFAULT */
#define JX_SYS_COUNT        5

/* JX_SYS_DEBUG_WRITE writes at most this many bytes per call (longer: JX_EINVAL). */
#define JX_DEBUG_WRITE_MAX  4096
/* JX_SYS_SLEEP sleeps at most this long per call (longer: JX_EINVAL): 1 hour. */
#define JX_SLEEP_MAX_NS     3600000000000ull
