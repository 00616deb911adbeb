/* SPDX-License-Identifier: MIT */
/* wasi_path.c: path_*: the guest's paths checked and handed to the platform beneath a directory fd. */
#include "wasi_internal.h"

/* The directory fd of a path_* call holding `rights`: EBADF if not open,
 * ENOTDIR if not a directory, ENOTCAPABLE without the rights. */
static uint16_t wasi_dir_get(wasi_ctx_t *ctx, uint32_t fd, uint64_t rights, wasi_fd_entry_t **e)
{
    uint16_t err = wasi_fd_get(ctx, fd, 0, e);
    if (err)
        return err;
    if ((*e)->kind != WASI_FD_DIR)
        return WASI_ENOTDIR;
    return ((*e)->rights & rights) == rights ? WASI_ESUCCESS : WASI_ENOTCAPABLE;
}

/* Copies guest bytes [addr, addr+len) into ctx->path[slot] with a NUL:
 * WASI_EFAULT outside memory, WASI_ENAMETOOLONG past WASI_PATH_MAX,
 * WASI_EILSEQ for a NUL inside. */
static uint16_t wasi_text_get(wasi_ctx_t *ctx, jw_host_call_t *call, uint32_t addr, uint32_t len,
                              int slot, const char **out)
{
    uint8_t *src;
    if (!wasi_mem_span(call, addr, len, &src))
        return WASI_EFAULT;
    if (len > WASI_PATH_MAX)
        return WASI_ENAMETOOLONG;
    char *dst = ctx->path[slot];
    for (uint32_t i = 0; i < len; i++)
        if (!(dst[i] = (char)src[i]))
            return WASI_EILSEQ;
    dst[len] = 0;
    *out = dst;
    return WASI_ESUCCESS;
}

/* Like wasi_text_get, and the path must stay beneath its directory as
 * written: empty is ENOENT; absolute, or a `..` that climbs above the
 * start, is ENOTCAPABLE. (Symlinks are the platform's to check: it
 * resolves beneath the directory, this is the first line.) */
static uint16_t wasi_path_get(wasi_ctx_t *ctx, jw_host_call_t *call, uint32_t addr, uint32_t len,
                              int slot, const char **out)
{
    uint16_t err = wasi_text_get(ctx, call, addr, len, slot, out);
    if (err)
        return err;
    const char *s = *out;
    if (!s[0])
        return WASI_ENOENT;
    if (s[0] == '/')
        return WASI_ENOTCAPABLE;
    int64_t depth = 0;
    for (size_t i = 0; s[i];) {
        size_t n = 0;
        while (s[i + n] && s[i + n] != '/')
            n++;
        if (n == 2 && s[i] == '.' && s[i + 1] == '.') {
            if (--depth < 0)
                return WASI_ENOTCAPABLE;
        } else if (n > 0 && !(n == 1 && s[i] == '.')) {
            depth++;
        }
        i += n;
        while (s[i] == '/')
            i++;
    }
    return WASI_ESUCCESS;
}

/* A directory fd and a checked path from args[fd_arg], [path_arg],
 * [path_arg + 1]; the common decode step of the path_* calls. */
static uint16_t wasi_at_get(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args,
                            uint32_t fd_arg, uint32_t path_arg, uint64_t rights, int slot,
                            wasi_fd_entry_t **dir, const char **path)
{
    uint16_t err = wasi_dir_get(ctx, wasi_arg32(args, fd_arg), rights, dir);
    if (err)
        return err;
    return wasi_path_get(ctx, call, wasi_arg32(args, path_arg), wasi_arg32(args, path_arg + 1),
                         slot, path);
}

/* The platform access an fd with these rights is opened with. */
static uint32_t wasi_open_access(uint64_t rights)
{
    uint32_t access = 0;
    if (rights & (WASI_RIGHT_FD_READ | WASI_RIGHT_FD_READDIR))
        access |= WASI_ACCESS_READ;
    uint64_t writing =
        WASI_RIGHT_FD_WRITE | WASI_RIGHT_FD_ALLOCATE | WASI_RIGHT_FD_FILESTAT_SET_SIZE;
    if (rights & writing)
        access |= WASI_ACCESS_WRITE;
    return access;
}

/* path_open(fd, dirflags, path, path_len, oflags, rights_base,
 * rights_inheriting, fdflags, fd_ptr): the new fd gets the rights asked for
 * (which the directory must be able to pass on, else ENOTCAPABLE), less
 * those its file type cannot use; its inheriting rights are cut to the
 * directory's. O_CREAT needs PATH_CREATE_FILE, O_TRUNC
 * PATH_FILESTAT_SET_SIZE on the directory. */
