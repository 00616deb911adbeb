/* SPDX-License-Identifier: MIT */
/* files.c: WASI test: every file and directory call on a preopen (fd 3, read-write) and a read-only one (fd 4), with its errnos and escape attempts. */
/*
 * Run by tests/suites/wasi.sh as: jericho run --host --dir ROOT::/sandbox
 * --dir-ro RO::/ro files.wasm. ROOT holds data.txt ("hello world\n"),
 * dir/inner.txt, and symlinks link_out -> ../outside, abs_link -> an
 * absolute path outside, link_self -> ., dir_link -> dir; RO holds r.txt
 * ("read only\n"). Each check prints "ok NAME" or "FAIL NAME: got X, want
 * Y"; the suite also checks that nothing outside ROOT changed.
 */
/* Clean-up calls (close, unlink) whose result is not what a check tests. */
#pragma clang diagnostic ignored "-Wunused-result"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

#define ROOT 3
#define RO   4
#define ALL  ((__wasi_rights_t)0x0fffffff) /* every right but the sockets' */
#define RW                                                                                         \
    (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK |                      \
     __WASI_RIGHTS_FD_TELL | __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE |  \
     __WASI_RIGHTS_FD_FILESTAT_SET_TIMES | __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_FD_ADVISE |   \
     __WASI_RIGHTS_FD_SYNC | __WASI_RIGHTS_FD_DATASYNC | __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS |       \
     __WASI_RIGHTS_POLL_FD_READWRITE)

static int failures;

static void check(const char *name, long long got, long long want)
{
    if (got == want)
        printf("ok %s\n", name);
    else {
        printf("FAIL %s: got %lld, want %lld\n", name, got, want);
        failures++;
    }
}

static void check_str(const char *name, const char *got, const char *want)
{
    if (strcmp(got, want) == 0)
        printf("ok %s\n", name);
    else {
        printf("FAIL %s: got \"%s\", want \"%s\"\n", name, got, want);
        failures++;
    }
}

/* path_open beneath `dir` with the given flags and rights; errno, *fd. */
static int op(__wasi_fd_t dir, const char *path, int follow, __wasi_oflags_t of,
              __wasi_rights_t rights, __wasi_fdflags_t ff, __wasi_fd_t *fd)
{
    __wasi_fd_t tmp;
    return __wasi_path_open(dir, follow ? __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW : 0, path, of, rights,
                            ALL, ff, fd ? fd : &tmp);
}

static int wr(__wasi_fd_t fd, const char *s, __wasi_size_t *n)
{
    __wasi_ciovec_t iov = { (const uint8_t *)s, strlen(s) };
    return __wasi_fd_write(fd, &iov, 1, n);
}

static int rd(__wasi_fd_t fd, char *buf, size_t cap, __wasi_size_t *n)
{
    __wasi_iovec_t iov = { (uint8_t *)buf, cap - 1 };
    int e = __wasi_fd_read(fd, &iov, 1, n);
    buf[e ? 0 : *n] = 0;
    return e;
}

static uint64_t size_of(__wasi_fd_t dir, const char *path)
{
    __wasi_filestat_t st;
    if (__wasi_path_filestat_get(dir, 0, path, &st))
        return (uint64_t)-1;
    return st.size;
}

