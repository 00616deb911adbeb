/* SPDX-License-Identifier: MIT */
/* mmu.c: the x86-64 kernel half, built at boot: the W^X image map, the direct map, kernel-stack and MMIO tables. */
#include <stdbool.h>
#include "arch.h"
#include "config.h"
#include "cpu.h"
#include "frame.h"
#include "jericho/error.h"
#include "kprintf.h"
#include "kstring.h"
#include "layout.h"
#include "mmu.h"
#include "panic.h"

/*
 * Boot fills the kernel half's PML4 slots (256..511) before kernel_main and
 * they never change again, so a user PML4 copies slots 256..511 at creation
 * and shares every later kernel mapping below them.
 * The tables are frames cut from the start of the first usable RAM region
 * (below 1 GiB, where entry.S's boot map reaches them until CR3 switches)
 * and removed from boot_info.ram, so the frame pool never sees them and
 * their number follows the amount of RAM instead of a fixed static table.
 */
static uint64_t kernel_pml4_pa;
static uint64_t tables_next, tables_end; /* boot table frames still free */
static unsigned tables_used;
static bool on_final_tables; /* after the CR3 switch: tables via the direct map */
static bool gbpages; /* CPUID says the CPU has 1 GiB pages */
static uint64_t direct_bytes; /* RAM the direct map covers, image included */

extern char __text_start[], __text_end[], __rodata_start[], __rodata_end[];
extern char __data_start[], __kernel_end[];
extern const uint64_t __guards_start[], __guards_end[];

static uint64_t image_pa(const void *va) { return (uint64_t)va - X86_KERNEL_VMA; }

static unsigned idx(uint64_t va, int level) /* level 3 = PML4 .. 0 = PT */
{
    return (va >> (12 + 9 * level)) & 511;
}

static uint64_t level_size(int level) /* bytes one entry of `level` maps */
{
    return 4096ull << (9 * level);
}

/* ---- boot: tables are frames reached through the boot map, then the direct map ---- */

static uint64_t *boot_table(uint64_t pa)
{
    return (uint64_t *)(pa + (on_final_tables ? X86_DIRECT_MAP : X86_KERNEL_VMA));
}

static uint64_t *kernel_pml4(void) { return boot_table(kernel_pml4_pa); }

uint64_t x86_kernel_pml4(void) { return kernel_pml4_pa; }

static uint64_t boot_table_alloc(void)
{
    if (on_final_tables || tables_next == tables_end)
        panic("mmu: no frame left for a boot page table (%u taken)", tables_used);
    uint64_t pa = tables_next;
    tables_next += 4096;
    tables_used++;
    memset(boot_table(pa), 0, 4096);
    return pa;
}

static uint64_t *boot_next(uint64_t *table, unsigned i)
{
    if (!(table[i] & PTE_P))
        table[i] = boot_table_alloc() | PTE_P | PTE_W;
    else if (table[i] & PTE_PS)
        panic("mmu: boot mapping inside a large page (overlapping RAM regions?)");
    return boot_table(table[i] & PTE_ADDR);
}

/* The entry for va at `level` (0 = PT .. 2 = PDPT), creating the tables above it. */
static uint64_t *boot_entry(uint64_t va, int level)
{
    uint64_t *t = kernel_pml4();
    for (int l = 3; l > level; l--)
        t = boot_next(t, idx(va, l));
    return &t[idx(va, level)];
}

/* Text RX, rodata R, the rest RW; all but text NX; all global (kept across CR3 loads). */
static uint64_t image_flags(uint64_t va)
{
    if (va >= (uint64_t)__text_start && va < (uint64_t)__text_end)
        return PTE_P | PTE_G;
    if (va >= (uint64_t)__rodata_start && va < (uint64_t)__rodata_end)
        return PTE_P | PTE_G | PTE_NX;
    return PTE_P | PTE_W | PTE_G | PTE_NX;
}

static bool is_guard(uint64_t va)
{
    for (const uint64_t *g = __guards_start; g < __guards_end; g++)
        if (*g == va)
            return true;
    return false;
}

static void boot_map_image(void)
{
    for (uint64_t va = (uint64_t)__text_start; va < (uint64_t)__kernel_end; va += 4096)
        if (!is_guard(va))
            *boot_entry(va, 0) = image_pa((void *)va) | image_flags(va);
}

/* The largest page (level 2: 1 GiB, 1: 2 MiB, 0: 4 KiB) that starts at pa and ends by end. */
static int direct_level(uint64_t pa, uint64_t end)
{
    for (int level = gbpages ? 2 : 1; level > 0; level--)
        if (pa % level_size(level) == 0 && end - pa >= level_size(level))
            return level;
    return 0;
}

