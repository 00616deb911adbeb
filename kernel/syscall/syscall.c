/* SPDX-License-Identifier: MIT */
/* syscall.c: the syscall table and dispatch; each call is decode (check everything, no effects) then invoke (cannot fail). */
#include <stdbool.h>
#include "config.h"
#include "ipc.h"
#include "sched.h"
#include "sys.h"
#include "syscall.h"
#include "task.h"
#include "jericho/error.h"

struct syscall_desc {
    sys_decode_fn *decode;
    sys_invoke_fn *invoke;
};

struct cspace *sys_cspace(void) { return sched_current()->task->cspace; }

/*
 * A task has one thread, so nothing can unmap the range between this
 * check and invoke's copy (the copy's fault fixup stays as a backstop).
 * Demand-zero pages of the range are mapped here, as the task's touch would
 * (the only effect decode may have: invisible to the task but for its quota).
 */
bool sys_user_mapped(uintptr_t uaddr, size_t n, unsigned need)
{
    struct vspace *vs = sched_current()->vspace;
    if (!user_range_ok(uaddr, n) || !vs || !vspace_populate(vs, uaddr, n, need))
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
    a->exit.code = (int64_t)raw[0]; /* any value is a valid exit code */
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

/* Mint is copy with a badge: one invoke. */
static const struct syscall_desc syscalls[JX_SYS_COUNT] = {
    [JX_SYS_EXIT] = { decode_exit, invoke_exit },
    [JX_SYS_YIELD] = { decode_none, invoke_yield },
    [JX_SYS_CAP_IDENTIFY] = { decode_identify, invoke_identify },
    [JX_SYS_CAP_COPY] = { decode_copy, invoke_copy },
    [JX_SYS_CAP_MINT] = { decode_mint, invoke_copy },
    [JX_SYS_CAP_MOVE] = { decode_move, invoke_move },
    [JX_SYS_CAP_DELETE] = { decode_handle, invoke_delete },
    [JX_SYS_CAP_REVOKE] = { decode_handle, invoke_revoke },
    [JX_SYS_CONSOLE_WRITE] = { decode_console_write, invoke_console_write },
    [JX_SYS_CONSOLE_READ] = { decode_console_read, invoke_console_read },
    [JX_SYS_CLOCK_READ] = { decode_clock_read, invoke_clock_read },
    [JX_SYS_CLOCK_SLEEP] = { decode_clock_sleep, invoke_clock_sleep },
    [JX_SYS_SEND] = { decode_send, invoke_send },
    [JX_SYS_RECV] = { decode_recv, invoke_recv },
    [JX_SYS_CALL] = { decode_call, invoke_call },
    [JX_SYS_REPLY] = { decode_reply, invoke_reply },
    [JX_SYS_REPLY_RECV] = { decode_reply_recv, invoke_reply_recv },
    [JX_SYS_SIGNAL] = { decode_signal, invoke_signal },
    [JX_SYS_WAIT] = { decode_wait, invoke_wait },
    [JX_SYS_QUOTA_ALLOC] = { decode_quota_alloc, invoke_quota_alloc },
    [JX_SYS_QUOTA_INFO] = { decode_quota_info, invoke_quota_info },
    [JX_SYS_ASPACE_MAP] = { decode_map, invoke_map },
    [JX_SYS_ASPACE_UNMAP] = { decode_unmap, invoke_unmap },
    [JX_SYS_ASPACE_PROTECT] = { decode_protect, invoke_protect },
    [JX_SYS_TASK_START] = { decode_task_start, invoke_task_start },
    [JX_SYS_TASK_STOP] = { decode_task_stop, invoke_task_stop },
    [JX_SYS_TASK_SET] = { decode_task_set, invoke_task_set },
    [JX_SYS_TASK_STATUS] = { decode_task_status, invoke_task_status },
    [JX_SYS_CLOCK_ARM] = { decode_clock_arm, invoke_clock_arm },
    [JX_SYS_TASK_NOTIFY] = { decode_task_notify, invoke_task_notify },
    [JX_SYS_TASK_CREATE] = { decode_task_create, invoke_task_create },
    [JX_SYS_ASPACE_RESERVE] = { decode_reserve, invoke_reserve },
    [JX_SYS_ASPACE_RELEASE] = { decode_release, invoke_release },
    [JX_SYS_IRQ_GET] = { decode_irq_get, invoke_irq_get },
    [JX_SYS_IRQ_BIND] = { decode_irq_bind, invoke_irq_bind },
    [JX_SYS_IRQ_ACK] = { decode_irq_ack, invoke_irq_ack },
};

/*
 * regs are the thread's six argument registers, on its kernel stack (the
 * arch entry's frame): a call returning values writes them into
 * regs[1..5], and an IPC partner may do so while this thread is blocked.
 * Objects destroyed or partners woken during invoke do not preempt it
 * halfway: the switch to a higher-priority thread they made ready happens
 * here, at the end. The hot calls come first: call and reply_recv try the
 * IPC fast path. identify, the null syscall, never gets here when it
 * succeeds: each arch entry answers a full slot itself (x86-64 context.S,
 * arm64 vectors.S), and the table gives its errors.
 */
uint64_t syscall_dispatch(uint64_t num, uint64_t regs[SYSCALL_ARGS])
{
    struct thread *self = sched_current();
    if (num == JX_SYS_REPLY_RECV)
        return ipc_fast_reply_recv(self, regs);
    if (num == JX_SYS_CALL)
        return ipc_fast_call(self, regs);
    return syscall_general(self, num, regs);
}

/* Out of line, so that its big frame (the union) is not the hot calls' to set up. */
__attribute__((noinline)) uint64_t syscall_general(struct thread *self, uint64_t num,
                                                   uint64_t regs[SYSCALL_ARGS])
{
    /* A number without a table row (one added to syscall.h before its
     * handlers) is unknown too, never a jump to address 0. */
    if (num >= JX_SYS_COUNT || !syscalls[num].decode)
        return JX_ENOSYS;
    union sys_args a;
    jx_error_t err = syscalls[num].decode(regs, &a);
    if (err != JX_OK)
        return err;
    self->sysregs = regs;
    self->sys_result = JX_OK;
    syscalls[num].invoke(&a);
    sched_preempt();
    return self->sys_result;
}
