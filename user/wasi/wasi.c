/* SPDX-License-Identifier: MIT */
/* wasi.c: the preview1 import table, linking, and the host-function trampoline. */
#include "wasi_internal.h"

/* One row per preview1 function. `sig` spells the params, 'i' = i32 and
 * 'I' = i64; every function returns an i32 errno except proc_exit. A row
 * without `impl` answers ENOSYS. */
typedef struct wasi_func_desc {
    const char *name;
    const char *sig;
    bool has_result;
    wasi_impl_fn_t impl;
} wasi_func_desc_t;

#define IMPL(name, sig, fn) { name, sig, true, fn }

/* The signatures are preview1's (witx), as wasi-libc imports them. */
static const wasi_func_desc_t wasi_funcs[WASI_FUNC_COUNT] = {
    IMPL("args_get", "ii", wasi_args_get),
    IMPL("args_sizes_get", "ii", wasi_args_sizes_get),
    IMPL("environ_get", "ii", wasi_environ_get),
    IMPL("environ_sizes_get", "ii", wasi_environ_sizes_get),
    IMPL("clock_res_get", "ii", wasi_clock_res_get),
    IMPL("clock_time_get", "iIi", wasi_clock_time_get),
    IMPL("fd_advise", "iIIi", wasi_fd_advise),
    IMPL("fd_allocate", "iII", wasi_fd_allocate),
    IMPL("fd_close", "i", wasi_fd_close),
    IMPL("fd_datasync", "i", wasi_fd_datasync),
    IMPL("fd_fdstat_get", "ii", wasi_fd_fdstat_get),
    IMPL("fd_fdstat_set_flags", "ii", wasi_fd_fdstat_set_flags),
    IMPL("fd_fdstat_set_rights", "iII", wasi_fd_fdstat_set_rights),
    IMPL("fd_filestat_get", "ii", wasi_fd_filestat_get),
    IMPL("fd_filestat_set_size", "iI", wasi_fd_filestat_set_size),
    IMPL("fd_filestat_set_times", "iIIi", wasi_fd_filestat_set_times),
    IMPL("fd_pread", "iiiIi", wasi_fd_pread),
    IMPL("fd_prestat_get", "ii", wasi_fd_prestat_get),
    IMPL("fd_prestat_dir_name", "iii", wasi_fd_prestat_dir_name),
    IMPL("fd_pwrite", "iiiIi", wasi_fd_pwrite),
    IMPL("fd_read", "iiii", wasi_fd_read),
    IMPL("fd_readdir", "iiiIi", wasi_fd_readdir),
    IMPL("fd_renumber", "ii", wasi_fd_renumber),
    IMPL("fd_seek", "iIii", wasi_fd_seek),
    IMPL("fd_sync", "i", wasi_fd_sync),
    IMPL("fd_tell", "ii", wasi_fd_tell),
    IMPL("fd_write", "iiii", wasi_fd_write),
    IMPL("path_create_directory", "iii", wasi_path_create_directory),
    IMPL("path_filestat_get", "iiiii", wasi_path_filestat_get),
    IMPL("path_filestat_set_times", "iiiiIIi", wasi_path_filestat_set_times),
    IMPL("path_link", "iiiiiii", wasi_path_link),
    IMPL("path_open", "iiiiiIIii", wasi_path_open),
    IMPL("path_readlink", "iiiiii", wasi_path_readlink),
    IMPL("path_remove_directory", "iii", wasi_path_remove_directory),
    IMPL("path_rename", "iiiiii", wasi_path_rename),
    IMPL("path_symlink", "iiiii", wasi_path_symlink),
    IMPL("path_unlink_file", "iii", wasi_path_unlink_file),
    IMPL("poll_oneoff", "iiii", wasi_poll_oneoff),
    { "proc_exit", "i", false, wasi_proc_exit },
    IMPL("proc_raise", "i", 0), /* no signals cross into a module: ENOSYS */
    IMPL("sched_yield", "", wasi_sched_yield),
    IMPL("random_get", "ii", wasi_random_get),
    IMPL("sock_accept", "iii", wasi_sock_call),
    IMPL("sock_recv", "iiiiii", wasi_sock_call),
    IMPL("sock_send", "iiiii", wasi_sock_call),
    IMPL("sock_shutdown", "ii", wasi_sock_call),
};

