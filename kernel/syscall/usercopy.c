/* SPDX-License-Identifier: MIT */
/* usercopy.c: every user pointer is range-checked here before the arch copies with fault recovery. */
#include <stdbool.h>
#include "arch.h"
#include "jericho/error.h"
#include "sched.h"
#include "syscall.h"
#include "vspace.h"

/*
 * Demand-zero pages of the range are mapped first, as the task's own touch
 * would map them: the copy below never needs the fault path. A page that
 * cannot be had (its quota is used up) stays unmapped and the copy fails
 * with JX_EFAULT; the task is not ended, the caller sees the error.
 */
static void populate(uintptr_t uaddr, size_t n, unsigned access)
{
    struct vspace *vs = sched_current()->vspace;
    if (vs)
        vspace_populate(vs, uaddr, n, access);
}

bool user_range_ok(uintptr_t uaddr, size_t n)
{
    /* Written so that no sum can wrap: uaddr + n is only formed once known to fit. */
    return uaddr >= ARCH_USER_BASE && uaddr <= ARCH_USER_TOP && n <= ARCH_USER_TOP - uaddr;
}

jx_error_t copy_from_user(void *dst, uintptr_t uaddr, size_t n)
{
    if (!user_range_ok(uaddr, n))
        return JX_EFAULT;
    populate(uaddr, n, VM_READ);
    return n ? arch_copy_from_user(dst, uaddr, n) : JX_OK;
}

jx_error_t copy_to_user(uintptr_t uaddr, const void *src, size_t n)
{
    if (!user_range_ok(uaddr, n))
        return JX_EFAULT;
    populate(uaddr, n, VM_WRITE);
    return n ? arch_copy_to_user(uaddr, src, n) : JX_OK;
}
