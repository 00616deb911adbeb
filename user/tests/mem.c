/* SPDX-License-Identifier: MIT */
/* mem.c: memory-quota, Frame and AddressSpace roles of the boot tests (kernel/ktest_cap.c), chosen by the argument. */
#include "jx.h"

/* The harness's slots (kernel/ktest_cap.c). */
enum { EP = 2, NTFN = 4, QUOTA = 6, ASPACE = 7, NTFN2 = 8 };
enum { ROLE_QUOTA = 1, ROLE_SHM_WRITER, ROLE_SHM_READER, ROLE_HOARDER };
#define RW   (JX_RIGHT_READ | JX_RIGHT_WRITE)
#define RX   (JX_RIGHT_READ | JX_RIGHT_EXEC)
#define VA   0x10000000ul
#define PAGE 4096ul

static int failures;

static void expect(const char *what, jx_error_t got, jx_error_t want)
{
    printf("mem: %-46s -> %2d %s\n", what, (int)got, got == want ? "ok" : "WRONG");
    failures += got != want;
}

/* The smallest function: return (x86-64 `ret`, arm64 `ret`). */
#if defined(__x86_64__)
static const uint8_t ret_code[] = { 0xc3 };
#else
static const uint8_t ret_code[] = { 0xc0, 0x03, 0x5f, 0xd6 };
#endif

/* Maps, W^X and rights on frames 10..12 of the quota. */
static void mappings(void)
{
    volatile uint64_t *p = (volatile uint64_t *)VA;
    expect("map(frame 10, RW)", jx_map(ASPACE, 10, VA, RW), JX_OK);
    p[0] = 0x1234;
    p[511] = 0x5678;
    expect("map(frame 10) again at the same va", jx_map(ASPACE, 10, VA, RW), JX_EEXIST);
    expect("map(frame 11, RWX): W+X refused", jx_map(ASPACE, 11, VA + PAGE, RW | JX_RIGHT_EXEC),
           JX_EINVAL);
    expect("copy(frame 11 -> 30, R)", jx_cap_copy(11, 30, JX_RIGHT_READ), JX_OK);
    expect("map(30, RW): writable from read-only cap", jx_map(ASPACE, 30, VA + PAGE, RW), JX_EPERM);
    expect("map(30, R)", jx_map(ASPACE, 30, VA + PAGE, JX_RIGHT_READ), JX_OK);
    expect("copy(frame 11 -> 31, RW)", jx_cap_copy(11, 31, RW), JX_OK);
    expect("map(31, RX): no exec right", jx_map(ASPACE, 31, VA + 2 * PAGE, RX), JX_EPERM);
    expect("map(frame 10, unaligned va)", jx_map(ASPACE, 10, VA + 8, RW), JX_EINVAL);
    expect("map(frame 12, RW)", jx_map(ASPACE, 12, VA + 2 * PAGE, RW), JX_OK);
    memcpy((void *)(VA + 2 * PAGE), ret_code, sizeof ret_code);
    expect("protect(RWX): W+X refused", jx_protect(ASPACE, VA + 2 * PAGE, RW | JX_RIGHT_EXEC),
           JX_EINVAL);
    expect("protect(RX): a JIT's flip", jx_protect(ASPACE, VA + 2 * PAGE, RX), JX_OK);
#if defined(__aarch64__)
    /* The kernel cleaned and invalidated the caches when it made the page executable. */
    __asm__ volatile("isb" ::: "memory");
#endif
    ((void (*)(void))(VA + 2 * PAGE))();
    printf("mem: ran code written RW and flipped to RX\n");
    expect("protect(30's page, RW): beyond the cap", jx_protect(ASPACE, VA + PAGE, RW), JX_EPERM);
    expect("unmap(nothing there)", jx_unmap(ASPACE, VA + 3 * PAGE), JX_ENOENT);
    expect("unmap(the IPC buffer)", jx_unmap(ASPACE, JX_IPC_BUFFER_ADDR), JX_EINVAL);
    expect("unmap(frame 12's page)", jx_unmap(ASPACE, VA + 2 * PAGE), JX_OK);
    expect("map(frame 12, RW) again", jx_map(ASPACE, 12, VA + 2 * PAGE, RW), JX_OK);
    if (p[0] != 0x1234 || p[511] != 0x5678 || *(volatile uint64_t *)(VA + PAGE) != 0)
        failures++;
}

