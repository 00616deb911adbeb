/* SPDX-License-Identifier: MIT */
/* files.c: the runner's files: WASI's file operations as requests to file servers (user/fs/fs_proto.h). */
#include "files.h"
#include "../fs/fs_proto.h"
#include "jx.h"

/*
 * A handle the WASI layer holds is 3 + an index into this table (0-2 are
 * stdio); each entry is a server's endpoint, that server's handle, and the
 * position, which is the client's (fs_proto.h): a read or write names its
 * offset, and O_APPEND writes at the server's end of file. Reads and writes
 * longer than one message take several; a read stops early only at the end
 * of the file, as the WASI layer expects of a file.
 */
#define FILES_MAX   WASI_MAX_FDS
#define FILES_FIRST 3

typedef struct file {
    uint32_t ep; /* JX_CAP_NONE: free */
    int32_t sh; /* the server's handle */
    bool append;
    uint64_t pos;
} file_t;

static struct {
    file_t f[FILES_MAX];
    wasi_preopen_t preopens[RUNNER_JOB_MAX_CAPS];
    uint16_t (*console_write)(void *, int, const wasi_iovec_t *, uint32_t, size_t *);
    uint16_t (*console_read)(void *, int, void *, size_t, size_t *);
} fl;

static file_t *file_of(wasi_handle_t h)
{
    if (h < FILES_FIRST || h >= FILES_FIRST + (int)FILES_MAX ||
        fl.f[h - FILES_FIRST].ep == JX_CAP_NONE)
        return 0;
    return &fl.f[h - FILES_FIRST];
}

/* A free entry for server handle sh on ep; its WASI handle, or -1. */
static wasi_handle_t file_new(uint32_t ep, int32_t sh, bool append)
{
    for (uint32_t i = 0; i < FILES_MAX; i++)
        if (fl.f[i].ep == JX_CAP_NONE) {
            fl.f[i] = (file_t){ ep, sh, append, 0 };
            return (wasi_handle_t)(FILES_FIRST + i);
        }
    return -1;
}

/*
 * One request: q and the bytes a[0, alen) then b[0, blen) to endpoint ep
 * with label op; the reply in *r and up to `cap` of its bytes at out (their
 * count in r->n, cut to what arrived). The reply's errno, or WASI_EIO when
 * the server cannot be reached (it ended).
 */
static uint16_t fs_call(uint32_t ep, uint32_t op, const struct fs_request *q, const void *a,
                        size_t alen, const void *b, size_t blen, struct fs_reply *r, void *out,
                        size_t cap)
{
    struct jx_ipc_buffer *buf = jx_ipc_buffer();
    if (alen + blen > FS_DATA_MAX)
        return WASI_ENAMETOOLONG;
    memcpy(buf->data, q, sizeof *q);
    memcpy(buf->data + FS_HEADER_MAX, a, alen);
    memcpy(buf->data + FS_HEADER_MAX + alen, b, blen);
    struct jx_msg m = { .info = JX_MSG_INFO(op, FS_HEADER_MAX + alen + blen, 0) };
    if (jx_call(ep, &m) != JX_OK || JX_MSG_LEN(m.info) < sizeof *r)
        return WASI_EIO;
    memcpy(r, buf->data, sizeof *r);
    size_t got = JX_MSG_LEN(m.info) > FS_HEADER_MAX ? JX_MSG_LEN(m.info) - FS_HEADER_MAX : 0;
    if (r->n > got || r->n > cap)
        r->n = got < cap ? got : cap;
    if (out && !r->err && (op == FS_OP_PREAD || op == FS_OP_READDIR || op == FS_OP_READLINK))
        memcpy(out, buf->data + FS_HEADER_MAX, (size_t)r->n);
    return r->err;
}

/* A request on one handle, no bytes. */
static uint16_t on_handle(wasi_handle_t h, uint32_t op, struct fs_request *q, struct fs_reply *r)
{
    file_t *f = file_of(h);
    if (!f)
        return WASI_EBADF;
    q->dir = f->sh;
    return fs_call(f->ep, op, q, 0, 0, 0, 0, r, 0, 0);
}

