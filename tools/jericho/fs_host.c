/* SPDX-License-Identifier: MIT */
/* fs_host.c: WASI's files and directories on Linux: every path resolved beneath its directory fd. */
/*
 * The WASI layer hands down a directory handle (a Linux fd) and a relative
 * path it has checked lexically. Here every lookup goes through openat2()
 * with RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS: the kernel refuses `..`
 * above the directory, absolute symlinks and symlinks leading out (EXDEV,
 * reported as ENOTCAPABLE), and retries internally or fails with EAGAIN when
 * a rename races the lookup (retried here a bounded number of times). Calls
 * that act on a name (mkdir, unlink, rename, link, symlink, readlink, stat
 * without following) first open the parent beneath the directory, then act
 * on the last component relative to that fd, so no step resolves a path
 * the kernel did not check. Kernels without openat2 (before 5.6) get a
 * component-by-component walk with O_NOFOLLOW (fs_walk.c).
 */
#define _GNU_SOURCE /* openat2 flags, getdents64, AT_EMPTY_PATH, O_PATH */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdbool.h>
#include <stdio.h> /* renameat */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "../../user/wasi/wasi.h"
#include "fs_host.h"

/* Times a raced lookup is tried again before the guest gets EAGAIN. */
#define FS_RACE_RETRIES 64
/* Symlinks followed by hand (path_link with follow) before ELOOP. */
#define FS_MAX_SYMLINKS 40

uint16_t fs_errno(int e)
{
    switch (e) {
    case EACCES: return WASI_EACCES;
    case EAGAIN: return WASI_EAGAIN;
    case EBADF: return WASI_EBADF;
    case EBUSY: return WASI_EBUSY;
    case EDQUOT: return WASI_EDQUOT;
    case EEXIST: return WASI_EEXIST;
    case EFAULT: return WASI_EFAULT;
    case EFBIG: return WASI_EFBIG;
    case EILSEQ: return WASI_EILSEQ;
    case EINTR: return WASI_EINTR;
    case EINVAL: return WASI_EINVAL;
    case EISDIR: return WASI_EISDIR;
    case ELOOP: return WASI_ELOOP;
    case EMFILE: return WASI_EMFILE;
    case EMLINK: return WASI_EMLINK;
    case ENAMETOOLONG: return WASI_ENAMETOOLONG;
    case ENFILE: return WASI_ENFILE;
    case ENODEV: return WASI_ENODEV;
    case ENOENT: return WASI_ENOENT;
    case ENOLCK: return WASI_ENOLCK;
    case ENOMEM: return WASI_ENOMEM;
    case ENOSPC: return WASI_ENOSPC;
    case ENOSYS: return WASI_ENOSYS;
    case ENOTDIR: return WASI_ENOTDIR;
    case ENOTEMPTY: return WASI_ENOTEMPTY;
    case ENOTSOCK: return WASI_ENOTSOCK;
    case EOPNOTSUPP: return WASI_ENOTSUP;
    case ENOTTY: return WASI_ENOTTY;
    case ENXIO: return WASI_ENXIO;
    case EOVERFLOW: return WASI_EOVERFLOW;
    case EPERM: return WASI_EPERM;
    case EPIPE: return WASI_EPIPE;
    case ERANGE: return WASI_ERANGE;
    case EROFS: return WASI_EROFS;
    case ESPIPE: return WASI_ESPIPE;
    case ETXTBSY: return WASI_ETXTBSY;
    case EXDEV: return WASI_EXDEV;
    default: return WASI_EIO;
    }
}

static uint16_t fs_fail(void) { return fs_errno(errno); }

