/* SPDX-License-Identifier: MIT */
/* spawn.c: prints the OS clock as main starts and as it traps, for make bench's module-spawn figure (bench/os.sh). */
#include <stdio.h>
#include <time.h>

/* PAD bytes of initialised data (built with -DPAD=1048576 for the 1 MiB
 * module): a non-zero fill, so that the linker keeps every byte in the
 * module's data segment and instantiation copies it. */
#ifndef PAD
#define PAD 1
#endif
static const unsigned char pad[PAD] = { [0 ... PAD - 1] = 0x5a };

static long long now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* Run with restart=1 (bench/os.sh's manifest): the trap makes the root start
 * the module again, so the second "main at" less the first "trap at" is one
 * spawn by the root (task, address space, runner, load, instantiate, up to
 * main) plus the first run's end. Under -icount shift=0 the OS clock counts
 * guest instructions. */
int main(int argc, char **argv)
{
    (void)argv;
    long long start = now_ns();
    printf("spawn: main at %lld ns, %zu bytes of data, byte %d\n", start, sizeof pad,
           pad[argc - 1]);
    fflush(stdout);
    printf("spawn: trap at %lld ns\n", now_ns());
    fflush(stdout);
    __builtin_trap();
}
