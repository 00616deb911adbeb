/* SPDX-License-Identifier: MIT */
/* main.c: kernel_main, the generic half of boot: banner, memory, boot time, test. */
#include "arch.h"
#include "cmdline.h"
#include "exit.h"
#include "kprintf.h"
#include "ktest.h"
#include "version.h"

/* KERNEL_ARCH_NAME comes from kernel/kernel.mk ("x86_64", "aarch64"). */

/* delta cycles at hz as microseconds, without overflowing 64 bits. */
static uint64_t cycles_to_us(uint64_t delta, uint64_t hz)
{
    if (hz == 0)
        return 0;
    return delta / hz * 1000000 + delta % hz * 1000000 / hz;
}

static void print_memory(const struct boot_info *bi)
{
    uint64_t total = 0;
    for (size_t i = 0; i < bi->nram; i++)
        total += bi->ram[i].size;
    kprintf("memory: %llu MiB usable in %zu region%s\n",
            (unsigned long long)(total >> 20), bi->nram, bi->nram == 1 ? "" : "s");
}

/* Runs the test the command line names, if any; never returns. */
static noreturn void run_cmdline(const char *cmdline)
{
    char name[32];
    long len = cmdline_get(cmdline, "test", name, sizeof name);
    if (len < 0)
        arch_exit(KEXIT_OK);
    if ((size_t)len >= sizeof name) {
        kprintf("cmdline: test name too long\n");
        arch_exit(KEXIT_BAD_CMDLINE);
    }
    ktest_run(name);
}

noreturn void kernel_main(struct boot_info *bi)
{
    uint64_t now = arch_cycles();
    kprintf("JerichoOS %s (%s)\n", JERICHO_VERSION, KERNEL_ARCH_NAME);
    print_memory(bi);
    kprintf("boot: %llu us\n", (unsigned long long)cycles_to_us(
                now - bi->entry_cycles, arch_cycles_per_second()));
    if (bi->cmdline && bi->cmdline[0])
        kprintf("cmdline: %s\n", bi->cmdline);
    run_cmdline(bi->cmdline);
}
