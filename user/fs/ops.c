/* SPDX-License-Identifier: MIT */
/* ops.c: the file server's requests (fs_proto.h) carried out on its tree, with each client's handles. */
#include "ops.h"
#include "jx.h"

/*
 * Each request is decoded first -- its client, handles, paths and flags
 * checked -- and only then carried out, so a refused request changes
 * nothing. A client is a badge; its handles are an index into its own
 * table, so a handle number means nothing to another client. The WASI
 * layer in the client has already checked rights and refused absolute
 * paths; the server checks again what it must not trust: that a handle is
 * the client's, that it was opened for reading or writing, that a path
 * stays beneath its directory (tree_walk), and the quota.
 */
typedef struct fs_handle {
    fs_node_t *node; /* NULL: free */
    bool read, write;
} fs_handle_t;

typedef struct fs_client {
    uint64_t badge; /* 0: free (the root gives badges from 1) */
    fs_handle_t h[FS_MAX_HANDLES];
} fs_client_t;

static struct {
    fs_tree_t *tree;
    bool readonly;
    fs_client_t clients[FS_MAX_CLIENTS];
} s;

void ops_init(fs_tree_t *t, bool readonly)
{
    s.tree = t;
    s.readonly = readonly;
}

/* The client with this badge, made on its first request; NULL when the table is full. */
static fs_client_t *client_of(uint64_t badge)
{
    fs_client_t *free_one = 0;
    if (!badge)
        return 0; /* the root badges every capability it gives from 1 */
    for (uint32_t i = 0; i < FS_MAX_CLIENTS; i++) {
        if (s.clients[i].badge == badge)
            return &s.clients[i];
        if (!s.clients[i].badge && !free_one)
            free_one = &s.clients[i];
    }
    if (free_one)
        free_one->badge = badge;
    return free_one;
}

/* Client c's open handle h, or NULL. */
static fs_handle_t *handle_of(fs_client_t *c, int32_t h)
{
    if (h < 0 || h >= FS_MAX_HANDLES || !c->h[h].node)
        return 0;
    return &c->h[h];
}

/* The directory a path is beneath: the root, or one of c's handles. */
static uint16_t dir_of(fs_client_t *c, int32_t h, fs_node_t **out)
{
    fs_handle_t *d = h == FS_ROOT ? 0 : handle_of(c, h);
    if (h != FS_ROOT && !d)
        return WASI_EBADF;
    *out = d ? d->node : s.tree->root;
    return (*out)->type == WASI_FILETYPE_DIRECTORY ? 0 : WASI_ENOTDIR;
}

/* Resolves request path (dir, p[0, n)). */
static uint16_t walk(fs_client_t *c, int32_t dir, const char *p, size_t n, bool follow,
                     fs_walk_t *w)
{
    fs_node_t *d;
    uint16_t err = dir_of(c, dir, &d);
    return err ? err : tree_walk(s.tree, d, p, n, follow, w);
}

/* ---- open, close ---- */

static uint16_t open_checks(const struct fs_request *q, fs_node_t *n)
{
    bool is_dir = n->type == WASI_FILETYPE_DIRECTORY;
    if ((q->oflags & WASI_O_DIRECTORY) && !is_dir)
        return WASI_ENOTDIR;
    if (is_dir && (q->access & WASI_ACCESS_WRITE))
        return WASI_EISDIR;
    if (n->type == WASI_FILETYPE_SYMBOLIC_LINK && q->access)
        return WASI_ELOOP; /* O_NOFOLLOW on a symlink, as Linux answers */
    if (s.readonly && ((q->access & WASI_ACCESS_WRITE) || (q->oflags & WASI_O_TRUNC)))
        return WASI_EROFS;
    return 0;
}

