/* SPDX-License-Identifier: MIT */
/* bench.c: arg 0: the cost of a null-ish syscall (clock read); arg N > 0: N yields (two of these ping-pong: switch cost). */
#include "jx.h"

#define SYSCALLS 20000

int64_t main(uint64_t yields)
{
    uint64_t t0 = jx_now_ns();
    if (yields == 0) {
        uint64_t ns;
        for (int i = 0; i < SYSCALLS; i++)
            jx_clock_read(&ns);
        uint64_t per = (jx_now_ns() - t0) / SYSCALLS;
        printf("bench: syscall round trip (clock_read): %llu ns\n", (unsigned long long)per);
        return (int64_t)per;
    }
    for (uint64_t i = 0; i < yields; i++)
        jx_yield();
    return (int64_t)((jx_now_ns() - t0) / 1000);
}
