/* SPDX-License-Identifier: MIT */
/* cmdline_test.c: splitting and looking up the kernel command line (kernel/lib/cmdline.c). */
#include "cmdline.h"
#include "hosttest.h"

static void test_get(void)
{
    char buf[16];
    HT_CHECK(cmdline_get("test=kprintf", "test", buf, sizeof buf) == 7);
    HT_CHECK_STR(buf, "kprintf");
    HT_CHECK(cmdline_get("  a=1\ttest=undef  b ", "test", buf, sizeof buf) == 5);
    HT_CHECK_STR(buf, "undef");
    HT_CHECK(cmdline_get("a=1 b=2", "test", buf, sizeof buf) == -1);
    HT_CHECK(cmdline_get("", "test", buf, sizeof buf) == -1);
    HT_CHECK(cmdline_get(NULL, "test", buf, sizeof buf) == -1);
    /* Keys match whole: "tests" and "tes" are not "test". */
    HT_CHECK(cmdline_get("tests=x tes=y", "test", buf, sizeof buf) == -1);
    /* The first occurrence wins; the value may itself contain '='. */
    HT_CHECK(cmdline_get("k=a=b k=c", "k", buf, sizeof buf) == 3);
    HT_CHECK_STR(buf, "a=b");
    HT_CHECK(cmdline_get("test=", "test", buf, sizeof buf) == 0);
    HT_CHECK_STR(buf, "");
    HT_CHECK(cmdline_get("quiet", "quiet", buf, sizeof buf) == 0);
}

static void test_truncation(void)
{
    char buf[4] = "zzz";
    HT_CHECK(cmdline_get("test=abcdefgh", "test", buf, sizeof buf) == 8);
    HT_CHECK_STR(buf, "abc");
    HT_CHECK(cmdline_get("test=abc", "test", buf, 0) == 3);
    HT_CHECK_STR(buf, "abc");   /* size 0: buffer untouched */
}

static void test_next(void)
{
    const char *cursor = " x=1  bare y= ";
    struct cmdline_arg a;
    HT_CHECK(cmdline_next(&cursor, &a));
    HT_CHECK(a.key_len == 1 && a.key[0] == 'x' && a.has_value);
    HT_CHECK(a.value_len == 1 && a.value[0] == '1');
    HT_CHECK(cmdline_next(&cursor, &a));
    HT_CHECK(a.key_len == 4 && !a.has_value && a.value_len == 0);
    HT_CHECK(cmdline_next(&cursor, &a));
    HT_CHECK(a.key_len == 1 && a.key[0] == 'y' && a.has_value && a.value_len == 0);
    HT_CHECK(!cmdline_next(&cursor, &a));
    HT_CHECK(!cmdline_next(&cursor, &a));
}

int main(void)
{
    test_get();
    test_truncation();
    test_next();
    return ht_finish("cmdline_test");
}
