/* SPDX-License-Identifier: MIT */
/* ktest_mem.c: boot test of physical memory: every free frame taken, written through the direct map, checked, freed. */
#include <stdbool.h>
#include "config.h"
#include "frame.h"
#include "jericho/error.h"
#include "kprintf.h"
#include "ktest_core.h"

/* Ends the chain of taken frames: no frame address is odd. */
#define CHAIN_END 1ull
/* Word 1 of each frame: its own address mixed with this, so a stale zero never passes. */
#define FRAME_TAG 0x6a65726963686f21ull

/*
 * Takes frames until the pool is empty, writing two words into each through
 * the direct map: the previous frame's address (a chain that needs no memory
 * of its own) and the frame's own tagged address. Then walks the chain,
 * checks every tag and frees every frame. If two frames shared memory (a
 * wrong direct map), the later write would spoil the earlier frame's tag or
 * chain. One cache line per frame: at 6 GiB under TCG this stays a few
 * seconds, where zeroing every frame would take far longer.
 */
bool ktest_memfill(void)
{
    size_t before = frame_free_count(), taken = 0, freed = 0, wrong = 0;
    paddr_t head = CHAIN_END, pa, top = 0;
    while (frame_alloc_raw(&pa) == JX_OK) {
        uint64_t *w = arch_phys_to_virt(pa);
        w[0] = head;
        w[1] = pa ^ FRAME_TAG;
        head = pa;
        top = pa > top ? pa : top;
        taken++;
    }
    size_t left = frame_free_count();
    while (head != CHAIN_END && freed < taken) {
        const uint64_t *w = arch_phys_to_virt(head);
        paddr_t next = w[0];
        if (w[1] != (head ^ FRAME_TAG) && wrong++ < 4)
            kprintf("memfill: frame %#llx holds %#llx, not its tag: WRONG\n",
                    (unsigned long long)head, (unsigned long long)w[1]);
        frame_free(head);
        head = next;
        freed++;
    }
    kprintf("memfill: took %zu frames (%zu MiB), highest at %#llx, %zu left free; "
            "freed %zu, %zu wrong; free before %zu, after %zu\n",
            taken, taken >> (20 - VM_PAGE_SHIFT), (unsigned long long)top, left, freed, wrong,
            before, frame_free_count());
    return taken != before || left != 0 || freed != taken || wrong != 0 || head != CHAIN_END ||
           frame_free_count() != before;
}