/* The node to open: the existing one, or a new file for O_CREAT. */
static uint16_t open_node(const struct fs_request *q, const fs_walk_t *w, fs_node_t **n)
{
    if (w->node) {
        if ((q->oflags & WASI_O_CREAT) && (q->oflags & WASI_O_EXCL))
            return WASI_EEXIST;
        if (w->slash && w->node->type != WASI_FILETYPE_DIRECTORY)
            return WASI_ENOTDIR;
        *n = w->node;
        return open_checks(q, *n);
    }
    if (!(q->oflags & WASI_O_CREAT))
        return WASI_ENOENT;
    if (w->slash || (q->oflags & WASI_O_DIRECTORY))
        return WASI_EISDIR; /* "new/" cannot be created as a file */
    if (s.readonly)
        return WASI_EROFS;
    return tree_create(s.tree, w->dir, w->leaf, w->leaf_len, WASI_FILETYPE_REGULAR_FILE, n);
}

static uint16_t op_open(fs_client_t *c, const struct fs_request *q, const char *p,
                        struct fs_reply *r)
{
    fs_walk_t w;
    fs_node_t *n;
    int32_t h = 0;
    while (h < FS_MAX_HANDLES && c->h[h].node)
        h++;
    if (h == FS_MAX_HANDLES)
        return WASI_EMFILE;
    uint16_t err = walk(c, q->dir, p, q->path_len, q->flags & FS_FOLLOW, &w);
    if (!err)
        err = open_node(q, &w, &n);
    if (!err && (q->oflags & WASI_O_TRUNC) && n->type == WASI_FILETYPE_REGULAR_FILE)
        err = tree_set_size(s.tree, n, 0);
    if (err)
        return err;
    n->nopen++;
    c->h[h] = (fs_handle_t){ n, q->access & WASI_ACCESS_READ, q->access & WASI_ACCESS_WRITE };
    r->handle = h;
    r->filetype = n->type;
    return 0;
}

static uint16_t op_reset(fs_client_t *c)
{
    for (uint32_t h = 0; h < FS_MAX_HANDLES; h++)
        if (c->h[h].node) {
            tree_release(s.tree, c->h[h].node);
            c->h[h].node = 0;
        }
    return 0;
}

static uint16_t op_close(fs_client_t *c, const struct fs_request *q)
{
    fs_handle_t *h = handle_of(c, q->dir);
    if (!h)
        return WASI_EBADF;
    fs_node_t *n = h->node;
    h->node = 0;
    tree_release(s.tree, n);
    return 0;
}

/* ---- bytes ---- */

/* The handle pread (`write` false) or pwrite acts on: the client's, a file, opened for it. */
static uint16_t io_handle(fs_client_t *c, const struct fs_request *q, bool write, fs_handle_t **out)
{
    fs_handle_t *h = handle_of(c, q->dir);
    if (!h)
        return WASI_EBADF;
    if (h->node->type == WASI_FILETYPE_DIRECTORY)
        return WASI_EISDIR;
    if (!(write ? h->write : h->read))
        return WASI_EBADF;
    *out = h;
    return 0;
}

static uint16_t op_pread(fs_client_t *c, const struct fs_request *q, char *out, struct fs_reply *r)
{
    fs_handle_t *h;
    uint16_t err = io_handle(c, q, false, &h);
    if (err)
        return err;
    r->n = tree_read(h->node, q->off, out, q->len < FS_DATA_MAX ? q->len : FS_DATA_MAX);
    h->node->atim = s.tree->now();
    return 0;
}

static uint16_t op_pwrite(fs_client_t *c, const struct fs_request *q, const char *data, size_t len,
                          struct fs_reply *r)
{
    fs_handle_t *h;
    uint16_t err = io_handle(c, q, true, &h);
    if (err)
        return err;
    uint64_t off = q->off == FS_APPEND ? h->node->size : q->off;
    err = tree_write(s.tree, h->node, off, data, len);
    if (err)
        return err;
    r->n = len;
    r->off = off + len;
    return 0;
}

static uint16_t op_set_size(fs_client_t *c, const struct fs_request *q)
{
    fs_handle_t *h = handle_of(c, q->dir);
    if (!h)
        return WASI_EBADF;
    if (h->node->type == WASI_FILETYPE_DIRECTORY)
        return WASI_EISDIR;
    if (!h->write)
        return WASI_EINVAL; /* ftruncate on a file not open for writing */
    return tree_set_size(s.tree, h->node, q->off);
}

