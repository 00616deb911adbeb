/* SPDX-License-Identifier: MIT */
/* ipcbench.c: the kernel benchmark's user side (test=bench-ipc): each role times N operations with the clock and prints ns per operation. */
#include "jx.h"
#include "roles.h"

static void report(const char *name, uint64_t t0, uint64_t n, uint64_t per)
{
    uint64_t ns = jx_now_ns() - t0;
    printf("bench: %s %llu ns\n", name, (unsigned long long)(ns / n / per));
}

static int64_t null_syscall(uint64_t n)
{
    unsigned type, rights;
    uint64_t badge, t0 = jx_now_ns();
    for (uint64_t i = 0; i < n; i++)
        jx_cap_identify(JX_SLOT_CONSOLE, &type, &rights, &badge);
    report("null_syscall", t0, n, 1);
    t0 = jx_now_ns();
    for (uint64_t i = 0; i < n; i++)
        jx_syscall(JX_SYS_COUNT, 0, 0, 0, 0, 0, 0);
    report("syscall_entry_exit_floor", t0, n, 1);
    return 0;
}

/* Call round trips; with_cap: each call also passes the client's notification capability. */
static int64_t client(uint64_t n, int with_cap)
{
    struct jx_msg m = { 0, { 1, 2, 3 }, 0 };
    jx_call(SLOT_EP, &m); /* warm up: the server is in its loop now */
    uint64_t t0 = jx_now_ns();
    for (uint64_t i = 0; i < n; i++) {
        m.info = JX_MSG_INFO(0, 0, with_cap);
        jx_ipc_buffer()->send_caps[0] = SLOT_NTFN;
        if (jx_call(SLOT_EP, &m) != JX_OK)
            return 1;
    }
    report(with_cap ? "ipc_call_cap_transfer" : "ipc_call_roundtrip", t0, n, 1);
    m.info = JX_MSG_INFO(1, 0, 0);
    jx_call(SLOT_EP, &m);
    return 0;
}

/* Answers calls until one with label 1; with_cap: empties the slot each capability arrives in. */
static int64_t server(int with_cap)
{
    struct jx_msg m = { 0, { 0 }, 0 };
    jx_ipc_buffer()->recv_slots[0] = 10;
    for (;;) {
        if (jx_reply_recv(SLOT_EP, SLOT_REPLY, &m, JX_TIMEOUT_FOREVER) != JX_OK)
            return 1;
        if (JX_MSG_LABEL(m.info) == 1)
            break;
        if (with_cap && JX_MSG_NCAPS(m.info))
            jx_cap_delete(10);
        m.info = 0;
    }
    m.info = 0;
    jx_reply(SLOT_REPLY, &m);
    return 0;
}

/* Notification ping-pong: each round is two signal->wait hand-overs. */
static int64_t ping(uint64_t n, int first)
{
    uint64_t bits, t0 = jx_now_ns();
    for (uint64_t i = 0; i < n; i++) {
        if (first)
            jx_signal(SLOT_PEER_NTFN, 1);
        if (jx_wait(SLOT_NTFN, &bits, JX_TIMEOUT_FOREVER) != JX_OK)
            return 1;
        if (!first)
            jx_signal(SLOT_PEER_NTFN, 1);
    }
    if (first)
        report("ntfn_signal_wait", t0, n, 2);
    return 0;
}

static int64_t yield(uint64_t n, int first)
{
    uint64_t t0 = jx_now_ns();
    for (uint64_t i = 0; i < n; i++)
        jx_yield();
    if (first)
        report("yield_pingpong", t0, n, 2);
    return 0;
}

/* A loop of exactly 4 instructions per iteration on both arches (the clock's unit check). */
static int64_t calibrate(uint64_t n)
{
    uint64_t t0 = jx_now_ns(), i = n, a = 0;
#if defined(__x86_64__)
    __asm__ volatile("1: addq $1, %1\n\taddq $1, %1\n\tdecq %0\n\tjnz 1b" : "+r"(i), "+r"(a));
#else
    __asm__ volatile("1: add %1, %1, #1\n\tadd %1, %1, #1\n\tsubs %0, %0, #1\n\tb.ne 1b"
                     : "+r"(i), "+r"(a)::"cc");
#endif
    uint64_t ns = jx_now_ns() - t0;
    printf("bench: calibration_4_insn_loop %llu.%02llu ns\n", (unsigned long long)(ns / n),
           (unsigned long long)(ns * 100 / n % 100));
    return a == 2 * n ? 0 : 1;
}

int64_t main(uint64_t arg)
{
    uint64_t n = arg >> 8;
    switch (arg & 0xff) {
    case B_NULL: return null_syscall(n);
    case B_CLIENT: return client(n, 0);
    case B_SERVER: return server(0);
    case B_CAP_CLIENT: return client(n, 1);
    case B_CAP_SERVER: return server(1);
    case B_PING: return ping(n, 1);
    case B_PONG: return ping(n, 0);
    case B_YIELD: return yield(n, 1);
    case B_YIELD_QUIET: return yield(n, 0);
    case B_CALIBRATE: return calibrate(n);
    default: return 99;
    }
}
