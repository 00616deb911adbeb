/* SPDX-License-Identifier: MIT */
/* sys.h: internal to kernel/syscall/: the decoded-argument union and the decode/invoke pairs of each syscall group. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "cspace.h"
#include "endpoint.h"
#include "notification.h"
#include "reply.h"
#include "vspace.h"

struct quota;
struct frame_obj;
struct task;
struct irq_handler;
#include "jericho/error.h"
#include "jericho/syscall.h"

/* What decode hands invoke: arguments, capabilities and objects already checked. */
union sys_args {
    struct {
        int64_t code;
    } exit;
    struct {
        struct cap_slot *src, *dst;
        unsigned rights;
        uint64_t badge;
    } cap;
    struct {
        uintptr_t buf;
        size_t len;
    } console;
    struct {
        uintptr_t out;
        uint64_t wake_ns; /* sleep: when to wake */
        uint64_t offset_ns; /* read: JX_CLOCK_REALTIME's base, or 0 */
    } clock;
    struct {
        struct endpoint *ep;
        struct reply *rp;
        uint64_t badge, deadline;
        bool grant; /* the sending capability (endpoint or Reply) has GRANT */
        bool reply_first; /* reply_recv: a call is bound, answer it before receiving */
    } ipc;
    struct {
        struct notification *n;
        uint64_t bits, deadline;
    } ntfn;
    struct {
        struct quota *quota;
        struct cap_slot *dst;
        jx_obj_type_t type;
        uint64_t size, charge;
        struct vspace *vs;
        uintptr_t va;
        unsigned prot, max_prot;
        struct frame_obj *frame;
        struct frame_map *map;
        struct region *region;
    } mem;
    struct {
        struct task *t;
        uint64_t what, value;
        struct cap_slot *ntfn;
    } task;
    struct {
        struct cap_slot *dst;
        struct irq_handler *h;
        struct notification *n;
        uint64_t line, bits;
    } irq;
    struct {
        struct quota *quota;
        struct cap_slot *dst;
        struct cap_slot *src[JX_TASK_SPEC_CAPS]; /* the caller's, for spec.caps[i] */
        struct jx_task_spec spec;
        uint64_t charge;
    } create;
};

/* Validates raw registers into *a; returns JX_OK or the error, changing nothing. */
typedef jx_error_t sys_decode_fn(const uint64_t *raw, union sys_args *a);
/* Performs the call; cannot fail (it may block; the result of a wait is in sys_result). */
typedef void sys_invoke_fn(const union sys_args *a);

/* The calling task's capability table. */
struct cspace *sys_cspace(void);
/* True when every page of [uaddr, uaddr+n) is mapped for the user with `need` (VM_READ/VM_WRITE). */
bool sys_user_mapped(uintptr_t uaddr, size_t n, unsigned need);

/* sys_cap.c: capability operations, console, clock. */
sys_decode_fn decode_clock_arm;
sys_invoke_fn invoke_clock_arm;
sys_decode_fn decode_identify, decode_copy, decode_mint, decode_move, decode_handle,
    decode_console_write, decode_console_read, decode_clock_read, decode_clock_sleep;
sys_invoke_fn invoke_identify, invoke_copy, invoke_move, invoke_delete, invoke_revoke,
    invoke_console_write, invoke_console_read, invoke_clock_read, invoke_clock_sleep;

/* sys_ipc.c: endpoints, replies, notifications. */
sys_decode_fn decode_send, decode_recv, decode_call, decode_reply, decode_reply_recv, decode_signal,
    decode_wait;
sys_invoke_fn invoke_send, invoke_recv, invoke_call, invoke_reply, invoke_reply_recv, invoke_signal,
    invoke_wait;

/* sys_mem.c: quotas, frames, address spaces, demand-zero regions. */
sys_decode_fn decode_quota_alloc, decode_quota_info, decode_map, decode_unmap, decode_protect,
    decode_reserve, decode_release;
sys_invoke_fn invoke_quota_alloc, invoke_quota_info, invoke_map, invoke_unmap, invoke_protect,
    invoke_reserve, invoke_release;

/* sys_irq.c: IRQ handlers. */
sys_decode_fn decode_irq_get, decode_irq_bind, decode_irq_ack;
sys_invoke_fn invoke_irq_get, invoke_irq_bind, invoke_irq_ack;

/* sys_task.c: Task control. */
sys_decode_fn decode_task_start, decode_task_stop, decode_task_set, decode_task_status,
    decode_task_notify, decode_task_create;
sys_invoke_fn invoke_task_start, invoke_task_stop, invoke_task_set, invoke_task_status,
    invoke_task_notify, invoke_task_create;
