/* SPDX-License-Identifier: MIT */
/* sys_task.c: decode/invoke of the Task calls: start, stop, set priority or budget, read how it is doing or how it ended. */
#include "config.h"
#include "frame.h"
#include "quota.h"
#include "sched.h"
#include "sys.h"
#include "syscall.h"
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
        return JX_EBUSY; /* running already, or stopped before it ever ran */
    return err;
}

void invoke_task_start(const union sys_args *a) { task_start(a->task.t); }

jx_error_t decode_task_stop(const uint64_t *raw, union sys_args *a)
{
    jx_error_t err = decode_task_cap(raw[0], JX_RIGHT_WRITE, a);
    if (err == JX_OK && a->task.t->exited)
        return JX_EINVAL; /* it has ended already */
    return err;
}

void invoke_task_stop(const union sys_args *a) { task_kill(a->task.t); }

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

/*
 * JX_SYS_TASK_CREATE. Decode reads the spec, parses the ELF, looks up every
 * capability, checks every user page is mapped readable and that the quota
 * and the kernel have room for everything the task can take: its pages, an
 * upper bound on its page tables, its kernel objects and kernel stack. On
 * one CPU nothing runs between decode and invoke, so invoke cannot run out.
 */
static jx_error_t decode_spec_caps(union sys_args *a)
{
    const struct jx_task_spec *s = &a->create.spec;
    uint64_t dsts = 0;
    if (s->ncaps > JX_TASK_SPEC_CAPS)
        return JX_EINVAL;
    for (uint32_t i = 0; i < s->ncaps; i++) {
        const struct jx_task_cap *c = &s->caps[i];
        if (c->dst >= JX_CSPACE_SLOTS || (dsts & (1ull << c->dst)) ||
            c->rights & ~(uint32_t)JX_RIGHTS_ALL || c->reserved)
            return JX_EINVAL;
        dsts |= 1ull << c->dst;
        a->create.src[i] = 0; /* the new task's own address space: nothing to look up */
        if (c->src == JX_TASK_CAP_SELF_ASPACE)
            continue;
        jx_error_t err = cap_lookup(sys_cspace(), c->src, JX_OBJ_NONE, 0, &a->create.src[i]);
        if (err != JX_OK)
            return err;
    }
    return JX_OK;
}

/* The image a (checked) spec describes: all of it in the caller's memory. */
static void create_image(const struct jx_task_spec *s, struct task_image *img)
{
    *img = (struct task_image){ .uelf = s->elf, .elf_size = s->elf_size };
    for (size_t i = 0; i < JX_TASK_DATA_PIECES; i++) {
        img->data[i] = s->data[i];
        img->data_size += s->data[i].size;
    }
}

jx_error_t decode_task_create(const uint64_t *raw, union sys_args *a)
{
    struct jx_task_spec *s = &a->create.spec;
    struct cap_slot *q;
    jx_error_t err = cap_lookup(sys_cspace(), raw[0], JX_OBJ_QUOTA, JX_RIGHT_WRITE, &q);
    if (err == JX_OK)
        err = cap_dest(sys_cspace(), raw[2], &a->create.dst);
    if (err == JX_OK && copy_from_user(s, raw[1], sizeof *s) != JX_OK)
        err = JX_EFAULT;
    if (err == JX_OK)
        err = decode_spec_caps(a);
    if (err != JX_OK)
        return err;
    if (s->priority > 255)
        return JX_EINVAL;
    if (s->priority > sched_current()->priority)
        return JX_EPERM;
    uint64_t data_size = 0;
    for (size_t i = 0; i < JX_TASK_DATA_PIECES; i++) {
        if (s->data[i].size > JX_TASK_DATA_MAX - data_size)
            return JX_EINVAL;
        data_size += s->data[i].size;
        if (s->data[i].size && !sys_user_mapped(s->data[i].addr, s->data[i].size, VM_READ))
            return JX_EFAULT;
    }
    if (s->elf_size > JX_TASK_ELF_MAX)
        return JX_EINVAL;
    if (!sys_user_mapped(s->elf, s->elf_size, VM_READ))
        return JX_EFAULT;
    struct task_image img;
    create_image(s, &img);
    struct elf_image elf;
    if (task_image_parse(&img, &elf) != JX_OK)
        return JX_EINVAL;
    uint64_t tables, pages = task_image_pages(&elf, img.data_size, &tables);
    uint64_t kpages = task_object_pages();
    a->create.quota = (struct quota *)q->obj;
    a->create.charge = (pages + tables + kpages) * JX_QUOTA_CHARGE_FRAME;
    if (!quota_has_room(a->create.quota, a->create.charge) ||
        frame_free_count() < pages + tables + kpages || thread_count() >= CONFIG_MAX_THREADS)
        return JX_ENOMEM;
    return JX_OK;
}

void invoke_task_create(const union sys_args *a)
{
    const struct jx_task_spec *s = &a->create.spec;
    char name[sizeof s->name + 1];
    for (size_t i = 0; i < sizeof s->name; i++) /* printable, for the kernel's reports */
        name[i] = s->name[i] == 0 || (s->name[i] >= 0x20 && s->name[i] < 0x7f) ? s->name[i] : '?';
    name[sizeof s->name] = 0;
    struct task_image img;
    create_image(s, &img);
    struct task_params p = { (uint8_t)s->priority, 0, s->arg, a->create.quota };
    struct task *t;
    if (task_create_from(name, &img, &p, &t) != JX_OK) {
        sched_current()->sys_result = JX_ENOMEM; /* decode saw the room: not expected */
        return;
    }
    for (uint32_t i = 0; i < s->ncaps; i++) {
        if (a->create.src[i])
            task_give_cap(t, s->caps[i].dst, a->create.src[i], s->caps[i].rights, 0);
        else
            task_give_self_aspace(t, s->caps[i].dst, s->caps[i].rights);
    }
    quota_charge(a->create.quota, &t->obj, a->create.charge);
    t->obj.caps = 0; /* no creator's reference: the capability is the owner */
    cap_install(a->create.dst, &t->obj, JX_RIGHTS_ALL, 0);
}