/* Opens `path` beneath `dir` with open(2) `flags`; *fd on success. */
static uint16_t fs_open_beneath(int dir, const char *path, int flags, mode_t mode, int *fd)
{
    static int walk = -1; /* JERICHO_FS_WALK=1: the fallback, for its tests */
    if (walk < 0) {
        const char *v = getenv("JERICHO_FS_WALK");
        walk = v && strcmp(v, "1") == 0;
    }
    if (walk)
        return fs_walk_open(dir, path, flags | O_CLOEXEC, mode, fd);
    struct open_how how = {
        .flags = (uint64_t)(flags | O_CLOEXEC),
        .mode = (flags & O_CREAT) ? mode : 0,
        .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
    };
    for (int tries = 0;; tries++) {
        long r = syscall(SYS_openat2, dir, path, &how, sizeof how);
        if (r >= 0) {
            *fd = (int)r;
            return 0;
        }
        if (errno == EAGAIN && tries < FS_RACE_RETRIES)
            continue;
        if (errno == ENOSYS)
            return fs_walk_open(dir, path, flags | O_CLOEXEC, mode, fd);
        /* EXDEV: the lookup would have left `dir` */
        return errno == EXDEV ? WASI_ENOTCAPABLE : fs_fail();
    }
}

/* A path split for a call that acts on its last component: `pfd` is the
 * parent directory opened beneath `dir` (close it), `leaf` the last
 * component without trailing slashes, `slash` whether it had any. A last
 * component `.` or `..` is resolved with the rest (the kernel checks it
 * beneath `dir`) and the leaf becomes ".". */
typedef struct fs_at {
    int pfd;
    char leaf[NAME_MAX + 1];
    bool slash;
} fs_at_t;

static uint16_t fs_at_open(int dir, const char *path, fs_at_t *at)
{
    size_t end = strlen(path), start;
    while (end > 0 && path[end - 1] == '/')
        end--;
    at->slash = path[end] == '/';
    for (start = end; start > 0 && path[start - 1] != '/'; start--) {
    }
    size_t n = end - start;
    if (n == 0)
        return WASI_ENOENT; /* "" or only slashes: the WASI layer refuses both */
    if (n > NAME_MAX)
        return WASI_ENAMETOOLONG;
    bool dots = path[start] == '.' && (n == 1 || (n == 2 && path[start + 1] == '.'));
    char parent[WASI_PATH_MAX + 1];
    if (dots) {
        memcpy(parent, path, end);
        parent[end] = 0;
        strcpy(at->leaf, ".");
    } else {
        memcpy(parent, path, start);
        strcpy(parent + start, start ? "" : ".");
        memcpy(at->leaf, path + start, n);
        at->leaf[n] = 0;
    }
    return fs_open_beneath(dir, parent, O_PATH | O_DIRECTORY, 0, &at->pfd);
}

static uint8_t fs_filetype(mode_t mode)
{
    if (S_ISREG(mode))
        return WASI_FILETYPE_REGULAR_FILE;
    if (S_ISDIR(mode))
        return WASI_FILETYPE_DIRECTORY;
    if (S_ISLNK(mode))
        return WASI_FILETYPE_SYMBOLIC_LINK;
    if (S_ISCHR(mode))
        return WASI_FILETYPE_CHARACTER_DEVICE;
    if (S_ISBLK(mode))
        return WASI_FILETYPE_BLOCK_DEVICE;
    if (S_ISSOCK(mode))
        return WASI_FILETYPE_SOCKET_STREAM;
    return WASI_FILETYPE_UNKNOWN;
}

