/* SPDX-License-Identifier: MIT */
/* kstack.c: kernel stacks in their own area, one slot each: an unmapped guard page, then the stack. */
#include <stdbool.h>
#include "config.h"
#include "frame.h"
#include "jericho/error.h"
#include "kstack.h"

/* Slot i spans [base + i * SLOT, base + (i + 1) * SLOT); its first page is the guard. */
static uint64_t slot_used[(CONFIG_MAX_THREADS + 63) / 64];

_Static_assert((uint64_t)CONFIG_MAX_THREADS *CONFIG_KSTACK_SLOT <= ARCH_KSTACK_AREA_SIZE,
               "kernel stack slots do not fit the arch's kernel-stack area");

static int slot_take(void)
{
    for (int i = 0; i < CONFIG_MAX_THREADS; i++)
        if (!(slot_used[i / 64] >> (i % 64) & 1)) {
            slot_used[i / 64] |= 1ull << (i % 64);
            return i;
        }
    return -1;
}

static uintptr_t slot_stack_base(int slot)
{
    return ARCH_KSTACK_BASE + (uintptr_t)slot * CONFIG_KSTACK_SLOT + VM_PAGE_SIZE;
}

/* Frames backing the stack pages, kept here so freeing needs no page-table walk. */
static paddr_t slot_frames[CONFIG_MAX_THREADS][CONFIG_KSTACK_PAGES];

/* Takes the frame recorded for va out of the table: 1 and *pa, or 0 if none. */
static bool kstack_take_frame(uintptr_t va, paddr_t *pa)
{
    uintptr_t off = va - ARCH_KSTACK_BASE;
    int slot = (int)(off / CONFIG_KSTACK_SLOT);
    int page = (int)(off % CONFIG_KSTACK_SLOT / VM_PAGE_SIZE) - 1;
    if (page < 0 || !slot_frames[slot][page])
        return false;
    *pa = slot_frames[slot][page];
    slot_frames[slot][page] = 0;
    return true;
}

void kstack_free(int slot)
{
    uintptr_t base = slot_stack_base(slot);
    for (int i = 0; i < CONFIG_KSTACK_PAGES; i++) {
        uintptr_t va = base + (uintptr_t)i * VM_PAGE_SIZE;
        paddr_t pa;
        if (kstack_take_frame(va, &pa)) {
            arch_kernel_unmap(va);
            frame_free(pa);
        }
    }
    slot_used[slot / 64] &= ~(1ull << (slot % 64));
}

jx_error_t kstack_alloc(int *slot_out, uintptr_t *base_out)
{
    int slot = slot_take();
    if (slot < 0)
        return JX_ENOMEM;
    uintptr_t base = slot_stack_base(slot);
    for (int i = 0; i < CONFIG_KSTACK_PAGES; i++) {
        paddr_t pa;
        jx_error_t err = frame_alloc(&pa);
        if (err == JX_OK) {
            err = arch_kernel_map(base + (uintptr_t)i * VM_PAGE_SIZE, pa, VM_READ | VM_WRITE);
            if (err != JX_OK)
                frame_free(pa);
        }
        if (err != JX_OK) {
            kstack_free(slot);
            return err;
        }
        slot_frames[slot][i] = pa;
    }
    *slot_out = slot;
    *base_out = base;
    return JX_OK;
}
