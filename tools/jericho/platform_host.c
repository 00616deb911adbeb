/* SPDX-License-Identifier: MIT */
/* platform_host.c: the WASI platform on Linux: stdio, clocks, getrandom, nanosleep (files: fs_host.c). */
#define _GNU_SOURCE /* getrandom, clock ids */
#include <errno.h>
#include <limits.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "../../user/wasi/wasi.h"
#include "fs_host.h"
#include "jericho.h"

/* The WASI errno of a Linux errno: fs_host.c's table (stdio and files
 * share the read and write calls). */
static uint16_t host_errno(int e) { return fs_errno(e); }

/* One writev per request: a line written through stdio is one system
 * call, as natively. */
static uint16_t host_write(void *ud, int fd, const wasi_iovec_t *iov, uint32_t niov, size_t *done)
{
    struct iovec v[WASI_WRITE_BATCH];
    int n = fs_iovecs(v, iov, niov);
    (void)ud;
    ssize_t r;
    do
        r = writev(fd, v, n);
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return host_errno(errno);
    *done = (size_t)r;
    return 0;
}

static uint16_t host_read(void *ud, int fd, void *buf, size_t n, size_t *done)
{
    (void)ud;
    if (n > SSIZE_MAX)
        n = SSIZE_MAX;
    ssize_t r;
    do
        r = read(fd, buf, n);
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return host_errno(errno);
    *done = (size_t)r;
    return 0;
}

static bool host_clock_id(uint32_t id, clockid_t *out)
{
    switch (id) {
    case WASI_CLOCK_REALTIME: *out = CLOCK_REALTIME; return true;
    case WASI_CLOCK_MONOTONIC: *out = CLOCK_MONOTONIC; return true;
    case WASI_CLOCK_PROCESS_CPUTIME: *out = CLOCK_PROCESS_CPUTIME_ID; return true;
    case WASI_CLOCK_THREAD_CPUTIME: *out = CLOCK_THREAD_CPUTIME_ID; return true;
    }
    return false;
}

static uint64_t host_ns(const struct timespec *ts)
{
    return (uint64_t)ts->tv_sec * 1000000000u + (uint64_t)ts->tv_nsec;
}

static uint16_t host_clock_now(void *ud, uint32_t id, uint64_t *ns)
{
    clockid_t c;
    struct timespec ts;
    (void)ud;
    if (!host_clock_id(id, &c))
        return WASI_EINVAL;
    if (clock_gettime(c, &ts) != 0)
        return host_errno(errno);
    *ns = host_ns(&ts);
    return 0;
}

static uint16_t host_clock_res(void *ud, uint32_t id, uint64_t *ns)
{
    clockid_t c;
    struct timespec ts;
    (void)ud;
    if (!host_clock_id(id, &c))
        return WASI_EINVAL;
    if (clock_getres(c, &ts) != 0)
        return host_errno(errno);
    *ns = host_ns(&ts);
    return 0;
}

static uint16_t host_random(void *ud, void *buf, size_t n)
{
    unsigned char *p = buf;
    (void)ud;
    while (n) {
        ssize_t r = getrandom(p, n, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return host_errno(errno);
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

static uint16_t host_sleep(void *ud, uint64_t ns)
{
    struct timespec ts, rem;
    (void)ud;
    /* Caps absurd timeouts (UINT64_MAX means "forever") at ~68 years. */
    uint64_t sec = ns / 1000000000u;
    ts.tv_sec = sec > INT_MAX ? INT_MAX : (time_t)sec;
    ts.tv_nsec = (long)(ns % 1000000000u);
    while (nanosleep(&ts, &rem) != 0) {
        if (errno != EINTR)
            return host_errno(errno);
        ts = rem;
    }
    return 0;
}

static uint8_t host_filetype(void *ud, int fd)
{
    struct stat st;
    (void)ud;
    if (fstat(fd, &st) != 0)
        return WASI_FILETYPE_UNKNOWN;
    if (S_ISCHR(st.st_mode))
        return WASI_FILETYPE_CHARACTER_DEVICE;
    if (S_ISREG(st.st_mode))
        return WASI_FILETYPE_REGULAR_FILE;
    if (S_ISDIR(st.st_mode))
        return WASI_FILETYPE_DIRECTORY;
    if (S_ISBLK(st.st_mode))
        return WASI_FILETYPE_BLOCK_DEVICE;
    if (S_ISSOCK(st.st_mode))
        return WASI_FILETYPE_SOCKET_STREAM;
    return WASI_FILETYPE_UNKNOWN; /* a pipe: WASI has no type for it */
}

/* The file functions come from fs_host.c, set once by host_platform(). */
static wasi_platform_t host_platform_table = {
    .ud = NULL,
    .write = host_write,
    .read = host_read,
    .clock_now = host_clock_now,
    .clock_res = host_clock_res,
    .random = host_random,
    .sleep = host_sleep,
    .exit = NULL, /* run.c ends the process after the exit trap unwinds */
    .filetype = host_filetype,
};

const wasi_platform_t *host_platform(void)
{
    if (!host_platform_table.open_at)
        fs_host_fill(&host_platform_table);
    return &host_platform_table;
}
