/* SPDX-License-Identifier: MIT */
/* hosttest.h: the few checking macros the host unit tests share. */
#pragma once
#include <stdio.h>
#include <string.h>

/* Failures so far in this program; main() returns ht_failures != 0. */
static int ht_failures;

/* Reports and counts a failed expectation, with where it was made. */
#define HT_CHECK(cond)                                                                             \
    ((cond)                                                                                        \
         ? (void)0                                                                                 \
         : (void)(ht_failures++, fprintf(stderr, "%s:%d: FAIL %s\n", __FILE__, __LINE__, #cond)))

#define HT_CHECK_STR(got, want)                                                                    \
    (strcmp((got), (want)) == 0                                                                    \
         ? (void)0                                                                                 \
         : (void)(ht_failures++, fprintf(stderr, "%s:%d: FAIL got \"%s\", want \"%s\"\n",          \
                                         __FILE__, __LINE__, (got), (want))))

/* Last line of every test program, read by tests/suites/kernel-unit.sh. */
static inline int ht_finish(const char *name)
{
    printf("%s: %s\n", name, ht_failures ? "FAILED" : "passed");
    return ht_failures != 0;
}
