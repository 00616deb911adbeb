/* SPDX-License-Identifier: MIT */
/* gic.c: GICv2 (memory-mapped CPU interface) and GICv3 (redistributors, ICC system registers). */
#include <stdbool.h>
#include "gic.h"
#include "mmu.h"

/*
 * One CPU, one security state as QEMU's virt gives it to a non-secure
 * kernel: every interrupt in group 1 (v3) or group 0 with no security
 * extensions (v2), all at one priority, routed to us. No nesting: an IRQ
 * handler runs with interrupts masked until its EOI.
 */

/* Distributor registers (both versions), byte offsets. */
enum {
    GICD_CTLR = 0x000,
    GICD_TYPER = 0x004,
    GICD_IGROUPR = 0x080,
    GICD_ISENABLER = 0x100,
    GICD_ICENABLER = 0x180,
    GICD_ISPENDR = 0x200,
    GICD_IPRIORITYR = 0x400,
    GICD_ITARGETSR = 0x800,
    GICD_ICFGR = 0xc00,
    GICD_IROUTER = 0x6000,
};
#define GICD_CTLR_RWP (1u << 31)
#define GICD_CTLR_ARE (1u << 4)
#define GICD_CTLR_V3  (GICD_CTLR_ARE | (1u << 1) | (1u << 0)) /* + EnableGrp1, Grp0 */
#define GICD_CTLR_V2  (1u << 0)

/* GICv2 CPU interface. */
enum { GICC_CTLR = 0x00, GICC_PMR = 0x04, GICC_BPR = 0x08, GICC_IAR = 0x0c, GICC_EOIR = 0x10 };

/* GICv3 redistributor: RD_base frame, then SGI_base frame 64 KiB up. */
enum {
    GICR_CTLR = 0x0000,
    GICR_TYPER = 0x0008,
    GICR_WAKER = 0x0014,
    GICR_SGI = 0x10000, /* + GICD-like IGROUPR0, ISENABLER0, ... for INTIDs 0-31 */
};
#define GICR_TYPER_LAST   (1ull << 4)
#define GICR_TYPER_VLPIS  (1ull << 1)
#define GICR_WAKER_SLEEP  (1u << 1)
#define GICR_WAKER_ASLEEP (1u << 2)

#define PRIORITY          0xa0    /* every interrupt the same */
#define PRIORITY_MASK_ALL 0xff    /* the CPU takes any priority */

static int version;
static volatile uint8_t *gicd, *gicc, *gicr; /* gicr: this CPU's RD_base */

static uint32_t rd32(volatile uint8_t *base, uint32_t off)
{
    return *(volatile uint32_t *)(base + off);
}

static void wr32(volatile uint8_t *base, uint32_t off, uint32_t v)
{
    *(volatile uint32_t *)(base + off) = v;
}

static uint64_t rd64(volatile uint8_t *base, uint32_t off)
{
    return *(volatile uint64_t *)(base + off);
}

static void wr64(volatile uint8_t *base, uint32_t off, uint64_t v)
{
    *(volatile uint64_t *)(base + off) = v;
}

static uint64_t read_mpidr(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, mpidr_el1" : "=r"(v));
    return v;
}

/* Affinity as GICR_TYPER[63:32] / GICD_IROUTER hold it: aff3.aff2.aff1.aff0. */
static uint32_t mpidr_affinity(void)
{
    uint64_t m = read_mpidr();
    return (uint32_t)(((m >> 32) & 0xff) << 24 | (m & 0xffffff));
}

static void wait_rwp(void)
{
    while (rd32(gicd, GICD_CTLR) & GICD_CTLR_RWP)
        ;
}

/* Number of INTIDs the distributor implements (ITLinesNumber). */
static uint32_t gicd_lines(void)
{
    uint32_t n = ((rd32(gicd, GICD_TYPER) & 0x1f) + 1) * 32;
    return n > 1020 ? 1020 : n;
}

/* All SPIs off, one priority; v3 routes them to us and puts them in group 1. */
static void dist_init(void)
{
    /* v3: affinity routing (ARE) on before GICD_IROUTER means anything. */
    wr32(gicd, GICD_CTLR, version == 3 ? GICD_CTLR_ARE : 0);
    if (version == 3)
        wait_rwp();
    uint32_t lines = gicd_lines();
    for (uint32_t i = 32; i < lines; i += 32) {
        wr32(gicd, GICD_ICENABLER + i / 8, 0xffffffff);
        if (version == 3)
            wr32(gicd, GICD_IGROUPR + i / 8, 0xffffffff);
    }
    for (uint32_t i = 32; i < lines; i++) {
        gicd[GICD_IPRIORITYR + i] = PRIORITY;
        if (version == 2)
            gicd[GICD_ITARGETSR + i] = 1u << 0; /* CPU interface 0 */
        else
            wr64(gicd, GICD_IROUTER + 8 * i, mpidr_affinity());
    }
    wr32(gicd, GICD_CTLR, version == 3 ? GICD_CTLR_V3 : GICD_CTLR_V2);
    if (version == 3)
        wait_rwp();
}

/* GICv2: SGIs/PPIs live in the distributor's banked registers. */
static void cpu_init_v2(void)
{
    wr32(gicd, GICD_ICENABLER, 0xffffffff);
    for (uint32_t i = 0; i < 32; i++)
        gicd[GICD_IPRIORITYR + i] = PRIORITY;
    wr32(gicc, GICC_PMR, PRIORITY_MASK_ALL);
    wr32(gicc, GICC_BPR, 0);
    wr32(gicc, GICC_CTLR, 1);
}

