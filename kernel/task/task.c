/* SPDX-License-Identifier: MIT */
/* task.c: user tasks: load an ELF into a fresh address space, run one thread, record how it ended. */
#include "config.h"
#include "elf.h"
#include "entropy.h"
#include "frame.h"
#include "kprintf.h"
#include "kstring.h"
#include "sched.h"
#include "slab.h"
#include "ipc.h"
#include "notification.h"
#include "panic.h"
#include "quota.h"
#include "syscall.h"
#include "task.h"
#include "jericho/syscall.h"
#include "jericho/error.h"

static struct slab_cache task_cache, cspace_cache;
static int task_cache_ready;
static unsigned ntasks;
static struct task *graveyard; /* ended orphans (task_last_cap_gone), not freed yet */

/* Where the thread enters user mode; kept beside the task (set once by task_create). */
struct task_entry {
    uint64_t pc, sp, arg;
};
_Static_assert(sizeof(struct task) + sizeof(struct task_entry) <= 4096 - 64, "task too big");

struct task_obj {
    struct task task; /* first: task pointers (and its kobj) convert both ways */
    struct task_entry entry;
};

#define USER_STACK_TOP ARCH_USER_TOP
#define TASK_PT_LEVELS 4 /* both arches' user page tables have four levels */

static uint64_t page_down(uint64_t a) { return a & ~(uint64_t)(VM_PAGE_SIZE - 1); }
static uint64_t page_up(uint64_t a) { return page_down(a + VM_PAGE_SIZE - 1); }

/*
 * Where a segment's demand-zero part begins: the first page without a file
 * byte. The page that mixes file bytes and zeros is loaded with the rest;
 * from here to the end of memsz nothing is mapped until touched.
 */
static uint64_t segment_lazy_start(const struct elf_segment *s)
{
    uint64_t lazy = page_up(s->vaddr + s->filesz), end = page_up(s->vaddr + s->memsz);
    return lazy < end ? lazy : end;
}
_Static_assert(ELF_MAX_SEGMENTS <= CONFIG_VSPACE_REGIONS, "a region for every segment's bss");

/* n bytes of the image from offset off: kernel memory, or the creator's (decode checked it is mapped). */
static void image_read(const struct task_image *img, void *dst, uint64_t off, size_t n)
{
    if (img->kelf) {
        memcpy(dst, img->kelf + off, n);
        return;
    }
    if (copy_from_user(dst, img->uelf + off, n) != JX_OK)
        panic("task: the creator's image faulted after decode checked it");
}

/*
 * Maps and fills the pages of one segment that hold file bytes (zeros after
 * them in the last); the rest becomes a demand-zero region charged to quota.
 */
static jx_error_t task_load_segment(struct vspace *vs, const struct task_image *img,
                                    const struct elf_segment *s, struct quota *quota)
{
    uint64_t end = segment_lazy_start(s), lazy_end = page_up(s->vaddr + s->memsz);
    if (end < lazy_end) /* checked: page aligned, in user space, nothing there */
        vspace_reserve(vs, end, lazy_end - end, s->prot, quota);
    for (uint64_t va = page_down(s->vaddr); va < end; va += VM_PAGE_SIZE) {
        paddr_t pa;
        jx_error_t err = vspace_map_new(vs, va, s->prot, &pa);
        if (err != JX_OK)
            return err;
        /* The part of [vaddr, vaddr + filesz) inside this page. */
        uint64_t lo = va > s->vaddr ? va : s->vaddr;
        uint64_t hi =
            va + VM_PAGE_SIZE < s->vaddr + s->filesz ? va + VM_PAGE_SIZE : s->vaddr + s->filesz;
        if (lo < hi)
            image_read(img, (uint8_t *)arch_phys_to_virt(pa) + (lo - va),
                       s->offset + (lo - s->vaddr), hi - lo);
    }
    return JX_OK;
}

/*
 * A user image is parsed from a copy of its first page, so its program
 * headers must lie there (every linker puts them right after the ELF
 * header); elf_parse reads nothing but the header and the program headers.
 */
