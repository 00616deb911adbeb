/* SPDX-License-Identifier: MIT */
/* fs_limits.c: WASI test for the OS's file server at its limits: the quota, large reads and writes, many handles, readdir while deleting. */
/*
 * Run by tests/suites/os-files.sh on JerichoOS with a preopen "." served
 * by a file server whose quota is 1 MiB (args=quota=1MiB), and with
 * --host on an empty directory, where the quota check is skipped (argv[1]
 * "host"). Each check prints "ok NAME" or "FAIL NAME ..."; exit 0 if all pass.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int failures;

static void check(const char *name, int ok)
{
    printf("%s %s\n", ok ? "ok" : "FAIL", name);
    failures += !ok;
}

static unsigned char pattern(size_t i) { return (unsigned char)(i * 131 + (i >> 9)); }

/* 300 000 bytes in writes of varying sizes (across the server's message size), read back at odd offsets. */
static void test_big(void)
{
    enum { N = 300000 };
    static unsigned char buf[N], back[N];
    for (size_t i = 0; i < N; i++)
        buf[i] = pattern(i);
    int fd = open("big.bin", O_CREAT | O_RDWR | O_TRUNC, 0644);
    size_t at = 0, step = 1;
    while (fd >= 0 && at < N) {
        size_t n = step < N - at ? step : N - at;
        if (write(fd, buf + at, n) != (ssize_t)n)
            break;
        at += n;
        step = step * 3 + 7;
        if (step > 70000)
            step = 5;
    }
    check("a 300000-byte file written in pieces of 1 to 70000 bytes", at == N);
    check("its size", fd >= 0 && lseek(fd, 0, SEEK_END) == N);
    int same = 1;
    for (size_t off = 0; off < N; off += 4093) {
        size_t n = N - off < 9000 ? N - off : 9000;
        if (pread(fd, back, n, (off_t)off) != (ssize_t)n || memcmp(back, buf + off, n) != 0)
            same = 0;
    }
    check("read back at 74 odd offsets, 9000 bytes each: the same bytes", same);
    check("one read of it all", pread(fd, back, N, 0) == N && memcmp(back, buf, N) == 0);
    check("a read past the end: 0 bytes", pread(fd, back, 10, N + 5) == 0);
    close(fd);
    check("unlink big.bin", unlink("big.bin") == 0);
}

/* Opens files until the fd table is full; all close; opening works again. */
static void test_handles(void)
{
    static int fds[200];
    int n = 0;
    for (; n < 200; n++) {
        char name[32];
        snprintf(name, sizeof name, "h%d", n % 4);
        if ((fds[n] = open(name, O_CREAT | O_RDWR, 0644)) < 0)
            break;
    }
    check("open until the table is full: more than 100 at once, then EMFILE",
          n > 100 && n < 200 && errno == EMFILE);
    int closed = 1;
    for (int i = 0; i < n; i++)
        closed &= close(fds[i]) == 0;
    check("every one closes", closed);
    int fd = open("h0", O_RDONLY);
    check("and opening works again", fd >= 0);
    close(fd);
    for (int i = 0; i < 4; i++) {
        char name[32];
        snprintf(name, sizeof name, "h%d", i);
        unlink(name);
    }
}

/* Deleting each entry as readdir returns it: every entry is seen once. */
static void test_readdir_delete(void)
{
    mkdir("rd", 0755);
    for (int i = 0; i < 50; i++) {
        char name[32];
        snprintf(name, sizeof name, "rd/f%02d", i);
        close(open(name, O_CREAT | O_WRONLY, 0644));
    }
    DIR *d = opendir("rd");
    struct dirent *e;
    int seen = 0;
    while (d && (e = readdir(d))) {
        char name[300];
        if (e->d_name[0] == '.')
            continue;
        snprintf(name, sizeof name, "rd/%s", e->d_name);
        seen += unlink(name) == 0;
    }
    if (d)
        closedir(d);
    check("50 files, each unlinked as readdir returns it: all 50 seen", seen == 50);
    check("the directory is empty: rmdir", rmdir("rd") == 0);
}

/* Writes 64 KiB pieces until the server refuses one; space freed is usable again. */
static void test_quota(void)
{
    static char piece[65536];
    memset(piece, 'q', sizeof piece);
    int fd = open("fill", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    long total = 0;
    ssize_t w;
    while (fd >= 0 && total < (8L << 20) && (w = write(fd, piece, sizeof piece)) > 0)
        total += w;
    int err = errno;
    printf("# wrote %ld bytes before the quota\n", total);
    check("writes stop at the quota (1 MiB) with ENOSPC",
          total >= (512L << 10) && total <= (1L << 20) && err == ENOSPC);
    close(fd);
    check("a new file past the quota: the write fails",
          (fd = open("more", O_CREAT | O_WRONLY, 0644)) < 0 || write(fd, piece, sizeof piece) < 0);
    if (fd >= 0)
        close(fd);
    unlink("more");
    check("unlink the full file", unlink("fill") == 0);
    fd = open("again", O_CREAT | O_WRONLY, 0644);
    check("its space is free again: 256 KiB fit",
          fd >= 0 && write(fd, piece, sizeof piece) == sizeof piece &&
              write(fd, piece, sizeof piece) == sizeof piece &&
              write(fd, piece, sizeof piece) == sizeof piece &&
              write(fd, piece, sizeof piece) == sizeof piece);
    close(fd);
    unlink("again");
}

/* argv[1] "restart", with preopens /a and /b on one server and restart=1:
 * the first run leaves 110 files open and aborts; the second must open as
 * many again (the server closed what the first run left) and see the
 * marker the first run wrote through /a under /b. */
static int test_restart(void)
{
    int again = access("/b/marker", F_OK) == 0, n = 0;
    while (n < 110 && open("/a/x", O_CREAT | O_RDWR, 0644) >= 0)
        n++;
    check(again ? "after a restart: 110 files open again (the first run's handles were closed)"
                : "first run: 110 files open",
          n == 110);
    if (!again) {
        close(open("/a/marker", O_CREAT | O_WRONLY, 0644));
        abort();
    }
    check("two preopens on one server: a file made through /a is seen through /b", again);
    return failures != 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "restart") == 0)
        return test_restart();
    test_big();
    test_handles();
    test_readdir_delete();
    if (argc < 2 || strcmp(argv[1], "host") != 0)
        test_quota();
    printf("%s\n", failures ? "some checks failed" : "all checks passed");
    return failures != 0;
}
