/* SPDX-License-Identifier: MIT */
/* tree.c: the file server's in-memory tree: nodes, directories, path resolution beneath a directory, the quota. */
#include "tree.h"
#include "../runner/heap.h"
#include "jx.h"

/* Symlinks one resolution follows before WASI_ELOOP (Linux's limit). */
#define TREE_MAX_SYMLINKS 40

/* ---- memory, charged to the quota ---- */

static void *tree_alloc(fs_tree_t *t, size_t size)
{
    if (size > t->quota - t->used)
        return 0;
    void *p = heap_allocator.alloc(heap_allocator.ud, size ? size : 1);
    if (p)
        t->used += size;
    return p;
}

static void tree_free(fs_tree_t *t, void *p, size_t size)
{
    if (!p)
        return;
    heap_allocator.free(heap_allocator.ud, p, size ? size : 1);
    t->used -= size;
}

static fs_node_t *node_new(fs_tree_t *t, uint8_t type)
{
    fs_node_t *n = tree_alloc(t, sizeof *n);
    if (!n)
        return 0;
    uint64_t now = t->now();
    *n = (fs_node_t){ .type = type,
                      .ino = t->next_ino++,
                      .atim = now,
                      .mtim = now,
                      .ctim = now,
                      .next_serial = 2 /* 0 and 1: "." and ".." */ };
    return n;
}

static void node_free(fs_tree_t *t, fs_node_t *n)
{
    for (uint64_t b = 0; b < n->nblocks; b++)
        tree_free(t, n->blocks[b], TREE_BLOCK);
    tree_free(t, n->blocks, n->nblocks * sizeof *n->blocks);
    for (uint32_t i = 0; i < n->nentries; i++)
        tree_free(t, n->entries[i].name, n->entries[i].len);
    tree_free(t, n->entries, n->entcap * sizeof *n->entries);
    tree_free(t, n, sizeof *n);
}

/* Frees n once no name and no handle keeps it. */
static void node_maybe_free(fs_tree_t *t, fs_node_t *n)
{
    if (n->nlink == 0 && n->nopen == 0)
        node_free(t, n);
}

void tree_release(fs_tree_t *t, fs_node_t *n)
{
    n->nopen--;
    node_maybe_free(t, n);
}

bool tree_init(fs_tree_t *t, uint64_t quota, uint64_t (*now)(void))
{
    *t = (fs_tree_t){ .quota = quota, .next_ino = 1, .now = now };
    t->root = node_new(t, WASI_FILETYPE_DIRECTORY);
    if (!t->root)
        return false;
    t->root->nlink = 2; /* "." and the tree itself keep it */
    t->root->parent = t->root;
    return true;
}

/* ---- directories ---- */

fs_entry_t *tree_lookup(fs_node_t *dir, const char *name, uint32_t len)
{
    for (uint32_t i = 0; i < dir->nentries; i++)
        if (dir->entries[i].len == len && memcmp(dir->entries[i].name, name, len) == 0)
            return &dir->entries[i];
    return 0;
}

/* Appends an entry for n (the caller counts the link). */
static uint16_t entry_add(fs_tree_t *t, fs_node_t *dir, const char *name, uint32_t len,
                          fs_node_t *n)
{
    if (dir->nentries == dir->entcap) {
        uint32_t cap = dir->entcap ? dir->entcap * 2 : 8;
        fs_entry_t *e = tree_alloc(t, cap * sizeof *e);
        if (!e)
            return WASI_ENOSPC;
        if (dir->nentries)
            memcpy(e, dir->entries, dir->nentries * sizeof *e);
        tree_free(t, dir->entries, dir->entcap * sizeof *e);
        dir->entries = e;
        dir->entcap = cap;
    }
    char *copy = tree_alloc(t, len);
    if (!copy)
        return WASI_ENOSPC;
    memcpy(copy, name, len);
    dir->entries[dir->nentries++] = (fs_entry_t){ n, dir->next_serial++, len, copy };
    dir->mtim = dir->ctim = t->now();
    return 0;
}

/* Removes entry e of dir, keeping the order (readdir's cookies stay valid). */
static void entry_remove(fs_tree_t *t, fs_node_t *dir, fs_entry_t *e)
{
    tree_free(t, e->name, e->len);
    uint32_t i = (uint32_t)(e - dir->entries);
    memmove(e, e + 1, (dir->nentries - i - 1) * sizeof *e);
    dir->nentries--;
    dir->mtim = dir->ctim = t->now();
}

