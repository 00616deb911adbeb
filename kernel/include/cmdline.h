/* SPDX-License-Identifier: MIT */
/* cmdline.h: the kernel command line, "key=value" and bare words separated by spaces. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

/* One word of the command line; points into the command line, not NUL-terminated. */
struct cmdline_arg {
    const char *key;
    size_t key_len;
    const char *value;   /* after the first '='; "" (len 0) for a bare word */
    size_t value_len;
    bool has_value;      /* the word contained '=' */
};

/*
 * Iterates: *cursor starts at the command line; each call stores the next
 * word in *arg and returns true, or returns false at the end. Words are
 * separated by spaces or tabs; there is no quoting.
 */
bool cmdline_next(const char **cursor, struct cmdline_arg *arg);

/*
 * Finds the first word whose key is `key` and copies its value into buf
 * (NUL-terminated, truncated to size-1 bytes). Returns the value's full
 * length, so a result >= size means it did not fit; -1 when absent.
 */
long cmdline_get(const char *cmdline, const char *key, char *buf, size_t size);