/* The redistributor frame whose GICR_TYPER affinity is ours, or NULL. */
static volatile uint8_t *find_redist(volatile uint8_t *base, uint64_t size)
{
    uint32_t aff = mpidr_affinity();
    for (uint64_t off = 0; off + 0x20000 <= size;) {
        uint64_t typer = rd64(base, (uint32_t)off + GICR_TYPER);
        if ((uint32_t)(typer >> 32) == aff)
            return base + off;
        if (typer & GICR_TYPER_LAST)
            break;
        off += typer & GICR_TYPER_VLPIS ? 0x40000 : 0x20000;
    }
    return NULL;
}

/* ICC_SRE_EL1.SRE (system-register interface), priority mask, group 1 on.
 * By encoding: the assembler needs no GICv3 feature flag. */
static void write_icc(void)
{
    uint64_t sre;
    __asm__ volatile("mrs %0, s3_0_c12_c12_5" : "=r"(sre));
    __asm__ volatile("msr s3_0_c12_c12_5, %0\n\tisb" ::"r"(sre | 1));
    __asm__ volatile("msr s3_0_c4_c6_0, %0" ::"r"((uint64_t)PRIORITY_MASK_ALL)); /* PMR */
    __asm__ volatile("msr s3_0_c12_c12_3, xzr");                                   /* BPR1 */
    __asm__ volatile("msr s3_0_c12_c12_4, xzr");                  /* CTLR: EOImode 0 */
    __asm__ volatile("msr s3_0_c12_c12_7, %0\n\tisb" ::"r"(1ull));                /* IGRPEN1 */
}

/* GICv3: wake our redistributor, SGIs/PPIs off, then the ICC registers. */
static void cpu_init_v3(void)
{
    wr32(gicr, GICR_WAKER, rd32(gicr, GICR_WAKER) & ~GICR_WAKER_SLEEP);
    while (rd32(gicr, GICR_WAKER) & GICR_WAKER_ASLEEP)
        ;
    volatile uint8_t *sgi = gicr + GICR_SGI;
    wr32(sgi, GICD_ICENABLER, 0xffffffff);
    wr32(sgi, GICD_IGROUPR, 0xffffffff);
    for (uint32_t i = 0; i < 32; i++)
        sgi[GICD_IPRIORITYR + i] = PRIORITY;
    while (rd32(gicr, GICR_CTLR) & GICD_CTLR_RWP)
        ;
    write_icc();
}

bool gic_init(const struct fdt_boot *b)
{
    if (b->gic_version != 2 && b->gic_version != 3)
        return false;
    gicd = (volatile uint8_t *)mmu_map_device(b->gic_dist.base, b->gic_dist.size);
    volatile uint8_t *second =
        (volatile uint8_t *)mmu_map_device(b->gic_redist.base, b->gic_redist.size);
    if (!gicd || !second)
        return false;
    version = b->gic_version;
    if (version == 3) {
        gicr = find_redist(second, b->gic_redist.size);
        if (!gicr) {
            version = 0;
            return false;
        }
    } else {
        gicc = second;
    }
    dist_init();
    if (version == 3)
        cpu_init_v3();
    else
        cpu_init_v2();
    return true;
}

int gic_version(void) { return version; }

/* The register block holding intid's enable/config bits: banked per CPU
 * for SGIs/PPIs (the redistributor on v3), the distributor otherwise. */
static volatile uint8_t *bank(uint32_t intid)
{
    return version == 3 && intid < 32 ? gicr + GICR_SGI : gicd;
}

void gic_enable(uint32_t intid, bool edge)
{
    volatile uint8_t *b = bank(intid);
    if (intid >= 32) {
        uint32_t off = GICD_ICFGR + intid / 16 * 4, shift = intid % 16 * 2 + 1;
        uint32_t cfg = rd32(b, off) & ~(1u << shift);
        wr32(b, off, cfg | (uint32_t)edge << shift);
    }
    wr32(b, GICD_ISENABLER + intid / 32 * 4, 1u << (intid % 32));
}

void gic_unmask(uint32_t intid)
{
    wr32(bank(intid), GICD_ISENABLER + intid / 32 * 4, 1u << (intid % 32));
}

void gic_set_pending(uint32_t intid)
{
    wr32(bank(intid), GICD_ISPENDR + intid / 32 * 4, 1u << (intid % 32));
}

uint32_t gic_lines(void) { return gicd_lines(); }

void gic_disable(uint32_t intid)
{
    wr32(bank(intid), GICD_ICENABLER + intid / 32 * 4, 1u << (intid % 32));
}

uint32_t gic_ack(void)
{
    if (version == 2)
        return rd32(gicc, GICC_IAR) & 0x3ff;
    uint64_t iar;
    __asm__ volatile("mrs %0, s3_0_c12_c12_0" : "=r"(iar)); /* ICC_IAR1_EL1 */
    __asm__ volatile("dsb sy" ::: "memory");
    return (uint32_t)(iar & 0xffffff);
}

void gic_eoi(uint32_t intid)
{
    if (version == 2)
        wr32(gicc, GICC_EOIR, intid);
    else
        __asm__ volatile("msr s3_0_c12_c12_1, %0\n\tisb" ::"r"((uint64_t)intid)); /* EOIR1 */
}
