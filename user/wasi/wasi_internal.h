/* SPDX-License-Identifier: MIT */
/* wasi_internal.h: what the WASI files share: guest memory access, the implementations. */
#pragma once
#include "wasi.h"

/* An implemented preview1 function: reads its arguments (types as in the
 * import table), returns the WASI errno the guest gets. */
typedef uint16_t (*wasi_impl_fn_t)(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);

static inline uint32_t wasi_arg32(const jw_value_t *args, uint32_t i) { return args[i].of.i32; }
static inline uint64_t wasi_arg64(const jw_value_t *args, uint32_t i) { return args[i].of.i64; }

/* ---- wasi_mem.c: bounds-checked guest memory -------------------------- */

/* Points *out at guest bytes [addr, addr+len) of the caller's memory 0;
 * false if there is no memory or the range is not inside it. The pointer is
 * valid until the guest runs again (memory.grow may move the base). */
bool wasi_mem_span(jw_host_call_t *call, uint32_t addr, uint64_t len, uint8_t **out);
/* Little-endian loads and stores at already checked host pointers. */
uint32_t wasi_get_u32(const uint8_t *p);
uint64_t wasi_get_u64(const uint8_t *p);
uint16_t wasi_get_u16(const uint8_t *p);
void wasi_put_u16(uint8_t *p, uint16_t v);
void wasi_put_u32(uint8_t *p, uint32_t v);
void wasi_put_u64(uint8_t *p, uint64_t v);
void wasi_zero(uint8_t *p, size_t n);
void wasi_copy(uint8_t *dst, const void *src, size_t n);
/* Checked single stores: WASI_EFAULT if [addr, addr+4 or 8) is out. */
uint16_t wasi_store_u32(jw_host_call_t *call, uint32_t addr, uint32_t v);
uint16_t wasi_store_u64(jw_host_call_t *call, uint32_t addr, uint64_t v);
size_t wasi_strlen(const char *s);

/* ---- Rights (preview1 `rights` bits) ---------------------------------- */

#define WASI_RIGHT(n)                      (1ull << (n))
#define WASI_RIGHT_FD_DATASYNC             WASI_RIGHT(0)
#define WASI_RIGHT_FD_READ                 WASI_RIGHT(1)
#define WASI_RIGHT_FD_SEEK                 WASI_RIGHT(2)
#define WASI_RIGHT_FD_FDSTAT_SET_FLAGS     WASI_RIGHT(3)
#define WASI_RIGHT_FD_SYNC                 WASI_RIGHT(4)
#define WASI_RIGHT_FD_TELL                 WASI_RIGHT(5)
#define WASI_RIGHT_FD_WRITE                WASI_RIGHT(6)
#define WASI_RIGHT_FD_ADVISE               WASI_RIGHT(7)
#define WASI_RIGHT_FD_ALLOCATE             WASI_RIGHT(8)
#define WASI_RIGHT_PATH_CREATE_DIRECTORY   WASI_RIGHT(9)
#define WASI_RIGHT_PATH_CREATE_FILE        WASI_RIGHT(10)
#define WASI_RIGHT_PATH_LINK_SOURCE        WASI_RIGHT(11)
#define WASI_RIGHT_PATH_LINK_TARGET        WASI_RIGHT(12)
#define WASI_RIGHT_PATH_OPEN               WASI_RIGHT(13)
#define WASI_RIGHT_FD_READDIR              WASI_RIGHT(14)
#define WASI_RIGHT_PATH_READLINK           WASI_RIGHT(15)
#define WASI_RIGHT_PATH_RENAME_SOURCE      WASI_RIGHT(16)
#define WASI_RIGHT_PATH_RENAME_TARGET      WASI_RIGHT(17)
#define WASI_RIGHT_PATH_FILESTAT_GET       WASI_RIGHT(18)
#define WASI_RIGHT_PATH_FILESTAT_SET_SIZE  WASI_RIGHT(19)
#define WASI_RIGHT_PATH_FILESTAT_SET_TIMES WASI_RIGHT(20)
#define WASI_RIGHT_FD_FILESTAT_GET         WASI_RIGHT(21)
#define WASI_RIGHT_FD_FILESTAT_SET_SIZE    WASI_RIGHT(22)
#define WASI_RIGHT_FD_FILESTAT_SET_TIMES   WASI_RIGHT(23)
#define WASI_RIGHT_PATH_SYMLINK            WASI_RIGHT(24)
#define WASI_RIGHT_PATH_REMOVE_DIRECTORY   WASI_RIGHT(25)
#define WASI_RIGHT_PATH_UNLINK_FILE        WASI_RIGHT(26)
#define WASI_RIGHT_POLL_FD_READWRITE       WASI_RIGHT(27)
#define WASI_RIGHT_SOCK_SHUTDOWN           WASI_RIGHT(28)
#define WASI_RIGHT_SOCK_ACCEPT             WASI_RIGHT(29)

/* What a regular file's fd can hold, and a directory's. */
#define WASI_RIGHTS_FILE                                                                           \
    (WASI_RIGHT_FD_DATASYNC | WASI_RIGHT_FD_READ | WASI_RIGHT_FD_SEEK |                            \
     WASI_RIGHT_FD_FDSTAT_SET_FLAGS | WASI_RIGHT_FD_SYNC | WASI_RIGHT_FD_TELL |                    \
     WASI_RIGHT_FD_WRITE | WASI_RIGHT_FD_ADVISE | WASI_RIGHT_FD_ALLOCATE |                         \
     WASI_RIGHT_FD_FILESTAT_GET | WASI_RIGHT_FD_FILESTAT_SET_SIZE |                                \
     WASI_RIGHT_FD_FILESTAT_SET_TIMES | WASI_RIGHT_POLL_FD_READWRITE)
