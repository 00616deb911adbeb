/* SPDX-License-Identifier: MIT */
/* thread.c: thread control blocks from a slab cache, each with a guarded kernel stack. */
#include "config.h"
#include "jericho/error.h"
#include "kstack.h"
#include "slab.h"
#include "thread.h"

static struct slab_cache thread_cache;
static int thread_cache_ready;
static unsigned nthreads;

jx_error_t thread_create(const char *name, uint8_t priority, void (*entry)(void *), void *arg,
                         struct thread **out)
{
    if (!thread_cache_ready) {
        if (slab_cache_init(&thread_cache, "thread", sizeof(struct thread), &slab_frame_source) !=
            JX_OK)
            return JX_EINVAL;
        thread_cache_ready = 1;
    }
    struct thread *t = slab_alloc(&thread_cache);
    if (!t)
        return JX_ENOMEM;
    jx_error_t err = kstack_alloc(&t->kstack_slot, &t->kstack_base);
    if (err != JX_OK) {
        slab_free(&thread_cache, t);
        return err;
    }
    t->name = name;
    t->priority = priority;
    t->state = THREAD_BLOCKED;
    list_init(&t->link);
    list_init(&t->ipc_link);
    arch_thread_init(&t->arch, t->kstack_base + CONFIG_KSTACK_PAGES * VM_PAGE_SIZE, entry, arg);
    nthreads++;
    *out = t;
    return JX_OK;
}

void thread_destroy(struct thread *t)
{
    arch_fpu_forget(&t->arch);
    kstack_free(t->kstack_slot);
    slab_free(&thread_cache, t);
    nthreads--;
}

unsigned thread_count(void) { return nthreads; }
