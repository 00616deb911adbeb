/* SPDX-License-Identifier: MIT */
/* entry.S: the arm64 Image header and the path from the boot loader's jump to arm64_boot() in C. */
#include "layout.h"
#include "sysreg.h"

/*
 * The boot protocol is Linux's (Documentation/arch/arm64/booting.rst): the
 * loader puts this Image at a 2 MiB-aligned base + text_offset, jumps to its
 * first byte with the MMU and D-cache off, x0 = physical address of the DTB,
 * at EL2 or EL1. Until the MMU is on we run at the load address, so this
 * code and mmu_boot_tables() only use PC-relative addressing (adr/adrp).
 *
 * Registers kept across the early calls (callee-saved):
 *   x19 = counter at entry, x20 = DTB physical address, x21 = load address.
 */
    .section .text.head, "ax"
    .globl _start
_start:
    b       primary_entry           /* code0 */
    .long   0                       /* code1 */
    .quad   0                       /* text_offset: right at the 2 MiB base */
    .quad   _kernel_size            /* image_size, bss included (linker.ld.S) */
    /* flags: little-endian, 4 KiB pages, 2 MiB-aligned base anywhere in RAM. */
    .quad   (0 << 0) | (1 << 1) | (1 << 3)
    .quad   0, 0, 0                 /* res2-res4 */
    .ascii  "ARM\x64"               /* magic */
    .long   0                       /* res5: no PE/COFF header */

primary_entry:
    /* First instruction that does work: the boot-time clock starts here. */
    mrs     x19, cntvct_el0
    mov     x20, x0
    adr     x21, _start
    mrs     x0, CurrentEL
    cmp     x0, #(2 << 2)
    b.ne    1f
    bl      el2_to_el1
1:  msr     daifset, #0xf
    ldr     x0, =SCTLR_EL1_BOOT     /* MMU and caches off, a known state */
    msr     sctlr_el1, x0
    isb
    adrp    x0, boot_stack_top
    add     x0, x0, :lo12:boot_stack_top
    mov     sp, x0
    bl      zero_bss
    mov     x0, x21
    bl      mmu_boot_tables
    bl      invalidate_boot_data
    bl      mmu_enable
    ldr     x0, =higher_half        /* an absolute (linked) address: TTBR1 */
    br      x0

/*
 * EL2 -> EL1. Returns (in EL1) to the caller's x30. Leaves EL2 with nothing
 * trapped: this kernel is not a hypervisor, it only wants to run at EL1.
 */
el2_to_el1:
    /* x19 was CNTVCT at EL2, i.e. CNTPCT - CNTVOFF_EL2; we zero the offset, so
     * add it back to keep entry_cycles on the clock EL1 will read. */
    mrs     x0, cntvoff_el2
    add     x19, x19, x0
    msr     cntvoff_el2, xzr
    mov     x0, #(CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN)
    msr     cnthctl_el2, x0
    ldr     x0, =HCR_EL2_RW
    msr     hcr_el2, x0
    mov     x0, #CPTR_EL2_NOTRAP
    msr     cptr_el2, x0
    msr     vttbr_el2, xzr
    /* GICv3 system registers, when the CPU has them (ID_AA64PFR0_EL1.GIC). */
    mrs     x0, id_aa64pfr0_el1
    ubfx    x0, x0, #24, #4
    cbz     x0, 2f
    mov     x0, #(ICC_SRE_EL2_SRE | ICC_SRE_EL2_ENABLE)
    msr     icc_sre_el2, x0
2:  ldr     x0, =SCTLR_EL1_BOOT
    msr     sctlr_el1, x0
    mov     x0, #SPSR_EL1H_MASKED
    msr     spsr_el2, x0
    msr     elr_el2, x30
    isb
    eret

/* Zeroes [_bss_start, _bss_end): both 16-byte aligned by linker.ld.S. */
zero_bss:
    adrp    x0, _bss_start
    add     x0, x0, :lo12:_bss_start
    adrp    x1, _bss_end
    add     x1, x1, :lo12:_bss_end
3:  cmp     x0, x1
    b.hs    4f
    stp     xzr, xzr, [x0], #16
    b       3b
4:  ret

/*
 * The bss and the page tables were written with the D-cache off, straight to
 * memory. Stale lines for those addresses (from whatever ran before us) must
 * not reappear once the cache is on: invalidate them by address.
 */
invalidate_boot_data:
    mrs     x2, ctr_el0
    ubfx    x2, x2, #16, #4         /* DminLine: log2 of words per line */
    mov     x3, #4
    lsl     x3, x3, x2              /* line size in bytes */
    adrp    x0, _bss_start
    add     x0, x0, :lo12:_bss_start
    adrp    x1, _kernel_end
    add     x1, x1, :lo12:_kernel_end
    sub     x4, x3, #1
    bic     x0, x0, x4
5:  dc      ivac, x0
    add     x0, x0, x3
    cmp     x0, x1
    b.lo    5b
    dsb     sy
    ret

/* Turns the MMU on with the tables mmu_boot_tables() built; returns to the
 * identity-mapped caller. */
mmu_enable:
    ldr     x0, =MAIR_EL1_VALUE
    msr     mair_el1, x0
    /* Output address size: the CPU's PARange, at most 48 bits (no LPA2). */
    mrs     x1, id_aa64mmfr0_el1
    and     x1, x1, #0xf
    cmp     x1, #5
    mov     x2, #5
    csel    x1, x1, x2, ls
    ldr     x0, =TCR_EL1_VALUE
    orr     x0, x0, x1, lsl #TCR_IPS_SHIFT
    msr     tcr_el1, x0
    adrp    x0, idmap_l0
    msr     ttbr0_el1, x0
    adrp    x0, kernel_l0
    msr     ttbr1_el1, x0
    isb
    tlbi    vmalle1
    dsb     nsh
    isb
    mrs     x0, sctlr_el1
    ldr     x1, =(SCTLR_EL1_M | SCTLR_EL1_C | SCTLR_EL1_I)
    orr     x0, x0, x1
    msr     sctlr_el1, x0
    isb
    ic      iallu
    dsb     nsh
    isb
    ret

    .text
/* Now at the linked address: drop the identity map and enter C for good. */
higher_half:
    ldr     x0, =boot_stack_top
    mov     sp, x0
    ldr     x0, =exception_vectors
    msr     vbar_el1, x0
    /* TTBR0 walks off: from here every low address (0xdead0000...) faults. */
    mrs     x0, tcr_el1
    orr     x0, x0, #TCR_EPD0
    msr     tcr_el1, x0
    isb
    tlbi    vmalle1
    dsb     nsh
    isb
    mov     x29, xzr                /* end of the frame-pointer chain */
    mov     x30, xzr
    mov     x0, x20
    mov     x1, x19
    mov     x2, x21
    bl      arm64_boot
6:  wfi                             /* arm64_boot() does not return */
    b       6b
