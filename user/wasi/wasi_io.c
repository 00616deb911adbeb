/* SPDX-License-Identifier: MIT */
/* wasi_io.c: fd_read/write/pread/pwrite/seek/tell/sync/advise/allocate, fd_filestat_*, fd_readdir. */
#include "wasi_internal.h"

#define WASI_FILESTAT_SIZE 64u
#define WASI_DIRENT_SIZE   24u
#define WASI_NO_OFFSET     UINT64_MAX /* write at the handle's position */

/* A read or write on an fd not opened for it is EBADF, as POSIX has it
 * (wasi-libc and programs expect that); every other missing right is
 * ENOTCAPABLE. */
static uint16_t wasi_fd_get_io(wasi_ctx_t *ctx, uint32_t fd, uint64_t rights, wasi_fd_entry_t **e)
{
    uint16_t err = wasi_fd_get(ctx, fd, rights, e);
    if (err == WASI_ENOTCAPABLE && (*e)->kind == WASI_FD_DIR && (rights & WASI_RIGHT_FD_READ))
        return WASI_EISDIR;
    return err == WASI_ENOTCAPABLE ? WASI_EBADF : err;
}

/* Checks the iovec array and every buffer it names (so that a fault is
 * reported before any byte moves). */
static uint16_t wasi_iovs_check(jw_host_call_t *call, uint32_t iovs, uint32_t n, uint8_t **arr)
{
    if (n > WASI_MAX_IOVS)
        return WASI_EINVAL;
    if (!wasi_mem_span(call, iovs, (uint64_t)n * WASI_IOVEC_SIZE, arr))
        return WASI_EFAULT;
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *iov = *arr + i * WASI_IOVEC_SIZE;
        uint8_t *buf;
        if (!wasi_mem_span(call, wasi_get_u32(iov), wasi_get_u32(iov + 4), &buf))
            return WASI_EFAULT;
    }
    return WASI_ESUCCESS;
}

/* Writes the host buffers iov[0..n) completely unless the platform writes
 * short (0 bytes) or fails; a partial write is continued from where it
 * stopped. Adds what was written to *total. `*off` is the file offset for
 * a positioned write (advanced), or WASI_NO_OFFSET. */
static uint16_t wasi_write_all(const wasi_platform_t *p, wasi_handle_t h, wasi_iovec_t *iov,
                               uint32_t n, uint64_t *off, uint64_t *total, bool *short_write)
{
    uint64_t left = 0;
    for (uint32_t i = 0; i < n; i++)
        left += iov[i].len;
    while (left) {
        size_t done = 0;
        while (iov->len == 0)
            iov++, n--; /* the platform gets no empty head */
        uint16_t err = *off == WASI_NO_OFFSET ? p->write(p->ud, h, iov, n, &done)
                                              : p->pwrite(p->ud, h, iov, n, *off, &done);
        if (err)
            return err;
        if (done == 0 || done > left) {
            *short_write = true;
            return WASI_ESUCCESS;
        }
        *total += done;
        left -= done;
        if (*off != WASI_NO_OFFSET)
            *off += done;
        for (; left && done >= iov->len; iov++, n--)
            done -= iov->len;
        if (left) {
            iov->base = (const uint8_t *)iov->base + done;
            iov->len -= done;
        }
    }
    return WASI_ESUCCESS;
}

/* Gathers like writev, in one platform request per WASI_WRITE_BATCH
 * buffers; an error after some bytes went out reports the bytes, like
 * POSIX. */
static uint16_t wasi_write_iovs(wasi_ctx_t *ctx, jw_host_call_t *call, wasi_fd_entry_t *e,
                                uint32_t iovs, uint32_t n, uint64_t off, uint32_t out)
{
    uint8_t *arr, *res;
    uint16_t err = wasi_iovs_check(call, iovs, n, &arr);
    if (err)
        return err;
    if (!wasi_mem_span(call, out, 4, &res))
        return WASI_EFAULT;
    uint64_t total = 0, queued = 0;
    bool short_write = false, full = false;
    uint8_t *base = jw_memory_data(jw_host_memory(call));
    wasi_iovec_t batch[WASI_WRITE_BATCH];
    for (uint32_t i = 0; i < n && !err && !short_write && !full;) {
        uint32_t k = 0;
        uint64_t sum = 0;
        for (; i < n && k < WASI_WRITE_BATCH; i++) {
            const uint8_t *iov = arr + i * WASI_IOVEC_SIZE;
            uint32_t len = wasi_get_u32(iov + 4);
            /* the count must fit the guest's u32 */
            if ((full = queued + sum + len > UINT32_MAX))
                break;
            batch[k++] = (wasi_iovec_t){ base + wasi_get_u32(iov), len };
            sum += len;
        }
        queued += sum;
        if (sum)
            err =
                wasi_write_all(ctx->cfg.platform, e->handle, batch, k, &off, &total, &short_write);
    }
    if (err && total == 0)
        return err;
    wasi_put_u32(res, (uint32_t)total);
    return WASI_ESUCCESS;
}

