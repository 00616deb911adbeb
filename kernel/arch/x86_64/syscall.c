/* SPDX-License-Identifier: MIT */
/* syscall.c: x86-64 SYSCALL setup (STAR/LSTAR/FMASK); the entry itself (context.S) calls syscall_dispatch directly. */
#include <stddef.h>
#include "cpu.h"
#include "cspace.h"
#include "layout.h"
#include "sched.h"
#include "task.h"
#include "x86.h"
#include "jericho/syscall.h"

#define MSR_EFER  0xc0000080
#define MSR_STAR  0xc0000081
#define MSR_LSTAR 0xc0000082
#define MSR_FMASK 0xc0000084
#define EFER_SCE  1
/* Masked on entry: IF (no interrupts in the kernel), TF, DF, AC (SMAP stays armed), NT. */
#define FMASK_BITS (0x200 | 0x100 | 0x400 | 0x40000 | 0x4000)

void x86_syscall_entry(void);

/* What context.S's identify path reads, at the offsets it has. */
_Static_assert(JX_SYS_CAP_IDENTIFY == 2, "SYS_CAP_IDENTIFY in context.S");
_Static_assert(JX_CSPACE_SLOTS == 64, "CSPACE_SLOTS in context.S");
_Static_assert(offsetof(struct thread, task) == 0x230, "THREAD_TASK in context.S");
_Static_assert(offsetof(struct task, cspace) == 0x48, "TASK_CSPACE in context.S");
_Static_assert(sizeof(struct cap_slot) == 56, "the slot address in context.S");
_Static_assert(offsetof(struct cap_slot, obj) == 0 && offsetof(struct cap_slot, badge) == 8 &&
                   offsetof(struct cap_slot, state) == 16 &&
                   offsetof(struct cap_slot, rights) == 17,
               "CAP_* in context.S");
_Static_assert(CAP_FULL == 1 && offsetof(struct kobj, type) == 0 && sizeof(jx_obj_type_t) == 4,
               "CAP_FULL, KOBJ_TYPE in context.S");

void x86_syscall_init(void)
{
    /*
     * STAR[47:32]: SYSCALL loads CS = 0x08, SS = 0x10. STAR[63:48] = 0x10:
     * SYSRET loads SS = 0x18|3 and CS = 0x20|3 (gdt.c's slot order).
     */
    wrmsr(MSR_STAR, (uint64_t)0x10 << 48 | (uint64_t)X86_SEL_KCODE << 32);
    wrmsr(MSR_LSTAR, (uint64_t)x86_syscall_entry);
    wrmsr(MSR_FMASK, FMASK_BITS);
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}
