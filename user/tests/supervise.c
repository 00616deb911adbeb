/* SPDX-License-Identifier: MIT */
/* supervise.c: controls a worker through a Task capability (slot 2): start, priority, status, stop; returns the failure count. */
#include "jx.h"

enum { WORKER = 2, NTFN = 4, WORKER_RO = 20 };

static int failures;

static void expect(const char *what, jx_error_t got, jx_error_t want)
{
    printf("supervise: %-40s -> %2d %s\n", what, (int)got, got == want ? "ok" : "WRONG");
    failures += got != want;
}

static void expect_true(const char *what, int ok)
{
    printf("supervise: %-40s -> %s\n", what, ok ? "ok" : "WRONG");
    failures += !ok;
}

int64_t main(uint64_t arg)
{
    (void)arg;
    unsigned state, cause;
    int64_t code;
    uint64_t cpu;
    expect("status(worker)", jx_task_status(WORKER, &state, &cause, &code, &cpu), JX_OK);
    expect_true("worker not started yet", state == JX_TASK_NEW);
    expect("set priority 61: above our 60", jx_task_set(WORKER, JX_TASK_PRIORITY, 61), JX_EPERM);
    expect("set priority 50", jx_task_set(WORKER, JX_TASK_PRIORITY, 50), JX_OK);
    expect("start(worker)", jx_task_start(WORKER), JX_OK);
    expect("start(worker) again", jx_task_start(WORKER), JX_EBUSY);
    jx_sleep_ns(20000000); /* the worker (lower priority) runs meanwhile */
    jx_task_status(WORKER, &state, &cause, &code, &cpu);
    expect_true("worker alive and has run", state == JX_TASK_ALIVE && cpu > 0);
    expect("copy(worker -> 20, READ)", jx_cap_copy(WORKER, WORKER_RO, JX_RIGHT_READ), JX_OK);
    expect("stop(20): no write right", jx_task_stop(WORKER_RO), JX_EPERM);
    uint64_t bits = 0;
    expect("notify(worker, ntfn, 0x100) on its end", jx_task_notify(WORKER, NTFN, 0x100), JX_OK);
    expect("poll(ntfn): nothing yet", jx_poll(NTFN, &bits), JX_EAGAIN);
    expect("stop(worker)", jx_task_stop(WORKER), JX_OK);
    expect("poll(ntfn): the end was signalled", jx_poll(NTFN, &bits), JX_OK);
    expect_true("bits 0x100", bits == 0x100);
    expect("status(worker)", jx_task_status(WORKER, &state, &cause, &code, &cpu), JX_OK);
    expect_true("worker ended, killed", state == JX_TASK_ENDED && cause == JX_EXIT_KILLED);
    expect("stop(worker) again", jx_task_stop(WORKER), JX_EINVAL);
    expect("start(worker) after the stop", jx_task_start(WORKER), JX_EBUSY);
    expect("stop(never started)", jx_task_stop(WORKER + 1), JX_OK);
    expect("start(stopped before it ran)", jx_task_start(WORKER + 1), JX_EBUSY);
    jx_task_status(WORKER + 1, &state, &cause, &code, &cpu);
    expect_true("it ended, killed, without running",
                state == JX_TASK_ENDED && cause == JX_EXIT_KILLED && cpu == 0);
    printf("supervise: %d failures\n", failures);
    return failures;
}
