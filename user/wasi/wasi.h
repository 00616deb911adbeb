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
 * Every preview1 function links and all are implemented: stdio, files and
 * directories beneath the preopened directories (path_*, fd_*: the fd table
 * and its rights, path checks and errnos live here; the platform only
 * performs the operations), args, environ, clocks, random_get, proc_exit,
 * sched_yield and poll_oneoff. What cannot be done answers with an errno,
 * never a trap: WASI_EBADF for an fd that is not open, WASI_ENOTCAPABLE for
 * a missing right or a path that leaves its directory, WASI_ESPIPE for
 * positioned I/O on stdio, WASI_ENOTSOCK for sock_* (there are no sockets),
 * WASI_ENOSYS for proc_raise. A bad guest pointer gives WASI_EFAULT, a count
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

/* Preview1 errno values (the spec's numbering; those this layer and its
 * platforms use). */
enum {
    WASI_ESUCCESS = 0,
    WASI_E2BIG = 1,
    WASI_EACCES = 2,
    WASI_EAGAIN = 6,
    WASI_EBADF = 8,
    WASI_EBUSY = 10,
    WASI_EDQUOT = 19,
    WASI_EEXIST = 20,
    WASI_EFAULT = 21,
    WASI_EFBIG = 22,
    WASI_EILSEQ = 25,
    WASI_EINTR = 27,
    WASI_EINVAL = 28,
    WASI_EIO = 29,
    WASI_EISDIR = 31,
    WASI_ELOOP = 32,
    WASI_EMFILE = 33,
    WASI_EMLINK = 34,
    WASI_ENAMETOOLONG = 37,
    WASI_ENFILE = 41,
    WASI_ENODEV = 43,
    WASI_ENOENT = 44,
    WASI_ENOLCK = 46,
    WASI_ENOMEM = 48,
    WASI_ENOSPC = 51,
    WASI_ENOSYS = 52,
    WASI_ENOTDIR = 54,
    WASI_ENOTEMPTY = 55,
    WASI_ENOTSOCK = 57,
    WASI_ENOTSUP = 58,
    WASI_ENOTTY = 59,
    WASI_ENXIO = 60,
    WASI_EOVERFLOW = 61,
    WASI_EPERM = 63,
    WASI_EPIPE = 64,
    WASI_ERANGE = 68,
    WASI_EROFS = 69,
    WASI_ESPIPE = 70,
    WASI_ETXTBSY = 74,
    WASI_EXDEV = 75,
    WASI_ENOTCAPABLE = 76,
};

/* The number of preview1 functions (the size of the import table). */
#define WASI_FUNC_COUNT 46u
/* Cap on iovec and subscription counts per call (Linux's IOV_MAX). */
#define WASI_MAX_IOVS 1024u

/* The fds a guest can have open at once (stdio and preopens included). */
#define WASI_MAX_FDS 128u

/* A directory given to the guest: `handle` is the platform's, open on it
 * (the guest may close it; the WASI layer then closes the handle).
 * `guest_path` is the name wasi-libc matches paths against ("/data", ".").
 * A read-only preopen's fds carry no right that changes anything. */
typedef struct wasi_preopen {
    const char *guest_path;
    wasi_handle_t handle;
    bool readonly;
} wasi_preopen_t;

/* What the guest sees. Strings are NUL-terminated; the arrays and strings
 * must outlive the context. env entries are "KEY=VALUE". Preopens become
 * fds 3, 4, ... in order. */
typedef struct wasi_config {
    uint32_t argc;
    const char *const *argv;
    uint32_t envc;
    const char *const *envp;
    const wasi_platform_t *platform;
    uint32_t npreopens;
    const wasi_preopen_t *preopens;
} wasi_config_t;

/* One slot of the fd table. */
typedef enum wasi_fd_kind {
    WASI_FD_FREE = 0,
    WASI_FD_STDIO, /* the host's stdio: never closed on the host */
    WASI_FD_FILE,  /* anything but a directory */
    WASI_FD_DIR,
} wasi_fd_kind_t;

typedef struct wasi_fd_entry {
    uint8_t kind;        /* wasi_fd_kind_t */
    uint8_t filetype;    /* WASI_FILETYPE_* */
    uint16_t fdflags;    /* WASI_FDFLAG_* as opened or last set */
    wasi_handle_t handle;
    int32_t preopen;     /* index in cfg.preopens, or -1 */
    uint64_t rights, inheriting;
} wasi_fd_entry_t;

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
    wasi_fd_entry_t fds[WASI_MAX_FDS];
    char path[2][WASI_PATH_MAX + 1];   /* guest paths, copied and checked */
    bool exited;
    uint32_t exit_code;
    uint64_t argv_bytes, env_bytes;     /* sizes of the string blocks */
    jw_func_t *funcs[WASI_FUNC_COUNT];  /* created on first import */
    wasi_binding_t bind[WASI_FUNC_COUNT];
};

/* Sets up `ctx` for a guest whose host functions live in `store`. `cfg` is
 * copied (its arrays are not). Returns false if cfg is unusable (no
 * platform, a required platform function missing, preopens without the
 * file functions, or more preopens than fds). */
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
