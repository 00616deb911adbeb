/* SPDX-License-Identifier: MIT */
/* kprintf_test.c: the portable printf core (kernel/lib/kprintf.c) against fixed strings and libc. */
#include <stdarg.h>
#include <stdint.h>
#include "hosttest.h"
#include "kprintf.h"

/* Formats with ksnprintf into a roomy buffer and compares with `want`. */
__attribute__((format(printf, 2, 3))) static void expect(const char *want, const char *fmt, ...)
{
    char got[256];
    va_list ap;
    va_start(ap, fmt);
    int n = kvsnprintf(got, sizeof got, fmt, ap);
    va_end(ap);
    HT_CHECK_STR(got, want);
    HT_CHECK(n == (int)strlen(want));
}

static void test_conversions(void)
{
    expect("42 -17 42", "%d %i %u", 42, -17, 42u);
    expect("0", "%d", 0);
    expect("-2147483648 2147483647", "%d %d", INT32_MIN, INT32_MAX);
    expect("4294967295", "%u", UINT32_MAX);
    expect("deadbeef DEADBEEF 0", "%x %X %x", 0xdeadbeefu, 0xdeadbeefu, 0u);
    expect("J%z", "%c%%%c", 'J', 'z');
    expect("hello (null)", "%s %s", "hello", (char *)NULL);
    expect("", "%s", "");
    expect("no conversions", "no conversions");
}

static void test_lengths(void)
{
    expect("-9223372036854775808", "%lld", (long long)INT64_MIN);
    expect("9223372036854775807", "%lld", (long long)INT64_MAX);
    expect("18446744073709551615", "%llu", (unsigned long long)UINT64_MAX);
    expect("ffffffffffffffff FFFFFFFFFFFFFFFF", "%llx %llX", (unsigned long long)UINT64_MAX,
           (unsigned long long)UINT64_MAX);
    expect("-9223372036854775808", "%ld", (long)INT64_MIN);
    expect("123456789abcdef0", "%lx", 0x123456789abcdef0UL);
    expect("18446744073709551615 ffff", "%zu %zx", (size_t)SIZE_MAX, (size_t)0xffff);
    expect("-1 -5", "%jd %td", (intmax_t)-1, (ptrdiff_t)-5);
    expect("-1 255 -1 65535", "%hhd %hhu %hd %hu", (signed char)-1, (unsigned char)255, (short)-1,
           (unsigned short)65535);
    /* A 32-bit conversion must not read the upper half of a 64-bit slot. */
    expect("1 2", "%d %lld", 1, 2LL);
}

static void test_widths(void)
{
    expect("[00042] [   42] [42   ]", "[%05d] [%5d] [%-5d]", 42, 42, 42);
    expect("[-0042] [  -42] [-42  ]", "[%05d] [%5d] [%-5d]", -42, -42, -42);
    expect("[0000beef] [    BEEF]", "[%08x] [%8X]", 0xbeefu, 0xbeefu);
    expect("[123456]", "[%3d]", 123456);
    expect("[  hi] [hi  ] [x   ]", "[%4s] [%-4s] [%-4c]", "hi", "hi", 'x');
    expect("[   7] [7   ]", "[%*d] [%*d]", 4, 7, -4, 7);
    expect("[-9223372036854775808]", "[%020lld]", (long long)INT64_MIN);
    expect("[-00000000000000000001]", "[%021lld]", -1LL);
}

static void test_pointers_and_unknown(void)
{
    expect("0x00000000dead0000", "%p", (void *)0xdead0000UL);
    expect("0x0000000000000000", "%p", (void *)0);
    expect("0xffffffff80000000", "%p", (void *)0xffffffff80000000UL);
    expect("[    0x0000000000000001]", "[%22p]", (void *)1);
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wformat"
#pragma clang diagnostic ignored "-Wformat-invalid-specifier"
    expect("[  hi]", "[%04s]", "hi"); /* '0' pads numbers only */
    expect("a%qb", "a%qb"); /* unknown conversions print as written */
    expect("end%", "end%");
#pragma clang diagnostic pop
}

static void test_truncation(void)
{
    char buf[8];
    memset(buf, 'X', sizeof buf);
    int n = ksnprintf(buf, 5, "%s", "abcdefgh");
    HT_CHECK(n == 8);
    HT_CHECK_STR(buf, "abcd");
    HT_CHECK(buf[5] == 'X'); /* nothing written past size */
    n = ksnprintf(buf, 1, "%d", 12345);
    HT_CHECK(n == 5 && buf[0] == '\0');
    buf[0] = 'Y';
    n = ksnprintf(buf, 0, "%d", 7); /* size 0: not even the NUL */
    HT_CHECK(n == 1 && buf[0] == 'Y');
    n = ksnprintf(buf, sizeof buf, "%lld", (long long)INT64_MIN);
    HT_CHECK(n == 20);
    HT_CHECK_STR(buf, "-922337");
}

/* Every flag/width/conversion combination against libc's snprintf. */
static void test_against_libc(void)
{
    static const long long values[] = {
        0,
        1,
        -1,
        9,
        10,
        255,
        -255,
        4096,
        INT32_MAX,
        INT32_MIN,
        (long long)UINT32_MAX,
        INT64_MAX,
        INT64_MIN,
        0x123456789abcdefLL,
    };
    static const char *const fmts[] = {
        "%lld",   "%llu",   "%llx",     "%llX",      "%5lld",   "%-5lld|",
        "%05lld", "%25lld", "%-25llu|", "%025llx",   "%lli",    "%022lld",
        "%#llx",  "%#llX",  "%#018llx", "%-#20llx|", "%#20llx",
    };
    for (size_t f = 0; f < sizeof fmts / sizeof fmts[0]; f++) {
        for (size_t v = 0; v < sizeof values / sizeof values[0]; v++) {
            char got[64], want[64];
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wformat-nonliteral"
            ksnprintf(got, sizeof got, fmts[f], values[v]);
            snprintf(want, sizeof want, fmts[f], values[v]);
#pragma clang diagnostic pop
            HT_CHECK_STR(got, want);
        }
    }
}

int main(void)
{
    test_conversions();
    test_lengths();
    test_widths();
    test_pointers_and_unknown();
    test_truncation();
    test_against_libc();
    return ht_finish("kprintf_test");
}
