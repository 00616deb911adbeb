/* SPDX-License-Identifier: MIT */
/* string_test.c: the kernel's own memcpy and friends (kernel/lib/string.c, renamed kstring_* on the host) against libc. */
#include <stddef.h>
#include <stdint.h>
#include "hosttest.h"

void *kstring_memcpy(void *dst, const void *src, size_t n);
void *kstring_memmove(void *dst, const void *src, size_t n);
void *kstring_memset(void *dst, int c, size_t n);
int kstring_memcmp(const void *a, const void *b, size_t n);
size_t kstring_strlen(const char *s);
int kstring_strcmp(const char *a, const char *b);
int kstring_strncmp(const char *a, const char *b, size_t n);

static int sign(int v) { return (v > 0) - (v < 0); }

static void fill(unsigned char *buf, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        buf[i] = (unsigned char)(seed * 31 + i * 7);
}

static void test_copy_and_set(void)
{
    unsigned char src[64], got[64], want[64];
    fill(src, sizeof src, 1);
    memset(got, 0xaa, sizeof got);
    memset(want, 0xaa, sizeof want);
    HT_CHECK(kstring_memcpy(got + 3, src, 40) == got + 3);
    memcpy(want + 3, src, 40);
    HT_CHECK(memcmp(got, want, sizeof got) == 0);
    HT_CHECK(kstring_memset(got + 5, 0x1ff, 9) == got + 5); /* c is cast to a byte */
    memset(want + 5, 0xff, 9);
    HT_CHECK(memcmp(got, want, sizeof got) == 0);
    HT_CHECK(kstring_memcpy(got, src, 0) == got);
}

/* Every overlap of every short length in both directions, against libc's memmove. */
static void test_memmove_overlaps(void)
{
    for (size_t len = 0; len <= 16; len++) {
        for (size_t from = 0; from <= 16; from++) {
            for (size_t to = 0; to <= 16; to++) {
                unsigned char got[40], want[40];
                fill(got, sizeof got, (unsigned)(len + from));
                memcpy(want, got, sizeof want);
                HT_CHECK(kstring_memmove(got + to, got + from, len) == got + to);
                memmove(want + to, want + from, len);
                HT_CHECK(memcmp(got, want, sizeof got) == 0);
            }
        }
    }
}

static void test_compare(void)
{
    HT_CHECK(kstring_memcmp("abc", "abd", 3) < 0);
    HT_CHECK(kstring_memcmp("abc", "abd", 2) == 0);
    HT_CHECK(kstring_memcmp("\xff", "\x01", 1) > 0); /* bytes compare unsigned */
    HT_CHECK(kstring_strlen("") == 0 && kstring_strlen("hello") == 5);
    static const char *const words[] = { "", "a", "ab", "abc", "abd", "b", "\xff", "ab\xff" };
    size_t n = sizeof words / sizeof words[0];
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            HT_CHECK(sign(kstring_strcmp(words[i], words[j])) == sign(strcmp(words[i], words[j])));
            for (size_t k = 0; k < 4; k++)
                HT_CHECK(sign(kstring_strncmp(words[i], words[j], k)) ==
                         sign(strncmp(words[i], words[j], k)));
        }
    }
}

int main(void)
{
    test_copy_and_set();
    test_memmove_overlaps();
    test_compare();
    return ht_finish("string_test");
}
