/* SPDX-License-Identifier: MIT */
/* task.h: a user task: one address space, one thread, an exit status; loaded from an embedded ELF. */
#pragma once
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdnoreturn.h>
#include "config.h"
#include "jericho/error.h"
#include "thread.h"
#include "fault.h"
#include "vspace.h"
#include "cspace.h"
#include "elf.h"
#include "jericho/syscall.h"

struct task_params {
    uint8_t priority;
    uint64_t budget_ns; /* CPU budget; 0 = unlimited */
    uint64_t arg; /* first argument register at entry */
    struct quota *quota; /* its ELF's bss pages are charged here as touched; NULL: nobody */
};

/*
 * A task is also the Task object: obj.caps counts the capabilities naming
 * it plus one reference held by its creator (the root), so it is freed when
 * the creator has destroyed it and no capability names it any more.
 */
struct task {
    struct kobj obj; /* first */
    char name[CONFIG_TASK_NAME_MAX];
    bool started;
    struct vspace *vs;
    struct cspace *cspace; /* its capabilities; emptied when it ends */
    struct thread *thread;
    bool exited;
    jx_exit_cause_t cause;
    int64_t code; /* jx_exit(code), or the fault kind */
    struct user_fault fault; /* when cause == JX_EXIT_FAULT */
    uint64_t cpu_ns; /* CPU time used when it ended (before the exit report) */
    struct sched_waits waits; /* its thread's waits from ready to running */
    struct thread *waiter; /* blocked in task_wait */
    /*
     * Signalled with exit_bits when the task ends: a capability of the
     * task's own (derived from its owner's), so revoking or deleting the
     * owner's notification cannot leave a dangling pointer here.
     */
    struct cap_slot exit_ntfn;
    uint64_t exit_bits;
    /* Its last capability went while its own thread ran (or while task_end
     * released its table): freed once it has ended, by the next task_create. */
    bool orphan;
    bool ending; /* inside task_end */
    struct task *grave_next; /* on the list of ended orphans, freed by the next task_create */
};

/*
 * Loads the ELF image into a new address space with a stack, and a thread
 * ready to enter it (not started). JX_EINVAL (bad ELF), JX_ENOMEM; nothing
 * is left allocated on error.
 */
jx_error_t task_create(const char *name, const void *elf, size_t elf_size,
                       const struct task_params *p, struct task **out);

/*
 * Where a new task's image comes from: kernel memory (kelf, a boot blob) or,
 * for JX_SYS_TASK_CREATE, the calling task's memory (uelf, and the data
 * pieces: bytes mapped read-only at JX_TASK_DATA_ADDR in the new task). User ranges must
 * have been checked mapped and readable (sys_user_mapped) by the caller.
 */
struct task_image {
    const uint8_t *kelf; /* NULL: the image is at uelf in the current task */
    uintptr_t uelf;
    size_t elf_size;
    struct jx_task_data data[JX_TASK_DATA_PIECES]; /* in the current task, back to back */
    size_t data_size; /* their total */
};
/* task_create from any image source. */
jx_error_t task_create_from(const char *name, const struct task_image *img,
                            const struct task_params *p, struct task **out);
/* Validates img's ELF (segments below JX_TASK_DATA_ADDR). JX_EINVAL. */
jx_error_t task_image_parse(const struct task_image *img, struct elf_image *out);
/* Pages a task from elf (and data_size bytes of data) maps at creation, and
 * in *tables an upper bound on the page-table frames they need. Its bss
 * pages past the last file byte are not among them: they are demand-zero
 * regions, charged to the task's quota page by page when touched. */
uint64_t task_image_pages(const struct elf_image *elf, uint64_t data_size, uint64_t *tables);
void task_start(struct task *t);
/* Blocks the calling kernel thread until t has exited. */
void task_wait(struct task *t);
/* Drops the creator's reference to an exited task; frees it and everything it owned once no capability names it. */
void task_destroy(struct task *t);
/* Frees a task nothing refers to any more (kobj_destroy, task_destroy). */
void task_free(struct task *t);
/* When t ends, `bits` are signalled on the notification of `ntfn` (replaces an earlier one). */
void task_notify_exit(struct task *t, struct cap_slot *ntfn, uint64_t bits);
/* Sets the priority of a task's thread (requeued if it is ready). */
void task_set_priority(struct task *t, uint8_t priority);
/* Ends the current thread's task with cause and code, prints one line unless NORMAL. */
noreturn void task_exit_current(jx_exit_cause_t cause, int64_t code);
/*
 * Gives t a capability in slot `slot`, derived from `src` (the root's, so
 * that revoking src takes it back) with src's rights & rights and `badge`
 * (0: src's). JX_EBADSLOT, JX_EEXIST.
 */
jx_error_t task_give_cap(struct task *t, unsigned slot, struct cap_slot *src, unsigned rights,
                         uint64_t badge);
/* Gives t a capability to its own address space in slot `slot` with `rights`. JX_EBADSLOT, JX_EEXIST. */
jx_error_t task_give_self_aspace(struct task *t, unsigned slot, unsigned rights);
/*
 * Ends a task that is not running (blocked or ready) with cause
 * JX_EXIT_KILLED: takes its thread out of any IPC wait and run queue and
 * releases its capabilities, which wakes or fails its partners. Its memory
 * goes back on task_destroy. Nothing happens to a task that has ended.
 */
void task_kill(struct task *t);
/*
 * The last capability naming t is gone (kobj_destroy): a task still alive is
 * killed, and t is freed -- at once, or, when t is the calling thread's own
 * task (it deleted the last capability to itself, or it is ending), once it
 * has ended and another thread creates a task.
 */
void task_last_cap_gone(struct task *t);
/* Kernel pages a task's own objects take: its task, table, thread, kernel stack. */
uint64_t task_object_pages(void);
/* Tasks alive (created, not destroyed), for leak checks. */
unsigned task_count(void);
/* The current thread used up its CPU budget (from the timer interrupt); does not return. */
noreturn void task_budget_exhausted(void);
