/* SPDX-License-Identifier: MIT */
/* wasi.c: the preview1 import table, linking, and the host-function trampoline. */
#include "wasi_internal.h"

/* How a function that is not implemented answers (see wasi.h). */
typedef enum wasi_stub {
    WASI_IMPL,       /* implemented: `impl` */
    WASI_STUB_NOSYS, /* ENOSYS */
    WASI_STUB_FD,    /* EBADF unless args[fd_arg] is an open stdio fd, else ENOSYS */
    WASI_STUB_SPIPE, /* EBADF unless args[fd_arg] is open stdio, else ESPIPE */
    WASI_STUB_PATH,  /* EBADF: there are no preopened directories */
} wasi_stub_t;

/* One row per preview1 function. `sig` spells the params, 'i' = i32 and
 * 'I' = i64; every function returns an i32 errno except proc_exit. */
typedef struct wasi_func_desc {
    const char *name;
    const char *sig;
    bool has_result;
    wasi_stub_t stub;
    uint8_t fd_arg;
    wasi_impl_fn_t impl;
} wasi_func_desc_t;

#define IMPL(name, sig, fn) {name, sig, true, WASI_IMPL, 0, fn}
#define STUB(name, sig, kind, fd_arg) {name, sig, true, kind, fd_arg, 0}

/* The signatures are preview1's (witx), as wasi-libc imports them. */
static const wasi_func_desc_t wasi_funcs[WASI_FUNC_COUNT] = {
    IMPL("args_get", "ii", wasi_args_get),
    IMPL("args_sizes_get", "ii", wasi_args_sizes_get),
    IMPL("environ_get", "ii", wasi_environ_get),
    IMPL("environ_sizes_get", "ii", wasi_environ_sizes_get),
    IMPL("clock_res_get", "ii", wasi_clock_res_get),
    IMPL("clock_time_get", "iIi", wasi_clock_time_get),
    STUB("fd_advise", "iIIi", WASI_STUB_FD, 0),
    STUB("fd_allocate", "iII", WASI_STUB_FD, 0),
    IMPL("fd_close", "i", wasi_fd_close),
    STUB("fd_datasync", "i", WASI_STUB_FD, 0),
    IMPL("fd_fdstat_get", "ii", wasi_fd_fdstat_get),
    STUB("fd_fdstat_set_flags", "ii", WASI_STUB_FD, 0),
    STUB("fd_fdstat_set_rights", "iII", WASI_STUB_FD, 0),
    IMPL("fd_filestat_get", "ii", wasi_fd_filestat_get),
    STUB("fd_filestat_set_size", "iI", WASI_STUB_FD, 0),
    STUB("fd_filestat_set_times", "iIIi", WASI_STUB_FD, 0),
    STUB("fd_pread", "iiiIi", WASI_STUB_SPIPE, 0),
    IMPL("fd_prestat_get", "ii", wasi_fd_prestat_get),
    STUB("fd_prestat_dir_name", "iii", WASI_STUB_PATH, 0),
    STUB("fd_pwrite", "iiiIi", WASI_STUB_SPIPE, 0),
    IMPL("fd_read", "iiii", wasi_fd_read),
    STUB("fd_readdir", "iiiIi", WASI_STUB_FD, 0),
    STUB("fd_renumber", "ii", WASI_STUB_FD, 0),
    IMPL("fd_seek", "iIii", wasi_fd_seek),
    STUB("fd_sync", "i", WASI_STUB_FD, 0),
    STUB("fd_tell", "ii", WASI_STUB_SPIPE, 0),
    IMPL("fd_write", "iiii", wasi_fd_write),
    STUB("path_create_directory", "iii", WASI_STUB_PATH, 0),
    STUB("path_filestat_get", "iiiii", WASI_STUB_PATH, 0),
    STUB("path_filestat_set_times", "iiiiIIi", WASI_STUB_PATH, 0),
    STUB("path_link", "iiiiiii", WASI_STUB_PATH, 0),
    STUB("path_open", "iiiiiIIii", WASI_STUB_PATH, 0),
    STUB("path_readlink", "iiiiii", WASI_STUB_PATH, 0),
    STUB("path_remove_directory", "iii", WASI_STUB_PATH, 0),
    STUB("path_rename", "iiiiii", WASI_STUB_PATH, 0),
    STUB("path_symlink", "iiiii", WASI_STUB_PATH, 0),
    STUB("path_unlink_file", "iii", WASI_STUB_PATH, 0),
    IMPL("poll_oneoff", "iiii", wasi_poll_oneoff),
    {"proc_exit", "i", false, WASI_IMPL, 0, wasi_proc_exit},
    STUB("proc_raise", "i", WASI_STUB_NOSYS, 0),
    IMPL("sched_yield", "", wasi_sched_yield),
    IMPL("random_get", "ii", wasi_random_get),
    STUB("sock_accept", "iii", WASI_STUB_FD, 0),
    STUB("sock_recv", "iiiiii", WASI_STUB_FD, 0),
    STUB("sock_send", "iiiii", WASI_STUB_FD, 0),
    STUB("sock_shutdown", "ii", WASI_STUB_FD, 0),
};

