/* SPDX-License-Identifier: MIT */
/* wasi_fd.c: the guest's fd table: stdio, preopens, opened files; rights, close, renumber, fdstat, prestat. */
#include "wasi_internal.h"

#define WASI_FDSTAT_SIZE     24u
#define WASI_PREOPENTYPE_DIR 0

/* Stdio: a stream, read or write only; no seek/tell rights, so wasi-libc's
 * isatty() depends on the file type. */
#define WASI_RIGHTS_STDIN  (WASI_RIGHT_FD_READ | WASI_RIGHT_POLL_FD_READWRITE)
#define WASI_RIGHTS_STDOUT (WASI_RIGHT_FD_WRITE | WASI_RIGHT_POLL_FD_READWRITE)

void wasi_fd_init(wasi_ctx_t *ctx)
{
    const wasi_platform_t *p = ctx->cfg.platform;
    for (uint32_t fd = 0; fd < WASI_MAX_FDS; fd++)
        ctx->fds[fd].preopen = -1;
    for (uint32_t fd = 0; fd < 3; fd++) {
        wasi_fd_entry_t *e = &ctx->fds[fd];
        e->kind = WASI_FD_STDIO;
        e->handle = (wasi_handle_t)fd;
        e->filetype = p->filetype ? p->filetype(p->ud, (int)fd) : WASI_FILETYPE_CHARACTER_DEVICE;
        e->rights = fd == 0 ? WASI_RIGHTS_STDIN : WASI_RIGHTS_STDOUT;
    }
    for (uint32_t i = 0; i < ctx->cfg.npreopens; i++) {
        const wasi_preopen_t *po = &ctx->cfg.preopens[i];
        wasi_fd_entry_t *e = &ctx->fds[3 + i];
        uint64_t keep = po->readonly ? ~WASI_RIGHTS_MUTATING : ~0ull;
        e->kind = WASI_FD_DIR;
        e->filetype = WASI_FILETYPE_DIRECTORY;
        e->handle = po->handle;
        e->preopen = (int32_t)i;
        e->rights = WASI_RIGHTS_DIR & keep;
        e->inheriting = (WASI_RIGHTS_DIR | WASI_RIGHTS_FILE) & keep;
    }
}

bool wasi_fd_is_open(const wasi_ctx_t *ctx, uint32_t fd)
{
    return fd < WASI_MAX_FDS && ctx->fds[fd].kind != WASI_FD_FREE;
}

uint16_t wasi_fd_get(wasi_ctx_t *ctx, uint32_t fd, uint64_t rights, wasi_fd_entry_t **out)
{
    if (!wasi_fd_is_open(ctx, fd))
        return WASI_EBADF;
    *out = &ctx->fds[fd];
    return (ctx->fds[fd].rights & rights) == rights ? WASI_ESUCCESS : WASI_ENOTCAPABLE;
}

uint16_t wasi_fd_alloc(wasi_ctx_t *ctx, uint32_t *fd)
{
    for (uint32_t i = 0; i < WASI_MAX_FDS; i++) {
        if (ctx->fds[i].kind == WASI_FD_FREE) {
            *fd = i;
            return WASI_ESUCCESS;
        }
    }
    return WASI_EMFILE;
}

/* Empties a slot, closing its handle unless it is the host's stdio. */
static void wasi_fd_release(wasi_ctx_t *ctx, wasi_fd_entry_t *e)
{
    const wasi_platform_t *p = ctx->cfg.platform;
    if (e->kind == WASI_FD_FILE || e->kind == WASI_FD_DIR)
        p->close(p->ud, e->handle);
    wasi_zero((uint8_t *)e, sizeof *e);
    e->preopen = -1;
}

/* fd_close(fd) */
uint16_t wasi_fd_close(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    wasi_fd_entry_t *e;
    (void)call;
    uint16_t err = wasi_fd_get(ctx, wasi_arg32(args, 0), 0, &e);
    if (!err)
        wasi_fd_release(ctx, e);
    return err;
}

/* fd_renumber(from, to): `to` must be open too; it is closed and replaced. */
uint16_t wasi_fd_renumber(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    uint32_t from = wasi_arg32(args, 0), to = wasi_arg32(args, 1);
    wasi_fd_entry_t *a, *b;
    (void)call;
    uint16_t err = wasi_fd_get(ctx, from, 0, &a);
    if (!err)
        err = wasi_fd_get(ctx, to, 0, &b);
    if (err || from == to)
        return err;
    wasi_fd_release(ctx, b);
    *b = *a;
    wasi_zero((uint8_t *)a, sizeof *a);
    a->preopen = -1;
    return WASI_ESUCCESS;
}

