/* SPDX-License-Identifier: MIT */
/* matmul.c: benchmark: f64 matrix multiplication (loads, multiply-adds). */
#include <stdio.h>
#include <stdlib.h>

#define N      512
#define ROUNDS 16

static void matmul(const double *a, const double *b, double *c, int n)
{
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++)
            c[i * n + j] = 0.0;
        for (int k = 0; k < n; k++) {
            double aik = a[i * n + k];
            for (int j = 0; j < n; j++)
                c[i * n + j] += aik * b[k * n + j];
        }
    }
}

int main(void)
{
    double *a = malloc(sizeof(double) * N * N);
    double *b = malloc(sizeof(double) * N * N);
    double *c = malloc(sizeof(double) * N * N);
    if (!a || !b || !c)
        return 1;
    for (int i = 0; i < N * N; i++) {
        a[i] = (double)(i % 17) / 16.0 - 0.5;
        b[i] = (double)(i % 13) / 12.0 + 0.25;
    }
    double sum = 0.0;
    for (int r = 0; r < ROUNDS; r++) {
        matmul(a, b, c, N);
        /* Feed the result back so that each round depends on the last. */
        for (int i = 0; i < N * N; i++)
            a[i] = c[i] / (double)N;
        sum += c[(r * 7919) % (N * N)];
    }
    double trace = 0.0;
    for (int i = 0; i < N; i++)
        trace += c[i * N + i];
    printf("matmul %dx%d x%d: trace %.6e, checksum %.6e\n", N, N, ROUNDS, trace, sum);
    free(a);
    free(b);
    free(c);
    return 0;
}
