/* SPDX-License-Identifier: MIT */
/* root.c: starts the root task (user/root/) on the boot archive and powers off with its exit status. */
#include "config.h"
#include "exit.h"
#include "frame.h"
#include "irq_handler.h"
#include "kprintf.h"
#include "kstring.h"
#include "quota.h"
#include "root.h"
#include "task.h"
#include "user_blobs.h"
#include "jericho/syscall.h"

/* Frames left to the kernel itself (slabs, stacks) beyond the root's quota. */
#define ROOT_KERNEL_RESERVE 256
/* QEMU's exit status carries 0..123 on every arch (tools/qemu.sh keeps 124
 * and 125; x86's isa-debug-exit keeps 7 bits): a larger status becomes this. */
#define ROOT_STATUS_TOO_BIG 126

static const struct user_blob *root_blob(void)
{
    for (const struct user_blob *b = user_blobs; b->name; b++)
        if (strcmp(b->name, "root") == 0)
            return b;
    return 0;
}

/*
 * Maps the archive's pages read-only at JX_TASK_DATA_ADDR. They are not the
 * task's (not from the pool): each gets a frame_map record, as a Frame
 * object's page does, so that destroying the address space unmaps them
 * without freeing them. The records live as long as the system.
 */
static jx_error_t root_map_archive(struct task *t, const struct mem_region *ar)
{
    const size_t per_page = VM_PAGE_SIZE / sizeof(struct frame_map);
    struct frame_map *rec = 0;
    for (uint64_t off = 0, i = 0; off < ar->size; off += VM_PAGE_SIZE, i++) {
        if (i % per_page == 0) {
            paddr_t pa;
            if (frame_alloc(&pa) != JX_OK)
                return JX_ENOMEM;
            rec = arch_phys_to_virt(pa);
        }
        jx_error_t err = vspace_map_frame(t->vs, JX_TASK_DATA_ADDR + off, ar->base + off, VM_READ,
                                          &rec[i % per_page]);
        if (err != JX_OK)
            return err;
    }
    return JX_OK;
}

jx_error_t root_give_caps(struct task *t)
{
    size_t free = frame_free_count();
    uint64_t limit =
        free > ROOT_KERNEL_RESERVE ? (free - ROOT_KERNEL_RESERVE) * JX_QUOTA_CHARGE_FRAME : 0;
    struct quota *q;
    jx_error_t err = quota_create(0, limit, &q);
    if (err != JX_OK)
        return err;
    struct cap_slot *slot = t->cspace->slot;
    cap_install(&slot[JX_ROOT_SLOT_CONSOLE], &console_obj, JX_RIGHT_READ | JX_RIGHT_WRITE, 0);
    cap_install(&slot[JX_ROOT_SLOT_CLOCK], &clock_obj, JX_RIGHT_READ, 0);
    cap_install(&slot[JX_ROOT_SLOT_QUOTA], &q->obj, JX_RIGHTS_ALL, 0);
    cap_install(&slot[JX_ROOT_SLOT_IRQ_CONTROL], &irq_control_obj, JX_RIGHT_READ | JX_RIGHT_WRITE,
                0);
    return JX_OK;
}

noreturn void root_run(const struct mem_region *archive)
{
    const struct user_blob *b = root_blob();
    struct task_params p = { CONFIG_ROOT_PRIORITY, 0, archive->size, 0 };
    struct task *t;
    if (archive->size > JX_TASK_DATA_MAX) {
        kprintf("root: the boot archive is %llu bytes, more than %u\n",
                (unsigned long long)archive->size, JX_TASK_DATA_MAX);
        arch_exit(KEXIT_FATAL);
    }
    jx_error_t err = b ? task_create("root", b->data, b->size, &p, &t) : JX_EINVAL;
    if (err == JX_OK)
        err = root_map_archive(t, archive);
    if (err == JX_OK)
        err = root_give_caps(t);
    if (err != JX_OK) {
        kprintf("root: cannot start the root task: error %d\n", err);
        arch_exit(KEXIT_FATAL);
    }
    /* The last kernel line of a normal boot: `jericho run` shows what follows. */
    kprintf("root: started on a %llu-byte boot archive\n", (unsigned long long)archive->size);
    task_start(t);
    task_wait(t);
    if (t->cause != JX_EXIT_NORMAL)
        arch_exit(KEXIT_FATAL); /* task_end printed how it ended */
    int64_t code = t->code;
    arch_exit(code >= 0 && code < 124 ? (int)code : ROOT_STATUS_TOO_BIG);
}
