/* SPDX-License-Identifier: MIT */
/* vm.c: arm64 user address spaces: TTBR0 tables, ASIDs, TLB maintenance; the direct map; user copies. */
#include <stdbool.h>
#include "arch.h"
#include "frame.h"
#include "jericho/error.h"
#include "layout.h"
#include "mmu.h"
#include "sysreg.h"
#include "usercopy.h"
#include "vm.h"

_Static_assert(KSTACK_AREA == ARCH_KSTACK_BASE && KSTACK_AREA_SIZE == ARCH_KSTACK_AREA_SIZE,
               "layout.h and arch_types.h disagree on the kernel stack area");

#define ENTRIES          512
#define INDEX(va, level) (((va) >> (39 - 9 * (level))) & (ENTRIES - 1))
/* Table descriptors in TTBR0 tables carry PXNTable: nothing reached through
 * them is ever executable by the kernel, whatever the leaf says. */
#define PTE_PXN_TABLE (1ull << 59)

/* The user half when no task's is current: no entries, every access faults. */
static pte_t empty_l0[ENTRIES] __attribute__((aligned(PAGE_SIZE)));

/*
 * ASIDs tag each address space's TLB entries, so a switch needs no flush.
 * 0 belongs to the empty table and to spaces created when every other ASID
 * is taken: those share it and the TLB's ASID-0 entries are flushed on
 * every switch to one of them. A freed ASID is flushed before reuse.
 */
#define ASID_MAX 4096
static uint64_t asid_used[(ASID_MAX + 63) / 64];
static unsigned asid_limit = 256; /* 8-bit ASIDs unless the CPU has 16 */

void *arch_phys_to_virt(paddr_t pa) { return mmu_phys_to_virt(pa); }

paddr_t arch_virt_to_phys(const void *va) { return (uintptr_t)va - DIRECT_MAP; }

void vm_init(void)
{
    uint64_t mmfr0, tcr;
    __asm__ volatile("mrs %0, id_aa64mmfr0_el1" : "=r"(mmfr0));
    __asm__ volatile("mrs %0, tcr_el1" : "=r"(tcr));
    tcr &= ~TCR_EPD0;
    if (((mmfr0 >> 4) & 0xf) == 2) {
        tcr |= TCR_AS;
        asid_limit = ASID_MAX;
    }
    asid_used[0] = 1; /* ASID 0 is never handed out */
    __asm__ volatile("msr ttbr0_el1, %0\n\t"
                     "isb\n\t"
                     "msr tcr_el1, %1\n\t"
                     "isb\n\t"
                     "tlbi vmalle1\n\t"
                     "dsb nsh\n\t"
                     "isb" ::"r"(mmu_kernel_phys(empty_l0)),
                     "r"(tcr)
                     : "memory");
}

static uint16_t asid_alloc(void)
{
    for (unsigned i = 1; i < asid_limit; i++)
        if (!(asid_used[i / 64] >> (i % 64) & 1)) {
            asid_used[i / 64] |= 1ull << (i % 64);
            return (uint16_t)i;
        }
    return 0;
}

/* TLB maintenance: inner-shareable, so it would reach other CPUs too. */
static void tlb_flush_asid(uint16_t asid)
{
    __asm__ volatile("dsb ishst\n\t"
                     "tlbi aside1is, %0\n\t"
                     "dsb ish\n\t"
                     "isb" ::"r"((uint64_t)asid << 48)
                     : "memory");
}

static void tlb_flush_page(uint16_t asid, uintptr_t va)
{
    __asm__ volatile("dsb ishst\n\t"
                     "tlbi vale1is, %0\n\t"
                     "dsb ish\n\t"
                     "isb" ::"r"((uint64_t)asid << 48 | (va >> 12 & 0xfffffffffff))
                     : "memory");
}

/* A new entry (invalid -> valid) needs no TLB flush, only ordering before use. */
static void table_written(void) { __asm__ volatile("dsb ishst\n\tisb" ::: "memory"); }

static pte_t *table_of(pte_t e) { return arch_phys_to_virt(e & PTE_ADDR_MASK); }

jx_error_t arch_vspace_create(struct arch_vspace *as)
{
    paddr_t pa;
    jx_error_t err = frame_alloc(&pa); /* zeroed: no entries */
    if (err != JX_OK)
        return err;
    as->l0 = pa;
    as->asid = asid_alloc();
    return JX_OK;
}