/* A request on a path beneath directory handle `dir` (and path2 beneath dir2). */
static uint16_t on_path(uint32_t op, wasi_handle_t dir, const char *path, wasi_handle_t dir2,
                        const char *path2, struct fs_request *q, struct fs_reply *r, void *out,
                        size_t cap)
{
    file_t *d = file_of(dir), *d2 = path2 ? file_of(dir2) : d;
    if (!d || !d2)
        return WASI_EBADF;
    if (d2->ep != d->ep)
        return WASI_EXDEV; /* two servers: nothing moves between them */
    size_t alen = strlen(path), blen = path2 ? strlen(path2) : 0;
    q->dir = d->sh;
    q->dir2 = d2->sh;
    q->path_len = (uint16_t)(alen < FS_DATA_MAX ? alen : FS_DATA_MAX);
    q->path2_len = (uint16_t)(blen < FS_DATA_MAX ? blen : FS_DATA_MAX);
    return fs_call(d->ep, op, q, path, alen, path2, blen, r, out, cap);
}

/* ---- opening ---- */

static uint16_t f_open_at(void *ud, wasi_handle_t dir, const char *path, bool follow,
                          uint32_t oflags, uint32_t fdflags, uint32_t access, wasi_handle_t *out,
                          uint8_t *filetype)
{
    struct fs_request q = {
        .flags = follow ? FS_FOLLOW : 0, .oflags = oflags, .fdflags = fdflags, .access = access
    };
    struct fs_reply r;
    (void)ud;
    uint16_t err = on_path(FS_OP_OPEN, dir, path, 0, 0, &q, &r, 0, 0);
    if (err)
        return err;
    uint32_t ep = file_of(dir)->ep;
    *out = file_new(ep, r.handle, fdflags & WASI_FDFLAG_APPEND);
    *filetype = r.filetype;
    if (*out >= 0)
        return 0;
    q = (struct fs_request){ .dir = r.handle };
    fs_call(ep, FS_OP_CLOSE, &q, 0, 0, 0, 0, &r, 0, 0);
    return WASI_EMFILE;
}

static uint16_t f_close(void *ud, wasi_handle_t h)
{
    struct fs_request q = { 0 };
    struct fs_reply r;
    (void)ud;
    uint16_t err = on_handle(h, FS_OP_CLOSE, &q, &r);
    if (file_of(h))
        file_of(h)->ep = JX_CAP_NONE; /* gone on our side whatever the server said */
    return err;
}

/* ---- bytes ---- */

static uint16_t f_pread(void *ud, wasi_handle_t h, void *buf, size_t n, uint64_t off, size_t *done)
{
    file_t *f = file_of(h);
    (void)ud;
    if (!f)
        return WASI_EBADF;
    for (*done = 0; *done < n;) {
        size_t want = n - *done < FS_DATA_MAX ? n - *done : FS_DATA_MAX;
        struct fs_request q = { .dir = f->sh, .off = off + *done, .len = want };
        struct fs_reply r;
        uint16_t err = fs_call(f->ep, FS_OP_PREAD, &q, 0, 0, 0, 0, &r, (char *)buf + *done, want);
        if (err)
            return *done ? 0 : err;
        *done += (size_t)r.n;
        if (r.n < want)
            break; /* the end of the file */
    }
    return 0;
}

/* Writes the buffers at off (FS_APPEND: at the end), a message's worth at a
 * time; *done, and in *end where the last one ended. */
