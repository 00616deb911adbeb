/* SPDX-License-Identifier: MIT */
/* fs_walk.c: resolving a path beneath a directory without openat2: a component walk with O_NOFOLLOW. */
#define _GNU_SOURCE /* O_PATH */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../user/wasi/wasi.h"
#include "fs_host.h"

#define FS_WALK_DEPTH    256 /* directories deep below `dir` */
#define FS_WALK_SYMLINKS 40 /* symlinks expanded, as Linux's ELOOP limit */

typedef struct fs_walk {
    int stack[FS_WALK_DEPTH + 1]; /* stack[0] = dir (not ours), then the walked fds */
    int depth;
    int symlinks;
    char rest[WASI_PATH_MAX + 1]; /* what is left to resolve */
} fs_walk_t;

/* Replaces w->rest by the symlink `name`'s text followed by `tail` (the
 * rest of the path after `name`). */
static uint16_t fs_walk_expand(fs_walk_t *w, const char *name, const char *tail)
{
    char text[WASI_PATH_MAX + 1], joined[WASI_PATH_MAX + 1];
    if (++w->symlinks > FS_WALK_SYMLINKS)
        return WASI_ELOOP;
    ssize_t n = readlinkat(w->stack[w->depth], name, text, sizeof text);
    if (n < 0)
        return fs_errno(errno);
    if ((size_t)n >= sizeof text)
        return WASI_ENAMETOOLONG;
    text[n] = 0;
    if (text[0] == '/')
        return WASI_ENOTCAPABLE;
    size_t tl = strlen(tail); /* "" or starting with '/' */
    if ((size_t)n + tl > WASI_PATH_MAX)
        return WASI_ENAMETOOLONG;
    memcpy(joined, text, (size_t)n);
    memcpy(joined + n, tail, tl + 1);
    memcpy(w->rest, joined, (size_t)n + tl + 1);
    return 0;
}

/* One step: consumes the first component of w->rest. Returns 0 to go on,
 * 1 with *fd when the path is resolved and opened, or an errno + 2. */
static int fs_walk_step(fs_walk_t *w, int flags, mode_t mode, int *fd)
{
    char name[WASI_PATH_MAX + 1];
    const char *s = w->rest;
    while (*s == '/')
        s++;
    size_t n = strcspn(s, "/");
    memcpy(name, s, n);
    name[n] = 0;
    const char *tail = s + n;
    bool last = tail[strspn(tail, "/")] == 0, slash = *tail == '/';
    int cur = w->stack[w->depth];
    if (n == 0 || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
        if (n == 2) {
            if (w->depth == 0)
                return 2 + WASI_ENOTCAPABLE;
            close(w->stack[w->depth--]);
        }
        if (last) {
            *fd = openat(w->stack[w->depth], ".", flags & ~(O_CREAT | O_EXCL));
            return *fd >= 0 ? 1 : 2 + fs_errno(errno);
        }
        memmove(w->rest, tail, strlen(tail) + 1);
        return 0;
    }
    struct stat st;
    bool is_link = fstatat(cur, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode);
    if (is_link && (!last || slash || !(flags & O_NOFOLLOW))) {
        uint16_t err = fs_walk_expand(w, name, tail);
        return err ? 2 + err : 0;
    }
    if (last) {
        *fd = openat(cur, name, flags | O_NOFOLLOW | (slash ? O_DIRECTORY : 0), mode);
        return *fd >= 0 ? 1 : 2 + fs_errno(errno);
    }
    if (w->depth == FS_WALK_DEPTH)
        return 2 + WASI_ENAMETOOLONG;
    int next = openat(cur, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (next < 0)
        return 2 + fs_errno(errno);
    w->stack[++w->depth] = next;
    memmove(w->rest, tail, strlen(tail) + 1);
    return 0;
}

uint16_t fs_walk_open(int dir, const char *path, int flags, mode_t mode, int *fd)
{
    fs_walk_t w = { .depth = 0, .symlinks = 0 };
    if (path[0] == '/')
        return WASI_ENOTCAPABLE;
    if (strlen(path) > WASI_PATH_MAX)
        return WASI_ENAMETOOLONG;
    strcpy(w.rest, path);
    w.stack[0] = dir;
    int r;
    while ((r = fs_walk_step(&w, flags, mode, fd)) == 0) {
    }
    while (w.depth > 0)
        close(w.stack[w.depth--]);
    return r == 1 ? 0 : (uint16_t)(r - 2);
}
