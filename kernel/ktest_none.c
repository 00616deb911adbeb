/* SPDX-License-Identifier: MIT */
/* ktest_none.c: ktest_run in the production kernel, which has no boot tests (kernel/kernel.mk). */
#include "arch.h"
#include "exit.h"
#include "kprintf.h"
#include "ktest.h"

noreturn void ktest_run(const char *name)
{
    kprintf("ktest: this kernel has no boot tests ('%s'): they are in kernel-test "
            "(make kernel-test)\n",
            name);
    arch_exit(KEXIT_BAD_CMDLINE);
}