uint16_t tree_create(fs_tree_t *t, fs_node_t *dir, const char *name, uint32_t len, uint8_t type,
                     fs_node_t **out)
{
    if (!dir->nlink)
        return WASI_ENOENT; /* a removed directory (still open) takes no new names */
    fs_node_t *n = node_new(t, type);
    if (!n)
        return WASI_ENOSPC;
    uint16_t err = entry_add(t, dir, name, len, n);
    if (err) {
        node_free(t, n);
        return err;
    }
    n->nlink = type == WASI_FILETYPE_DIRECTORY ? 2 : 1;
    if (type == WASI_FILETYPE_DIRECTORY) {
        n->parent = dir;
        dir->nlink++;
    }
    *out = n;
    return 0;
}

uint16_t tree_link(fs_tree_t *t, fs_node_t *dir, const char *name, uint32_t len, fs_node_t *n)
{
    uint16_t err = dir->nlink ? entry_add(t, dir, name, len, n) : WASI_ENOENT;
    if (!err) {
        n->nlink++;
        n->ctim = t->now();
    }
    return err;
}

/* A directory leaves its parent: it is empty, so only its own links go. */
static void dir_detach(fs_node_t *dir, fs_node_t *n)
{
    dir->nlink--;
    n->nlink = 0;
    n->parent = 0;
}

void tree_unlink(fs_tree_t *t, fs_node_t *dir, const char *name, uint32_t len)
{
    fs_entry_t *e = tree_lookup(dir, name, len);
    fs_node_t *n = e->node;
    entry_remove(t, dir, e);
    if (n->type == WASI_FILETYPE_DIRECTORY)
        dir_detach(dir, n);
    else
        n->nlink--;
    n->ctim = t->now();
    node_maybe_free(t, n);
}

bool tree_is_within(const fs_node_t *a, const fs_node_t *dir)
{
    for (; a; a = a->parent == a ? 0 : a->parent)
        if (a == dir)
            return true;
    return false;
}

uint16_t tree_rename(fs_tree_t *t, fs_node_t *from, const char *name, uint32_t len, fs_node_t *to,
                     const char *name2, uint32_t len2)
{
    fs_node_t *n = tree_lookup(from, name, len)->node;
    fs_entry_t *old = tree_lookup(to, name2, len2);
    if (old && old->node == n)
        return 0; /* two names of one file: POSIX does nothing */
    if (!to->nlink)
        return WASI_ENOENT;
    /* The new name first, so that running out of room changes nothing. */
    n->nlink++;
    uint16_t err = old ? 0 : entry_add(t, to, name2, len2, n);
    if (err) {
        n->nlink--;
        return err;
    }
    if (old) {
        fs_node_t *gone = old->node;
        old->node = n;
        if (gone->type == WASI_FILETYPE_DIRECTORY)
            dir_detach(to, gone);
        else
            gone->nlink--;
        node_maybe_free(t, gone);
        to->mtim = to->ctim = t->now();
    }
    entry_remove(t, from,
                 tree_lookup(from, name, len)); /* looked up again: the array may have moved */
    n->nlink--;
    if (n->type == WASI_FILETYPE_DIRECTORY && from != to) {
        from->nlink--;
        to->nlink++;
        n->parent = to;
    }
    n->ctim = t->now();
    return 0;
}

/* ---- path resolution ---- */

/* The path being resolved, and room to splice a symlink's text into it. */
static char walk_buf[2][WASI_PATH_MAX + 1];

/* Replaces the path with text[0, tlen) followed by rest[0, rlen) (rest
 * keeps its leading '/'), in the other buffer; *p points at it. */
static uint16_t splice(const char *text, size_t tlen, const char *rest, size_t rlen, int *cur,
                       const char **p, size_t *len)
{
    if (tlen && text[0] == '/')
        return WASI_ENOTCAPABLE; /* an absolute symlink leaves every directory */
    if (tlen + rlen > WASI_PATH_MAX)
        return WASI_ENAMETOOLONG;
    char *to = walk_buf[*cur ^ 1];
    memmove(to + tlen, rest, rlen); /* rest may lie in either buffer; move it first */
    if (tlen)
        memcpy(to, text, tlen);
    *cur ^= 1;
    *p = to;
    *len = tlen + rlen;
    return 0;
}

/* A symlink's text (at most WASI_PATH_MAX bytes: one block or the image's). */
static const char *link_text(const fs_node_t *n)
{
    return (const char *)(n->nblocks ? n->blocks[0] : n->image);
}

