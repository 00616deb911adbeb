/* SPDX-License-Identifier: MIT */
/* resv.c: demand-zero region roles of the boot tests (kernel/ktest_region.c), chosen by the argument. */
#include <stdbool.h>
#include "jx.h"
#include "tiny_elf.h"

/* The harness's slots (kernel/ktest_region.c repeats these). */
enum { NTFN = 4, QUOTA = 6, ASPACE = 7 };
enum { ROLE_API = 1, ROLE_FRAMES, ROLE_OOM, ROLE_READONLY, ROLE_BSS, ROLE_SPAWN };
#define RW   (JX_RIGHT_READ | JX_RIGHT_WRITE)
#define PAGE 4096ul
#define VA   0x10000000ul /* the API role's region: 64 pages */
#define VA2  0x20000000ul /* free space for refused or short-lived regions */
#define BIG  0x100000000ul /* the frames role's 1 GiB region */
#if defined(__x86_64__)
#define USER_TOP 0x00007ffffffff000ul
#else
#define USER_TOP 0x0000fffffffff000ul
#endif

/* Like a runner's heap: 16 MiB of bss, of which the bss role touches 3 pages. */
static uint8_t heap[16u << 20];
static int failures;

static void expect(const char *what, jx_error_t got, jx_error_t want)
{
    printf("resv: %-52s -> %2d %s\n", what, (int)got, got == want ? "ok" : "WRONG");
    failures += got != want;
}

static void check(const char *what, bool ok)
{
    printf("resv: %-52s %s\n", what, ok ? "ok" : "WRONG");
    failures += !ok;
}

static uint64_t used(void)
{
    uint64_t limit, u;
    return jx_quota_info(QUOTA, &limit, &u) == JX_OK ? u : ~0ull;
}

static void wait_root(void)
{
    uint64_t bits;
    jx_wait(NTFN, &bits, JX_TIMEOUT_FOREVER);
}

/* Bad arguments, each with its own error; nothing may change. */
static void refusals(void)
{
    expect("reserve(unaligned va)", jx_reserve(ASPACE, VA2 + 8, PAGE, QUOTA, RW), JX_EINVAL);
    expect("reserve(unaligned size)", jx_reserve(ASPACE, VA2, PAGE + 1, QUOTA, RW), JX_EINVAL);
    expect("reserve(size 0)", jx_reserve(ASPACE, VA2, 0, QUOTA, RW), JX_EINVAL);
    expect("reserve(size JX_RESERVE_MAX + 1 page)",
           jx_reserve(ASPACE, VA2, JX_RESERVE_MAX + PAGE, QUOTA, RW), JX_EINVAL);
    expect("reserve(va 0: below user space)", jx_reserve(ASPACE, 0, PAGE, QUOTA, RW), JX_EINVAL);
    expect("reserve(va 2^48: above user space)", jx_reserve(ASPACE, 1ul << 48, PAGE, QUOTA, RW),
           JX_EINVAL);
    expect("reserve(across the top of user space)",
           jx_reserve(ASPACE, USER_TOP - 4 * PAGE, 8 * PAGE, QUOTA, RW), JX_EINVAL);
    expect("reserve(W+X)", jx_reserve(ASPACE, VA2, PAGE, QUOTA, RW | JX_RIGHT_EXEC), JX_EINVAL);
    expect("reserve(unknown rights bit)", jx_reserve(ASPACE, VA2, PAGE, QUOTA, 16), JX_EINVAL);
    expect("reserve(inside the region)", jx_reserve(ASPACE, VA + PAGE, PAGE, QUOTA, RW), JX_EEXIST);
    expect("reserve(over the region's start)", jx_reserve(ASPACE, VA - PAGE, 2 * PAGE, QUOTA, RW),
           JX_EEXIST);
    expect("reserve(over the IPC buffer)",
           jx_reserve(ASPACE, JX_IPC_BUFFER_ADDR - PAGE, 2 * PAGE, QUOTA, RW), JX_EEXIST);
    expect("reserve(over its own code)", jx_reserve(ASPACE, 0x400000, PAGE, QUOTA, RW), JX_EEXIST);
    expect("reserve(over its own bss)",
           jx_reserve(ASPACE, ((uintptr_t)heap + 64 * PAGE) & ~(PAGE - 1), PAGE, QUOTA, RW),
           JX_EEXIST);
    expect("copy(aspace -> 30, READ)", jx_cap_copy(ASPACE, 30, JX_RIGHT_READ), JX_OK);
    expect("copy(quota -> 31, READ)", jx_cap_copy(QUOTA, 31, JX_RIGHT_READ), JX_OK);
    expect("reserve(aspace without WRITE)", jx_reserve(30, VA2, PAGE, QUOTA, RW), JX_EPERM);
    expect("reserve(quota without WRITE)", jx_reserve(ASPACE, VA2, PAGE, 31, RW), JX_EPERM);
    expect("reserve(forged aspace: empty slot 50)", jx_reserve(50, VA2, PAGE, QUOTA, RW),
           JX_EEMPTY);
    expect("reserve(forged aspace: slot 99)", jx_reserve(99, VA2, PAGE, QUOTA, RW), JX_EBADSLOT);
    expect("reserve(the console as aspace)", jx_reserve(JX_SLOT_CONSOLE, VA2, PAGE, QUOTA, RW),
           JX_ETYPE);
    expect("reserve(the console as quota)", jx_reserve(ASPACE, VA2, PAGE, JX_SLOT_CONSOLE, RW),
           JX_ETYPE);
    expect("release(not a region's start)", jx_release(ASPACE, VA + PAGE), JX_ENOENT);
    expect("release(no region there)", jx_release(ASPACE, VA2), JX_ENOENT);
    expect("release(aspace without WRITE)", jx_release(30, VA), JX_EPERM);
    expect("reserve(JX_RESERVE_MAX: 8 GiB)", jx_reserve(ASPACE, BIG, JX_RESERVE_MAX, QUOTA, RW),
           JX_OK);
    expect("release(it)", jx_release(ASPACE, BIG), JX_OK);
}

