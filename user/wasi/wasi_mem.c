/* SPDX-License-Identifier: MIT */
/* wasi_mem.c: bounds-checked access to the guest's linear memory. */
#include "wasi_internal.h"

bool wasi_mem_span(jw_host_call_t *call, uint32_t addr, uint64_t len, uint8_t **out)
{
    jw_memory_t *mem = jw_host_memory(call);
    if (!mem)
        return false;
    /* addr < 2^32 and len is bounded by the callers (at most a few times
     * 2^32), so the sum cannot wrap in 64 bits. */
    if ((uint64_t)addr + len > jw_memory_size(mem))
        return false;
    *out = jw_memory_data(mem) + addr;
    return true;
}

uint16_t wasi_get_u16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

uint32_t wasi_get_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

uint64_t wasi_get_u64(const uint8_t *p)
{
    return (uint64_t)wasi_get_u32(p) | (uint64_t)wasi_get_u32(p + 4) << 32;
}

void wasi_put_u16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

void wasi_put_u32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

void wasi_put_u64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

void wasi_zero(uint8_t *p, size_t n)
{
    while (n--)
        *p++ = 0;
}

void wasi_copy(uint8_t *dst, const void *src, size_t n)
{
    const uint8_t *s = src;
    while (n--)
        *dst++ = *s++;
}

uint16_t wasi_store_u32(jw_host_call_t *call, uint32_t addr, uint32_t v)
{
    uint8_t *p;
    if (!wasi_mem_span(call, addr, 4, &p))
        return WASI_EFAULT;
    wasi_put_u32(p, v);
    return WASI_ESUCCESS;
}

uint16_t wasi_store_u64(jw_host_call_t *call, uint32_t addr, uint64_t v)
{
    uint8_t *p;
    if (!wasi_mem_span(call, addr, 8, &p))
        return WASI_EFAULT;
    wasi_put_u64(p, v);
    return WASI_ESUCCESS;
}

size_t wasi_strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}
