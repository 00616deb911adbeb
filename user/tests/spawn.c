/* SPDX-License-Identifier: MIT */
/* spawn.c: JX_SYS_TASK_CREATE from user mode: refused specs, a child that exits, one killed by deleting its capability, every charge given back. */
#include "jx.h"

/*
 * kernel/ktest_cap.c (test=task-create) gives it a quota (slot 2) and a
 * notification (slot 4); the children's images are user/tests/hello.c
 * (exits with its argument) and spin.c (spins until killed), linked in by
 * user/user.mk (spawn_elfs.S). Returns the failure count.
 */
enum {
    QUOTA = 2,
    NTFN = 4,
    SMALL = 5,
    Q = 6,
    QUOTA_RO = 7,
    CHILD = 10,
    SPINNER = 11,
    IDLE = 12,
    EMPTY = 30
};

extern const uint8_t spawn_hello_elf[], spawn_hello_elf_end[];
extern const uint8_t spawn_spin_elf[], spawn_spin_elf_end[];

static int failures;
static uint8_t junk[8192]; /* a data piece, and an "image" that is no ELF */

static void expect(const char *what, jx_error_t got, jx_error_t want)
{
    printf("spawn: %-46s -> %2d %s\n", what, (int)got, got == want ? "ok" : "WRONG");
    failures += got != want;
}

static void expect_true(const char *what, int ok)
{
    printf("spawn: %-46s -> %s\n", what, ok ? "ok" : "WRONG");
    failures += !ok;
}

static uint64_t used(uint32_t q)
{
    uint64_t limit, n = ~0ull;
    jx_quota_info(q, &limit, &n);
    return n;
}

/* hello with the console (write only), argument 42, priority 50. */
static struct jx_task_spec hello_spec(void)
{
    struct jx_task_spec s = { 0 };
    s.elf = (uintptr_t)spawn_hello_elf;
    s.elf_size = (uint64_t)(spawn_hello_elf_end - spawn_hello_elf);
    s.arg = 42;
    s.priority = 50;
    s.ncaps = 1;
    s.caps[0] = (struct jx_task_cap){ JX_SLOT_CONSOLE, JX_SLOT_CONSOLE, JX_RIGHT_WRITE, 0 };
    memcpy(s.name, "child", 6);
    return s;
}

static void refused(void)
{
    struct jx_task_spec s = hello_spec();
    expect("spec at an unmapped address", jx_task_create(Q, (void *)0x1000, CHILD), JX_EFAULT);
    s.elf = (uintptr_t)junk;
    s.elf_size = sizeof junk;
    expect("an image that is no ELF", jx_task_create(Q, &s, CHILD), JX_EINVAL);
    s = hello_spec();
    s.elf_size += 8u << 20;
    expect("an image running past the mapped memory", jx_task_create(Q, &s, CHILD), JX_EFAULT);
    s.elf_size = JX_TASK_ELF_MAX + 1;
    expect("an image over 16 MiB", jx_task_create(Q, &s, CHILD), JX_EINVAL);
    s = hello_spec();
    s.priority = 61;
    expect("priority 61, above our 60", jx_task_create(Q, &s, CHILD), JX_EPERM);
    s = hello_spec();
    s.ncaps = JX_TASK_SPEC_CAPS + 1;
    expect("9 capabilities", jx_task_create(Q, &s, CHILD), JX_EINVAL);
    s = hello_spec();
    s.ncaps = 2;
    s.caps[1] = (struct jx_task_cap){ JX_SLOT_CLOCK, JX_SLOT_CONSOLE, JX_RIGHT_READ, 0 };
    expect("two capabilities for one slot", jx_task_create(Q, &s, CHILD), JX_EINVAL);
    s.caps[1] = (struct jx_task_cap){ EMPTY, 1, JX_RIGHT_READ, 0 };
    expect("a capability from an empty slot", jx_task_create(Q, &s, CHILD), JX_EEMPTY);
    s = hello_spec();
    s.data[1] = (struct jx_task_data){ 0x7000000000ull, 4096 };
    expect("a data piece not mapped", jx_task_create(Q, &s, CHILD), JX_EFAULT);
    s = hello_spec();
    expect("into a full slot (the console's)", jx_task_create(Q, &s, JX_SLOT_CONSOLE), JX_EEXIST);
    expect("from a quota of 64 KiB", jx_task_create(SMALL, &s, CHILD), JX_ENOMEM);
    expect("from a read-only quota capability", jx_task_create(QUOTA_RO, &s, CHILD), JX_EPERM);
    expect_true("nothing charged by the refusals", used(Q) == 0 && used(SMALL) == 0);
}

