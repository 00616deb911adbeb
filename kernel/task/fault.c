/* SPDX-License-Identifier: MIT */
/* fault.c: exceptions from user mode end the task that took them, never the kernel. */
#include "kprintf.h"
#include "panic.h"
#include "sched.h"
#include "task.h"
#include "fault.h"

const char *trap_fault_name(enum user_fault_kind kind)
{
    switch (kind) {
    case FAULT_PAGE_NOT_PRESENT: return "page fault (not mapped)";
    case FAULT_PAGE_PROTECTION:  return "page fault (protection)";
    case FAULT_UNDEFINED:        return "undefined instruction";
    case FAULT_PRIVILEGED:       return "privileged instruction / general protection";
    case FAULT_DIVIDE:           return "divide error";
    case FAULT_ALIGNMENT:        return "alignment fault";
    case FAULT_FPU:              return "floating-point exception";
    default:                     return "exception";
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
