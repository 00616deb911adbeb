/* SPDX-License-Identifier: MIT */
/* sqlite_os.c: the OS layer SQLite gets when built with SQLITE_OS_OTHER: a VFS with no files, for in-memory databases. */
#include <string.h>
#include "sqlite3.h"

/* SQLite 3.40's unix VFS does not build for wasm32-wasi (no fchown, no
 * F_GETLK), so both builds of the benchmark use this one instead: the same
 * code natively and in wasm. The script only uses ":memory:" databases and
 * the build sets SQLITE_TEMP_STORE=3 (temporary tables and sorts in
 * memory), so no file is ever opened; randomness and the clock are fixed,
 * which keeps the output the same on every target. */

static int os_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out)
{
    (void)vfs, (void)name, (void)flags, (void)out;
    f->pMethods = NULL;
    return SQLITE_CANTOPEN;
}
static int os_delete(sqlite3_vfs *vfs, const char *name, int sync)
{
    (void)vfs, (void)name, (void)sync;
    return SQLITE_OK;
}
static int os_access(sqlite3_vfs *vfs, const char *name, int flags, int *res)
{
    (void)vfs, (void)name, (void)flags;
    *res = 0;
    return SQLITE_OK;
}
static int os_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
    (void)vfs;
    sqlite3_snprintf(n, out, "%s", name);
    return SQLITE_OK;
}
static int os_randomness(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    for (int i = 0; i < n; i++)
        out[i] = (char)(i * 131 + 7);
    return n;
}
static int os_sleep(sqlite3_vfs *vfs, int us)
{
    (void)vfs;
    return us;
}
static int os_current_time(sqlite3_vfs *vfs, double *jd)
{
    (void)vfs;
    *jd = 2461000.5; /* a fixed day in 2025 */
    return SQLITE_OK;
}
static int os_last_error(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs, (void)n, (void)out;
    return 0;
}

static sqlite3_vfs mem_vfs = {
    .iVersion = 1,
    .szOsFile = sizeof(sqlite3_file),
    .mxPathname = 512,
    .zName = "bench-memory",
    .xOpen = os_open,
    .xDelete = os_delete,
    .xAccess = os_access,
    .xFullPathname = os_full_pathname,
    .xRandomness = os_randomness,
    .xSleep = os_sleep,
    .xCurrentTime = os_current_time,
    .xGetLastError = os_last_error,
};

int sqlite3_os_init(void) { return sqlite3_vfs_register(&mem_vfs, 1); }
int sqlite3_os_end(void) { return SQLITE_OK; }
