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
 * Layout: this header, then `nstrings` NUL-terminated strings -- the
 * module's file name (for reports), argv[0..argc), env[0..envc) -- then,
 * at wasm_off (a multiple of 8), the module's bytes.
 */
#define RUNNER_JOB_MAGIC "JXJOB001"
#define RUNNER_FROM_DATA (1u << 9)
#define RUNNER_JOB_MAX_ARGS 33   /* argv[0] (the module's name) and 32 more */
#define RUNNER_JOB_MAX_ENV 32

struct runner_job_header {
    char magic[8];
    uint32_t argc, envc;         /* argc >= 1 */
    uint32_t wasm_off, wasm_size;
};
