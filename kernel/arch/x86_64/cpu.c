/* SPDX-License-Identifier: MIT */
/* cpu.c: CPU-wide setup (PIC off, FPU/SSE for user mode, SMEP/SMAP/UMIP) and the small arch hooks. */
#include "arch.h"
#include "cpu.h"
#include "kprintf.h"
#include "x86.h"

#define PIC1_DATA 0x21
#define PIC2_DATA 0xa1

#define CR0_MP         (1ull << 1)
#define CR0_EM         (1ull << 2)
#define CR0_TS         (1ull << 3)
#define CR0_NE         (1ull << 5)
#define CR4_OSFXSR     (1ull << 9)
#define CR4_OSXMMEXCPT (1ull << 10)
#define CR4_UMIP       (1ull << 11)
#define CR4_SMEP       (1ull << 20)
#define CR4_SMAP       (1ull << 21)

uint8_t x86_smap_enabled;

/*
 * User threads get x87/SSE (saved with FXSAVE per thread); the kernel
 * itself is built -mgeneral-regs-only. SMEP: ring 0 never executes user
 * pages; SMAP: ring 0 touches user pages only inside x86_copy_user; UMIP:
 * ring 3 cannot read the GDT/IDT addresses. Each only if the CPU has it.
 */
static void cpu_protections(void)
{
    write_cr0((read_cr0() | CR0_MP | CR0_NE) & ~(CR0_EM | CR0_TS));
    uint64_t cr4 = read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT;
    struct cpuid f = cpuid(0, 0).eax >= 7 ? cpuid(7, 0) : (struct cpuid){ 0, 0, 0, 0 };
    if (f.ebx & (1u << 7))
        cr4 |= CR4_SMEP;
    if (f.ebx & (1u << 20))
        cr4 |= CR4_SMAP;
    if (f.ecx & (1u << 2))
        cr4 |= CR4_UMIP;
    write_cr4(cr4);
    x86_smap_enabled = !!(cr4 & CR4_SMAP);
}

/* After the banner (arch_irq_init): what cpu_protections found. */
void x86_cpu_report(void)
{
    uint64_t cr4 = read_cr4();
    kprintf("cpu: SMEP %s, SMAP %s, UMIP %s, NX on\n", cr4 & CR4_SMEP ? "on" : "off",
            cr4 & CR4_SMAP ? "on" : "off", cr4 & CR4_UMIP ? "on" : "off");
}

void x86_cpu_init(void)
{
    /* Mask the legacy 8259 PICs: the kernel uses the APIC, never them. */
    outb(PIC1_DATA, 0xff);
    outb(PIC2_DATA, 0xff);
    cpu_protections();
}

void arch_undefined_instruction(void) { __asm__ volatile("ud2"); }
