/* SPDX-License-Identifier: MIT */
/* fs_proto.h: the file server's request protocol: one header struct and its bytes per IPC message. */
#pragma once
/*
 * A client (the runner's user/runner/files.c) calls the server's endpoint
 * with the message label FS_OP_* and, in the IPC buffer, a struct
 * fs_request followed by its bytes: path_len bytes of a path, then
 * path2_len bytes of a second path (rename, link; symlink's target comes
 * first) or, for FS_OP_PWRITE, the data. Paths are not NUL-terminated and
 * are relative to `dir` (FS_ROOT: the tree's root). The answer is a struct
 * fs_reply followed by its bytes: the data of FS_OP_PREAD, the name of
 * FS_OP_READDIR's entry, the text of FS_OP_READLINK. One message carries at
 * most FS_DATA_MAX bytes after its header: longer reads and writes take
 * several calls, and a path (or the two together) longer than that is
 * WASI_ENAMETOOLONG.
 *
 * Errors are WASI errnos (user/wasi/wasi.h) in fs_reply.err. Handles are the
 * server's, per client: a client is the badge its calls carry (the root
 * gives each module its manifest position), so one client cannot name
 * another's handles; each holds at most FS_MAX_HANDLES at once. Seeking is
 * the client's: every read and write names its offset.
 */
#include <stdint.h>

#include "../wasi/wasi_platform.h"
#include "jericho/cap.h"

#define FS_ROOT        (-1) /* a `dir` that names the tree's root */
#define FS_APPEND      UINT64_MAX /* FS_OP_PWRITE's offset: at the end, atomically */
#define FS_MAX_HANDLES 128 /* per client, as many as the WASI layer has fds */
#define FS_MAX_CLIENTS 32 /* the root starts at most 32 modules */

/* The operations, as message labels. */
enum fs_op {
    FS_OP_OPEN = 1, /* dir, path, flags (FS_FOLLOW), oflags, fdflags, access -> handle, filetype */
    FS_OP_CLOSE, /* handle */
    FS_OP_PREAD, /* handle, off, len (<= FS_DATA_MAX) -> n bytes */
    FS_OP_PWRITE, /* handle, off or FS_APPEND, the data -> n written, off: where they end */
    FS_OP_STAT, /* handle -> st */
    FS_OP_STAT_AT, /* dir, path, flags -> st */
    FS_OP_SET_SIZE, /* handle, off: the new size */
    FS_OP_SET_TIMES, /* handle, atim, mtim, fst */
    FS_OP_SET_TIMES_AT, /* dir, path, flags, atim, mtim, fst */
    FS_OP_READDIR, /* handle, off: the cookie -> ent, the name (cut to FS_DATA_MAX) */
    FS_OP_MKDIR, /* dir, path */
    FS_OP_RMDIR, /* dir, path */
    FS_OP_UNLINK, /* dir, path */
    FS_OP_RENAME, /* dir, path, dir2, path2 */
    FS_OP_LINK, /* dir, path, flags, dir2, path2 */
    FS_OP_SYMLINK, /* dir, path: the target, path2: the new name */
    FS_OP_READLINK, /* dir, path -> n bytes of text */
    FS_OP_RESET, /* closes every handle of this client: a runner starting anew
                         * (a restarted module keeps its badge, not its handles) */
    FS_OP_COUNT
};

enum { FS_FOLLOW = 1 }; /* fs_request.flags: follow a symlink in the last component */

struct fs_request {
    int32_t dir; /* the handle acted on, or the directory `path` is beneath */
    int32_t dir2; /* rename, link: the directory of path2 */
    uint32_t flags, oflags, fdflags, access, fst;
    uint16_t path_len, path2_len;
    uint64_t off, len;
    uint64_t atim, mtim;
};

struct fs_reply {
    uint16_t err; /* a WASI errno, 0 on success */
    uint8_t filetype; /* FS_OP_OPEN: the WASI_FILETYPE_* opened */
    uint8_t reserved;
    int32_t handle; /* FS_OP_OPEN */
    uint64_t n; /* bytes read, written or of readlink's text */
    uint64_t off; /* FS_OP_PWRITE: the offset after the data */
    wasi_filestat_t st;
    wasi_dirent_t ent;
};

/* Room for either header; the bytes after it in one message at most. */
#define FS_HEADER_MAX 128u
#define FS_DATA_MAX   (JX_IPC_DATA_MAX - FS_HEADER_MAX)
_Static_assert(sizeof(struct fs_request) <= FS_HEADER_MAX, "the request header fits");
_Static_assert(sizeof(struct fs_reply) <= FS_HEADER_MAX, "the reply header fits");
