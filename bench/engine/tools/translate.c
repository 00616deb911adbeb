/* SPDX-License-Identifier: MIT */
/* translate.c: times jw_module_load (decode + validate + translate) on a module file. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../../../engine/include/jwasm.h"
#include "timing.h"

static void *tr_alloc(void *ud, size_t size)
{
    (void)ud;
    return malloc(size ? size : 1);
}

static void tr_free(void *ud, void *p, size_t size)
{
    (void)ud, (void)size;
    free(p);
}

/* The size of the code section (id 10), found by walking the sections. */
static size_t code_section_size(const unsigned char *p, size_t len)
{
    size_t i = 8;
    while (i < len) {
        unsigned id = p[i++];
        size_t size = 0;
        for (unsigned shift = 0; i < len && shift < 35; shift += 7) {
            size |= (size_t)(p[i] & 0x7f) << shift;
            if (!(p[i++] & 0x80))
                break;
        }
        if (id == 10)
            return size;
        i += size;
    }
    return 0;
}

/* CPU seconds of this thread: unlike wall time, not inflated while other
 * processes hold the (shared) CPUs. */
static double cpu_now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: jw-translate FILE.wasm [RUNS]\n");
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 7;
    if (runs < 1 || runs > 1000)
        runs = 7;
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *bytes = malloc((size_t)len + 1);
    if (!bytes || fread(bytes, 1, (size_t)len, f) != (size_t)len)
        return 2;
    fclose(f);
    jw_allocator_t alloc = { tr_alloc, tr_free, NULL };
    double *t = calloc((size_t)runs, sizeof *t), *cpu = calloc((size_t)runs, sizeof *cpu);
    for (int r = 0; r < runs; r++) {
        jw_error_t err;
        double t0 = timing_now_s(), c0 = cpu_now_s();
        jw_module_t *m = jw_module_load(&alloc, bytes, (size_t)len, &err);
        cpu[r] = cpu_now_s() - c0;
        t[r] = timing_now_s() - t0;
        if (!m) {
            fprintf(stderr, "jw-translate: %s: %s (at offset 0x%zx)\n", argv[1], err.message,
                    err.offset);
            return 1;
        }
        jw_module_free(m);
    }
    timing_sort(t, runs);
    timing_sort(cpu, runs);
    size_t code = code_section_size(bytes, (size_t)len);
    double med = t[runs / 2];
    /* One line, key=value, for run.sh. */
    double mib = (double)code / (1024.0 * 1024.0);
    printf("bytes=%ld code_bytes=%zu runs=%d median_ms=%.2f min_ms=%.2f mib_per_s=%.1f "
           "cpu_median_ms=%.2f cpu_min_ms=%.2f cpu_ms_per_mib=%.2f\n",
           len, code, runs, med * 1e3, t[0] * 1e3, mib / med, cpu[runs / 2] * 1e3, cpu[0] * 1e3,
           cpu[0] * 1e3 / mib);
    free(t);
    free(cpu);
    free(bytes);
    return 0;
}
