/* SPDX-License-Identifier: MIT */
/* clocks.c: WASI test: clocks advance sanely, sleeping (poll_oneoff) waits, random_get fills. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

static int failures;

static void expect(int ok, const char *what)
{
    printf("%s %s\n", ok ? "ok" : "FAIL", what);
    if (!ok)
        failures++;
}

static uint64_t now(__wasi_clockid_t id)
{
    __wasi_timestamp_t t = 0;
    if (__wasi_clock_time_get(id, 1, &t) != 0)
        return 0;
    return t;
}

int main(void)
{
    uint64_t prev = now(__WASI_CLOCKID_MONOTONIC), ok = 1;
    for (int i = 0; i < 100000; i++) {
        uint64_t t = now(__WASI_CLOCKID_MONOTONIC);
        if (t < prev)
            ok = 0;
        prev = t;
    }
    expect(ok && prev != 0, "monotonic never goes back");
    __wasi_timestamp_t res = 0;
    expect(__wasi_clock_res_get(__WASI_CLOCKID_MONOTONIC, &res) == 0 && res > 0 && res <= 1000000,
           "monotonic resolution");
    int all_res = 1;
    for (__wasi_clockid_t id = 0; id < 4; id++)
        all_res &= __wasi_clock_res_get(id, &res) == 0 && res > 0 && res <= 1000000;
    expect(all_res, "all four clocks have a resolution of 1 ns .. 1 ms");
    expect(__wasi_clock_res_get(4, &res) == __WASI_ERRNO_INVAL,
           "resolution of a bad clock id: EINVAL");
    expect(now(__WASI_CLOCKID_REALTIME) > 1600000000ull * 1000000000ull, "realtime is after 2020");
    uint64_t c0 = now(__WASI_CLOCKID_PROCESS_CPUTIME_ID);
    volatile uint64_t spin = 0;
    for (int i = 0; i < 3000000; i++)
        spin += (uint64_t)i;
    expect(now(__WASI_CLOCKID_PROCESS_CPUTIME_ID) > c0, "process cputime advances");
    expect(now(__WASI_CLOCKID_THREAD_CPUTIME_ID) > 0, "thread cputime");
    expect(__wasi_clock_time_get(99, 1, &res) == __WASI_ERRNO_INVAL, "bad clock id: EINVAL");
    uint64_t t0 = now(__WASI_CLOCKID_MONOTONIC);
    struct timespec ts = { 0, 20 * 1000 * 1000 };
    expect(nanosleep(&ts, NULL) == 0, "nanosleep returns 0");
    expect(now(__WASI_CLOCKID_MONOTONIC) - t0 >= 20 * 1000 * 1000, "nanosleep waits 20 ms");
    t0 = now(__WASI_CLOCKID_MONOTONIC);
    expect(usleep(10000) == 0 && now(__WASI_CLOCKID_MONOTONIC) - t0 >= 10000000, "usleep");
    expect(__wasi_sched_yield() == 0, "sched_yield");
    unsigned char a[64], b[64];
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    expect(__wasi_random_get(a, sizeof a) == 0 && __wasi_random_get(b, sizeof b) == 0 &&
               memcmp(a, b, sizeof a) != 0,
           "random_get gives different bytes");
    return failures ? 1 : 0;
}