uint16_t wasi_path_open(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    const wasi_platform_t *p = ctx->cfg.platform;
    uint32_t dirflags = wasi_arg32(args, 1), oflags = wasi_arg32(args, 4);
    uint32_t fdflags = wasi_arg32(args, 7), fd;
    uint64_t base = wasi_arg64(args, 5), inh = wasi_arg64(args, 6);
    uint64_t need = WASI_RIGHT_PATH_OPEN;
    wasi_fd_entry_t *dir;
    const char *path;
    uint8_t *out;
    if (oflags & WASI_O_CREAT)
        need |= WASI_RIGHT_PATH_CREATE_FILE;
    if (oflags & WASI_O_TRUNC)
        need |= WASI_RIGHT_PATH_FILESTAT_SET_SIZE;
    uint16_t err = wasi_at_get(ctx, call, args, 0, 2, need, 0, &dir, &path);
    if (err)
        return err;
    if (dirflags > 1 || oflags > 0xf || fdflags > 0x1f)
        return WASI_EINVAL;
    if (base & ~dir->inheriting)
        return WASI_ENOTCAPABLE;
    inh &= dir->inheriting; /* toolchains pass "all" here: keep what may pass on */
    if (!wasi_mem_span(call, wasi_arg32(args, 8), 4, &out))
        return WASI_EFAULT;
    if ((err = wasi_fd_alloc(ctx, &fd)))
        return err;
    wasi_handle_t h;
    uint8_t type = WASI_FILETYPE_UNKNOWN;
    /* A directory is never opened for writing, whatever rights come with it. */
    uint32_t access = wasi_open_access(base);
    if (oflags & WASI_O_DIRECTORY)
        access &= WASI_ACCESS_READ;
    err = p->open_at(p->ud, dir->handle, path, dirflags & WASI_LOOKUP_SYMLINK_FOLLOW, oflags,
                     fdflags, access, &h, &type);
    if (err)
        return err;
    wasi_fd_entry_t *e = &ctx->fds[fd];
    bool is_dir = type == WASI_FILETYPE_DIRECTORY;
    e->kind = is_dir ? WASI_FD_DIR : WASI_FD_FILE;
    e->filetype = type;
    e->fdflags = (uint16_t)fdflags;
    e->handle = h;
    e->preopen = -1;
    e->rights = base & (is_dir ? WASI_RIGHTS_DIR : WASI_RIGHTS_FILE);
    e->inheriting = is_dir ? inh : 0;
    wasi_put_u32(out, fd);
    return WASI_ESUCCESS;
}

/* path_filestat_get(fd, flags, path, path_len, filestat_ptr) */
uint16_t wasi_path_filestat_get(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    const wasi_platform_t *p = ctx->cfg.platform;
    wasi_fd_entry_t *dir;
    const char *path;
    wasi_filestat_t st = { 0 };
    uint32_t flags = wasi_arg32(args, 1);
    uint16_t err = wasi_at_get(ctx, call, args, 0, 2, WASI_RIGHT_PATH_FILESTAT_GET, 0, &dir, &path);
    if (err)
        return err;
    if (flags > 1)
        return WASI_EINVAL;
    err = p->stat_at(p->ud, dir->handle, path, flags & WASI_LOOKUP_SYMLINK_FOLLOW, &st);
    return err ? err : wasi_filestat_store(call, wasi_arg32(args, 4), &st);
}

/* path_filestat_set_times(fd, flags, path, path_len, atim, mtim, fst_flags) */
uint16_t wasi_path_filestat_set_times(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    const wasi_platform_t *p = ctx->cfg.platform;
    wasi_fd_entry_t *dir;
    const char *path;
    uint32_t flags = wasi_arg32(args, 1), fst = wasi_arg32(args, 6);
    uint16_t err =
        wasi_at_get(ctx, call, args, 0, 2, WASI_RIGHT_PATH_FILESTAT_SET_TIMES, 0, &dir, &path);
    if (!err && flags > 1)
        err = WASI_EINVAL;
    if (!err)
        err = wasi_fst_check(fst);
    if (err)
        return err;
    return p->set_times_at(p->ud, dir->handle, path, flags & WASI_LOOKUP_SYMLINK_FOLLOW,
                           wasi_arg64(args, 4), wasi_arg64(args, 5), fst);
}

/* path_create_directory(fd, path, path_len) */
uint16_t wasi_path_create_directory(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    const wasi_platform_t *p = ctx->cfg.platform;
    wasi_fd_entry_t *dir;
    const char *path;
    uint16_t err =
        wasi_at_get(ctx, call, args, 0, 1, WASI_RIGHT_PATH_CREATE_DIRECTORY, 0, &dir, &path);
    return err ? err : p->mkdir_at(p->ud, dir->handle, path);
}