static void test_read_write_seek(void)
{
    __wasi_fd_t fd;
    __wasi_size_t n;
    __wasi_filesize_t pos;
    char buf[64];
    check("create with O_CREAT|O_EXCL",
          op(ROOT, "new.txt", 0, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, RW, 0, &fd), 0);
    check("O_EXCL on an existing file: EEXIST",
          op(ROOT, "new.txt", 0, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, RW, 0, NULL),
          __WASI_ERRNO_EXIST);
    check("fd_write", wr(fd, "abcdef", &n) || n != 6, 0);
    check("fd_tell after write", __wasi_fd_tell(fd, &pos) || pos != 6, 0);
    check("fd_seek -2 from current", __wasi_fd_seek(fd, -2, __WASI_WHENCE_CUR, &pos) || pos != 4,
          0);
    check("fd_read at the position", rd(fd, buf, sizeof buf, &n), 0);
    check_str("fd_read reads the tail", buf, "ef");
    __wasi_ciovec_t xy = { (const uint8_t *)"XY", 2 };
    check("fd_pwrite at 0", __wasi_fd_pwrite(fd, &xy, 1, 0, &n) || n != 2, 0);
    check("fd_pwrite leaves the position", __wasi_fd_tell(fd, &pos) || pos != 6, 0);
    __wasi_iovec_t two[2] = { { (uint8_t *)buf, 3 }, { (uint8_t *)buf + 3, 10 } };
    check("fd_pread into two buffers", __wasi_fd_pread(fd, two, 2, 0, &n) || n != 6, 0);
    buf[6] = 0;
    check_str("fd_pread sees the pwrite", buf, "XYcdef");
    check("fd_seek to the end", __wasi_fd_seek(fd, 0, __WASI_WHENCE_END, &pos) || pos != 6, 0);
    check("fd_seek with a bad whence: EINVAL", __wasi_fd_seek(fd, 0, 7, &pos), __WASI_ERRNO_INVAL);
    check("fd_seek before 0: EINVAL", __wasi_fd_seek(fd, -100, __WASI_WHENCE_SET, &pos),
          __WASI_ERRNO_INVAL);
    check("fd_filestat_set_size 3", __wasi_fd_filestat_set_size(fd, 3), 0);
    check("size is 3", (long long)size_of(ROOT, "new.txt"), 3);
    check("fd_allocate 0..100", __wasi_fd_allocate(fd, 0, 100), 0);
    check("size is 100", (long long)size_of(ROOT, "new.txt"), 100);
    check("fd_advise sequential", __wasi_fd_advise(fd, 0, 100, __WASI_ADVICE_SEQUENTIAL), 0);
    check("fd_advise with a bad advice: EINVAL", __wasi_fd_advise(fd, 0, 100, 9),
          __WASI_ERRNO_INVAL);
    check("fd_sync", __wasi_fd_sync(fd), 0);
    check("fd_datasync", __wasi_fd_datasync(fd), 0);
    check("fd_close", __wasi_fd_close(fd), 0);
    check("fd_close again: EBADF", __wasi_fd_close(fd), __WASI_ERRNO_BADF);
    check("O_TRUNC", op(ROOT, "new.txt", 0, __WASI_OFLAGS_TRUNC, RW, 0, &fd), 0);
    check("size is 0 after O_TRUNC", (long long)size_of(ROOT, "new.txt"), 0);
    wr(fd, "12345", &n);
    __wasi_fd_close(fd);
    __wasi_fdstat_t fs;
    check("open with append", op(ROOT, "new.txt", 0, 0, RW, __WASI_FDFLAGS_APPEND, &fd), 0);
    __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos);
    wr(fd, "zz", &n);
    check("append writes at the end", (long long)size_of(ROOT, "new.txt"), 7);
    check("fdstat shows append",
          __wasi_fd_fdstat_get(fd, &fs) || fs.fs_flags != __WASI_FDFLAGS_APPEND, 0);
    check("fd_fdstat_set_flags clears append", __wasi_fd_fdstat_set_flags(fd, 0), 0);
    __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos);
    wr(fd, "Q", &n);
    check("without append writes at the position", (long long)size_of(ROOT, "new.txt"), 7);
    check("fd_fdstat_set_flags cannot add sync: ENOTSUP",
          __wasi_fd_fdstat_set_flags(fd, __WASI_FDFLAGS_SYNC), __WASI_ERRNO_NOTSUP);
    __wasi_fd_close(fd);
    __wasi_fdflags_t sync =
        __WASI_FDFLAGS_DSYNC | __WASI_FDFLAGS_RSYNC | __WASI_FDFLAGS_SYNC | __WASI_FDFLAGS_NONBLOCK;
    check("open with dsync, rsync, sync, nonblock", op(ROOT, "new.txt", 0, 0, RW, sync, &fd), 0);
    check("fdstat shows them", __wasi_fd_fdstat_get(fd, &fs) || fs.fs_flags != sync, 0);
    check("a synchronous write", wr(fd, "s", &n), 0);
    __wasi_fd_close(fd);
    check("fd_read on a closed fd: EBADF", rd(fd, buf, sizeof buf, &n), __WASI_ERRNO_BADF);
}

