/* SPDX-License-Identifier: MIT */
/* main.c: the wasm runner: load an embedded module, link it against WASI, run it, report how it ended. */
#include "../wasi/wasi.h"
#include "heap.h"
#include "job.h"
#include "jx.h"
#include "modules.h"
#include "platform.h"

/*
 * The task argument selects a job (its low byte) from the table below, or
 * with RUNNER_FROM_DATA (job.h) names the job the root put at
 * JX_TASK_DATA_ADDR; RUNNER_REPORT_TIME (bit 8) adds a line with the clock when the runner
 * started and at the module's first output. Exit status: the module's proc_exit code (0 if _start
 * returns), RUNNER_EXIT_TRAP for a trap, RUNNER_EXIT_USAGE for a module
 * that cannot be loaded, linked or run: `jericho run --host`'s numbers.
 * kernel/ktest_wasm.c repeats the job numbers.
 */
#define RUNNER_EXIT_USAGE 2
#define RUNNER_EXIT_TRAP 134
#define RUNNER_REPORT_TIME (1u << 8)
/* Linear memory cap: growth without a memory provider copies, so the old
 * and the new memory must fit in the heap together, with the engine's own. */
#define RUNNER_MAX_MEMORY_PAGES 64u /* 4 MiB */
/* Capabilities the starter puts in the runner's table (user/lib/jx.h's slots). */
static const runner_caps_t runner_caps = { JX_SLOT_CONSOLE, JX_SLOT_CLOCK };

/* An export to call with fixed arguments (for modules without _start). */
struct runner_call {
    const char *name;
    uint32_t nargs;
    uint64_t args[2];
};

struct runner_job {
    const char *module;
    uint32_t argc, envc;
    const char *const *argv, *const *envp;
    const struct runner_call *calls; /* NULL: run _start */
};

static const char *const hello_argv[] = { "hello", "a", "b" };
static const char *const hello_env[] = { "GREETING=hi" };
static const char *const plain_argv[] = { "module" };
static const struct runner_call add_calls[] = {
    { "add", 2, { 2, 40 } }, { "fac", 1, { 20 } }, { "grow", 1, { 1 } },
    { "grow", 1, { 100000 } }, { 0, 0, { 0 } },
};
static const struct runner_job jobs[] = {
    { "hello.wasm", 3, 1, hello_argv, hello_env, 0 },
    { "add.wasm", 1, 0, plain_argv, 0, add_calls },
    { "trap.wasm", 1, 0, plain_argv, 0, 0 },
    { "invalid.wasm", 1, 0, plain_argv, 0, 0 },
    { "oom.wasm", 1, 0, plain_argv, 0, 0 },
};

/* Everything one run owns: the task ends with it, so nothing is freed. */
static struct runner {
    const struct runner_job *job;
    jw_module_t *module;
    jw_store_t *store;
    wasi_platform_t platform;
    wasi_ctx_t wasi; /* ~12 KiB: too big for the 32 KiB stack */
    jw_error_t err;
} r;

static const struct runner_module *find_module(const char *name)
{
    for (const struct runner_module *m = runner_modules; m->name; m++)
        if (strcmp(m->name, name) == 0)
            return m;
    return 0;
}

/* "NAME (func N)" from the name section, "MODULE.NAME (func N)" for an
 * import, else "func N"; unprintable bytes become '?', long names are cut. */
static void print_func(const jw_module_t *m, uint32_t func)
{
    enum { NAME_MAX_SHOWN = 80 };
    char buf[NAME_MAX_SHOWN + 1];
    size_t len;
    const char *name = jw_module_func_name(m, func, &len);
    if (!name || !len) {
        printf("func %u", func);
        return;
    }
    if (len > NAME_MAX_SHOWN)
        len = NAME_MAX_SHOWN;
    for (size_t i = 0; i < len; i++)
        buf[i] = name[i] >= 0x20 && name[i] < 0x7f ? name[i] : '?';
    buf[len] = 0;
    printf("%s (func %u)", buf, func);
}

