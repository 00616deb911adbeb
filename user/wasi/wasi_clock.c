/* SPDX-License-Identifier: MIT */
/* wasi_clock.c: clocks, poll_oneoff (clocks and fds) and sched_yield. */
#include "wasi_internal.h"

#define WASI_SUBSCRIPTION_SIZE  48u
#define WASI_EVENT_SIZE         32u
#define WASI_EVENTTYPE_CLOCK    0
#define WASI_EVENTTYPE_FD_READ  1
#define WASI_EVENTTYPE_FD_WRITE 2
#define WASI_SUBCLOCK_ABSTIME   1u

/* clock_res_get(id, resolution_ptr) */
uint16_t wasi_clock_res_get(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    const wasi_platform_t *p = ctx->cfg.platform;
    uint64_t ns = 0;
    uint16_t err = p->clock_res(p->ud, wasi_arg32(args, 0), &ns);
    return err ? err : wasi_store_u64(call, wasi_arg32(args, 1), ns);
}

/* clock_time_get(id, precision, time_ptr): the precision is a hint. */
uint16_t wasi_clock_time_get(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    const wasi_platform_t *p = ctx->cfg.platform;
    uint64_t ns = 0;
    uint16_t err = p->clock_now(p->ud, wasi_arg32(args, 0), &ns);
    return err ? err : wasi_store_u64(call, wasi_arg32(args, 2), ns);
}

uint16_t wasi_sched_yield(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    (void)ctx;
    (void)call;
    (void)args;
    return WASI_ESUCCESS;
}

/* One subscription as poll_oneoff sees it. */
typedef struct wasi_sub {
    uint64_t userdata;
    uint8_t tag;
    uint16_t error;   /* the event's error if it fires (bad clock or fd) */
    bool ready;       /* fires without waiting: fd or error */
    bool abstime;
    uint32_t clock;
    uint64_t timeout; /* as given: relative, or absolute on `clock` */
    uint64_t delay;   /* from now, at decode time */
} wasi_sub_t;

/* Decodes subscription `s` (48 bytes, already bounds-checked). fds are
 * always reported ready: a file never blocks (as POSIX poll has it), a
 * stdio write never waits long, and a read that blocks is what a guest
 * polling only stdin wants anyway. An fd not open for the direction asked
 * is an EBADF event. */
static void wasi_sub_decode(wasi_ctx_t *ctx, const uint8_t *s, wasi_sub_t *sub)
{
    const wasi_platform_t *p = ctx->cfg.platform;
    sub->userdata = wasi_get_u64(s);
    sub->tag = s[8];
    sub->error = 0;
    sub->ready = true;
    sub->delay = 0;
    if (sub->tag == WASI_EVENTTYPE_CLOCK) {
        sub->clock = wasi_get_u32(s + 16);
        sub->timeout = wasi_get_u64(s + 24);
        sub->abstime = (wasi_get_u16(s + 40) & WASI_SUBCLOCK_ABSTIME) != 0;
        uint64_t now = 0;
        sub->error = p->clock_now(p->ud, sub->clock, &now);
        if (sub->error)
            return;
        sub->ready = false;
        sub->delay = !sub->abstime ? sub->timeout : sub->timeout > now ? sub->timeout - now : 0;
    } else if (sub->tag == WASI_EVENTTYPE_FD_READ || sub->tag == WASI_EVENTTYPE_FD_WRITE) {
        uint32_t fd = wasi_get_u32(s + 16);
        uint64_t right =
            sub->tag == WASI_EVENTTYPE_FD_READ ? WASI_RIGHT_FD_READ : WASI_RIGHT_FD_WRITE;
        wasi_fd_entry_t *e;
        if (wasi_fd_get(ctx, fd, right, &e))
            sub->error = WASI_EBADF;
    } else {
        sub->error = WASI_EINVAL;
    }
}

static void wasi_event_put(uint8_t *e, const wasi_sub_t *sub)
{
    wasi_zero(e, WASI_EVENT_SIZE);
    wasi_put_u64(e, sub->userdata);
    wasi_put_u16(e + 8, sub->error);
    e[10] = sub->tag;
}

/* poll_oneoff(in, out, nsubscriptions, nevents_ptr): if any subscription is
 * ready (an fd, an error, an expired clock) reports those at once, else
 * sleeps until the earliest clock and reports the clocks that expired. The
 * subscriptions are decoded twice (before and after the sleep) instead of
 * being copied, so the layer needs no allocation; each is read before any
 * event that could overlap it is written. */
uint16_t wasi_poll_oneoff(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    uint32_t n = wasi_arg32(args, 2);
    uint8_t *in, *out, *nev;
    wasi_sub_t sub;
    if (n == 0 || n > WASI_MAX_IOVS)
        return WASI_EINVAL;
    if (!wasi_mem_span(call, wasi_arg32(args, 0), (uint64_t)n * WASI_SUBSCRIPTION_SIZE, &in) ||
        !wasi_mem_span(call, wasi_arg32(args, 1), (uint64_t)n * WASI_EVENT_SIZE, &out) ||
        !wasi_mem_span(call, wasi_arg32(args, 3), 4, &nev))
        return WASI_EFAULT;
    bool any_ready = false;
    uint64_t wait = UINT64_MAX;
    uint32_t first = 0;
    for (uint32_t i = 0; i < n; i++) {
        wasi_sub_decode(ctx, in + i * WASI_SUBSCRIPTION_SIZE, &sub);
        if (sub.ready || sub.delay == 0)
            any_ready = true;
        else if (sub.delay < wait) {
            wait = sub.delay;
            first = i;
        }
    }
    if (!any_ready) {
        const wasi_platform_t *p = ctx->cfg.platform;
        uint16_t err = p->sleep(p->ud, wait);
        if (err)
            return err;
    }
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++) {
        wasi_sub_decode(ctx, in + i * WASI_SUBSCRIPTION_SIZE, &sub);
        /* A relative clock started at the call, so after sleeping `wait`
         * every one of at most `wait` has expired; `first` always has. */
        bool fired = sub.ready || sub.delay == 0 ||
                     (!any_ready && (i == first || (!sub.abstime && sub.timeout <= wait)));
        if (fired)
            wasi_event_put(out + (k++) * WASI_EVENT_SIZE, &sub);
    }
    wasi_put_u32(nev, k);
    return WASI_ESUCCESS;
}