static void test_rights(void)
{
    __wasi_fd_t fd;
    __wasi_size_t n;
    __wasi_filesize_t pos;
    char buf[64];
    check("open read-only", op(ROOT, "data.txt", 0, 0, __WASI_RIGHTS_FD_READ, 0, &fd), 0);
    check("write on a read-only fd: EBADF", wr(fd, "x", &n), __WASI_ERRNO_BADF);
    check("seek without the right: ENOTCAPABLE", __wasi_fd_seek(fd, 1, __WASI_WHENCE_SET, &pos),
          __WASI_ERRNO_NOTCAPABLE);
    check("set_size without the right: ENOTCAPABLE", __wasi_fd_filestat_set_size(fd, 0),
          __WASI_ERRNO_NOTCAPABLE);
    check("rights cannot grow: ENOTCAPABLE", __wasi_fd_fdstat_set_rights(fd, RW, 0),
          __WASI_ERRNO_NOTCAPABLE);
    check("rights can shrink", __wasi_fd_fdstat_set_rights(fd, 0, 0), 0);
    check("read after dropping the right: EBADF", rd(fd, buf, sizeof buf, &n), __WASI_ERRNO_BADF);
    __wasi_fd_close(fd);
    check("data.txt unchanged", (long long)size_of(ROOT, "data.txt"), 12);
    check("path_open on stdin (not a directory): ENOTDIR", op(0, "x", 0, 0, 0, 0, NULL),
          __WASI_ERRNO_NOTDIR);
    /* the read-only preopen */
    check("read-only dir: open for reading", op(RO, "r.txt", 0, 0, __WASI_RIGHTS_FD_READ, 0, &fd),
          0);
    check("read-only dir: the file reads", rd(fd, buf, sizeof buf, &n), 0);
    check_str("read-only dir: contents", buf, "read only\n");
    __wasi_fd_close(fd);
    check("read-only dir: write rights: ENOTCAPABLE",
          op(RO, "r.txt", 0, 0, __WASI_RIGHTS_FD_WRITE, 0, NULL), __WASI_ERRNO_NOTCAPABLE);
    check("read-only dir: O_CREAT: ENOTCAPABLE",
          op(RO, "n.txt", 0, __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_READ, 0, NULL),
          __WASI_ERRNO_NOTCAPABLE);
    check("read-only dir: O_TRUNC: ENOTCAPABLE",
          op(RO, "r.txt", 0, __WASI_OFLAGS_TRUNC, __WASI_RIGHTS_FD_READ, 0, NULL),
          __WASI_ERRNO_NOTCAPABLE);
    check("read-only dir: mkdir: ENOTCAPABLE", __wasi_path_create_directory(RO, "d"),
          __WASI_ERRNO_NOTCAPABLE);
    check("read-only dir: unlink: ENOTCAPABLE", __wasi_path_unlink_file(RO, "r.txt"),
          __WASI_ERRNO_NOTCAPABLE);
    check("read-only dir: rename: ENOTCAPABLE", __wasi_path_rename(RO, "r.txt", RO, "s.txt"),
          __WASI_ERRNO_NOTCAPABLE);
    check("read-only dir: rename out of it: ENOTCAPABLE",
          __wasi_path_rename(RO, "r.txt", ROOT, "s.txt"), __WASI_ERRNO_NOTCAPABLE);
    check("read-only dir: symlink: ENOTCAPABLE", __wasi_path_symlink("r.txt", RO, "l"),
          __WASI_ERRNO_NOTCAPABLE);
    check("read-only dir: set times: ENOTCAPABLE",
          __wasi_path_filestat_set_times(RO, 0, "r.txt", 0, 0, __WASI_FSTFLAGS_MTIM_NOW),
          __WASI_ERRNO_NOTCAPABLE);
    __wasi_filestat_t st;
    check("read-only dir: stat works",
          __wasi_path_filestat_get(RO, 0, "r.txt", &st) || st.size != 10, 0);
}

static void test_errors(void)
{
    __wasi_fd_t fd;
    __wasi_size_t n;
    char buf[8];
    check("open a missing file: ENOENT", op(ROOT, "missing", 0, 0, RW, 0, NULL),
          __WASI_ERRNO_NOENT);
    check("open a missing dir's file: ENOENT", op(ROOT, "nodir/x", 0, 0, RW, 0, NULL),
          __WASI_ERRNO_NOENT);
    check("O_DIRECTORY on a file: ENOTDIR",
          op(ROOT, "data.txt", 0, __WASI_OFLAGS_DIRECTORY, 0, 0, NULL), __WASI_ERRNO_NOTDIR);
    check("a file as a directory: ENOTDIR", op(ROOT, "data.txt/x", 0, 0, 0, 0, NULL),
          __WASI_ERRNO_NOTDIR);
    check("a directory for writing: EISDIR", op(ROOT, "dir", 0, 0, __WASI_RIGHTS_FD_WRITE, 0, NULL),
          __WASI_ERRNO_ISDIR);
    check("open a directory", op(ROOT, "dir", 0, __WASI_OFLAGS_DIRECTORY, ALL, 0, &fd), 0);
    check("fd_read on a directory: EISDIR", rd(fd, buf, sizeof buf, &n), __WASI_ERRNO_ISDIR);
    check("path_open beneath an opened directory",
          op(fd, "inner.txt", 0, 0, __WASI_RIGHTS_FD_READ, 0, NULL), 0);
    check("mkdir over a file: EEXIST", __wasi_path_create_directory(ROOT, "data.txt"),
          __WASI_ERRNO_EXIST);
    check("path_* on a closed fd: EBADF", __wasi_path_create_directory(77, "x"), __WASI_ERRNO_BADF);
    check("empty path: ENOENT", op(ROOT, "", 0, 0, 0, 0, NULL), __WASI_ERRNO_NOENT);
    check("bad oflags: EINVAL", op(ROOT, "data.txt", 0, 0x30, 0, 0, NULL), __WASI_ERRNO_INVAL);
    check("sock_shutdown on a file: ENOTSOCK", __wasi_sock_shutdown(fd, __WASI_SDFLAGS_RD),
          __WASI_ERRNO_NOTSOCK);
    check("sock_recv on a directory: ENOTSOCK",
          __wasi_sock_recv(fd, NULL, 0, 0, &n, (__wasi_roflags_t *)buf), __WASI_ERRNO_NOTSOCK);
    check("sock_send on a closed fd: EBADF", __wasi_sock_send(99, NULL, 0, 0, &n),
          __WASI_ERRNO_BADF);
    __wasi_fd_close(fd);
}

