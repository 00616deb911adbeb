/* SPDX-License-Identifier: MIT */
/* syscalls.c: typed wrappers over jx_syscall / jx_syscall_regs, one per syscall in include/jericho/syscall.h. */
#include "jx.h"

_Noreturn void jx_exit(int64_t code)
{
    jx_syscall(JX_SYS_EXIT, (uint64_t)code, 0, 0, 0, 0, 0);
    for (;;)
        ; /* not reached: the kernel never returns from exit */
}

jx_error_t jx_yield(void) { return (jx_error_t)jx_syscall(JX_SYS_YIELD, 0, 0, 0, 0, 0, 0); }

jx_error_t jx_cap_identify(uint32_t h, unsigned *type, unsigned *rights, uint64_t *badge)
{
    uint64_t r[6] = { h };
    jx_error_t err = (jx_error_t)jx_arch_syscall6(JX_SYS_CAP_IDENTIFY, r);
    if (err == JX_OK) {
        *type = (unsigned)r[1];
        *rights = (unsigned)r[2];
        *badge = r[3];
    }
    return err;
}

jx_error_t jx_cap_copy(uint32_t src, uint32_t dst, unsigned rights)
{
    return (jx_error_t)jx_syscall(JX_SYS_CAP_COPY, src, dst, rights, 0, 0, 0);
}

jx_error_t jx_cap_mint(uint32_t src, uint32_t dst, unsigned rights, uint64_t badge)
{
    return (jx_error_t)jx_syscall(JX_SYS_CAP_MINT, src, dst, rights, badge, 0, 0);
}

jx_error_t jx_cap_move(uint32_t src, uint32_t dst)
{
    return (jx_error_t)jx_syscall(JX_SYS_CAP_MOVE, src, dst, 0, 0, 0, 0);
}

jx_error_t jx_cap_delete(uint32_t h)
{
    return (jx_error_t)jx_syscall(JX_SYS_CAP_DELETE, h, 0, 0, 0, 0, 0);
}

jx_error_t jx_cap_revoke(uint32_t h)
{
    return (jx_error_t)jx_syscall(JX_SYS_CAP_REVOKE, h, 0, 0, 0, 0, 0);
}

jx_error_t jx_console_write(uint32_t console, const void *buf, size_t len)
{
    return (jx_error_t)jx_syscall(JX_SYS_CONSOLE_WRITE, console, (uint64_t)(uintptr_t)buf, len, 0,
                                  0, 0);
}

jx_error_t jx_clock_read_cap(uint32_t clock, uint64_t *ns)
{
    return (jx_error_t)jx_syscall(JX_SYS_CLOCK_READ, clock, (uint64_t)(uintptr_t)ns,
                                  JX_CLOCK_MONOTONIC, 0, 0, 0);
}

jx_error_t jx_clock_realtime_cap(uint32_t clock, uint64_t *ns)
{
    return (jx_error_t)jx_syscall(JX_SYS_CLOCK_READ, clock, (uint64_t)(uintptr_t)ns,
                                  JX_CLOCK_REALTIME, 0, 0, 0);
}

jx_error_t jx_sleep_cap(uint32_t clock, uint64_t ns)
{
    return (jx_error_t)jx_syscall(JX_SYS_CLOCK_SLEEP, clock, ns, 0, 0, 0, 0);
}

jx_error_t jx_clock_arm(uint32_t clock, uint32_t ntfn, uint64_t ns, uint64_t bits)
{
    return (jx_error_t)jx_syscall(JX_SYS_CLOCK_ARM, clock, ntfn, ns, bits, 0, 0);
}

/* Where printf writes: the conventional slot unless the program says otherwise. */
static uint32_t debug_console = JX_SLOT_CONSOLE;

void jx_set_debug_console(uint32_t console) { debug_console = console; }

jx_error_t jx_debug_write(const void *buf, size_t len)
{
    return jx_console_write(debug_console, buf, len);
}

jx_error_t jx_clock_read(uint64_t *ns) { return jx_clock_read_cap(JX_SLOT_CLOCK, ns); }

jx_error_t jx_sleep_ns(uint64_t ns) { return jx_sleep_cap(JX_SLOT_CLOCK, ns); }

uint64_t jx_now_ns(void)
{
    uint64_t ns = 0;
    jx_clock_read(&ns);
    return ns;
}

jx_error_t jx_signal(uint32_t ntfn, uint64_t bits)
{
    return (jx_error_t)jx_syscall(JX_SYS_SIGNAL, ntfn, bits, 0, 0, 0, 0);
}

