/* SPDX-License-Identifier: MIT */
/* main.c: the root task: reads system.manifest from the boot archive, starts one wasm runner per module, reports how each ended. */
#include "../runner/job.h"
#include "archive.h"
#include "jx.h"
#include "manifest.h"

/*
 * The kernel (kernel/root.c) maps the boot archive read-only at
 * JX_TASK_DATA_ADDR, passes its size as the argument, and gives the root the
 * console, the clock and a quota. For each module of the manifest the root
 * makes a sub-quota of the module's `memory`, and creates a task running
 * the wasm runner (its ELF is linked into the root: runner_elf.S) charged to
 * it, with the module's job (job.h) as the task's data and exactly the
 * capabilities the module's line names. All run at once; the root waits for
 * every one of them and exits with the single module's status, or, with
 * several, the first non-zero status in manifest order (0 if all gave 0).
 */
enum {
    SLOT_CONSOLE = 0, SLOT_CLOCK = 1, SLOT_QUOTA = 2, /* kernel/root.c */
    SLOT_ENDED = 3,       /* a notification: module i's end signals bit i */
    SLOT_SCRATCH = 4,     /* a module's quota until its task holds it */
    SLOT_FIRST_TASK = 8,  /* module i's Task capability in slot 8 + i */
};
#define ROOT_MAX_MODULES (JX_CSPACE_SLOTS - SLOT_FIRST_TASK)
#define ROOT_EXIT_USAGE 2      /* a bad archive or manifest, a module that cannot start */
#define RUNNER_EXIT_TRAP 134   /* user/runner/main.c */

extern const uint8_t runner_elf[], runner_elf_end[];

static manifest_t mf;
static mf_error_t mf_err;
static archive_t ar;
static int64_t status[MANIFEST_MAX_MODULES];
/* One job header and its strings at a time: the kernel copies it at creation. */
static union {
    struct runner_job_header h;
    char bytes[16384];
} job;

/* Appends s and a NUL to the job's strings at *at; false if it does not fit. */
static bool job_string(uint32_t *at, const char *p, uint32_t len)
{
    if (len >= sizeof job.bytes - *at)
        return false;
    memcpy(job.bytes + *at, p, len);
    job.bytes[*at + len] = 0;
    *at += len + 1;
    return true;
}

/* The header and strings of module m's job; its size (a multiple of 8), or 0 if too long. */
static uint32_t job_build(const mf_module_t *m, const archive_file_t *f)
{
    uint32_t at = sizeof job.h;
    memcpy(job.h.magic, RUNNER_JOB_MAGIC, sizeof job.h.magic);
    job.h.argc = 1 + m->nargs;
    job.h.envc = m->nenv;
    bool ok = job_string(&at, f->name, (uint32_t)strlen(f->name)) &&
              job_string(&at, m->name.p, m->name.len);
    for (uint32_t i = 0; ok && i < m->nargs; i++)
        ok = job_string(&at, m->args[i].p, m->args[i].len);
    for (uint32_t i = 0; ok && i < m->nenv; i++)
        ok = job_string(&at, m->env[i].p, m->env[i].len);
    at = (at + 7) & ~7u;
    if (!ok || at > sizeof job.bytes)
        return 0;
    job.h.wasm_off = at;
    job.h.wasm_size = f->size;
    return at;
}

/* The module's capabilities as the runner's slots; NULL, or the item it cannot give yet. */
static const char *spec_caps(const mf_module_t *m, struct jx_task_spec *s)
{
    for (uint32_t i = 0; i < m->ncaps; i++) {
        struct jx_task_cap *c = &s->caps[s->ncaps];
        if (m->caps[i].kind == MF_CAP_CONSOLE)
            *c = (struct jx_task_cap){ SLOT_CONSOLE, JX_SLOT_CONSOLE, JX_RIGHT_READ | JX_RIGHT_WRITE, 0 };
        else if (m->caps[i].kind == MF_CAP_CLOCK)
            *c = (struct jx_task_cap){ SLOT_CLOCK, JX_SLOT_CLOCK, JX_RIGHT_READ, 0 };
        else
            return "endpoints and notifications";
        s->ncaps++;
    }
    return 0;
}

static void print_name(const mf_module_t *m)
{
    char name[64];
    size_t n = m->name.len < sizeof name - 1 ? m->name.len : sizeof name - 1;
    memcpy(name, m->name.p, n);
    name[n] = 0;
    printf("module %s: ", name);
}