/* Reserves until the table is full (JX_ENOMEM), then releases them all. */
static void table_full(void)
{
    int n = 0;
    jx_error_t err;
    while ((err = jx_reserve(ASPACE, VA2 + (uintptr_t)n * PAGE, PAGE, QUOTA, RW)) == JX_OK)
        n++;
    expect("reserve past a full region table", err, JX_ENOMEM);
    for (int i = 0; i < n; i++)
        failures += jx_release(ASPACE, VA2 + (uintptr_t)i * PAGE) != JX_OK;
    printf("resv: %d more regions fit beside this one and the ELF's bss\n", n);
}

/* Frames for reads and writes, the kernel's own touches, unmap of one page, maps refused inside. */
static void touches(uint64_t u0)
{
    volatile uint8_t *p = (volatile uint8_t *)VA;
    check("reading pages 0 and 5: zeros, nothing charged",
          p[0] == 0 && p[5 * PAGE + 7] == 0 && used() == u0);
    p[0] = 0x11;
    p[10 * PAGE] = 0x22;
    p[63 * PAGE + PAGE - 1] = 0x33;
    bool zero = true;
    for (unsigned i = 1; i < PAGE; i++)
        zero &= p[i] == 0;
    check("writing pages 0, 10, 63: 3 pages charged, zeroed", zero && used() == u0 + 3 * PAGE);
    uint64_t *now = (uint64_t *)(VA + 20 * PAGE);
    expect("clock_read into an untouched region page", jx_clock_read_cap(JX_SLOT_CLOCK, now),
           JX_OK);
    check("the kernel's write charged that page", *now != 0 && used() == u0 + 4 * PAGE);
    static const char line[] = "resv: printed from a region page\n";
    memcpy((void *)(VA + 10 * PAGE), line, sizeof line - 1);
    expect("console_write from a region page",
           jx_console_write(JX_SLOT_CONSOLE, (const void *)(VA + 10 * PAGE), sizeof line - 1),
           JX_OK);
    expect("unmap(page 10)", jx_unmap(ASPACE, VA + 10 * PAGE), JX_OK);
    check("page 10 credited, zero again when read", used() == u0 + 3 * PAGE && p[10 * PAGE] == 0);
    expect("protect(page 5, RW): read only, no page of its own",
           jx_protect(ASPACE, VA + 5 * PAGE, RW), JX_ENOENT);
    expect("unmap(page 5, read only: the zero page)", jx_unmap(ASPACE, VA + 5 * PAGE), JX_OK);
    expect("unmap(page 40, never touched)", jx_unmap(ASPACE, VA + 40 * PAGE), JX_ENOENT);
    expect("protect(page 0, R)", jx_protect(ASPACE, VA, JX_RIGHT_READ), JX_OK);
    expect("protect(page 0, RW)", jx_protect(ASPACE, VA, RW), JX_OK);
    p[1] = 0x44;
    expect("quota_alloc(frame -> 20)", jx_quota_alloc(QUOTA, JX_OBJ_FRAME, 20, 0), JX_OK);
    expect("map(frame) inside the region", jx_map(ASPACE, 20, VA + 50 * PAGE, RW), JX_EEXIST);
    expect("delete(frame)", jx_cap_delete(20), JX_OK);
    check("quota: the 3 pages written", used() == u0 + 3 * PAGE);
}