/* ---- metadata ---- */

static uint16_t op_stat(fs_client_t *c, const struct fs_request *q, struct fs_reply *r)
{
    fs_handle_t *h = handle_of(c, q->dir);
    if (!h)
        return WASI_EBADF;
    tree_stat(h->node, &r->st);
    return 0;
}

static uint16_t op_stat_at(fs_client_t *c, const struct fs_request *q, const char *p,
                           struct fs_reply *r)
{
    fs_walk_t w;
    fs_node_t *n;
    uint16_t err = walk(c, q->dir, p, q->path_len, q->flags & FS_FOLLOW, &w);
    if (!err)
        err = tree_target(&w, &n);
    if (!err)
        tree_stat(n, &r->st);
    return err;
}

static uint16_t set_times(fs_node_t *n, const struct fs_request *q)
{
    uint64_t now = s.tree->now();
    if (s.readonly)
        return WASI_EROFS;
    if (q->fst & (WASI_FST_ATIM | WASI_FST_ATIM_NOW))
        n->atim = q->fst & WASI_FST_ATIM_NOW ? now : q->atim;
    if (q->fst & (WASI_FST_MTIM | WASI_FST_MTIM_NOW))
        n->mtim = q->fst & WASI_FST_MTIM_NOW ? now : q->mtim;
    n->ctim = now;
    return 0;
}

static uint16_t op_set_times(fs_client_t *c, const struct fs_request *q)
{
    fs_handle_t *h = handle_of(c, q->dir);
    return h ? set_times(h->node, q) : WASI_EBADF;
}

static uint16_t op_set_times_at(fs_client_t *c, const struct fs_request *q, const char *p)
{
    fs_walk_t w;
    fs_node_t *n;
    uint16_t err = walk(c, q->dir, p, q->path_len, q->flags & FS_FOLLOW, &w);
    if (!err)
        err = tree_target(&w, &n);
    return err ? err : set_times(n, q);
}

/* Cookie 0 is ".", 1 "..", then each entry's serial (increasing, kept
 * while entries come and go) is its own cookie. */
static uint16_t op_readdir(fs_client_t *c, const struct fs_request *q, char *out,
                           struct fs_reply *r)
{
    fs_handle_t *h = handle_of(c, q->dir);
    if (!h)
        return WASI_EBADF;
    fs_node_t *d = h->node;
    if (d->type != WASI_FILETYPE_DIRECTORY)
        return WASI_ENOTDIR;
    if (q->off < 2) {
        fs_node_t *n = q->off == 0 || !d->parent ? d : d->parent;
        r->ent = (wasi_dirent_t){ q->off + 1, n->ino, WASI_FILETYPE_DIRECTORY, (uint32_t)q->off + 1,
                                  false };
        memcpy(out, "..", q->off + 1);
        return r->n = q->off + 1, 0;
    }
    for (uint32_t i = 0; i < d->nentries; i++) {
        const fs_entry_t *e = &d->entries[i];
        if (e->serial < q->off)
            continue;
        r->ent = (wasi_dirent_t){ e->serial + 1, e->node->ino, e->node->type, e->len, false };
        r->n = e->len < FS_DATA_MAX ? e->len : FS_DATA_MAX;
        memcpy(out, e->name, r->n);
        return 0;
    }
    r->ent.at_end = true;
    return 0;
}

/* ---- names ---- */

static uint16_t op_mkdir(fs_client_t *c, const struct fs_request *q, const char *p)
{
    fs_walk_t w;
    fs_node_t *n;
    uint16_t err = walk(c, q->dir, p, q->path_len, false, &w);
    if (err)
        return err;
    if (w.node)
        return WASI_EEXIST;
    if (s.readonly)
        return WASI_EROFS;
    return tree_create(s.tree, w.dir, w.leaf, w.leaf_len, WASI_FILETYPE_DIRECTORY, &n);
}