/* One line: the trap, where, and the callers the engine kept. */
static void report_trap(const jw_error_t *e)
{
    printf("runner: %s: trap: %s in ", r.job->module, jw_trap_name(e->trap));
    print_func(r.module, e->func);
    printf(" at +0x%zx", e->offset);
    for (uint32_t i = 1; i < e->ntrace; i++) {
        printf(i == 1 ? ", called from " : ", ");
        print_func(e->trace[i].module, e->trace[i].func);
        printf(" at +0x%zx", e->trace[i].offset);
    }
    if (e->trap == JW_TRAP_HOST && e->message[0])
        printf(" (%s)", e->message);
    printf("\n");
}

/* The exit status of a failed instantiate or call, after its report. */
static int64_t failure(const jw_error_t *e)
{
    uint32_t code;
    if (e->kind == JW_ERR_TRAP && wasi_exited(&r.wasi, &code))
        return code;
    if (e->kind == JW_ERR_TRAP) {
        report_trap(e);
        return RUNNER_EXIT_TRAP;
    }
    if (e->kind == JW_ERR_NOMEM) {
        printf("runner: %s: out of memory: the heap has %zu of %u KiB in use and cannot "
               "give what the module needs\n", r.job->module, heap_used() >> 10,
               HEAP_BYTES >> 10);
        return RUNNER_EXIT_USAGE;
    }
    const char *what = e->kind == JW_ERR_UNLINKABLE ? "cannot link" : "cannot run";
    printf("runner: %s: %s: %s\n", r.job->module, what, e->message);
    return RUNNER_EXIT_USAGE;
}

static bool load(const struct runner_module *m)
{
    r.module = jw_module_load(&heap_allocator, m->data, m->size, &r.err);
    if (r.module)
        return true;
    if (r.err.kind == JW_ERR_MALFORMED || r.err.kind == JW_ERR_INVALID)
        printf("runner: %s: invalid module: %s (at offset 0x%zx)\n", m->name, r.err.message,
               r.err.offset);
    else
        printf("runner: %s: cannot load module: %s\n", m->name, r.err.message);
    return false;
}

static bool instantiate(jw_instance_t **inst)
{
    jw_store_config_t cfg = { .max_memory_pages = RUNNER_MAX_MEMORY_PAGES };
    wasi_config_t wc = { r.job->argc, r.job->argv, r.job->envc, r.job->envp, &r.platform, 0, 0 };
    platform_init(&r.platform, &runner_caps);
    r.store = jw_store_new(&heap_allocator, &cfg);
    if (!r.store || !wasi_init(&r.wasi, r.store, &wc)) {
        printf("runner: %s: out of memory: no store\n", r.job->module);
        return false;
    }
    *inst = jw_instantiate(r.store, r.module, wasi_resolve, &r.wasi, &r.err);
    return *inst != 0;
}

/* Looks up an exported function; NULL (and a report) if there is none. */
static jw_func_t *export_func(jw_instance_t *inst, const char *name)
{
    jw_extern_t ex;
    if (jw_instance_export(inst, name, strlen(name), &ex) && ex.kind == JW_EXTERN_FUNC)
        return ex.of.func;
    printf("runner: %s: no exported function \"%s\"\n", r.job->module, name);
    return 0;
}

static void print_value(const jw_value_t *v)
{
    if (v->type == JW_I32)
        printf("%d", (int32_t)v->of.i32);
    else if (v->type == JW_I64)
        printf("%lld", (long long)(int64_t)v->of.i64);
    else
        printf("(%s)", jw_valtype_name(v->type));
}

/* Calls each export of the job with its integer arguments, printing
 * "runner: MODULE: NAME(ARGS) = RESULT"; the status of the first failure. */
static int64_t run_calls(jw_instance_t *inst)
{
    for (const struct runner_call *c = r.job->calls; c->name; c++) {
        jw_func_t *f = export_func(inst, c->name);
        if (!f)
            return RUNNER_EXIT_USAGE;
        jw_functype_t ft;
        jw_value_t args[2], res;
        jw_func_type(f, &ft);
        if (ft.nparams != c->nargs || ft.nresults != 1) {
            printf("runner: %s: %s has the wrong type\n", r.job->module, c->name);
            return RUNNER_EXIT_USAGE;
        }
        printf("runner: %s: %s(", r.job->module, c->name);
        for (uint32_t i = 0; i < c->nargs; i++) {
            args[i].type = ft.params[i];
            args[i].of.i64 = ft.params[i] == JW_I32 ? (uint32_t)c->args[i] : c->args[i];
            printf(i ? ", %lld" : "%lld", (long long)c->args[i]);
        }
        if (!jw_call(r.store, f, args, c->nargs, &res, 1, &r.err)) {
            printf(")\n");
            return failure(&r.err);
        }
        printf(") = ");
        print_value(&res);
        printf("\n");
    }
    return 0;
}

