/* SPDX-License-Identifier: MIT */
/* main.c: the wasm runner: load an embedded module, link it against WASI, run it, report how it ended. */
#include "../wasi/wasi.h"
#include "caps.h"
#include "files.h"
#include "frame.h"
#include "heap.h"
#include "job.h"
#include "jx.h"
#include "memory.h"
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
#define RUNNER_REPORT_TIME (1u << 8)
/* Without a memory provider (the embedded jobs) linear memory comes from
 * the heap, kept to this much, and growth copies: the old and the new
 * memory must fit in it together, with the engine's own. */
#define RUNNER_EMBEDDED_HEAP    (16u << 20)
#define RUNNER_MAX_MEMORY_PAGES 64u /* 4 MiB */
#define RUNNER_MAX_ARGS         8 /* of one invoke entry */

struct runner_job {
    const char *module;
    uint32_t argc, envc, ninvoke, ncaps, max_pages;
    const char *const *argv, *const *envp;
    const char *const *invoke; /* "EXPORT ARG..." to call instead of _start */
    const char *const *cap_names;
    const uint32_t *cap_slots;
    uint32_t reply, report, aspace, quota; /* the runner's own slots, or JX_CAP_NONE */
    uint64_t memory; /* the module's `memory`, bytes (0: embedded) */
};

/* The embedded jobs (kernel/ktest_wasm.c): console in slot 0, clock in slot 1 (user/lib/jx.h). */
static const char *const hello_argv[] = { "hello", "a", "b" };
static const char *const hello_env[] = { "GREETING=hi" };
static const char *const plain_argv[] = { "module" };
static const char *const add_invoke[] = { "add 2 40", "factorial 20", "grow 1", "grow 100000" };
static const char *const std_names[] = { "console", "clock" };
static const uint32_t std_slots[] = { JX_SLOT_CONSOLE, JX_SLOT_CLOCK };
#define EMBEDDED(file, argc, argv, envc, envp, ninv, inv)                                          \
    { file,        argc,        envc,        ninv,      2,         RUNNER_MAX_MEMORY_PAGES,        \
      argv,        envp,        inv,         std_names, std_slots, JX_CAP_NONE,                    \
      JX_CAP_NONE, JX_CAP_NONE, JX_CAP_NONE, 0 }
static const struct runner_job jobs[] = {
    EMBEDDED("hello.wasm", 3, hello_argv, 1, hello_env, 0, 0),
    EMBEDDED("add.wasm", 1, plain_argv, 0, 0, 4, add_invoke),
    EMBEDDED("trap.wasm", 1, plain_argv, 0, 0, 0, 0),
    EMBEDDED("invalid.wasm", 1, plain_argv, 0, 0, 0, 0),
    EMBEDDED("oom.wasm", 1, plain_argv, 0, 0, 0, 0),
};

