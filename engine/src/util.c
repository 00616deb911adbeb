/* SPDX-License-Identifier: MIT */
/* util.c: libc-free memory and string helpers, allocation wrappers. */
#include "internal.h"

/* Word-at-a-time when both pointers are 8-byte aligned (linear memories and
 * tables are: they come from the allocator), bytes otherwise. */
void *jw__memcpy(void *d, const void *s, size_t n)
{
    uint8_t *dp = d;
    const uint8_t *sp = s;
    if ((((uintptr_t)dp | (uintptr_t)sp) & 7) == 0) {
        for (; n >= 32; n -= 32, dp += 32, sp += 32) { /* module bytes, code: large */
            uint64_t w[4];
            __builtin_memcpy(w, sp, 32);
            __builtin_memcpy(dp, w, 32);
        }
        for (; n >= 8; n -= 8, dp += 8, sp += 8) {
            uint64_t w;
            __builtin_memcpy(&w, sp, 8);
            __builtin_memcpy(dp, &w, 8);
        }
    }
    while (n--)
        *dp++ = *sp++;
    return d;
}

/* Forward when the destination is below the source, backward otherwise:
 * each word is read before any write can reach it. */
void *jw__memmove(void *d, const void *s, size_t n)
{
    uint8_t *dp = d;
    const uint8_t *sp = s;
    bool words = (((uintptr_t)dp | (uintptr_t)sp) & 7) == 0;
    if (dp == sp || n == 0)
        return d;
    if (dp < sp)
        return jw__memcpy(d, s, n);
    dp += n;
    sp += n;
    /* Same misalignment on both sides when both started aligned. */
    while (n && (((uintptr_t)dp & 7) || !words)) {
        *--dp = *--sp;
        n--;
    }
    for (; n >= 8; n -= 8) {
        uint64_t w;
        dp -= 8;
        sp -= 8;
        __builtin_memcpy(&w, sp, 8);
        __builtin_memcpy(dp, &w, 8);
    }
    while (n--)
        *--dp = *--sp;
    return d;
}

void *jw__memset(void *d, int c, size_t n)
{
    uint8_t *dp = d;
    if (((uintptr_t)dp & 7) == 0) {
        uint64_t w = 0x0101010101010101ull * (uint8_t)c;
        for (; n >= 8; n -= 8, dp += 8)
            __builtin_memcpy(dp, &w, 8);
    }
    while (n--)
        *dp++ = (uint8_t)c;
    return d;
}

int jw__memcmp(const void *a, const void *b, size_t n)
{
    const uint8_t *x = a, *y = b;
    for (size_t i = 0; i < n; i++)
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    return 0;
}

size_t jw__strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

void *jw__alloc(const jw_allocator_t *a, size_t size)
{
    if (size == 0)
        size = 1;
    void *p = a->alloc(a->ud, size);
    if (p)
        jw__memset(p, 0, size);
    return p;
}

void *jw__alloc_raw(const jw_allocator_t *a, size_t size)
{
    return a->alloc(a->ud, size ? size : 1);
}

void jw__free(const jw_allocator_t *a, void *p, size_t size)
{
    if (p)
        a->free(a->ud, p, size ? size : 1);
}

bool jw__reserve(const jw_allocator_t *a, void **p, uint32_t *cap, uint32_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    uint64_t ncap = *cap ? (uint64_t)*cap * 2 : 16;
    while (ncap < need)
        ncap *= 2;
    if (ncap > UINT32_MAX)
        ncap = UINT32_MAX;
    if ((uint64_t)ncap * elem > (uint64_t)SIZE_MAX / 2)
        return false;
    void *np = jw__alloc_raw(a, (size_t)ncap * elem); /* the caller writes before it reads */
    if (!np)
        return false;
    if (*p) {
        jw__memcpy(np, *p, (size_t)*cap * elem);
        jw__free(a, *p, (size_t)*cap * elem);
    }
    *p = np;
    *cap = (uint32_t)ncap;
    return true;
}
