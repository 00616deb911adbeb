/* SPDX-License-Identifier: MIT */
/* fault.c: exceptions from user mode end the task that took them, never the kernel. */
#include "kprintf.h"
#include "panic.h"
#include "sched.h"
#include "task.h"
#include "fault.h"
#include "vspace.h"

const char *trap_fault_name(enum user_fault_kind kind)
{
    switch (kind) {
    case FAULT_PAGE_NOT_PRESENT: return "page fault (not mapped)";
    case FAULT_PAGE_PROTECTION: return "page fault (protection)";
    case FAULT_UNDEFINED: return "undefined instruction";
    case FAULT_PRIVILEGED: return "privileged instruction / general protection";
    case FAULT_DIVIDE: return "divide error";
    case FAULT_ALIGNMENT: return "alignment fault";
    case FAULT_FPU: return "floating-point exception";
    case FAULT_NO_QUOTA: return "out of memory in its quota (demand-zero page)";
    case FAULT_NO_FRAME: return "out of memory: no free frame (demand-zero page)";
    default: return "exception";
    }
}

noreturn void trap_user_fault(const struct user_fault *f)
{
    struct thread *th = sched_current();
    if (!th->task)
        panic("user-mode exception in kernel thread '%s'", th->name);
    th->task->fault = *f;
    task_exit_current(JX_EXIT_FAULT, f->kind);
}

void trap_user_page_fault(struct user_fault *f)
{
    static const unsigned access_prot[] = {
        [ACCESS_NONE] = VM_READ,
        [ACCESS_READ] = VM_READ,
        [ACCESS_WRITE] = VM_WRITE,
        [ACCESS_EXEC] = VM_EXEC,
    };
    struct vspace *vs = sched_current()->vspace;
    switch (vs ? vspace_fault(vs, f->addr, access_prot[f->access]) : VSPACE_FAULT_NOT_MINE) {
    case VSPACE_FAULT_HANDLED: return;
    case VSPACE_FAULT_NO_QUOTA: f->kind = FAULT_NO_QUOTA; break;
    case VSPACE_FAULT_NO_FRAME: f->kind = FAULT_NO_FRAME; break;
    case VSPACE_FAULT_NOT_MINE: break;
    }
    trap_user_fault(f);
}
