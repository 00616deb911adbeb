/* SPDX-License-Identifier: MIT */
/* wasi_platform.h: what the WASI layer needs from the system it runs on. */
#pragma once
/*
 * The WASI layer (wasi.h) is portable and freestanding; everything that
 * touches the outside world goes through this table of function pointers,
 * filled in by the embedder: the hosted CLI on Linux (tools/jericho/
 * platform_host.c) or the OS's user-mode runner. Every function receives
 * `ud`. Results that can fail are WASI errno values (wasi.h, WASI_E*), 0 on
 * success. All of them may assume their pointer arguments are valid host
 * memory: the WASI layer bounds-checks guest pointers before calling.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* WASI clock ids (preview1 `clockid`). */
enum {
    WASI_CLOCK_REALTIME = 0,
    WASI_CLOCK_MONOTONIC = 1,
    WASI_CLOCK_PROCESS_CPUTIME = 2,
    WASI_CLOCK_THREAD_CPUTIME = 3,
};

/* WASI file types (preview1 `filetype`). */
enum {
    WASI_FILETYPE_UNKNOWN = 0,
    WASI_FILETYPE_BLOCK_DEVICE = 1,
    WASI_FILETYPE_CHARACTER_DEVICE = 2,
    WASI_FILETYPE_DIRECTORY = 3,
    WASI_FILETYPE_REGULAR_FILE = 4,
    WASI_FILETYPE_SOCKET_DGRAM = 5,
    WASI_FILETYPE_SOCKET_STREAM = 6,
    WASI_FILETYPE_SYMBOLIC_LINK = 7,
};

/* A file or directory the platform has open for the guest: a Linux fd on
 * the host, a handle to a file server's object on the OS. Stdio is 0, 1, 2. */
typedef int32_t wasi_handle_t;

/* preview1 `oflags`, `fdflags`, `lookupflags` and `fstflags` bits: the
 * platform receives them as the guest gave them (after the WASI layer's
 * checks). */
enum {
    WASI_O_CREAT = 1,
    WASI_O_DIRECTORY = 2,
    WASI_O_EXCL = 4,
    WASI_O_TRUNC = 8,
};
enum {
    WASI_FDFLAG_APPEND = 1,
    WASI_FDFLAG_DSYNC = 2,
    WASI_FDFLAG_NONBLOCK = 4,
    WASI_FDFLAG_RSYNC = 8,
    WASI_FDFLAG_SYNC = 16,
};
enum { WASI_LOOKUP_SYMLINK_FOLLOW = 1 };
enum {
    WASI_FST_ATIM = 1,
    WASI_FST_ATIM_NOW = 2,
    WASI_FST_MTIM = 4,
    WASI_FST_MTIM_NOW = 8,
};
/* How open_at opens: the access the new fd's rights need. */
enum { WASI_ACCESS_READ = 1, WASI_ACCESS_WRITE = 2 };

/* preview1 `filestat`, unpacked. */
typedef struct wasi_filestat {
    uint64_t dev, ino;
    uint8_t filetype;
    uint64_t nlink, size, atim, mtim, ctim;
} wasi_filestat_t;

/* One directory entry as readdir gives it. */
typedef struct wasi_dirent {
    uint64_t next;     /* the cookie of the entry after this one */
    uint64_t ino;
    uint8_t filetype;
    uint32_t name_len; /* the whole name's length (the copy may be cut) */
    bool at_end;       /* no entry at this cookie: the rest is unset */
} wasi_dirent_t;

/* The longest path the WASI layer passes down, NUL excluded (Linux's
 * PATH_MAX less its NUL); a longer one is WASI_ENAMETOOLONG. */
#define WASI_PATH_MAX 4095u
/* The longest name of a directory entry (NAME_MAX). */
#define WASI_NAME_MAX 255u

/* One buffer of a gathered write, in host memory. */
typedef struct wasi_iovec {
    const void *base;
    size_t len;
} wasi_iovec_t;

/* Buffers the WASI layer hands to one platform write at most: fd_write's
 * list goes down in one request when it is this short (stdio writes one
 * or two), else in requests of this many. */
#define WASI_WRITE_BATCH 64u