/* fd_fdstat_get(fd, fdstat_ptr) */
uint16_t wasi_fd_fdstat_get(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    wasi_fd_entry_t *e;
    uint8_t *st;
    uint16_t err = wasi_fd_get(ctx, wasi_arg32(args, 0), 0, &e);
    if (err)
        return err;
    if (!wasi_mem_span(call, wasi_arg32(args, 1), WASI_FDSTAT_SIZE, &st))
        return WASI_EFAULT;
    wasi_zero(st, WASI_FDSTAT_SIZE);
    st[0] = e->filetype;
    wasi_put_u16(st + 2, e->fdflags);
    wasi_put_u64(st + 8, e->rights);
    wasi_put_u64(st + 16, e->inheriting);
    return WASI_ESUCCESS;
}

/* fd_fdstat_set_flags(fd, flags): append and nonblock can change; the sync
 * flags are fixed at open (as on Linux), asking to change them is ENOTSUP. */
uint16_t wasi_fd_fdstat_set_flags(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    const wasi_platform_t *p = ctx->cfg.platform;
    uint32_t flags = wasi_arg32(args, 1);
    wasi_fd_entry_t *e;
    (void)call;
    uint16_t err = wasi_fd_get(ctx, wasi_arg32(args, 0), WASI_RIGHT_FD_FDSTAT_SET_FLAGS, &e);
    if (err)
        return err;
    if (flags > 0x1f)
        return WASI_EINVAL;
    uint32_t fixed = WASI_FDFLAG_DSYNC | WASI_FDFLAG_RSYNC | WASI_FDFLAG_SYNC;
    if ((flags & fixed) != (e->fdflags & fixed))
        return WASI_ENOTSUP;
    err = p->set_flags(p->ud, e->handle, flags);
    if (!err)
        e->fdflags = (uint16_t)flags;
    return err;
}

/* fd_fdstat_set_rights(fd, base, inheriting): rights can only be dropped. */
uint16_t wasi_fd_fdstat_set_rights(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    uint64_t base = wasi_arg64(args, 1), inh = wasi_arg64(args, 2);
    wasi_fd_entry_t *e;
    (void)call;
    uint16_t err = wasi_fd_get(ctx, wasi_arg32(args, 0), 0, &e);
    if (err)
        return err;
    if ((base & ~e->rights) || (inh & ~e->inheriting))
        return WASI_ENOTCAPABLE;
    e->rights = base;
    e->inheriting = inh;
    return WASI_ESUCCESS;
}

/* The preopen an fd is, or NULL (EBADF is how wasi-libc learns the list,
 * probed from fd 3 up, has ended). */
static const wasi_preopen_t *wasi_fd_preopen(const wasi_ctx_t *ctx, uint32_t fd)
{
    if (!wasi_fd_is_open(ctx, fd) || ctx->fds[fd].preopen < 0)
        return 0;
    return &ctx->cfg.preopens[ctx->fds[fd].preopen];
}

/* fd_prestat_get(fd, prestat_ptr): tag dir, then the name's length. */
uint16_t wasi_fd_prestat_get(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    const wasi_preopen_t *po = wasi_fd_preopen(ctx, wasi_arg32(args, 0));
    uint8_t *st;
    if (!po)
        return WASI_EBADF;
    if (!wasi_mem_span(call, wasi_arg32(args, 1), 8, &st))
        return WASI_EFAULT;
    wasi_zero(st, 8);
    st[0] = WASI_PREOPENTYPE_DIR;
    wasi_put_u32(st + 4, (uint32_t)wasi_strlen(po->guest_path));
    return WASI_ESUCCESS;
}

/* fd_prestat_dir_name(fd, path_ptr, path_len): the name, no NUL. */
uint16_t wasi_fd_prestat_dir_name(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    const wasi_preopen_t *po = wasi_fd_preopen(ctx, wasi_arg32(args, 0));
    uint32_t len = wasi_arg32(args, 2);
    uint8_t *buf;
    if (!po)
        return WASI_EBADF;
    size_t n = wasi_strlen(po->guest_path);
    if (len < n)
        return WASI_ENAMETOOLONG;
    if (!wasi_mem_span(call, wasi_arg32(args, 1), n, &buf))
        return WASI_EFAULT;
    wasi_copy(buf, po->guest_path, n);
    return WASI_ESUCCESS;
}

/* sock_accept, sock_recv, sock_send, sock_shutdown: fd is argument 0. */
uint16_t wasi_sock_call(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    (void)call;
    return wasi_fd_is_open(ctx, wasi_arg32(args, 0)) ? WASI_ENOTSOCK : WASI_EBADF;
}
