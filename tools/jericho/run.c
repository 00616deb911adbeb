/* SPDX-License-Identifier: MIT */
/* run.c: `jericho run --host`: load, link against WASI, run, report. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../user/wasi/wasi.h"
#include "jericho.h"
#include "memory_host.h"

/* Everything one run owns, freed by run_cleanup() on every path. */
typedef struct run_state {
    const run_opts_t *o;
    uint8_t *bytes;
    size_t len;
    jw_module_t *module;
    jw_store_t *store;
    const char **argv;
    wasi_ctx_t wasi;
    jw_value_t *args, *results;
} run_state_t;

/* The engine's allocator over malloc: glibc's malloc is 16-byte aligned. */
static void *run_alloc(void *ud, size_t size)
{
    (void)ud;
    return malloc(size ? size : 1);
}

static void run_free(void *ud, void *ptr, size_t size)
{
    (void)ud;
    (void)size;
    free(ptr);
}

static const jw_allocator_t run_allocator = { run_alloc, run_free, NULL };

static void run_cleanup(run_state_t *r)
{
    if (r->store)
        jw_store_free(r->store);
    if (r->module)
        jw_module_free(r->module);
    free(r->bytes);
    free(r->argv);
    free(r->args);
    free(r->results);
}

static bool read_file(run_state_t *r)
{
    FILE *f = fopen(r->o->file, "rb");
    size_t cap = 1 << 16;
    if (!f)
        goto fail;
    r->bytes = malloc(cap);
    for (;;) {
        if (!r->bytes)
            break;
        r->len += fread(r->bytes + r->len, 1, cap - r->len, f);
        if (r->len < cap)
            break;
        uint8_t *grown = realloc(r->bytes, cap *= 2);
        if (!grown)
            break;
        r->bytes = grown;
    }
    if (!r->bytes || ferror(f)) {
        fclose(f);
        goto fail;
    }
    fclose(f);
    return true;
fail:
    fprintf(stderr, "jericho: %s: cannot read: %s\n", r->o->file, strerror(errno));
    return false;
}

static const char *extern_kind_name(jw_extern_kind_t k)
{
    static const char *const names[] = { "function", "table", "memory", "global" };
    return (unsigned)k < 4 ? names[k] : "extern";
}

/* Every import must be a preview1 function: the host provides nothing
 * else. Checked before instantiating to name the import plainly. */
static bool check_imports(const run_state_t *r)
{
    uint32_t n = jw_module_import_count(r->module);
    for (uint32_t i = 0; i < n; i++) {
        jw_import_info_t imp;
        jw_module_import(r->module, i, &imp);
        bool wasi = imp.module_len == strlen(WASI_MODULE_NAME) &&
                    memcmp(imp.module, WASI_MODULE_NAME, imp.module_len) == 0;
        if (wasi && imp.type.kind == JW_EXTERN_FUNC && wasi_is_known(imp.name, imp.name_len))
            continue;
        fprintf(stderr,
                "jericho: %s: unresolved import \"%.*s\" \"%.*s\" (%s): the host "
                "provides only the functions of %s\n",
                r->o->file, (int)imp.module_len, imp.module, (int)imp.name_len, imp.name,
                extern_kind_name(imp.type.kind), WASI_MODULE_NAME);
        return false;
    }
    return true;
}

/* Finds the exported function `name` and its type; false if there is none
 * (or it is not a function). */
static bool find_export(const run_state_t *r, const char *name, jw_functype_t *type)
{
    uint32_t n = jw_module_export_count(r->module);
    size_t len = strlen(name);
    for (uint32_t i = 0; i < n; i++) {
        jw_export_info_t ex;
        jw_module_export(r->module, i, &ex);
        if (ex.name_len != len || memcmp(ex.name, name, len) != 0)
            continue;
        if (ex.type.kind != JW_EXTERN_FUNC)
            return false;
        *type = ex.type.of.func;
        return true;
    }
    return false;
}