/* path_remove_directory(fd, path, path_len) */
uint16_t wasi_path_remove_directory(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    const wasi_platform_t *p = ctx->cfg.platform;
    wasi_fd_entry_t *dir;
    const char *path;
    uint16_t err =
        wasi_at_get(ctx, call, args, 0, 1, WASI_RIGHT_PATH_REMOVE_DIRECTORY, 0, &dir, &path);
    return err ? err : p->rmdir_at(p->ud, dir->handle, path);
}

/* path_unlink_file(fd, path, path_len) */
uint16_t wasi_path_unlink_file(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    const wasi_platform_t *p = ctx->cfg.platform;
    wasi_fd_entry_t *dir;
    const char *path;
    uint16_t err = wasi_at_get(ctx, call, args, 0, 1, WASI_RIGHT_PATH_UNLINK_FILE, 0, &dir, &path);
    return err ? err : p->unlink_at(p->ud, dir->handle, path);
}

/* path_rename(fd, old_path, old_len, new_fd, new_path, new_len) */
uint16_t wasi_path_rename(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    const wasi_platform_t *p = ctx->cfg.platform;
    wasi_fd_entry_t *dir, *dir2;
    const char *path, *path2;
    uint16_t err =
        wasi_at_get(ctx, call, args, 0, 1, WASI_RIGHT_PATH_RENAME_SOURCE, 0, &dir, &path);
    if (!err)
        err = wasi_at_get(ctx, call, args, 3, 4, WASI_RIGHT_PATH_RENAME_TARGET, 1, &dir2, &path2);
    return err ? err : p->rename_at(p->ud, dir->handle, path, dir2->handle, path2);
}

/* path_link(old_fd, old_flags, old_path, old_len, new_fd, new_path, new_len) */
uint16_t wasi_path_link(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    const wasi_platform_t *p = ctx->cfg.platform;
    wasi_fd_entry_t *dir, *dir2;
    const char *path, *path2;
    uint32_t flags = wasi_arg32(args, 1);
    uint16_t err = wasi_at_get(ctx, call, args, 0, 2, WASI_RIGHT_PATH_LINK_SOURCE, 0, &dir, &path);
    if (!err)
        err = wasi_at_get(ctx, call, args, 4, 5, WASI_RIGHT_PATH_LINK_TARGET, 1, &dir2, &path2);
    if (!err && flags > 1)
        err = WASI_EINVAL;
    return err ? err
               : p->link_at(p->ud, dir->handle, path, flags & WASI_LOOKUP_SYMLINK_FOLLOW,
                            dir2->handle, path2);
}

/* path_symlink(old_path, old_len, fd, new_path, new_len): old_path is the
 * link's text. An absolute one is refused (ENOTCAPABLE, as cap-std does):
 * the guest could not follow it, but a host program sharing the directory
 * would. */
uint16_t wasi_path_symlink(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    const wasi_platform_t *p = ctx->cfg.platform;
    wasi_fd_entry_t *dir;
    const char *target, *path;
    uint16_t err = wasi_at_get(ctx, call, args, 2, 3, WASI_RIGHT_PATH_SYMLINK, 1, &dir, &path);
    if (!err)
        err = wasi_text_get(ctx, call, wasi_arg32(args, 0), wasi_arg32(args, 1), 0, &target);
    if (err)
        return err;
    if (target[0] == '/')
        return WASI_ENOTCAPABLE;
    if (!target[0])
        return WASI_ENOENT;
    return p->symlink_at(p->ud, target, dir->handle, path);
}

/* path_readlink(fd, path, path_len, buf, buf_len, bufused_ptr): the text,
 * cut to buf_len, no NUL. */
uint16_t wasi_path_readlink(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    const wasi_platform_t *p = ctx->cfg.platform;
    wasi_fd_entry_t *dir;
    const char *path;
    uint8_t *buf, *used;
    size_t done = 0;
    uint32_t len = wasi_arg32(args, 4);
    uint16_t err = wasi_at_get(ctx, call, args, 0, 1, WASI_RIGHT_PATH_READLINK, 0, &dir, &path);
    if (err)
        return err;
    if (!wasi_mem_span(call, wasi_arg32(args, 3), len, &buf) ||
        !wasi_mem_span(call, wasi_arg32(args, 5), 4, &used))
        return WASI_EFAULT;
    err = p->readlink_at(p->ud, dir->handle, path, (char *)buf, len, &done);
    if (err)
        return err;
    wasi_put_u32(used, (uint32_t)(done < len ? done : len));
    return WASI_ESUCCESS;
}
