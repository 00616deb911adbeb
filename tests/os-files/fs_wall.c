/* SPDX-License-Identifier: MIT */
/* fs_wall.c: WASI and capability test of the file server's wall: a client cannot reach another's handles, nor a module the server behind its runner. */
/*
 * Run by tests/suites/os-files.sh as two modules of one system, sharing a
 * file server (fs_wall.manifest): `victim` holds a preopen (dir=/d:fs) and
 * keeps files open; `thief` holds the server's endpoint itself (call:fs)
 * and speaks the protocol (user/fs/fs_proto.h) with forged requests. Each
 * check prints "ok NAME" or "FAIL NAME"; exit 0 if all pass.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

#include "../../sdk/jericho.h"
#include "../../user/fs/fs_proto.h"

static int failures;

static void check(const char *who, const char *name, int ok)
{
    printf("%s %s: %s\n", ok ? "ok" : "FAIL", who, name);
    failures += !ok;
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };
    nanosleep(&ts, NULL);
}

/* One raw request: header q, path p; the reply's errno (or 1000 + the call's error); reply in *r, data in out. */
static int raw(int32_t ep, uint32_t op, struct fs_request q, const char *p, struct fs_reply *r,
               char *out)
{
    static char msg[JERICHO_MSG_MAX], rep[JERICHO_MSG_MAX];
    jericho_msg_t m;
    size_t n = p ? strlen(p) : 0;
    q.path_len = (uint16_t)n;
    memset(msg, 0, FS_HEADER_MAX);
    memcpy(msg, &q, sizeof q);
    memcpy(msg + FS_HEADER_MAX, p ? p : "", n);
    int32_t e = jericho_call(ep, op, msg, (uint32_t)(FS_HEADER_MAX + n), JERICHO_NO_CAP, rep,
                             sizeof rep, &m);
    if (e)
        return 1000 - e;
    memcpy(r, rep, sizeof *r);
    if (out && m.len > FS_HEADER_MAX)
        memcpy(out, rep + FS_HEADER_MAX, m.len - FS_HEADER_MAX);
    return r->err;
}

static int victim(void)
{
    char buf[64] = { 0 };
    int a = open("/d/a.txt", O_RDONLY), b = open("/d/b.txt", O_RDWR);
    check("victim", "opens a.txt and b.txt through its preopen", a >= 0 && b >= 0);
    check("victim", "cannot name the server's endpoint (call:fs): -ENOENT",
          jericho_handle("call:fs") == -JX_ENOENT);
    check("victim", "nor its preopen's capability by its job name",
          jericho_handle("dir:rw:fs:/d") == -JX_ENOENT);
    int reached = 0;
    for (int32_t slot = 0; slot < 64; slot++) {
        struct fs_reply r;
        struct fs_request q = { .dir = FS_ROOT };
        reached += raw(slot, FS_OP_OPEN, q, "a.txt", &r, NULL) < 1000;
    }
    check("victim", "a call on every slot 0..63 reaches no server (the runner keeps the endpoint)",
          reached == 0);
    sleep_ms(1500); /* the thief tries its luck meanwhile */
    check("victim", "a.txt still reads as it was",
          pread(a, buf, sizeof buf - 1, 0) == 9 && !strcmp(buf, "secret a\n"));
    check("victim", "b.txt is still open for writing", pwrite(b, "mine\n", 5, 0) == 5);
    close(a);
    close(b);
    return failures != 0;
}

