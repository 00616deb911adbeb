/* SPDX-License-Identifier: MIT */
/* wasi_fd.c: the file descriptors a guest has: stdin, stdout, stderr. */
#include "wasi_internal.h"

/* Preview1 rights bits reported by fd_fdstat_get. */
#define WASI_RIGHT_FD_READ (1ull << 1)
#define WASI_RIGHT_FD_WRITE (1ull << 6)
#define WASI_RIGHT_POLL_FD_READWRITE (1ull << 27)

#define WASI_IOVEC_SIZE 8u
#define WASI_FDSTAT_SIZE 24u
#define WASI_FILESTAT_SIZE 64u

bool wasi_fd_is_open(const wasi_ctx_t *ctx, uint32_t fd) {
    return fd < 3 && ctx->stdio_open[fd];
}

static uint8_t wasi_fd_filetype(const wasi_ctx_t *ctx, uint32_t fd) {
    const wasi_platform_t *p = ctx->cfg.platform;
    return p->filetype ? p->filetype(p->ud, (int)fd) : WASI_FILETYPE_CHARACTER_DEVICE;
}

/* Checks the iovec array and every buffer it names (so that a fault is
 * reported before any byte moves) and sums the lengths, capped so that the
 * count the guest receives fits its u32. */
static uint16_t wasi_iovs_check(jw_host_call_t *call, uint32_t iovs, uint32_t n,
                                uint8_t **arr) {
    if (n > WASI_MAX_IOVS) return WASI_EINVAL;
    if (!wasi_mem_span(call, iovs, (uint64_t)n * WASI_IOVEC_SIZE, arr)) return WASI_EFAULT;
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
 * stopped. Adds what was written to *total. */
static uint16_t wasi_write_all(const wasi_platform_t *p, uint32_t fd, wasi_iovec_t *iov,
                               uint32_t n, uint64_t *total, bool *short_write) {
    uint64_t left = 0;
    for (uint32_t i = 0; i < n; i++) left += iov[i].len;
    while (left) {
        size_t done = 0;
        while (iov->len == 0) iov++, n--; /* the platform gets no empty head */
        uint16_t err = p->write(p->ud, (int)fd, iov, n, &done);
        if (err) return err;
        if (done == 0 || done > left) {
            *short_write = true;
            return WASI_ESUCCESS;
        }
        *total += done;
        left -= done;
        for (; left && done >= iov->len; iov++, n--) done -= iov->len;
        if (left) {
            iov->base = (const uint8_t *)iov->base + done;
            iov->len -= done;
        }
    }
    return WASI_ESUCCESS;
}

/* fd_write(fd, iovs, iovs_len, nwritten_ptr): gathers like writev, in one
 * platform request per WASI_WRITE_BATCH buffers; an error after some bytes
 * went out reports the bytes, like POSIX. */
uint16_t wasi_fd_write(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args) {
    uint32_t fd = wasi_arg32(args, 0), n = wasi_arg32(args, 2), out = wasi_arg32(args, 3);
    uint8_t *arr, *res;
    if (!wasi_fd_is_open(ctx, fd) || fd == 0) return WASI_EBADF;
    uint16_t err = wasi_iovs_check(call, wasi_arg32(args, 1), n, &arr);
    if (err) return err;
    if (!wasi_mem_span(call, out, 4, &res)) return WASI_EFAULT;
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
            if ((full = queued + sum + len > UINT32_MAX)) break;
            batch[k++] = (wasi_iovec_t){base + wasi_get_u32(iov), len};
            sum += len;
        }
        queued += sum;
        if (sum) err = wasi_write_all(ctx->cfg.platform, fd, batch, k, &total, &short_write);
    }
    if (err && total == 0) return err;
    wasi_put_u32(res, (uint32_t)total);
    return WASI_ESUCCESS;
}

/* fd_read(fd, iovs, iovs_len, nread_ptr): one platform read into the first
 * non-empty buffer. Reading on into the next would block a terminal after
 * a short line; a short read is what POSIX readv allows anyway. */
