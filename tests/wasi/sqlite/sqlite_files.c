/* SPDX-License-Identifier: MIT */
/* sqlite_files.c: WASI test: SQLite with an on-disk database (rollback journal, no WAL) through POSIX file calls. */
/*
 * Linked with Debian's SQLite amalgamation and its test_demovfs.c (a VFS
 * over open/read/write/fsync/ftruncate/unlink/access, no locking), built
 * the same way natively and for wasm32-wasi by tests/wasi/sqlite/run.sh.
 * `sqlite_files create DB` makes and fills DB, closes it, reopens it and
 * changes it; `sqlite_files query DB` opens it again and prints what the
 * queries find. The outputs must be the same natively and under jericho.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite3.h"

sqlite3_vfs *sqlite3_demovfs(void);

/* SQLITE_OS_OTHER: the embedder registers the VFS. */
int sqlite3_os_init(void) { return sqlite3_vfs_register(sqlite3_demovfs(), 1); }
int sqlite3_os_end(void) { return SQLITE_OK; }

static int print_row(void *ud, int n, char **vals, char **names)
{
    (void)ud;
    (void)names;
    for (int i = 0; i < n; i++)
        printf("%s%s", i ? "|" : "", vals[i] ? vals[i] : "NULL");
    printf("\n");
    return 0;
}

/* Runs `sql`, printing rows; exits on an error. */
static void run(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, print_row, NULL, &err) != SQLITE_OK) {
        printf("error in [%s]: %s\n", sql, err ? err : "?");
        sqlite3_free(err);
        sqlite3_close(db);
        exit(1);
    }
}

static sqlite3 *open_db(const char *path)
{
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK) {
        printf("cannot open %s: %s\n", path, sqlite3_errmsg(db));
        return NULL;
    }
    run(db, "PRAGMA journal_mode=DELETE");
    return db;
}

static int create(const char *path)
{
    sqlite3 *db = open_db(path);
    if (!db)
        return 1;
    run(db, "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, score REAL, blob BLOB)");
    run(db, "BEGIN");
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "INSERT INTO t(name, score, blob) VALUES(?, ?, ?)", -1, &st, NULL);
    unsigned x = 12345;
    for (int i = 0; i < 5000; i++) {
        char name[32], blob[200];
        x = x * 1103515245u + 12345u;
        snprintf(name, sizeof name, "name-%05u", (x >> 8) % 100000);
        memset(blob, 'a' + i % 26, sizeof blob);
        sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_double(st, 2, (double)((x >> 4) % 10000) / 8.0);
        sqlite3_bind_blob(st, 3, blob, 1 + i % 200, SQLITE_TRANSIENT);
        sqlite3_step(st);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    run(db, "COMMIT");
    run(db, "CREATE INDEX t_name ON t(name)");
    sqlite3_close(db);
    /* reopen and change it: a rollback journal is written and deleted */
    db = open_db(path);
    if (!db)
        return 1;
    run(db, "BEGIN; UPDATE t SET score = score * 2 WHERE id % 7 = 0; "
            "DELETE FROM t WHERE id % 11 = 0; COMMIT");
    run(db, "BEGIN; DELETE FROM t; ROLLBACK");
    run(db, "SELECT count(*) FROM t");
    sqlite3_close(db);
    return 0;
}

static int query(const char *path)
{
    sqlite3 *db = open_db(path);
    if (!db)
        return 1;
    run(db, "PRAGMA integrity_check");
    run(db, "SELECT count(*), sum(score), min(name), max(name), sum(length(blob)) FROM t");
    run(db, "SELECT id, name, score FROM t WHERE name LIKE 'name-0%' ORDER BY name, id LIMIT 8");
    run(db, "SELECT substr(name, 1, 6) AS p, count(*), round(avg(score), 3) FROM t "
            "GROUP BY p ORDER BY p");
    sqlite3_close(db);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "create") == 0)
        return create(argv[2]);
    if (argc == 3 && strcmp(argv[1], "query") == 0)
        return query(argv[2]);
    /* both: one run does what the two do, for JerichoOS, whose files last one boot */
    if (argc == 3 && strcmp(argv[1], "both") == 0)
        return create(argv[2]) || query(argv[2]);
    fprintf(stderr, "usage: sqlite_files create|query|both DB\n");
    return 2;
}
