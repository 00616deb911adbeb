/* SPDX-License-Identifier: MIT */
/* main.c: kernel_main, the generic half of boot: banner, memory, clock, scheduler, then the main thread. */
#include "arch.h"
#include "clock.h"
#include "config.h"
#include "cmdline.h"
#include "exit.h"
#include "kprintf.h"
#include "frame.h"
#include "ktest.h"
#include "panic.h"
#include "root.h"
#include "sched.h"
#include "vspace.h"
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
    kprintf("memory: %llu MiB usable in %zu region%s\n", (unsigned long long)(total >> 20),
            bi->nram, bi->nram == 1 ? "" : "s");
}

/*
 * The first thread: runs the test the command line names (test=NAME), else
 * the root task if the boot loader gave a boot archive, else powers off.
 * Never returns.
 */
static noreturn void run_cmdline(void *arg)
{
    const struct boot_info *bi = arg;
    const char *cmdline = bi->cmdline ? bi->cmdline : "";
    char name[32];
    long len = cmdline_get(cmdline, "test", name, sizeof name);
    if (len < 0 && bi->initrd.size)
        root_run(&bi->initrd);
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
    kprintf("boot: %llu us\n",
            (unsigned long long)cycles_to_us(now - bi->entry_cycles, arch_cycles_per_second()));
    if (bi->cmdline && bi->cmdline[0])
        kprintf("cmdline: %s\n", bi->cmdline);
    frame_init(bi);
    vspace_init();
    if (bi->initrd.size)
        kprintf("initrd: %llu bytes at %#llx, kept for the root task\n",
                (unsigned long long)bi->initrd.size, (unsigned long long)bi->initrd.base);
    clock_init();
    sched_init();
    arch_irq_init();
    struct thread *main_thread;
    if (thread_create("main", CONFIG_PRIORITY_DEFAULT, run_cmdline, bi, &main_thread) != 0)
        panic("no memory for the main thread");
    sched_ready(main_thread);
    sched_start();
}
