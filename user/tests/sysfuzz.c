/* SPDX-License-Identifier: MIT */
/* sysfuzz.c: random syscalls with random handles, rights, pointers and sizes; every result must be a documented jx_error_t. */
#include <stdbool.h>
#include "jx.h"
#include "jx_arch.h"
#include "kprintf.h"

/*
 * arg: bits 0-31 the seed, bits 32-62 the number of calls (0: until
 * killed), bit 63 the drain role (see drain()). The capabilities
 * kernel/ktest_fuzz.c gives (slots below) are the raw material; the calls
 * copy, mint, move, delete and revoke them, make new objects from the
 * quota and pass them around, so handles go stale, empty and full as the
 * run goes on. The only calls left out are those that may legitimately
 * end or stop the task for good: EXIT, a wait without timeout and a CALL
 * that nobody would answer (CALL is made only through the endpoint the
 * drain serves, or with a handle that must fail). Exit code: the number of
 * results that broke the rules checked in check().
 */
enum {
    SLOT_SERVED = 2,
    SLOT_REPLY = 3,
    SLOT_NTFN = 4,
    SLOT_EP = 5,
    SLOT_QUOTA = 6,
    SLOT_ASPACE = 7,
    SLOT_NTFN2 = 8,
    SLOT_SELF = 9,
    SLOT_VICTIM = 10,
    SLOT_PLAY_FRAME = 11,
    SLOT_REPORT = 62,
    MASTER = 48
};
/* Slots 2-11 are refilled from copies kept at MASTER + slot, which no random handle names. */
#define REFILL_FIRST SLOT_SERVED
#define REFILL_LAST  SLOT_PLAY_FRAME
#define REFILL_EVERY 16
/* The badge of every capability to the endpoint the drain serves; minted by nobody else. */
#define SERVED_BADGE 0x5e1fed
#define ARG_DRAIN    (1ull << 63)
/* The fuzzer maps and unmaps only here (and at addresses that must fail). */
#define PLAY_VA    0x40000000ul
#define PLAY_PAGES 16
/* Short waits: every blocking call ends by itself. */
#define SHORT_NS 50000
/* The end of the user stack; the page above is never mapped (user/tests/usercopy.c). */
#define STACK_TOP 0x00007ffffffff000ull

static uint64_t rng;
static uint64_t calls_done;
static unsigned bad;
static uint64_t results[JX_ERROR_COUNT + 1]; /* the last: anything else */
static char scratch[2 * 4096] __attribute__((aligned(4096)));
static const char dots[64] = "................................................................";

/* xorshift64*: small, fast, and the whole state is the seed. */
static uint64_t rnd(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 0x2545f4914f6cdd1dull;
}

static uint64_t pick(const uint64_t *v, unsigned n) { return v[rnd() % n]; }

/* A handle: mostly a low slot (where the objects are), else out of range or garbage; never SLOT_REPORT. */
static uint64_t any_handle(void)
{
    switch (rnd() % 16) {
    case 0: return 64 + rnd() % 64;
    case 1: return rnd() % 2 ? rnd() : rnd() & 0xffffffffu;
    case 2: return JX_CAP_NONE;
    case 3: return rnd() % 64;
    default: return rnd() % 24;
    }
}

static uint64_t rand_handle(void)
{
    uint64_t h = any_handle();
    return (uint32_t)h >= MASTER && (uint32_t)h <= SLOT_REPORT ? h - 24 : h;
}

static uint64_t rand_rights(void) { return rnd() % 8 ? rnd() % 16 : rnd(); }

static uint64_t rand_badge(void)
{
    static const uint64_t v[] = { 0, 1, 2, 0x100, UINT64_MAX };
    uint64_t b = rnd() % 2 ? pick(v, 5) : rnd();
    return b == SERVED_BADGE ? 3 : b;
}

