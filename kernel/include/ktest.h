/* SPDX-License-Identifier: MIT */
/* ktest.h: in-kernel boot tests, selected by "test=NAME" on the command line. */
#pragma once
#include <stdnoreturn.h>

/*
 * Runs the test called `name` and exits QEMU with its verdict (KEXIT_OK or
 * KEXIT_TEST_FAILED). Fault tests never return: their exception report exits
 * with KEXIT_FATAL. An unknown name lists the tests and exits KEXIT_BAD_CMDLINE.
 */
noreturn void ktest_run(const char *name);

/*
 * test=pagefault writes here. Every arch must leave it unmapped: x86-64 drops
 * the low identity map, arm64 maps no RAM or device there (RAM starts at 1 GiB
 * on QEMU virt and 128 MiB of it ends at 0x48000000).
 */
#define KTEST_UNMAPPED_ADDR 0xdead0000UL
