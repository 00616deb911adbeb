/* SPDX-License-Identifier: MIT */
/* sys_cap.c: decode/invoke of the capability operations (identify, copy, mint, move, delete, revoke), the console and the clock. */
#include "clock.h"
#include "config.h"
#include "console.h"
#include "notification.h"
#include "sched.h"
#include "sys.h"
#include "syscall.h"

/* The console and the clock: one object each, never destroyed; capabilities to them are handed out by the root. */
struct kobj console_obj = { .type = JX_OBJ_CONSOLE, .permanent = 1 };
struct kobj clock_obj = { .type = JX_OBJ_CLOCK, .permanent = 1 };

jx_error_t decode_identify(const uint64_t *raw, union sys_args *a)
{
    return cap_lookup(sys_cspace(), raw[0], JX_OBJ_NONE, 0, &a->cap.src);
}

void invoke_identify(const union sys_args *a)
{
    uint64_t *r = sched_current()->sysregs;
    r[1] = a->cap.src->obj->type;
    r[2] = a->cap.src->rights;
    r[3] = a->cap.src->badge;
}

/* Checks a source and a destination slot; rights beyond the source's are simply not given. */
static jx_error_t decode_src_dst(const uint64_t *raw, union sys_args *a)
{
    struct cspace *cs = sys_cspace();
    jx_error_t err = cap_lookup(cs, raw[0], JX_OBJ_NONE, 0, &a->cap.src);
    if (err == JX_OK)
        err = cap_dest(cs, raw[1], &a->cap.dst);
    return err;
}

jx_error_t decode_copy(const uint64_t *raw, union sys_args *a)
{
    if (raw[2] & ~(uint64_t)JX_RIGHTS_ALL)
        return JX_EINVAL;
    jx_error_t err = decode_src_dst(raw, a);
    a->cap.rights = (unsigned)raw[2];
    a->cap.badge = err == JX_OK ? a->cap.src->badge : 0;
    return err;
}

/* A badge is set once: minting from a badged capability would let a client pose as another. */
jx_error_t decode_mint(const uint64_t *raw, union sys_args *a)
{
    jx_error_t err = decode_copy(raw, a);
    if (err == JX_OK && a->cap.src->badge != 0)
        return JX_EPERM;
    if (err == JX_OK && raw[3] == 0)
        return JX_EINVAL;
    a->cap.badge = raw[3];
    return err;
}

void invoke_copy(const union sys_args *a)
{
    cap_derive(a->cap.src, a->cap.dst, a->cap.rights, a->cap.badge);
}

jx_error_t decode_move(const uint64_t *raw, union sys_args *a) { return decode_src_dst(raw, a); }

void invoke_move(const union sys_args *a) { cap_move(a->cap.src, a->cap.dst); }

/* Delete and revoke take a full slot, or a stale one (deleting a tombstone empties it). */
jx_error_t decode_handle(const uint64_t *raw, union sys_args *a)
{
    jx_error_t err = cap_lookup(sys_cspace(), raw[0], JX_OBJ_NONE, 0, &a->cap.src);
    if (err == JX_ESTALE) {
        a->cap.src = &sys_cspace()->slot[raw[0]];
        return JX_OK;
    }
    return err;
}

void invoke_delete(const union sys_args *a) { cap_delete(a->cap.src); }

void invoke_revoke(const union sys_args *a) { cap_revoke(a->cap.src); }

jx_error_t decode_console_write(const uint64_t *raw, union sys_args *a)
{
    struct cap_slot *c;
    jx_error_t err = cap_lookup(sys_cspace(), raw[0], JX_OBJ_CONSOLE, JX_RIGHT_WRITE, &c);
    if (err != JX_OK)
        return err;
    if (raw[2] > JX_DEBUG_WRITE_MAX)
        return JX_EINVAL;
    if (!sys_user_mapped(raw[1], raw[2], VM_READ))
        return JX_EFAULT;
    a->console.buf = raw[1];
    a->console.len = raw[2];
    return JX_OK;
}

