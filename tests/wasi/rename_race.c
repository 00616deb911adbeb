/* SPDX-License-Identifier: MIT */
/* rename_race.c: WASI test: lookups through `..` while a directory they pass through is moved out of the preopen and back. */
/*
 * Built twice by tests/suites/wasi.sh. For wasm32-wasi it is the prober:
 * with ROOT (holding d1/deep/a/b/c/) preopened as fd 3 it looks up
 * d1/deep/a/b/c/../../../../../only_outside again and again. As written
 * that stays beneath ROOT, but if `deep` is moved out while the lookup
 * stands below it, the `..`s climb into the directory beside ROOT and on to
 * only_outside, a file next to ROOT. Every answer must be an error
 * (ENOENT, or ENOTCAPABLE/EAGAIN when the move raced the lookup), never
 * success. Natively it is the mover: `rename_race FROM TO SECONDS` renames
 * FROM to TO and back as fast as it can.
 */
#include <stdio.h>
#include <stdlib.h>

#ifdef __wasi__
#include <wasi/api.h>

static const char escape_path[] = "d1/deep/a/b/c/../../../../../only_outside";

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 20000;
    int counts[80] = { 0 }, escaped = 0;
    for (int i = 0; i < n; i++) {
        __wasi_filestat_t st;
        __wasi_fd_t fd;
        __wasi_errno_t e = __wasi_path_filestat_get(3, 0, escape_path, &st);
        if (e == 0)
            escaped++;
        else if (e < 80)
            counts[e]++;
        e = __wasi_path_open(3, 0, escape_path, 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd);
        if (e == 0)
            escaped++;
        else if (e < 80)
            counts[e]++;
    }
    printf("lookups: %d, escaped: %d, ENOENT: %d, ENOTCAPABLE: %d, EAGAIN: %d\n", 2 * n, escaped,
           counts[__WASI_ERRNO_NOENT], counts[__WASI_ERRNO_NOTCAPABLE], counts[__WASI_ERRNO_AGAIN]);
    return escaped != 0;
}
#else
#include <time.h>

int main(int argc, char **argv)
{
    if (argc != 4)
        return 2;
    time_t end = time(NULL) + atoi(argv[3]);
    long moves = 0;
    while (time(NULL) < end) {
        for (int i = 0; i < 1000; i++) {
            if (rename(argv[1], argv[2]) == 0)
                moves++;
            if (rename(argv[2], argv[1]) == 0)
                moves++;
        }
    }
    printf("%ld moves\n", moves);
    return 0;
}
#endif
