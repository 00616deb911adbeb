/* SPDX-License-Identifier: MIT */
/* mmu.c: the arm64 boot translation tables: the higher-half kernel, the DTB window, device pages. */
#include <stdbool.h>
#include "layout.h"
#include "mmu.h"
#include "sysreg.h"

typedef uint64_t pte_t;

#define ENTRIES 512
#define L0_INDEX(va) (((va) >> 39) & (ENTRIES - 1))
#define L1_INDEX(va) (((va) >> 30) & (ENTRIES - 1))
#define L2_INDEX(va) (((va) >> 21) & (ENTRIES - 1))
#define L3_INDEX(va) (((va) >> 12) & (ENTRIES - 1))
#define KERNEL_L3_TABLES (KERNEL_MAX_SIZE / BLOCK_SIZE)
#define PA_LIMIT (1ull << 48)

#define PAGE_TABLE __attribute__((aligned(PAGE_SIZE)))

/* Referenced by entry.S (TTBR0/TTBR1), hence not static. */
pte_t kernel_l0[ENTRIES] PAGE_TABLE, idmap_l0[ENTRIES] PAGE_TABLE;
static pte_t kernel_l1[ENTRIES] PAGE_TABLE, kernel_l2[ENTRIES] PAGE_TABLE;
static pte_t kernel_l3[KERNEL_L3_TABLES][ENTRIES] PAGE_TABLE;
static pte_t device_l3[ENTRIES] PAGE_TABLE;
static pte_t idmap_l1[ENTRIES] PAGE_TABLE, idmap_l2[ENTRIES] PAGE_TABLE;

/* Pages of device_l3 handed out so far. */
static size_t device_used;

/* Section bounds from linker.ld.S. */
extern char _kernel_start[], _text_end[], _rodata_end[], _stack_guard[], _kernel_end[];

#define KERNEL_MEMORY (PTE_VALID | PTE_AF | PTE_ISH | PTE_ATTR(MT_NORMAL) | PTE_UXN)

/* With the MMU off, `t` is the table's physical address (adrp is PC-relative). */
static pte_t table_entry(const pte_t *t)
{
    return (uintptr_t)t | PTE_VALID | PTE_TABLE;
}

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
    for (uint64_t off = 0; off < size; off += PAGE_SIZE)
        if (off != guard)
            kernel_l3[off / BLOCK_SIZE][L3_INDEX(off)] = kernel_page(kernel_phys, off, text,
                                                                     rodata);

    /* Only entry.S's .text.head runs identity-mapped, and it is in the
     * image's first 2 MiB block (the load base is 2 MiB aligned). */
    idmap_l0[L0_INDEX(kernel_phys)] = table_entry(idmap_l1);
    idmap_l1[L1_INDEX(kernel_phys)] = table_entry(idmap_l2);
    idmap_l2[L2_INDEX(kernel_phys)] = kernel_phys | KERNEL_MEMORY | PTE_RDONLY;
}

/* New entries only (invalid -> valid): no TLB maintenance, just ordering. */
static void tables_changed(void)
{
    __asm__ volatile("dsb ishst\n\tisb" ::: "memory");
}

const void *mmu_map_dtb(uint64_t phys, size_t *avail)
{
    if (phys == 0 || phys % 8 || phys >= PA_LIMIT - DTB_WINDOW_SIZE)
        return NULL;
    uint64_t base = phys & ~(uint64_t)(BLOCK_SIZE - 1);
    for (size_t i = 0; i < DTB_WINDOW_SIZE / BLOCK_SIZE; i++)
        kernel_l2[L2_INDEX(DTB_WINDOW) + i] = (base + i * BLOCK_SIZE) | KERNEL_MEMORY
                                               | PTE_RDONLY | PTE_PXN;
    tables_changed();
    *avail = DTB_WINDOW_SIZE - (phys - base);
    return (const void *)(DTB_WINDOW + (phys - base));
}

volatile void *mmu_map_device(uint64_t phys, uint64_t size)
{
    uint64_t first = phys & ~(uint64_t)(PAGE_SIZE - 1);
    if (size == 0 || phys >= PA_LIMIT || size > PA_LIMIT - phys)
        return NULL;
    uint64_t pages = (phys + size - first + PAGE_SIZE - 1) / PAGE_SIZE;
    if (pages > ENTRIES - device_used)
        return NULL;
    for (uint64_t i = 0; i < pages; i++)
        device_l3[device_used + i] = (first + i * PAGE_SIZE) | PTE_VALID | PTE_PAGE
                                     | PTE_AF | PTE_ATTR(MT_DEVICE) | PTE_PXN | PTE_UXN;
    tables_changed();
    uintptr_t va = DEVICE_WINDOW + device_used * PAGE_SIZE + (phys - first);
    device_used += pages;
    return (volatile void *)va;
}