/* Frees the table at `pa` of `level` and everything below it. */
static void free_table(paddr_t pa, int level, void (*release)(paddr_t pa))
{
    pte_t *t = arch_phys_to_virt(pa);
    for (int i = 0; i < ENTRIES; i++) {
        if (!(t[i] & PTE_VALID))
            continue;
        if (level == 3)
            release(t[i] & PTE_ADDR_MASK);
        else
            free_table(t[i] & PTE_ADDR_MASK, level + 1, release);
    }
    frame_free(pa);
}

void arch_vspace_destroy(struct arch_vspace *as, void (*release)(paddr_t pa))
{
    free_table(as->l0, 0, release);
    /* Its entries (leaf and walk-cache) may still be in the TLB under its
     * ASID: gone before the ASID or the frames are used again. */
    tlb_flush_asid(as->asid);
    if (as->asid)
        asid_used[as->asid / 64] &= ~(1ull << (as->asid % 64));
    as->l0 = 0;
}

/* The L3 entry for va; missing tables are allocated when `alloc`. NULL if
 * one is missing (and !alloc) or no frame was left. */
static pte_t *walk(const struct arch_vspace *as, uintptr_t va, bool alloc)
{
    pte_t *t = arch_phys_to_virt(as->l0);
    for (int level = 0; level < 3; level++) {
        pte_t *e = &t[INDEX(va, level)];
        if (!(*e & PTE_VALID)) {
            paddr_t pa;
            if (!alloc || frame_alloc(&pa) != JX_OK)
                return NULL;
            *e = pa | PTE_VALID | PTE_TABLE | PTE_PXN_TABLE;
            table_written();
        }
        t = table_of(*e);
    }
    return &t[INDEX(va, 3)];
}

/* The leaf descriptor bits for prot. The kernel never executes user
 * memory (PXN); user pages are not global (nG: tagged with the ASID). */
static pte_t prot_bits(unsigned prot)
{
    pte_t b = PTE_VALID | PTE_PAGE | PTE_AF | PTE_ISH | PTE_ATTR(MT_NORMAL) | PTE_NG | PTE_PXN;
    if (prot & VM_USER)
        b |= PTE_USER;
    if (!(prot & VM_WRITE))
        b |= PTE_RDONLY;
    if (!(prot & VM_EXEC) || !(prot & VM_USER))
        b |= PTE_UXN;
    return b;
}

/*
 * Code written through the direct map must reach the point of unification
 * before it is fetched from a new executable mapping: clean the D-cache
 * lines of the frame, then drop stale I-cache lines.
 */
static void sync_icache(paddr_t pa)
{
    uint64_t ctr;
    __asm__ volatile("mrs %0, ctr_el0" : "=r"(ctr));
    uint64_t line = 4ull << ((ctr >> 16) & 0xf);
    uintptr_t va = (uintptr_t)arch_phys_to_virt(pa);
    for (uintptr_t p = va; p < va + PAGE_SIZE; p += line)
        __asm__ volatile("dc cvau, %0" ::"r"(p) : "memory");
    __asm__ volatile("dsb ish\n\tic ialluis\n\tdsb ish\n\tisb" ::: "memory");
}

jx_error_t arch_vspace_map(struct arch_vspace *as, uintptr_t va, paddr_t pa, unsigned prot)
{
    if ((prot & VM_WRITE) && (prot & VM_EXEC))
        return JX_EINVAL;
    pte_t *pte = walk(as, va, true);
    if (!pte)
        return JX_ENOMEM;
    if (*pte & PTE_VALID)
        return JX_EEXIST;
    if (prot & VM_EXEC)
        sync_icache(pa);
    *pte = pa | prot_bits(prot);
    table_written();
    return JX_OK;
}

jx_error_t arch_vspace_unmap(struct arch_vspace *as, uintptr_t va, paddr_t *pa)
{
    pte_t *pte = walk(as, va, false);
    if (!pte || !(*pte & PTE_VALID))
        return JX_ENOENT;
    *pa = *pte & PTE_ADDR_MASK;
    *pte = 0;
    tlb_flush_page(as->asid, va);
    return JX_OK;
}

/* Only permissions change (same frame, same size): no break-before-make. */
jx_error_t arch_vspace_protect(struct arch_vspace *as, uintptr_t va, unsigned prot)
{
    if ((prot & VM_WRITE) && (prot & VM_EXEC))
        return JX_EINVAL;
    pte_t *pte = walk(as, va, false);
    if (!pte || !(*pte & PTE_VALID))
        return JX_ENOENT;
    paddr_t pa = *pte & PTE_ADDR_MASK;
    if (prot & VM_EXEC)
        sync_icache(pa);
    *pte = pa | prot_bits(prot);
    tlb_flush_page(as->asid, va);
    return JX_OK;
}

