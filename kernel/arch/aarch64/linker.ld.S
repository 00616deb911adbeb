/* SPDX-License-Identifier: MIT */
/* linker.ld.S: the arm64 kernel image (preprocessed for layout.h): linked in the higher half, loaded anywhere 2 MiB-aligned. */
#include "layout.h"

ENTRY(_start)

SECTIONS
{
    /* Linked at KERNEL_VMA; the loader picks the physical base and entry.S
     * maps this range onto it, so only virtual addresses appear here. */
    . = KERNEL_VMA;
    _kernel_start = .;
    .text : {
        KEEP(*(.text.head))          /* the Image header must be byte 0 */
        /* The vector table is 2 KiB-aligned: its handlers go first, so that
         * they fill the gap the alignment leaves after the header (vectors.S). */
        KEEP(*(.text.vectors_code))
        KEEP(*(.text.vectors))
        *(.text .text.*)
    }
    . = ALIGN(PAGE_SIZE);
    _text_end = .;                   /* [start, text_end): read-only, executable */
    .rodata : { *(.rodata .rodata.*) *(.data.rel.ro .data.rel.ro.*) }
    . = ALIGN(PAGE_SIZE);
    _rodata_end = .;                 /* [text_end, rodata_end): read-only */
    .data : { *(.data .data.*) }
    . = ALIGN(16);
    /* Zeroed by entry.S before anything runs; the boot page tables (mmu.c)
     * and the stacks (layout.h) are in here too. */
    .bss (NOLOAD) : {
        _bss_start = .;
        *(.bss .bss.*) *(COMMON)
        . = ALIGN(STACK_ALIGN);
        emergency_stack = .;
        . += EMERGENCY_STACK_SIZE;
        emergency_stack_top = .;
        . = ALIGN(STACK_ALIGN) - PAGE_SIZE;
        _stack_guard = .;            /* left unmapped by mmu_boot_tables() */
        . += PAGE_SIZE;
        boot_stack = .;
        . += STACK_SIZE;
        boot_stack_top = .;
        . = ALIGN(PAGE_SIZE);
        _bss_end = .;
    }
    _kernel_end = .;
    _kernel_size = _kernel_end - _kernel_start;

    /DISCARD/ : { *(.eh_frame*) *(.comment) *(.note .note.*) }
}

ASSERT(_kernel_size <= KERNEL_MAX_SIZE, "kernel image larger than its boot mapping (KERNEL_MAX_SIZE)")