static void test_directories(void)
{
    check("mkdir", __wasi_path_create_directory(ROOT, "d1"), 0);
    check("mkdir again: EEXIST", __wasi_path_create_directory(ROOT, "d1"), __WASI_ERRNO_EXIST);
    check("mkdir nested with a trailing slash", __wasi_path_create_directory(ROOT, "d1/sub/"), 0);
    check("rmdir a non-empty dir: ENOTEMPTY", __wasi_path_remove_directory(ROOT, "d1"),
          __WASI_ERRNO_NOTEMPTY);
    check("rmdir with a trailing slash", __wasi_path_remove_directory(ROOT, "d1/sub/"), 0);
    check("rmdir", __wasi_path_remove_directory(ROOT, "d1"), 0);
    check("rmdir a missing dir: ENOENT", __wasi_path_remove_directory(ROOT, "d1"),
          __WASI_ERRNO_NOENT);
    check("rmdir a file: ENOTDIR", __wasi_path_remove_directory(ROOT, "data.txt"),
          __WASI_ERRNO_NOTDIR);
    check("rmdir .: EINVAL", __wasi_path_remove_directory(ROOT, "."), __WASI_ERRNO_INVAL);
    check("unlink a dir: EISDIR", __wasi_path_unlink_file(ROOT, "dir"), __WASI_ERRNO_ISDIR);
    check("unlink file/: ENOTDIR", __wasi_path_unlink_file(ROOT, "data.txt/"), __WASI_ERRNO_NOTDIR);
    check("unlink dir/: EISDIR", __wasi_path_unlink_file(ROOT, "dir/"), __WASI_ERRNO_ISDIR);
    check("unlink a missing file: ENOENT", __wasi_path_unlink_file(ROOT, "missing"),
          __WASI_ERRNO_NOENT);
    check("unlink new.txt", __wasi_path_unlink_file(ROOT, "new.txt"), 0);
    check("new.txt is gone", op(ROOT, "new.txt", 0, 0, 0, 0, NULL), __WASI_ERRNO_NOENT);
}

/* Reads all of directory fd with a buffer of `cap` bytes (at most 4096)
 * from `start`; the names, sorted, joined by spaces. */
static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}
static void list_dir(__wasi_fd_t fd, size_t cap, __wasi_dircookie_t start, char *out)
{
    static uint8_t buf[4096];
    char *names[64];
    int count = 0;
    __wasi_dircookie_t cookie = start;
    for (;;) {
        __wasi_size_t used;
        if (__wasi_fd_readdir(fd, buf, cap, cookie, &used))
            break;
        size_t pos = 0, got = 0;
        while (pos + sizeof(__wasi_dirent_t) <= used) {
            __wasi_dirent_t d;
            memcpy(&d, buf + pos, sizeof d);
            if (pos + sizeof d + d.d_namlen > used)
                break; /* cut: ask again from cookie */
            if (count < 64)
                names[count++] = strndup((char *)buf + pos + sizeof d, d.d_namlen);
            pos += sizeof d + d.d_namlen;
            cookie = d.d_next;
            got++;
        }
        if (used < cap)
            break;
        if (!got)
            cap *= 2; /* not even one entry fit: as wasi-libc, a bigger buffer */
    }
    qsort(names, count, sizeof names[0], cmp);
    out[0] = 0;
    for (int i = 0; i < count; i++) {
        strcat(out, i ? " " : "");
        strcat(out, names[i]);
        free(names[i]);
    }
}