jx_error_t arch_vspace_lookup(const struct arch_vspace *as, uintptr_t va, paddr_t *pa,
                              unsigned *prot)
{
    pte_t *pte = walk(as, va, false);
    if (!pte || !(*pte & PTE_VALID))
        return JX_ENOENT;
    pte_t e = *pte;
    *pa = e & PTE_ADDR_MASK;
    *prot = VM_READ | (e & PTE_RDONLY ? 0 : VM_WRITE) | (e & PTE_UXN ? 0 : VM_EXEC) |
            (e & PTE_USER ? VM_USER : 0);
    return JX_OK;
}

static bool table_empty(const pte_t *t)
{
    for (int i = 0; i < ENTRIES; i++)
        if (t[i] & PTE_VALID)
            return false;
    return true;
}

/*
 * The pages mapped in [lo, hi) under table t of `level` (0 = L0), whose
 * entry 0 maps va `base`. With release: unmaps them (release(pa) each) and
 * frees the tables below t that are left empty.
 */
static uint64_t range_walk(pte_t *t, int level, uint64_t base, uint64_t lo, uint64_t hi,
                           void (*release)(paddr_t))
{
    uint64_t span = 1ull << (39 - 9 * level), n = 0;
    unsigned first = lo > base ? (unsigned)((lo - base) / span) : 0;
    unsigned last =
        (hi - 1 - base) / span < ENTRIES - 1 ? (unsigned)((hi - 1 - base) / span) : ENTRIES - 1;
    for (unsigned i = first; i <= last; i++) {
        if (!(t[i] & PTE_VALID))
            continue;
        if (level == 3) {
            n++;
            if (release) {
                release(t[i] & PTE_ADDR_MASK);
                t[i] = 0;
            }
            continue;
        }
        pte_t *child = table_of(t[i]);
        n += range_walk(child, level + 1, base + i * span, lo, hi, release);
        if (release && table_empty(child)) {
            frame_free(t[i] & PTE_ADDR_MASK);
            t[i] = 0;
        }
    }
    return n;
}

uint64_t arch_vspace_count(const struct arch_vspace *as, uintptr_t lo, uintptr_t hi)
{
    return range_walk(arch_phys_to_virt(as->l0), 0, 0, lo, hi, 0);
}

/* Break before make is moot: nothing is mapped again until the flush is done. */
uint64_t arch_vspace_clear(struct arch_vspace *as, uintptr_t lo, uintptr_t hi,
                           void (*release)(paddr_t pa))
{
    uint64_t n = range_walk(arch_phys_to_virt(as->l0), 0, 0, lo, hi, release);
    tlb_flush_asid(as->asid); /* leaves and walk-cache entries of the freed tables */
    return n;
}

void arch_vspace_switch(struct arch_vspace *as)
{
    uint64_t root = as ? as->l0 : mmu_kernel_phys(empty_l0);
    uint16_t asid = as ? as->asid : 0;
    __asm__ volatile("msr ttbr0_el1, %0\n\tisb" ::"r"((uint64_t)asid << 48 | root) : "memory");
    if (as && asid == 0)
        tlb_flush_asid(0); /* a shared-ASID space: drop the previous one's entries */
}

/* Kernel stack pages: global, never executable, in tables that always exist. */
jx_error_t arch_kernel_map(uintptr_t va, paddr_t pa, unsigned prot)
{
    pte_t *pte = mmu_kstack_pte(va);
    if (!pte || (prot & VM_EXEC))
        return JX_EINVAL;
    if (*pte & PTE_VALID)
        return JX_EEXIST;
    *pte = pa | PTE_VALID | PTE_PAGE | PTE_AF | PTE_ISH | PTE_ATTR(MT_NORMAL) | PTE_PXN | PTE_UXN |
           (prot & VM_WRITE ? 0 : PTE_RDONLY);
    table_written();
    return JX_OK;
}

void arch_kernel_unmap(uintptr_t va)
{
    pte_t *pte = mmu_kstack_pte(va);
    if (!pte || !(*pte & PTE_VALID))
        return;
    *pte = 0;
    __asm__ volatile("dsb ishst\n\t"
                     "tlbi vaale1is, %0\n\t"
                     "dsb ish\n\t"
                     "isb" ::"r"(va >> 12 & 0xfffffffffff)
                     : "memory");
}

jx_error_t arch_copy_from_user(void *dst, uintptr_t src, size_t n)
{
    return usercopy_from(dst, src, n) == 0 ? JX_OK : JX_EFAULT;
}

jx_error_t arch_copy_to_user(uintptr_t dst, const void *src, size_t n)
{
    return usercopy_to(dst, src, n) == 0 ? JX_OK : JX_EFAULT;
}
