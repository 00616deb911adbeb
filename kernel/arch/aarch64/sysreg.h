/* SPDX-License-Identifier: MIT */
/* sysreg.h: the system register and descriptor bits the arm64 boot code sets, for C and assembly. */
#pragma once

/* Constants typed unsigned long in C; the assembler takes plain numbers. */
#ifdef __ASSEMBLER__
#define UL(x) x
#else
#define UL(x) x##ul
#endif

/* HCR_EL2: EL1 runs AArch64; nothing else is trapped to EL2. */
#define HCR_EL2_RW (UL(1) << 31)
/* CNTHCTL_EL2: EL1 may read the physical counter and use the physical timer. */
#define CNTHCTL_EL1PCTEN (UL(1) << 0)
#define CNTHCTL_EL1PCEN  (UL(1) << 1)
/* CPTR_EL2 with its RES1 bits and no FP/SIMD/SVE trap (user code will want FP). */
#define CPTR_EL2_NOTRAP 0x33ff
/* ICC_SRE_EL2: GICv3 system registers usable, and by EL1 too. */
#define ICC_SRE_EL2_SRE    (UL(1) << 0)
#define ICC_SRE_EL2_ENABLE (UL(1) << 3)
/* SPSR for entering EL1h with D, A, I and F masked. */
#define SPSR_EL1H_MASKED 0x3c5

/*
 * SCTLR_EL1: the RES1 bits of ARMv8.0 (EOS, EIS, SPAN, nTLSMD, LSMAOE, TSCXT
 * bit 20) plus SP alignment checking; MMU and caches are switched on later.
 */
#define SCTLR_EL1_BOOT                                                                             \
    ((UL(1) << 29) | (UL(1) << 28) | (UL(1) << 23) | (UL(1) << 22) | (UL(1) << 20) |               \
     (UL(1) << 11) | (UL(1) << 3))
#define SCTLR_EL1_M (UL(1) << 0)
#define SCTLR_EL1_C (UL(1) << 2)
#define SCTLR_EL1_I (UL(1) << 12)

/* MAIR_EL1 slots: the AttrIndx of every descriptor. */
#define MT_DEVICE      0 /* Device-nGnRE: MMIO */
#define MT_NORMAL      1 /* Normal, write-back, read/write-allocate */
#define MAIR_EL1_VALUE ((UL(0x04) << (8 * MT_DEVICE)) | (UL(0xff) << (8 * MT_NORMAL)))

/*
 * TCR_EL1: 48-bit VAs in both halves (T0SZ = T1SZ = 16), 4 KiB granules,
 * inner-shareable write-back walks. IPS is filled in from the CPU's PARange.
 */
#define TCR_T0SZ(n)   (UL(1) * (n))
#define TCR_T1SZ(n)   ((UL(1) * (n)) << 16)
#define TCR_EPD0      (UL(1) << 7)
#define TCR_WALK0     ((UL(1) << 8) | (UL(1) << 10) | (UL(3) << 12))
#define TCR_WALK1     ((UL(1) << 24) | (UL(1) << 26) | (UL(3) << 28))
#define TCR_TG1_4K    (UL(2) << 30)
#define TCR_IPS_SHIFT 32
#define TCR_EL1_VALUE (TCR_T0SZ(16) | TCR_T1SZ(16) | TCR_WALK0 | TCR_WALK1 | TCR_TG1_4K)

/* Translation table descriptors (4 KiB granule). */
#define PTE_VALID    (UL(1) << 0)
#define PTE_TABLE    (UL(1) << 1) /* L0-L2: next-level table */
#define PTE_PAGE     (UL(1) << 1) /* L3: a page (bit 1 set) */
#define PTE_ATTR(mt) ((UL(1) * (mt)) << 2)
#define PTE_RDONLY   (UL(1) << 7) /* AP[2] */
#define PTE_ISH      (UL(3) << 8)
#define PTE_AF       (UL(1) << 10)
#define PTE_PXN      (UL(1) << 53)
#define PTE_UXN      (UL(1) << 54)

/*
 * After boot (cpu.c). SCTLR_EL1.SPAN clear: taking an exception to EL1 sets
 * PSTATE.PAN (when the CPU has PAN), so the kernel starts every entry unable
 * to touch user memory by accident. SA0: EL0 sp alignment checked too.
 */
#define SCTLR_EL1_SPAN (UL(1) << 23)
#define SCTLR_EL1_SA0  (UL(1) << 4)
/* CPACR_EL1.FPEN = 0b11: FP/SIMD usable at EL0 and EL1 without trapping. */
#define CPACR_EL1_FPEN (UL(3) << 20)
/* FPEN = 0b01: EL0's FP/SIMD instructions trap (EC 0x07), EL1's do not (lazy FP, thread.c). */
#define CPACR_EL1_FPEN_EL1 (UL(1) << 20)
/* TCR_EL1.AS: 16-bit ASIDs (when ID_AA64MMFR0_EL1.ASIDBits says so). */
#define TCR_AS (UL(1) << 36)

/* More descriptor bits: EL0 access (AP[1]), not global (per-ASID), blocks. */
#define PTE_USER      (UL(1) << 6)
#define PTE_NG        (UL(1) << 11)
#define PTE_BLOCK     (UL(0) << 1) /* L1/L2: a block (bit 1 clear) */
#define PTE_ADDR_MASK UL(0x0000fffffffff000)

/* SPSR values for entering EL0 (AArch64, interrupts unmasked). */
#define SPSR_EL0T 0x0
/* PSTATE.DAIF.I in daifset/daifclr immediates. */
#define DAIF_IRQ 2