static bool wasi_name_eq(const char *a, const char *b, size_t b_len)
{
    size_t i = 0;
    for (; i < b_len; i++)
        if (a[i] != b[i])
            return false; /* also stops at a's NUL */
    return a[i] == 0;
}

/* The table row of `name`, or -1. */
static int wasi_find(const char *name, size_t name_len)
{
    for (uint32_t i = 0; i < WASI_FUNC_COUNT; i++)
        if (wasi_name_eq(wasi_funcs[i].name, name, name_len))
            return (int)i;
    return -1;
}

bool wasi_is_known(const char *name, size_t name_len) { return wasi_find(name, name_len) >= 0; }

/* Every preview1 import is bound to this one host function; its userdata
 * names the context and the table row. */
static bool wasi_trampoline(jw_host_call_t *call, const jw_value_t *args, jw_value_t *results)
{
    const wasi_binding_t *b = jw_host_userdata(call);
    wasi_ctx_t *ctx = b->ctx;
    const wasi_func_desc_t *d = &wasi_funcs[b->index];
    uint16_t err = d->impl ? d->impl(ctx, call, args) : WASI_ENOSYS;
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
static jw_func_t *wasi_make_func(wasi_ctx_t *ctx, uint32_t i)
{
    static const jw_valtype_t i32_result[1] = { JW_I32 };
    const wasi_func_desc_t *d = &wasi_funcs[i];
    jw_valtype_t params[16];
    jw_functype_t type;
    uint32_t n = 0;
    for (; d->sig[n]; n++)
        params[n] = d->sig[n] == 'I' ? JW_I64 : JW_I32;
    type.nparams = n;
    type.params = params;
    type.nresults = d->has_result ? 1 : 0;
    type.results = i32_result;
    ctx->bind[i].ctx = ctx;
    ctx->bind[i].index = i;
    return jw_host_func_new(ctx->store, &type, wasi_trampoline, &ctx->bind[i]);
}

bool wasi_resolve(void *ud, const jw_import_info_t *imp, jw_extern_t *out)
{
    wasi_ctx_t *ctx = ud;
    const char *mod = WASI_MODULE_NAME;
    if (!wasi_name_eq(mod, imp->module, imp->module_len))
        return false;
    if (imp->type.kind != JW_EXTERN_FUNC)
        return false;
    int i = wasi_find(imp->name, imp->name_len);
    if (i < 0)
        return false;
    if (!ctx->funcs[i])
        ctx->funcs[i] = wasi_make_func(ctx, (uint32_t)i);
    if (!ctx->funcs[i])
        return false;
    out->kind = JW_EXTERN_FUNC;
    out->of.func = ctx->funcs[i];
    return true;
}

/* True if the platform has every file and directory function. */
static bool wasi_has_file_ops(const wasi_platform_t *p)
{
    return p->open_at && p->close && p->pread && p->pwrite && p->seek && p->sync && p->advise &&
           p->allocate && p->set_flags && p->stat && p->set_size && p->set_times && p->readdir &&
           p->stat_at && p->set_times_at && p->mkdir_at && p->rmdir_at && p->unlink_at &&
           p->rename_at && p->link_at && p->symlink_at && p->readlink_at;
}

bool wasi_init(wasi_ctx_t *ctx, jw_store_t *store, const wasi_config_t *cfg)
{
    const wasi_platform_t *p = cfg->platform;
    wasi_zero((uint8_t *)ctx, sizeof *ctx);
    if (!p || !p->write || !p->read || !p->clock_now || !p->clock_res || !p->random || !p->sleep)
        return false;
    if ((cfg->argc && !cfg->argv) || (cfg->envc && !cfg->envp))
        return false;
    if (cfg->npreopens &&
        (!cfg->preopens || cfg->npreopens > WASI_MAX_FDS - 3 || !wasi_has_file_ops(p)))
        return false;
    ctx->cfg = *cfg;
    ctx->store = store;
    wasi_fd_init(ctx);
    ctx->argv_bytes = wasi_strings_size(cfg->argc, cfg->argv);
    ctx->env_bytes = wasi_strings_size(cfg->envc, cfg->envp);
    return true;
}

bool wasi_exited(const wasi_ctx_t *ctx, uint32_t *code)
{
    if (ctx->exited && code)
        *code = ctx->exit_code;
    return ctx->exited;
}
