/* SPDX-License-Identifier: MIT */
/* wasi_internal.h: what the WASI files share: guest memory access, the implementations. */
#pragma once
#include "wasi.h"

/* An implemented preview1 function: reads its arguments (types as in the
 * import table), returns the WASI errno the guest gets. */
typedef uint16_t (*wasi_impl_fn_t)(wasi_ctx_t *ctx, jw_host_call_t *call,
                                   const jw_value_t *args);

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

/* ---- wasi_fd.c: stdio ------------------------------------------------- */

/* True if fd is 0, 1 or 2 and the guest has not closed it. */
bool wasi_fd_is_open(const wasi_ctx_t *ctx, uint32_t fd);
uint16_t wasi_fd_write(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_fd_read(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_fd_close(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_fd_seek(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_fd_fdstat_get(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_fd_filestat_get(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);
uint16_t wasi_fd_prestat_get(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args);

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
