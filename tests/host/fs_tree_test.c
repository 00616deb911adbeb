/* SPDX-License-Identifier: MIT */
/* fs_tree_test.c: the file server's tree and requests (user/fs/tree.c, ops.c, image.c) on the host, under ASan+UBSan. */
#include <stdlib.h>

#include "../../tools/jericho/archive_pack.h"
#include "../../user/fs/image.h"
#include "../../user/fs/ops.h"
#include "../../user/runner/heap.h"
#include "hosttest.h"

/* The server's heap is the runner's; here, libc's, with the size checked. */
static void *test_alloc(void *ud, size_t size)
{
    (void)ud;
    return malloc(size);
}
static void test_free(void *ud, void *p, size_t size)
{
    (void)ud, (void)size;
    free(p);
}
const jw_allocator_t heap_allocator = { test_alloc, test_free, 0 };

static uint64_t clock_ns;
static uint64_t now(void) { return ++clock_ns; }

static fs_tree_t tree;
static char out[FS_DATA_MAX];
static struct fs_reply rep;

/* One request from client `badge` with path p (and p2); its errno. */
static uint16_t req2(uint64_t badge, uint32_t op, struct fs_request q, const char *p,
                     const char *p2)
{
    static char data[FS_DATA_MAX];
    size_t a = p ? strlen(p) : 0, b = p2 ? strlen(p2) : 0;
    memcpy(data, p ? p : "", a);
    memcpy(data + a, p2 ? p2 : "", b);
    q.path_len = (uint16_t)a;
    q.path2_len = (uint16_t)b;
    ops_handle(badge, op, &q, data, a + b, &rep, out);
    return rep.err;
}
static uint16_t req(uint32_t op, struct fs_request q, const char *p)
{
    return req2(1, op, q, p, NULL);
}

static int32_t open_rw(const char *p, uint32_t oflags)
{
    struct fs_request q = { .dir = FS_ROOT,
                            .oflags = oflags,
                            .access = WASI_ACCESS_READ | WASI_ACCESS_WRITE };
    return req(FS_OP_OPEN, q, p) ? -1 : rep.handle;
}

/* A tree from an image: a file, a directory, symlinks in and out. */
static void test_image(void)
{
    pack_file_t files[] = {
        { "f/hello.txt", (const uint8_t *)"hello", 5 }, { "d/empty", NULL, 0 },
        { "f/sub/deep/x", (const uint8_t *)"x", 1 },    { "l/in", (const uint8_t *)"sub/deep", 8 },
        { "l/out", (const uint8_t *)"../x", 4 },        { "l/abs", (const uint8_t *)"/etc", 4 },
        { "l/loop", (const uint8_t *)"loop", 4 },
    };
    size_t len;
    const char *err;
    static uint8_t *img;
    img = archive_pack(files, 7, &len, &err);
    HT_CHECK(img && tree_init(&tree, 1 << 20, now));
    HT_CHECK(image_load(&tree, img, len) == NULL);
    ops_init(&tree, false);
    struct fs_request q = { .dir = FS_ROOT, .flags = FS_FOLLOW };
    HT_CHECK(req(FS_OP_STAT_AT, q, "in/x") == 0 && rep.st.size == 1);
    HT_CHECK(req(FS_OP_STAT_AT, q, "out") == WASI_ENOTCAPABLE);
    HT_CHECK(req(FS_OP_STAT_AT, q, "abs") == WASI_ENOTCAPABLE);
    HT_CHECK(req(FS_OP_STAT_AT, q, "loop") == WASI_ELOOP);
    HT_CHECK(req(FS_OP_STAT_AT, q, "sub/../..") == WASI_ENOTCAPABLE);
    HT_CHECK(req(FS_OP_STAT_AT, q, "/hello.txt") == WASI_ENOTCAPABLE);
    HT_CHECK(req(FS_OP_STAT_AT, q, "hello.txt/") == WASI_ENOTDIR);
    HT_CHECK(req(FS_OP_STAT_AT, q, "sub/./deep/../deep/x") == 0);
    q.flags = 0;
    HT_CHECK(req(FS_OP_STAT_AT, q, "out") == 0 && rep.st.filetype == WASI_FILETYPE_SYMBOLIC_LINK);
    /* beneath a subdirectory handle: `..` stops at it */
    q = (struct fs_request){ .dir = FS_ROOT,
                             .oflags = WASI_O_DIRECTORY,
                             .access = WASI_ACCESS_READ };
    HT_CHECK(req(FS_OP_OPEN, q, "sub") == 0);
    q = (struct fs_request){ .dir = rep.handle, .flags = FS_FOLLOW };
    HT_CHECK(req(FS_OP_STAT_AT, q, "deep/x") == 0);
    HT_CHECK(req(FS_OP_STAT_AT, q, "../hello.txt") == WASI_ENOTCAPABLE);
    /* img stays: the tree reads its bytes in place, as the server reads its job's */
}

