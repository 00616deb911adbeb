/* SPDX-License-Identifier: MIT */
/* syscall.c: the syscall table; each call is decode (check everything, no effects) then invoke (cannot fail). */
#include <stdbool.h>
#include "clock.h"
#include "config.h"
#include "console.h"
#include "sched.h"
#include "syscall.h"
#include "task.h"
#include "jericho/error.h"

/* What decode hands invoke: arguments already checked. */
union sys_args {
    struct { int64_t code; } exit;
    struct { uint64_t wake_ns; } sleep;
    struct { uintptr_t buf; size_t len; } write;
    struct { uintptr_t out; } clock;
};

struct syscall_desc {
    /* Validates raw registers into *a; returns JX_OK or the error, changing nothing. */
    jx_error_t (*decode)(const uint64_t *raw, union sys_args *a);
    /* Performs the call; cannot fail (it may block, or not return for exit). */
    void (*invoke)(const union sys_args *a);
};

/*
 * True when every page of [uaddr, uaddr+n) is mapped for the user with
 * `need`. A task has one thread, so nothing can unmap the range between
 * this check and invoke's copy (the copy's fault fixup stays as a backstop).
 */
static bool user_mapped(uintptr_t uaddr, size_t n, unsigned need)
{
    struct vspace *vs = sched_current()->vspace;
    if (!user_range_ok(uaddr, n) || !vs)
        return false;
    uintptr_t end = uaddr + n;
    for (uintptr_t va = uaddr & ~(VM_PAGE_SIZE - 1); va < end; va += VM_PAGE_SIZE) {
        paddr_t pa;
        unsigned prot;
        if (arch_vspace_lookup(&vs->arch, va, &pa, &prot) != JX_OK ||
            (prot & (need | VM_USER)) != (need | VM_USER))
            return false;
    }
    return true;
}

static jx_error_t decode_exit(const uint64_t *raw, union sys_args *a)
{
    a->exit.code = (int64_t)raw[0];        /* any value is a valid exit code */
    return JX_OK;
}

static void invoke_exit(const union sys_args *a)
{
    task_exit_current(JX_EXIT_NORMAL, a->exit.code);
}

static jx_error_t decode_none(const uint64_t *raw, union sys_args *a)
{
    (void)raw;
    (void)a;
    return JX_OK;
}

static void invoke_yield(const union sys_args *a)
{
    (void)a;
    sched_yield();
}

static jx_error_t decode_sleep(const uint64_t *raw, union sys_args *a)
{
    if (raw[0] > JX_SLEEP_MAX_NS)
        return JX_EINVAL;
    a->sleep.wake_ns = clock_now_ns() + raw[0];
    return JX_OK;
}

static void invoke_sleep(const union sys_args *a)
{
    sched_sleep_until(a->sleep.wake_ns);
}

static jx_error_t decode_debug_write(const uint64_t *raw, union sys_args *a)
{
    if (raw[1] > JX_DEBUG_WRITE_MAX)
        return JX_EINVAL;
    if (!user_mapped(raw[0], raw[1], VM_READ))
        return JX_EFAULT;
    a->write.buf = raw[0];
    a->write.len = raw[1];
    return JX_OK;
}

/* Copies in chunks through a small stack buffer (kernel stacks are 16 KiB). */
static void invoke_debug_write(const union sys_args *a)
{
    char chunk[128];
    for (size_t done = 0; done < a->write.len;) {
        size_t n = a->write.len - done < sizeof chunk ? a->write.len - done : sizeof chunk;
        if (copy_from_user(chunk, a->write.buf + done, n) != JX_OK)
            return;                /* cannot happen after decode; stop quietly if it does */
        console_write(chunk, n);
        done += n;
    }
}

static jx_error_t decode_clock_read(const uint64_t *raw, union sys_args *a)
{
    if (!user_mapped(raw[0], sizeof(uint64_t), VM_WRITE))
        return JX_EFAULT;
    a->clock.out = raw[0];
    return JX_OK;
}

static void invoke_clock_read(const union sys_args *a)
{
    uint64_t now = clock_now_ns();
    copy_to_user(a->clock.out, &now, sizeof now);
}

static const struct syscall_desc syscalls[JX_SYS_COUNT] = {
    [JX_SYS_EXIT] = { decode_exit, invoke_exit },
    [JX_SYS_YIELD] = { decode_none, invoke_yield },
    [JX_SYS_SLEEP] = { decode_sleep, invoke_sleep },
    [JX_SYS_DEBUG_WRITE] = { decode_debug_write, invoke_debug_write },
    [JX_SYS_CLOCK_READ] = { decode_clock_read, invoke_clock_read },
};

uint64_t syscall_dispatch(uint64_t num, const uint64_t args[SYSCALL_ARGS])
{
    if (num >= JX_SYS_COUNT)
        return JX_ENOSYS;
    union sys_args a;
    jx_error_t err = syscalls[num].decode(args, &a);
    if (err != JX_OK)
        return err;
    syscalls[num].invoke(&a);
    return JX_OK;
}