/* Everything one run owns: the task ends with it, so nothing is freed. */
static struct runner {
    const struct runner_job *job;
    jw_module_t *module;
    jw_store_t *store;
    bool framed; /* reports go to stderr frames (frame.h): the root started us */
    wasi_platform_t platform;
    runner_caps_t caps;
    runner_memory_t memory;
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

/* A report line, built whole and written with one console call, so that
 * the lines of modules running at once never cut into each other. */
struct line {
    char buf[1024];
    size_t len;
};

static void line_vadd(struct line *l, const char *fmt, va_list ap)
{
    int n = vsnprintf(l->buf + l->len, sizeof l->buf - l->len, fmt, ap);
    l->len = n < 0                                ? l->len
             : l->len + (size_t)n < sizeof l->buf ? l->len + (size_t)n
                                                  : sizeof l->buf - 1;
}

__attribute__((format(printf, 2, 3))) static void line_add(struct line *l, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    line_vadd(l, fmt, ap);
    va_end(ap);
}

/* Writes the line: a result on stdout, or a report on stderr -- framed
 * (frame.h) when the root started us, as `jericho run --host` would print it. */
static void line_out(const struct line *l, bool report)
{
    char framed[FRAME_HEADER_MAX + sizeof l->buf];
    if (!report || !r.framed) {
        jx_debug_write(l->buf, l->len);
        return;
    }
    size_t head = platform_frame_header(framed, 2, l->len);
    memcpy(framed + head, l->buf, l->len);
    jx_debug_write(framed, head + l->len);
}

/* One report line: "runner: MODULE: " and the rest. */
__attribute__((format(printf, 1, 2))) static void report(const char *fmt, ...)
{
    struct line l = { .len = 0 };
    va_list ap;
    line_add(&l, "runner: %s: ", r.job->module);
    va_start(ap, fmt);
    line_vadd(&l, fmt, ap);
    va_end(ap);
    line_out(&l, true);
}

/* "NAME (func N)" from the name section, "MODULE.NAME (func N)" for an
 * import, else "func N"; unprintable bytes become '?', long names are cut. */
static void add_func(struct line *l, const jw_module_t *m, uint32_t func)
{
    enum { NAME_MAX_SHOWN = 80 };
    char buf[NAME_MAX_SHOWN + 1];
    size_t len;
    const char *name = jw_module_func_name(m, func, &len);
    if (!name || !len) {
        line_add(l, "func %u", func);
        return;
    }
    if (len > NAME_MAX_SHOWN)
        len = NAME_MAX_SHOWN;
    for (size_t i = 0; i < len; i++)
        buf[i] = name[i] >= 0x20 && name[i] < 0x7f ? name[i] : '?';
    buf[len] = 0;
    line_add(l, "%s (func %u)", buf, func);
}

/* One line: the trap, where, and the first callers the engine kept. */
static void report_trap(const jw_error_t *e)
{
    enum { CALLERS_SHOWN = 4 };
    struct line l = { .len = 0 };
    line_add(&l, "runner: %s: trap: %s in ", r.job->module, jw_trap_name(e->trap));
    add_func(&l, r.module, e->func);
    line_add(&l, " at +0x%zx", e->offset);
    for (uint32_t i = 1; i < e->ntrace && i <= CALLERS_SHOWN; i++) {
        line_add(&l, i == 1 ? ", called from " : ", ");
        add_func(&l, e->trace[i].module, e->trace[i].func);
        line_add(&l, " at +0x%zx", e->trace[i].offset);
    }
    if (e->ntrace > CALLERS_SHOWN + 1)
        line_add(&l, ", ...");
    if (e->trap == JW_TRAP_HOST && e->message[0])
        line_add(&l, " (%s)", e->message);
    line_add(&l, "\n");
    line_out(&l, true);
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
        report("out of memory: the heap has %zu of %zu KiB in use and cannot give what the "
               "module needs\n",
               heap_used() >> 10, heap_limit_bytes() >> 10);
        return RUNNER_EXIT_USAGE;
    }
    const char *what = e->kind == JW_ERR_UNLINKABLE ? "cannot link" : "cannot run";
    report("%s: %s\n", what, e->message);
    return RUNNER_EXIT_USAGE;
}

static bool load(const struct runner_module *m)
{
    r.module = jw_module_load(&heap_allocator, m->data, m->size, &r.err);
    if (r.module)
        return true;
    if (r.err.kind == JW_ERR_MALFORMED || r.err.kind == JW_ERR_INVALID)
        report("invalid module: %s (at offset 0x%zx)\n", r.err.message, r.err.offset);
    else
        report("cannot load module: %s\n", r.err.message);
    return false;
}

/* WASI's imports, then the capability API's (sdk/jericho.h). */
static bool resolve(void *ud, const jw_import_info_t *imp, jw_extern_t *out)
{
    (void)ud;
    return wasi_resolve(&r.wasi, imp, out) || caps_resolve(&r.caps, imp, out);
}

static uint64_t own_slots(const struct runner_job *job)
{
    uint32_t own[] = { job->reply, job->report, job->aspace, job->quota };
    uint64_t mask = 0;
    for (uint32_t i = 0; i < 4; i++)
        mask |= own[i] != JX_CAP_NONE ? 1ull << own[i] : 0;
    return mask;
}

/*
 * Linear memory: with the runner's AddressSpace and quota, each memory is a
 * demand-zero region (memory.c) up to the module's `memory`; without them
 * (the kernel's embedded jobs) it comes from the heap, which growth copies,
 * so it stays small.
 */
static void memory_config(jw_store_config_t *cfg)
{
    r.memory =
        (runner_memory_t){ r.job->aspace, r.job->quota, r.job->memory + RUNNER_ALLOWANCE, 0, 0 };
    if (memory_provider(&r.memory, &cfg->memory)) {
        cfg->max_memory_pages = r.job->max_pages ? r.job->max_pages : 1;
        return;
    }
    heap_set_limit(RUNNER_EMBEDDED_HEAP);
    cfg->max_memory_pages =
        r.job->max_pages < RUNNER_MAX_MEMORY_PAGES ? r.job->max_pages : RUNNER_MAX_MEMORY_PAGES;
}