/* A child runs to its exit; its charge comes back when its capability goes. */
static void child_exits(void)
{
    struct jx_task_spec s = hello_spec();
    unsigned state, cause;
    int64_t code;
    uint64_t cpu, bits = 0;
    expect("create(hello, 42)", jx_task_create(Q, &s, CHILD), JX_OK);
    uint64_t charged = used(Q);
    expect_true("its pages and tables are charged", charged > 16 * 4096);
    expect("notify(child, ntfn, 1)", jx_task_notify(CHILD, NTFN, 1), JX_OK);
    expect("start(child)", jx_task_start(CHILD), JX_OK);
    expect("wait(ntfn)", jx_wait(NTFN, &bits, JX_TIMEOUT_FOREVER), JX_OK);
    expect("status(child)", jx_task_status(CHILD, &state, &cause, &code, &cpu), JX_OK);
    expect_true("it ended normally with 42",
                state == JX_TASK_ENDED && cause == JX_EXIT_NORMAL && code == 42);
    expect("delete(child)", jx_cap_delete(CHILD), JX_OK);
    expect_true("its charge is back", used(Q) == 0);
    s.data[0] = (struct jx_task_data){ (uintptr_t)junk, sizeof junk };
    expect("create(hello) with 2 pages of data", jx_task_create(Q, &s, CHILD), JX_OK);
    expect_true("the data is charged too", used(Q) >= charged + sizeof junk);
    expect("delete(child, never started)", jx_cap_delete(CHILD), JX_OK);
    expect_true("its charge is back", used(Q) == 0);
}

/* Deleting the only capability of a running task kills and frees it. */
static void child_killed(void)
{
    struct jx_task_spec s = hello_spec();
    unsigned state, cause;
    int64_t code;
    uint64_t cpu;
    s.elf = (uintptr_t)spawn_spin_elf;
    s.elf_size = (uint64_t)(spawn_spin_elf_end - spawn_spin_elf);
    s.arg = 0; /* spin until stopped */
    expect("create(spin)", jx_task_create(Q, &s, SPINNER), JX_OK);
    expect("start(spin)", jx_task_start(SPINNER), JX_OK);
    jx_sleep_ns(20000000); /* it runs meanwhile (lower priority) */
    jx_task_status(SPINNER, &state, &cause, &code, &cpu);
    expect_true("the spinner runs", state == JX_TASK_ALIVE && cpu > 0);
    expect("delete(spin) while it runs", jx_cap_delete(SPINNER), JX_OK);
    expect_true("killed and freed: its charge is back", used(Q) == 0);
    expect("create(spin) again, never started", jx_task_create(Q, &s, IDLE), JX_OK);
    expect("delete(it)", jx_cap_delete(IDLE), JX_OK);
}

int64_t main(uint64_t arg)
{
    (void)arg;
    expect("a 1 MiB quota for the children", jx_quota_alloc(QUOTA, JX_OBJ_QUOTA, Q, 1 << 20),
           JX_OK);
    expect("a 64 KiB quota", jx_quota_alloc(QUOTA, JX_OBJ_QUOTA, SMALL, 64 << 10), JX_OK);
    expect("a read-only copy of it", jx_cap_copy(Q, QUOTA_RO, JX_RIGHT_READ), JX_OK);
    refused();
    child_exits();
    child_killed();
    jx_cap_delete(QUOTA_RO);
    jx_cap_delete(SMALL);
    jx_cap_delete(Q);
    printf("spawn: %d failures\n", failures);
    return failures;
}
