/* SPDX-License-Identifier: MIT */
/* mmu.c: x86-64 4-level paging: the W^X kernel map, the direct map, user address spaces, kernel-stack pages. */
#include "arch.h"
#include "config.h"
#include "cpu.h"
#include "frame.h"
#include "jericho/error.h"
#include "layout.h"
#include "mmu.h"
#include "panic.h"

/*
 * Boot builds the kernel half from a static pool (no allocator exists
 * yet). PML4 slots 256 (direct map) and 511 (image, kernel stacks, MMIO)
 * are filled once and never change, so a user PML4 copies slots 256..511
 * at creation and shares every later kernel mapping below them.
 */
#define POOL_PAGES 40          /* ~27 used with 4 GiB of RAM; exhaustion panics */
static uint64_t pool[POOL_PAGES][512] __attribute__((aligned(4096)));
static unsigned pool_used;
static uint64_t *kernel_pml4;
static uint64_t kernel_pml4_pa;

extern char __text_start[], __text_end[], __rodata_start[], __rodata_end[];
extern char __data_start[], __kernel_end[];
extern const uint64_t __guards_start[], __guards_end[];

static uint64_t image_pa(const void *va)
{
    return (uint64_t)va - X86_KERNEL_VMA;
}

static uint64_t *pool_table(void)
{
    if (pool_used == POOL_PAGES)
        panic("mmu: boot page-table pool exhausted");
    return pool[pool_used++];
}

void *arch_phys_to_virt(paddr_t pa)
{
    return (void *)(pa + X86_DIRECT_MAP);
}

paddr_t arch_virt_to_phys(const void *va)
{
    return (uint64_t)va - X86_DIRECT_MAP;
}

static unsigned idx(uint64_t va, int level)   /* level 3 = PML4 .. 0 = PT */
{
    return (va >> (12 + 9 * level)) & 511;
}

/* ---- boot: tables from the pool, reached through their image addresses ---- */

static uint64_t *boot_next(uint64_t *table, unsigned i)
{
    if (!(table[i] & PTE_P))
        table[i] = image_pa(pool_table()) | PTE_P | PTE_W;
    return (uint64_t *)((table[i] & PTE_ADDR) + X86_KERNEL_VMA);
}

static void boot_map_page(uint64_t va, uint64_t pa, uint64_t flags)
{
    uint64_t *t = kernel_pml4;
    for (int level = 3; level > 0; level--)
        t = boot_next(t, idx(va, level));
    t[idx(va, 0)] = pa | flags;
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

static int is_guard(uint64_t va)
{
    for (const uint64_t *g = __guards_start; g < __guards_end; g++)
        if (*g == va)
            return 1;
    return 0;
}

static void boot_map_image(void)
{
    for (uint64_t va = (uint64_t)__text_start; va < (uint64_t)__kernel_end; va += 4096)
        if (!is_guard(va))
            boot_map_page(va, image_pa((void *)va), image_flags(va));
}

/*
 * RAM at X86_DIRECT_MAP with 2 MiB pages, RW and NX; the 2 MiB around the
 * kernel image gets 4 KiB pages so that its text and rodata are read-only
 * through this alias too.
 */
static void boot_map_direct(uint64_t ram_end)
{
    uint64_t img_lo = image_pa(__text_start) & ~0x1fffffull;
    uint64_t img_hi = (image_pa(__kernel_end) + 0x1fffff) & ~0x1fffffull;
    uint64_t data = PTE_P | PTE_W | PTE_G | PTE_NX;
    for (uint64_t pa = 0; pa < ram_end; pa += 0x200000) {
        uint64_t va = X86_DIRECT_MAP + pa;
        if (pa >= img_lo && pa < img_hi) {
            for (uint64_t p = pa; p < pa + 0x200000; p += 4096) {
                uint64_t f = data;
                if (p >= image_pa(__text_start) && p < image_pa(__rodata_end))
                    f &= ~PTE_W;
                boot_map_page(X86_DIRECT_MAP + p, p, f);
            }
            continue;
        }
        uint64_t *pd = boot_next(boot_next(kernel_pml4, idx(va, 3)), idx(va, 2));
        pd[idx(va, 1)] = pa | data | PTE_PS;
    }
}

#define MSR_EFER 0xc0000080
#define EFER_NXE (1ull << 11)
#define CR4_PGE (1ull << 7)

void x86_mmu_init(uint64_t ram_end)
{
    if (ram_end > X86_DIRECT_MAP_MAX)
        ram_end = X86_DIRECT_MAP_MAX;
    ram_end = (ram_end + 0x1fffff) & ~0x1fffffull;
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);    /* before any NX bit is used */
    write_cr4(read_cr4() | CR4_PGE);
    kernel_pml4 = pool_table();
    kernel_pml4_pa = image_pa(kernel_pml4);
    boot_map_image();
    boot_map_direct(ram_end);
    /*
     * Every page table the kernel-stack slots can need, now: stacks come and
     * go, and tables allocated on demand would never be given back, which
     * would show up as frames lost to the first tasks.
     */
    uint64_t *kpd = boot_next(boot_next(kernel_pml4, idx(ARCH_KSTACK_BASE, 3)),
                              idx(ARCH_KSTACK_BASE, 2));
    for (uint64_t off = 0; off < (uint64_t)CONFIG_MAX_THREADS * CONFIG_KSTACK_SLOT; off += 0x200000)
        boot_next(kpd, idx(ARCH_KSTACK_BASE + off, 1));
    /* MMIO: one PT, so x86_mmio_map never allocates. */
    boot_next(boot_next(boot_next(kernel_pml4, idx(X86_MMIO_BASE, 3)), idx(X86_MMIO_BASE, 2)),
              idx(X86_MMIO_BASE, 1));
    write_cr3(kernel_pml4_pa);
}