static uint64_t rand_size(void)
{
    static const uint64_t v[] = { 0,
                                  1,
                                  7,
                                  8,
                                  4095,
                                  4096,
                                  4097,
                                  8192,
                                  1ull << 32,
                                  1ull << 63,
                                  UINT64_MAX,
                                  JX_DEBUG_WRITE_MAX,
                                  JX_DEBUG_WRITE_MAX + 1 };
    return rnd() % 3 ? rnd() % 200 : pick(v, sizeof v / sizeof v[0]);
}

/* A user pointer the kernel may write to: only scratch of ours is valid, the rest must fail. */
static uint64_t rand_ptr(bool for_write_by_kernel)
{
    switch (rnd() % 12) {
    case 0: return 0;
    case 1: return JX_ARCH_KERNEL_ADDR + rnd() % 0x10000;
    case 2: return 0x0000800000000000ull + rnd() % 4096; /* non-canonical on x86-64 */
    case 3: return UINT64_MAX - rnd() % 64; /* wraps with any length */
    case 4: return 0x10000000 + rnd() % 4096; /* unmapped */
    case 7: return rnd();
    case 8: return STACK_TOP - 1 - rnd() % 16; /* runs off the stack top */
    case 9: return for_write_by_kernel ? (uint64_t)(uintptr_t)main : (uint64_t)(uintptr_t)dots;
    case 5:
    case 6:
        if (for_write_by_kernel) /* the playground: mapped or not, a page's end or not */
            return PLAY_VA + (rnd() % PLAY_PAGES) * 4096 +
                   (rnd() % 2 ? 4096 - rnd() % 16 : rnd() % 4096);
        /* fall through: only dots may ever reach the console */
    default:
        if (!for_write_by_kernel)
            return (uint64_t)(uintptr_t)dots + rnd() % 8;
        return (uint64_t)(uintptr_t)scratch + rnd() % sizeof scratch; /* misaligned too */
    }
}

/* A length for the console: within `dots`, or one that must fail, so nothing but dots is ever printed. */
static uint64_t rand_console_len(uint64_t ptr)
{
    uint64_t d = (uint64_t)(uintptr_t)dots;
    if (ptr < STACK_TOP && ptr >= STACK_TOP - 16)
        return STACK_TOP - ptr + 1 + rnd() % 64;
    if (ptr >= d && ptr < d + sizeof dots)
        return rnd() % 16 ? rnd() % (d + sizeof dots - ptr + 1)
                          : JX_DEBUG_WRITE_MAX + 1 + rnd() % 4;
    return rand_size();
}

/* A virtual address for map/unmap/protect: the playground, or one that must be refused. */
static uint64_t rand_va(void)
{
    switch (rnd() % 10) {
    case 0: return 0;
    case 1: return JX_IPC_BUFFER_ADDR;
    case 2: return JX_ARCH_KERNEL_ADDR;
    case 3: return 0x0000800000000000ull;
    case 4: return PLAY_VA + rnd() % (PLAY_PAGES * 4096); /* mostly misaligned */
    case 5: return rnd() | 1;
    default: return PLAY_VA + (rnd() % PLAY_PAGES) * 4096;
    }
}

/* Timeouts of blocking calls: never more than SHORT_NS. */
static uint64_t rand_timeout(void) { return rnd() % 3 ? 0 : rnd() % SHORT_NS; }

/* An info word: mostly valid lengths and cap counts, sometimes not. */
static uint64_t rand_info(void)
{
    uint64_t len = rnd() % 4 ? rnd() % 64 : rnd() % 8192;
    uint64_t ncaps = rnd() % 3 ? 0 : rnd() % 8;
    return JX_MSG_INFO(rnd() % 1000, len, 0) | ncaps << 13;
}

static void scramble_ipc_buffer(void)
{
    struct jx_ipc_buffer *b = jx_ipc_buffer();
    for (int i = 0; i < JX_MSG_CAPS_MAX; i++) {
        b->send_caps[i] = (uint32_t)rand_handle();
        b->recv_slots[i] = (uint32_t)(rnd() % 4 ? 12 + rnd() % 20 : rand_handle());
    }
}