#define WASI_RIGHTS_DIR                                                                            \
    (WASI_RIGHT_FD_FDSTAT_SET_FLAGS | WASI_RIGHT_FD_SYNC | WASI_RIGHT_FD_DATASYNC |                \
     WASI_RIGHT_PATH_CREATE_DIRECTORY | WASI_RIGHT_PATH_CREATE_FILE |                              \
     WASI_RIGHT_PATH_LINK_SOURCE | WASI_RIGHT_PATH_LINK_TARGET | WASI_RIGHT_PATH_OPEN |            \
     WASI_RIGHT_FD_READDIR | WASI_RIGHT_PATH_READLINK | WASI_RIGHT_PATH_RENAME_SOURCE |            \
     WASI_RIGHT_PATH_RENAME_TARGET | WASI_RIGHT_PATH_FILESTAT_GET |                                \
     WASI_RIGHT_PATH_FILESTAT_SET_SIZE | WASI_RIGHT_PATH_FILESTAT_SET_TIMES |                      \
     WASI_RIGHT_FD_FILESTAT_GET | WASI_RIGHT_FD_FILESTAT_SET_TIMES | WASI_RIGHT_PATH_SYMLINK |     \
     WASI_RIGHT_PATH_REMOVE_DIRECTORY | WASI_RIGHT_PATH_UNLINK_FILE)
/* Rights that change the file system: a read-only preopen holds none. */
#define WASI_RIGHTS_MUTATING                                                                       \
    (WASI_RIGHT_FD_DATASYNC | WASI_RIGHT_FD_WRITE | WASI_RIGHT_FD_ALLOCATE |                       \
     WASI_RIGHT_PATH_CREATE_DIRECTORY | WASI_RIGHT_PATH_CREATE_FILE |                              \
     WASI_RIGHT_PATH_LINK_SOURCE | WASI_RIGHT_PATH_LINK_TARGET | WASI_RIGHT_PATH_RENAME_SOURCE |   \
     WASI_RIGHT_PATH_RENAME_TARGET | WASI_RIGHT_PATH_FILESTAT_SET_SIZE |                           \
     WASI_RIGHT_PATH_FILESTAT_SET_TIMES | WASI_RIGHT_FD_FILESTAT_SET_SIZE |                        \
     WASI_RIGHT_FD_FILESTAT_SET_TIMES | WASI_RIGHT_PATH_SYMLINK |                                  \
     WASI_RIGHT_PATH_REMOVE_DIRECTORY | WASI_RIGHT_PATH_UNLINK_FILE | WASI_RIGHT_FD_SYNC)

#define WASI_IOVEC_SIZE 8u

/* ---- wasi_fd.c: the fd table ------------------------------------------ */

/* Fills the table: stdio at 0..2, the preopens from 3. */
void wasi_fd_init(wasi_ctx_t *ctx);
/* True if fd is open. */
bool wasi_fd_is_open(const wasi_ctx_t *ctx, uint32_t fd);
/* *out = fd's entry if it is open (else WASI_EBADF) and holds every right
 * in `rights` (else WASI_ENOTCAPABLE). */
uint16_t wasi_fd_get(wasi_ctx_t *ctx, uint32_t fd, uint64_t rights, wasi_fd_entry_t **out);
/* The lowest free fd, or WASI_EMFILE. */
uint16_t wasi_fd_alloc(wasi_ctx_t *ctx, uint32_t *fd);
uint16_t wasi_fd_close(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_fd_renumber(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_fd_fdstat_get(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_fd_fdstat_set_flags(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_fd_fdstat_set_rights(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_fd_prestat_get(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_fd_prestat_dir_name(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
/* sock_*: EBADF for a closed fd, ENOTSOCK for any other (no sockets). */
uint16_t wasi_sock_call(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);

/* ---- wasi_io.c: reading, writing and the state of open files ---------- */

uint16_t wasi_fd_write(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_fd_read(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_fd_pwrite(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_fd_pread(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_fd_seek(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_fd_tell(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_fd_sync(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_fd_datasync(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_fd_advise(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_fd_allocate(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_fd_filestat_get(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_fd_filestat_set_size(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_fd_filestat_set_times(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_fd_readdir(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
/* Stores a filestat (64 bytes) at guest `addr`. */
uint16_t wasi_filestat_store(jw_host_call_t *call, uint32_t addr, const wasi_filestat_t *st);
/* WASI_EINVAL if fst asks for a time and "now" at once, or has unknown bits. */
uint16_t wasi_fst_check(uint32_t fst);

/* ---- wasi_path.c: path_* ---------------------------------------------- */

uint16_t wasi_path_open(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_path_filestat_get(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_path_filestat_set_times(wasi_ctx_t *ctx, jw_host_call_t *call,
                                      const jw_value_t *args);
uint16_t wasi_path_create_directory(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_path_remove_directory(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_path_unlink_file(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_path_rename(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_path_link(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_path_symlink(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_path_readlink(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);

/* ---- wasi_args.c: arguments and environment --------------------------- */

/* Total bytes of the strings of an array, NULs included. */
uint64_t wasi_strings_size(uint32_t n, const char *const *strs);
uint16_t wasi_args_get(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_args_sizes_get(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_environ_get(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_environ_sizes_get(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);

/* ---- wasi_clock.c: clocks and waiting --------------------------------- */

uint16_t wasi_clock_res_get(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_clock_time_get(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_poll_oneoff(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_sched_yield(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);

/* ---- wasi_proc.c: process and randomness ------------------------------ */

uint16_t wasi_proc_exit(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_random_get(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
