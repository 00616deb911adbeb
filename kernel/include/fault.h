/* SPDX-License-Identifier: MIT */
/* fault.h: the generic side of exceptions taken in user mode: kill the task, report one line. */
#pragma once
#include <stdint.h>
#include <stdnoreturn.h>

/* What went wrong, in words both arches map their exception codes onto. */
enum user_fault_kind {
    FAULT_PAGE_NOT_PRESENT,    /* touched an unmapped page */
    FAULT_PAGE_PROTECTION, /* mapped, but not for this access (kernel page, write to RO, exec NX) */
    FAULT_UNDEFINED, /* undefined instruction */
    FAULT_PRIVILEGED, /* privileged instruction or general protection */
    FAULT_DIVIDE, /* integer divide by zero / overflow */
    FAULT_ALIGNMENT, /* misaligned stack or access */
    FAULT_FPU, /* floating-point / SIMD exception */
    FAULT_OTHER,
    /* A demand-zero page (vspace.h) that could not be given: */
    FAULT_NO_QUOTA, /* its region's quota is used up */
    FAULT_NO_FRAME, /* the machine has no free frame */
};

enum user_fault_access { ACCESS_NONE, ACCESS_READ, ACCESS_WRITE, ACCESS_EXEC };

struct user_fault {
    enum user_fault_kind kind;
    enum user_fault_access access; /* for page faults */
    uintptr_t pc, addr; /* addr: faulting data address, 0 if none */
    uint64_t arch_code; /* vector / ESR, printed for diagnosis */
};

/*
 * Called by the arch for any exception from user mode (interrupts off, on
 * the faulting thread's kernel stack). Prints one line naming the task, the
 * cause, pc and address, records JX_EXIT_FAULT and ends the task.
 */
noreturn void trap_user_fault(const struct user_fault *f);
/*
 * Called by the arch for a page fault from user mode (f->kind
 * FAULT_PAGE_NOT_PRESENT or FAULT_PAGE_PROTECTION, f->addr and f->access
 * set): returns when the page belongs to a demand-zero region of the task's
 * address space and is mapped for the access now (vspace_fault; the arch
 * retries the access); otherwise
 * ends the task as trap_user_fault does, as FAULT_NO_QUOTA or FAULT_NO_FRAME
 * when the region could not have its page.
 */
void trap_user_page_fault(struct user_fault *f);
const char *trap_fault_name(enum user_fault_kind kind);