/* Writes to this program's own bss are charged to the quota too: done before counting. */
static int api_role(void)
{
    failures = 0;
    uint64_t u0 = used();
    expect("reserve(64 pages, RW)", jx_reserve(ASPACE, VA, 64 * PAGE, QUOTA, RW), JX_OK);
    touches(u0);
    refusals();
    table_full();
    expect("release(the region)", jx_release(ASPACE, VA), JX_OK);
    check("quota back where it was", used() == u0);
    expect("reserve(the same range again)", jx_reserve(ASPACE, VA, 64 * PAGE, QUOTA, RW), JX_OK);
    check("a page written again reads zero first", ((volatile uint8_t *)VA)[0] == 0);
    ((volatile uint8_t *)VA)[0] = 1;
    expect("release(it)", jx_release(ASPACE, VA), JX_OK);
    check("quota back where it was", used() == u0);
    printf("resv: %d failures\n", failures);
    return failures;
}

/* Pages 9 MiB apart across a 1 GiB region (a page table each); the root counts frames between steps. */
static int frames_role(uint64_t pages)
{
    wait_root();
    if (jx_reserve(ASPACE, BIG, 1ul << 30, QUOTA, RW) != JX_OK)
        return 1;
    for (uint64_t i = 0; i < pages; i++)
        ((volatile uint8_t *)BIG)[i * (9ul << 20)] = 1;
    wait_root();
    if (jx_release(ASPACE, BIG) != JX_OK)
        return 2;
    wait_root();
    return 0;
}

/* Reads cost nothing; writes one page after another until the quota ends the task. */
static int oom_role(void)
{
    volatile uint8_t *p = (volatile uint8_t *)VA;
    uint64_t u0 = used();
    unsigned sum = 0; /* not in bss: its page would take one of the quota's */
    if (jx_reserve(ASPACE, VA, 64 * PAGE, QUOTA, RW) != JX_OK)
        return 1;
    for (unsigned i = 0; i < 64; i++)
        sum += p[i * PAGE];
    printf("resv: read 64 region pages: %u, %llu bytes charged\n", sum,
           (unsigned long long)(used() - u0));
    for (unsigned i = 0; i < 64; i++)
        p[i * PAGE] = 1;
    printf("resv: wrote 64 pages: WRONG, the quota should have ended this task\n");
    return 2;
}

static int readonly_role(void)
{
    volatile uint8_t *p = (volatile uint8_t *)VA;
    if (jx_reserve(ASPACE, VA, 4 * PAGE, QUOTA, JX_RIGHT_READ) != JX_OK)
        return 1;
    printf("resv: a read-only region reads %d\n", p[PAGE]);
    p[PAGE] = 1;
    printf("resv: wrote a read-only region: WRONG\n");
    return 2;
}

/* A runner-like task: a 16 MiB heap in bss, of which it writes 3 pages and reads 1. */
static int bss_role(void)
{
    heap[0] = 1;
    heap[8u << 20] = 2;
    heap[sizeof heap - 1] = 3;
    failures += heap[4u << 20];
    wait_root();
    return failures;
}

/*
 * The smallest ELF the loader takes, whose code reserves 64 KiB at 1 GiB
 * through slots 5 (its own AddressSpace) and 6 (the quota), writes into
 * it and exits with the reserve's result: a failed reserve faults first.
 */
struct child_elf {
    struct elf64_ehdr eh;
    struct elf64_phdr ph;
    uint8_t code[52];
};

static struct child_elf child;

