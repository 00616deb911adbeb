/* SPDX-License-Identifier: MIT */
/* job.h: what the root hands a runner task: one module, its arguments and environment, in one read-only blob. */
#pragma once
#include <stdint.h>

/*
 * The root (user/root/main.c) builds the job and gives it to
 * JX_SYS_TASK_CREATE as the new task's data, which the kernel maps
 * read-only at JX_TASK_DATA_ADDR; the task argument is
 * RUNNER_FROM_DATA | (job size << 32). The runner checks every field
 * against the size before it uses it (user/runner/main.c).
 *
 * Layout: this header, then NUL-terminated strings -- the module's file
 * name (for reports), argv[0..argc), env[0..envc), the names of its
 * capabilities [0..ncaps) ("console", "call:mqtt": the manifest's items;
 * "dir:rw:NAME:GUEST" for a dir= preopen, which the runner keeps: files.c),
 * its invoke entries [0..ninvoke) ("EXPORT ARG...") -- then, at wasm_off
 * (a multiple of 8), the module's bytes, and at stdin_off, right after
 * them, its standard input when the manifest names a stdin= file. Capability i is in the runner's
 * slot cap_slots[i]; the module may name exactly those (user/runner/caps.c).
 */
#define RUNNER_JOB_MAGIC    "JXJOB003"
#define RUNNER_FROM_DATA    (1u << 9)
#define RUNNER_JOB_MAX_ARGS 33 /* argv[0] (the module's name) and 32 more */
#define RUNNER_JOB_MAX_ENV  32
/* How a runner ends besides the module's own exit code: `jericho run
 * --host`'s numbers, which the root passes on. */
#define RUNNER_EXIT_USAGE 2 /* the module cannot be loaded, linked or run */
#define RUNNER_EXIT_TRAP  134 /* a trap (128 + SIGABRT, as abort() natively) */
/* A task gets at most JX_TASK_SPEC_CAPS (12): the module's, and the
 * runner's own Reply, report console, AddressSpace and quota. */
#define RUNNER_JOB_MAX_CAPS 8
/* What the runner may use for the engine (compiled code, the store) beyond
 * the module's `memory`; more comes out of `memory` (user/runner/memory.c). */
#define RUNNER_ALLOWANCE      (4u << 20)
#define RUNNER_JOB_MAX_INVOKE 16

struct runner_job_header {
    char magic[8];
    uint32_t argc, envc; /* argc >= 1 */
    uint32_t ncaps, ninvoke;
    uint32_t cap_slots[RUNNER_JOB_MAX_CAPS];
    uint32_t reply_slot; /* the Reply the runner answers calls with, or JX_CAP_NONE */
    uint32_t
        report_slot; /* a console for the runner's own reports (not the module's), or JX_CAP_NONE */
    uint32_t aspace_slot,
        quota_slot; /* its own AddressSpace and quota (memory.c), or JX_CAP_NONE */
    uint64_t memory; /* the module's `memory`, bytes */
    uint32_t max_pages; /* the module's linear memory limit, in 64 KiB pages */
    uint32_t wasm_off, wasm_size;
    uint32_t stdin_off, stdin_size; /* stdin_off 0: stdin is the console */
};
