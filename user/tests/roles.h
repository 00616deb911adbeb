/* SPDX-License-Identifier: MIT */
/* roles.h: what the boot-test harness (kernel/ktest_cap.c, ktest_bench.c) and the programs it starts (ipc.c, ipcbench.c, sysbench.c) agree on. */
#pragma once

/*
 * The slots the harness fills in a program's table (the console and the
 * clock are 0 and 1, user/lib/jx.h). SLOT_EP2 is ipc.c's second endpoint;
 * the benchmarks put the peer's notification in the same slot.
 */
enum {
    SLOT_EP = 2,
    SLOT_REPLY = 3,
    SLOT_NTFN = 4,
    SLOT_EP2 = 5,
    SLOT_PEER_NTFN = 5,
    SLOT_QUOTA = 6,
    SLOT_ASPACE = 7,
    SLOT_NTFN2 = 8
};

/* A task's argument: its role in the low byte, a parameter above it. */
#define ROLE_ARG(role, param) ((uint64_t)(role) | (uint64_t)(param) << 8)

/* ipc.c's roles (kernel/ktest_cap.c). */
enum {
    ROLE_RT_SERVER = 1,
    ROLE_RT_CLIENT,
    ROLE_BADGE_SERVER,
    ROLE_BADGE_CLIENT,
    ROLE_REVOKE_SERVER,
    ROLE_REVOKE_CLIENT,
    ROLE_KILL_SERVER,
    ROLE_KILL_CLIENT,
    ROLE_MISC,
    ROLE_NTFN_WAITER,
    ROLE_NTFN_SIGNALLER,
    ROLE_RECEIVER
};

/* ipcbench.c's roles (kernel/ktest_bench.c; ktest_cap.c's bench_pair). */
enum {
    B_NULL = 1,
    B_CLIENT,
    B_SERVER,
    B_CAP_CLIENT,
    B_CAP_SERVER,
    B_PING,
    B_PONG,
    B_YIELD,
    B_CALIBRATE,
    B_YIELD_QUIET
};

/* sysbench.c's roles (kernel/ktest_bench.c). */
enum { S_SEND = 1, S_RECV, S_MAP, S_SPAWN, S_TIMER };
