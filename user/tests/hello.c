/* SPDX-License-Identifier: MIT */
/* hello.c: the smallest task: exits with its argument (the 256-task test checks each code). */
#include "jx.h"

int64_t main(uint64_t arg) { return (int64_t)arg; }
