/* SPDX-License-Identifier: MIT */
/* main.c: the root task: reads system.manifest from the boot archive, starts one wasm runner per module, supervises them. */
#include "../runner/frame.h"
#include "root.h"

/*
 * The kernel (kernel/root.c) maps the boot archive read-only at
 * JX_TASK_DATA_ADDR, passes its size as the argument, and gives the root the
 * console, the clock, a quota and IRQ control (include/jericho/cap.h's
 * JX_ROOT_SLOT_*; the root checks that it has them). The root makes the endpoints and
 * notifications the manifest names (objects.c), then for each module a
 * sub-quota of the module's `memory` plus what its runner needs, and a task
 * running the wasm runner (its ELF is linked into the root: runner_elf.S)
 * charged to it, with the module's job (job.c) as the task's data and
 * exactly the capabilities its line names. All run at once.
 *
 * Supervision: a module with `cpu=B/P` may use B of CPU in each period P
 * (the kernel stops a task past its budget; the root raises the budget by B
 * at every period's end). A module that traps, faults or is stopped is
 * reported in one line and, with `restart=N`, started again up to N times
 * after a back-off that doubles each time. When every module has ended the
 * root exits with the single module's status or, with several, the first
 * non-zero status in manifest order (0 if all gave 0).
 */
#define ROOT_EXIT_USAGE 2 /* a bad archive or manifest, a module that cannot start */
/* A runner the kernel stopped gets the status a shell shows for a native
 * process ended by the matching signal: 128 + SIGXCPU (CPU limit), + SIGSEGV
 * (a fault: a bug in the runner, never the module's), + SIGKILL. */
#define ROOT_EXIT_BUDGET 152
#define ROOT_EXIT_FAULT  139
#define ROOT_EXIT_KILLED 137

extern const uint8_t runner_elf[], runner_elf_end[];

static manifest_t mf;
static mf_error_t mf_err;
static archive_t ar;

/* What the root knows of module i while the system runs. */
static struct module_state {
    bool running, waiting; /* a task is running / a restart is due at restart_at */
    uint32_t restarts;
    uint64_t restart_at, period_end, cpu_at_period; /* ns */
    int64_t status;
} st[ROOT_MAX_MODULES];

void root_print_name(const mf_module_t *m)
{
    char name[64];
    size_t n = m->name.len < sizeof name - 1 ? m->name.len : sizeof name - 1;
    memcpy(name, m->name.p, n);
    name[n] = 0;
    printf("module %s: ", name);
}

/* The archive's file `name`; false with *why set. */
static bool find_file(mf_str_t name, archive_file_t *f, const char **why)
{
    char file[ARCHIVE_NAME_MAX + 1];
    if (name.len > ARCHIVE_NAME_MAX) {
        *why = "a file name too long for the archive";
        return false;
    }
    memcpy(file, name.p, name.len);
    file[name.len] = 0;
    if (!archive_find(&ar, file, f)) {
        *why = "a file that is not in the boot archive";
        return false;
    }
    return true;
}

/* Module i's file, job and program (the runner's ELF unless program= names
 * one); the job's size, or 0 with *why set. */
static uint32_t module_job(const mf_module_t *m, archive_file_t *f, archive_file_t *elf,
                           archive_file_t *in, const char **why)
{
    *elf = (archive_file_t){ "runner", runner_elf, (uint32_t)(runner_elf_end - runner_elf) };
    *in = (archive_file_t){ "", 0, 0 };
    if (!find_file(m->file, f, why) || (m->program.len && !find_file(m->program, elf, why)) ||
        (m->stdin_file.len && !find_file(m->stdin_file, in, why)))
        return 0;
    return job_build(m, f, m->stdin_file.len ? in : 0, why);
}