/*
 * CALL blocks until answered: it goes through only where the drain answers
 * (the served endpoint's badge), or where the lookup must fail; any other
 * writable endpoint is swapped for an out-of-range handle.
 */
static uint64_t call_handle(uint64_t h)
{
    uint64_t r[6] = { h };
    if (jx_syscall_regs(JX_SYS_CAP_IDENTIFY, r) != JX_OK || r[1] != JX_OBJ_ENDPOINT ||
        !(r[2] & JX_RIGHT_WRITE) || r[3] == SERVED_BADGE)
        return h;
    return 64 + rnd() % 64;
}

/* A slot (refilled) that holds the type syscall num takes in r0, or JX_CAP_NONE. */
static uint64_t right_type(uint64_t num)
{
    switch (num) {
    case JX_SYS_CONSOLE_WRITE:
    case JX_SYS_CONSOLE_READ: return JX_SLOT_CONSOLE;
    case JX_SYS_CLOCK_READ:
    case JX_SYS_CLOCK_SLEEP:
    case JX_SYS_CLOCK_ARM: return JX_SLOT_CLOCK;
    case JX_SYS_SEND:
    case JX_SYS_CALL: return rnd() % 2 ? SLOT_SERVED : SLOT_EP;
    case JX_SYS_RECV:
    case JX_SYS_REPLY_RECV: return SLOT_EP | (uint64_t)SLOT_REPLY << 32;
    case JX_SYS_REPLY: return SLOT_REPLY;
    case JX_SYS_SIGNAL:
    case JX_SYS_WAIT: return rnd() % 2 ? SLOT_NTFN : SLOT_NTFN2;
    case JX_SYS_QUOTA_ALLOC:
    case JX_SYS_QUOTA_INFO:
    case JX_SYS_TASK_CREATE: return SLOT_QUOTA;
    case JX_SYS_ASPACE_MAP:
    case JX_SYS_ASPACE_UNMAP:
    case JX_SYS_ASPACE_PROTECT: return SLOT_ASPACE;
    case JX_SYS_TASK_START:
    case JX_SYS_TASK_STOP:
    case JX_SYS_TASK_SET:
    case JX_SYS_TASK_STATUS:
    case JX_SYS_TASK_NOTIFY: return rnd() % 4 ? SLOT_VICTIM : SLOT_SELF;
    default: return JX_CAP_NONE;
    }
}

