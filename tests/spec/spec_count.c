/* SPDX-License-Identifier: MIT */
/* spec_count.c: counts the commands of a .wast that wast2json could not convert. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "spec.h"

/* Skips a block comment "(; ... ;)" (they nest); returns the index after it. */
static size_t skip_block_comment(const char *s, size_t i, size_t n)
{
    int depth = 0;
    while (i < n) {
        if (i + 1 < n && s[i] == '(' && s[i + 1] == ';')
            depth++, i += 2;
        else if (i + 1 < n && s[i] == ';' && s[i + 1] == ')') {
            i += 2;
            if (--depth == 0)
                return i;
        } else
            i++;
    }
    return n;
}

static size_t skip_string(const char *s, size_t i, size_t n)
{
    for (i++; i < n && s[i] != '"'; i++)
        if (s[i] == '\\')
            i++;
    return i < n ? i + 1 : n;
}

static bool keyword_is(const char *s, size_t i, size_t n, const char *kw)
{
    size_t k = strlen(kw);
    return n - i >= k && strncmp(s + i, kw, k) == 0 &&
           (i + k == n || !isalnum((unsigned char)s[i + k]) || s[i + k] == '_');
}

/* A top-level form is a command unless it is `register`, which the
 * reference runners do not count either. Bare module fields at top level
 * (an inline module, e.g. "(func) (memory 0)") form one module together. */
static bool counts_as_command(const char *s, size_t i, size_t n, bool *inline_seen)
{
    static const char *const fields[] = { "func",   "memory", "table", "global", "type",
                                          "import", "export", "data",  "elem",   "start" };
    while (i < n && isspace((unsigned char)s[i]))
        i++;
    for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++)
        if (keyword_is(s, i, n, fields[f])) {
            bool first = !*inline_seen;
            *inline_seen = true;
            return first;
        }
    return !keyword_is(s, i, n, "register");
}

uint64_t spec_count_wast_commands(const char *wast_path)
{
    size_t n;
    char *s = (char *)spec_read_file(wast_path, &n);
    if (!s)
        return 0;
    uint64_t count = 0;
    int depth = 0;
    bool inline_seen = false;
    for (size_t i = 0; i < n;) {
        if (s[i] == ';' && i + 1 < n && s[i + 1] == ';') {
            while (i < n && s[i] != '\n')
                i++;
        } else if (s[i] == '(' && i + 1 < n && s[i + 1] == ';') {
            i = skip_block_comment(s, i, n);
        } else if (s[i] == '"') {
            i = skip_string(s, i, n);
        } else {
            if (s[i] == '(' && depth++ == 0 && counts_as_command(s, i + 1, n, &inline_seen))
                count++;
            else if (s[i] == ')' && depth > 0)
                depth--;
            i++;
        }
    }
    free(s);
    return count;
}
