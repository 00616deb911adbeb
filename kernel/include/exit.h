/* SPDX-License-Identifier: MIT */
/* exit.h: the kernel's exit statuses, which become QEMU's exit status (see arch_exit). */
#pragma once

/*
 * Boot tests judge a run by these, so every arch must use exactly them.
 * tools/qemu.sh reserves 124 (timeout) and 125 (QEMU stopped on its own).
 */
enum kexit {
    KEXIT_OK = 0,          /* booted, the selected test (if any) passed */
    KEXIT_TEST_FAILED = 1, /* the selected in-kernel test reported a failure */
    KEXIT_BAD_CMDLINE = 2, /* unknown test or malformed command line */
    KEXIT_FATAL = 3,       /* panic() or an unexpected CPU exception */
};
