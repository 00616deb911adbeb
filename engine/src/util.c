/* SPDX-License-Identifier: MIT */
/* util.c: libc-free memory and string helpers, allocation wrappers. */
#include "internal.h"

void *jw__memcpy(void *d, const void *s, size_t n) {
    uint8_t *dp = d;
    const uint8_t *sp = s;
    while (n--) *dp++ = *sp++;
    return d;
}

void *jw__memmove(void *d, const void *s, size_t n) {
    uint8_t *dp = d;
    const uint8_t *sp = s;
    if (dp == sp || n == 0) return d;
    if (dp < sp) {
        while (n--) *dp++ = *sp++;
    } else {
        dp += n;
        sp += n;
        while (n--) *--dp = *--sp;
    }
    return d;
}

void *jw__memset(void *d, int c, size_t n) {
    uint8_t *dp = d;
    while (n--) *dp++ = (uint8_t)c;
    return d;
}

int jw__memcmp(const void *a, const void *b, size_t n) {
    const uint8_t *x = a, *y = b;
    for (size_t i = 0; i < n; i++)
        if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
    return 0;
}

size_t jw__strlen(const char *s) {
    size_t n = 0;
    while (s[n]) n++;
    return n;
}

void *jw__alloc(const jw_allocator_t *a, size_t size) {
    if (size == 0) size = 1;
    void *p = a->alloc(a->ud, size);
    if (p) jw__memset(p, 0, size);
    return p;
}

void jw__free(const jw_allocator_t *a, void *p, size_t size) {
    if (p) a->free(a->ud, p, size ? size : 1);
}

bool jw__reserve(const jw_allocator_t *a, void **p, uint32_t *cap, uint32_t need, size_t elem) {
    if (need <= *cap) return true;
    uint64_t ncap = *cap ? (uint64_t)*cap * 2 : 16;
    while (ncap < need) ncap *= 2;
    if (ncap > UINT32_MAX) ncap = UINT32_MAX;
    if ((uint64_t)ncap * elem > (uint64_t)SIZE_MAX / 2) return false;
    void *np = jw__alloc(a, (size_t)ncap * elem);
    if (!np) return false;
    if (*p) {
        jw__memcpy(np, *p, (size_t)*cap * elem);
        jw__free(a, *p, (size_t)*cap * elem);
    }
    *p = np;
    *cap = (uint32_t)ncap;
    return true;
}