/* Creates module i's task from spec s, charged to a new sub-quota. */
static jx_error_t module_create(uint32_t i, const mf_module_t *m, struct jx_task_spec *s,
                                uint64_t job_size)
{
    uint32_t task = SLOT_FIRST_TASK + i;
    uint64_t quota = m->memory + job_runner_footprint((const uint8_t *)(uintptr_t)s->elf,
                                                      s->elf_size, (uint32_t)job_size);
    jx_error_t err = jx_quota_alloc(SLOT_QUOTA, JX_OBJ_QUOTA, SLOT_SCRATCH_QUOTA, quota);
    if (err == JX_OK &&
        ((const struct runner_job_header *)job_bytes())->reply_slot != JX_CAP_NONE) {
        err = jx_quota_alloc(SLOT_SCRATCH_QUOTA, JX_OBJ_REPLY, SLOT_SCRATCH_REPLY, 0);
        s->caps[s->ncaps++] = (struct jx_task_cap){ SLOT_SCRATCH_REPLY, ROOT_RUNNER_REPLY_SLOT,
                                                    JX_RIGHT_READ | JX_RIGHT_WRITE, 0 };
    }
    s->caps[s->ncaps++] =
        (struct jx_task_cap){ SLOT_CONSOLE, ROOT_RUNNER_REPORT_SLOT, JX_RIGHT_WRITE, 0 };
    s->caps[s->ncaps++] =
        (struct jx_task_cap){ JX_TASK_CAP_SELF_ASPACE, ROOT_RUNNER_ASPACE_SLOT, JX_RIGHT_WRITE, 0 };
    s->caps[s->ncaps++] =
        (struct jx_task_cap){ SLOT_SCRATCH_QUOTA, ROOT_RUNNER_QUOTA_SLOT, JX_RIGHT_WRITE, 0 };
    if (err == JX_OK)
        err = jx_task_create(SLOT_SCRATCH_QUOTA, s, task);
    jx_cap_delete(SLOT_SCRATCH_REPLY);
    jx_cap_delete(SLOT_SCRATCH_QUOTA); /* the task's charge keeps the quota alive */
    if (err == JX_OK && m->cpu_budget)
        err = jx_task_set(task, JX_TASK_BUDGET, m->cpu_budget * 1000);
    if (err == JX_OK)
        err = jx_task_notify(task, SLOT_EVENTS, 1ull << i);
    if (err == JX_OK)
        err = jx_task_start(task);
    if (err != JX_OK)
        jx_cap_delete(task);
    return err;
}

/* Starts module i; false after a line saying why not. */
static bool module_start(uint32_t i)
{
    const mf_module_t *m = &mf.modules[i];
    archive_file_t f, elf, in;
    struct jx_task_spec s = { 0 };
    const char *why = 0;
    uint32_t head = module_job(m, &f, &elf, &in, &why);
    if (head)
        why = objects_spec(m, i + 1, &s);
    if (why) {
        objects_spec_done();
        root_print_name(m);
        printf("cannot start: %s\n", why);
        return false;
    }
    s.elf = (uintptr_t)elf.data;
    s.elf_size = elf.size;
    s.data[0] = (struct jx_task_data){ (uintptr_t)job_bytes(), head };
    s.data[1] = (struct jx_task_data){ (uintptr_t)f.data, f.size };
    s.data[2] = (struct jx_task_data){ (uintptr_t)in.data, in.size };
    uint64_t job_size = (uint64_t)head + f.size + in.size;
    s.arg = RUNNER_FROM_DATA | (job_size << 32);
    s.priority = m->priority;
    memcpy(s.name, m->name.p, m->name.len < sizeof s.name ? m->name.len : sizeof s.name);
    jx_error_t err = module_create(i, m, &s, job_size);
    objects_spec_done();
    if (err != JX_OK) {
        root_print_name(m);
        printf("cannot start: error %d%s\n", err,
               err == JX_ENOMEM ? " (not enough memory for its quota and runner)" : "");
        return false;
    }
    st[i].running = true;
    st[i].period_end = jx_now_ns() + m->cpu_period * 1000;
    st[i].cpu_at_period = 0;
    return true;
}

static int64_t stopped_status(unsigned cause)
{
    return cause == JX_EXIT_BUDGET  ? ROOT_EXIT_BUDGET
           : cause == JX_EXIT_FAULT ? ROOT_EXIT_FAULT
                                    : ROOT_EXIT_KILLED;
}

static const char *cause_name(unsigned cause)
{
    return cause == JX_EXIT_FAULT    ? "a fault"
           : cause == JX_EXIT_BUDGET ? "its CPU budget"
                                     : "killed";
}

/* Module i has ended: its status, a line unless it exited with 0, and a restart if its policy says so. */
static void module_ended(uint32_t i)
{
    unsigned state, cause;
    int64_t code;
    uint64_t cpu;
    const mf_module_t *m = &mf.modules[i];
    jx_task_status(SLOT_FIRST_TASK + i, &state, &cause, &code, &cpu);
    jx_cap_delete(SLOT_FIRST_TASK + i);
    st[i].running = false;
    st[i].status = cause == JX_EXIT_NORMAL ? code : stopped_status(cause);
    if (cause == JX_EXIT_NORMAL && code == 0)
        return objects_server_gone(m);
    bool failed = cause != JX_EXIT_NORMAL || code == RUNNER_EXIT_TRAP;
    root_print_name(m);
    if (cause != JX_EXIT_NORMAL)
        printf("stopped by %s after %llu ms of CPU (status %lld)", cause_name(cause),
               (unsigned long long)(cpu / 1000000), (long long)stopped_status(cause));
    else
        printf("%sexit status %lld%s", code == RUNNER_EXIT_TRAP ? "trap (" : "", (long long)code,
               code == RUNNER_EXIT_TRAP ? ")" : "");
    if (failed && st[i].restarts < m->restart) {
        uint64_t wait_us = m->backoff << (st[i].restarts < 20 ? st[i].restarts : 20);
        st[i].restarts++;
        st[i].waiting = true;
        st[i].restart_at = jx_now_ns() + wait_us * 1000;
        printf("; restart %u of %u in %llu ms\n", st[i].restarts, m->restart,
               (unsigned long long)(wait_us / 1000));
        return;
    }
    if (failed && m->restart)
        printf("; given up after %u restarts\n", m->restart);
    else
        printf("\n");
    objects_server_gone(m);
}

