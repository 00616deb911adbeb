/* SPDX-License-Identifier: MIT */
/* mmu.c: the kernel half (TTBR1): boot tables, direct map of RAM, DTB and device windows, stack slots. */
#include <stdbool.h>
#include "kprintf.h"
#include "layout.h"
#include "mmu.h"
#include "sysreg.h"

#define ENTRIES          512
#define L0_INDEX(va)     (((va) >> 39) & (ENTRIES - 1))
#define L1_INDEX(va)     (((va) >> 30) & (ENTRIES - 1))
#define L2_INDEX(va)     (((va) >> 21) & (ENTRIES - 1))
#define L3_INDEX(va)     (((va) >> 12) & (ENTRIES - 1))
#define KERNEL_L3_TABLES (KERNEL_MAX_SIZE / BLOCK_SIZE)
#define PA_LIMIT         (1ull << 48)

#define PAGE_TABLE __attribute__((aligned(PAGE_SIZE)))

/* Referenced by entry.S (TTBR0/TTBR1), hence not static. */
pte_t kernel_l0[ENTRIES] PAGE_TABLE, idmap_l0[ENTRIES] PAGE_TABLE;
static pte_t kernel_l1[ENTRIES] PAGE_TABLE, kernel_l2[ENTRIES] PAGE_TABLE;
static pte_t kernel_l3[KERNEL_L3_TABLES][ENTRIES] PAGE_TABLE;
static pte_t device_l3[ENTRIES] PAGE_TABLE;
static pte_t idmap_l1[ENTRIES] PAGE_TABLE, idmap_l2[ENTRIES] PAGE_TABLE;
/* The kernel stack area: one L2, and L3 tables for every slot up front, so
 * mapping a stack never allocates and never fails for want of a table. */
#define KSTACK_L3_TABLES (KSTACK_AREA_SIZE / BLOCK_SIZE)
static pte_t kstack_l2[ENTRIES] PAGE_TABLE;
static pte_t kstack_l3[KSTACK_L3_TABLES][ENTRIES] PAGE_TABLE;
/* Tables of the direct map (mmu_map_ram), taken in order. */
#define DIRECT_MAP_TABLES 16
static pte_t direct_tables[DIRECT_MAP_TABLES][ENTRIES] PAGE_TABLE;
static size_t direct_used;
static uint64_t direct_bytes; /* RAM mapped so far */

/* Pages of device_l3 and 2 MiB blocks after it handed out so far. */
static size_t device_used, device_blocks_used;
#define DEVICE_FIRST_BLOCK (L2_INDEX(DEVICE_WINDOW) + 1)
#define DEVICE_BLOCKS      ((DEVICE_WINDOW_SIZE - DEVICE_PAGES_SIZE) / BLOCK_SIZE)

/* Physical load address of the image, for mmu_kernel_phys(). */
static uint64_t image_phys;

/* Section bounds from linker.ld.S. */
extern char _kernel_start[], _text_end[], _rodata_end[], _stack_guard[], _kernel_end[];

#define KERNEL_MEMORY (PTE_VALID | PTE_AF | PTE_ISH | PTE_ATTR(MT_NORMAL) | PTE_UXN)

/* With the MMU off, `t` is the table's physical address (adrp is PC-relative). */
static pte_t table_entry(const pte_t *t) { return (uintptr_t)t | PTE_VALID | PTE_TABLE; }

static pte_t kernel_page(uint64_t phys, uint64_t offset, uint64_t text, uint64_t rodata)
{
    pte_t pte = (phys + offset) | KERNEL_MEMORY | PTE_PAGE;
    if (offset >= text)
        pte |= PTE_PXN;
    if (offset < rodata)
        pte |= PTE_RDONLY;
    return pte;
}

/*
 * Runs before the MMU is on, so: no absolute addresses (every global is
 * reached by adrp, which yields its physical address here), no calls to
 * other C code, aligned accesses only (memory is Device until the MMU is on;
 * the arch builds with -mstrict-align).
 */