static void child_image(void)
{
#if defined(__x86_64__)
    static const uint8_t code[52] = {
        /* mov $5,%edi .. $31,%eax; syscall; movl $1,0x40003000; exit */
        0xbf, 0x05, 0x00, 0x00, 0x00, 0xbe, 0x00, 0x00, 0x00, 0x40, 0xba, 0x00, 0x00,
        0x01, 0x00, 0x41, 0xba, 0x06, 0x00, 0x00, 0x00, 0x41, 0xb8, 0x03, 0x00, 0x00,
        0x00, 0xb8, 0x1f, 0x00, 0x00, 0x00, 0x0f, 0x05, 0x48, 0x89, 0xc7, 0xc7, 0x04,
        0x25, 0x00, 0x30, 0x00, 0x40, 0x01, 0x00, 0x00, 0x00, 0x31, 0xc0, 0x0f, 0x05
    };
#else
    static const uint8_t code[52] = {
        /* mov x0..x4, x8 #31; svc; str w10 -> [0x40003000]; exit */
        0xa0, 0x00, 0x80, 0xd2, 0x01, 0x00, 0xa8, 0xd2, 0x22, 0x00, 0xa0, 0xd2, 0xc3,
        0x00, 0x80, 0xd2, 0x64, 0x00, 0x80, 0xd2, 0xe8, 0x03, 0x80, 0xd2, 0x01, 0x00,
        0x00, 0xd4, 0x09, 0x00, 0x86, 0xd2, 0x09, 0x00, 0xa8, 0xf2, 0x2a, 0x00, 0x80,
        0x52, 0x2a, 0x01, 0x00, 0xb9, 0x08, 0x00, 0x80, 0xd2, 0x01, 0x00, 0x00, 0xd4
    };
#endif
    memcpy(child.code, code, sizeof code);
    tiny_elf_headers(&child.eh, &child.ph, __builtin_offsetof(struct child_elf, code),
                     sizeof child);
}

/* Runs the child with its own AddressSpace given with `rights`; its status. */
static void run_child(unsigned rights, unsigned want_cause, int64_t want_code)
{
    struct jx_task_spec s = { 0 };
    s.elf = (uintptr_t)&child;
    s.elf_size = sizeof child;
    s.priority = 50;
    s.ncaps = 2;
    s.caps[0] = (struct jx_task_cap){ JX_TASK_CAP_SELF_ASPACE, 5, rights, 0 };
    s.caps[1] = (struct jx_task_cap){ QUOTA, 6, RW, 0 };
    memcpy(s.name, "resv-child", 11);
    uint64_t bits;
    unsigned state, cause;
    int64_t code;
    uint64_t ns;
    expect("task_create(own aspace -> 5, quota -> 6)", jx_task_create(QUOTA, &s, 40), JX_OK);
    expect("task_notify", jx_task_notify(40, NTFN, 1), JX_OK);
    expect("task_start", jx_task_start(40), JX_OK);
    expect("wait for its end", jx_wait(NTFN, &bits, JX_TIMEOUT_FOREVER), JX_OK);
    expect("task_status", jx_task_status(40, &state, &cause, &code, &ns), JX_OK);
    printf("resv: child given its aspace with rights %u: cause %u, code %lld\n", rights, cause,
           (long long)code);
    check("  as expected", state == JX_TASK_ENDED && cause == want_cause &&
                               (want_cause != JX_EXIT_NORMAL || code == want_code));
    expect("delete(child)", jx_cap_delete(40), JX_OK);
}

static int spawn_role(void)
{
    failures = 0;
    child_image();
    uint64_t u0 = used();
    run_child(RW, JX_EXIT_NORMAL, JX_OK);
    run_child(JX_RIGHT_READ, JX_EXIT_FAULT, 0); /* its reserve: JX_EPERM; its write faults */
    struct jx_task_spec s = { 0 };
    s.elf = (uintptr_t)&child;
    s.elf_size = sizeof child;
    s.ncaps = 1;
    s.caps[0] = (struct jx_task_cap){ JX_TASK_CAP_SELF_ASPACE + 1, 5, RW, 0 };
    expect("task_create(src one past JX_TASK_CAP_SELF_ASPACE)", jx_task_create(QUOTA, &s, 40),
           JX_EBADSLOT);
    check("quota back where it was", used() == u0);
    printf("resv: %d failures\n", failures);
    return failures;
}

int64_t main(uint64_t arg)
{
    switch (arg & 0xff) {
    case ROLE_API: return api_role();
    case ROLE_FRAMES: return frames_role(arg >> 8);
    case ROLE_OOM: return oom_role();
    case ROLE_READONLY: return readonly_role();
    case ROLE_BSS: return bss_role();
    case ROLE_SPAWN: return spawn_role();
    default: return 100;
    }
}
