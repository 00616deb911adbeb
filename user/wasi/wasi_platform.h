/* SPDX-License-Identifier: MIT */
/* wasi_platform.h: what the WASI layer needs from the system it runs on. */
#pragma once
/*
 * The WASI layer (wasi.h) is portable and freestanding; everything that
 * touches the outside world goes through this table of function pointers,
 * filled in by the embedder: the hosted CLI on Linux (tools/jericho/
 * platform_host.c) or the OS's user-mode runner. Every function receives
 * `ud`. Results that can fail are WASI errno values (wasi.h, WASI_E*), 0 on
 * success. All of them may assume their pointer arguments are valid host
 * memory: the WASI layer bounds-checks guest pointers before calling.
 */
#include <stddef.h>
#include <stdint.h>

/* WASI clock ids (preview1 `clockid`). */
enum {
    WASI_CLOCK_REALTIME = 0,
    WASI_CLOCK_MONOTONIC = 1,
    WASI_CLOCK_PROCESS_CPUTIME = 2,
    WASI_CLOCK_THREAD_CPUTIME = 3,
};

/* WASI file types (preview1 `filetype`), as reported for stdio. */
enum {
    WASI_FILETYPE_UNKNOWN = 0,
    WASI_FILETYPE_BLOCK_DEVICE = 1,
    WASI_FILETYPE_CHARACTER_DEVICE = 2,
    WASI_FILETYPE_DIRECTORY = 3,
    WASI_FILETYPE_REGULAR_FILE = 4,
    WASI_FILETYPE_SOCKET_DGRAM = 5,
    WASI_FILETYPE_SOCKET_STREAM = 6,
    WASI_FILETYPE_SYMBOLIC_LINK = 7,
};

/* One buffer of a gathered write, in host memory. */
typedef struct wasi_iovec {
    const void *base;
    size_t len;
} wasi_iovec_t;

/* Buffers the WASI layer hands to one platform write at most: fd_write's
 * list goes down in one request when it is this short (stdio writes one
 * or two), else in requests of this many. */
#define WASI_WRITE_BATCH 64u

typedef struct wasi_platform {
    void *ud;
    /* Writes the `niov` buffers (1..WASI_WRITE_BATCH, their total > 0) to
     * fd 1 or 2 in order, as one request (writev on Linux, one console
     * request on the OS); stores the count written (may be short, never 0
     * on success) in *done. */
    uint16_t (*write)(void *ud, int fd, const wasi_iovec_t *iov, uint32_t niov, size_t *done);
    /* Reads up to `n` bytes from fd 0 (blocking until at least one byte or
     * end of input); *done = 0 means end of input. */
    uint16_t (*read)(void *ud, int fd, void *buf, size_t n, size_t *done);
    /* Current time and resolution of a WASI_CLOCK_* clock, in nanoseconds;
     * an unknown id gives WASI_EINVAL. */
    uint16_t (*clock_now)(void *ud, uint32_t clock_id, uint64_t *ns);
    uint16_t (*clock_res)(void *ud, uint32_t clock_id, uint64_t *ns);
    /* Fills buf with `n` bytes from a cryptographically strong source. */
    uint16_t (*random)(void *ud, void *buf, size_t n);
    /* Sleeps at least `ns` nanoseconds. */
    uint16_t (*sleep)(void *ud, uint64_t ns);
    /* Optional (NULL = nothing to do): told of proc_exit before the WASI
     * layer ends the guest with a trap (see wasi_exited()). A runner that can
     * end the process right here may do so and not return. */
    void (*exit)(void *ud, uint32_t code);
    /* Optional (NULL = character device for all three): the WASI_FILETYPE_*
     * of stdio fd 0..2. wasi-libc treats a character device as a terminal
     * (line-buffered stdout), anything else as a file or pipe. */
    uint8_t (*filetype)(void *ud, int fd);
} wasi_platform_t;
