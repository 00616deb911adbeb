/* SPDX-License-Identifier: MIT */
/* root.h: the root task's capability slots and the parts of user/root/ that share them. */
#pragma once
#include "../runner/job.h"
#include "archive.h"
#include "jx.h"
#include "manifest.h"

/*
 * The root's own table. The kernel (kernel/root.c) fills slots 0-3
 * (include/jericho/cap.h's JX_ROOT_SLOT_*); the root makes the rest: one
 * notification for every event it waits for (a module's end is bit i, the
 * timer ROOT_TICK), scratch slots for what a module's task gets made or
 * minted for it, the endpoints and notifications the manifest names
 * (objects.c), and one Task capability per module.
 */
enum {
    SLOT_CONSOLE = JX_ROOT_SLOT_CONSOLE,
    SLOT_CLOCK = JX_ROOT_SLOT_CLOCK,
    SLOT_QUOTA = JX_ROOT_SLOT_QUOTA,
    SLOT_IRQ_CONTROL = JX_ROOT_SLOT_IRQ_CONTROL, /* for user-mode drivers; none yet */
    SLOT_EVENTS = 4,                 /* module i's end signals bit i; timers ROOT_TICK */
    SLOT_SCRATCH_QUOTA = 5,          /* a module's quota until its task holds it */
    SLOT_SCRATCH_REPLY = 6,          /* a serving module's Reply, likewise */
    SLOT_SCRATCH_CAP = 7,            /* 7..14: badged copies for one task spec */
    SLOT_FIRST_OBJECT = 15,          /* 15..31: endpoints and notifications by name */
    SLOT_FIRST_TASK = 32,            /* module i's Task in slot 32 + i */
};
#define ROOT_MAX_OBJECTS (SLOT_FIRST_TASK - SLOT_FIRST_OBJECT)
#define ROOT_MAX_MODULES (JX_CSPACE_SLOTS - SLOT_FIRST_TASK)
#define ROOT_TICK        (1ull << 63)
/* Where the runner finds its Reply and the console for its own reports
 * (a trap's cause and place): above every capability a module can hold. */
#define ROOT_RUNNER_REPLY_SLOT  (JX_CSPACE_SLOTS - 1)
#define ROOT_RUNNER_REPORT_SLOT (JX_CSPACE_SLOTS - 2)
#define ROOT_RUNNER_ASPACE_SLOT                                                                    \
    (JX_CSPACE_SLOTS - 3) /* its own address space, for linear memories */
#define ROOT_RUNNER_QUOTA_SLOT (JX_CSPACE_SLOTS - 4)  /* the quota its task is charged to */

/* objects.c: an Endpoint for every endpoint name and a Notification for
 * every notification name the manifest uses; NULL, or why not. */
const char *objects_create(const manifest_t *mf);
/* The slot of the object a module's capability item names. */
uint32_t objects_slot(const mf_cap_t *cap);
/* Module index `badge - 1`'s capabilities as task spec entries (badged
 * copies in the scratch slots); NULL, or why not. */
const char *objects_spec(const mf_module_t *m, uint64_t badge, struct jx_task_spec *s);
/* Gives the scratch copies up (after the task took its own). */
void objects_spec_done(void);
/* Destroys the endpoints module m serves, waking its callers with an error. */
void objects_server_gone(const mf_module_t *m);

/* job.c: the runner's job for module m (job.h) in one static buffer, with
 * module file f and standard input `in` (NULL: the console) following it;
 * the size of the header and strings, or 0 with *why set. */
uint32_t job_build(const mf_module_t *m, const archive_file_t *f, const archive_file_t *in,
                   const char **why);
const void *job_bytes(void);
/* The memory a task running `elf` (checked by the kernel, not here: only its
 * program headers are read, within elf_size) with a job of job_size bytes
 * needs besides its module's own. */
uint64_t job_runner_footprint(const uint8_t *elf, uint64_t elf_size, uint32_t job_size);

void root_print_name(const mf_module_t *m);
