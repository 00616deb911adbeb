/* SPDX-License-Identifier: MIT */
/* error.h: jx_error_t, the one error enum every syscall (and kernel-internal fallible call) returns. */
#pragma once

/*
 * Values are ABI: user code compares against them and docs/syscalls.md
 * lists which syscall returns which. 0 is success; never renumber.
 */
typedef enum {
    JX_OK = 0,
    JX_EINVAL = 1, /* an argument is out of range or malformed */
    JX_EFAULT =
        2, /* a user pointer/range is outside user space, wraps, or is not mapped as needed */
    JX_ENOMEM = 3, /* out of frames or kernel objects; nothing was changed */
    JX_ENOSYS = 4, /* no such syscall number */
    JX_EEXIST = 5, /* the virtual page is already mapped */
    JX_ENOENT = 6, /* nothing is mapped at that virtual page */
    /* Capability lookups: each way a handle can be wrong has its own code. */
    JX_EBADSLOT = 7, /* the handle is not a slot index of this task's table (out of range) */
    JX_EEMPTY = 8, /* the slot holds no capability */
    JX_ETYPE = 9, /* the capability names an object of another type */
    JX_ESTALE = 10, /* the capability was revoked or its object destroyed by someone else */
    JX_EPERM = 11, /* the capability lacks a right the operation needs */
    JX_EBUSY =
        12, /* the object is in use (a Reply already bound or waited on, an interrupt line taken) */
    JX_EAGAIN = 13, /* non-blocking call: no partner ready, no signal pending */
    JX_ETIMEDOUT = 14, /* the timeout passed before a partner came */
    JX_EDESTROYED = 15, /* the object waited on was destroyed, or the partner died */
    JX_ERROR_COUNT
} jx_error_t;

/* How a task ended; recorded in its exit status (kernel/include/task.h). */
typedef enum {
    JX_EXIT_NORMAL = 0, /* the task called jx_exit(code) */
    JX_EXIT_FAULT = 1, /* a CPU exception in user mode killed it */
    JX_EXIT_BUDGET = 2, /* it used up its CPU budget and was stopped */
    JX_EXIT_KILLED = 3, /* its owner killed it */
} jx_exit_cause_t;