static int64_t run(const struct runner_job *job, const struct runner_module *m)
{
    jw_instance_t *inst;
    r.job = job;
    if (!m) {
        printf("runner: %s: no such module in the runner\n", job->module);
        return RUNNER_EXIT_USAGE;
    }
    if (!load(m))
        return RUNNER_EXIT_USAGE;
    if (!instantiate(&inst))
        return r.store ? failure(&r.err) : RUNNER_EXIT_USAGE;
    if (job->calls)
        return run_calls(inst);
    jw_func_t *start = export_func(inst, "_start");
    if (!start)
        return RUNNER_EXIT_USAGE;
    return jw_call(r.store, start, 0, 0, 0, 0, &r.err) ? 0 : failure(&r.err);
}

/*
 * The job the root gave (job.h), `size` bytes at JX_TASK_DATA_ADDR, into
 * *job and *m; NULL, or what is wrong with it. Every string must end inside
 * the blob and the module must lie inside it.
 */
static const char *job_from_data(uint64_t size, struct runner_job *job, struct runner_module *m)
{
    static const char *argv[RUNNER_JOB_MAX_ARGS], *envp[RUNNER_JOB_MAX_ENV];
    const char *base = (const char *)(uintptr_t)JX_TASK_DATA_ADDR;
    struct runner_job_header h;
    if (size < sizeof h || size > JX_TASK_DATA_MAX)
        return "too short";
    memcpy(&h, base, sizeof h);
    if (memcmp(h.magic, RUNNER_JOB_MAGIC, sizeof h.magic) != 0)
        return "bad magic";
    if (h.argc < 1 || h.argc > RUNNER_JOB_MAX_ARGS || h.envc > RUNNER_JOB_MAX_ENV)
        return "too many arguments or environment entries";
    if (h.wasm_off < sizeof h || h.wasm_off > size || h.wasm_size > size - h.wasm_off)
        return "module outside the job";
    uint64_t at = sizeof h;
    for (uint32_t i = 0; i < 1 + h.argc + h.envc; i++) {
        const char *s = base + at;
        while (at < h.wasm_off && base[at])
            at++;
        if (at >= h.wasm_off)
            return "a string runs into the module";
        at++;
        if (i == 0)
            job->module = s;
        else if (i <= h.argc)
            argv[i - 1] = s;
        else
            envp[i - 1 - h.argc] = s;
    }
    job->argc = h.argc;
    job->envc = h.envc;
    job->argv = argv;
    job->envp = envp;
    job->calls = 0;
    m->name = job->module;
    m->data = (const uint8_t *)base + h.wasm_off;
    m->size = h.wasm_size;
    return 0;
}

int64_t main(uint64_t arg)
{
    static struct runner_job data_job;
    static struct runner_module data_module;
    const struct runner_job *job;
    const struct runner_module *m;
    if (arg & RUNNER_FROM_DATA) {
        const char *bad = job_from_data(arg >> 32, &data_job, &data_module);
        if (bad) {
            printf("runner: the job from the root is unusable: %s\n", bad);
            return RUNNER_EXIT_USAGE;
        }
        job = &data_job;
        m = &data_module;
    } else {
        unsigned j = arg & 0xff;
        if (j >= sizeof jobs / sizeof jobs[0]) {
            printf("runner: no job %u\n", j);
            return RUNNER_EXIT_USAGE;
        }
        job = &jobs[j];
        m = find_module(job->module);
    }
    uint64_t started = jx_now_ns(), first;
    int64_t status = run(job, m);
    if ((arg & RUNNER_REPORT_TIME) && platform_first_output(&first))
        printf("runner: %s: started at %llu us, first output at %llu us after boot, "
               "heap peak %zu KiB of %u KiB\n", job->module,
               (unsigned long long)(started / 1000), (unsigned long long)(first / 1000),
               heap_peak() >> 10, HEAP_BYTES >> 10);
    return status;
}