uint16_t wasi_fd_read(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args) {
    uint32_t fd = wasi_arg32(args, 0), n = wasi_arg32(args, 2), out = wasi_arg32(args, 3);
    const wasi_platform_t *p = ctx->cfg.platform;
    uint8_t *arr, *res;
    if (!wasi_fd_is_open(ctx, fd) || fd != 0) return WASI_EBADF;
    uint16_t err = wasi_iovs_check(call, wasi_arg32(args, 1), n, &arr);
    if (err) return err;
    if (!wasi_mem_span(call, out, 4, &res)) return WASI_EFAULT;
    size_t done = 0;
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *iov = arr + i * WASI_IOVEC_SIZE;
        uint32_t len = wasi_get_u32(iov + 4);
        uint8_t *buf;
        if (len == 0) continue;
        wasi_mem_span(call, wasi_get_u32(iov), len, &buf); /* checked above */
        err = p->read(p->ud, (int)fd, buf, len, &done);
        if (err) return err;
        if (done > len) done = len;
        break;
    }
    wasi_put_u32(res, (uint32_t)done);
    return WASI_ESUCCESS;
}

/* fd_close(fd): the guest loses the fd; the host's stays open. */
uint16_t wasi_fd_close(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args) {
    uint32_t fd = wasi_arg32(args, 0);
    (void)call;
    if (!wasi_fd_is_open(ctx, fd)) return WASI_EBADF;
    ctx->stdio_open[fd] = false;
    return WASI_ESUCCESS;
}

/* fd_seek(fd, offset, whence, newoffset_ptr): stdio is a stream. */
uint16_t wasi_fd_seek(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args) {
    (void)call;
    if (!wasi_fd_is_open(ctx, wasi_arg32(args, 0))) return WASI_EBADF;
    if (wasi_arg32(args, 2) > 2) return WASI_EINVAL;
    return WASI_ESPIPE;
}

/* fd_fdstat_get(fd, fdstat_ptr): a stream with only read or write rights;
 * no seek/tell rights, so wasi-libc's isatty() depends on the file type. */
uint16_t wasi_fd_fdstat_get(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args) {
    uint32_t fd = wasi_arg32(args, 0);
    uint8_t *st;
    if (!wasi_fd_is_open(ctx, fd)) return WASI_EBADF;
    if (!wasi_mem_span(call, wasi_arg32(args, 1), WASI_FDSTAT_SIZE, &st)) return WASI_EFAULT;
    uint64_t rights = (fd == 0 ? WASI_RIGHT_FD_READ : WASI_RIGHT_FD_WRITE) |
                      WASI_RIGHT_POLL_FD_READWRITE;
    wasi_zero(st, WASI_FDSTAT_SIZE);
    st[0] = wasi_fd_filetype(ctx, fd);
    wasi_put_u16(st + 2, 0); /* fdflags */
    wasi_put_u64(st + 8, rights);
    wasi_put_u64(st + 16, 0); /* inheriting */
    return WASI_ESUCCESS;
}

/* fd_filestat_get(fd, filestat_ptr): the type, one link, nothing else known. */
uint16_t wasi_fd_filestat_get(wasi_ctx_t *ctx, jw_host_call_t *call,
                              const jw_value_t *args) {
    uint32_t fd = wasi_arg32(args, 0);
    uint8_t *st;
    if (!wasi_fd_is_open(ctx, fd)) return WASI_EBADF;
    if (!wasi_mem_span(call, wasi_arg32(args, 1), WASI_FILESTAT_SIZE, &st))
        return WASI_EFAULT;
    wasi_zero(st, WASI_FILESTAT_SIZE);
    st[16] = wasi_fd_filetype(ctx, fd);
    wasi_put_u64(st + 24, 1); /* nlink */
    return WASI_ESUCCESS;
}

/* fd_prestat_get(fd, prestat_ptr): no directory is preopened; EBADF is how
 * wasi-libc learns the preopen list (probed from fd 3 up) has ended. */
uint16_t wasi_fd_prestat_get(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args) {
    (void)ctx;
    (void)call;
    (void)args;
    return WASI_EBADF;
}