/* fd_write(fd, iovs, iovs_len, nwritten_ptr) */
uint16_t wasi_fd_write(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    wasi_fd_entry_t *e;
    uint16_t err = wasi_fd_get_io(ctx, wasi_arg32(args, 0), WASI_RIGHT_FD_WRITE, &e);
    if (err)
        return err;
    return wasi_write_iovs(ctx, call, e, wasi_arg32(args, 1), wasi_arg32(args, 2), WASI_NO_OFFSET,
                           wasi_arg32(args, 3));
}

/* fd_pwrite's and fd_pread's checks: fd (args[0]) is not stdio (ESPIPE),
 * holds `right` and FD_SEEK, and the offset (args[3]) fits an off_t. */
static uint16_t positioned_io(wasi_ctx_t *ctx, const jw_value_t *args, uint64_t right,
                              wasi_fd_entry_t **e)
{
    uint16_t err = wasi_fd_get_io(ctx, wasi_arg32(args, 0), 0, e);
    if (err)
        return err;
    if ((*e)->kind == WASI_FD_STDIO)
        return WASI_ESPIPE;
    err = wasi_fd_get_io(ctx, wasi_arg32(args, 0), right, e);
    if (!err && !((*e)->rights & WASI_RIGHT_FD_SEEK))
        err = WASI_ENOTCAPABLE;
    if (!err && wasi_arg64(args, 3) > INT64_MAX)
        err = WASI_EINVAL;
    return err;
}

/* fd_pwrite(fd, iovs, iovs_len, offset, nwritten_ptr) */
uint16_t wasi_fd_pwrite(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    wasi_fd_entry_t *e;
    uint16_t err = positioned_io(ctx, args, WASI_RIGHT_FD_WRITE, &e);
    if (err)
        return err;
    return wasi_write_iovs(ctx, call, e, wasi_arg32(args, 1), wasi_arg32(args, 2),
                           wasi_arg64(args, 3), wasi_arg32(args, 4));
}

/* Reads into the guest's buffers. stdio: one platform read into the first
 * non-empty buffer (reading on would block a terminal after a short line;
 * a short read is what readv allows anyway). A file: buffer after buffer
 * until one comes back short. `off` as in wasi_write_all. */
static uint16_t wasi_read_iovs(wasi_ctx_t *ctx, jw_host_call_t *call, wasi_fd_entry_t *e,
                               const jw_value_t *args, uint64_t off, uint32_t out)
{
    const wasi_platform_t *p = ctx->cfg.platform;
    uint32_t n = wasi_arg32(args, 2);
    uint8_t *arr, *res;
    uint16_t err = wasi_iovs_check(call, wasi_arg32(args, 1), n, &arr);
    if (err)
        return err;
    if (!wasi_mem_span(call, out, 4, &res))
        return WASI_EFAULT;
    uint64_t total = 0;
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *iov = arr + i * WASI_IOVEC_SIZE;
        uint32_t len = wasi_get_u32(iov + 4);
        uint8_t *buf;
        size_t done = 0;
        if (len == 0)
            continue;
        if (total + len > UINT32_MAX)
            break; /* the count must fit a u32 */
        wasi_mem_span(call, wasi_get_u32(iov), len, &buf); /* checked above */
        err = off == WASI_NO_OFFSET ? p->read(p->ud, e->handle, buf, len, &done)
                                    : p->pread(p->ud, e->handle, buf, len, off + total, &done);
        if (err && total == 0)
            return err;
        if (done > len)
            done = len;
        total += done;
        if (err || done < len || e->kind == WASI_FD_STDIO)
            break;
    }
    wasi_put_u32(res, (uint32_t)total);
    return WASI_ESUCCESS;
}

/* fd_read(fd, iovs, iovs_len, nread_ptr) */
uint16_t wasi_fd_read(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    wasi_fd_entry_t *e;
    uint16_t err = wasi_fd_get_io(ctx, wasi_arg32(args, 0), WASI_RIGHT_FD_READ, &e);
    return err ? err : wasi_read_iovs(ctx, call, e, args, WASI_NO_OFFSET, wasi_arg32(args, 3));
}

/* fd_pread(fd, iovs, iovs_len, offset, nread_ptr) */
uint16_t wasi_fd_pread(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    wasi_fd_entry_t *e;
    uint16_t err = positioned_io(ctx, args, WASI_RIGHT_FD_READ, &e);
    if (err)
        return err;
    return wasi_read_iovs(ctx, call, e, args, wasi_arg64(args, 3), wasi_arg32(args, 4));
}