/* Creates and starts module i's task; false after a line saying why not. */
static bool module_start(uint32_t i)
{
    const mf_module_t *m = &mf.modules[i];
    archive_file_t f;
    struct jx_task_spec s = { 0 };
    char file[ARCHIVE_NAME_MAX + 1];
    const char *why = 0;
    if (m->file.len > ARCHIVE_NAME_MAX)
        why = "its file name is too long for the archive";
    memcpy(file, m->file.p, why ? 0 : m->file.len);
    file[why ? 0 : m->file.len] = 0;
    if (!why && !archive_find(&ar, file, &f))
        why = "its file is not in the boot archive";
    uint32_t head = why ? 0 : job_build(m, &f);
    if (!why && !head)
        why = "its arguments and environment are too long";
    if (!why)
        why = spec_caps(m, &s) ? "endpoints and notifications are not supported yet" : 0;
    if (why) {
        print_name(m);
        printf("cannot start: %s\n", why);
        return false;
    }
    s.elf = (uintptr_t)runner_elf;
    s.elf_size = (uint64_t)(runner_elf_end - runner_elf);
    s.data[0] = (struct jx_task_data){ (uintptr_t)job.bytes, head };
    s.data[1] = (struct jx_task_data){ (uintptr_t)f.data, f.size };
    s.arg = RUNNER_FROM_DATA | ((uint64_t)(head + f.size) << 32);
    s.priority = m->priority;
    memcpy(s.name, m->name.p, m->name.len < sizeof s.name ? m->name.len : sizeof s.name);
    uint32_t task = SLOT_FIRST_TASK + i;
    jx_error_t err = jx_quota_alloc(SLOT_QUOTA, JX_OBJ_QUOTA, SLOT_SCRATCH, m->memory);
    if (err == JX_OK) {
        err = jx_task_create(SLOT_SCRATCH, &s, task);
        jx_cap_delete(SLOT_SCRATCH);   /* the task's charge keeps the quota alive */
    }
    if (err == JX_OK)
        err = jx_task_notify(task, SLOT_ENDED, 1ull << i);
    if (err == JX_OK)
        err = jx_task_start(task);
    if (err != JX_OK) {
        print_name(m);
        printf("cannot start: error %d%s\n", err,
               err == JX_ENOMEM ? " (not enough memory for its quota and runner)" : "");
        jx_cap_delete(task);
        return false;
    }
    return true;
}

/* Module i has ended: its status, and one line unless it exited with 0. */
static void module_ended(uint32_t i)
{
    unsigned state, cause;
    int64_t code;
    uint64_t cpu;
    const mf_module_t *m = &mf.modules[i];
    jx_task_status(SLOT_FIRST_TASK + i, &state, &cause, &code, &cpu);
    jx_cap_delete(SLOT_FIRST_TASK + i);
    status[i] = cause == JX_EXIT_NORMAL ? code : ROOT_EXIT_USAGE;
    if (cause == JX_EXIT_NORMAL && code == 0)
        return;
    print_name(m);
    if (cause != JX_EXIT_NORMAL)
        printf("its runner was stopped (%s)\n", cause == JX_EXIT_FAULT ? "a fault" :
               cause == JX_EXIT_BUDGET ? "CPU budget" : "killed");
    else if (code == RUNNER_EXIT_TRAP)
        printf("trap (exit status %lld)\n", (long long)code);
    else
        printf("exit status %lld\n", (long long)code);
}

/* Starts every module, then waits until each has ended. */
static void run_modules(void)
{
    uint64_t running = 0;
    for (uint32_t i = 0; i < mf.nmodules; i++) {
        if (module_start(i))
            running |= 1ull << i;
        else
            status[i] = ROOT_EXIT_USAGE;
    }
    while (running) {
        uint64_t bits = 0;
        if (jx_wait(SLOT_ENDED, &bits, JX_TIMEOUT_FOREVER) != JX_OK)
            break;
        for (uint32_t i = 0; i < mf.nmodules; i++)
            if (bits & running & (1ull << i)) {
                running &= ~(1ull << i);
                module_ended(i);
            }
    }
}

int64_t main(uint64_t size)
{
    archive_file_t f;
    const char *bad = archive_open(&ar, (const uint8_t *)(uintptr_t)JX_TASK_DATA_ADDR, size);
    if (bad) {
        printf("root: the boot archive is unusable: %s\n", bad);
        return ROOT_EXIT_USAGE;
    }
    if (!archive_find(&ar, "system.manifest", &f)) {
        printf("root: the boot archive has no system.manifest\n");
        return ROOT_EXIT_USAGE;
    }
    if (!manifest_parse((const char *)f.data, f.size, &mf, &mf_err)) {
        printf("manifest:%u: %s\n", mf_err.line, mf_err.message);
        return ROOT_EXIT_USAGE;
    }
    if (mf.nmodules > ROOT_MAX_MODULES) {
        printf("root: %u modules; this root starts at most %u\n", mf.nmodules, ROOT_MAX_MODULES);
        return ROOT_EXIT_USAGE;
    }
    if (jx_quota_alloc(SLOT_QUOTA, JX_OBJ_NOTIFICATION, SLOT_ENDED, 0) != JX_OK) {
        printf("root: no memory for a notification\n");
        return ROOT_EXIT_USAGE;
    }
    run_modules();
    for (uint32_t i = 0; i < mf.nmodules; i++)
        if (status[i] != 0 || mf.nmodules == 1)
            return status[i];
    return 0;
}