void *x86_mmio_map(unsigned index, uint64_t phys)
{
    uint64_t va = X86_MMIO_BASE + (uint64_t)index * 4096;
    boot_map_page(va, phys & PTE_ADDR, PTE_P | PTE_W | PTE_PCD | PTE_G | PTE_NX);
    invlpg(va);
    return (void *)(va + (phys & 0xfff));
}

/* ---- runtime: tables are frames, reached through the direct map ---- */

static uint64_t *table_of(uint64_t entry)
{
    return arch_phys_to_virt(entry & PTE_ADDR);
}

/*
 * The entry for va at level 0 (the PT entry), creating missing tables if
 * `create`; NULL if a table is missing (or no frame for one). Intermediate
 * entries grant everything; the leaf decides.
 */
static uint64_t *walk(uint64_t *pml4, uint64_t va, int create, uint64_t table_flags)
{
    uint64_t *t = pml4;
    for (int level = 3; level > 0; level--) {
        uint64_t *e = &t[idx(va, level)];
        if (!(*e & PTE_P)) {
            paddr_t pa;
            if (!create || frame_alloc(&pa) != JX_OK)
                return 0;
            *e = pa | table_flags;
        }
        if (*e & PTE_PS)
            return 0;              /* a 2 MiB page: not ours to split */
        t = table_of(*e);
    }
    return &t[idx(va, 0)];
}

static uint64_t leaf_flags(unsigned prot)
{
    uint64_t f = PTE_P;
    if (prot & VM_WRITE)
        f |= PTE_W;
    if (prot & VM_USER)
        f |= PTE_U;
    if (!(prot & VM_EXEC))
        f |= PTE_NX;
    return f;
}

static unsigned prot_of(uint64_t pte)
{
    return VM_READ | (pte & PTE_W ? VM_WRITE : 0) | (pte & PTE_U ? VM_USER : 0) |
           (pte & PTE_NX ? 0 : VM_EXEC);
}

static int is_current(const struct arch_vspace *as)
{
    return (read_cr3() & PTE_ADDR) == as->pml4;
}

int arch_vspace_create(struct arch_vspace *as)
{
    paddr_t pa;
    if (frame_alloc(&pa) != JX_OK)
        return JX_ENOMEM;
    uint64_t *pml4 = arch_phys_to_virt(pa);
    for (int i = 256; i < 512; i++)
        pml4[i] = kernel_pml4[i];
    as->pml4 = pa;
    return JX_OK;
}

