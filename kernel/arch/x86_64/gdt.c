/* SPDX-License-Identifier: MIT */
/* gdt.c: the kernel's GDT and TSS, with separate IST stacks for #DF, NMI and #MC. */
#include <stddef.h>
#include <stdint.h>
#include "gdt.h"
#include "layout.h"
#include "x86.h"

/* The 64-bit TSS: only the stack pointers matter in long mode. */
struct tss {
    uint32_t reserved0;
    uint64_t rsp[3];           /* stack for entry from ring 0..2 (rsp0 used later) */
    uint64_t reserved1;
    uint64_t ist[7];           /* IST1..IST7 */
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base;
} __attribute__((packed));

#define IST_STACK_SIZE 8192

/* context.S's arch_switch writes rsp[0] (TSS_RSP0) at every switch. */
struct tss x86_tss;
_Static_assert(offsetof(struct tss, rsp) == 4, "TSS_RSP0 in context.S");
/*
 * In .stack, not .bss: entry.S zeroes bss, and stacks need no zeroing.
 * Each has a guard page below it that mmu.c leaves unmapped.
 */
struct ist_stack {
    uint8_t guard[4096];
    uint8_t stack[IST_STACK_SIZE];
};
static struct ist_stack ist_stacks[X86_IST_COUNT] __attribute__((aligned(4096), section(".stack")));
static const void *const ist_guards[X86_IST_COUNT] __attribute__((used, section(".guards"))) = {
    ist_stacks[0].guard,
    ist_stacks[1].guard,
    ist_stacks[2].guard,
};

/*
 * Slots: null, kernel code, kernel data, user data, user code (the order
 * SYSRET wants: STAR in syscall.c), then the 16-byte TSS descriptor.
 */
static uint64_t gdt[7] = {
    0,
    0x00af9a000000ffff,        /* X86_SEL_KCODE: ring 0, code, long mode */
    0x00cf92000000ffff,        /* X86_SEL_KDATA: ring 0, data */
    0x00cff2000000ffff,        /* 0x18: ring 3, data */
    0x00affa000000ffff,        /* 0x20: ring 3, code, long mode */
};

/* An available 64-bit TSS descriptor (type 9) for `base`, in two GDT slots. */
static void gdt_set_tss(uint64_t base, uint32_t limit)
{
    gdt[5] = (limit & 0xffff) | (base & 0xffffff) << 16 | (uint64_t)0x89 << 40 |
             (uint64_t)((limit >> 16) & 0xf) << 48 | ((base >> 24) & 0xff) << 56;
    gdt[6] = base >> 32;
}

/* Loads the GDT, reloads every segment register, then the task register. */
static void gdt_load(void)
{
    struct {
        uint16_t limit;
        uint64_t base;
    } __attribute__((packed)) ptr = {
        sizeof gdt - 1,
        (uint64_t)gdt,
    };
    __asm__ volatile("lgdt %0\n\t"
                     "pushq %1\n\t"
                     "leaq 1f(%%rip), %%rax\n\t"
                     "pushq %%rax\n\t"
                     "lretq\n"                  /* far return: the only way to reload %cs */
                     "1:\n\t"
                     "mov %2, %%ds\n\t"
                     "mov %2, %%es\n\t"
                     "mov %2, %%ss\n\t"
                     "ltr %w3"
                     :
                     : "m"(ptr), "i"(X86_SEL_KCODE), "r"(X86_SEL_KDATA), "r"(X86_SEL_TSS)
                     : "rax", "memory");
}

void x86_gdt_init(void)
{
    for (int i = 0; i < X86_IST_COUNT; i++)
        x86_tss.ist[i] = (uint64_t)&ist_stacks[i].stack[IST_STACK_SIZE];
    x86_tss.iomap_base = sizeof x86_tss;   /* no I/O bitmap: ring 3 gets no ports */
    gdt_set_tss((uint64_t)&x86_tss, sizeof x86_tss - 1);
    gdt_load();
}
