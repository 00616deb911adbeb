/* SPDX-License-Identifier: MIT */
/* vm.c: x86-64 address spaces: user page tables, kernel-stack pages, TLB flushes; the direct map's hooks; user copies. */
#include <stdbool.h>
#include "arch.h"
#include "cpu.h"
#include "frame.h"
#include "jericho/error.h"
#include "mmu.h"

void *arch_phys_to_virt(paddr_t pa) { return (void *)(pa + X86_DIRECT_MAP); }

paddr_t arch_virt_to_phys(const void *va) { return (uint64_t)va - X86_DIRECT_MAP; }

static unsigned idx(uint64_t va, int level) /* level 3 = PML4 .. 0 = PT */
{
    return (va >> (12 + 9 * level)) & 511;
}

static uint64_t *kernel_pml4(void) { return arch_phys_to_virt(x86_kernel_pml4()); }

/* Tables are frames, reached through the direct map. */
static uint64_t *table_of(uint64_t entry) { return arch_phys_to_virt(entry & PTE_ADDR); }

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
            return 0; /* a 2 MiB page: not ours to split */
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

static bool is_current(const struct arch_vspace *as) { return (read_cr3() & PTE_ADDR) == as->pml4; }

jx_error_t arch_vspace_create(struct arch_vspace *as)
{
    paddr_t pa;
    if (frame_alloc(&pa) != JX_OK)
        return JX_ENOMEM;
    uint64_t *pml4 = arch_phys_to_virt(pa);
    for (int i = 256; i < 512; i++)
        pml4[i] = kernel_pml4()[i];
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

jx_error_t arch_vspace_map(struct arch_vspace *as, uintptr_t va, paddr_t pa, unsigned prot)
{
    uint64_t *e = walk(arch_phys_to_virt(as->pml4), va, 1, PTE_P | PTE_W | PTE_U);
    if (!e)
        return JX_ENOMEM; /* tables made so far stay; destroy frees them */
    if (*e & PTE_P)
        return JX_EEXIST;
    *e = pa | leaf_flags(prot); /* not present before: no TLB entry to flush */
    return JX_OK;
}

jx_error_t arch_vspace_unmap(struct arch_vspace *as, uintptr_t va, paddr_t *pa)
{
    uint64_t *e = walk(arch_phys_to_virt(as->pml4), va, 0, 0);
    if (!e || !(*e & PTE_P))
        return JX_ENOENT;
    *pa = *e & PTE_ADDR;
    *e = 0;
    if (is_current(as))
        invlpg(va); /* other address spaces: CR3 load flushes on switch */
    return JX_OK;
}

jx_error_t arch_vspace_protect(struct arch_vspace *as, uintptr_t va, unsigned prot)
{
    uint64_t *e = walk(arch_phys_to_virt(as->pml4), va, 0, 0);
    if (!e || !(*e & PTE_P))
        return JX_ENOENT;
    *e = (*e & PTE_ADDR) | leaf_flags(prot);
    if (is_current(as))
        invlpg(va);
    return JX_OK;
}

jx_error_t arch_vspace_lookup(const struct arch_vspace *as, uintptr_t va, paddr_t *pa,
                              unsigned *prot)
{
    uint64_t *e = walk(arch_phys_to_virt(as->pml4), va, 0, 0);
    if (!e || !(*e & PTE_P))
        return JX_ENOENT;
    *pa = *e & PTE_ADDR;
    *prot = prot_of(*e);
    return JX_OK;
}

static bool table_empty(const uint64_t *t)
{
    for (int i = 0; i < 512; i++)
        if (t[i] & PTE_P)
            return false;
    return true;
}

/*
 * The pages mapped in [lo, hi) under table t of `level` (3 = PML4), whose
 * entry 0 maps va `base`. With release: unmaps them (release(pa) each) and
 * frees the tables below t that are left empty.
 */
static uint64_t range_walk(uint64_t *t, int level, uint64_t base, uint64_t lo, uint64_t hi,
                           void (*release)(paddr_t))
{
    uint64_t span = 1ull << (12 + 9 * level), n = 0;
    unsigned first = lo > base ? (unsigned)((lo - base) / span) : 0;
    unsigned last = (hi - 1 - base) / span < 511 ? (unsigned)((hi - 1 - base) / span) : 511;
    for (unsigned i = first; i <= last; i++) {
        if (!(t[i] & PTE_P))
            continue;
        if (level == 0) {
            n++;
            if (release) {
                release(t[i] & PTE_ADDR);
                t[i] = 0;
            }
            continue;
        }
        uint64_t *child = table_of(t[i]);
        n += range_walk(child, level - 1, base + i * span, lo, hi, release);
        if (release && table_empty(child)) {
            frame_free(t[i] & PTE_ADDR);
            t[i] = 0;
        }
    }
    return n;
}

uint64_t arch_vspace_count(const struct arch_vspace *as, uintptr_t lo, uintptr_t hi)
{
    return range_walk(arch_phys_to_virt(as->pml4), 3, 0, lo, hi, 0);
}

uint64_t arch_vspace_clear(struct arch_vspace *as, uintptr_t lo, uintptr_t hi,
                           void (*release)(paddr_t pa))
{
    uint64_t n = range_walk(arch_phys_to_virt(as->pml4), 3, 0, lo, hi, release);
    /* Leaves and freed tables may be cached: a CR3 reload drops every
     * non-global entry and the paging-structure caches (no PCIDs here). */
    if (is_current(as))
        write_cr3(as->pml4);
    return n;
}

void arch_vspace_switch(struct arch_vspace *as)
{
    uint64_t pml4 = as ? as->pml4 : x86_kernel_pml4();
    if ((read_cr3() & PTE_ADDR) != pml4)
        write_cr3(pml4); /* kernel pages are global: they stay in the TLB */
}

jx_error_t arch_kernel_map(uintptr_t va, paddr_t pa, unsigned prot)
{
    uint64_t *e = walk(kernel_pml4(), va, 1, PTE_P | PTE_W);
    if (!e)
        return JX_ENOMEM;
    if (*e & PTE_P)
        return JX_EEXIST;
    *e = pa | (leaf_flags(prot & ~(VM_USER | VM_EXEC)) | PTE_G);
    return JX_OK;
}

void arch_kernel_unmap(uintptr_t va)
{
    uint64_t *e = walk(kernel_pml4(), va, 0, 0);
    if (e) {
        *e = 0;
        invlpg(va); /* invlpg drops global entries too */
    }
}

jx_error_t x86_copy_user(void *dst, const void *src, size_t n);

jx_error_t arch_copy_from_user(void *dst, uintptr_t src, size_t n)
{
    return x86_copy_user(dst, (const void *)src, n);
}

jx_error_t arch_copy_to_user(uintptr_t dst, const void *src, size_t n)
{
    return x86_copy_user((void *)dst, src, n);
}
