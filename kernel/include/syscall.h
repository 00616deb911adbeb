/* SPDX-License-Identifier: MIT */
/* syscall.h: the kernel's syscall entry (called by the arch trap path) and user-memory copies. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "jericho/syscall.h"
#include "jericho/error.h"

#define SYSCALL_ARGS 6

/*
 * Runs syscall `num` for the current thread with its argument registers
 * r0..r5, which it may overwrite with results (r1..r5; the arch copies them
 * back to the user's registers); returns the jx_error_t to put in the result
 * register. May block or switch threads; JX_SYS_EXIT does not return.
 */
uint64_t syscall_dispatch(uint64_t num, uint64_t regs[SYSCALL_ARGS]);
/* The same through the table's decode and invoke only: what the IPC fast path falls back to. */
struct thread;
uint64_t syscall_general(struct thread *self, uint64_t num, uint64_t regs[SYSCALL_ARGS]);

/*
 * Checked copies: JX_EFAULT when [uaddr, uaddr+n) wraps, leaves
 * [ARCH_USER_BASE, ARCH_USER_TOP), or touches a page that is not mapped
 * with the needed access; the kernel never faults on user memory.
 */
jx_error_t copy_from_user(void *dst, uintptr_t uaddr, size_t n);
jx_error_t copy_to_user(uintptr_t uaddr, const void *src, size_t n);
/* True when [uaddr, uaddr+n) lies inside user space without wrapping. */
bool user_range_ok(uintptr_t uaddr, size_t n);