/* Each running module with a CPU budget whose period has ended gets B more. */
static void refill_budgets(uint64_t now)
{
    for (uint32_t i = 0; i < mf.nmodules; i++) {
        const mf_module_t *m = &mf.modules[i];
        if (!st[i].running || !m->cpu_budget || now < st[i].period_end)
            continue;
        unsigned state, cause;
        int64_t code;
        uint64_t cpu;
        if (jx_task_status(SLOT_FIRST_TASK + i, &state, &cause, &code, &cpu) == JX_OK &&
            state == JX_TASK_ALIVE)
            jx_task_set(SLOT_FIRST_TASK + i, JX_TASK_BUDGET, cpu + m->cpu_budget * 1000);
        while (st[i].period_end <= now)
            st[i].period_end += m->cpu_period * 1000;
    }
}

/* The next moment the root must act without an end to wake it; 0 if none. */
static uint64_t next_deadline(void)
{
    uint64_t next = 0;
    for (uint32_t i = 0; i < mf.nmodules; i++) {
        uint64_t t = st[i].waiting                               ? st[i].restart_at
                     : st[i].running && mf.modules[i].cpu_budget ? st[i].period_end
                                                                 : 0;
        if (t && (!next || t < next))
            next = t;
    }
    return next;
}

/* A module the system waits for is still running (a service=yes line is
 * not waited for: it ends with the power). */
static bool any_alive(void)
{
    for (uint32_t i = 0; i < mf.nmodules; i++)
        if ((st[i].running || st[i].waiting) && !mf.modules[i].service)
            return true;
    return false;
}

/* Starts every module, then supervises until each has ended for good. */
static void run_modules(void)
{
    for (uint32_t i = 0; i < mf.nmodules; i++)
        if (!module_start(i))
            st[i].status = ROOT_EXIT_USAGE;
    while (any_alive()) {
        uint64_t bits = 0, next = next_deadline(), now = jx_now_ns();
        if (next)
            jx_clock_arm(SLOT_CLOCK, SLOT_EVENTS, next > now ? next - now : 1, ROOT_TICK);
        if (jx_wait(SLOT_EVENTS, &bits, JX_TIMEOUT_FOREVER) != JX_OK)
            break;
        for (uint32_t i = 0; i < mf.nmodules; i++)
            if (bits & (1ull << i) && st[i].running)
                module_ended(i);
        now = jx_now_ns();
        refill_budgets(now);
        for (uint32_t i = 0; i < mf.nmodules; i++)
            if (st[i].waiting && st[i].restart_at <= now) {
                st[i].waiting = false;
                if (!module_start(i))
                    st[i].status = ROOT_EXIT_USAGE;
            }
    }
}

/*
 * The table the kernel promises (kernel/root.c): a root without it is
 * refused at once, so every boot of the root checks the promise (the
 * boot tests' root cases and the demos): NULL, or the slot that is wrong.
 */
static const char *root_table_check(void)
{
    static const struct {
        uint32_t slot;
        unsigned type, rights;
        const char *name;
    } want[] = {
        { SLOT_CONSOLE, JX_OBJ_CONSOLE, JX_RIGHT_READ | JX_RIGHT_WRITE, "the console" },
        { SLOT_CLOCK, JX_OBJ_CLOCK, JX_RIGHT_READ, "the clock" },
        { SLOT_QUOTA, JX_OBJ_QUOTA, JX_RIGHT_READ | JX_RIGHT_WRITE, "a quota" },
        { SLOT_IRQ_CONTROL, JX_OBJ_IRQ_CONTROL, JX_RIGHT_WRITE, "IRQ control" },
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        unsigned type, rights;
        uint64_t badge;
        if (jx_cap_identify(want[i].slot, &type, &rights, &badge) != JX_OK ||
            type != want[i].type || (rights & want[i].rights) != want[i].rights)
            return want[i].name;
    }
    return 0;
}

int64_t main(uint64_t size)
{
    archive_file_t f;
    const char *missing = root_table_check();
    if (missing) {
        /* Without its console the root can say nothing: the status says it. */
        printf("root: the kernel did not give it %s\n", missing);
        return ROOT_EXIT_USAGE;
    }
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
    bad = objects_create(&mf);
    if (!bad && jx_quota_alloc(SLOT_QUOTA, JX_OBJ_NOTIFICATION, SLOT_EVENTS, 0) != JX_OK)
        bad = "no memory for a notification";
    if (bad) {
        printf("root: %s\n", bad);
        return ROOT_EXIT_USAGE;
    }
    run_modules();
    int64_t status = 0;
    for (uint32_t i = 0; i < mf.nmodules && !status; i++)
        status = st[i].status;
    printf(FRAME_END_LINE "%lld\n", (long long)status);
    return status;
}
