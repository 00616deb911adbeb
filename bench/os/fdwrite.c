/* SPDX-License-Identifier: MIT */
/* fdwrite.c: the cost of one WASI fd_write of one byte, timed by the module itself (bench/os.sh). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <wasi/api.h>

static long long now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* usage: fdwrite N [FILE]: N calls of fd_write with one byte, to FILE
 * (created) or to stdout; prints the nanoseconds per call, which under
 * -icount shift=0 on the OS are guest instructions. fd_write is called
 * directly, below wasi-libc's stdio, so that nothing is buffered. */
int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 1000;
    int fd = 1;
    if (argc > 2 && (fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0) {
        perror(argv[2]);
        return 1;
    }
    const __wasi_ciovec_t iov = { (const uint8_t *)"x", 1 };
    long long t0 = now_ns();
    for (int i = 0; i < n; i++) {
        __wasi_size_t done;
        if (__wasi_fd_write(fd, &iov, 1, &done) != 0 || done != 1)
            return 2;
    }
    long long t1 = now_ns();
    fprintf(stderr, "fdwrite: %d calls, %.1f ns per call\n", n, (double)(t1 - t0) / n);
    return 0;
}
