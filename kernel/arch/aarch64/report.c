/* SPDX-License-Identifier: MIT */
/* report.c: decode an arm64 exception (ESR_EL1) and print the fatal exception report. */
#include <stdbool.h>
#include "arch.h"
#include "exit.h"
#include "kprintf.h"
#include "trap.h"

/* ESR_EL1.EC values with a name; "undefined instruction" for EC 0 is the
 * generic word boot tests look for on both arches. */
static const char *const ec_names[64] = {
    [0x00] = "undefined instruction",
    [0x01] = "WFI/WFE trapped",
    [0x07] = "FP/SIMD access trapped",
    [0x0d] = "branch target exception",
    [0x0e] = "illegal execution state",
    [0x15] = "SVC from AArch64",
    [0x18] = "system register access trapped",
    [0x19] = "SVE access trapped",
    [0x1c] = "pointer authentication failure",
    [0x20] = "instruction abort from EL0",
    [0x21] = "instruction abort",
    [0x22] = "PC alignment fault",
    [0x24] = "data abort from EL0",
    [0x25] = "data abort",
    [0x26] = "SP alignment fault",
    [0x2f] = "SError",
    [0x30] = "breakpoint from EL0",
    [0x31] = "breakpoint",
    [0x32] = "software step from EL0",
    [0x33] = "software step",
    [0x34] = "watchpoint from EL0",
    [0x35] = "watchpoint",
    [0x3c] = "BRK instruction",
};

static bool is_abort(uint64_t ec)
{
    return ec == EC_INSN_ABORT_LOWER || ec == EC_INSN_ABORT || ec == EC_DATA_ABORT_LOWER ||
           ec == EC_DATA_ABORT;
}

static bool is_data_abort(uint64_t ec) { return ec == EC_DATA_ABORT_LOWER || ec == EC_DATA_ABORT; }

/* FAR_EL1 holds an address only for these; otherwise it is UNKNOWN. */
static bool far_valid(uint64_t ec)
{
    return is_abort(ec) || ec == EC_PC_ALIGN || ec == EC_WATCH_LOWER || ec == EC_WATCH;
}

/* The fault status code (DFSC/IFSC, ISS[5:0]) of an abort, in words. */
static const char *fault_status(uint64_t iss)
{
    switch ((iss & 0x3f) >> 2) {
    case 0x0: return "address size fault";
    case 0x1: return "translation fault";
    case 0x2: return "access flag fault";
    case 0x3: return "permission fault";
    }
    switch (iss & 0x3f) {
    case 0x10: return "synchronous external abort";
    case 0x21: return "alignment fault";
    case 0x30: return "TLB conflict";
    }
    return "other fault";
}

/* Translation, access flag and permission faults are what "page fault" means
 * on x86: the generic word boot tests look for. */
static bool is_page_fault(uint64_t iss)
{
    uint64_t kind = (iss & 0x3f) >> 2;
    return kind >= 1 && kind <= 3;
}

/* Where the exception came from: the vector table's group (trap.h). */
static const char *vector_origin(uint64_t vector)
{
    static const char *const from[4] = {
        "current EL with SP_EL0",
        "current EL with SP_ELx",
        "lower EL (AArch64)",
        "lower EL (AArch32)",
    };
    return from[(vector >> 2) & 3];
}

static uint64_t read_sp_el0(void)
{
    uint64_t sp;
    __asm__ volatile("mrs %0, sp_el0" : "=r"(sp));
    return sp;
}

/* First line: "EXCEPTION: <name>", the same on every arch (tests grep it). */
static void print_headline(const struct trap_frame *f, uint64_t vector)
{
    static const char *const kinds[4] = { "synchronous", "IRQ", "FIQ", "SError" };
    uint64_t ec = ESR_EC(f->esr), iss = ESR_ISS(f->esr);
    if ((vector & 3) != TRAP_SYNC) {
        kprintf("\nEXCEPTION: unexpected %s\n", kinds[vector & 3]);
    } else if (is_abort(ec)) {
        kprintf("\nEXCEPTION: %s (%s) (EC 0x%02llx)\n", ec_names[ec],
                is_page_fault(iss) ? "page fault" : fault_status(iss), (unsigned long long)ec);
    } else {
        const char *name = ec_names[ec] ? ec_names[ec] : "unknown exception class";
        kprintf("\nEXCEPTION: %s (EC 0x%02llx)\n", name, (unsigned long long)ec);
    }
    kprintf("vector=%s from %s\n", kinds[vector & 3], vector_origin(vector));
    if (vector & TRAP_STACK_OVERFLOW)
        kprintf("kernel stack overflow: the frame would land on an unmapped page, "
                "report on the emergency stack\n");
}

/* The syndrome; addr= (FAR_EL1) only where the architecture defines it. */
static void print_syndrome(const struct trap_frame *f, uint64_t vector)
{
    uint64_t ec = ESR_EC(f->esr), iss = ESR_ISS(f->esr);
    bool sync = (vector & 3) == TRAP_SYNC;
    kprintf("esr=0x%016llx", (unsigned long long)f->esr);
    if (sync && far_valid(ec))
        kprintf(" addr=0x%016llx", (unsigned long long)f->far);
    kprintf("\n");
    if (sync && is_abort(ec))
        kprintf("cause: %s at level %llu, %s\n", fault_status(iss), (unsigned long long)(iss & 3),
                is_data_abort(ec) ? (iss & ESR_WNR ? "write" : "read") : "instruction fetch");
    kprintf("pc=0x%016llx sp=0x%016llx spsr=0x%016llx\n", (unsigned long long)f->elr,
            (unsigned long long)f->sp, (unsigned long long)f->spsr);
}

static void print_registers(const struct trap_frame *f)
{
    for (int i = 0; i < 31; i++)
        kprintf("x%-2d=%p%s", i, (void *)f->x[i], i % 4 == 3 || i == 30 ? "\n" : " ");
}

/* Exceptions being handled: one while reporting another (the console
 * faults, say) gets one line and exits; one while exiting (semihosting off)
 * halts. */
static volatile int nesting;

noreturn void report_fatal(struct trap_frame *f, uint64_t vector)
{
    if (++nesting > 2)
        arch_halt();
    if (nesting == 2) {
        kprintf("\nEXCEPTION: ESR 0x%llx while reporting an exception\n",
                (unsigned long long)f->esr);
        arch_exit(KEXIT_FATAL);
    }
    if (vector & TRAP_STACK_OVERFLOW)
        f->sp = read_sp_el0(); /* the sp the exception hit, not ours */
    print_headline(f, vector);
    print_syndrome(f, vector);
    print_registers(f);
    arch_exit(KEXIT_FATAL);
}