/* [pa, end) (page aligned) at X86_DIRECT_MAP + pa, in the largest pages that fit. */
static void boot_map_direct(uint64_t pa, uint64_t end, uint64_t flags)
{
    direct_bytes += end > pa ? end - pa : 0;
    while (pa < end) {
        int level = direct_level(pa, end);
        *boot_entry(X86_DIRECT_MAP + pa, level) = pa | flags | (level ? PTE_PS : 0);
        pa += level_size(level);
    }
}

/*
 * The direct map: every usable RAM region, plus the kernel image, whose
 * text and rodata are read-only through this alias too. Low memory (below
 * the image) is left out: nothing reads it after boot.
 */
static void boot_map_ram(const struct boot_info *bi)
{
    uint64_t data = PTE_P | PTE_W | PTE_G | PTE_NX;
    boot_map_direct(X86_KERNEL_PHYS, image_pa(__text_start), data);
    boot_map_direct(image_pa(__text_start), image_pa(__rodata_end), data & ~PTE_W);
    boot_map_direct(image_pa(__rodata_end), image_pa(__kernel_end), data);
    for (size_t i = 0; i < bi->nram; i++)
        boot_map_direct(bi->ram[i].base, bi->ram[i].base + bi->ram[i].size, data);
}

/* The boot table frames: the start of the first region the boot map reaches. */
static struct mem_region *boot_tables_from(struct boot_info *bi)
{
    for (size_t i = 0; i < bi->nram; i++) {
        struct mem_region *r = &bi->ram[i];
        if (r->base < X86_BOOT_MAP_SIZE) {
            tables_next = r->base;
            tables_end =
                r->base + r->size < X86_BOOT_MAP_SIZE ? r->base + r->size : X86_BOOT_MAP_SIZE;
            /* Never over the boot archive (QEMU puts it at the top of RAM). */
            const struct mem_region *rd = &bi->initrd;
            if (rd->size && rd->base < tables_end && rd->base + rd->size > tables_next)
                tables_end = rd->base > tables_next ? rd->base & ~0xfffull : tables_next;
            return r;
        }
    }
    panic("mmu: no usable RAM below %#llx for the page tables",
          (unsigned long long)X86_BOOT_MAP_SIZE);
}

/* Cuts the frames the tables took from the front of region r (dropped if empty). */
static void boot_tables_taken(struct boot_info *bi, struct mem_region *r)
{
    uint64_t used = tables_next - r->base;
    r->base += used;
    r->size -= used;
    if (r->size == 0) {
        for (size_t i = (size_t)(r - bi->ram); i + 1 < bi->nram; i++)
            bi->ram[i] = bi->ram[i + 1];
        bi->nram--;
    }
}

#define MSR_EFER      0xc0000080
#define EFER_NXE      (1ull << 11)
#define CR4_PGE       (1ull << 7)
#define CPUID_PAGE1GB (1u << 26) /* CPUID 0x80000001 EDX */

static bool cpu_has_gbpages(void)
{
    return cpuid(0x80000000, 0).eax >= 0x80000001 && (cpuid(0x80000001, 0).edx & CPUID_PAGE1GB);
}

void x86_mmu_init(struct boot_info *bi)
{
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE); /* before any NX bit is used */
    write_cr4(read_cr4() | CR4_PGE);
    gbpages = cpu_has_gbpages();
    struct mem_region *tables = boot_tables_from(bi);
    kernel_pml4_pa = boot_table_alloc();
    boot_map_image();
    boot_map_ram(bi); /* before the cut: the tables are in the direct map too */
    /*
     * Every page table the kernel-stack slots can need, now: stacks come and
     * go, and tables allocated on demand would never be given back, which
     * would show up as frames lost to the first tasks.
     */
    for (uint64_t off = 0; off < (uint64_t)CONFIG_MAX_THREADS * CONFIG_KSTACK_SLOT; off += 0x200000)
        boot_entry(ARCH_KSTACK_BASE + off, 0);
    boot_entry(X86_MMIO_BASE, 0); /* one PT, so x86_mmio_map never allocates */
    boot_tables_taken(bi, tables);
    write_cr3(kernel_pml4_pa);
    on_final_tables = true;
}

void x86_mmu_report(void)
{
    kprintf("mmu: direct map %llu MiB, %s pages, %u page-table frames\n",
            (unsigned long long)(direct_bytes >> 20), gbpages ? "1 GiB" : "2 MiB", tables_used);
}

void *x86_mmio_map(unsigned index, uint64_t phys)
{
    uint64_t va = X86_MMIO_BASE + (uint64_t)index * 4096;
    *boot_entry(va, 0) = (phys & PTE_ADDR) | PTE_P | PTE_W | PTE_PCD | PTE_G | PTE_NX;
    invlpg(va);
    return (void *)(va + (phys & 0xfff));
}