static uint16_t write_at(file_t *f, const wasi_iovec_t *iov, uint32_t niov, uint64_t off,
                         size_t *done, uint64_t *end)
{
    static char chunk[FS_DATA_MAX];
    uint32_t i = 0;
    size_t in_iov = 0;
    for (*done = 0; i < niov;) {
        size_t len = 0;
        for (; i < niov && len < FS_DATA_MAX; in_iov = 0, i++) {
            size_t k =
                iov[i].len - in_iov < FS_DATA_MAX - len ? iov[i].len - in_iov : FS_DATA_MAX - len;
            memcpy(chunk + len, (const char *)iov[i].base + in_iov, k);
            len += k;
            if ((in_iov += k) < iov[i].len)
                break; /* the rest of this buffer goes in the next message */
        }
        if (len == 0)
            break;
        struct fs_request q = { .dir = f->sh, .off = off == FS_APPEND ? FS_APPEND : off + *done };
        struct fs_reply r;
        uint16_t err = fs_call(f->ep, FS_OP_PWRITE, &q, chunk, len, 0, 0, &r, 0, 0);
        if (err)
            return *done ? 0 : err;
        *done += len;
        *end = r.off;
    }
    return 0;
}

static uint16_t f_pwrite(void *ud, wasi_handle_t h, const wasi_iovec_t *iov, uint32_t niov,
                         uint64_t off, size_t *done)
{
    file_t *f = file_of(h);
    uint64_t end;
    (void)ud;
    return f ? write_at(f, iov, niov, off, done, &end) : WASI_EBADF;
}

/* fd_write and fd_read: stdio goes to the console, a file at its position. */
static uint16_t f_write(void *ud, int fd, const wasi_iovec_t *iov, uint32_t niov, size_t *done)
{
    file_t *f = file_of(fd);
    if (fd < FILES_FIRST)
        return fl.console_write(ud, fd, iov, niov, done);
    if (!f)
        return WASI_EBADF;
    uint64_t end = f->pos;
    uint16_t err = write_at(f, iov, niov, f->append ? FS_APPEND : f->pos, done, &end);
    if (*done)
        f->pos = end;
    return err;
}

static uint16_t f_read(void *ud, int fd, void *buf, size_t n, size_t *done)
{
    file_t *f = file_of(fd);
    if (fd < FILES_FIRST)
        return fl.console_read(ud, fd, buf, n, done);
    if (!f)
        return WASI_EBADF;
    uint16_t err = f_pread(ud, fd, buf, n, f->pos, done);
    f->pos += *done;
    return err;
}

static uint16_t f_stat(void *ud, wasi_handle_t h, wasi_filestat_t *st)
{
    struct fs_request q = { 0 };
    struct fs_reply r;
    (void)ud;
    uint16_t err = on_handle(h, FS_OP_STAT, &q, &r);
    if (!err)
        *st = r.st;
    return err;
}

static uint16_t f_seek(void *ud, wasi_handle_t h, int64_t off, uint8_t whence, uint64_t *newoff)
{
    file_t *f = file_of(h);
    wasi_filestat_t st = { 0 };
    if (!f)
        return WASI_EBADF;
    uint16_t err = whence == 2 ? f_stat(ud, h, &st) : 0;
    if (err)
        return err;
    uint64_t base = whence == 0 ? 0 : whence == 1 ? f->pos : st.size;
    if ((off < 0 && (uint64_t)-off > base) || (off > 0 && base + (uint64_t)off > INT64_MAX))
        return WASI_EINVAL;
    f->pos = base + (uint64_t)off;
    *newoff = f->pos;
    return 0;
}

/* Memory has nothing to flush; a handle that is not ours is still EBADF. */
static uint16_t f_sync(void *ud, wasi_handle_t h, bool data_only)
{
    (void)ud, (void)data_only;
    return file_of(h) ? 0 : WASI_EBADF;
}

static uint16_t f_advise(void *ud, wasi_handle_t h, uint64_t off, uint64_t len, uint8_t advice)
{
    (void)ud, (void)off, (void)len, (void)advice;
    return file_of(h) ? 0 : WASI_EBADF;
}

static uint16_t f_set_size(void *ud, wasi_handle_t h, uint64_t size)
{
    struct fs_request q = { .off = size };
    struct fs_reply r;
    (void)ud;
    return on_handle(h, FS_OP_SET_SIZE, &q, &r);
}

/* posix_fallocate: the file grows to off + len if shorter. */
static uint16_t f_allocate(void *ud, wasi_handle_t h, uint64_t off, uint64_t len)
{
    wasi_filestat_t st;
    uint16_t err = f_stat(ud, h, &st);
    if (err || off + len <= st.size)
        return err;
    return off + len < off ? WASI_EFBIG : f_set_size(ud, h, off + len);
}