/* Copies in chunks through a small stack buffer (kernel stacks are 16 KiB). */
void invoke_console_write(const union sys_args *a)
{
    char chunk[128];
    for (size_t done = 0; done < a->console.len;) {
        size_t n = a->console.len - done < sizeof chunk ? a->console.len - done : sizeof chunk;
        if (copy_from_user(chunk, a->console.buf + done, n) != JX_OK)
            return; /* cannot happen after decode; stop quietly if it does */
        console_write(chunk, n);
        done += n;
    }
}

jx_error_t decode_console_read(const uint64_t *raw, union sys_args *a)
{
    struct cap_slot *c;
    jx_error_t err = cap_lookup(sys_cspace(), raw[0], JX_OBJ_CONSOLE, JX_RIGHT_READ, &c);
    if (err != JX_OK)
        return err;
    if (raw[2] > JX_DEBUG_WRITE_MAX)
        return JX_EINVAL;
    if (!sys_user_mapped(raw[1], raw[2], VM_WRITE))
        return JX_EFAULT;
    a->console.buf = raw[1];
    a->console.len = raw[2];
    return JX_OK;
}

/* Takes what input is buffered, without waiting; r1 = the byte count. */
void invoke_console_read(const union sys_args *a)
{
    char chunk[128];
    size_t want = a->console.len < sizeof chunk ? a->console.len : sizeof chunk;
    size_t got = console_read(chunk, want);
    copy_to_user(a->console.buf, chunk, got);
    sched_current()->sysregs[1] = got;
}

jx_error_t decode_clock_read(const uint64_t *raw, union sys_args *a)
{
    struct cap_slot *c;
    jx_error_t err = cap_lookup(sys_cspace(), raw[0], JX_OBJ_CLOCK, JX_RIGHT_READ, &c);
    if (err != JX_OK)
        return err;
    if (raw[2] != JX_CLOCK_MONOTONIC && raw[2] != JX_CLOCK_REALTIME)
        return JX_EINVAL;
    if (!sys_user_mapped(raw[1], sizeof(uint64_t), VM_WRITE))
        return JX_EFAULT;
    a->clock.out = raw[1];
    a->clock.offset_ns = raw[2] == JX_CLOCK_REALTIME ? clock_realtime_base : 0;
    return JX_OK;
}

void invoke_clock_read(const union sys_args *a)
{
    uint64_t now = clock_now_ns() + a->clock.offset_ns;
    copy_to_user(a->clock.out, &now, sizeof now);
}

jx_error_t decode_clock_sleep(const uint64_t *raw, union sys_args *a)
{
    struct cap_slot *c;
    jx_error_t err = cap_lookup(sys_cspace(), raw[0], JX_OBJ_CLOCK, JX_RIGHT_READ, &c);
    if (err != JX_OK)
        return err;
    if (raw[1] > JX_SLEEP_MAX_NS)
        return JX_EINVAL;
    a->clock.wake_ns = clock_now_ns() + raw[1];
    return JX_OK;
}

void invoke_clock_sleep(const union sys_args *a) { sched_sleep_until(a->clock.wake_ns); }

/* Binds a notification to the clock: one signal of `bits` after ns (ns 0: the binding is removed). */
jx_error_t decode_clock_arm(const uint64_t *raw, union sys_args *a)
{
    struct cap_slot *c, *n;
    jx_error_t err = cap_lookup(sys_cspace(), raw[0], JX_OBJ_CLOCK, JX_RIGHT_READ, &c);
    if (err == JX_OK)
        err = cap_lookup(sys_cspace(), raw[1], JX_OBJ_NOTIFICATION, JX_RIGHT_WRITE, &n);
    if (err != JX_OK)
        return err;
    if (raw[2] > JX_SLEEP_MAX_NS || (raw[2] && raw[3] == 0))
        return JX_EINVAL;
    a->ntfn.n = (struct notification *)n->obj;
    a->ntfn.deadline = raw[2] ? clock_now_ns() + raw[2] : 0;
    a->ntfn.bits = raw[3];
    return JX_OK;
}

void invoke_clock_arm(const union sys_args *a)
{
    if (a->ntfn.deadline)
        notification_arm(a->ntfn.n, a->ntfn.deadline, a->ntfn.bits);
    else
        notification_disarm(a->ntfn.n);
}