/* The image's bytes read in place, copied into a block on the first write; a cut forgets them. */
static void test_bytes(void)
{
    int32_t h = open_rw("hello.txt", 0);
    struct fs_request q = { .dir = h, .off = 2 };
    HT_CHECK(h >= 0 && req(FS_OP_PWRITE, q, "XY") == 0 && rep.off == 4);
    q = (struct fs_request){ .dir = h, .len = 100 };
    HT_CHECK(req(FS_OP_PREAD, q, NULL) == 0 && rep.n == 5 && memcmp(out, "heXYo", 5) == 0);
    q = (struct fs_request){ .dir = h, .off = 2 };
    HT_CHECK(req(FS_OP_SET_SIZE, q, NULL) == 0);
    q.off = 5;
    HT_CHECK(req(FS_OP_SET_SIZE, q, NULL) == 0);
    q = (struct fs_request){ .dir = h, .len = 100 };
    HT_CHECK(req(FS_OP_PREAD, q, NULL) == 0 && rep.n == 5 && memcmp(out, "he\0\0\0", 5) == 0);
    q = (struct fs_request){ .dir = h, .off = 10000 };
    HT_CHECK(req(FS_OP_PWRITE, q, "Z") == 0);
    q = (struct fs_request){ .dir = h, .off = 4096, .len = 100 };
    HT_CHECK(req(FS_OP_PREAD, q, NULL) == 0 && rep.n == 100 && out[0] == 0 && out[99] == 0);
    q = (struct fs_request){ .dir = h, .off = FS_APPEND };
    HT_CHECK(req(FS_OP_PWRITE, q, "!") == 0 && rep.off == 10002);
    q = (struct fs_request){ .dir = h };
    HT_CHECK(req(FS_OP_CLOSE, q, NULL) == 0 && req(FS_OP_CLOSE, q, NULL) == WASI_EBADF);
}

/* Another client names none of this one's handles. */
static void test_clients(void)
{
    int32_t h = open_rw("hello.txt", 0);
    struct fs_request q = { .dir = h, .len = 4 };
    HT_CHECK(req2(2, FS_OP_PREAD, q, NULL, NULL) == WASI_EBADF);
    HT_CHECK(req2(1, FS_OP_PREAD, q, NULL, NULL) == 0);
    HT_CHECK(req2(0, FS_OP_PREAD, q, NULL, NULL) == WASI_ENFILE); /* no badge: no client */
    q = (struct fs_request){ .dir = h };
    HT_CHECK(req(FS_OP_CLOSE, q, NULL) == 0);
}

/* Removes everything beneath dir, through the tree's own calls. */
static void rm_all(fs_node_t *dir)
{
    while (dir->nentries) {
        fs_entry_t *e = &dir->entries[dir->nentries - 1];
        if (e->node->type == WASI_FILETYPE_DIRECTORY)
            rm_all(e->node);
        tree_unlink(&tree, dir, e->name, e->len);
    }
}

/* Random requests from three clients: errnos only, and once all is closed
 * and removed the quota is back where it started. */
static void test_random(void)
{
    static const char *names[] = { "a",  "b",  "sub", "sub/c", "d",      "d/e",
                                   "in", "a/", "..",  ".",     "sub/..", "x" };
    srand(7);
    for (int i = 0; i < 200000; i++) {
        struct fs_request q = { .dir = rand() % 5 ? FS_ROOT : rand() % 8 - 1,
                                .dir2 = FS_ROOT,
                                .flags = (uint32_t)rand() % 2,
                                .oflags = (uint32_t)rand() % 16,
                                .access = (uint32_t)rand() % 4,
                                .off = (uint64_t)(rand() % 20000),
                                .len = (uint64_t)(rand() % 9000),
                                .fst = (uint32_t)rand() % 16 };
        uint32_t op = 1 + (uint32_t)rand() % (FS_OP_COUNT + 1);
        char data[3000];
        memset(data, 'a' + rand() % 26, sizeof data);
        data[rand() % 3000] = 0;
        const char *p = op == FS_OP_PWRITE ? data : names[rand() % 12];
        req2(1 + (uint64_t)(rand() % 3), op, q, p,
             op == FS_OP_RENAME || op == FS_OP_LINK || op == FS_OP_SYMLINK ? names[rand() % 12]
                                                                           : NULL);
        HT_CHECK(rep.err < 77);
    }
    for (uint64_t c = 1; c <= 3; c++)
        req2(c, FS_OP_RESET, (struct fs_request){ 0 }, NULL, NULL);
    rm_all(tree.root);
    /* What is left charged: the root and its (empty) entry array. */
    HT_CHECK(tree.used == sizeof(fs_node_t) + tree.root->entcap * sizeof(fs_entry_t));
    HT_CHECK(tree.root->nlink == 2 && tree.root->nentries == 0);
}

int main(void)
{
    test_image();
    test_bytes();
    test_clients();
    test_random();
    return ht_finish("fs_tree_test");
}