/* Frees the tables under one entry of `level` (and the leaves' frames via release). */
static void free_tree(uint64_t entry, int level, void (*release)(paddr_t))
{
    uint64_t *t = table_of(entry);
    for (int i = 0; i < 512; i++) {
        if (!(t[i] & PTE_P))
            continue;
        if (level == 1)
            release(t[i] & PTE_ADDR);
        else
            free_tree(t[i], level - 1, release);
    }
    frame_free(entry & PTE_ADDR);
}

void arch_vspace_destroy(struct arch_vspace *as, void (*release)(paddr_t))
{
    uint64_t *pml4 = arch_phys_to_virt(as->pml4);
    for (int i = 0; i < 256; i++)
        if (pml4[i] & PTE_P)
            free_tree(pml4[i], 3, release);
    frame_free(as->pml4);
    as->pml4 = 0;
}

int arch_vspace_map(struct arch_vspace *as, uintptr_t va, paddr_t pa, unsigned prot)
{
    uint64_t *e = walk(arch_phys_to_virt(as->pml4), va, 1, PTE_P | PTE_W | PTE_U);
    if (!e)
        return JX_ENOMEM;          /* tables made so far stay; destroy frees them */
    if (*e & PTE_P)
        return JX_EEXIST;
    *e = pa | leaf_flags(prot);    /* not present before: no TLB entry to flush */
    return JX_OK;
}

int arch_vspace_unmap(struct arch_vspace *as, uintptr_t va, paddr_t *pa)
{
    uint64_t *e = walk(arch_phys_to_virt(as->pml4), va, 0, 0);
    if (!e || !(*e & PTE_P))
        return JX_ENOENT;
    *pa = *e & PTE_ADDR;
    *e = 0;
    if (is_current(as))
        invlpg(va);                /* other address spaces: CR3 load flushes on switch */
    return JX_OK;
}

int arch_vspace_protect(struct arch_vspace *as, uintptr_t va, unsigned prot)
{
    uint64_t *e = walk(arch_phys_to_virt(as->pml4), va, 0, 0);
    if (!e || !(*e & PTE_P))
        return JX_ENOENT;
    *e = (*e & PTE_ADDR) | leaf_flags(prot);
    if (is_current(as))
        invlpg(va);
    return JX_OK;
}

int arch_vspace_lookup(const struct arch_vspace *as, uintptr_t va, paddr_t *pa, unsigned *prot)
{
    uint64_t *e = walk(arch_phys_to_virt(as->pml4), va, 0, 0);
    if (!e || !(*e & PTE_P))
        return JX_ENOENT;
    *pa = *e & PTE_ADDR;
    *prot = prot_of(*e);
    return JX_OK;
}

void arch_vspace_switch(struct arch_vspace *as)
{
    uint64_t pml4 = as ? as->pml4 : kernel_pml4_pa;
    if ((read_cr3() & PTE_ADDR) != pml4)
        write_cr3(pml4);           /* kernel pages are global: they stay in the TLB */
}

int arch_kernel_map(uintptr_t va, paddr_t pa, unsigned prot)
{
    uint64_t *e = walk(kernel_pml4, va, 1, PTE_P | PTE_W);
    if (!e)
        return JX_ENOMEM;
    if (*e & PTE_P)
        return JX_EEXIST;
    *e = pa | (leaf_flags(prot & ~(VM_USER | VM_EXEC)) | PTE_G);
    return JX_OK;
}

void arch_kernel_unmap(uintptr_t va)
{
    uint64_t *e = walk(kernel_pml4, va, 0, 0);
    if (e) {
        *e = 0;
        invlpg(va);                /* invlpg drops global entries too */
    }
}

int x86_copy_user(void *dst, const void *src, size_t n);

int arch_copy_from_user(void *dst, uintptr_t src, size_t n)
{
    return x86_copy_user(dst, (const void *)src, n);
}

int arch_copy_to_user(uintptr_t dst, const void *src, size_t n)
{
    return x86_copy_user((void *)dst, src, n);
}