static void test_readdir(void)
{
    __wasi_fd_t fd, f;
    char names[512];
    __wasi_path_create_directory(ROOT, "rd");
    const char *files[] = { "rd/a", "rd/bb", "rd/a_rather_long_name_of_a_file.txt" };
    for (int i = 0; i < 3; i++) {
        op(ROOT, files[i], 0, __WASI_OFLAGS_CREAT, RW, 0, &f);
        __wasi_fd_close(f);
    }
    __wasi_path_create_directory(ROOT, "rd/sub");
    check("open a directory for readdir", op(ROOT, "rd", 0, __WASI_OFLAGS_DIRECTORY, ALL, 0, &fd),
          0);
    list_dir(fd, 4096, 0, names);
    check_str("fd_readdir lists every entry", names,
              ". .. a a_rather_long_name_of_a_file.txt bb sub");
    list_dir(fd, 40, 0, names);
    check_str("fd_readdir with a 40-byte buffer, resumed by cookie", names,
              ". .. a a_rather_long_name_of_a_file.txt bb sub");
    /* the entry types */
    static uint8_t buf[4096];
    __wasi_size_t used;
    int dirs = 0, regs = 0;
    __wasi_fd_readdir(fd, buf, sizeof buf, 0, &used);
    for (size_t pos = 0; pos < used;) {
        __wasi_dirent_t d;
        memcpy(&d, buf + pos, sizeof d);
        dirs += d.d_type == __WASI_FILETYPE_DIRECTORY;
        regs += d.d_type == __WASI_FILETYPE_REGULAR_FILE;
        pos += sizeof d + d.d_namlen;
    }
    check("fd_readdir types: 3 directories", dirs, 3);
    check("fd_readdir types: 3 files", regs, 3);
    /* a cookie from the middle */
    __wasi_dirent_t d;
    memcpy(&d, buf, sizeof d);
    list_dir(fd, 4096, d.d_next, names);
    check("fd_readdir from the first entry's cookie: 5 left",
          (long long)strlen(names) > 0 && strchr(names, ' ') ? 1 : 0, 1);
    check("fd_readdir at the end: 0 bytes",
          __wasi_fd_readdir(fd, buf, sizeof buf, ~0ull >> 1, &used) || used != 0, 0);
    check("fd_readdir on a file: ENOTCAPABLE",
          (op(ROOT, "data.txt", 0, 0, __WASI_RIGHTS_FD_READ, 0, &f),
           __wasi_fd_readdir(f, buf, 64, 0, &used)),
          __WASI_ERRNO_NOTCAPABLE);
    __wasi_fd_close(f);
    __wasi_fd_close(fd);
    for (int i = 0; i < 3; i++)
        __wasi_path_unlink_file(ROOT, files[i]);
    __wasi_path_remove_directory(ROOT, "rd/sub");
    check("rmdir the emptied directory", __wasi_path_remove_directory(ROOT, "rd"), 0);
}

static void make_file(const char *path, const char *text)
{
    __wasi_fd_t fd;
    __wasi_size_t n;
    op(ROOT, path, 0, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, RW, 0, &fd);
    wr(fd, text, &n);
    __wasi_fd_close(fd);
}

static void test_renames(void)
{
    __wasi_fd_t a, b;
    __wasi_size_t n;
    char buf[64];
    make_file("r1", "one");
    make_file("r2", "two!");
    check("rename", __wasi_path_rename(ROOT, "r1", ROOT, "r3"), 0);
    check("the old name is gone", op(ROOT, "r1", 0, 0, 0, 0, NULL), __WASI_ERRNO_NOENT);
    check("the new name has the file", (long long)size_of(ROOT, "r3"), 3);
    check("rename over a file replaces it", __wasi_path_rename(ROOT, "r2", ROOT, "r3"), 0);
    check("the replaced file", (long long)size_of(ROOT, "r3"), 4);
    check("rename a missing file: ENOENT", __wasi_path_rename(ROOT, "r2", ROOT, "r4"),
          __WASI_ERRNO_NOENT);
    check("rename file to name/: ENOTDIR", __wasi_path_rename(ROOT, "r3", ROOT, "r4/"),
          __WASI_ERRNO_NOTDIR);
    __wasi_path_create_directory(ROOT, "rdir");
    __wasi_path_create_directory(ROOT, "full");
    make_file("full/f", "f");
    check("rename a dir onto a non-empty dir: ENOTEMPTY",
          __wasi_path_rename(ROOT, "rdir", ROOT, "full"), __WASI_ERRNO_NOTEMPTY);
    check("rename a file onto a dir: EISDIR", __wasi_path_rename(ROOT, "r3", ROOT, "rdir"),
          __WASI_ERRNO_ISDIR);
    check("rename a dir onto a file: ENOTDIR", __wasi_path_rename(ROOT, "rdir", ROOT, "r3"),
          __WASI_ERRNO_NOTDIR);
    check("rename a dir into itself: EINVAL", __wasi_path_rename(ROOT, "full", ROOT, "full/inside"),
          __WASI_ERRNO_INVAL);
    check("rename a dir with trailing slashes", __wasi_path_rename(ROOT, "rdir/", ROOT, "rdir2/"),
          0);
    check("rename into a subdirectory", __wasi_path_rename(ROOT, "r3", ROOT, "full/r3"), 0);
    check("moved", (long long)size_of(ROOT, "full/r3"), 4);
    /* fd_renumber */
    make_file("n1", "first");
    make_file("n2", "second");
    op(ROOT, "n1", 0, 0, RW, 0, &a);
    op(ROOT, "n2", 0, 0, RW, 0, &b);
    check("fd_renumber", __wasi_fd_renumber(a, b), 0);
    check("fd_renumber: the source is closed", __wasi_fd_close(a), __WASI_ERRNO_BADF);
    check("fd_renumber: the target reads the source's file", rd(b, buf, sizeof buf, &n), 0);
    check_str("fd_renumber: contents", buf, "first");
    check("fd_renumber to a closed fd: EBADF", __wasi_fd_renumber(b, 100), __WASI_ERRNO_BADF);
    __wasi_fd_close(b);
    __wasi_path_unlink_file(ROOT, "n1");
    __wasi_path_unlink_file(ROOT, "n2");
    __wasi_path_unlink_file(ROOT, "full/f");
    __wasi_path_unlink_file(ROOT, "full/r3");
    __wasi_path_remove_directory(ROOT, "full");
    __wasi_path_remove_directory(ROOT, "rdir2");
}