/* rmdir (`dir`) and unlink: what each refuses differs, the removal is one. */
static uint16_t remove_name(fs_client_t *c, const struct fs_request *q, const char *p, bool dir)
{
    fs_walk_t w;
    uint16_t err = walk(c, q->dir, p, q->path_len, false, &w);
    if (err)
        return err;
    if (!w.node)
        return WASI_ENOENT;
    bool is_dir = w.node->type == WASI_FILETYPE_DIRECTORY;
    if (dir && !is_dir)
        return WASI_ENOTDIR;
    if (dir && w.leaf[0] == '.' && w.leaf_len == 1)
        return WASI_EINVAL; /* rmdir(".") */
    if (dir && w.node->nentries)
        return WASI_ENOTEMPTY;
    if (!dir && is_dir)
        return WASI_EISDIR;
    if (!dir && w.slash)
        return WASI_ENOTDIR;
    if (s.readonly)
        return WASI_EROFS;
    tree_unlink(s.tree, w.dir, w.leaf, w.leaf_len);
    return 0;
}

static uint16_t op_rmdir(fs_client_t *c, const struct fs_request *q, const char *p)
{
    return remove_name(c, q, p, true);
}

static uint16_t op_unlink(fs_client_t *c, const struct fs_request *q, const char *p)
{
    return remove_name(c, q, p, false);
}

/* What POSIX refuses about renaming a over b (both resolved, a exists). */
static uint16_t rename_checks(const fs_walk_t *a, const fs_walk_t *b)
{
    bool a_dir = a->node->type == WASI_FILETYPE_DIRECTORY;
    if ((a->leaf_len == 1 && a->leaf[0] == '.') || (b->leaf_len == 1 && b->leaf[0] == '.'))
        return WASI_EBUSY;
    if ((a->slash || b->slash) && !a_dir)
        return WASI_ENOTDIR;
    if (a_dir && tree_is_within(b->dir, a->node))
        return WASI_EINVAL; /* into itself */
    if (b->node && b->node != a->node) {
        bool b_dir = b->node->type == WASI_FILETYPE_DIRECTORY;
        if (a_dir && !b_dir)
            return WASI_ENOTDIR;
        if (!a_dir && b_dir)
            return WASI_EISDIR;
        if (b_dir && b->node->nentries)
            return WASI_ENOTEMPTY;
    }
    return s.readonly ? WASI_EROFS : 0;
}

static uint16_t op_rename(fs_client_t *c, const struct fs_request *q, const char *p)
{
    fs_walk_t a, b;
    uint16_t err = walk(c, q->dir, p, q->path_len, false, &a);
    if (!err && !a.node)
        err = WASI_ENOENT;
    if (!err)
        err = walk(c, q->dir2, p + q->path_len, q->path2_len, false, &b);
    if (!err)
        err = rename_checks(&a, &b);
    if (err)
        return err;
    return tree_rename(s.tree, a.dir, a.leaf, a.leaf_len, b.dir, b.leaf, b.leaf_len);
}

static uint16_t op_link(fs_client_t *c, const struct fs_request *q, const char *p)
{
    fs_walk_t a, b;
    uint16_t err = walk(c, q->dir, p, q->path_len, q->flags & FS_FOLLOW, &a);
    if (!err && !a.node)
        err = WASI_ENOENT;
    if (!err && a.node->type == WASI_FILETYPE_DIRECTORY)
        err = WASI_EPERM;
    if (!err && a.slash)
        err = WASI_ENOTDIR;
    if (!err)
        err = walk(c, q->dir2, p + q->path_len, q->path2_len, false, &b);
    if (!err && (b.node || (b.leaf_len == 1 && b.leaf[0] == '.')))
        err = WASI_EEXIST;
    if (!err && b.slash)
        err = WASI_ENOENT;
    if (!err && s.readonly)
        err = WASI_EROFS;
    return err ? err : tree_link(s.tree, b.dir, b.leaf, b.leaf_len, a.node);
}

