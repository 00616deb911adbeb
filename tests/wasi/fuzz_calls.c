/* SPDX-License-Identifier: MIT */
/* fuzz_calls.c: WASI test: 30000 calls with random pointers, lengths, fds and paths; each must return an errno. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define IMPORT(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name)))
#define I32          int32_t
#define I64          int64_t
IMPORT(args_get) I32 w_args_get(I32, I32);
IMPORT(args_sizes_get) I32 w_args_sizes_get(I32, I32);
IMPORT(environ_get) I32 w_environ_get(I32, I32);
IMPORT(environ_sizes_get) I32 w_environ_sizes_get(I32, I32);
IMPORT(clock_res_get) I32 w_clock_res_get(I32, I32);
IMPORT(clock_time_get) I32 w_clock_time_get(I32, I64, I32);
IMPORT(fd_write) I32 w_fd_write(I32, I32, I32, I32);
IMPORT(fd_read) I32 w_fd_read(I32, I32, I32, I32);
IMPORT(fd_close) I32 w_fd_close(I32);
IMPORT(fd_seek) I32 w_fd_seek(I32, I64, I32, I32);
IMPORT(fd_fdstat_get) I32 w_fd_fdstat_get(I32, I32);
IMPORT(fd_filestat_get) I32 w_fd_filestat_get(I32, I32);
IMPORT(fd_prestat_get) I32 w_fd_prestat_get(I32, I32);
IMPORT(fd_prestat_dir_name) I32 w_fd_prestat_dir_name(I32, I32, I32);
IMPORT(fd_pread) I32 w_fd_pread(I32, I32, I32, I64, I32);
IMPORT(path_open) I32 w_path_open(I32, I32, I32, I32, I32, I64, I64, I32, I32);
IMPORT(random_get) I32 w_random_get(I32, I32);
IMPORT(sock_recv) I32 w_sock_recv(I32, I32, I32, I32, I32, I32);
IMPORT(fd_readdir) I32 w_fd_readdir(I32, I32, I32, I64, I32);
IMPORT(path_filestat_get) I32 w_path_filestat_get(I32, I32, I32, I32, I32);
IMPORT(path_create_directory) I32 w_path_create_directory(I32, I32, I32);
IMPORT(path_readlink) I32 w_path_readlink(I32, I32, I32, I32, I32, I32);
IMPORT(path_rename) I32 w_path_rename(I32, I32, I32, I32, I32, I32);

/* Valid pointers point into the first half of scratch and valid lengths
 * stay under 60000, so that what WASI writes lands in scratch and never on
 * the program's own data; every other pointer is outside memory. */
#define VALID_SPAN (1u << 16)
static uint8_t scratch[2 * VALID_SPAN];
static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint32_t next(void)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

/* A pointer argument: inside scratch, just past the end of memory, or
 * anywhere past it up to 2^32 - 1. */
static I32 ptr(void)
{
    uint32_t end = (uint32_t)__builtin_wasm_memory_size(0) * 65536u;
    switch (next() % 4) {
    case 0:
    case 1: return (I32)(uintptr_t)(scratch + next() % VALID_SPAN);
    case 2: return (I32)(end + next() % 64);
    default: return (I32)(end + next() % (UINT32_MAX - end));
    }
}

/* A length or count: small, large, or wild. */
static I32 len(void)
{
    switch (next() % 4) {
    case 0: return (I32)(next() % 16);
    case 1: return (I32)(next() % 60000);
    case 2: return -(I32)(next() % 16);
    default: return (I32)next();
    }
}

static I32 fd(void) { return next() % 4 ? (I32)(next() % 6) : (I32)next(); }

/* Fills scratch with iovecs whose fields are again ptr()/len() values. */
static void scramble(void)
{
    for (size_t i = 0; i + 8 <= VALID_SPAN; i += 8) {
        I32 a = ptr(), b = next() % 3 ? (I32)(next() % 64) : len();
        memcpy(scratch + i, &a, 4), memcpy(scratch + i + 4, &b, 4);
    }
}

int main(void)
{
    int bad = 0, calls = 0;
    for (int round = 0; round < 30000; round++) {
        if (round % 1000 == 0)
            scramble();
        I32 r;
        switch (next() % 23) {
        case 0: r = w_args_get(ptr(), ptr()); break;
        case 1: r = w_args_sizes_get(ptr(), ptr()); break;
        case 2: r = w_environ_get(ptr(), ptr()); break;
        case 3: r = w_environ_sizes_get(ptr(), ptr()); break;
        case 4: r = w_clock_res_get((I32)(next() % 6), ptr()); break;
        case 5: r = w_clock_time_get((I32)(next() % 6), (I64)next(), ptr()); break;
        case 6: r = w_fd_write(fd(), ptr(), len(), ptr()); break;
        case 7: r = w_fd_read(fd(), ptr(), len(), ptr()); break;
        case 8: { /* late, and never stderr: the summary goes there */
            I32 f = fd();
            r = round > 25000 && f != 2 ? w_fd_close(f) : 0;
            break;
        }
        case 9: r = w_fd_seek(fd(), (I64)next(), len(), ptr()); break;
        case 10: r = w_fd_fdstat_get(fd(), ptr()); break;
        case 11: r = w_fd_filestat_get(fd(), ptr()); break;
        case 12: r = w_fd_prestat_get(fd(), ptr()); break;
        case 13: r = w_fd_prestat_dir_name(fd(), ptr(), len()); break;
        case 14: r = w_fd_pread(fd(), ptr(), len(), 0, ptr()); break;
        case 15: r = w_path_open(fd(), 0, ptr(), len(), 0, 0, 0, 0, ptr()); break;
        case 16: r = w_random_get(ptr(), len()); break;
        /* with a preopen (wasi.sh runs it with one too): garbage paths */
        case 18: r = w_fd_readdir(fd(), ptr(), len(), (I64)next(), ptr()); break;
        case 19: r = w_path_filestat_get(fd(), (I32)(next() % 3), ptr(), len(), ptr()); break;
        case 20: r = w_path_create_directory(fd(), ptr(), (I32)(next() % 24)); break;
        case 21: r = w_path_readlink(fd(), ptr(), len(), ptr(), len(), ptr()); break;
        case 22:
            r = w_path_rename(fd(), ptr(), (I32)(next() % 24), fd(), ptr(), (I32)(next() % 24));
            break;
        default: r = w_sock_recv(fd(), ptr(), len(), 0, ptr(), ptr()); break;
        }
        calls++;
        if (r < 0 || r > 76)
            bad++; /* not a preview1 errno */
    }
    fprintf(stderr, "\nfuzz_calls: %d calls, %d bad results\n", calls, bad);
    return bad != 0;
}