typedef struct wasi_platform {
    void *ud;
    /* Writes the `niov` buffers (1..WASI_WRITE_BATCH, their total > 0) to
     * handle `fd` (stdout, stderr or an open file) in order, as one
     * request (writev on Linux, one console or file-server request on the
     * OS); stores the count written (may be short, never 0 on success) in
     * *done. */
    uint16_t (*write)(void *ud, int fd, const wasi_iovec_t *iov, uint32_t niov, size_t *done);
    /* Reads up to `n` bytes from handle `fd` (stdin or an open file; stdin
     * blocks until at least one byte or end of input); *done = 0 means end
     * of input. */
    uint16_t (*read)(void *ud, int fd, void *buf, size_t n, size_t *done);
    /* Current time and resolution of a WASI_CLOCK_* clock, in nanoseconds;
     * an unknown id gives WASI_EINVAL. */
    uint16_t (*clock_now)(void *ud, uint32_t clock_id, uint64_t *ns);
    uint16_t (*clock_res)(void *ud, uint32_t clock_id, uint64_t *ns);
    /* Fills buf with `n` bytes from a cryptographically strong source. */
    uint16_t (*random)(void *ud, void *buf, size_t n);
    /* Sleeps at least `ns` nanoseconds. */
    uint16_t (*sleep)(void *ud, uint64_t ns);
    /* Optional (NULL = nothing to do): told of proc_exit before the WASI
     * layer ends the guest with a trap (see wasi_exited()). A runner that can
     * end the process right here may do so and not return. */
    void (*exit)(void *ud, uint32_t code);
    /* Optional (NULL = character device for all three): the WASI_FILETYPE_*
     * of stdio fd 0..2. wasi-libc treats a character device as a terminal
     * (line-buffered stdout), anything else as a file or pipe. */
    uint8_t (*filetype)(void *ud, int fd);

    /* ---- Files and directories (optional as a group: a platform without
     * them may not be given preopens). `dir` is a directory handle; `path`
     * is relative, NUL-terminated, at most WASI_PATH_MAX bytes, and the WASI
     * layer has already refused absolute paths and lexical `..` above
     * `dir`. The platform must resolve it beneath `dir` with no way out:
     * a symlink or `..` that leads outside gives WASI_ENOTCAPABLE, also when
     * the tree changes during the lookup. `follow` says whether a symlink
     * in the last component is followed (intermediate ones always are, if
     * they stay beneath). The write/read calls above serve files too. */

    /* Opens `path`; `oflags`/`fdflags` are WASI_O_* / WASI_FDFLAG_*,
     * `access` WASI_ACCESS_* (0: neither, a handle for *_at and stat).
     * Stores the handle and its WASI_FILETYPE_*. */
    uint16_t (*open_at)(void *ud, wasi_handle_t dir, const char *path, bool follow, uint32_t oflags,
                        uint32_t fdflags, uint32_t access, wasi_handle_t *out, uint8_t *filetype);
    uint16_t (*close)(void *ud, wasi_handle_t h);
    /* Positioned I/O: does not move the handle's position. */
    uint16_t (*pread)(void *ud, wasi_handle_t h, void *buf, size_t n, uint64_t off, size_t *done);
    uint16_t (*pwrite)(void *ud, wasi_handle_t h, const wasi_iovec_t *iov, uint32_t niov,
                       uint64_t off, size_t *done);
    /* whence: 0 set, 1 current, 2 end (preview1's). */
    uint16_t (*seek)(void *ud, wasi_handle_t h, int64_t off, uint8_t whence, uint64_t *newoff);
    uint16_t (*sync)(void *ud, wasi_handle_t h, bool data_only);
    uint16_t (*advise)(void *ud, wasi_handle_t h, uint64_t off, uint64_t len, uint8_t advice);
    uint16_t (*allocate)(void *ud, wasi_handle_t h, uint64_t off, uint64_t len);
    uint16_t (*set_flags)(void *ud, wasi_handle_t h, uint32_t fdflags);
    uint16_t (*stat)(void *ud, wasi_handle_t h, wasi_filestat_t *st);
    uint16_t (*set_size)(void *ud, wasi_handle_t h, uint64_t size);
    /* `fst` is WASI_FST_*, already checked for contradictions. */
    uint16_t (*set_times)(void *ud, wasi_handle_t h, uint64_t atim, uint64_t mtim, uint32_t fst);
    /* The entry at `cookie` (0: the first) of directory `h`, its name
     * copied to name[0..min(name_len, cap)). */
    uint16_t (*readdir)(void *ud, wasi_handle_t h, uint64_t cookie, wasi_dirent_t *ent, char *name,
                        size_t cap);
    uint16_t (*stat_at)(void *ud, wasi_handle_t dir, const char *path, bool follow,
                        wasi_filestat_t *st);
    uint16_t (*set_times_at)(void *ud, wasi_handle_t dir, const char *path, bool follow,
                             uint64_t atim, uint64_t mtim, uint32_t fst);
    uint16_t (*mkdir_at)(void *ud, wasi_handle_t dir, const char *path);
    uint16_t (*rmdir_at)(void *ud, wasi_handle_t dir, const char *path);
    /* Removes a non-directory; a trailing slash gives WASI_ENOTDIR, or
     * WASI_EISDIR for a directory. */
    uint16_t (*unlink_at)(void *ud, wasi_handle_t dir, const char *path);
    uint16_t (*rename_at)(void *ud, wasi_handle_t dir, const char *path, wasi_handle_t dir2,
                          const char *path2);
    uint16_t (*link_at)(void *ud, wasi_handle_t dir, const char *path, bool follow,
                        wasi_handle_t dir2, const char *path2);
    /* Creates `path` as a symlink whose contents are `target` (any text:
     * following it later is what is checked). */
    uint16_t (*symlink_at)(void *ud, const char *target, wasi_handle_t dir, const char *path);
    /* The symlink's contents, cut to `n` bytes (no NUL added). */
    uint16_t (*readlink_at)(void *ud, wasi_handle_t dir, const char *path, char *buf, size_t n,
                            size_t *done);
} wasi_platform_t;