/* Chooses what to call and parses --invoke's arguments for it. */
static bool prepare_entry(run_state_t *r, jw_functype_t *type)
{
    const run_opts_t *o = r->o;
    const char *name = o->invoke ? o->invoke : "_start";
    if (!find_export(r, name, type)) {
        if (o->invoke)
            fprintf(stderr, "jericho: %s: no exported function \"%s\"\n", o->file, name);
        else
            fprintf(stderr,
                    "jericho: %s: no _start function to run (a library module? call one "
                    "of its exports with --invoke NAME)\n",
                    o->file);
        return false;
    }
    if (!o->invoke && (type->nparams || type->nresults)) {
        fprintf(stderr, "jericho: %s: _start must take and return nothing\n", o->file);
        return false;
    }
    if (o->invoke && (uint32_t)o->nargs != type->nparams) {
        fprintf(stderr, "jericho: %s: %s takes %u argument(s), %d given\n", o->file, name,
                type->nparams, o->nargs);
        return false;
    }
    r->args = calloc(type->nparams + 1, sizeof *r->args);
    r->results = calloc(type->nresults + 1, sizeof *r->results);
    if (!r->args || !r->results)
        return false;
    for (uint32_t i = 0; o->invoke && i < type->nparams; i++)
        if (!value_parse(type->params[i], o->args[i], &r->args[i]))
            return false;
    return true;
}

/* Prints a function's name, made safe for a terminal: bytes outside
 * printable ASCII become '?', and a very long name is cut. */
static void print_name(const char *name, size_t len)
{
    enum { NAME_MAX_SHOWN = 160 };
    for (size_t i = 0; i < len && i < NAME_MAX_SHOWN; i++)
        fputc(name[i] >= 0x20 && name[i] < 0x7f ? name[i] : '?', stderr);
    if (len > NAME_MAX_SHOWN)
        fputs("...", stderr);
}

/* Prints "NAME (func N)" or "func N": the name section's name, else an
 * import's module.name. */
static void print_func(const jw_module_t *m, uint32_t func)
{
    size_t len;
    const char *name = jw_module_func_name(m, func, &len);
    if (name && len) {
        print_name(name, len);
        fprintf(stderr, " (func %u)", func);
        return;
    }
    for (uint32_t i = 0, nfunc = 0; i < jw_module_import_count(m); i++) {
        jw_import_info_t imp;
        jw_module_import(m, i, &imp);
        if (imp.type.kind != JW_EXTERN_FUNC || nfunc++ != func)
            continue;
        print_name(imp.module, imp.module_len);
        fputc('.', stderr);
        print_name(imp.name, imp.name_len);
        fprintf(stderr, " (func %u)", func);
        return;
    }
    fprintf(stderr, "func %u", func);
}

/* The trap line, then the wasm backtrace when there are callers. */
static void report_trap(const run_state_t *r, const jw_error_t *err)
{
    fprintf(stderr, "jericho: %s: trap: %s in ", r->o->file, jw_trap_name(err->trap));
    print_func(r->module, err->func);
    fprintf(stderr, " at +0x%zx\n", err->offset);
    if (err->trap == JW_TRAP_HOST && err->message[0])
        fprintf(stderr, "jericho: %s: host trap: %s\n", r->o->file, err->message);
    if (err->trace_depth < 2)
        return;
    fprintf(stderr, "wasm backtrace, innermost first:\n");
    for (uint32_t i = 0; i < err->ntrace; i++) {
        const jw_frame_t *f = &err->trace[i];
        fprintf(stderr, "  #%-2u +0x%-6zx ", i, f->offset);
        print_func(f->module, f->func);
        fputc('\n', stderr);
    }
    if (err->trace_depth > err->ntrace)
        fprintf(stderr, "  ... and %u outer frames\n", err->trace_depth - err->ntrace);
}

/* "4GiB", "512MiB" or "640KiB": pages as the largest unit that is exact. */
static void format_pages(uint32_t pages, char *buf, size_t size)
{
    uint64_t kib = (uint64_t)pages * (JW_PAGE_BYTES / 1024);
    if (kib % (1u << 20) == 0)
        snprintf(buf, size, "%lluGiB", (unsigned long long)(kib >> 20));
    else if (kib % 1024 == 0)
        snprintf(buf, size, "%lluMiB", (unsigned long long)(kib >> 10));
    else
        snprintf(buf, size, "%lluKiB", (unsigned long long)kib);
}

/* The exit status for a failed instantiate or call: the guest's exit code
 * (its low 8 bits, as a native process's), a trap report, or a link/limit
 * error. */