/* fd_seek(fd, offset, whence, newoffset_ptr): FD_SEEK, or FD_TELL alone for
 * the query (0, current). stdio is a stream. */
uint16_t wasi_fd_seek(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    const wasi_platform_t *p = ctx->cfg.platform;
    int64_t off = (int64_t)wasi_arg64(args, 1);
    uint32_t whence = wasi_arg32(args, 2);
    wasi_fd_entry_t *e;
    uint64_t pos = 0;
    uint16_t err = wasi_fd_get(ctx, wasi_arg32(args, 0), 0, &e);
    if (err)
        return err;
    if (whence > 2)
        return WASI_EINVAL;
    if (e->kind == WASI_FD_STDIO)
        return WASI_ESPIPE;
    uint64_t need = off == 0 && whence == 1 ? WASI_RIGHT_FD_TELL : WASI_RIGHT_FD_SEEK;
    if (!(e->rights & need))
        return WASI_ENOTCAPABLE;
    err = p->seek(p->ud, e->handle, off, (uint8_t)whence, &pos);
    return err ? err : wasi_store_u64(call, wasi_arg32(args, 3), pos);
}

/* fd_tell(fd, offset_ptr) */
uint16_t wasi_fd_tell(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    const wasi_platform_t *p = ctx->cfg.platform;
    wasi_fd_entry_t *e;
    uint64_t pos = 0;
    uint16_t err = wasi_fd_get(ctx, wasi_arg32(args, 0), 0, &e);
    if (err)
        return err;
    if (e->kind == WASI_FD_STDIO)
        return WASI_ESPIPE;
    if (!(e->rights & WASI_RIGHT_FD_TELL))
        return WASI_ENOTCAPABLE;
    err = p->seek(p->ud, e->handle, 0, 1, &pos);
    return err ? err : wasi_store_u64(call, wasi_arg32(args, 1), pos);
}

static uint16_t wasi_sync(wasi_ctx_t *ctx, const jw_value_t *args, bool data_only)
{
    const wasi_platform_t *p = ctx->cfg.platform;
    wasi_fd_entry_t *e;
    uint64_t right = data_only ? WASI_RIGHT_FD_DATASYNC : WASI_RIGHT_FD_SYNC;
    uint16_t err = wasi_fd_get(ctx, wasi_arg32(args, 0), right, &e);
    return err ? err : p->sync(p->ud, e->handle, data_only);
}

/* fd_sync(fd) */
uint16_t wasi_fd_sync(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    (void)call;
    return wasi_sync(ctx, args, false);
}

/* fd_datasync(fd) */
uint16_t wasi_fd_datasync(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    (void)call;
    return wasi_sync(ctx, args, true);
}

/* fd_advise(fd, offset, len, advice): advice 0..5 (normal .. noreuse). */
uint16_t wasi_fd_advise(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    const wasi_platform_t *p = ctx->cfg.platform;
    wasi_fd_entry_t *e;
    uint32_t advice = wasi_arg32(args, 3);
    (void)call;
    uint16_t err = wasi_fd_get(ctx, wasi_arg32(args, 0), WASI_RIGHT_FD_ADVISE, &e);
    if (err)
        return err;
    if (advice > 5 || wasi_arg64(args, 1) > INT64_MAX || wasi_arg64(args, 2) > INT64_MAX)
        return WASI_EINVAL;
    return p->advise(p->ud, e->handle, wasi_arg64(args, 1), wasi_arg64(args, 2), (uint8_t)advice);
}

/* fd_allocate(fd, offset, len) */
uint16_t wasi_fd_allocate(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    const wasi_platform_t *p = ctx->cfg.platform;
    uint64_t off = wasi_arg64(args, 1), len = wasi_arg64(args, 2);
    wasi_fd_entry_t *e;
    (void)call;
    uint16_t err = wasi_fd_get(ctx, wasi_arg32(args, 0), WASI_RIGHT_FD_ALLOCATE, &e);
    if (err)
        return err;
    if (len == 0 || off > INT64_MAX || len > INT64_MAX)
        return WASI_EINVAL;
    if (off + len > INT64_MAX)
        return WASI_EFBIG;
    return p->allocate(p->ud, e->handle, off, len);
}

uint16_t wasi_filestat_store(jw_host_call_t *call, uint32_t addr, const wasi_filestat_t *st)
{
    uint8_t *b;
    if (!wasi_mem_span(call, addr, WASI_FILESTAT_SIZE, &b))
        return WASI_EFAULT;
    wasi_zero(b, WASI_FILESTAT_SIZE);
    wasi_put_u64(b, st->dev);
    wasi_put_u64(b + 8, st->ino);
    b[16] = st->filetype;
    wasi_put_u64(b + 24, st->nlink);
    wasi_put_u64(b + 32, st->size);
    wasi_put_u64(b + 40, st->atim);
    wasi_put_u64(b + 48, st->mtim);
    wasi_put_u64(b + 56, st->ctim);
    return WASI_ESUCCESS;
}

