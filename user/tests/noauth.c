/* SPDX-License-Identifier: MIT */
/* noauth.c: started with an empty capability table: it can compute, yield and exit, nothing else; exits 4242 if so. */
#include "jx.h"

int64_t main(uint64_t arg)
{
    uint64_t ns, sum = arg;
    int ok = jx_debug_write("noauth: printed\n", 16) == JX_EEMPTY &&
             jx_clock_read(&ns) == JX_EEMPTY && jx_sleep_ns(1000) == JX_EEMPTY &&
             jx_yield() == JX_OK;
    for (uint64_t i = 1; i <= 1000; i++)
        sum += i;
    return ok && sum == 500500 ? 4242 : 1;
}