static int report_failure(run_state_t *r, const jw_error_t *err)
{
    uint32_t code;
    if (err->kind == JW_ERR_TRAP && wasi_exited(&r->wasi, &code))
        return (int)(code & 0xff);
    if (err->kind == JW_ERR_TRAP) {
        report_trap(r, err);
        return JERICHO_EXIT_TRAP;
    }
    if (err->kind == JW_ERR_LIMIT && strncmp(err->message, "memory", 6) == 0) {
        char limit[32];
        format_pages(r->o->max_pages, limit, sizeof limit);
        fprintf(stderr,
                "jericho: %s: cannot run: the module's memory needs more than the limit of "
                "%s (%u pages); raise it with --max-memory (at most 4GiB)\n",
                r->o->file, limit, r->o->max_pages);
        return JERICHO_EXIT_USAGE;
    }
    const char *what = err->kind == JW_ERR_UNLINKABLE ? "cannot link"
                       : err->kind == JW_ERR_NOMEM    ? "out of memory"
                                                      : "cannot run";
    fprintf(stderr, "jericho: %s: %s: %s\n", r->o->file, what, err->message);
    return JERICHO_EXIT_USAGE;
}

static bool load_module(run_state_t *r)
{
    jw_error_t err;
    r->module = jw_module_load(&run_allocator, r->bytes, r->len, &err);
    if (r->module) {
        free(r->bytes); /* the engine keeps its own copy */
        r->bytes = NULL;
        return true;
    }
    if (err.kind == JW_ERR_MALFORMED || err.kind == JW_ERR_INVALID)
        fprintf(stderr, "jericho: %s: invalid module: %s (at offset 0x%zx)\n", r->o->file,
                err.message, err.offset);
    else
        fprintf(stderr, "jericho: %s: cannot load module: %s\n", r->o->file, err.message);
    return false;
}

/* Sets up the store and WASI: argv is FILE then the guest's arguments
 * (none under --invoke, whose arguments are the export's). */
static bool make_store(run_state_t *r)
{
    const run_opts_t *o = r->o;
    /* Memory by reservation: the 4 GiB default cap is address space only. */
    jw_store_config_t cfg = { .max_memory_pages = o->max_pages, .memory = memory_host_provider() };
    r->store = jw_store_new(&run_allocator, &cfg);
    int argc = o->invoke ? 1 : 1 + o->nargs;
    r->argv = calloc((size_t)argc + 1, sizeof *r->argv);
    if (!r->store || !r->argv) {
        fprintf(stderr, "jericho: %s: out of memory\n", o->file);
        return false;
    }
    r->argv[0] = o->file;
    for (int i = 1; i < argc; i++)
        r->argv[i] = o->args[i - 1];
    wasi_config_t wc = {
        .argc = (uint32_t)argc,
        .argv = r->argv,
        .envc = (uint32_t)o->envc,
        .envp = o->envp,
        .platform = host_platform(),
        .npreopens = o->npreopens,
        .preopens = o->preopens,
    };
    if (!wasi_init(&r->wasi, r->store, &wc)) {
        fprintf(stderr, "jericho: %s: cannot set up WASI\n", o->file);
        return false;
    }
    if (o->has_fuel)
        jw_store_set_fuel(r->store, o->fuel);
    return true;
}

/* Instantiates (running the start function), runs _initialize if a
 * reactor has one, then the entry; the exit status. */
static int execute(run_state_t *r, const jw_functype_t *type)
{
    jw_error_t err;
    jw_extern_t ex;
    jw_instance_t *inst = jw_instantiate(r->store, r->module, wasi_resolve, &r->wasi, &err);
    if (!inst)
        return report_failure(r, &err);
    const char *name = r->o->invoke ? r->o->invoke : "_start";
    if (r->o->invoke && jw_instance_export(inst, "_initialize", 11, &ex) &&
        ex.kind == JW_EXTERN_FUNC && strcmp(name, "_initialize") != 0 &&
        !jw_call(r->store, ex.of.func, NULL, 0, NULL, 0, &err))
        return report_failure(r, &err);
    if (!jw_instance_export(inst, name, strlen(name), &ex))
        return JERICHO_EXIT_USAGE;
    if (!jw_call(r->store, ex.of.func, r->args, type->nparams, r->results, type->nresults, &err))
        return report_failure(r, &err);
    for (uint32_t i = 0; r->o->invoke && i < type->nresults; i++)
        value_print(&r->results[i]);
    return 0;
}

int run_host(const run_opts_t *o)
{
    run_state_t r = { .o = o };
    jw_functype_t type;
    int status = JERICHO_EXIT_USAGE;
    if (read_file(&r) && load_module(&r) && check_imports(&r) && prepare_entry(&r, &type) &&
        make_store(&r))
        status = execute(&r, &type);
    fflush(stdout);
    run_cleanup(&r);
    return status;
}