jx_error_t task_image_parse(const struct task_image *img, struct elf_image *out)
{
    static uint8_t head[VM_PAGE_SIZE]; /* one CPU, interrupts off in the kernel: one user */
    uint64_t lo = JX_IPC_BUFFER_ADDR + VM_PAGE_SIZE, hi = JX_TASK_DATA_ADDR;
    if (img->kelf)
        return elf_parse(img->kelf, img->elf_size, ARCH_ELF_MACHINE, lo, hi, out);
    size_t n = img->elf_size < sizeof head ? img->elf_size : sizeof head;
    struct elf64_ehdr h;
    if (n < sizeof h || copy_from_user(head, img->uelf, n) != JX_OK)
        return JX_EINVAL;
    memcpy(&h, head, sizeof h);
    if (h.phoff > n || (uint64_t)h.phnum * sizeof(struct elf64_phdr) > n - h.phoff)
        return JX_EINVAL;
    return elf_parse(head, img->elf_size, ARCH_ELF_MACHINE, lo, hi, out);
}

/* One page (or what is left) of the data from offset off, gathered from the pieces. */
static void data_read(const struct task_image *img, uint8_t *dst, uint64_t off)
{
    uint64_t want = img->data_size - off < VM_PAGE_SIZE ? img->data_size - off : VM_PAGE_SIZE;
    uint64_t start = 0; /* where the current piece begins in the data */
    for (size_t i = 0; i < JX_TASK_DATA_PIECES && want; i++) {
        const struct jx_task_data *p = &img->data[i];
        if (off < start + p->size) {
            uint64_t n = start + p->size - off < want ? start + p->size - off : want;
            if (copy_from_user(dst, p->addr + (off - start), n) != JX_OK)
                panic("task: the creator's data faulted after decode checked it");
            dst += n, off += n, want -= n;
        }
        start += p->size;
    }
}

static uint64_t pages_spanned(uint64_t va, uint64_t size)
{
    return size ? (page_down(va + size - 1) - page_down(va)) / VM_PAGE_SIZE + 1 : 0;
}

uint64_t task_image_pages(const struct elf_image *elf, uint64_t data_size, uint64_t *tables)
{
    uint64_t pages = CONFIG_USER_STACK_PAGES + 1 + pages_spanned(0, data_size), t = 0;
    for (size_t i = 0; i < elf->nseg; i++) {
        const struct elf_segment *s = &elf->seg[i];
        uint64_t n = (segment_lazy_start(s) - page_down(s->vaddr)) / VM_PAGE_SIZE;
        pages += n;
        t += n / 512 + TASK_PT_LEVELS + 1; /* its page tables, every level, and one more */
    }
    /* The stack, the IPC buffer and the data: each a range of its own. */
    t += 3 * (TASK_PT_LEVELS + 1) + pages_spanned(0, data_size) / 512 + 1;
    *tables = t;
    return pages;
}

static jx_error_t task_load(struct vspace *vs, const struct task_image *img, struct quota *quota,
                            uint64_t *entry)
{
    struct elf_image elf;
    jx_error_t err = task_image_parse(img, &elf);
    for (size_t i = 0; err == JX_OK && i < elf.nseg; i++)
        err = task_load_segment(vs, img, &elf.seg[i], quota);
    for (int i = 1; err == JX_OK && i <= CONFIG_USER_STACK_PAGES; i++)
        err =
            vspace_map_new(vs, USER_STACK_TOP - (uint64_t)i * VM_PAGE_SIZE, VM_READ | VM_WRITE, 0);
    /* The creator's data pieces, back to back, read-only. */
    for (uint64_t off = 0; err == JX_OK && off < img->data_size; off += VM_PAGE_SIZE) {
        paddr_t pa;
        err = vspace_map_new(vs, JX_TASK_DATA_ADDR + off, VM_READ, &pa);
        if (err == JX_OK)
            data_read(img, arch_phys_to_virt(pa), off);
    }
    if (err == JX_OK)
        *entry = elf.entry;
    return err;
}

static noreturn void task_thread_main(void *arg)
{
    struct task_obj *o = arg;
    arch_enter_user(o->entry.pc, o->entry.sp, o->entry.arg);
}