/* path is the target's text, path2 the new name. */
static uint16_t op_symlink(fs_client_t *c, const struct fs_request *q, const char *p)
{
    fs_walk_t b;
    fs_node_t *n;
    uint16_t err = walk(c, q->dir, p + q->path_len, q->path2_len, false, &b);
    if (err)
        return err;
    if (b.node)
        return WASI_EEXIST;
    if (b.slash)
        return WASI_ENOENT;
    if (s.readonly)
        return WASI_EROFS;
    err = tree_create(s.tree, b.dir, b.leaf, b.leaf_len, WASI_FILETYPE_SYMBOLIC_LINK, &n);
    if (!err && (err = tree_write(s.tree, n, 0, p, q->path_len)))
        tree_unlink(s.tree, b.dir, b.leaf, b.leaf_len);
    return err;
}

static uint16_t op_readlink(fs_client_t *c, const struct fs_request *q, const char *p, char *out,
                            struct fs_reply *r)
{
    fs_walk_t w;
    uint16_t err = walk(c, q->dir, p, q->path_len, false, &w);
    if (err)
        return err;
    if (!w.node)
        return WASI_ENOENT;
    if (w.slash)
        return w.node->type == WASI_FILETYPE_DIRECTORY ? WASI_EINVAL : WASI_ENOTDIR;
    if (w.node->type != WASI_FILETYPE_SYMBOLIC_LINK)
        return WASI_EINVAL;
    uint64_t cap = q->len < FS_DATA_MAX ? q->len : FS_DATA_MAX;
    r->n = tree_read(w.node, 0, out, cap);
    return 0;
}

/* ---- dispatch ---- */

size_t ops_handle(uint64_t badge, uint32_t op, const struct fs_request *q, const char *data,
                  size_t len, struct fs_reply *r, char *out)
{
    fs_client_t *c = client_of(badge);
    *r = (struct fs_reply){ .handle = -1 };
    if (!c)
        r->err = WASI_ENFILE; /* more clients than the table holds */
    else if ((size_t)q->path_len + q->path2_len > len)
        r->err = WASI_EINVAL;
    else
        switch (op) {
        case FS_OP_OPEN: r->err = op_open(c, q, data, r); break;
        case FS_OP_CLOSE: r->err = op_close(c, q); break;
        case FS_OP_PREAD: r->err = op_pread(c, q, out, r); break;
        case FS_OP_PWRITE: r->err = op_pwrite(c, q, data, len, r); break;
        case FS_OP_STAT: r->err = op_stat(c, q, r); break;
        case FS_OP_STAT_AT: r->err = op_stat_at(c, q, data, r); break;
        case FS_OP_SET_SIZE: r->err = s.readonly ? WASI_EROFS : op_set_size(c, q); break;
        case FS_OP_SET_TIMES: r->err = op_set_times(c, q); break;
        case FS_OP_SET_TIMES_AT: r->err = op_set_times_at(c, q, data); break;
        case FS_OP_READDIR: r->err = op_readdir(c, q, out, r); break;
        case FS_OP_MKDIR: r->err = op_mkdir(c, q, data); break;
        case FS_OP_RMDIR: r->err = op_rmdir(c, q, data); break;
        case FS_OP_UNLINK: r->err = op_unlink(c, q, data); break;
        case FS_OP_RENAME: r->err = op_rename(c, q, data); break;
        case FS_OP_LINK: r->err = op_link(c, q, data); break;
        case FS_OP_SYMLINK: r->err = op_symlink(c, q, data); break;
        case FS_OP_READLINK: r->err = op_readlink(c, q, data, out, r); break;
        case FS_OP_RESET: r->err = op_reset(c); break;
        default: r->err = WASI_ENOSYS;
        }
    bool bytes = !r->err && (op == FS_OP_PREAD || op == FS_OP_READDIR || op == FS_OP_READLINK);
    return bytes ? (size_t)r->n : 0;
}