/* The arguments of syscall `num`, chosen for what it takes. */
static void rand_args(uint64_t num, uint64_t a[6])
{
    for (int i = 0; i < 6; i++)
        a[i] = rnd() % 2 ? rnd() % 64 : rnd();
    a[0] = rand_handle();
    switch (num) {
    case JX_SYS_CAP_COPY:
    case JX_SYS_CAP_MINT:
    case JX_SYS_CAP_MOVE:
        a[1] = rand_handle();
        a[2] = rand_rights();
        a[3] = rand_badge();
        break;
    case JX_SYS_CONSOLE_WRITE:
        a[1] = rand_ptr(false);
        a[2] = rand_console_len(a[1]);
        break;
    case JX_SYS_CONSOLE_READ:
        a[1] = rand_ptr(true);
        a[2] = rand_size();
        break;
    case JX_SYS_CLOCK_READ:
        a[1] = rand_ptr(true);
        a[2] = rnd() % 3; /* JX_CLOCK_MONOTONIC, JX_CLOCK_REALTIME, none */
        break;
    case JX_SYS_CLOCK_SLEEP:
        a[1] = rnd() % 2 ? rnd() % SHORT_NS : JX_SLEEP_MAX_NS + 1 + rnd() % 1000;
        break;
    case JX_SYS_SEND:
    case JX_SYS_REPLY:
    case JX_SYS_CALL:
        a[1] = rand_info();
        a[5] = rand_timeout();
        scramble_ipc_buffer();
        break;
    case JX_SYS_RECV:
    case JX_SYS_REPLY_RECV:
        a[0] = (rand_handle() & 0xffffffffu) | (rnd() % 4 ? rand_handle() << 32 : rnd() << 32);
        a[1] = rand_info();
        a[5] = rand_timeout();
        scramble_ipc_buffer();
        break;
    case JX_SYS_WAIT: a[1] = rand_timeout(); break;
    case JX_SYS_QUOTA_ALLOC:
        a[1] = rnd() % 8 ? rnd() % 12 : rnd();
        a[2] = rand_handle();
        a[3] = rand_size();
        break;
    case JX_SYS_ASPACE_MAP:
        a[1] = rand_handle();
        a[2] = rand_va();
        a[3] = rand_rights();
        break;
    case JX_SYS_ASPACE_UNMAP:
    case JX_SYS_ASPACE_PROTECT:
        a[1] = rand_va();
        a[2] = rand_rights();
        break;
    case JX_SYS_TASK_SET:
        a[1] = rnd() % 4 ? rnd() % 3 : rnd();
        a[2] = rnd() % 2 ? rnd() % 300 : rnd();
        break;
    case JX_SYS_CLOCK_ARM:
        a[1] = rand_handle();
        a[2] = rnd() % 2 ? rnd() % 10000000 : rnd();
        a[3] = rnd() % 4 ? 0 : rnd();
        break;
    case JX_SYS_TASK_NOTIFY:
        a[1] = rand_handle();
        a[2] = rnd() % 4 ? rnd() : 0;
        break;
    case JX_SYS_TASK_CREATE: /* a spec of whatever bytes are there: refused, never a task */
        a[1] = rand_ptr(true);
        a[2] = rand_handle();
        break;
    }
    uint64_t good = right_type(num);
    if (good != JX_CAP_NONE && rnd() % 2)
        a[0] = good;
    if (num == JX_SYS_ASPACE_MAP && rnd() % 2)
        a[1] = SLOT_PLAY_FRAME;
    if ((num == JX_SYS_CLOCK_ARM || num == JX_SYS_TASK_NOTIFY) && rnd() % 2)
        a[1] = SLOT_NTFN;
    if (num == JX_SYS_CALL)
        a[0] = call_handle(a[0]);
}

/* A syscall number: mostly a real one (never EXIT), else one that does not exist. */
static uint64_t rand_num(void)
{
    switch (rnd() % 32) {
    case 0: return JX_SYS_COUNT + rnd() % 64;
    case 1: {
        uint64_t n = rnd();
        return n < JX_SYS_COUNT ? JX_SYS_COUNT : n;
    }
    default: return 1 + rnd() % (JX_SYS_COUNT - 1);
    }
}

/* Prints through SLOT_REPORT, a console capability the calls rarely reach (slot 0 may be gone by then). */
__attribute__((format(printf, 1, 2))) static void report(const char *fmt, ...)
{
    char line[400];
    va_list ap;
    va_start(ap, fmt);
    int n = kvsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    jx_console_write(SLOT_REPORT, line, n < (int)sizeof line ? (size_t)n : sizeof line - 1);
}

/* Every result is a jx_error_t; JX_ENOSYS exactly for the numbers that do not exist. */
static void check(uint64_t num, const uint64_t a[6], uint64_t got)
{
    bool unknown = num >= JX_SYS_COUNT;
    results[got < JX_ERROR_COUNT ? got : JX_ERROR_COUNT]++;
    if (got < JX_ERROR_COUNT && (got == JX_ENOSYS) == unknown)
        return;
    if (bad++ < 8)
        report("sysfuzz: call %llu: syscall %llu(%#llx, %#llx, %#llx, %#llx, %#llx, %#llx) -> "
               "%llu: WRONG\n",
               (unsigned long long)calls_done, (unsigned long long)num, (unsigned long long)a[0],
               (unsigned long long)a[1], (unsigned long long)a[2], (unsigned long long)a[3],
               (unsigned long long)a[4], (unsigned long long)a[5], (unsigned long long)got);
}

