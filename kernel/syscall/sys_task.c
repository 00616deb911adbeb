/* SPDX-License-Identifier: MIT */
/* sys_task.c: decode/invoke of the Task calls: start, stop, set priority or budget, read how it is doing or how it ended. */
#include "sched.h"
#include "sys.h"
#include "task.h"
#include "jericho/syscall.h"

/* A Task capability with `rights`; the task is not the caller's own (it uses exit). */
static jx_error_t decode_task_cap(uint64_t h, unsigned rights, union sys_args *a)
{
    struct cap_slot *c;
    jx_error_t err = cap_lookup(sys_cspace(), h, JX_OBJ_TASK, rights, &c);
    if (err != JX_OK)
        return err;
    a->task.t = (struct task *)c->obj;
    return a->task.t == sched_current()->task ? JX_EINVAL : JX_OK;
}

jx_error_t decode_task_start(const uint64_t *raw, union sys_args *a)
{
    jx_error_t err = decode_task_cap(raw[0], JX_RIGHT_WRITE, a);
    if (err == JX_OK && (a->task.t->started || a->task.t->exited))
        return JX_EBUSY;           /* running already, or stopped before it ever ran */
    return err;
}

void invoke_task_start(const union sys_args *a)
{
    task_start(a->task.t);
}

jx_error_t decode_task_stop(const uint64_t *raw, union sys_args *a)
{
    jx_error_t err = decode_task_cap(raw[0], JX_RIGHT_WRITE, a);
    if (err == JX_OK && a->task.t->exited)
        return JX_EINVAL;          /* it has ended already */
    return err;
}

void invoke_task_stop(const union sys_args *a)
{
    task_kill(a->task.t);
}

/* A priority above the caller's own would let it escape its own scheduling bound. */
jx_error_t decode_task_set(const uint64_t *raw, union sys_args *a)
{
    jx_error_t err = decode_task_cap(raw[0], JX_RIGHT_WRITE, a);
    if (err != JX_OK)
        return err;
    a->task.what = raw[1];
    a->task.value = raw[2];
    if (raw[1] == JX_TASK_PRIORITY)
        return raw[2] > 255 ? JX_EINVAL : raw[2] > sched_current()->priority ? JX_EPERM : JX_OK;
    return raw[1] == JX_TASK_BUDGET ? JX_OK : JX_EINVAL;
}

void invoke_task_set(const union sys_args *a)
{
    if (a->task.what == JX_TASK_PRIORITY)
        task_set_priority(a->task.t, (uint8_t)a->task.value);
    else
        a->task.t->thread->budget_ns = a->task.value;
}

jx_error_t decode_task_status(const uint64_t *raw, union sys_args *a)
{
    return decode_task_cap(raw[0], JX_RIGHT_READ, a);
}

void invoke_task_status(const union sys_args *a)
{
    const struct task *t = a->task.t;
    uint64_t *r = sched_current()->sysregs;
    r[1] = t->exited ? JX_TASK_ENDED : t->started ? JX_TASK_ALIVE : JX_TASK_NEW;
    r[2] = t->exited ? (uint64_t)t->cause : 0;
    r[3] = t->exited ? (uint64_t)t->code : 0;
    r[4] = t->exited ? t->cpu_ns : t->thread->cpu_ns;
}

/* Who is told when the task ends: a notification the caller may signal. */
jx_error_t decode_task_notify(const uint64_t *raw, union sys_args *a)
{
    jx_error_t err = decode_task_cap(raw[0], JX_RIGHT_WRITE, a);
    if (err == JX_OK)
        err = cap_lookup(sys_cspace(), raw[1], JX_OBJ_NOTIFICATION, JX_RIGHT_WRITE, &a->task.ntfn);
    if (err != JX_OK)
        return err;
    if (raw[2] == 0 || a->task.t->exited)
        return JX_EINVAL;
    a->task.value = raw[2];
    return JX_OK;
}

void invoke_task_notify(const union sys_args *a)
{
    task_notify_exit(a->task.t, a->task.ntfn, a->task.value);
}