/* One step of `..`: refused at the start directory, ENOENT from a removed one. */
static uint16_t step_up(fs_node_t **cur, uint32_t *depth)
{
    if (*depth == 0)
        return WASI_ENOTCAPABLE;
    if (!(*cur)->parent)
        return WASI_ENOENT;
    *cur = (*cur)->parent;
    (*depth)--;
    return 0;
}

uint16_t tree_walk(fs_tree_t *t, fs_node_t *start, const char *path, size_t len, bool follow,
                   fs_walk_t *w)
{
    fs_node_t *cur = start;
    uint32_t depth = 0, links = 0;
    int buf = 0;
    (void)t;
    if (len > WASI_PATH_MAX)
        return WASI_ENAMETOOLONG;
    if (len && path[0] == '/')
        return WASI_ENOTCAPABLE; /* as openat2's RESOLVE_BENEATH answers on the host */
    memcpy(walk_buf[0], path, len);
    const char *p = walk_buf[0];
    for (size_t at = 0;;) {
        if (cur->type != WASI_FILETYPE_DIRECTORY)
            return WASI_ENOTDIR;
        while (at < len && p[at] == '/')
            at++;
        size_t c = at;
        while (at < len && p[at] != '/')
            at++;
        size_t clen = at - c, after = at;
        while (after < len && p[after] == '/')
            after++;
        bool last = after == len;
        if (clen == 0)
            return WASI_ENOENT; /* an empty path, or a symlink to "" */
        if (clen > WASI_NAME_MAX)
            return WASI_ENAMETOOLONG;
        bool dot = clen == 1 && p[c] == '.', dotdot = clen == 2 && p[c] == '.' && p[c + 1] == '.';
        uint16_t err = dotdot ? step_up(&cur, &depth) : 0;
        if (err)
            return err;
        if (dot || dotdot) {
            if (!last)
                continue;
            *w = (fs_walk_t){
                .dir = cur, .leaf = ".", .leaf_len = 1, .slash = at < len, .node = cur
            };
            return 0;
        }
        fs_entry_t *e = tree_lookup(cur, p + c, (uint32_t)clen);
        fs_node_t *n = e ? e->node : 0;
        if (n && n->type == WASI_FILETYPE_SYMBOLIC_LINK && (!last || follow || at < len)) {
            if (++links > TREE_MAX_SYMLINKS)
                return WASI_ELOOP;
            if ((err = splice(link_text(n), n->size, p + at, len - at, &buf, &p, &len)))
                return err;
            at = 0;
            continue;
        }
        if (last) {
            *w =
                (fs_walk_t){ .dir = cur, .leaf_len = (uint32_t)clen, .slash = at < len, .node = n };
            memcpy(w->leaf, p + c, clen);
            w->leaf[clen] = 0;
            return 0;
        }
        if (!n)
            return WASI_ENOENT;
        if (n->type != WASI_FILETYPE_DIRECTORY)
            return WASI_ENOTDIR;
        cur = n;
        depth++;
    }
}

uint16_t tree_target(const fs_walk_t *w, fs_node_t **out)
{
    if (!w->node)
        return WASI_ENOENT;
    if (w->slash && w->node->type != WASI_FILETYPE_DIRECTORY)
        return WASI_ENOTDIR;
    *out = w->node;
    return 0;
}

/* ---- bytes ---- */

size_t tree_read(const fs_node_t *n, uint64_t off, void *buf, size_t len)
{
    if (off >= n->size)
        return 0;
    size_t total = n->size - off < len ? (size_t)(n->size - off) : len;
    uint8_t *to = buf;
    for (size_t done = 0; done < total;) {
        uint64_t at = off + done, b = at / TREE_BLOCK, in = at % TREE_BLOCK;
        size_t k = TREE_BLOCK - in < total - done ? (size_t)(TREE_BLOCK - in) : total - done;
        size_t from_image = at < n->image_len ? (n->image_len - at < k ? n->image_len - at : k) : 0;
        if (b < n->nblocks && n->blocks[b]) {
            memcpy(to + done, n->blocks[b] + in, k);
        } else {
            if (from_image)
                memcpy(to + done, n->image + at, from_image);
            memset(to + done + from_image, 0, k - from_image);
        }
        done += k;
    }
    return total;
}

/* Bytes the blocks of [off, off + len) and a longer table would take: the
 * quota is checked before anything changes. */
