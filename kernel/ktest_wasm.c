/* SPDX-License-Identifier: MIT */
/* ktest_wasm.c: boot tests of the wasm runner (user/runner/): embedded modules run as user tasks, one per module. */
#include <stdbool.h>
#include "clock.h"
#include "frame.h"
#include "kprintf.h"
#include "ktest_core.h"
#include "ktest_wasm.h"
#include "task.h"

/* user/runner/main.c's job table, in its order, and its timing flag. */
enum { JOB_HELLO, JOB_ADD, JOB_TRAP, JOB_INVALID, JOB_OOM, JOB_COUNT };
#define RUNNER_REPORT_TIME (1u << 8)

struct wasm_case {
    const char *module;
    int64_t status; /* the exit status the runner must end with */
};
static const struct wasm_case cases[JOB_COUNT] = {
    [JOB_HELLO] = { "hello.wasm", 3 }, /* main returns argc: proc_exit(3) */
    [JOB_ADD] = { "add.wasm", 0 },
    [JOB_TRAP] = { "trap.wasm", 134 }, /* a trap, as `jericho run --host` */
    [JOB_INVALID] = { "invalid.wasm", 2 }, /* refused by the validator */
    [JOB_OOM] = { "oom.wasm", 2 }, /* its table does not fit in the heap */
};

/*
 * Starts the runner on job `arg` with what a module's runner gets: the
 * console (read for stdin, write for stdout/stderr) and the clock, nothing
 * else. Returns its exit status (-1000 - cause if it did not exit).
 */
static int64_t run_runner(uint64_t arg)
{
    struct task *t = ktest_create("runner", "runner", arg, 60, 0, false);
    if (!t)
        return -1;
    if (task_give_cap(t, JX_SLOT_CONSOLE, ktest_root_slot(KTEST_ROOT_CONSOLE),
                      JX_RIGHT_READ | JX_RIGHT_WRITE, 0) != JX_OK ||
        task_give_cap(t, JX_SLOT_CLOCK, ktest_root_slot(KTEST_ROOT_CLOCK), JX_RIGHT_READ, 0) !=
            JX_OK) {
        kprintf("wasm: cannot give the runner its capabilities\n");
        return -1; /* the frame count below reports the task left behind */
    }
    task_start(t);
    return ktest_reap(t, 0, 0);
}

/* Every embedded module in turn, each in a fresh task; nothing may be left after. */
bool ktest_wasm(void)
{
    size_t frames = frame_free_count();
    bool bad = false;
    for (unsigned j = 0; j < JOB_COUNT; j++) {
        int64_t status = run_runner(j);
        kprintf("wasm: %s: exit status %lld\n", cases[j].module, (long long)status);
        if (status != cases[j].status) {
            kprintf("wasm: %s: WRONG, expected %lld\n", cases[j].module,
                    (long long)cases[j].status);
            bad = true;
        }
    }
    return ktest_check_frames("wasm", frames) | bad;
}

/* The hello module alone, with the clock at its first output (for BENCHMARKS.md). */
bool ktest_wasm_time(void)
{
    kprintf("wasm-time: creating the runner at %llu us after boot\n",
            (unsigned long long)(clock_now_ns() / 1000));
    int64_t status = run_runner(JOB_HELLO | RUNNER_REPORT_TIME);
    kprintf("wasm-time: exit status %lld\n", (long long)status);
    return status != cases[JOB_HELLO].status;
}
