/* SPDX-License-Identifier: MIT */
/* realtime.c: prints the wall clock as seconds since 1970, time() and clock_gettime(CLOCK_REALTIME)
 * (tests/suites/cli.sh compares them with the host's, on the host and on JerichoOS). */
#include <stdio.h>
#include <time.h>

int main(void)
{
    struct timespec ts;
    time_t t = time(NULL);
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0) {
        perror("clock_gettime");
        return 1;
    }
    printf("time %lld\nrealtime %lld\n", (long long)t, (long long)ts.tv_sec);
    return 0;
}
