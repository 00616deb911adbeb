/* SPDX-License-Identifier: MIT */
/* quicksort.c: benchmark: hand-written quicksort of 32-bit ints (compares, swaps, recursion). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define COUNT  3000000
#define ROUNDS 3

static void insertion_sort(int32_t *a, long n)
{
    for (long i = 1; i < n; i++) {
        int32_t v = a[i];
        long j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

/* Median-of-three Hoare partition; recurses on the smaller half. */
static void quicksort(int32_t *a, long n)
{
    while (n > 16) {
        int32_t x = a[0], y = a[n / 2], z = a[n - 1];
        int32_t pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
        long i = -1, j = n;
        for (;;) {
            do
                i++;
            while (a[i] < pivot);
            do
                j--;
            while (a[j] > pivot);
            if (i >= j)
                break;
            int32_t t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        long left = j + 1;
        if (left < n - left) {
            quicksort(a, left);
            a += left;
            n -= left;
        } else {
            quicksort(a + left, n - left);
            n = left;
        }
    }
    insertion_sort(a, n);
}

int main(void)
{
    int32_t *a = malloc(sizeof(int32_t) * COUNT);
    if (!a)
        return 1;
    uint64_t seed = 88172645463325252ull, sum = 0;
    for (int r = 0; r < ROUNDS; r++) {
        for (long i = 0; i < COUNT; i++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            a[i] = (int32_t)(seed >> 33);
        }
        quicksort(a, COUNT);
        for (long i = 1; i < COUNT; i++)
            if (a[i - 1] > a[i]) {
                printf("not sorted at %ld\n", i);
                return 1;
            }
        for (long i = 0; i < COUNT; i += 1009)
            sum = sum * 31 + (uint32_t)a[i];
    }
    printf("quicksort %d x%d: min %d max %d checksum %llu\n", COUNT, ROUNDS, a[0], a[COUNT - 1],
           (unsigned long long)sum);
    free(a);
    return 0;
}
