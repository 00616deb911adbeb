/* SPDX-License-Identifier: MIT */
/* bad_pointers.c: WASI test: guest pointers outside memory give EFAULT, never a crash. */
#include <stdint.h>
#include <stdio.h>

#define IMPORT(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name)))
IMPORT(fd_write) int32_t w_fd_write(int32_t, int32_t, int32_t, int32_t);
IMPORT(fd_read) int32_t w_fd_read(int32_t, int32_t, int32_t, int32_t);
IMPORT(args_get) int32_t w_args_get(int32_t, int32_t);
IMPORT(args_sizes_get) int32_t w_args_sizes_get(int32_t, int32_t);
IMPORT(environ_get) int32_t w_environ_get(int32_t, int32_t);
IMPORT(clock_time_get) int32_t w_clock_time_get(int32_t, int64_t, int32_t);
IMPORT(clock_res_get) int32_t w_clock_res_get(int32_t, int32_t);
IMPORT(random_get) int32_t w_random_get(int32_t, int32_t);
IMPORT(fd_fdstat_get) int32_t w_fd_fdstat_get(int32_t, int32_t);
IMPORT(fd_filestat_get) int32_t w_fd_filestat_get(int32_t, int32_t);
IMPORT(poll_oneoff) int32_t w_poll_oneoff(int32_t, int32_t, int32_t, int32_t);

static uint32_t iov[4];
static uint32_t nw;
static char msg[] = "visible\n";

#define P(call) printf("%-44s %d\n", #call, (int)w_##call)

int main(void)
{
    /* END: one past the last byte of memory; the values are all in range of
     * the i32 arguments, so each call reaches the WASI layer. */
    int32_t END = (int32_t)(__builtin_wasm_memory_size(0) * 65536u);
    int32_t IOV = (int32_t)(uintptr_t)iov, NW = (int32_t)(uintptr_t)&nw;
    int32_t M = (int32_t)(uintptr_t)msg;
    fflush(stdout);
    iov[0] = (uint32_t)M, iov[1] = 8;
    P(fd_write(1, IOV, 1, NW));         /* prints "visible" */
    P(fd_write(1, END - 4, 1, NW));     /* iovec array crosses the end */
    P(fd_write(1, END, 1, NW));
    P(fd_write(1, -8, 1, NW));          /* 0xfffffff8 */
    P(fd_write(1, IOV, 1, END - 2));    /* nwritten crosses the end */
    P(fd_write(1, IOV, 0x20000000, NW)); /* count*8 wraps 32 bits: bounded, EINVAL */
    P(fd_write(1, IOV, 1025, NW));      /* more than 1024 iovecs: EINVAL */
    iov[0] = (uint32_t)(END - 4), iov[1] = 8;
    P(fd_write(1, IOV, 1, NW));         /* the buffer crosses the end */
    iov[0] = (uint32_t)M, iov[1] = 0xffffffffu;
    P(fd_write(1, IOV, 1, NW));         /* a huge length */
    iov[0] = (uint32_t)M, iov[1] = 8, iov[2] = 0xfffffff0u, iov[3] = 0x20;
    P(fd_write(1, IOV, 2, NW));         /* second iovec bad: nothing written */
    P(fd_read(0, IOV, 2, NW));
    P(args_sizes_get(END, NW));
    P(args_sizes_get(NW, END - 1));
    P(args_get(END - 2, M));
    P(args_get(IOV, END - 1));
    P(environ_get(IOV, END - 1));
    P(clock_time_get(1, 0, END - 7));
    P(clock_res_get(1, -1));
    P(random_get(END - 16, 17));
    P(random_get(M, -1));
    P(random_get(END, 0));              /* empty range at the end: fine */
    P(fd_fdstat_get(1, END - 23));
    P(fd_filestat_get(1, END - 63));
    P(poll_oneoff(END - 47, M, 1, NW));
    P(poll_oneoff(M, M, 0x10000000, NW)); /* a bounded count: EINVAL */
    printf("still alive\n");
    return 0;
}
