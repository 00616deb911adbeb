/* SPDX-License-Identifier: MIT */
/* image.c: fills the file server's tree from its read-only image (image.h). */
#include "image.h"
#include "../root/archive.h"
#include "jx.h"

/* The directory `name` in dir, made if missing; NULL if a non-directory is there or no room. */
static fs_node_t *subdir(fs_tree_t *t, fs_node_t *dir, const char *name, uint32_t len)
{
    fs_entry_t *e = tree_lookup(dir, name, len);
    fs_node_t *n = 0;
    if (e)
        return e->node->type == WASI_FILETYPE_DIRECTORY ? e->node : 0;
    return tree_create(t, dir, name, len, WASI_FILETYPE_DIRECTORY, &n) ? 0 : n;
}

/* A component is not empty, ".", or "..". */
static bool plain(const char *p, uint32_t len)
{
    return len && !(len == 1 && p[0] == '.') && !(len == 2 && p[0] == '.' && p[1] == '.');
}

/* Adds one entry: its parents, then itself as `type` (a directory that is there already is fine). */
static const char *add(fs_tree_t *t, const char *path, uint8_t type, const archive_file_t *f)
{
    fs_node_t *dir = t->root, *n;
    for (;;) {
        uint32_t len = 0;
        while (path[len] && path[len] != '/')
            len++;
        if (!plain(path, len))
            return "a path with an empty, '.' or '..' component";
        if (path[len] == '/') {
            if (!(dir = subdir(t, dir, path, len)))
                return "a path through a file, or no room for its directories";
            path += len + 1;
            continue;
        }
        if (type == WASI_FILETYPE_DIRECTORY)
            return subdir(t, dir, path, len) ? 0 : "a directory where a file is, or no room";
        if (tree_lookup(dir, path, len))
            return "two entries for one path";
        if (tree_create(t, dir, path, len, type, &n))
            return "no room for the image's files (the quota)";
        n->image = f->data;
        n->size = n->image_len = f->size;
        return 0;
    }
}

const char *image_load(fs_tree_t *t, const uint8_t *base, size_t len)
{
    archive_t ar;
    const char *bad = len ? archive_open(&ar, base, len) : 0;
    for (uint32_t i = 0; !bad && len && i < ar.count; i++) {
        archive_file_t f = archive_file(&ar, i);
        char kind = f.name[0];
        uint8_t type = kind == 'd'   ? WASI_FILETYPE_DIRECTORY
                       : kind == 'f' ? WASI_FILETYPE_REGULAR_FILE
                                     : WASI_FILETYPE_SYMBOLIC_LINK;
        if ((kind != 'd' && kind != 'f' && kind != 'l') || f.name[1] != '/')
            return "an entry whose name is not d/PATH, f/PATH or l/PATH";
        bad = add(t, f.name + 2, type, &f);
    }
    return bad;
}