void mmu_boot_tables(uint64_t kernel_phys)
{
    uintptr_t start = (uintptr_t)_kernel_start;
    uint64_t text = (uintptr_t)_text_end - start;
    uint64_t rodata = (uintptr_t)_rodata_end - start;
    uint64_t size = (uintptr_t)_kernel_end - start;
    uint64_t guard = (uintptr_t)_stack_guard - start;

    kernel_l0[L0_INDEX(KERNEL_VMA)] = table_entry(kernel_l1);
    kernel_l1[L1_INDEX(KERNEL_VMA)] = table_entry(kernel_l2);
    for (size_t i = 0; i < KERNEL_L3_TABLES; i++)
        kernel_l2[L2_INDEX(KERNEL_VMA) + i] = table_entry(kernel_l3[i]);
    kernel_l2[L2_INDEX(DEVICE_WINDOW)] = table_entry(device_l3);
    kernel_l1[L1_INDEX(KSTACK_AREA)] = table_entry(kstack_l2);
    for (size_t i = 0; i < KSTACK_L3_TABLES; i++)
        kstack_l2[L2_INDEX(KSTACK_AREA) + i] = table_entry(kstack_l3[i]);
    for (uint64_t off = 0; off < size; off += PAGE_SIZE)
        if (off != guard)
            kernel_l3[off / BLOCK_SIZE][L3_INDEX(off)] =
                kernel_page(kernel_phys, off, text, rodata);

    /* Only entry.S's .text.head runs identity-mapped, and it is in the
     * image's first 2 MiB block (the load base is 2 MiB aligned). */
    idmap_l0[L0_INDEX(kernel_phys)] = table_entry(idmap_l1);
    idmap_l1[L1_INDEX(kernel_phys)] = table_entry(idmap_l2);
    idmap_l2[L2_INDEX(kernel_phys)] = kernel_phys | KERNEL_MEMORY | PTE_RDONLY;
}

/* New entries only (invalid -> valid): no TLB maintenance, just ordering. */
static void tables_changed(void) { __asm__ volatile("dsb ishst\n\tisb" ::: "memory"); }

const void *mmu_map_dtb(uint64_t phys, size_t *avail)
{
    if (phys == 0 || phys % 8 || phys >= PA_LIMIT - DTB_WINDOW_SIZE)
        return NULL;
    uint64_t base = phys & ~(uint64_t)(BLOCK_SIZE - 1);
    for (size_t i = 0; i < DTB_WINDOW_SIZE / BLOCK_SIZE; i++)
        kernel_l2[L2_INDEX(DTB_WINDOW) + i] =
            (base + i * BLOCK_SIZE) | KERNEL_MEMORY | PTE_RDONLY | PTE_PXN;
    tables_changed();
    *avail = DTB_WINDOW_SIZE - (phys - base);
    return (const void *)(DTB_WINDOW + (phys - base));
}

/* Big ranges (the GICv3 redistributors: 15 MiB on QEMU virt) get whole
 * 2 MiB blocks; mapping a neighbour's registers too is harmless, as Device
 * memory is never accessed speculatively and these are kernel-only. */
static volatile void *map_device_blocks(uint64_t phys, uint64_t size)
{
    uint64_t first = phys & ~(uint64_t)(BLOCK_SIZE - 1);
    uint64_t blocks = (phys + size - first + BLOCK_SIZE - 1) / BLOCK_SIZE;
    if (blocks > DEVICE_BLOCKS - device_blocks_used)
        return NULL;
    size_t slot = DEVICE_FIRST_BLOCK + device_blocks_used;
    for (uint64_t i = 0; i < blocks; i++)
        kernel_l2[slot + i] = (first + i * BLOCK_SIZE) | PTE_VALID | PTE_BLOCK | PTE_AF |
                              PTE_ATTR(MT_DEVICE) | PTE_PXN | PTE_UXN;
    tables_changed();
    device_blocks_used += blocks;
    return (volatile void *)(DEVICE_WINDOW + DEVICE_PAGES_SIZE +
                             (slot - DEVICE_FIRST_BLOCK) * BLOCK_SIZE + (phys - first));
}

volatile void *mmu_map_device(uint64_t phys, uint64_t size)
{
    uint64_t first = phys & ~(uint64_t)(PAGE_SIZE - 1);
    if (size == 0 || phys >= PA_LIMIT || size > PA_LIMIT - phys)
        return NULL;
    if (size >= BLOCK_SIZE / 2)
        return map_device_blocks(phys, size);
    uint64_t pages = (phys + size - first + PAGE_SIZE - 1) / PAGE_SIZE;
    if (pages > ENTRIES - device_used)
        return NULL;
    for (uint64_t i = 0; i < pages; i++)
        device_l3[device_used + i] = (first + i * PAGE_SIZE) | PTE_VALID | PTE_PAGE | PTE_AF |
                                     PTE_ATTR(MT_DEVICE) | PTE_PXN | PTE_UXN;
    tables_changed();
    uintptr_t va = DEVICE_WINDOW + device_used * PAGE_SIZE + (phys - first);
    device_used += pages;
    return (volatile void *)va;
}

