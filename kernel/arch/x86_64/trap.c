/* SPDX-License-Identifier: MIT */
/* trap.c: interrupts, user faults (to the generic kill path), user-copy fixups, and the fatal kernel report. */
#include "arch.h"
#include "clock.h"
#include "cpu.h"
#include "exit.h"
#include "fault.h"
#include "kprintf.h"
#include "trap.h"
#include "x86.h"

/*
 * Each name carries the generic words boot tests look for on every arch:
 * "undefined instruction" and "page fault".
 */
static const char *const exception_names[32] = {
    [0] = "#DE divide error",
    [1] = "#DB debug",
    [2] = "NMI non-maskable interrupt",
    [3] = "#BP breakpoint",
    [4] = "#OF overflow",
    [5] = "#BR bound range exceeded",
    [6] = "#UD invalid opcode (undefined instruction)",
    [7] = "#NM device not available",
    [8] = "#DF double fault",
    [9] = "coprocessor segment overrun",
    [10] = "#TS invalid TSS",
    [11] = "#NP segment not present",
    [12] = "#SS stack-segment fault",
    [13] = "#GP general protection fault",
    [14] = "#PF page fault",
    [15] = "reserved (15)",
    [16] = "#MF x87 floating-point error",
    [17] = "#AC alignment check",
    [18] = "#MC machine check",
    [19] = "#XM SIMD floating-point error",
    [20] = "#VE virtualization exception",
    [21] = "#CP control protection",
    [22] = "reserved (22)",
    [23] = "reserved (23)",
    [24] = "reserved (24)",
    [25] = "reserved (25)",
    [26] = "reserved (26)",
    [27] = "reserved (27)",
    [28] = "#HV hypervisor injection",
    [29] = "#VC VMM communication",
    [30] = "#SX security exception",
    [31] = "reserved (31)",
};

/* Page fault error code bits, spelled out because they are asked for first. */
static void trap_print_pf_cause(uint64_t error)
{
    kprintf("cause: %s, %s, %s mode%s%s\n", error & 1 ? "protection violation" : "not present",
            error & 16  ? "instruction fetch"
            : error & 2 ? "write"
                        : "read",
            error & 4 ? "user" : "kernel", error & 8 ? ", reserved bit set" : "",
            error & 32 ? ", protection key" : "");
}

static void trap_report(const struct trap_frame *f, uint64_t cr2)
{
    kprintf("\nEXCEPTION: %s\n", exception_names[f->vector & 31]);
    kprintf("vector=%llu error=0x%016llx addr=0x%016llx\n", (unsigned long long)f->vector,
            (unsigned long long)f->error, (unsigned long long)cr2);
    if (f->vector == 14)
        trap_print_pf_cause(f->error);
    kprintf("pc=0x%016llx sp=0x%016llx rflags=0x%016llx cs=0x%llx ss=0x%llx\n",
            (unsigned long long)f->rip, (unsigned long long)f->rsp, (unsigned long long)f->rflags,
            (unsigned long long)f->cs, (unsigned long long)f->ss);
    kprintf("rax=%p rbx=%p rcx=%p rdx=%p\n", (void *)f->rax, (void *)f->rbx, (void *)f->rcx,
            (void *)f->rdx);
    kprintf("rsi=%p rdi=%p rbp=%p r8 =%p\n", (void *)f->rsi, (void *)f->rdi, (void *)f->rbp,
            (void *)f->r8);
    kprintf("r9 =%p r10=%p r11=%p r12=%p\n", (void *)f->r9, (void *)f->r10, (void *)f->r11,
            (void *)f->r12);
    kprintf("r13=%p r14=%p r15=%p\n", (void *)f->r13, (void *)f->r14, (void *)f->r15);
}

/* Exceptions taken so far; more than one means the report itself faulted. */
static volatile int trap_depth;

/*
 * Maps an exception from ring 3 onto the generic kinds and ends the task;
 * returns only for a page fault the generic code resolved (a demand-zero
 * page), and iretq retries the access.
 */
static void x86_user_fault(const struct trap_frame *f, uint64_t cr2)
{
    struct user_fault u = { FAULT_OTHER, ACCESS_NONE, f->rip, 0, f->vector };
    switch (f->vector) {
    case 0: u.kind = FAULT_DIVIDE; break;
    case 6: u.kind = FAULT_UNDEFINED; break;
    case 13: u.kind = FAULT_PRIVILEGED; break;
    case 17: u.kind = FAULT_ALIGNMENT; break;
    case 16:
    case 19: u.kind = FAULT_FPU; break;
    case 14:
        u.kind = f->error & 1 ? FAULT_PAGE_PROTECTION : FAULT_PAGE_NOT_PRESENT;
        u.access = f->error & 16 ? ACCESS_EXEC : f->error & 2 ? ACCESS_WRITE : ACCESS_READ;
        u.addr = cr2;
        if (u.kind == FAULT_PAGE_NOT_PRESENT || u.kind == FAULT_PAGE_PROTECTION) {
            trap_user_page_fault(&u);
            return;
        }
        break;
    }
    trap_user_fault(&u);
}

/* context.S: the one instruction that touches user memory, and where its fault resumes. */
extern const char x86_copy_user_insn[], x86_copy_user_fault[];

void x86_trap(struct trap_frame *f)
{
    uint64_t cr2 = read_cr2(); /* before anything else can fault again */
    if (f->vector >= 32) {
        x86_irq_handle(f->vector);
        return;
    }
    /* NMI, double fault and machine check are never the task's doing: always fatal. */
    if ((f->cs & 3) && f->vector != 2 && f->vector != 8 && f->vector != 18) {
        x86_user_fault(f, cr2);
        return;
    }
    if (f->vector == 14 && f->rip == (uint64_t)x86_copy_user_insn) {
        f->rip = (uint64_t)x86_copy_user_fault; /* the fixup: return JX_EFAULT */
        return;
    }
    if (++trap_depth > 1) {
        /* Keep it to one line: the console or the stack may be what broke. */
        if (trap_depth == 2)
            kprintf("\nEXCEPTION: vector %llu while reporting an exception\n",
                    (unsigned long long)f->vector);
        arch_exit(KEXIT_FATAL);
    }
    trap_report(f, cr2);
    arch_exit(KEXIT_FATAL);
}
