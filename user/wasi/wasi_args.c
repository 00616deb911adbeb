/* SPDX-License-Identifier: MIT */
/* wasi_args.c: args_* and environ_*: the guest's argv and environment. */
#include "wasi_internal.h"

uint64_t wasi_strings_size(uint32_t n, const char *const *strs)
{
    uint64_t total = 0;
    for (uint32_t i = 0; i < n; i++)
        total += wasi_strlen(strs[i]) + 1;
    return total;
}

/* Writes n pointers at ptrs_addr and the strings themselves at buf_addr,
 * each pointer aimed at its string in the guest. */
static uint16_t wasi_strings_get(jw_host_call_t *call, uint32_t n, const char *const *strs,
                                 uint64_t bytes, uint32_t ptrs_addr, uint32_t buf_addr)
{
    uint8_t *ptrs, *buf;
    if (!wasi_mem_span(call, ptrs_addr, 4 * (uint64_t)n, &ptrs))
        return WASI_EFAULT;
    if (!wasi_mem_span(call, buf_addr, bytes, &buf))
        return WASI_EFAULT;
    /* Both spans are inside a memory of at most 4 GiB, so every guest
     * address below fits in 32 bits. */
    uint32_t off = 0;
    for (uint32_t i = 0; i < n; i++) {
        size_t len = wasi_strlen(strs[i]) + 1;
        wasi_put_u32(ptrs + 4 * (uint64_t)i, buf_addr + off);
        wasi_copy(buf + off, strs[i], len);
        off += (uint32_t)len;
    }
    return WASI_ESUCCESS;
}

/* Stores a count and a byte size, both as u32. */
static uint16_t wasi_sizes_get(jw_host_call_t *call, uint32_t n, uint64_t bytes,
                               uint32_t count_addr, uint32_t size_addr)
{
    if (bytes > UINT32_MAX)
        return WASI_EOVERFLOW;
    uint16_t err = wasi_store_u32(call, count_addr, n);
    return err ? err : wasi_store_u32(call, size_addr, (uint32_t)bytes);
}

uint16_t wasi_args_get(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    return wasi_strings_get(call, ctx->cfg.argc, ctx->cfg.argv, ctx->argv_bytes,
                            wasi_arg32(args, 0), wasi_arg32(args, 1));
}

uint16_t wasi_args_sizes_get(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    return wasi_sizes_get(call, ctx->cfg.argc, ctx->argv_bytes, wasi_arg32(args, 0),
                          wasi_arg32(args, 1));
}

uint16_t wasi_environ_get(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    return wasi_strings_get(call, ctx->cfg.envc, ctx->cfg.envp, ctx->env_bytes, wasi_arg32(args, 0),
                            wasi_arg32(args, 1));
}

uint16_t wasi_environ_sizes_get(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    return wasi_sizes_get(call, ctx->cfg.envc, ctx->env_bytes, wasi_arg32(args, 0),
                          wasi_arg32(args, 1));
}
