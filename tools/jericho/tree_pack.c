/* SPDX-License-Identifier: MIT */
/* tree_pack.c: a host directory packed as a file server's read-only image (user/fs/image.h). */
#define _POSIX_C_SOURCE 200809L /* openat, fdopendir, readlinkat */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../user/root/archive.h"
#include "archive_pack.h"
#include "tree_pack.h"

/* What is being packed: the entries so far and their bytes. */
typedef struct tree {
    pack_file_t *files;
    uint32_t n, cap;
    size_t bytes, max;
    const char *host;
} tree_t;

static bool fail(const tree_t *t, const char *path, const char *why)
{
    fprintf(stderr, "jericho: --dir %s: %s%s%s\n", t->host, path, *path ? ": " : "", why);
    return false;
}

/* Adds entry "KIND/PATH" with its bytes (taken: freed with the tree). */
static bool add(tree_t *t, char kind, const char *path, uint8_t *data, size_t size)
{
    char name[ARCHIVE_NAME_MAX + 2];
    if (snprintf(name, sizeof name, "%c/%s", kind, path) > (int)ARCHIVE_NAME_MAX) {
        free(data);
        return fail(t, path, "a path longer than 53 bytes cannot be packed for the OS yet");
    }
    if ((t->bytes += size + ARCHIVE_ALIGN) > t->max) {
        free(data);
        return fail(t, path, "the tree is larger than the OS's file server takes");
    }
    if (t->n == t->cap) {
        pack_file_t *f = realloc(t->files, (t->cap = t->cap ? 2 * t->cap : 64) * sizeof *f);
        if (!f)
            return free(data), fail(t, path, "out of memory");
        t->files = f;
    }
    t->files[t->n++] = (pack_file_t){ strdup(name), data, size };
    return true;
}

static bool add_file(tree_t *t, int dir, const char *name, const char *path)
{
    int fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        if (fd >= 0)
            close(fd);
        return fail(t, path, strerror(errno));
    }
    uint8_t *data = malloc(st.st_size ? (size_t)st.st_size : 1);
    size_t got = 0;
    ssize_t r = 1;
    while (data && got < (size_t)st.st_size &&
           (r = read(fd, data + got, (size_t)st.st_size - got)) > 0)
        got += (size_t)r;
    close(fd);
    if (!data || r < 0)
        return free(data), fail(t, path, "cannot read it");
    return add(t, 'f', path, data, got);
}

static bool add_link(tree_t *t, int dir, const char *name, const char *path)
{
    char text[4096];
    ssize_t n = readlinkat(dir, name, text, sizeof text);
    if (n < 0 || n == sizeof text)
        return fail(t, path, "cannot read the symlink");
    uint8_t *data = malloc((size_t)n + 1);
    if (!data)
        return fail(t, path, "out of memory");
    memcpy(data, text, (size_t)n);
    return add(t, 'l', path, data, (size_t)n);
}

static bool walk(tree_t *t, int dir, const char *prefix);

/* One entry of a directory, by its type (not following a symlink). */
static bool add_entry(tree_t *t, int dir, const char *name, const char *path)
{
    struct stat st;
    if (fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return fail(t, path, strerror(errno));
    if (S_ISREG(st.st_mode))
        return add_file(t, dir, name, path);
    if (S_ISLNK(st.st_mode))
        return add_link(t, dir, name, path);
    if (!S_ISDIR(st.st_mode))
        return fail(t, path, "neither a file, a directory nor a symlink");
    int sub = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (sub < 0)
        return fail(t, path, strerror(errno));
    bool ok = add(t, 'd', path, NULL, 0) && walk(t, sub, path);
    close(sub);
    return ok;
}

/* Every entry of `dir` (the caller closes it), named beneath prefix. */
static bool walk(tree_t *t, int dir, const char *prefix)
{
    int fd = dup(dir);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return fail(t, prefix, strerror(errno));
    }
    rewinddir(d);
    bool ok = true;
    struct dirent *e;
    while (ok && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char path[ARCHIVE_NAME_MAX * 2 + 256];
        snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "/" : "", e->d_name);
        ok = add_entry(t, dir, e->d_name, path);
    }
    closedir(d);
    return ok;
}

uint8_t *tree_pack(int dirfd, const char *host, size_t max, size_t *len)
{
    tree_t t = { .max = max, .host = host };
    const char *err = NULL;
    uint8_t *image = NULL;
    if (walk(&t, dirfd, "")) {
        image = archive_pack(t.files, t.n, len, &err);
        if (!image)
            fail(&t, "", err);
    }
    for (uint32_t i = 0; i < t.n; i++) {
        free((char *)t.files[i].name);
        free((void *)t.files[i].data);
    }
    free(t.files);
    return image;
}
