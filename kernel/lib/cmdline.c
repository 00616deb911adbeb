/* SPDX-License-Identifier: MIT */
/* cmdline.c: splits the kernel command line into key=value words. Portable. */
#include "cmdline.h"
#include "kstring.h"

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool cmdline_next(const char **cursor, struct cmdline_arg *arg)
{
    const char *p = *cursor;
    while (*p && is_space(*p))
        p++;
    if (!*p)
        return false;
    const char *word = p;
    while (*p && !is_space(*p))
        p++;
    *cursor = p;

    size_t len = (size_t)(p - word), k = 0;
    while (k < len && word[k] != '=')
        k++;
    arg->key = word;
    arg->key_len = k;
    arg->has_value = k < len;
    arg->value = arg->has_value ? word + k + 1 : word + len;
    arg->value_len = arg->has_value ? len - k - 1 : 0;
    return true;
}

long cmdline_get(const char *cmdline, const char *key, char *buf, size_t size)
{
    size_t klen = strlen(key);
    struct cmdline_arg arg;
    const char *cursor = cmdline ? cmdline : "";
    while (cmdline_next(&cursor, &arg)) {
        if (arg.key_len != klen || memcmp(arg.key, key, klen) != 0)
            continue;
        if (size) {
            size_t n = arg.value_len < size - 1 ? arg.value_len : size - 1;
            memcpy(buf, arg.value, n);
            buf[n] = '\0';
        }
        return (long)arg.value_len;
    }
    return -1;
}
