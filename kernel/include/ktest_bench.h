/* SPDX-License-Identifier: MIT */
/* ktest_bench.h: make bench's kernel figures (ktest_bench.c), run by ktest.c's table; each returns true if it failed. */
#pragma once
#include <stdbool.h>

/* Every kernel figure, 11 samples each (the first is warm-up), and how many runner tasks fit. */
bool ktest_bench_all(void);
/* The same at a tiny size, two samples each (make test: the programs cannot rot). */
bool ktest_bench_tiny(void);