/* Takes frames from the quota until JX_ENOMEM; returns how many, or 100 + failures. */
static int64_t quota_role(void)
{
    uint64_t limit, used, used_full;
    expect("quota_info", jx_quota_info(QUOTA, &limit, &used), JX_OK);
    int n = 0;
    jx_error_t err;
    while ((err = jx_quota_alloc(QUOTA, JX_OBJ_FRAME, (uint32_t)(10 + n), 0)) == JX_OK)
        n++;
    expect("alloc(frame) past the quota", err, JX_ENOMEM);
    expect("alloc(endpoint) past the quota", jx_quota_alloc(QUOTA, JX_OBJ_ENDPOINT, 40, 0),
           JX_ENOMEM);
    expect("alloc(type 99)", jx_quota_alloc(QUOTA, 99, 40, 0), JX_EINVAL);
    jx_quota_info(QUOTA, &limit, &used_full);
    printf("mem: quota %llu bytes: %d frames, then JX_ENOMEM; used %llu\n",
           (unsigned long long)limit, n, (unsigned long long)used_full);
    mappings();
    for (int i = 0; i < n; i++)
        jx_cap_delete((uint32_t)(10 + i)); /* unmaps them too */
    jx_cap_delete(30);
    jx_cap_delete(31);
    jx_quota_info(QUOTA, &limit, &used);
    printf("mem: all deleted: quota used %llu (was %llu)\n", (unsigned long long)used,
           (unsigned long long)used_full);
    failures += used != 0;
    printf("mem: %d failures\n", failures);
    return failures ? 100 + failures : n;
}

/* Shares a page read-only with the reader and changes it while the reader has it mapped. */
static int64_t shm_writer(void)
{
    volatile char *p = (volatile char *)VA;
    uint64_t bits;
    if (jx_quota_alloc(QUOTA, JX_OBJ_FRAME, 10, 0) != JX_OK ||
        jx_map(ASPACE, 10, VA, RW) != JX_OK || jx_cap_copy(10, 11, JX_RIGHT_READ) != JX_OK)
        return 1;
    memcpy((void *)p, "shared hello", 13);
    struct jx_msg m = { JX_MSG_INFO(0, 0, 1), { 0 }, 0 };
    jx_ipc_buffer()->send_caps[0] = 11;
    if (jx_send(EP, &m, JX_TIMEOUT_FOREVER) != JX_OK ||
        jx_wait(NTFN, &bits, JX_TIMEOUT_FOREVER) != JX_OK)
        return 2;
    memcpy((void *)p, "changed page", 13);
    jx_signal(NTFN2, 1);
    jx_wait(NTFN, &bits, JX_TIMEOUT_FOREVER);
    return 0;
}

static int64_t shm_reader(void)
{
    volatile char *p = (volatile char *)(VA + 0x100000);
    struct jx_msg m;
    uint64_t bits;
    jx_ipc_buffer()->recv_slots[0] = 9;
    if (jx_recv(EP, JX_CAP_NONE, &m, JX_TIMEOUT_FOREVER) != JX_OK || JX_MSG_NCAPS(m.info) != 1)
        return 1;
    expect("map(shared frame, RW) from a read-only cap", jx_map(ASPACE, 9, (uintptr_t)p, RW),
           JX_EPERM);
    expect("map(shared frame, R)", jx_map(ASPACE, 9, (uintptr_t)p, JX_RIGHT_READ), JX_OK);
    int first = memcmp((const void *)p, "shared hello", 13) == 0;
    jx_signal(NTFN, 1);
    jx_wait(NTFN2, &bits, JX_TIMEOUT_FOREVER);
    int second = memcmp((const void *)p, "changed page", 13) == 0;
    printf("mem: reader saw '%s' through its read-only mapping after the writer's change\n",
           (const char *)p);
    jx_signal(NTFN, 1);
    return first && second && !failures ? 0 : 3;
}

/* Fills its quota with objects, then waits to be killed. */
static int64_t hoarder(void)
{
    uint32_t slot = 10;
    while (jx_quota_alloc(QUOTA, slot % 3 ? JX_OBJ_FRAME : JX_OBJ_ENDPOINT, slot, 0) == JX_OK)
        slot++;
    uint64_t limit, used;
    jx_quota_info(QUOTA, &limit, &used);
    printf("mem: hoarder: %u objects, quota used %llu of %llu\n", slot - 10,
           (unsigned long long)used, (unsigned long long)limit);
    jx_map(ASPACE, 11, VA, RW);
    struct jx_msg m;
    jx_recv(EP, JX_CAP_NONE, &m, JX_TIMEOUT_FOREVER);
    return 1;
}

int64_t main(uint64_t arg)
{
    switch (arg) {
    case ROLE_QUOTA: return quota_role();
    case ROLE_SHM_WRITER: return shm_writer();
    case ROLE_SHM_READER: return shm_reader();
    case ROLE_HOARDER: return hoarder();
    default: return 99;
    }
}