static void test_links(void)
{
    __wasi_filestat_t st;
    __wasi_size_t n;
    __wasi_fd_t fd;
    char buf[64];
    check("path_link", __wasi_path_link(ROOT, 0, "data.txt", ROOT, "hard"), 0);
    check("path_link: two links",
          __wasi_path_filestat_get(ROOT, 0, "data.txt", &st) || st.nlink != 2, 0);
    check("path_link onto an existing name: EEXIST",
          __wasi_path_link(ROOT, 0, "data.txt", ROOT, "hard"), __WASI_ERRNO_EXIST);
    check("path_link a directory: EPERM", __wasi_path_link(ROOT, 0, "dir", ROOT, "dirlink"),
          __WASI_ERRNO_PERM);
    check("path_link a missing file: ENOENT", __wasi_path_link(ROOT, 0, "missing", ROOT, "x"),
          __WASI_ERRNO_NOENT);
    check("unlink the hard link", __wasi_path_unlink_file(ROOT, "hard"), 0);
    check("path_symlink", __wasi_path_symlink("data.txt", ROOT, "sym"), 0);
    check("path_symlink onto an existing name: EEXIST", __wasi_path_symlink("x", ROOT, "sym"),
          __WASI_ERRNO_EXIST);
    check("path_readlink",
          __wasi_path_readlink(ROOT, "sym", (uint8_t *)buf, sizeof buf, &n) || n != 8, 0);
    buf[n] = 0;
    check_str("path_readlink text", buf, "data.txt");
    check("path_readlink into 4 bytes",
          __wasi_path_readlink(ROOT, "sym", (uint8_t *)buf, 4, &n) || n != 4 ||
              memcmp(buf, "data", 4),
          0);
    check("path_readlink of a file: EINVAL",
          __wasi_path_readlink(ROOT, "data.txt", (uint8_t *)buf, 8, &n), __WASI_ERRNO_INVAL);
    check("stat a symlink without following",
          __wasi_path_filestat_get(ROOT, 0, "sym", &st) ||
              st.filetype != __WASI_FILETYPE_SYMBOLIC_LINK,
          0);
    check("stat a symlink following it",
          __wasi_path_filestat_get(ROOT, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "sym", &st) ||
              st.filetype != __WASI_FILETYPE_REGULAR_FILE || st.size != 12,
          0);
    check("open a symlink without following: ELOOP",
          op(ROOT, "sym", 0, 0, __WASI_RIGHTS_FD_READ, 0, NULL), __WASI_ERRNO_LOOP);
    check("open a symlink following it", op(ROOT, "sym", 1, 0, __WASI_RIGHTS_FD_READ, 0, &fd), 0);
    check("read through the symlink", rd(fd, buf, sizeof buf, &n), 0);
    check_str("read through the symlink: contents", buf, "hello world\n");
    __wasi_fd_close(fd);
    check("path_link following a symlink",
          __wasi_path_link(ROOT, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "sym", ROOT, "hard2"), 0);
    check("the link is to the file",
          __wasi_path_filestat_get(ROOT, 0, "hard2", &st) ||
              st.filetype != __WASI_FILETYPE_REGULAR_FILE,
          0);
    __wasi_path_unlink_file(ROOT, "hard2");
    check("unlink a symlink", __wasi_path_unlink_file(ROOT, "sym"), 0);
    check("the target stays", (long long)size_of(ROOT, "data.txt"), 12);
    check("a dangling symlink", __wasi_path_symlink("nowhere", ROOT, "dangle"), 0);
    check("open it: ENOENT", op(ROOT, "dangle", 1, 0, __WASI_RIGHTS_FD_READ, 0, NULL),
          __WASI_ERRNO_NOENT);
    __wasi_path_unlink_file(ROOT, "dangle");
}

