/* SPDX-License-Identifier: MIT */
/* rw_data.h: the deterministic inputs and checksums the real-world benchmark drivers share. */
#pragma once
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* xorshift64*: the same sequence on every target for the same seed. */
static inline uint64_t rw_rand(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ull;
}

/* FNV-1a over n bytes: a checksum to print, so that any wrong byte shows. */
static inline uint32_t rw_fnv1a(const void *p, size_t n)
{
    const unsigned char *b = p;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 16777619u;
    return h;
}

/* Fills buf[0..n) with text that compresses like prose and logs do (about
 * 3:1 for deflate): words drawn with a skewed distribution from a fixed
 * vocabulary, numbers, punctuation and line breaks. */
static inline void rw_fill_text(char *buf, size_t n, uint64_t seed)
{
    static const char *const words[] = {
        "the",      "of",          "and",        "to",       "in",        "is",
        "that",     "for",         "it",         "as",       "was",       "with",
        "be",       "by",          "on",         "not",      "he",        "this",
        "are",      "or",          "his",        "from",     "at",        "which",
        "kernel",   "capability",  "memory",     "page",     "thread",    "interrupt",
        "module",   "table",       "function",   "compress", "archive",   "stream",
        "buffer",   "window",      "dictionary", "request",  "response",  "error",
        "warning",  "started",     "finished",   "timeout",  "benchmark", "interpreter",
        "register", "instruction", "branch",     "return",
    };
    const size_t nwords = sizeof words / sizeof words[0];
    uint64_t s = seed | 1;
    size_t i = 0;
    while (i < n) {
        uint64_t r = rw_rand(&s);
        char tmp[32];
        size_t len;
        if (r % 16 == 0) {
            len = (size_t)(((r >> 8) % 9000) + 10);
            int k = 0;
            char d[16];
            while (len) {
                d[k++] = (char)('0' + len % 10);
                len /= 10;
            }
            len = 0;
            while (k)
                tmp[len++] = d[--k];
        } else {
            /* Squaring a uniform index skews towards the first words. */
            size_t a = (size_t)((r >> 8) % nwords), b = (size_t)((r >> 24) % nwords);
            const char *w = words[a * b / nwords];
            len = strlen(w);
            memcpy(tmp, w, len);
        }
        tmp[len++] = (r >> 40) % 11 == 0 ? ((r >> 48) % 3 == 0 ? '\n' : ',') : ' ';
        for (size_t k = 0; k < len && i < n; k++)
            buf[i++] = tmp[k];
    }
}

/* malloc that ends the program on failure (benchmark drivers only). */
static inline void *rw_alloc(size_t n)
{
    void *p = malloc(n);
    if (!p)
        abort();
    return p;
}