void mmu_init(uint64_t kernel_phys) { image_phys = kernel_phys; }

uint64_t mmu_kernel_phys(const void *va) { return (uintptr_t)va - KERNEL_VMA + image_phys; }

/* The table parent[index] points to (all of them are in the image's bss),
 * else the next one of the pool, zeroed; NULL when the pool is empty. */
static pte_t *direct_table(pte_t *parent, size_t index)
{
    if (parent[index] & PTE_VALID)
        return (pte_t *)((parent[index] & PTE_ADDR_MASK) - image_phys + KERNEL_VMA);
    if (direct_used == DIRECT_MAP_TABLES)
        return NULL;
    pte_t *t = direct_tables[direct_used++];
    parent[index] = mmu_kernel_phys(t) | PTE_VALID | PTE_TABLE;
    return t;
}

#define DIRECT_MEMORY (KERNEL_MEMORY | PTE_PXN)

#define GIB_BLOCK_SIZE (1ull << 30) /* an L1 block */

/* Maps one 1 GiB block, 2 MiB block or page (size) of the direct map; false if out of tables. */
static bool direct_map_one(uint64_t pa, uint64_t size)
{
    uint64_t va = DIRECT_MAP + pa;
    pte_t *l1 = direct_table(kernel_l0, L0_INDEX(va));
    if (l1 && size == GIB_BLOCK_SIZE) {
        l1[L1_INDEX(va)] = pa | DIRECT_MEMORY | PTE_BLOCK;
        return true;
    }
    pte_t *l2 = l1 ? direct_table(l1, L1_INDEX(va)) : NULL;
    if (!l2)
        return false;
    if (size == BLOCK_SIZE) {
        l2[L2_INDEX(va)] = pa | DIRECT_MEMORY | PTE_BLOCK;
        return true;
    }
    pte_t *l3 = direct_table(l2, L2_INDEX(va));
    if (!l3)
        return false;
    l3[L3_INDEX(va)] = pa | DIRECT_MEMORY | PTE_PAGE;
    return true;
}

/* The largest of 1 GiB, 2 MiB and 4 KiB that starts at pa and ends by end. */
static uint64_t direct_step(uint64_t pa, uint64_t end)
{
    if (pa % GIB_BLOCK_SIZE == 0 && end - pa >= GIB_BLOCK_SIZE)
        return GIB_BLOCK_SIZE;
    if (pa % BLOCK_SIZE == 0 && end - pa >= BLOCK_SIZE)
        return BLOCK_SIZE;
    return PAGE_SIZE;
}

/* Maps [base, base + size) (page-aligned); returns how many bytes from base
 * it mapped before the table pool ran out. */
static uint64_t direct_map_region(uint64_t base, uint64_t size)
{
    uint64_t pa = base, end = base + size;
    while (pa < end) {
        uint64_t step = direct_step(pa, end);
        if (!direct_map_one(pa, step))
            break;
        pa += step;
    }
    return pa - base;
}

size_t mmu_map_ram(struct mem_region *ram, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (ram[i].base >= DIRECT_MAP_LIMIT)
            break;
        if (ram[i].size > DIRECT_MAP_LIMIT - ram[i].base)
            ram[i].size = DIRECT_MAP_LIMIT - ram[i].base;
        uint64_t done = direct_map_region(ram[i].base, ram[i].size);
        direct_bytes += done;
        if (done < ram[i].size) {
            ram[i].size = done;
            i += done > 0;
            break;
        }
    }
    tables_changed();
    return i;
}

void mmu_report(void)
{
    kprintf("mmu: direct map %llu MiB, 1 GiB blocks, %zu of %d page tables\n",
            (unsigned long long)(direct_bytes >> 20), direct_used, DIRECT_MAP_TABLES);
}

pte_t *mmu_kstack_pte(uint64_t va)
{
    uint64_t off = va - KSTACK_AREA;
    if (va < KSTACK_AREA || off >= KSTACK_AREA_SIZE)
        return NULL;
    return &kstack_l3[off / BLOCK_SIZE][L3_INDEX(va)];
}
