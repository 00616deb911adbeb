/* SPDX-License-Identifier: MIT */
/* syscall.c: the syscall table; each call is decode (check everything, no effects) then invoke (cannot fail). */
#include "clock.h"
#include "config.h"
#include "console.h"
#include "sched.h"
#include "syscall.h"
#include "task.h"

/* True when every page of [uaddr, uaddr+n) is mapped for the user with `need` (VM_WRITE or VM_READ). */
static int user_mapped(uintptr_t uaddr, size_t n, unsigned need)
{
    if (!user_range_ok(uaddr, n))
        return 0;
    struct vspace *vs = sched_current()->vspace;
    if (!vs)
        return 0;
    uintptr_t end = uaddr + n;
    for (uintptr_t va = uaddr & ~(VM_PAGE_SIZE - 1); va < end; va += VM_PAGE_SIZE) {
        paddr_t pa;
        unsigned prot;
        if (arch_vspace_lookup(&vs->arch, va, &pa, &prot) != JX_OK ||
            (prot & (need | VM_USER)) != (need | VM_USER))
            return 0;
    }
    return 1;
}

static uint64_t sys_exit(const uint64_t *a)
{
    task_exit_current(JX_EXIT_NORMAL, (int64_t)a[0]);
}

static uint64_t sys_yield(const uint64_t *a)
{
    (void)a;
    sched_yield();
    return JX_OK;
}

static uint64_t sys_sleep(const uint64_t *a)
{
    uint64_t ns = a[0];
    if (ns > JX_SLEEP_MAX_NS)
        return JX_EINVAL;
    sched_sleep_until(clock_now_ns() + ns);
    return JX_OK;
}

/* Invoke copies in chunks; decode has checked every page is readable, so a copy failure means a kernel bug. */
static uint64_t sys_debug_write(const uint64_t *a)
{
    uintptr_t buf = a[0];
    size_t len = a[1];
    if (len > JX_DEBUG_WRITE_MAX)
        return JX_EINVAL;
    if (!user_mapped(buf, len, VM_READ))
        return JX_EFAULT;
    char chunk[128];
    for (size_t done = 0; done < len;) {
        size_t n = len - done < sizeof chunk ? len - done : sizeof chunk;
        if (copy_from_user(chunk, buf + done, n) != JX_OK)
            return JX_EFAULT;
        console_write(chunk, n);
        done += n;
    }
    return JX_OK;
}

static uint64_t sys_clock_read(const uint64_t *a)
{
    uintptr_t out = a[0];
    if (!user_mapped(out, sizeof(uint64_t), VM_WRITE))
        return JX_EFAULT;
    uint64_t now = clock_now_ns();
    return (uint64_t)copy_to_user(out, &now, sizeof now);
}

static uint64_t (*const syscalls[JX_SYS_COUNT])(const uint64_t *) = {
    [JX_SYS_EXIT] = sys_exit,
    [JX_SYS_YIELD] = sys_yield,
    [JX_SYS_SLEEP] = sys_sleep,
    [JX_SYS_DEBUG_WRITE] = sys_debug_write,
    [JX_SYS_CLOCK_READ] = sys_clock_read,
};

uint64_t syscall_dispatch(uint64_t num, const uint64_t args[SYSCALL_ARGS])
{
    if (num >= JX_SYS_COUNT)
        return JX_ENOSYS;
    return syscalls[num](args);
}