static uint16_t f_set_flags(void *ud, wasi_handle_t h, uint32_t fdflags)
{
    file_t *f = file_of(h);
    (void)ud;
    if (!f)
        return WASI_EBADF;
    f->append = fdflags & WASI_FDFLAG_APPEND;
    return 0;
}

static uint16_t f_set_times(void *ud, wasi_handle_t h, uint64_t atim, uint64_t mtim, uint32_t fst)
{
    struct fs_request q = { .atim = atim, .mtim = mtim, .fst = fst };
    struct fs_reply r;
    (void)ud;
    return on_handle(h, FS_OP_SET_TIMES, &q, &r);
}

static uint16_t f_readdir(void *ud, wasi_handle_t h, uint64_t cookie, wasi_dirent_t *ent,
                          char *name, size_t cap)
{
    file_t *f = file_of(h);
    struct fs_request q = { .off = cookie };
    struct fs_reply r;
    (void)ud;
    if (!f)
        return WASI_EBADF;
    q.dir = f->sh;
    uint16_t err = fs_call(f->ep, FS_OP_READDIR, &q, 0, 0, 0, 0, &r, name, cap);
    if (!err)
        *ent = r.ent;
    return err;
}

/* ---- names ---- */

static uint16_t f_stat_at(void *ud, wasi_handle_t dir, const char *path, bool follow,
                          wasi_filestat_t *st)
{
    struct fs_request q = { .flags = follow ? FS_FOLLOW : 0 };
    struct fs_reply r;
    (void)ud;
    uint16_t err = on_path(FS_OP_STAT_AT, dir, path, 0, 0, &q, &r, 0, 0);
    if (!err)
        *st = r.st;
    return err;
}

static uint16_t f_set_times_at(void *ud, wasi_handle_t dir, const char *path, bool follow,
                               uint64_t atim, uint64_t mtim, uint32_t fst)
{
    struct fs_request q = {
        .flags = follow ? FS_FOLLOW : 0, .atim = atim, .mtim = mtim, .fst = fst
    };
    struct fs_reply r;
    (void)ud;
    return on_path(FS_OP_SET_TIMES_AT, dir, path, 0, 0, &q, &r, 0, 0);
}

/* An operation on one path and nothing else (mkdir, rmdir, unlink). */
static uint16_t path_op(uint32_t op, wasi_handle_t dir, const char *path)
{
    struct fs_request q = { 0 };
    struct fs_reply r;
    return on_path(op, dir, path, 0, 0, &q, &r, 0, 0);
}

static uint16_t f_mkdir_at(void *ud, wasi_handle_t dir, const char *path)
{
    (void)ud;
    return path_op(FS_OP_MKDIR, dir, path);
}

static uint16_t f_rmdir_at(void *ud, wasi_handle_t dir, const char *path)
{
    (void)ud;
    return path_op(FS_OP_RMDIR, dir, path);
}

static uint16_t f_unlink_at(void *ud, wasi_handle_t dir, const char *path)
{
    (void)ud;
    return path_op(FS_OP_UNLINK, dir, path);
}

static uint16_t f_rename_at(void *ud, wasi_handle_t dir, const char *path, wasi_handle_t dir2,
                            const char *path2)
{
    struct fs_request q = { 0 };
    struct fs_reply r;
    (void)ud;
    return on_path(FS_OP_RENAME, dir, path, dir2, path2, &q, &r, 0, 0);
}

static uint16_t f_link_at(void *ud, wasi_handle_t dir, const char *path, bool follow,
                          wasi_handle_t dir2, const char *path2)
{
    struct fs_request q = { .flags = follow ? FS_FOLLOW : 0 };
    struct fs_reply r;
    (void)ud;
    return on_path(FS_OP_LINK, dir, path, dir2, path2, &q, &r, 0, 0);
}

