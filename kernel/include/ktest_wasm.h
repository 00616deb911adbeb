/* SPDX-License-Identifier: MIT */
/* ktest_wasm.h: boot tests of the wasm runner (ktest_wasm.c), run by ktest.c's table; each returns true if it failed. */
#pragma once
#include <stdbool.h>

bool ktest_wasm(void);
bool ktest_wasm_time(void);