/*
 * The playground's first page, so that some pointers into it are valid;
 * then the capabilities the kernel gave go to their MASTER slots.
 */
static void setup(void)
{
    jx_quota_alloc(SLOT_QUOTA, JX_OBJ_FRAME, SLOT_PLAY_FRAME, 0);
    jx_map(SLOT_ASPACE, SLOT_PLAY_FRAME, PLAY_VA, JX_RIGHT_READ | JX_RIGHT_WRITE);
    for (uint32_t s = REFILL_FIRST; s <= REFILL_LAST; s++)
        jx_cap_move(s, MASTER + s);
}

/* Puts a copy of its master back into every slot of 2-11 that is empty or stale. */
static void refill(void)
{
    for (uint32_t s = REFILL_FIRST; s <= REFILL_LAST; s++) {
        unsigned type, rights;
        uint64_t badge;
        jx_error_t err = jx_cap_identify(s, &type, &rights, &badge);
        if (err == JX_ESTALE)
            jx_cap_delete(s);
        if (err == JX_ESTALE || err == JX_EEMPTY)
            jx_cap_copy(MASTER + s, s, JX_RIGHTS_ALL);
    }
}

static int64_t fuzz(uint32_t seed, uint64_t calls)
{
    rng = 0x9e3779b97f4a7c15ull ^ ((uint64_t)seed << 17 | seed);
    setup();
    for (calls_done = 0; calls == 0 || calls_done < calls; calls_done++) {
        if (calls_done % REFILL_EVERY == 0)
            refill();
        uint64_t num = rand_num(), a[6], r[6];
        rand_args(num, a);
        for (int i = 0; i < 6; i++)
            r[i] = a[i];
        check(num, a, (uint64_t)jx_syscall_regs(num, r));
    }
    const uint64_t *n = results;
    report("\nsysfuzz: seed %u: results: ok %llu, einval %llu, efault %llu, enomem %llu, "
           "enosys %llu, eexist %llu, enoent %llu, ebadslot %llu, eempty %llu, etype %llu, "
           "estale %llu, eperm %llu, ebusy %llu, eagain %llu, etimedout %llu, edestroyed %llu, "
           "other %llu\n",
           seed, (unsigned long long)n[0], (unsigned long long)n[1], (unsigned long long)n[2],
           (unsigned long long)n[3], (unsigned long long)n[4], (unsigned long long)n[5],
           (unsigned long long)n[6], (unsigned long long)n[7], (unsigned long long)n[8],
           (unsigned long long)n[9], (unsigned long long)n[10], (unsigned long long)n[11],
           (unsigned long long)n[12], (unsigned long long)n[13], (unsigned long long)n[14],
           (unsigned long long)n[15], (unsigned long long)n[16]);
    return bad;
}

/*
 * The drain: answers every message on the served endpoint at once, so a
 * fuzzer's CALL there always returns; deletes the capabilities that came
 * with it (recv_slots 20-23).
 */
static int64_t drain(void)
{
    struct jx_msg m = { 0 };
    for (;;) {
        struct jx_ipc_buffer *b = jx_ipc_buffer();
        for (int i = 0; i < JX_MSG_CAPS_MAX; i++)
            b->recv_slots[i] = 20 + (uint32_t)i;
        jx_error_t err = jx_recv(SLOT_SERVED, SLOT_REPLY, &m, JX_TIMEOUT_FOREVER);
        for (uint32_t s = 20; s < 24; s++)
            jx_cap_delete(s);
        if (err == JX_OK) {
            m.info = 0;
            jx_reply(SLOT_REPLY, &m);
        }
    }
}

int64_t main(uint64_t arg)
{
    if (arg & ARG_DRAIN)
        return drain();
    return fuzz((uint32_t)arg, (arg >> 32) & 0x7fffffffu);
}