static uint16_t f_symlink_at(void *ud, const char *target, wasi_handle_t dir, const char *path)
{
    struct fs_request q = { 0 };
    struct fs_reply r;
    (void)ud;
    return on_path(FS_OP_SYMLINK, dir, target, dir, path, &q, &r, 0, 0);
}

static uint16_t f_readlink_at(void *ud, wasi_handle_t dir, const char *path, char *buf, size_t n,
                              size_t *done)
{
    struct fs_request q = { .len = n };
    struct fs_reply r;
    (void)ud;
    uint16_t err = on_path(FS_OP_READLINK, dir, path, 0, 0, &q, &r, buf, n);
    *done = err ? 0 : (size_t)r.n;
    return err;
}

/* ---- preopens ---- */

/* Opens the root of the server on ep as a preopen called guest. */
static uint16_t preopen(uint32_t ep, const char *guest, bool readonly, wasi_preopen_t *out)
{
    struct fs_request q = {
        .dir = FS_ROOT, .oflags = WASI_O_DIRECTORY, .access = WASI_ACCESS_READ, .path_len = 1
    };
    struct fs_reply r;
    uint16_t err = fs_call(ep, FS_OP_OPEN, &q, ".", 1, 0, 0, &r, 0, 0);
    if (err)
        return err;
    wasi_handle_t h = file_new(ep, r.handle, false);
    *out = (wasi_preopen_t){ guest, h, readonly };
    return h < 0 ? WASI_EMFILE : 0;
}

/* "dir:MODE:NAME:GUEST" -> GUEST and whether MODE is ro; false if not such a name. */
static bool dir_name(const char *name, const char **guest, bool *readonly)
{
    if (memcmp(name, "dir:", 4) != 0 || strlen(name) < 8)
        return false;
    *readonly = memcmp(name + 4, "ro:", 3) == 0;
    const char *p = name + 7;
    while (*p && *p != ':')
        p++;
    *guest = *p ? p + 1 : p;
    return *p != 0;
}

uint16_t files_init(wasi_platform_t *p, const runner_caps_t *caps, wasi_config_t *wc,
                    const char **failed)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < FILES_MAX; i++)
        fl.f[i].ep = JX_CAP_NONE;
    /* First every server forgets what an earlier run of this module (a
     * restart: the same badge) left open; then the preopens are opened,
     * two of them perhaps on one server. */
    for (uint32_t i = 0; i < caps->ncaps; i++) {
        const char *guest;
        bool ro;
        struct fs_request q = { 0 };
        struct fs_reply r;
        if (dir_name(caps->names[i], &guest, &ro))
            fs_call(caps->slots[i], FS_OP_RESET, &q, 0, 0, 0, 0, &r, 0, 0);
    }
    for (uint32_t i = 0; i < caps->ncaps; i++) {
        const char *guest;
        bool ro;
        if (!dir_name(caps->names[i], &guest, &ro))
            continue;
        uint16_t err = preopen(caps->slots[i], guest, ro, &fl.preopens[n]);
        if (err) {
            *failed = guest;
            return err;
        }
        n++;
    }
    wc->preopens = fl.preopens;
    wc->npreopens = n;
    fl.console_write = p->write;
    fl.console_read = p->read;
    p->write = f_write;
    p->read = f_read;
    p->open_at = f_open_at;
    p->close = f_close;
    p->pread = f_pread;
    p->pwrite = f_pwrite;
    p->seek = f_seek;
    p->sync = f_sync;
    p->advise = f_advise;
    p->allocate = f_allocate;
    p->set_flags = f_set_flags;
    p->stat = f_stat;
    p->set_size = f_set_size;
    p->set_times = f_set_times;
    p->readdir = f_readdir;
    p->stat_at = f_stat_at;
    p->set_times_at = f_set_times_at;
    p->mkdir_at = f_mkdir_at;
    p->rmdir_at = f_rmdir_at;
    p->unlink_at = f_unlink_at;
    p->rename_at = f_rename_at;
    p->link_at = f_link_at;
    p->symlink_at = f_symlink_at;
    p->readlink_at = f_readlink_at;
    return 0;
}
