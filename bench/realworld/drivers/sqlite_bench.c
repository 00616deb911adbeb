/* SPDX-License-Identifier: MIT */
/* sqlite_bench.c: drives SQLite (the amalgamation of Debian's sqlite3 source): runs the SQL script on stdin. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sqlite3.h"

/* Prints one result row as sqlite3's shell does in list mode: a|b|c. */
static int print_row(void *unused, int n, char **values, char **names)
{
    (void)unused, (void)names;
    for (int i = 0; i < n; i++)
        printf("%s%s", i ? "|" : "", values[i] ? values[i] : "");
    putchar('\n');
    return 0;
}

/* Reads all of stdin into a NUL-terminated string (NULL on failure). */
static char *read_stdin(void)
{
    size_t n = 0, cap = 1 << 16;
    char *s = malloc(cap);
    size_t got;
    while (s && (got = fread(s + n, 1, cap - n - 1, stdin)) > 0) {
        n += got;
        if (cap - n - 1 == 0)
            s = realloc(s, cap *= 2);
    }
    if (s)
        s[n] = 0;
    return s;
}

/* usage: sqlite_bench <script.sql. Runs the script on an in-memory
 * database and prints every result row; exits 1 on the first SQL error. */
int main(void)
{
    sqlite3 *db;
    char *err = NULL, *sql = read_stdin();
    if (!sql || sqlite3_open(":memory:", &db) != SQLITE_OK)
        return 2;
    printf("sqlite %s\n", sqlite3_libversion());
    if (sqlite3_exec(db, sql, print_row, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "sqlite_bench: %s\n", err);
        return 1;
    }
    sqlite3_close(db);
    free(sql);
    return 0;
}
