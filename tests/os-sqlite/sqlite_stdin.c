/* SPDX-License-Identifier: MIT */
/* sqlite_stdin.c: a small SQLite shell: runs the SQL script on stdin against an in-memory database, printing as sqlite3 does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite3.h"

/*
 * Each statement's rows are printed in the sqlite3 shell's list mode
 * (columns joined by '|', NULL as nothing); an error prints
 * "Error: near statement N: MESSAGE" and the script goes on, as the shell's
 * does with -bail off. The exit status is the number of failed statements
 * (at most 100). Built natively and for wasm32-wasi from the same source, with
 * bench/realworld's VFS (no files, fixed randomness and clock), so both
 * builds must print the same bytes.
 */
static char *read_stdin(size_t *len)
{
    size_t cap = 1 << 16, n;
    char *buf = malloc(cap + 1);
    *len = 0;
    while (buf && (n = fread(buf + *len, 1, cap - *len, stdin)) > 0)
        if ((*len += n) == cap) {
            char *bigger = realloc(buf, (cap *= 2) + 1);
            if (!bigger)
                free(buf);
            buf = bigger;
        }
    if (buf)
        buf[*len] = 0;
    return buf;
}

static void print_row(sqlite3_stmt *st)
{
    int n = sqlite3_column_count(st);
    for (int i = 0; i < n; i++) {
        const unsigned char *v = sqlite3_column_text(st, i);
        printf("%s%s", i ? "|" : "", v ? (const char *)v : "");
    }
    putchar('\n');
}

int main(void)
{
    size_t len;
    char *sql = read_stdin(&len);
    sqlite3 *db;
    if (!sql || sqlite3_open(":memory:", &db) != SQLITE_OK) {
        fprintf(stderr, "sqlite_stdin: cannot start\n");
        return 100;
    }
    const char *at = sql;
    int failed = 0, count = 0;
    while (*at) {
        sqlite3_stmt *st = NULL;
        const char *next;
        int rc = sqlite3_prepare_v2(db, at, -1, &st, &next);
        if (rc == SQLITE_OK && st) {
            count++;
            while ((rc = sqlite3_step(st)) == SQLITE_ROW)
                print_row(st);
        }
        if (rc != SQLITE_OK && rc != SQLITE_DONE) {
            printf("Error: near statement %d: %s\n", count, sqlite3_errmsg(db));
            failed++;
        }
        sqlite3_finalize(st);
        if (next == at)
            break;
        at = next;
    }
    fprintf(stderr, "sqlite_stdin: %d statements, %d failed\n", count, failed);
    sqlite3_close(db);
    free(sql);
    return failed < 100 ? failed : 100;
}