static uint64_t fs_ns(struct timespec ts)
{
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void fs_stat_out(const struct stat *s, wasi_filestat_t *st)
{
    st->dev = s->st_dev;
    st->ino = s->st_ino;
    st->filetype = fs_filetype(s->st_mode);
    st->nlink = s->st_nlink;
    st->size = (uint64_t)s->st_size;
    st->atim = fs_ns(s->st_atim);
    st->mtim = fs_ns(s->st_mtim);
    st->ctim = fs_ns(s->st_ctim);
}

/* WASI's open flags (oflags) and fd flags, each with open(2)'s. */
static const struct {
    uint32_t wasi;
    bool fd_flag; /* in fdflags, else in oflags */
    int host;
} open_flags[] = {
    { WASI_O_CREAT, false, O_CREAT },           { WASI_O_EXCL, false, O_EXCL },
    { WASI_O_TRUNC, false, O_TRUNC },           { WASI_O_DIRECTORY, false, O_DIRECTORY },
    { WASI_FDFLAG_APPEND, true, O_APPEND },     { WASI_FDFLAG_DSYNC, true, O_DSYNC },
    { WASI_FDFLAG_NONBLOCK, true, O_NONBLOCK }, { WASI_FDFLAG_RSYNC, true, O_RSYNC },
    { WASI_FDFLAG_SYNC, true, O_SYNC },
};

static uint16_t fs_open_at(void *ud, wasi_handle_t dir, const char *path, bool follow,
                           uint32_t oflags, uint32_t fdflags, uint32_t access, wasi_handle_t *out,
                           uint8_t *filetype)
{
    (void)ud;
    int flags = access == (WASI_ACCESS_READ | WASI_ACCESS_WRITE) ? O_RDWR
                : access == WASI_ACCESS_WRITE                    ? O_WRONLY
                                                                 : O_RDONLY;
    for (size_t i = 0; i < sizeof open_flags / sizeof open_flags[0]; i++)
        if ((open_flags[i].fd_flag ? fdflags : oflags) & open_flags[i].wasi)
            flags |= open_flags[i].host;
    if (!follow)
        flags |= O_NOFOLLOW;
    int fd;
    uint16_t err = fs_open_beneath(dir, path, flags, 0666, &fd);
    /* Neither read nor write asked (an fd for stat or *_at): a file the
     * user cannot read still opens, as a path. */
    if (err == WASI_EACCES && access == 0 && !(flags & O_CREAT))
        err = fs_open_beneath(dir, path, O_PATH | (flags & (O_DIRECTORY | O_NOFOLLOW)), 0, &fd);
    if (err)
        return err;
    struct stat s;
    if (fstat(fd, &s) != 0) {
        err = fs_fail();
        close(fd);
        return err;
    }
    *out = fd;
    *filetype = fs_filetype(s.st_mode);
    return 0;
}

static uint16_t fs_close(void *ud, wasi_handle_t h)
{
    (void)ud;
    return close(h) == 0 ? 0 : fs_fail();
}

static uint16_t fs_pread(void *ud, wasi_handle_t h, void *buf, size_t n, uint64_t off, size_t *done)
{
    (void)ud;
    if (n > SSIZE_MAX)
        n = SSIZE_MAX;
    ssize_t r;
    do
        r = pread(h, buf, n, (off_t)off);
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return fs_fail();
    *done = (size_t)r;
    return 0;
}

int fs_iovecs(struct iovec *v, const wasi_iovec_t *iov, uint32_t niov)
{
    size_t total = 0;
    if (niov > WASI_WRITE_BATCH)
        niov = WASI_WRITE_BATCH;
    for (uint32_t i = 0; i < niov; i++) {
        size_t len = iov[i].len;
        if (len > SSIZE_MAX - total)
            len = SSIZE_MAX - total;
        v[i] = (struct iovec){ (void *)(uintptr_t)iov[i].base, len };
        total += len;
    }
    return (int)niov;
}

static uint16_t fs_pwrite(void *ud, wasi_handle_t h, const wasi_iovec_t *iov, uint32_t niov,
                          uint64_t off, size_t *done)
{
    struct iovec v[WASI_WRITE_BATCH];
    int n = fs_iovecs(v, iov, niov);
    (void)ud;
    ssize_t r;
    do
        r = pwritev(h, v, n, (off_t)off);
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return fs_fail();
    *done = (size_t)r;
    return 0;
}

static uint16_t fs_seek(void *ud, wasi_handle_t h, int64_t off, uint8_t whence, uint64_t *newoff)
{
    (void)ud;
    static const int whences[3] = { SEEK_SET, SEEK_CUR, SEEK_END };
    off_t r = lseek(h, (off_t)off, whences[whence % 3]);
    if (r < 0)
        return fs_fail();
    *newoff = (uint64_t)r;
    return 0;
}

static uint16_t fs_sync(void *ud, wasi_handle_t h, bool data_only)
{
    (void)ud;
    return (data_only ? fdatasync(h) : fsync(h)) == 0 ? 0 : fs_fail();
}

static uint16_t fs_advise(void *ud, wasi_handle_t h, uint64_t off, uint64_t len, uint8_t advice)
{
    static const int advices[6] = {
        POSIX_FADV_NORMAL,   POSIX_FADV_SEQUENTIAL, POSIX_FADV_RANDOM,
        POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED,   POSIX_FADV_NOREUSE
    };
    (void)ud;
    int e = posix_fadvise(h, (off_t)off, (off_t)len, advices[advice % 6]);
    return e ? fs_errno(e) : 0;
}

static uint16_t fs_allocate(void *ud, wasi_handle_t h, uint64_t off, uint64_t len)
{
    (void)ud;
    int e = posix_fallocate(h, (off_t)off, (off_t)len);
    return e ? fs_errno(e) : 0;
}

static uint16_t fs_set_flags(void *ud, wasi_handle_t h, uint32_t fdflags)
{
    (void)ud;
    int fl = fcntl(h, F_GETFL);
    if (fl < 0)
        return fs_fail();
    fl &= ~(O_APPEND | O_NONBLOCK);
    if (fdflags & WASI_FDFLAG_APPEND)
        fl |= O_APPEND;
    if (fdflags & WASI_FDFLAG_NONBLOCK)
        fl |= O_NONBLOCK;
    return fcntl(h, F_SETFL, fl) == 0 ? 0 : fs_fail();
}

static uint16_t fs_stat(void *ud, wasi_handle_t h, wasi_filestat_t *st)
{
    struct stat s;
    (void)ud;
    if (fstat(h, &s) != 0)
        return fs_fail();
    fs_stat_out(&s, st);
    return 0;
}

static uint16_t fs_set_size(void *ud, wasi_handle_t h, uint64_t size)
{
    (void)ud;
    return ftruncate(h, (off_t)size) == 0 ? 0 : fs_fail();
}

/* utimensat's pair from WASI times and flags. */
static void fs_times(uint64_t atim, uint64_t mtim, uint32_t fst, struct timespec ts[2])
{
    uint64_t t[2] = { atim, mtim };
    uint32_t set[2] = { WASI_FST_ATIM, WASI_FST_MTIM },
             now[2] = { WASI_FST_ATIM_NOW, WASI_FST_MTIM_NOW };
    for (int i = 0; i < 2; i++) {
        ts[i].tv_sec = (time_t)(t[i] / 1000000000u);
        ts[i].tv_nsec = (long)(t[i] % 1000000000u);
        if (fst & now[i])
            ts[i].tv_nsec = UTIME_NOW;
        else if (!(fst & set[i]))
            ts[i].tv_nsec = UTIME_OMIT;
    }
}

static uint16_t fs_set_times(void *ud, wasi_handle_t h, uint64_t atim, uint64_t mtim, uint32_t fst)
{
    struct timespec ts[2];
    (void)ud;
    fs_times(atim, mtim, fst, ts);
    /* AT_EMPTY_PATH: works on an fd opened as a path, too */
    return utimensat(h, "", ts, AT_EMPTY_PATH) == 0 ? 0 : fs_fail();
}

/* One entry per call: seek the directory fd to the cookie (a getdents
 * d_off, 0 = the start) and read the first entry there. */
static uint16_t fs_readdir(void *ud, wasi_handle_t h, uint64_t cookie, wasi_dirent_t *ent,
                           char *name, size_t cap)
{
    _Alignas(struct dirent64) char buf[sizeof(struct dirent64) + NAME_MAX + 1];
    (void)ud;
    if (cookie > INT64_MAX) {
        ent->at_end = true;
        return 0;
    }
    if (lseek(h, (off_t)cookie, SEEK_SET) < 0)
        return fs_fail();
    ssize_t r = getdents64(h, buf, sizeof buf);
    if (r < 0)
        return fs_fail();
    if (r == 0) {
        ent->at_end = true;
        return 0;
    }
    const struct dirent64 *d = (const struct dirent64 *)buf;
    size_t n = strlen(d->d_name);
    ent->at_end = false;
    ent->next = (uint64_t)d->d_off;
    ent->ino = d->d_ino;
    ent->name_len = (uint32_t)n;
    memcpy(name, d->d_name, n < cap ? n : cap);
    switch (d->d_type) {
    case DT_REG: ent->filetype = WASI_FILETYPE_REGULAR_FILE; break;
    case DT_DIR: ent->filetype = WASI_FILETYPE_DIRECTORY; break;
    case DT_LNK: ent->filetype = WASI_FILETYPE_SYMBOLIC_LINK; break;
    case DT_CHR: ent->filetype = WASI_FILETYPE_CHARACTER_DEVICE; break;
    case DT_BLK: ent->filetype = WASI_FILETYPE_BLOCK_DEVICE; break;
    case DT_SOCK: ent->filetype = WASI_FILETYPE_SOCKET_STREAM; break;
    default: {
        struct stat s;
        ent->filetype = fstatat(h, d->d_name, &s, AT_SYMLINK_NOFOLLOW) == 0 ? fs_filetype(s.st_mode)
                                                                            : WASI_FILETYPE_UNKNOWN;
    }
    }
    return 0;
}

/* stat or utimes through a path: following a symlink (or a trailing slash,
 * which follows too) opens the object beneath `dir` first; else the call
 * acts on the last component without following it. */
static uint16_t fs_stat_at(void *ud, wasi_handle_t dir, const char *path, bool follow,
                           wasi_filestat_t *st)
{
    fs_at_t at;
    struct stat s;
    int fd;
    (void)ud;
    uint16_t err = fs_at_open(dir, path, &at);
    if (err)
        return err;
    if (follow || at.slash) {
        close(at.pfd);
        if ((err = fs_open_beneath(dir, path, O_PATH, 0, &fd)))
            return err;
        err = fstat(fd, &s) == 0 ? 0 : fs_fail();
        close(fd);
    } else {
        err = fstatat(at.pfd, at.leaf, &s, AT_SYMLINK_NOFOLLOW) == 0 ? 0 : fs_fail();
        close(at.pfd);
    }
    if (!err)
        fs_stat_out(&s, st);
    return err;
}

static uint16_t fs_set_times_at(void *ud, wasi_handle_t dir, const char *path, bool follow,
                                uint64_t atim, uint64_t mtim, uint32_t fst)
{
    struct timespec ts[2];
    fs_at_t at;
    int fd;
    (void)ud;
    fs_times(atim, mtim, fst, ts);
    uint16_t err = fs_at_open(dir, path, &at);
    if (err)
        return err;
    if (follow || at.slash) {
        close(at.pfd);
        if ((err = fs_open_beneath(dir, path, O_PATH, 0, &fd)))
            return err;
        err = utimensat(fd, "", ts, AT_EMPTY_PATH) == 0 ? 0 : fs_fail();
        close(fd);
    } else {
        err = utimensat(at.pfd, at.leaf, ts, AT_SYMLINK_NOFOLLOW) == 0 ? 0 : fs_fail();
        close(at.pfd);
    }
    return err;
}

static uint16_t fs_mkdir_at(void *ud, wasi_handle_t dir, const char *path)
{
    fs_at_t at;
    (void)ud;
    uint16_t err = fs_at_open(dir, path, &at);
    if (err)
        return err;
    err = mkdirat(at.pfd, at.leaf, 0777) == 0 ? 0 : fs_fail();
    close(at.pfd);
    return err;
}

static uint16_t fs_rmdir_at(void *ud, wasi_handle_t dir, const char *path)
{
    fs_at_t at;
    (void)ud;
    uint16_t err = fs_at_open(dir, path, &at);
    if (err)
        return err;
    err = unlinkat(at.pfd, at.leaf, AT_REMOVEDIR) == 0 ? 0 : fs_fail();
    close(at.pfd);
    return err;
}

/* The type of at's leaf, not following it; 0 with *is_dir, or an errno. */
static uint16_t fs_leaf_is_dir(const fs_at_t *at, bool *is_dir)
{
    struct stat s;
    if (fstatat(at->pfd, at->leaf, &s, AT_SYMLINK_NOFOLLOW) != 0)
        return fs_fail();
    *is_dir = S_ISDIR(s.st_mode);
    return 0;
}

/* A trailing slash names a directory: "file/" is ENOTDIR, "dir/" EISDIR. */
static uint16_t fs_unlink_at(void *ud, wasi_handle_t dir, const char *path)
{
    fs_at_t at;
    bool is_dir;
    (void)ud;
    uint16_t err = fs_at_open(dir, path, &at);
    if (err)
        return err;
    if (!at.slash)
        err = unlinkat(at.pfd, at.leaf, 0) == 0 ? 0 : fs_fail();
    else if (!(err = fs_leaf_is_dir(&at, &is_dir)))
        err = is_dir ? WASI_EISDIR : WASI_ENOTDIR;
    close(at.pfd);
    return err;
}

/* A trailing slash on either name requires the source to be a directory. */
static uint16_t fs_rename_at(void *ud, wasi_handle_t dir, const char *path, wasi_handle_t dir2,
                             const char *path2)
{
    fs_at_t a, b;
    bool is_dir = true;
    (void)ud;
    uint16_t err = fs_at_open(dir, path, &a);
    if (err)
        return err;
    if ((err = fs_at_open(dir2, path2, &b))) {
        close(a.pfd);
        return err;
    }
    if (a.slash || b.slash)
        err = fs_leaf_is_dir(&a, &is_dir);
    if (!err && !is_dir)
        err = WASI_ENOTDIR;
    if (!err)
        err = renameat(a.pfd, a.leaf, b.pfd, b.leaf) == 0 ? 0 : fs_fail();
    close(a.pfd);
    close(b.pfd);
    return err;
}

/* Where path's symlink points, as a path beneath the same directory: the
 * link's directory part joined with its text; ENOTCAPABLE if absolute. */
static uint16_t fs_follow_once(const fs_at_t *at, const char *path, char *out)
{
    char text[WASI_PATH_MAX + 1];
    ssize_t n = readlinkat(at->pfd, at->leaf, text, sizeof text);
    if (n < 0)
        return fs_fail();
    if ((size_t)n >= sizeof text)
        return WASI_ENAMETOOLONG;
    text[n] = 0;
    if (text[0] == '/')
        return WASI_ENOTCAPABLE;
    size_t dirlen = strlen(path);
    while (dirlen > 0 && path[dirlen - 1] != '/')
        dirlen--;
    if (dirlen + (size_t)n > WASI_PATH_MAX)
        return WASI_ENAMETOOLONG;
    memmove(out, path, dirlen);
    memcpy(out + dirlen, text, (size_t)n + 1);
    return 0;
}

/* Hard links never follow through the kernel (linkat's AT_SYMLINK_FOLLOW
 * would resolve outside the directory): a followed symlink is resolved
 * here, one step at a time, each step beneath `dir` again. A directory
 * source is EPERM, as on Linux. */
static uint16_t fs_link_at(void *ud, wasi_handle_t dir, const char *path, bool follow,
                           wasi_handle_t dir2, const char *path2)
{
    char cur[WASI_PATH_MAX + 1];
    fs_at_t a, b;
    struct stat s;
    (void)ud;
    strcpy(cur, path);
    for (int hops = 0;; hops++) {
        uint16_t err = fs_at_open(dir, cur, &a);
        if (err)
            return err;
        if (fstatat(a.pfd, a.leaf, &s, AT_SYMLINK_NOFOLLOW) != 0)
            err = fs_fail();
        else if (S_ISDIR(s.st_mode))
            err = WASI_EPERM;
        else if (a.slash)
            err = WASI_ENOTDIR;
        else if (follow && S_ISLNK(s.st_mode))
            err = hops >= FS_MAX_SYMLINKS ? WASI_ELOOP : fs_follow_once(&a, cur, cur);
        else
            break;
        close(a.pfd);
        if (err)
            return err;
    }
    uint16_t err = fs_at_open(dir2, path2, &b);
    if (!err) {
        if (b.slash)
            err = WASI_ENOENT; /* a new name cannot end in '/' */
        else
            err = linkat(a.pfd, a.leaf, b.pfd, b.leaf, 0) == 0 ? 0 : fs_fail();
        close(b.pfd);
    }
    close(a.pfd);
    return err;
}

static uint16_t fs_symlink_at(void *ud, const char *target, wasi_handle_t dir, const char *path)
{
    fs_at_t at;
    (void)ud;
    uint16_t err = fs_at_open(dir, path, &at);
    if (err)
        return err;
    /* "name/" cannot become a symlink: EEXIST if it exists, else ENOENT */
    if (at.slash)
        err =
            faccessat(at.pfd, at.leaf, F_OK, AT_SYMLINK_NOFOLLOW) == 0 ? WASI_EEXIST : WASI_ENOENT;
    else
        err = symlinkat(target, at.pfd, at.leaf) == 0 ? 0 : fs_fail();
    close(at.pfd);
    return err;
}

static uint16_t fs_readlink_at(void *ud, wasi_handle_t dir, const char *path, char *buf, size_t n,
                               size_t *done)
{
    fs_at_t at;
    bool is_dir;
    (void)ud;
    uint16_t err = fs_at_open(dir, path, &at);
    if (err)
        return err;
    if (at.slash) {
        err = fs_leaf_is_dir(&at, &is_dir);
        if (!err)
            err = is_dir ? WASI_EINVAL : WASI_ENOTDIR;
    } else {
        char text[WASI_PATH_MAX + 1];
        ssize_t r = readlinkat(at.pfd, at.leaf, text, sizeof text);
        if (r < 0)
            err = fs_fail();
        else {
            *done = (size_t)r < n ? (size_t)r : n;
            memcpy(buf, text, *done);
        }
    }
    close(at.pfd);
    return err;
}

void fs_host_fill(wasi_platform_t *p)
{
    p->open_at = fs_open_at;
    p->close = fs_close;
    p->pread = fs_pread;
    p->pwrite = fs_pwrite;
    p->seek = fs_seek;
    p->sync = fs_sync;
    p->advise = fs_advise;
    p->allocate = fs_allocate;
    p->set_flags = fs_set_flags;
    p->stat = fs_stat;
    p->set_size = fs_set_size;
    p->set_times = fs_set_times;
    p->readdir = fs_readdir;
    p->stat_at = fs_stat_at;
    p->set_times_at = fs_set_times_at;
    p->mkdir_at = fs_mkdir_at;
    p->rmdir_at = fs_rmdir_at;
    p->unlink_at = fs_unlink_at;
    p->rename_at = fs_rename_at;
    p->link_at = fs_link_at;
    p->symlink_at = fs_symlink_at;
    p->readlink_at = fs_readlink_at;
}
