/* SPDX-License-Identifier: MIT */
/* tree.h: the file server's in-memory tree: nodes, directories, path resolution beneath a directory, the quota. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../wasi/wasi.h"

/*
 * One tree per server. A node is a directory, a regular file or a symlink;
 * a file's bytes live in blocks of TREE_BLOCK bytes, made on the first
 * write to them: until then a block reads as the image's bytes (read-only,
 * in the job's mapping) or, past them, as zeros, so a file grows without
 * copying and a hole costs nothing. Everything the tree
 * allocates (nodes, names, entries, copied bytes) is charged to its quota:
 * past it a change fails with WASI_ENOSPC and leaves the tree as it was.
 * A node lives while a name or an open handle refers to it.
 */
typedef struct fs_node fs_node_t;

#define TREE_BLOCK 4096u

typedef struct fs_entry {
    fs_node_t *node;
    uint64_t serial; /* readdir's cookie: increasing in the array's order */
    uint32_t len;
    char *name;
} fs_entry_t;

struct fs_node {
    uint8_t type; /* WASI_FILETYPE_DIRECTORY, _REGULAR_FILE or _SYMBOLIC_LINK */
    uint32_t nlink, nopen; /* names and handles that keep it */
    uint64_t ino, atim, mtim, ctim;
    uint64_t size; /* bytes of a file or symlink */
    uint8_t **blocks; /* TREE_BLOCK bytes each, on the heap; NULL: not written yet */
    uint64_t nblocks; /* entries of `blocks` */
    const uint8_t *image; /* the image's bytes [0, image_len), read where no block is */
    uint64_t image_len;
    fs_node_t *parent; /* a directory's; NULL once removed */
    fs_entry_t *entries; /* a directory's, without "." and ".." */
    uint32_t nentries, entcap;
    uint64_t next_serial;
};

typedef struct fs_tree {
    fs_node_t *root;
    uint64_t quota, used; /* bytes */
    uint64_t next_ino;
    uint64_t (*now)(void); /* the clock, for timestamps */
} fs_tree_t;

/* A path resolved for a call that acts on its last component: the
 * directory it is in, the name (a copy; "." when the path ends in "." or
 * ".."), whether a '/' followed it, and the node it names (NULL: none). */
typedef struct fs_walk {
    fs_node_t *dir;
    char leaf[WASI_NAME_MAX + 1];
    uint32_t leaf_len;
    bool slash;
    fs_node_t *node;
} fs_walk_t;

/* An empty tree (its root directory) with `quota` bytes; false if not even that fits. */
bool tree_init(fs_tree_t *t, uint64_t quota, uint64_t (*now)(void));

/* Resolves path[0, len) beneath `start` (a directory): `..` and symlinks
 * may not lead above it (WASI_ENOTCAPABLE), nor may an absolute symlink;
 * intermediate symlinks are followed, the last one if `follow` or a '/'
 * follows it. Fills *w; an error for a missing or non-directory
 * intermediate component, a loop or an over-long expansion. */
uint16_t tree_walk(fs_tree_t *t, fs_node_t *start, const char *path, size_t len, bool follow,
                   fs_walk_t *w);

/* The node w names, as open and stat want it: ENOENT if none, ENOTDIR for
 * a non-directory named with a trailing '/'. */
uint16_t tree_target(const fs_walk_t *w, fs_node_t **out);

/* Creates name in dir (no such entry yet) as a new node of `type`. */
uint16_t tree_create(fs_tree_t *t, fs_node_t *dir, const char *name, uint32_t len, uint8_t type,
                     fs_node_t **out);
/* Adds a name for an existing non-directory node. */
uint16_t tree_link(fs_tree_t *t, fs_node_t *dir, const char *name, uint32_t len, fs_node_t *n);
/* Removes dir's entry `name` (which must exist); frees the node when nothing keeps it. */
void tree_unlink(fs_tree_t *t, fs_node_t *dir, const char *name, uint32_t len);
/* Moves the entry; replaces an existing destination (already checked by the caller). */
uint16_t tree_rename(fs_tree_t *t, fs_node_t *from, const char *name, uint32_t len, fs_node_t *to,
                     const char *name2, uint32_t len2);
/* The entry of dir called name, or NULL. */
fs_entry_t *tree_lookup(fs_node_t *dir, const char *name, uint32_t len);
/* Is `a` dir itself or a directory beneath it? (A rename may not move a directory into itself.) */
bool tree_is_within(const fs_node_t *a, const fs_node_t *dir);

/* A node's bytes: pread copies up to n from off, returns the count. */
size_t tree_read(const fs_node_t *n, uint64_t off, void *buf, size_t len);
/* Writes len bytes at off, growing the file (zero-filled gap). */
uint16_t tree_write(fs_tree_t *t, fs_node_t *n, uint64_t off, const void *buf, size_t len);
uint16_t tree_set_size(fs_tree_t *t, fs_node_t *n, uint64_t size);

/* A handle closed: frees the node when nothing else keeps it. */
void tree_release(fs_tree_t *t, fs_node_t *n);
void tree_stat(const fs_node_t *n, wasi_filestat_t *st);