static uint64_t write_cost(const fs_node_t *n, uint64_t off, uint64_t len, uint64_t *table)
{
    uint64_t first = off / TREE_BLOCK, end = (off + len + TREE_BLOCK - 1) / TREE_BLOCK, cost = 0;
    for (uint64_t b = first; b < end; b++)
        cost += b >= n->nblocks || !n->blocks[b] ? TREE_BLOCK : 0;
    for (*table = n->nblocks ? n->nblocks : 4; *table < end; *table *= 2) {
    }
    return cost + (*table > n->nblocks ? *table * sizeof *n->blocks : 0);
}

/* The block table grown to `table` entries, the new ones empty; false if the heap has no room. */
static bool grow_table(fs_tree_t *t, fs_node_t *n, uint64_t table)
{
    uint8_t **b = tree_alloc(t, table * sizeof *b);
    if (!b)
        return false;
    if (n->nblocks)
        memcpy(b, n->blocks, n->nblocks * sizeof *b);
    memset(b + n->nblocks, 0, (table - n->nblocks) * sizeof *b);
    tree_free(t, n->blocks, n->nblocks * sizeof *b);
    n->blocks = b;
    n->nblocks = table;
    return true;
}

/* Block b made: what it read as (the image's bytes, then zeros); false if the heap has no room. */
static bool make_block(fs_tree_t *t, fs_node_t *n, uint64_t b)
{
    uint64_t at = b * TREE_BLOCK;
    size_t k =
        at < n->image_len ? (n->image_len - at < TREE_BLOCK ? n->image_len - at : TREE_BLOCK) : 0;
    if (!(n->blocks[b] = tree_alloc(t, TREE_BLOCK)))
        return false;
    if (k)
        memcpy(n->blocks[b], n->image + at, k);
    memset(n->blocks[b] + k, 0, TREE_BLOCK - k);
    return true;
}

uint16_t tree_write(fs_tree_t *t, fs_node_t *n, uint64_t off, const void *buf, size_t len)
{
    uint64_t table;
    if (off + len < off || off + len > (1ull << 40))
        return WASI_EFBIG;
    if (len == 0)
        return 0;
    if (write_cost(n, off, len, &table) > t->quota - t->used)
        return WASI_ENOSPC;
    /* The heap may still fail (fragmentation, though it has the quota and
     * more): then what was written so far stays, as a short write. */
    if (table > n->nblocks && !grow_table(t, n, table))
        return WASI_ENOSPC;
    for (size_t done = 0; done < len;) {
        uint64_t at = off + done, b = at / TREE_BLOCK, in = at % TREE_BLOCK;
        size_t k = TREE_BLOCK - in < len - done ? (size_t)(TREE_BLOCK - in) : len - done;
        if (!n->blocks[b] && !make_block(t, n, b)) {
            if (at > n->size)
                n->size = at;
            return WASI_ENOSPC;
        }
        memcpy(n->blocks[b] + in, (const uint8_t *)buf + done, k);
        done += k;
    }
    if (off + len > n->size)
        n->size = off + len;
    n->mtim = n->ctim = t->now();
    return 0;
}

/* Shrinking forgets what lay past the new end: blocks beyond it go, the
 * last one's tail is zeroed and the image is cut, so growing again reads zeros. */
uint16_t tree_set_size(fs_tree_t *t, fs_node_t *n, uint64_t size)
{
    if (size > (1ull << 40))
        return WASI_EFBIG;
    if (size < n->size) {
        uint64_t keep = (size + TREE_BLOCK - 1) / TREE_BLOCK;
        for (uint64_t b = keep; b < n->nblocks; b++) {
            tree_free(t, n->blocks[b], TREE_BLOCK);
            n->blocks[b] = 0;
        }
        if (size % TREE_BLOCK && keep - 1 < n->nblocks && n->blocks[keep - 1])
            memset(n->blocks[keep - 1] + size % TREE_BLOCK, 0, TREE_BLOCK - size % TREE_BLOCK);
        if (n->image_len > size)
            n->image_len = size;
    }
    n->size = size;
    n->mtim = n->ctim = t->now();
    return 0;
}

void tree_stat(const fs_node_t *n, wasi_filestat_t *st)
{
    *st = (wasi_filestat_t){ .dev = 1,
                             .ino = n->ino,
                             .filetype = n->type,
                             .nlink = n->nlink,
                             .size = n->type == WASI_FILETYPE_DIRECTORY ? 4096 : n->size,
                             .atim = n->atim,
                             .mtim = n->mtim,
                             .ctim = n->ctim };
}
