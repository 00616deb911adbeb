/* SPDX-License-Identifier: MIT */
/* wasi.h: WASI preview1 (wasi_snapshot_preview1) for modules run by jwasm. */
#pragma once
/*
 * Portable and freestanding (C11, no libc, no global mutable state): the
 * hosted CLI and the OS's user-mode runner use it unchanged. The embedder
 * owns a wasi_ctx_t (one per guest program), fills a wasi_config_t, calls
 * wasi_init() and passes wasi_resolve() (with the context as `ud`) to
 * jw_instantiate(), or calls it from its own resolver for imports whose
 * module is WASI_MODULE_NAME.
 *
 * Every preview1 function links. The implemented ones are args, environ,
 * clocks, random_get, stdio (fd 0..2: read, write, close, seek, fdstat,
 * filestat, prestat), proc_exit, sched_yield and poll_oneoff on clocks and
 * stdio. The rest answer with an errno, never a trap: WASI_EBADF for an fd
 * that is not open and for every path_* call (no directory is preopened),
 * WASI_ESPIPE for positioned I/O on stdio (pread, pwrite, tell, seek), and
 * WASI_ENOSYS otherwise. A bad guest pointer gives WASI_EFAULT, a count
 * over WASI_MAX_IOVS WASI_EINVAL; no guest input can crash the host.
 *
 * proc_exit ends the guest with a JW_TRAP_HOST trap and records the code:
 * after a trapped jw_call()/jw_instantiate(), wasi_exited() tells an exit
 * apart from a real trap.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../engine/include/jwasm.h"
#include "wasi_platform.h"

#define WASI_MODULE_NAME "wasi_snapshot_preview1"

/* Preview1 errno values used by this layer (the spec's numbering). */
enum {
    WASI_ESUCCESS = 0,
    WASI_E2BIG = 1,
    WASI_EAGAIN = 6,
    WASI_EBADF = 8,
    WASI_EFAULT = 21,
    WASI_EINTR = 27,
    WASI_EINVAL = 28,
    WASI_EIO = 29,
    WASI_ENOMEM = 48,
    WASI_ENOSPC = 51,
    WASI_ENOSYS = 52,
    WASI_ENOTDIR = 54,
    WASI_ENOTSUP = 58,
    WASI_EOVERFLOW = 61,
    WASI_EPERM = 63,
    WASI_EPIPE = 64,
    WASI_ESPIPE = 70,
};

/* The number of preview1 functions (the size of the import table). */
#define WASI_FUNC_COUNT 46u
/* Cap on iovec and subscription counts per call (Linux's IOV_MAX). */
#define WASI_MAX_IOVS 1024u

/* What the guest sees. Strings are NUL-terminated; the arrays and strings
 * must outlive the context. env entries are "KEY=VALUE". */
typedef struct wasi_config {
    uint32_t argc;
    const char *const *argv;
    uint32_t envc;
    const char *const *envp;
    const wasi_platform_t *platform;
} wasi_config_t;

typedef struct wasi_ctx wasi_ctx_t;

/* What each host function gets as its userdata: its context and its row of
 * the import table. Internal; part of wasi_ctx_t only for its size. */
typedef struct wasi_binding {
    wasi_ctx_t *ctx;
    uint32_t index;
} wasi_binding_t;

/* One guest program's WASI state. Opaque in spirit: use the functions. */
struct wasi_ctx {
    wasi_config_t cfg;
    jw_store_t *store;
    bool stdio_open[3];
    bool exited;
    uint32_t exit_code;
    uint64_t argv_bytes, env_bytes;     /* sizes of the string blocks */
    jw_func_t *funcs[WASI_FUNC_COUNT];  /* created on first import */
    wasi_binding_t bind[WASI_FUNC_COUNT];
};

/* Sets up `ctx` for a guest whose host functions live in `store`. `cfg` is
 * copied (its arrays are not). Returns false if cfg is unusable (no
 * platform, or a required platform function is missing). */
bool wasi_init(wasi_ctx_t *ctx, jw_store_t *store, const wasi_config_t *cfg);

/* A jw_resolve_fn_t with ud = the wasi_ctx_t: binds the preview1 function
 * `imp` names (creating its host function in the context's store once).
 * false for anything else: another module, an unknown name, a non-function
 * import, or out of memory. The engine checks the type. */
bool wasi_resolve(void *ud, const jw_import_info_t *imp, jw_extern_t *out);

/* True if the name is one of preview1's functions (module not checked). */
bool wasi_is_known(const char *name, size_t name_len);

/* True once the guest called proc_exit; *code receives its argument. */
bool wasi_exited(const wasi_ctx_t *ctx, uint32_t *code);