static void test_times(void)
{
    __wasi_filestat_t st;
    __wasi_fd_t fd;
    __wasi_timestamp_t t = 1000000000123456789ull, now;
    make_file("t.txt", "t");
    check("path_filestat_set_times atim and mtim",
          __wasi_path_filestat_set_times(ROOT, 0, "t.txt", t, t + 1000,
                                         __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM),
          0);
    __wasi_path_filestat_get(ROOT, 0, "t.txt", &st);
    check("atim as set", (long long)(st.atim - t), 0);
    check("mtim as set", (long long)(st.mtim - t - 1000), 0);
    check("set only mtim",
          __wasi_path_filestat_set_times(ROOT, 0, "t.txt", 0, t + 5, __WASI_FSTFLAGS_MTIM), 0);
    __wasi_path_filestat_get(ROOT, 0, "t.txt", &st);
    check("atim kept", (long long)(st.atim - t), 0);
    check("time and now at once: EINVAL",
          __wasi_path_filestat_set_times(ROOT, 0, "t.txt", t, t,
                                         __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW),
          __WASI_ERRNO_INVAL);
    op(ROOT, "t.txt", 0, 0, RW, 0, &fd);
    __wasi_clock_time_get(__WASI_CLOCKID_REALTIME, 1, &now);
    check("fd_filestat_set_times mtim now",
          __wasi_fd_filestat_set_times(fd, 0, 0, __WASI_FSTFLAGS_MTIM_NOW), 0);
    __wasi_fd_filestat_get(fd, &st);
    check("mtim is now (within 5 s)",
          st.mtim + 5000000000ull > now && st.mtim < now + 5000000000ull, 1);
    check("fd_filestat_get: a regular file of 1 byte",
          st.filetype == __WASI_FILETYPE_REGULAR_FILE && st.size == 1 && st.nlink == 1, 1);
    __wasi_fd_close(fd);
    check("set times on a symlink itself",
          (__wasi_path_symlink("t.txt", ROOT, "tl"),
           __wasi_path_filestat_set_times(ROOT, 0, "tl", t, t,
                                          __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM)),
          0);
    __wasi_path_filestat_get(ROOT, 0, "t.txt", &st);
    check("the target's mtim is not changed", st.mtim != t, 1);
    __wasi_path_unlink_file(ROOT, "tl");
    __wasi_path_unlink_file(ROOT, "t.txt");
}

static void test_escapes(void)
{
    __wasi_filestat_t st;
    __wasi_fd_t fd;
    const __wasi_errno_t CAP = __WASI_ERRNO_NOTCAPABLE;
    check("..: ENOTCAPABLE", op(ROOT, "../outside/secret", 1, 0, __WASI_RIGHTS_FD_READ, 0, NULL),
          CAP);
    check("..: ENOTCAPABLE for stat", __wasi_path_filestat_get(ROOT, 0, "..", &st), CAP);
    check("dir/../..: ENOTCAPABLE",
          op(ROOT, "dir/../../outside/secret", 1, 0, __WASI_RIGHTS_FD_READ, 0, NULL), CAP);
    check("dir/.. stays inside", __wasi_path_filestat_get(ROOT, 0, "dir/../data.txt", &st), 0);
    check("an absolute path: ENOTCAPABLE",
          op(ROOT, "/etc/passwd", 1, 0, __WASI_RIGHTS_FD_READ, 0, NULL), CAP);
    check("an absolute path for mkdir: ENOTCAPABLE",
          __wasi_path_create_directory(ROOT, "/tmp/jericho-escape"), CAP);
    check("a symlink to ../outside: ENOTCAPABLE",
          op(ROOT, "link_out/secret", 1, 0, __WASI_RIGHTS_FD_READ, 0, NULL), CAP);
    check("a symlink out, not followed: ELOOP",
          op(ROOT, "link_out", 0, 0, __WASI_RIGHTS_FD_READ, 0, NULL), __WASI_ERRNO_LOOP);
    check("an absolute symlink, followed: ENOTCAPABLE",
          op(ROOT, "abs_link", 1, 0, __WASI_RIGHTS_FD_READ, 0, NULL), CAP);
    check("an absolute symlink, stat followed: ENOTCAPABLE",
          __wasi_path_filestat_get(ROOT, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "abs_link", &st), CAP);
    check("an absolute symlink, stat not followed",
          __wasi_path_filestat_get(ROOT, 0, "abs_link", &st) ||
              st.filetype != __WASI_FILETYPE_SYMBOLIC_LINK,
          0);
    check("create through a symlink out: ENOTCAPABLE",
          op(ROOT, "link_out/created", 1, __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_WRITE, 0, NULL),
          CAP);
    check("mkdir through a symlink out: ENOTCAPABLE",
          __wasi_path_create_directory(ROOT, "link_out/made"), CAP);
    check("unlink through a symlink out: ENOTCAPABLE",
          __wasi_path_unlink_file(ROOT, "link_out/secret"), CAP);
    check("rename out through ..: ENOTCAPABLE",
          __wasi_path_rename(ROOT, "data.txt", ROOT, "../stolen"), CAP);
    check("rename out through a symlink: ENOTCAPABLE",
          __wasi_path_rename(ROOT, "data.txt", ROOT, "link_out/stolen"), CAP);
    check("rename in from outside: ENOTCAPABLE",
          __wasi_path_rename(ROOT, "link_out/secret", ROOT, "got"), CAP);
    check("hard link from outside through a symlink: ENOTCAPABLE",
          __wasi_path_link(ROOT, 0, "link_out/secret", ROOT, "got"), CAP);
    check("hard link following an absolute symlink: ENOTCAPABLE",
          __wasi_path_link(ROOT, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "abs_link", ROOT, "got"), CAP);
    check("readlink through a symlink out: ENOTCAPABLE",
          __wasi_path_readlink(ROOT, "link_out/x", (uint8_t *)&st, 8, &(__wasi_size_t){ 0 }), CAP);
    check("set times through a symlink out: ENOTCAPABLE",
          __wasi_path_filestat_set_times(ROOT, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "link_out/secret",
                                         0, 0, __WASI_FSTFLAGS_MTIM_NOW),
          CAP);
    check("link_self/..: ENOTCAPABLE", __wasi_path_filestat_get(ROOT, 0, "link_self/..", &st), CAP);
    check("mkdir link_self/../x: ENOTCAPABLE", __wasi_path_create_directory(ROOT, "link_self/../x"),
          CAP);
    check("dir_link/../data.txt stays inside",
          __wasi_path_filestat_get(ROOT, 0, "dir_link/../data.txt", &st), 0);
    check("an absolute symlink target: ENOTCAPABLE",
          __wasi_path_symlink("/etc/passwd", ROOT, "evil"), CAP);
    check("a symlink climbing out may be made", __wasi_path_symlink("../../../../..", ROOT, "up"),
          0);
    check("but not followed: ENOTCAPABLE",
          op(ROOT, "up/etc/passwd", 1, 0, __WASI_RIGHTS_FD_READ, 0, NULL), CAP);
    __wasi_path_unlink_file(ROOT, "up");
    static char longp[5000];
    memset(longp, 'a', sizeof longp - 1);
    check("a 4999-byte path: ENAMETOOLONG", op(ROOT, longp, 0, 0, 0, 0, NULL),
          __WASI_ERRNO_NAMETOOLONG);
    longp[300] = 0;
    check("a 300-byte name: ENAMETOOLONG", op(ROOT, longp, 0, __WASI_OFLAGS_CREAT, RW, 0, NULL),
          __WASI_ERRNO_NAMETOOLONG);
    /* many ../ that stay inside: fine; one more: out */
    static char deep[4000];
    deep[0] = 0;
    for (int i = 0; i < 300; i++)
        strcat(deep, "dir/../");
    strcat(deep, "data.txt");
    check("300 x dir/../ stays inside", __wasi_path_filestat_get(ROOT, 0, deep, &st), 0);
    check("an opened subdirectory: .. above it: ENOTCAPABLE",
          (op(ROOT, "dir", 0, __WASI_OFLAGS_DIRECTORY, ALL, 0, &fd),
           __wasi_path_filestat_get(fd, 0, "../data.txt", &st)),
          CAP);
    __wasi_fd_close(fd);
}

