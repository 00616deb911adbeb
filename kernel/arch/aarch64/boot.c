/* SPDX-License-Identifier: MIT */
/* boot.c: arm64 boot in C: read the DTB, start the console, describe RAM, call kernel_main(). */
#include "arch.h"
#include "board.h"
#include "cpu.h"
#include "exit.h"
#include "fdt.h"
#include "fdt_ram.h"
#include "kprintf.h"
#include "mmu.h"
#include "serial.h"
#include "vm.h"

/* Called by entry.S only; declared here to keep -Wmissing-prototypes happy. */
noreturn void arm64_boot(uint64_t dtb_phys, uint64_t entry_cycles, uint64_t kernel_phys);

extern char _kernel_start[], _kernel_end[];

static struct boot_info boot_info;
static struct fdt_boot dt; /* static: too big for the 16 KiB boot stack's comfort */

/* No DTB means no RAM map and no console: say so (through semihosting) and stop. */
static noreturn void bad_dtb(uint64_t phys, int err)
{
    kprintf("aarch64: no usable device tree at 0x%lx: %s\n", (unsigned long)phys,
            fdt_strerror(err));
    arch_exit(KEXIT_FATAL);
}

static void read_dtb(uint64_t phys, struct fdt *f)
{
    size_t avail;
    const void *blob = mmu_map_dtb(phys, &avail);
    int err = blob ? fdt_open(f, blob, avail) : FDT_ERR_TRUNCATED;
    if (!err)
        err = fdt_scan_boot(f, &dt);
    if (err)
        bad_dtb(phys, err);
}

static void start_console(void)
{
    volatile void *regs = dt.uart.size ? mmu_map_device(dt.uart.base, dt.uart.size) : NULL;
    if (regs)
        serial_init(regs);
    else
        kprintf("aarch64: no PL011 in the device tree; console on semihosting\n");
}

/*
 * Usable RAM is the DTB's memory minus its reservations, minus the kernel
 * image (bss, boot stack and page tables included: _kernel_end) and the DTB
 * itself, both of which the loader put inside RAM.
 */
static void find_ram(uint64_t kernel_phys, uint64_t dtb_phys, const struct fdt *f)
{
    struct mem_region excl[2] = {
        { kernel_phys, (uintptr_t)_kernel_end - (uintptr_t)_kernel_start },
        { dtb_phys, f->size },
    };
    int n = fdt_usable_ram(&dt, excl, 2, boot_info.ram, BOOT_MAX_REGIONS);
    if (n < 0)
        bad_dtb(dtb_phys, n);
    /* Only what the direct map covers is usable (it may cut a little). */
    boot_info.nram = mmu_map_ram(boot_info.ram, (size_t)n);
}

const struct fdt_boot *board(void) { return &dt; }

noreturn void arm64_boot(uint64_t dtb_phys, uint64_t entry_cycles, uint64_t kernel_phys)
{
    struct fdt f;
    mmu_init(kernel_phys);
    cpu_init();
    vm_init();
    boot_info.entry_cycles = entry_cycles;
    read_dtb(dtb_phys, &f);
    start_console();
    find_ram(kernel_phys, dtb_phys, &f);
    boot_info.cmdline = dt.bootargs ? dt.bootargs : "";
    boot_info.dtb = f.base;
    boot_info.initrd = dt.initrd; /* inside RAM: direct-mapped, kept from the pool by frame_init */
    kernel_main(&boot_info);
}
