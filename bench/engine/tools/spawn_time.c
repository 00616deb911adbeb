/* SPDX-License-Identifier: MIT */
/* spawn_time.c: wall-clock time of starting a command and waiting for it, median of N runs. */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include "timing.h"

extern char **environ;

/* Runs argv once with stdout/stderr on /dev/null; its wall time, or -1. */
static double run_once(char **argv)
{
    posix_spawn_file_actions_t fa;
    pid_t pid;
    int status;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    double t0 = timing_now_s();
    int err = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
    if (err == 0 && waitpid(pid, &status, 0) < 0)
        err = 1;
    double t = timing_now_s() - t0;
    posix_spawn_file_actions_destroy(&fa);
    if (err || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    return t;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: jw-spawn-time RUNS PROGRAM [ARGS...]\n");
        return 2;
    }
    int runs = atoi(argv[1]);
    if (runs < 1 || runs > 100000)
        runs = 50;
    double *t = calloc((size_t)runs, sizeof *t);
    if (!t)
        return 2;
    for (int r = 0; r < runs; r++) {
        t[r] = run_once(argv + 2);
        if (t[r] < 0) {
            fprintf(stderr, "jw-spawn-time: %s failed\n", argv[2]);
            return 1;
        }
    }
    timing_sort(t, runs);
    printf("runs=%d median_ms=%.3f min_ms=%.3f\n", runs, t[runs / 2] * 1e3, t[0] * 1e3);
    free(t);
    return 0;
}