static int thief(void)
{
    int32_t ep = jericho_handle("call:fs");
    struct fs_reply r;
    char out[FS_DATA_MAX];
    sleep_ms(500); /* the victim has its files open by now */
    check("thief", "holds call:fs", ep >= 0);
    int foreign = 0;
    for (int32_t h = -3; h < FS_MAX_HANDLES + 3; h++) {
        struct fs_request q = { .dir = h, .len = 16 };
        foreign += raw(ep, FS_OP_PREAD, q, NULL, &r, out) != __WASI_ERRNO_BADF;
        q = (struct fs_request){ .dir = h, .off = 0 };
        foreign += raw(ep, FS_OP_PWRITE, q, "x", &r, NULL) != __WASI_ERRNO_BADF;
        q = (struct fs_request){ .dir = h };
        foreign += raw(ep, FS_OP_CLOSE, q, NULL, &r, NULL) != __WASI_ERRNO_BADF;
    }
    check("thief",
          "every handle number -3..130: read, write, close are EBADF (the victim's are not its)",
          foreign == 0);
    struct fs_request q = { .dir = FS_ROOT, .access = WASI_ACCESS_READ };
    int e = raw(ep, FS_OP_OPEN, q, "a.txt", &r, NULL);
    check("thief", "opens a.txt itself: its own handle 0", e == 0 && r.handle == 0);
    q = (struct fs_request){ .dir = 0, .len = 100 };
    check("thief", "and reads it through that",
          raw(ep, FS_OP_PREAD, q, NULL, &r, out) == 0 && r.n == 9 && !memcmp(out, "secret a\n", 9));
    q = (struct fs_request){ .dir = 0, .off = 0 };
    check("thief", "a write on a handle opened for reading: EBADF",
          raw(ep, FS_OP_PWRITE, q, "x", &r, NULL) == __WASI_ERRNO_BADF);
    q = (struct fs_request){ .dir = FS_ROOT, .access = WASI_ACCESS_READ };
    check("thief", "../ from the root: ENOTCAPABLE",
          raw(ep, FS_OP_OPEN, q, "../a.txt", &r, NULL) == __WASI_ERRNO_NOTCAPABLE);
    check("thief", "an absolute path: ENOTCAPABLE",
          raw(ep, FS_OP_OPEN, q, "/a.txt", &r, NULL) == __WASI_ERRNO_NOTCAPABLE);
    check("thief", "a symlink out (up -> ..): ENOTCAPABLE",
          raw(ep, FS_OP_OPEN, q, "up/a.txt", &r, NULL) == __WASI_ERRNO_NOTCAPABLE);
    q.flags = FS_FOLLOW;
    check("thief", "an absolute symlink followed: ENOTCAPABLE",
          raw(ep, FS_OP_OPEN, q, "abs", &r, NULL) == __WASI_ERRNO_NOTCAPABLE);
    q = (struct fs_request){ .dir = FS_ROOT, .path_len = 200 };
    static char msg[FS_HEADER_MAX + 8];
    memcpy(msg, &q, sizeof q);
    jericho_msg_t m;
    jericho_call(ep, FS_OP_OPEN, msg, FS_HEADER_MAX + 8, JERICHO_NO_CAP, out, sizeof out, &m);
    memcpy(&r, out, sizeof r);
    check("thief", "a path_len past the message: EINVAL", r.err == __WASI_ERRNO_INVAL);
    jericho_call(ep, FS_OP_OPEN, msg, 4, JERICHO_NO_CAP, out, sizeof out, &m);
    memcpy(&r, out, sizeof r);
    check("thief", "a message shorter than the header: EINVAL", r.err == __WASI_ERRNO_INVAL);
    q = (struct fs_request){ .dir = FS_ROOT };
    check("thief", "an unknown operation: ENOSYS",
          raw(ep, 99, q, NULL, &r, NULL) == __WASI_ERRNO_NOSYS);
    int opened = 1; /* handle 0 is open */
    q = (struct fs_request){ .dir = FS_ROOT, .access = WASI_ACCESS_READ };
    while (opened < FS_MAX_HANDLES + 5 && raw(ep, FS_OP_OPEN, q, "a.txt", &r, NULL) == 0)
        opened++;
    check("thief", "handles are bounded: the 129th open is EMFILE",
          opened == FS_MAX_HANDLES && r.err == __WASI_ERRNO_MFILE);
    return failures != 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && !strcmp(argv[1], "victim"))
        return victim();
    if (argc == 2 && !strcmp(argv[1], "thief"))
        return thief();
    fprintf(stderr, "usage: fs_wall victim|thief\n");
    return 2;
}