static bool wasi_name_eq(const char *a, const char *b, size_t b_len) {
    size_t i = 0;
    for (; i < b_len; i++)
        if (a[i] != b[i]) return false; /* also stops at a's NUL */
    return a[i] == 0;
}

/* The table row of `name`, or -1. */
static int wasi_find(const char *name, size_t name_len) {
    for (uint32_t i = 0; i < WASI_FUNC_COUNT; i++)
        if (wasi_name_eq(wasi_funcs[i].name, name, name_len)) return (int)i;
    return -1;
}

bool wasi_is_known(const char *name, size_t name_len) {
    return wasi_find(name, name_len) >= 0;
}

static uint16_t wasi_stub_errno(const wasi_ctx_t *ctx, const wasi_func_desc_t *d,
                                const jw_value_t *args) {
    if (d->stub == WASI_STUB_NOSYS) return WASI_ENOSYS;
    if (d->stub == WASI_STUB_PATH) return WASI_EBADF;
    if (!wasi_fd_is_open(ctx, wasi_arg32(args, d->fd_arg))) return WASI_EBADF;
    return d->stub == WASI_STUB_SPIPE ? WASI_ESPIPE : WASI_ENOSYS;
}

/* Every preview1 import is bound to this one host function; its userdata
 * names the context and the table row. */
static bool wasi_trampoline(jw_host_call_t *call, const jw_value_t *args,
                            jw_value_t *results) {
    const wasi_binding_t *b = jw_host_userdata(call);
    wasi_ctx_t *ctx = b->ctx;
    const wasi_func_desc_t *d = &wasi_funcs[b->index];
    uint16_t err = d->impl ? d->impl(ctx, call, args) : wasi_stub_errno(ctx, d, args);
    if (ctx->exited) {
        /* The marker the embedder tells apart with wasi_exited(). */
        jw_host_trap(call, JW_TRAP_HOST, "wasi: proc_exit");
        return false;
    }
    if (d->has_result) {
        results[0].type = JW_I32;
        results[0].of.i32 = err;
    }
    return true;
}

/* Creates the host function of row i in the context's store. */
static jw_func_t *wasi_make_func(wasi_ctx_t *ctx, uint32_t i) {
    static const jw_valtype_t i32_result[1] = {JW_I32};
    const wasi_func_desc_t *d = &wasi_funcs[i];
    jw_valtype_t params[16];
    jw_functype_t type;
    uint32_t n = 0;
    for (; d->sig[n]; n++) params[n] = d->sig[n] == 'I' ? JW_I64 : JW_I32;
    type.nparams = n;
    type.params = params;
    type.nresults = d->has_result ? 1 : 0;
    type.results = i32_result;
    ctx->bind[i].ctx = ctx;
    ctx->bind[i].index = i;
    return jw_host_func_new(ctx->store, &type, wasi_trampoline, &ctx->bind[i]);
}

bool wasi_resolve(void *ud, const jw_import_info_t *imp, jw_extern_t *out) {
    wasi_ctx_t *ctx = ud;
    const char *mod = WASI_MODULE_NAME;
    if (!wasi_name_eq(mod, imp->module, imp->module_len)) return false;
    if (imp->type.kind != JW_EXTERN_FUNC) return false;
    int i = wasi_find(imp->name, imp->name_len);
    if (i < 0) return false;
    if (!ctx->funcs[i]) ctx->funcs[i] = wasi_make_func(ctx, (uint32_t)i);
    if (!ctx->funcs[i]) return false;
    out->kind = JW_EXTERN_FUNC;
    out->of.func = ctx->funcs[i];
    return true;
}

bool wasi_init(wasi_ctx_t *ctx, jw_store_t *store, const wasi_config_t *cfg) {
    const wasi_platform_t *p = cfg->platform;
    wasi_zero((uint8_t *)ctx, sizeof *ctx);
    if (!p || !p->write || !p->read || !p->clock_now || !p->clock_res || !p->random ||
        !p->sleep)
        return false;
    if ((cfg->argc && !cfg->argv) || (cfg->envc && !cfg->envp)) return false;
    ctx->cfg = *cfg;
    ctx->store = store;
    ctx->stdio_open[0] = ctx->stdio_open[1] = ctx->stdio_open[2] = true;
    ctx->argv_bytes = wasi_strings_size(cfg->argc, cfg->argv);
    ctx->env_bytes = wasi_strings_size(cfg->envc, cfg->envp);
    return true;
}

bool wasi_exited(const wasi_ctx_t *ctx, uint32_t *code) {
    if (ctx->exited && code) *code = ctx->exit_code;
    return ctx->exited;
}
