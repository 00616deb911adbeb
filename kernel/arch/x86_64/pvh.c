/* SPDX-License-Identifier: MIT */
/* pvh.c: reads QEMU's PVH hand-over (struct hvm_start_info): command line, usable RAM, the boot module. */
#include "kprintf.h"
#include "layout.h"
#include "panic.h"
#include "x86.h"

/* From Xen's public/arch-x86/hvm/start_info.h (the PVH boot ABI). */
#define HVM_START_MAGIC     0x336ec578
#define HVM_MEMMAP_TYPE_RAM 1

#define PAGE_SIZE       4096
#define LOW_MEMORY_END  0x100000
#define PVH_CMDLINE_MAX 512 /* longer command lines are cut */

/* linker.ld: the end of the kernel image, bss and stacks (virtual). */
extern char __kernel_end[];

struct hvm_start_info {
    uint32_t magic;
    uint32_t version; /* memmap_* exist from version 1 */
    uint32_t flags;
    uint32_t nr_modules;
    uint64_t modlist_paddr;
    uint64_t cmdline_paddr;
    uint64_t rsdp_paddr;
    uint64_t memmap_paddr;
    uint32_t memmap_entries;
    uint32_t reserved;
};

/* One boot module (QEMU's -initrd is module 0). */
struct hvm_modlist_entry {
    uint64_t paddr;
    uint64_t size;
    uint64_t cmdline_paddr;
    uint64_t reserved;
};

struct hvm_memmap_entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type;
    uint32_t reserved;
};

/* Boot loader data must lie inside the boot map to be readable at all. */
static const void *pvh_ptr(uint64_t phys, uint64_t size)
{
    if (phys >= X86_BOOT_MAP_SIZE || size > X86_BOOT_MAP_SIZE - phys)
        panic("PVH: data at %#llx outside the boot map", (unsigned long long)phys);
    return x86_phys_to_virt(phys);
}

/* Appends [start, end) shrunk to whole pages, if anything is left of it. */
static void pvh_add_ram(struct boot_info *bi, uint64_t start, uint64_t end)
{
    start = (start + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
    end &= ~(uint64_t)(PAGE_SIZE - 1);
    if (start >= end)
        return;
    if (bi->nram == BOOT_MAX_REGIONS) {
        kprintf("pvh: more than %d RAM regions, ignoring the rest\n", BOOT_MAX_REGIONS);
        return;
    }
    bi->ram[bi->nram++] = (struct mem_region){ start, end - start };
}

/*
 * A RAM range minus what is already in use: everything below 1 MiB (real-mode
 * BIOS data, and QEMU's PVH hand-over: start_info, memory map, command line)
 * and the kernel image with its bss and stacks.
 */
static void pvh_add_usable(struct boot_info *bi, uint64_t base, uint64_t size)
{
    uint64_t end = size > UINT64_MAX - base ? UINT64_MAX : base + size;
    uint64_t kstart = X86_KERNEL_PHYS;
    uint64_t kend = (uint64_t)__kernel_end - X86_KERNEL_VMA;
    if (base < LOW_MEMORY_END)
        base = LOW_MEMORY_END;
    if (base >= end)
        return;
    if (end <= kstart || base >= kend) {
        pvh_add_ram(bi, base, end);
        return;
    }
    if (base < kstart)
        pvh_add_ram(bi, base, kstart);
    if (end > kend)
        pvh_add_ram(bi, kend, end);
}

static void pvh_memmap(const struct hvm_start_info *si, struct boot_info *bi)
{
    if (si->version < 1 || !si->memmap_paddr)
        panic("PVH: no memory map (start_info version %u)", si->version);
    const struct hvm_memmap_entry *e =
        pvh_ptr(si->memmap_paddr, (uint64_t)si->memmap_entries * sizeof *e);
    bi->nram = 0;
    for (uint32_t i = 0; i < si->memmap_entries; i++)
        if (e[i].type == HVM_MEMMAP_TYPE_RAM)
            pvh_add_usable(bi, e[i].addr, e[i].size);
}

/*
 * Copied out: the command line lives in low memory, which is reachable only
 * through the boot map, and mmu.c drops that map.
 */
static const char *pvh_cmdline(uint64_t phys)
{
    static char buf[PVH_CMDLINE_MAX];
    if (!phys)
        return "";
    const char *s = pvh_ptr(phys, 1);
    size_t n = 0;
    while (n < sizeof buf - 1 && phys + n < X86_BOOT_MAP_SIZE && s[n])
        n++;
    for (size_t i = 0; i < n; i++)
        buf[i] = s[i];
    buf[n] = 0;
    return buf;
}

/* The first boot module is the boot archive; others are ignored (said once). */
static void pvh_initrd(const struct hvm_start_info *si, struct boot_info *bi)
{
    bi->initrd = (struct mem_region){ 0, 0 };
    if (si->nr_modules == 0 || !si->modlist_paddr)
        return;
    const struct hvm_modlist_entry *m = pvh_ptr(si->modlist_paddr, sizeof *m);
    if (si->nr_modules > 1)
        kprintf("pvh: %u boot modules, using the first as the boot archive\n", si->nr_modules);
    if (m->size && m->paddr <= UINT64_MAX - m->size)
        bi->initrd = (struct mem_region){ m->paddr, m->size };
}

void x86_pvh_parse(uint64_t start_info_phys, struct boot_info *bi)
{
    const struct hvm_start_info *si = pvh_ptr(start_info_phys, sizeof *si);
    if (si->magic != HVM_START_MAGIC)
        panic("PVH: bad start_info magic %#x", si->magic);
    bi->cmdline = pvh_cmdline(si->cmdline_paddr);
    bi->dtb = 0;
    pvh_memmap(si, bi);
    pvh_initrd(si, bi);
}
