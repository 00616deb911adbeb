/* SPDX-License-Identifier: MIT */
/* error.h: jx_error_t, the one error enum every syscall (and kernel-internal fallible call) returns. */
#pragma once

/*
 * Values are ABI: user code compares against them and docs/syscalls.md
 * lists which syscall returns which. 0 is success; never renumber.
 */
typedef enum {
    JX_OK = 0,
    JX_EINVAL = 1,   /* an argument is out of range or malformed */
    JX_EFAULT = 2,   /* a user pointer/range is outside user space, wraps, or is not mapped as needed */
    JX_ENOMEM = 3,   /* out of frames or kernel objects; nothing was changed */
    JX_ENOSYS = 4,   /* no such syscall number */
    JX_EEXIST = 5,   /* the virtual page is already mapped */
    JX_ENOENT = 6,   /* nothing is mapped at that virtual page */
    JX_ERROR_COUNT
} jx_error_t;

/* How a task ended; recorded in its exit status (kernel/task/task.h). */
typedef enum {
    JX_EXIT_NORMAL = 0,   /* the task called jx_exit(code) */
    JX_EXIT_FAULT = 1,    /* a CPU exception in user mode killed it */
    JX_EXIT_BUDGET = 2,   /* it used up its CPU budget and was stopped */
} jx_exit_cause_t;
