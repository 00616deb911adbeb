/* SPDX-License-Identifier: MIT */
/* poll.c: WASI test: poll_oneoff on clocks (relative, absolute, earliest wins) and on stdio fds. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

static int failures;

static void expect(int ok, const char *what)
{
    printf("%s %s\n", ok ? "ok" : "FAIL", what);
    if (!ok)
        failures++;
}

static uint64_t mono(void)
{
    __wasi_timestamp_t t = 0;
    if (__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t) != 0)
        return 0;
    return t;
}

static __wasi_subscription_t clock_sub(uint64_t userdata, uint32_t id, uint64_t timeout,
                                       int abstime)
{
    __wasi_subscription_t s;
    memset(&s, 0, sizeof s);
    s.userdata = userdata;
    s.u.tag = __WASI_EVENTTYPE_CLOCK;
    s.u.u.clock.id = id;
    s.u.u.clock.timeout = timeout;
    s.u.u.clock.flags = abstime ? __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME : 0;
    return s;
}

static __wasi_subscription_t fd_sub(uint64_t userdata, uint8_t tag, uint32_t fd)
{
    __wasi_subscription_t s;
    memset(&s, 0, sizeof s);
    s.userdata = userdata;
    s.u.tag = tag;
    s.u.u.fd_read.file_descriptor = (int)fd;
    return s;
}

int main(void)
{
    __wasi_subscription_t in[4];
    __wasi_event_t ev[4];
    __wasi_size_t n = 0;
    const uint64_t ms = 1000000;

    uint64_t t0 = mono();
    in[0] = clock_sub(11, __WASI_CLOCKID_MONOTONIC, 10 * ms, 0);
    expect(__wasi_poll_oneoff(in, ev, 1, &n) == 0 && n == 1 && ev[0].userdata == 11 &&
               ev[0].type == __WASI_EVENTTYPE_CLOCK && ev[0].error == 0,
           "relative clock: one event");
    expect(mono() - t0 >= 10 * ms, "relative clock: waited 10 ms");

    t0 = mono();
    in[0] = clock_sub(1, __WASI_CLOCKID_MONOTONIC, 500 * ms, 0);
    in[1] = clock_sub(2, __WASI_CLOCKID_MONOTONIC, 5 * ms, 0);
    expect(__wasi_poll_oneoff(in, ev, 2, &n) == 0 && n == 1 && ev[0].userdata == 2,
           "two clocks: the earlier fires alone");
    expect(mono() - t0 < 400 * ms, "two clocks: did not wait for the later");

    t0 = mono();
    in[0] = clock_sub(3, __WASI_CLOCKID_MONOTONIC, t0 + 15 * ms, 1);
    expect(__wasi_poll_oneoff(in, ev, 1, &n) == 0 && n == 1 && ev[0].userdata == 3,
           "absolute clock fires");
    expect(mono() >= t0 + 15 * ms, "absolute clock: waited until the deadline");

    in[0] = clock_sub(4, __WASI_CLOCKID_MONOTONIC, 1, 1); /* long past */
    expect(__wasi_poll_oneoff(in, ev, 1, &n) == 0 && n == 1 && ev[0].userdata == 4,
           "absolute clock in the past fires at once");

    t0 = mono();
    in[0] = clock_sub(5, __WASI_CLOCKID_MONOTONIC, 2000 * ms, 0);
    in[1] = fd_sub(6, __WASI_EVENTTYPE_FD_WRITE, 1);
    expect(__wasi_poll_oneoff(in, ev, 2, &n) == 0 && n == 1 && ev[0].userdata == 6 &&
               ev[0].type == __WASI_EVENTTYPE_FD_WRITE && ev[0].error == 0,
           "stdout is writable at once; the clock does not fire");
    expect(mono() - t0 < 1000 * ms, "fd ready: no waiting");

    in[0] = fd_sub(7, __WASI_EVENTTYPE_FD_READ, 1);
    in[1] = fd_sub(8, __WASI_EVENTTYPE_FD_WRITE, 42);
    in[2] = clock_sub(9, 77, 0, 0);
    expect(__wasi_poll_oneoff(in, ev, 3, &n) == 0 && n == 3 && ev[0].error == __WASI_ERRNO_BADF &&
               ev[1].error == __WASI_ERRNO_BADF && ev[2].error == __WASI_ERRNO_INVAL &&
               ev[2].userdata == 9,
           "bad fds and clock ids: error events");
    return failures ? 1 : 0;
}