jx_error_t jx_wait(uint32_t ntfn, uint64_t *bits, uint64_t timeout_ns)
{
    uint64_t r[6] = { ntfn, timeout_ns };
    jx_error_t err = (jx_error_t)jx_arch_syscall6(JX_SYS_WAIT, r);
    if (err == JX_OK)
        *bits = r[1];
    return err;
}

jx_error_t jx_poll(uint32_t ntfn, uint64_t *bits) { return jx_wait(ntfn, bits, JX_TIMEOUT_NONE); }

jx_error_t jx_quota_alloc(uint32_t quota, jx_obj_type_t type, uint32_t dst, uint64_t size)
{
    return (jx_error_t)jx_syscall(JX_SYS_QUOTA_ALLOC, quota, type, dst, size, 0, 0);
}

jx_error_t jx_quota_info(uint32_t quota, uint64_t *limit, uint64_t *used)
{
    uint64_t r[6] = { quota };
    jx_error_t err = jx_syscall_regs(JX_SYS_QUOTA_INFO, r);
    if (err == JX_OK) {
        *limit = r[1];
        *used = r[2];
    }
    return err;
}

jx_error_t jx_map(uint32_t aspace, uint32_t frame, uintptr_t va, unsigned rights)
{
    return (jx_error_t)jx_syscall(JX_SYS_ASPACE_MAP, aspace, frame, va, rights, 0, 0);
}

jx_error_t jx_unmap(uint32_t aspace, uintptr_t va)
{
    return (jx_error_t)jx_syscall(JX_SYS_ASPACE_UNMAP, aspace, va, 0, 0, 0, 0);
}

jx_error_t jx_protect(uint32_t aspace, uintptr_t va, unsigned rights)
{
    return (jx_error_t)jx_syscall(JX_SYS_ASPACE_PROTECT, aspace, va, rights, 0, 0, 0);
}

jx_error_t jx_reserve(uint32_t aspace, uintptr_t va, uint64_t size, uint32_t quota, unsigned rights)
{
    return (jx_error_t)jx_syscall(JX_SYS_ASPACE_RESERVE, aspace, va, size, quota, rights, 0);
}

jx_error_t jx_release(uint32_t aspace, uintptr_t va)
{
    return (jx_error_t)jx_syscall(JX_SYS_ASPACE_RELEASE, aspace, va, 0, 0, 0, 0);
}

jx_error_t jx_task_start(uint32_t task)
{
    return (jx_error_t)jx_syscall(JX_SYS_TASK_START, task, 0, 0, 0, 0, 0);
}

jx_error_t jx_task_stop(uint32_t task)
{
    return (jx_error_t)jx_syscall(JX_SYS_TASK_STOP, task, 0, 0, 0, 0, 0);
}

jx_error_t jx_task_set(uint32_t task, unsigned what, uint64_t value)
{
    return (jx_error_t)jx_syscall(JX_SYS_TASK_SET, task, what, value, 0, 0, 0);
}

jx_error_t jx_task_notify(uint32_t task, uint32_t ntfn, uint64_t bits)
{
    return (jx_error_t)jx_syscall(JX_SYS_TASK_NOTIFY, task, ntfn, bits, 0, 0, 0);
}

jx_error_t jx_task_create(uint32_t quota, const struct jx_task_spec *spec, uint32_t dst)
{
    return (jx_error_t)jx_syscall(JX_SYS_TASK_CREATE, quota, (uintptr_t)spec, dst, 0, 0, 0);
}

jx_error_t jx_task_status(uint32_t task, unsigned *state, unsigned *cause, int64_t *code,
                          uint64_t *cpu_ns)
{
    uint64_t r[6] = { task };
    jx_error_t err = jx_syscall_regs(JX_SYS_TASK_STATUS, r);
    if (err == JX_OK) {
        *state = (unsigned)r[1];
        *cause = (unsigned)r[2];
        *code = (int64_t)r[3];
        *cpu_ns = r[4];
    }
    return err;
}

/* Called by arch/<arch>/start.S with the task argument; main's result is the exit code. */
_Noreturn void jx_start(uint64_t arg);
_Noreturn void jx_start(uint64_t arg) { jx_exit(main(arg)); }

jx_error_t jx_irq_get(uint32_t irqctl, uint64_t line, uint32_t dst)
{
    return (jx_error_t)jx_syscall(JX_SYS_IRQ_GET, irqctl, line, dst, 0, 0, 0);
}

jx_error_t jx_irq_bind(uint32_t irq, uint32_t ntfn, uint64_t bits)
{
    return (jx_error_t)jx_syscall(JX_SYS_IRQ_BIND, irq, ntfn, bits, 0, 0, 0);
}

jx_error_t jx_irq_ack(uint32_t irq)
{
    return (jx_error_t)jx_syscall(JX_SYS_IRQ_ACK, irq, 0, 0, 0, 0, 0);
}