static jx_error_t task_cache_init(void)
{
    if (task_cache_ready)
        return JX_OK;
    jx_error_t err =
        slab_cache_init(&task_cache, "task", sizeof(struct task_obj), &slab_frame_source);
    if (err == JX_OK)
        err = slab_cache_init(&cspace_cache, "cspace", sizeof(struct cspace), &slab_frame_source);
    task_cache_ready = err == JX_OK;
    return err;
}

jx_error_t task_create(const char *name, const void *elf, size_t elf_size,
                       const struct task_params *p, struct task **out)
{
    struct task_image img = { .kelf = elf, .elf_size = elf_size };
    return task_create_from(name, &img, p, out);
}

/* Frees the ended orphans; their threads are dead and off every CPU by now. */
static void task_bury(void)
{
    while (graveyard) {
        struct task *t = graveyard;
        graveyard = t->grave_next;
        task_free(t);
    }
}

jx_error_t task_create_from(const char *name, const struct task_image *img,
                            const struct task_params *p, struct task **out)
{
    task_bury();
    if (task_cache_init() != JX_OK)
        return JX_EINVAL;
    struct task_obj *o = slab_alloc(&task_cache);
    if (!o)
        return JX_ENOMEM;
    struct task *t = &o->task;
    size_t n = strlen(name) < sizeof t->name - 1 ? strlen(name) : sizeof t->name - 1;
    memcpy(t->name, name, n);
    t->cspace = slab_alloc(&cspace_cache);
    jx_error_t err = t->cspace ? vspace_create(&t->vs) : JX_ENOMEM;
    if (err != JX_OK) {
        if (t->cspace)
            slab_free(&cspace_cache, t->cspace);
        slab_free(&task_cache, o);
        return err;
    }
    /* The IPC buffer first: an ELF reaching down to it is refused by task_load. */
    paddr_t ipc_pa;
    err = vspace_map_new(t->vs, JX_IPC_BUFFER_ADDR, VM_READ | VM_WRITE, &ipc_pa);
    if (err == JX_OK)
        err = task_load(t->vs, img, p->quota, &o->entry.pc);
    if (err == JX_OK)
        err = thread_create(t->name, p->priority, task_thread_main, o, &t->thread);
    if (err != JX_OK) {
        vspace_destroy(t->vs);
        slab_free(&cspace_cache, t->cspace);
        slab_free(&task_cache, o);
        return err;
    }
    t->thread->ipcbuf = arch_phys_to_virt(ipc_pa);
    /* The task's random seed (its runner's random_get starts from it). */
    entropy_fill(t->thread->ipcbuf->seed, sizeof t->thread->ipcbuf->seed);
    kobj_init(&t->obj, JX_OBJ_TASK);
    t->obj.caps = 1; /* the creator's reference */
    t->obj.quota = 0; /* the root's; JX_SYS_TASK_CREATE charges a quota */
    t->obj.charge = 0;
    t->orphan = false;
    t->ending = false;
    t->grave_next = 0;
    o->entry.sp = USER_STACK_TOP;
    o->entry.arg = p->arg;
    t->thread->task = t;
    t->thread->vspace = t->vs;
    t->thread->budget_ns = p->budget_ns;
    ntasks++;
    *out = t;
    return JX_OK;
}

void task_start(struct task *t)
{
    t->started = true;
    sched_ready(t->thread);
}

void task_notify_exit(struct task *t, struct cap_slot *ntfn, uint64_t bits)
{
    cap_delete(&t->exit_ntfn);
    cap_derive(ntfn, &t->exit_ntfn, JX_RIGHT_WRITE, ntfn->badge);
    t->exit_bits = bits;
}

void task_set_priority(struct task *t, uint8_t priority)
{
    sched_set_priority(t->thread, priority);
}

void task_wait(struct task *t)
{
    while (!t->exited) {
        t->waiter = sched_current();
        sched_block();
    }
}

jx_error_t task_give_cap(struct task *t, unsigned slot, struct cap_slot *src, unsigned rights,
                         uint64_t badge)
{
    struct cap_slot *dst;
    jx_error_t err = cap_dest(t->cspace, slot, &dst);
    if (err == JX_OK)
        cap_derive(src, dst, rights, badge ? badge : src->badge);
    return err;
}