static bool instantiate(jw_instance_t **inst)
{
    jw_store_config_t cfg = { 0 };
    memory_config(&cfg);
    wasi_config_t wc = { r.job->argc, r.job->argv, r.job->envc, r.job->envp, &r.platform, 0, 0 };
    caps_init(&r.caps, r.job->ncaps, r.job->cap_names, r.job->cap_slots, r.job->reply,
              own_slots(r.job));
    platform_init(&r.platform, &r.caps);
    const char *dir = 0;
    uint16_t ferr = files_init(&r.platform, &r.caps, &wc, &dir);
    if (ferr) {
        report("cannot open the preopened directory %s on its file server (WASI errno %u)\n", dir,
               ferr);
        return false;
    }
    r.store = jw_store_new(&heap_allocator, &cfg);
    r.caps.store = r.store;
    if (!r.store || !wasi_init(&r.wasi, r.store, &wc)) {
        report("out of memory: no store\n");
        return false;
    }
    *inst = jw_instantiate(r.store, r.module, resolve, 0, &r.err);
    return *inst != 0;
}

/* Looks up an exported function; NULL (and a report) if there is none. */
static jw_func_t *export_func(jw_instance_t *inst, const char *name)
{
    jw_extern_t ex;
    if (jw_instance_export(inst, name, strlen(name), &ex) && ex.kind == JW_EXTERN_FUNC)
        return ex.of.func;
    report("no exported function \"%s\"\n", name);
    return 0;
}

/* An integer argument of an invoke entry: decimal with an optional '-', or 0x hex. */
static bool parse_int(const char **p, uint64_t *out)
{
    const char *s = *p;
    bool neg = *s == '-';
    uint64_t v = 0, base = 10;
    s += neg;
    if (s[0] == '0' && s[1] == 'x') {
        base = 16;
        s += 2;
    }
    const char *digits = s;
    for (;; s++) {
        unsigned d = *s >= '0' && *s <= '9' ? (unsigned)(*s - '0')
                     : base == 16 && (*s | 32) >= 'a' && (*s | 32) <= 'f'
                         ? (unsigned)((*s | 32) - 'a' + 10)
                         : 99;
        if (d >= base)
            break;
        v = v * base + d;
    }
    if (s == digits || (*s && *s != ' '))
        return false;
    *out = neg ? 0 - v : v;
    *p = s;
    return true;
}

/* Splits "EXPORT ARG..." into the export's name (in name, NUL-ended) and its arguments; false if malformed. */
static bool parse_invoke(const char *line, char *name, size_t cap, uint64_t *args, uint32_t *nargs)
{
    size_t n = 0;
    while (line[n] && line[n] != ' ' && n + 1 < cap)
        n++;
    memcpy(name, line, n);
    name[n] = 0;
    const char *p = line + n;
    for (*nargs = 0; *p; (*nargs)++) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        if (*nargs == RUNNER_MAX_ARGS || !parse_int(&p, &args[*nargs]))
            return false;
    }
    return n > 0;
}

/* Calls one export with integer arguments, printing "runner: MODULE: NAME(ARGS) = RESULT". */
static int64_t invoke_one(jw_instance_t *inst, const char *line)
{
    char name[64];
    uint64_t a[RUNNER_MAX_ARGS];
    uint32_t n;
    if (!parse_invoke(line, name, sizeof name, a, &n)) {
        report("invoke \"%s\" is not EXPORT followed by integers\n", line);
        return RUNNER_EXIT_USAGE;
    }
    jw_func_t *f = export_func(inst, name);
    if (!f)
        return RUNNER_EXIT_USAGE;
    jw_functype_t ft;
    jw_value_t args[RUNNER_MAX_ARGS], res;
    jw_func_type(f, &ft);
    bool ints = ft.nresults == 1 && (ft.results[0] == JW_I32 || ft.results[0] == JW_I64);
    for (uint32_t i = 0; i < ft.nparams; i++)
        ints = ints && (ft.params[i] == JW_I32 || ft.params[i] == JW_I64);
    if (ft.nparams != n || !ints) {
        report("%s takes %u arguments and must take and return integers\n", name, ft.nparams);
        return RUNNER_EXIT_USAGE;
    }
    struct line l = { .len = 0 };
    line_add(&l, "runner: %s: %s(", r.job->module, name);
    for (uint32_t i = 0; i < n; i++) {
        args[i].type = ft.params[i];
        args[i].of.i64 = ft.params[i] == JW_I32 ? (uint32_t)a[i] : a[i];
        if (ft.params[i] == JW_I32)
            line_add(&l, i ? ", %d" : "%d", (int32_t)a[i]);
        else
            line_add(&l, i ? ", %lld" : "%lld", (long long)a[i]);
    }
    if (!jw_call(r.store, f, args, n, &res, 1, &r.err)) {
        line_add(&l, ")\n");
        line_out(&l, false);
        return failure(&r.err);
    }
    if (res.type == JW_I32)
        line_add(&l, ") = %d\n", (int32_t)res.of.i32);
    else
        line_add(&l, ") = %lld\n", (long long)(int64_t)res.of.i64);
    line_out(&l, false);
    return 0;
}