static void test_prestat_poll(void)
{
    __wasi_prestat_t ps;
    char name[32] = { 0 };
    check("fd_prestat_get", __wasi_fd_prestat_get(ROOT, &ps) || ps.u.dir.pr_name_len != 8, 0);
    check("fd_prestat_dir_name", __wasi_fd_prestat_dir_name(ROOT, (uint8_t *)name, 8), 0);
    check_str("the preopen's name", name, "/sandbox");
    check("fd_prestat_dir_name, too short: ENAMETOOLONG",
          __wasi_fd_prestat_dir_name(ROOT, (uint8_t *)name, 3), __WASI_ERRNO_NAMETOOLONG);
    check("fd_prestat_get on a non-preopen: EBADF", __wasi_fd_prestat_get(5, &ps),
          __WASI_ERRNO_BADF);
    __wasi_fd_t fd;
    op(ROOT, "data.txt", 0, 0, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_POLL_FD_READWRITE, 0, &fd);
    __wasi_subscription_t sub[3] = { 0 };
    __wasi_event_t ev[3];
    __wasi_size_t n = 0;
    sub[0].userdata = 1;
    sub[0].u.tag = __WASI_EVENTTYPE_FD_READ;
    sub[0].u.u.fd_read.file_descriptor = fd;
    sub[1].userdata = 2;
    sub[1].u.tag = __WASI_EVENTTYPE_FD_WRITE;
    sub[1].u.u.fd_write.file_descriptor = fd;
    sub[2].userdata = 3;
    sub[2].u.tag = __WASI_EVENTTYPE_CLOCK;
    sub[2].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    sub[2].u.u.clock.timeout = 10000000000ull;
    check("poll_oneoff on a file", __wasi_poll_oneoff(sub, ev, 3, &n), 0);
    check("poll_oneoff: two events at once", n, 2);
    check("poll_oneoff: the file is readable", ev[0].userdata == 1 && ev[0].error == 0, 1);
    check("poll_oneoff: not open for writing: EBADF",
          ev[1].userdata == 2 && ev[1].error == __WASI_ERRNO_BADF, 1);
    __wasi_fd_close(fd);
}

int main(void)
{
    test_read_write_seek();
    test_rights();
    test_errors();
    test_directories();
    test_readdir();
    test_renames();
    test_links();
    test_times();
    test_escapes();
    test_prestat_poll();
    printf("%d failures\n", failures);
    return failures != 0;
}
