/* SPDX-License-Identifier: MIT */
/* trap.c: where every arm64 exception goes: syscalls, user faults, interrupts, user-copy faults. */
#include <stdbool.h>
#include <stddef.h>
#include "arch.h"
#include "cspace.h"
#include "fault.h"
#include "irq.h"
#include "task.h"
#include "trap.h"
#include "usercopy.h"
#include "jericho/syscall.h"

/* What vectors.S's identify path reads, at the offsets it has. */
_Static_assert(JX_SYS_CAP_IDENTIFY == 2, "SYS_CAP_IDENTIFY in vectors.S");
_Static_assert(JX_CSPACE_SLOTS == 64, "CSPACE_SLOTS in vectors.S");
_Static_assert(offsetof(struct thread, task) == 0x2b0, "THREAD_TASK in vectors.S");
_Static_assert(offsetof(struct task, cspace) == 0x48, "TASK_CSPACE in vectors.S");
_Static_assert(sizeof(struct cap_slot) == 56, "CAP_SLOT_SIZE in vectors.S");
_Static_assert(offsetof(struct cap_slot, obj) == 0 && offsetof(struct cap_slot, badge) == 8 &&
                   offsetof(struct cap_slot, state) == 16 &&
                   offsetof(struct cap_slot, rights) == 17,
               "CAP_* in vectors.S");
_Static_assert(CAP_FULL == 1 && offsetof(struct kobj, type) == 0 && sizeof(jx_obj_type_t) == 4,
               "CAP_FULL, KOBJ_TYPE in vectors.S");

/* Data/instruction abort status codes (DFSC/IFSC, ISS[5:0]) by kind. */
static bool fsc_translation(uint64_t iss)
{
    return (iss & 0x3c) == 0x04; /* translation fault, levels 0-3 */
}

static bool fsc_permission_or_flag(uint64_t iss)
{
    return (iss & 0x3c) == 0x0c || (iss & 0x3c) == 0x08;
}

static void classify_abort(struct user_fault *u, const struct trap_frame *f, uint64_t ec)
{
    uint64_t iss = ESR_ISS(f->esr);
    u->addr = f->far;
    if (ec == EC_INSN_ABORT_LOWER)
        u->access = ACCESS_EXEC;
    else
        u->access = iss & ESR_WNR ? ACCESS_WRITE : ACCESS_READ;
    if (fsc_translation(iss))
        u->kind = FAULT_PAGE_NOT_PRESENT;
    else if (fsc_permission_or_flag(iss))
        u->kind = FAULT_PAGE_PROTECTION;
    else if ((iss & 0x3f) == 0x21)
        u->kind = FAULT_ALIGNMENT;
    else
        u->kind = FAULT_OTHER;
}

/*
 * EC 0 covers every encoding EL0 may not execute. Those in the system
 * instruction space (MRS/MSR of EL1 registers, SYS, cache and TLB
 * maintenance, barriers are not trapped) and ERET, HVC, SMC are privileged
 * rather than undefined, as #GP is on x86-64: look at the instruction.
 */
static enum user_fault_kind classify_undefined(uintptr_t pc)
{
    uint32_t insn;
    if (arch_copy_from_user(&insn, pc, sizeof insn) != 0)
        return FAULT_UNDEFINED;
    if ((insn & 0xffc00000) == 0xd5000000) /* system instructions */
        return FAULT_PRIVILEGED;
    if (insn == 0xd69f03e0) /* eret */
        return FAULT_PRIVILEGED;
    if ((insn & 0xffe0001c) == 0xd4000000 && (insn & 3) >= 2) /* hvc, smc */
        return FAULT_PRIVILEGED;
    return FAULT_UNDEFINED;
}

static void classify_sync(struct user_fault *u, const struct trap_frame *f)
{
    uint64_t ec = ESR_EC(f->esr);
    switch (ec) {
    case EC_INSN_ABORT_LOWER:
    case EC_DATA_ABORT_LOWER: classify_abort(u, f, ec); return;
    case EC_UNKNOWN: u->kind = classify_undefined(f->elr); return;
    case EC_WFX:
    case EC_SYSREG: u->kind = FAULT_PRIVILEGED; return;
    case EC_PC_ALIGN:
        u->addr = f->far;
        /* fall through */
    case EC_SP_ALIGN: u->kind = FAULT_ALIGNMENT; return;
    case EC_FP_EXC64: u->kind = FAULT_FPU; return;
    default: u->kind = FAULT_OTHER;
    }
}

/*
 * A synchronous exception from EL0 other than a syscall (vectors.S takes
 * those on its own path): the first FP/SIMD use since a switch (lazy FP);
 * a page fault, which the generic code resolves when it is a demand-zero
 * page's (eret retries the access); else a fault that ends the task.
 */
static void user_sync(struct trap_frame *f)
{
    if (ESR_EC(f->esr) == EC_FP_ACCESS) {
        arch_fpu_trap();
        return;
    }
    struct user_fault u = {
        .kind = FAULT_OTHER, .access = ACCESS_NONE, .pc = f->elr, .addr = 0, .arch_code = f->esr
    };
    classify_sync(&u, f);
    if (u.kind == FAULT_PAGE_NOT_PRESENT || u.kind == FAULT_PAGE_PROTECTION) {
        trap_user_page_fault(&u);
        return;
    }
    trap_user_fault(&u);
}

/* A data abort in the kernel on one of usercopy.S's user accesses becomes its
 * error return; any other kernel exception is fatal. */
static bool usercopy_fixup(struct trap_frame *f)
{
    uintptr_t pc = f->elr;
    if (ESR_EC(f->esr) != EC_DATA_ABORT || pc < (uintptr_t)usercopy_begin ||
        pc >= (uintptr_t)usercopy_end)
        return false;
    f->elr = (uintptr_t)usercopy_fault;
    return true;
}

void trap_handle(struct trap_frame *f, uint64_t vector)
{
    bool lower = (vector & TRAP_LOWER_A64) && !(vector & TRAP_STACK_OVERFLOW);
    switch (vector) {
    case TRAP_LOWER_A64 | TRAP_SYNC: user_sync(f); return;
    case TRAP_LOWER_A64 | TRAP_IRQ:
    case TRAP_CUR_SPX | TRAP_IRQ: irq_handle(); return;
    case TRAP_CUR_SPX | TRAP_SYNC:
        if (usercopy_fixup(f))
            return;
        break;
    default: break;
    }
    if (lower && (vector & 3) != TRAP_SERROR) {
        /* AArch32 EL0 (which the kernel never starts) or an FIQ from EL0. */
        struct user_fault u = { .kind = FAULT_OTHER, .pc = f->elr, .arch_code = f->esr };
        trap_user_fault(&u);
    }
    report_fatal(f, vector);
}