/* Each invoke entry in order; the status of the first failure. */
static int64_t run_invoke(jw_instance_t *inst)
{
    for (uint32_t i = 0; i < r.job->ninvoke; i++) {
        int64_t status = invoke_one(inst, r.job->invoke[i]);
        if (status)
            return status;
    }
    return 0;
}

static int64_t run(const struct runner_job *job, const struct runner_module *m)
{
    jw_instance_t *inst;
    r.job = job;
    if (!m) {
        report("no such module in the runner\n");
        return RUNNER_EXIT_USAGE;
    }
    if (!load(m))
        return RUNNER_EXIT_USAGE;
    if (!instantiate(&inst))
        return r.store ? failure(&r.err) : RUNNER_EXIT_USAGE;
    if (job->ninvoke)
        return run_invoke(inst);
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
    static const char *names[RUNNER_JOB_MAX_CAPS], *invoke[RUNNER_JOB_MAX_INVOKE];
    static uint32_t slots[RUNNER_JOB_MAX_CAPS];
    const char *base = (const char *)(uintptr_t)JX_TASK_DATA_ADDR;
    struct runner_job_header h;
    if (size < sizeof h || size > JX_TASK_DATA_MAX)
        return "too short";
    memcpy(&h, base, sizeof h);
    if (memcmp(h.magic, RUNNER_JOB_MAGIC, sizeof h.magic) != 0)
        return "bad magic";
    if (h.argc < 1 || h.argc > RUNNER_JOB_MAX_ARGS || h.envc > RUNNER_JOB_MAX_ENV ||
        h.ncaps > RUNNER_JOB_MAX_CAPS || h.ninvoke > RUNNER_JOB_MAX_INVOKE)
        return "too many arguments, environment entries, capabilities or invoke entries";
    if (h.wasm_off < sizeof h || h.wasm_off > size || h.wasm_size > size - h.wasm_off)
        return "module outside the job";
    if (h.stdin_off && (h.stdin_off < h.wasm_off + h.wasm_size || h.stdin_off > size ||
                        h.stdin_size > size - h.stdin_off))
        return "standard input outside the job";
    /* The runner's own slots and the module's: in range, and apart. */
    uint32_t own[] = { h.reply_slot, h.report_slot, h.aspace_slot, h.quota_slot };
    uint64_t own_mask = 0;
    for (uint32_t i = 0; i < 4; i++) {
        if (own[i] != JX_CAP_NONE && own[i] >= JX_CSPACE_SLOTS)
            return "a slot of the runner's out of range";
        own_mask |= own[i] != JX_CAP_NONE ? 1ull << own[i] : 0;
    }
    for (uint32_t i = 0; i < h.ncaps; i++)
        if (h.cap_slots[i] >= JX_CSPACE_SLOTS || (own_mask >> h.cap_slots[i] & 1))
            return "a capability slot out of range or the runner's own";
    /* Its strings, in order: the file, argv, env, capability names, invoke entries. */
    const char **to[] = { &job->module, argv, envp, names, invoke };
    uint32_t count[] = { 1, h.argc, h.envc, h.ncaps, h.ninvoke };
    uint64_t at = sizeof h;
    for (uint32_t k = 0; k < 5; k++)
        for (uint32_t i = 0; i < count[k]; i++) {
            to[k][i] = base + at;
            while (at < h.wasm_off && base[at])
                at++;
            if (at >= h.wasm_off)
                return "a string runs into the module";
            at++;
        }
    memcpy(slots, h.cap_slots, sizeof slots);
    *job = (struct runner_job){ job->module,   h.argc,        h.envc,       h.ninvoke,
                                h.ncaps,       h.max_pages,   argv,         envp,
                                invoke,        names,         slots,        h.reply_slot,
                                h.report_slot, h.aspace_slot, h.quota_slot, h.memory };
    m->name = job->module;
    m->data = (const uint8_t *)base + h.wasm_off;
    m->size = h.wasm_size;
    if (h.stdin_off)
        platform_set_stdin((const uint8_t *)base + h.stdin_off, h.stdin_size);
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
        if (job->report != JX_CAP_NONE)
            jx_set_debug_console(job->report);
        r.framed = true;
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
               "heap peak %zu KiB of %zu KiB\n",
               job->module, (unsigned long long)(started / 1000),
               (unsigned long long)(first / 1000), heap_peak() >> 10, heap_limit_bytes() >> 10);
    return status;
}
