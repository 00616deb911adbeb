/* SPDX-License-Identifier: MIT */
/* libc_mix.c: WASI test: printf, malloc, qsort, libm; output must equal the native build. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct item {
    char name[16];
    int weight;
    double score;
} item_t;

static int by_weight_then_name(const void *a, const void *b)
{
    const item_t *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight < y->weight ? -1 : 1;
    return strcmp(x->name, y->name);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static void formatting(void)
{
    printf("[%d] [%5d] [%-5d] [%05d] [%+d] [%x] [%X] [%o] [%#x]\n", 42, 42, 42, 42, 42, 255, 255, 8,
           255);
    printf("[%lld] [%llu] [%zu] [%ld]\n", -9223372036854775807LL - 1, 18446744073709551615ULL,
           (size_t)12345, -7L);
    printf("[%f] [%.3f] [%e] [%g] [%g] [%10.4f] [%-10.2e]\n", 3.14159265358979, 2.0 / 3.0,
           123456.789, 0.0001234, 1e20, -1.5, 6.02214076e23);
    printf("[%s] [%10s] [%-10s] [%.3s] [%c] [%%]\n", "hello", "right", "left", "truncate", 'Z');
    char buf[64];
    int n = snprintf(buf, sizeof buf, "%s-%d-%.2f", "snp", 7, 1.005);
    printf("snprintf: %s (%d)\n", buf, n);
    printf("strtod: %.17g %.17g %g\n", strtod("0.1", NULL), strtod("1e-310", NULL),
           strtod("  -12.5e3xyz", NULL));
    printf("strtol: %ld %ld %lu\n", strtol("-0x1F", NULL, 16), strtol("0777", NULL, 8),
           strtoul("4294967295", NULL, 10));
}

static void allocation(void)
{
    uint64_t sum = 0;
    void *blocks[512];
    for (int round = 0; round < 20; round++) {
        for (int i = 0; i < 512; i++) {
            size_t size = (size_t)(((i * 7919) ^ (round * 104729)) % 5000) + 1;
            blocks[i] = malloc(size);
            if (!blocks[i]) {
                printf("malloc failed\n");
                return;
            }
            memset(blocks[i], i & 0xff, size);
            sum += size;
        }
        for (int i = 0; i < 512; i += 2) {
            blocks[i] = realloc(blocks[i], 10000);
            ((unsigned char *)blocks[i])[9999] = 1;
        }
        for (int i = 0; i < 512; i++)
            free(blocks[i]);
    }
    char *big = calloc(1 << 22, 1);
    printf("allocated %llu bytes in small blocks, big calloc %s, zero %d\n",
           (unsigned long long)sum, big ? "ok" : "failed", big ? big[123456] : -1);
    free(big);
}

static void sorting(void)
{
    static const char *names[] = { "kiwi",  "apple", "fig",   "banana",    "cherry", "date",
                                   "grape", "lemon", "mango", "nectarine", "orange", "pear" };
    item_t items[12];
    for (int i = 0; i < 12; i++) {
        strcpy(items[i].name, names[i]);
        items[i].weight = (i * 5) % 4;
        items[i].score = (double)i / 3.0;
    }
    qsort(items, 12, sizeof items[0], by_weight_then_name);
    for (int i = 0; i < 12; i++)
        printf("%d:%s:%.4f%s", items[i].weight, items[i].name, items[i].score,
               i == 11 ? "\n" : " ");
    int nums[1000];
    uint32_t x = 1;
    for (int i = 0; i < 1000; i++) {
        x = x * 1664525u + 1013904223u;
        nums[i] = (int)(x >> 8) - (1 << 23);
    }
    qsort(nums, 1000, sizeof nums[0], cmp_int);
    int *hit = bsearch(&nums[500], nums, 1000, sizeof nums[0], cmp_int);
    printf("sorted: %d %d %d, bsearch %s\n", nums[0], nums[500], nums[999],
           hit && *hit == nums[500] ? "found" : "missing");
}

/* libm: values printed to 10 significant digits, where glibc and the
 * wasi-libc (musl) implementations agree. */
static void math(void)
{
    static volatile double xs[] = { 0.5, 1.0, 2.0, 3.7, 10.25 }; /* not folded */
    for (int i = 0; i < 5; i++) {
        double x = xs[i];
        printf("x=%g sqrt=%.10g sin=%.10g cos=%.10g exp=%.10g log=%.10g pow=%.10g atan2=%.10g\n", x,
               sqrt(x), sin(x), cos(x), exp(x), log(x), pow(x, 1.5), atan2(x, 2.0));
    }
    printf("floor %g ceil %g round %g trunc %g fmod %g fabs %g hypot %g\n", floor(-2.5), ceil(-2.5),
           round(2.5), trunc(-2.7), fmod(10.0, 3.0), fabs(-4.0), hypot(3.0, 4.0));
    printf("nan %d inf %d %g %g\n", isnan(NAN), isinf(INFINITY), -INFINITY, 3.4028234663852886e38);
}

int main(void)
{
    formatting();
    allocation();
    sorting();
    math();
    return 0;
}