jx_error_t task_give_self_aspace(struct task *t, unsigned slot, unsigned rights)
{
    struct cap_slot *dst;
    jx_error_t err = cap_dest(t->cspace, slot, &dst);
    if (err == JX_OK)
        cap_install(dst, &t->vs->obj, rights, 0);
    return err;
}

void task_destroy(struct task *t)
{
    if (--t->obj.caps == 0)
        task_free(t);
}

void task_free(struct task *t)
{
    quota_credit(&t->obj);
    kobj_freed(JX_OBJ_TASK);
    cspace_clear(t->cspace); /* a task destroyed before it ran still held some */
    cap_delete(&t->exit_ntfn);
    slab_free(&cspace_cache, t->cspace);
    thread_destroy(t->thread);
    vspace_put(t->vs); /* an AddressSpace capability may keep it alive */
    slab_free(&task_cache, (struct task_obj *)t);
    ntasks--;
}

void task_last_cap_gone(struct task *t)
{
    /* Its own thread runs, or task_end is releasing its capabilities: not now. */
    if (t->thread == sched_current() || t->ending) {
        t->orphan = true; /* task_end puts it on the graveyard */
        return;
    }
    task_kill(t); /* nothing if it has ended */
    task_free(t);
}

uint64_t task_object_pages(void)
{
    uint64_t bytes = sizeof(struct task_obj) + sizeof(struct cspace) + sizeof(struct thread);
    return (bytes + VM_PAGE_SIZE - 1) / VM_PAGE_SIZE + CONFIG_KSTACK_PAGES;
}

unsigned task_count(void) { return ntasks; }

/* The one line "owner notified" means until IPC exists. */
static void task_report(const struct task *t)
{
    const struct thread *th = t->thread;
    if (t->cause == JX_EXIT_BUDGET)
        kprintf("task '%s' stopped: CPU budget exhausted (used %llu us of %llu us)\n", t->name,
                (unsigned long long)(t->cpu_ns / 1000), (unsigned long long)(th->budget_ns / 1000));
    else if (t->cause == JX_EXIT_KILLED)
        kprintf("task '%s' killed by its owner\n", t->name);
    else if (t->cause == JX_EXIT_FAULT)
        kprintf("task '%s' killed: %s%s%s pc=%p addr=%p\n", t->name, trap_fault_name(t->fault.kind),
                t->fault.access ? " on " : "",
                t->fault.access == ACCESS_READ    ? "read"
                : t->fault.access == ACCESS_WRITE ? "write"
                : t->fault.access == ACCESS_EXEC  ? "execute"
                                                  : "",
                (void *)t->fault.pc, (void *)t->fault.addr);
}

/*
 * Records how t ended, releases its capabilities (partners blocked on
 * objects only it held wake with JX_EDESTROYED) and wakes its owner.
 * Its thread must already be DEAD, so that no wake-up preempts to it.
 */
static void task_end(struct task *t, jx_exit_cause_t cause, int64_t code)
{
    struct thread *th = t->thread;
    t->ending = true;
    t->cause = cause;
    t->code = code;
    t->exited = true;
    t->cpu_ns = th->cpu_ns; /* before the report: printing it costs CPU too */
    t->waits = th->waits;
    task_report(t);
    cspace_clear(t->cspace);
    if (t->exit_ntfn.state == CAP_FULL)
        notification_signal((struct notification *)t->exit_ntfn.obj, t->exit_bits);
    cap_delete(&t->exit_ntfn);
    if (t->waiter) {
        struct thread *w = t->waiter;
        t->waiter = 0;
        sched_unblock(w);
    }
    t->ending = false;
    if (t->orphan) /* nobody can name it: free it once its thread is off the CPU */
        t->grave_next = graveyard, graveyard = t;
}

noreturn void task_exit_current(jx_exit_cause_t cause, int64_t code)
{
    struct thread *th = sched_current();
    th->state = THREAD_DEAD;
    task_end(th->task, cause, code);
    sched_exit();
}

void task_kill(struct task *t)
{
    struct thread *th = t->thread;
    if (t->exited || th == sched_current())
        return;
    ipc_cancel(th);
    sched_remove(th);
    th->state = THREAD_DEAD;
    task_end(t, JX_EXIT_KILLED, 0);
}

noreturn void task_budget_exhausted(void) { task_exit_current(JX_EXIT_BUDGET, 0); }