/* fd_filestat_get(fd, filestat_ptr): stdio shows its type and one link,
 * nothing of the host's file behind it. */
uint16_t wasi_fd_filestat_get(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    const wasi_platform_t *p = ctx->cfg.platform;
    wasi_filestat_t st = { 0 };
    wasi_fd_entry_t *e;
    uint16_t err = wasi_fd_get(ctx, wasi_arg32(args, 0), 0, &e);
    if (err)
        return err;
    if (e->kind == WASI_FD_STDIO) {
        st.filetype = e->filetype;
        st.nlink = 1;
    } else if (!(e->rights & WASI_RIGHT_FD_FILESTAT_GET)) {
        return WASI_ENOTCAPABLE;
    } else if ((err = p->stat(p->ud, e->handle, &st))) {
        return err;
    }
    return wasi_filestat_store(call, wasi_arg32(args, 1), &st);
}

/* fd_filestat_set_size(fd, size) */
uint16_t wasi_fd_filestat_set_size(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    const wasi_platform_t *p = ctx->cfg.platform;
    wasi_fd_entry_t *e;
    (void)call;
    uint16_t err = wasi_fd_get(ctx, wasi_arg32(args, 0), WASI_RIGHT_FD_FILESTAT_SET_SIZE, &e);
    if (err)
        return err;
    if (wasi_arg64(args, 1) > INT64_MAX)
        return WASI_EINVAL;
    return p->set_size(p->ud, e->handle, wasi_arg64(args, 1));
}

uint16_t wasi_fst_check(uint32_t fst)
{
    if (fst > 0xf)
        return WASI_EINVAL;
    if ((fst & WASI_FST_ATIM) && (fst & WASI_FST_ATIM_NOW))
        return WASI_EINVAL;
    if ((fst & WASI_FST_MTIM) && (fst & WASI_FST_MTIM_NOW))
        return WASI_EINVAL;
    return WASI_ESUCCESS;
}

/* fd_filestat_set_times(fd, atim, mtim, fst_flags) */
uint16_t wasi_fd_filestat_set_times(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    const wasi_platform_t *p = ctx->cfg.platform;
    wasi_fd_entry_t *e;
    uint32_t fst = wasi_arg32(args, 3);
    (void)call;
    uint16_t err = wasi_fd_get(ctx, wasi_arg32(args, 0), WASI_RIGHT_FD_FILESTAT_SET_TIMES, &e);
    if (!err)
        err = wasi_fst_check(fst);
    if (err)
        return err;
    return p->set_times(p->ud, e->handle, wasi_arg64(args, 1), wasi_arg64(args, 2), fst);
}

/* fd_readdir(fd, buf, buf_len, cookie, bufused_ptr): entries from `cookie`
 * on, each a 24-byte dirent and its name; the last one is cut at the end of
 * the buffer, and bufused == buf_len tells the guest to ask again. */
uint16_t wasi_fd_readdir(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    const wasi_platform_t *p = ctx->cfg.platform;
    uint32_t len = wasi_arg32(args, 2);
    uint64_t cookie = wasi_arg64(args, 3);
    wasi_fd_entry_t *e;
    uint8_t *buf, *used;
    uint16_t err = wasi_fd_get(ctx, wasi_arg32(args, 0), WASI_RIGHT_FD_READDIR, &e);
    if (err)
        return err;
    if (!wasi_mem_span(call, wasi_arg32(args, 1), len, &buf) ||
        !wasi_mem_span(call, wasi_arg32(args, 4), 4, &used))
        return WASI_EFAULT;
    uint32_t pos = 0;
    while (pos < len) {
        wasi_dirent_t ent = { 0 };
        char name[WASI_NAME_MAX + 1];
        uint8_t head[WASI_DIRENT_SIZE];
        err = p->readdir(p->ud, e->handle, cookie, &ent, name, sizeof name);
        if (err)
            return err;
        if (ent.at_end)
            break;
        if (ent.name_len > WASI_NAME_MAX)
            return WASI_EIO;
        wasi_put_u64(head, ent.next);
        wasi_put_u64(head + 8, ent.ino);
        wasi_put_u32(head + 16, ent.name_len);
        wasi_zero(head + 20, 4);
        head[20] = ent.filetype;
        uint32_t n = len - pos < WASI_DIRENT_SIZE ? len - pos : WASI_DIRENT_SIZE;
        wasi_copy(buf + pos, head, n);
        pos += n;
        n = len - pos < ent.name_len ? len - pos : ent.name_len;
        wasi_copy(buf + pos, name, n);
        pos += n;
        cookie = ent.next;
    }
    wasi_put_u32(used, pos);
    return WASI_ESUCCESS;
}
