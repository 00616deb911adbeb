/* SPDX-License-Identifier: MIT */
/* syscall.h: syscall numbers and calling convention of the JerichoOS kernel (table: docs/syscalls.md). */
#pragma once
#include "cap.h"
#include "error.h"

/*
 * Calling convention: six argument registers r0..r5 and a result.
 *   x86-64: `syscall`, number in rax, r0..r5 = rdi, rsi, rdx, r10, r8, r9;
 *           result (a jx_error_t) in rax; rcx and r11 are clobbered.
 *   arm64:  `svc #0`, number in x8, r0..r5 = x0..x5; result in x0.
 * Every syscall returns a jx_error_t. Calls that return values put them in
 * r1..r5 (named below as "-> r1 = ..."); the others leave r1..r5 as they were.
 * Apart from EXIT and YIELD every call names a capability in r0 (a slot
 * index); IPC calls that also take a Reply put its handle in r0's high 32 bits.
 */
#define JX_SYS_EXIT          0 /* (int64 code) -> does not return */
#define JX_SYS_YIELD         1 /* () */
#define JX_SYS_CAP_IDENTIFY  2 /* (h) -> r1 = type, r2 = rights, r3 = badge */
#define JX_SYS_CAP_COPY      3 /* (src, dst, rights): dst gets src's rights & rights, its badge */
#define JX_SYS_CAP_MINT      4 /* (src, dst, rights, badge): as copy, with a badge (src unbadged) */
#define JX_SYS_CAP_MOVE      5 /* (src, dst) */
#define JX_SYS_CAP_DELETE    6 /* (h) */
#define JX_SYS_CAP_REVOKE    7 /* (h): deletes every capability derived from h, in every task */
#define JX_SYS_CONSOLE_WRITE 8 /* (console, const char *buf, size_t len); needs WRITE */
#define JX_SYS_CONSOLE_READ  9 /* (console, char *buf, size_t len) -> r1 = bytes read; needs READ */
#define JX_SYS_CLOCK_READ    10 /* (clock, uint64 *ns_out, JX_CLOCK_*); needs READ */
#define JX_SYS_CLOCK_SLEEP   11 /* (clock, uint64 ns); needs READ */
#define JX_SYS_SEND          12 /* (ep, info, mr0, mr1, mr2, timeout); needs WRITE (+GRANT with caps) */
#define JX_SYS_RECV                                                                                \
    13 /* (ep | reply << 32, -, -, -, -, timeout) -> r1 = info, r2..r4 = mr0..mr2, r5 = badge */
#define JX_SYS_CALL  14 /* (ep, info, mr0, mr1, mr2) -> r1 = info, r2..r4 = the reply's mr0..mr2 */
#define JX_SYS_REPLY 15 /* (reply, info, mr0, mr1, mr2); needs WRITE (+GRANT with caps) */
#define JX_SYS_REPLY_RECV                                                                          \
    16 /* (ep | reply << 32, info, mr0, mr1, mr2, timeout): reply if bound, then recv */
#define JX_SYS_SIGNAL 17 /* (ntfn, bits): ORs bits into the word; needs WRITE */
#define JX_SYS_WAIT   18 /* (ntfn, timeout) -> r1 = the bits, cleared; needs READ */
#define JX_SYS_QUOTA_ALLOC                                                                         \
    19 /* (quota, type, dst, size): a new Endpoint/Notification/Reply/Frame/Quota in dst, charged to quota */
#define JX_SYS_QUOTA_INFO 20 /* (quota) -> r1 = limit, r2 = bytes used */
#define JX_SYS_ASPACE_MAP                                                                          \
    21 /* (aspace, frame, va, rights): maps the frame at va; rights within the frame cap's; never W+X */
#define JX_SYS_ASPACE_UNMAP   22 /* (aspace, va) */
#define JX_SYS_ASPACE_PROTECT 23 /* (aspace, va, rights): new rights of a mapping; never W+X */
#define JX_SYS_TASK_START     24 /* (task): runs a task not started yet; needs WRITE */
#define JX_SYS_TASK_STOP      25 /* (task): kills it (JX_EXIT_KILLED); needs WRITE */
#define JX_SYS_TASK_SET                                                                            \
    26 /* (task, what, value): JX_TASK_PRIORITY (at most the caller's) or JX_TASK_BUDGET (ns, 0 = none); WRITE */
#define JX_SYS_TASK_STATUS                                                                         \
    27 /* (task) -> r1 = JX_TASK_*, r2 = exit cause, r3 = exit code, r4 = CPU ns; needs READ */
#define JX_SYS_CLOCK_ARM                                                                           \
    28 /* (clock, ntfn, ns, bits): signal bits on ntfn ns from now (ns 0: disarm); clock READ, ntfn WRITE */
#define JX_SYS_TASK_NOTIFY                                                                         \
    29 /* (task, ntfn, bits): when the task ends, bits are signalled on ntfn; task WRITE, ntfn WRITE */
#define JX_SYS_TASK_CREATE                                                                         \
    30 /* (quota, const struct jx_task_spec *spec, dst): a new task from an ELF in the caller's memory, charged to quota; quota WRITE */
#define JX_SYS_ASPACE_RESERVE                                                                      \
    31 /* (aspace, va, size, quota, rights): a demand-zero region [va, va+size); aspace WRITE, quota WRITE */
#define JX_SYS_ASPACE_RELEASE                                                                      \
    32 /* (aspace, va): removes the region that begins at va, frees its pages; aspace WRITE */
#define JX_SYS_IRQ_GET 33 /* (irqctl, line, dst): an IRQ handler for `line` in dst; irqctl WRITE */
#define JX_SYS_IRQ_BIND                                                                            \
    34 /* (irq, ntfn, bits): interrupts signal bits on ntfn (ntfn JX_CAP_NONE: unbind); irq WRITE, ntfn WRITE */
#define JX_SYS_IRQ_ACK 35 /* (irq): unmasks the line: the next interrupt may come; irq WRITE */
#define JX_SYS_COUNT   36

/* JX_SYS_TASK_SET's `what`. */
#define JX_TASK_PRIORITY 0
#define JX_TASK_BUDGET   1
/* JX_SYS_TASK_STATUS's state. */
#define JX_TASK_NEW   0 /* created, not started */
#define JX_TASK_ALIVE 1 /* running, ready or blocked */
#define JX_TASK_ENDED 2 /* exited, faulted, out of budget or killed: r2/r3 say how */

/* JX_SYS_QUOTA_ALLOC of a JX_OBJ_QUOTA: a sub-quota of `size` bytes (r3), all charged to the parent. */
#define JX_QUOTA_CHARGE_FRAME 4096 /* what a Frame costs its quota (one page) */

/*
 * JX_SYS_ASPACE_RESERVE: a region's pages are mapped on first touch, zeroed,
 * with the region's rights (READ implied; never W+X); each page charged
 * JX_QUOTA_CHARGE_FRAME to the region's quota when it is mapped and
 * credited when it is unmapped (JX_SYS_ASPACE_UNMAP of one page, RELEASE of
 * the region, or the address space's end). A touch the quota cannot pay for
 * ends the task (JX_EXIT_FAULT, "out of memory in its quota"); a syscall
 * whose buffer needs such a page fails with JX_EFAULT instead. Size: page
 * aligned, at most JX_RESERVE_MAX (a 4 GiB wasm32 memory and its guards).
 */
#define JX_RESERVE_MAX (8ull << 30)

/* JX_SYS_CONSOLE_WRITE writes at most this many bytes per call (longer: JX_EINVAL). */
#define JX_DEBUG_WRITE_MAX 4096
/* JX_SYS_CLOCK_SLEEP sleeps at most this long per call (longer: JX_EINVAL): 1 hour. */
#define JX_SLEEP_MAX_NS 3600000000000ull

/* JX_SYS_CLOCK_READ's clocks: nanoseconds since boot, or since 1970-01-01
 * UTC as the machine's real-time clock said at boot (counting from boot,
 * as 1970 + uptime, on a machine without one). */
#define JX_CLOCK_MONOTONIC 0
#define JX_CLOCK_REALTIME  1

/*
 * JX_SYS_TASK_CREATE's description of the new task, in the caller's memory.
 * The ELF image and the data are read from the caller's address space (every
 * page mapped readable). The new task gets its own address space: the ELF's
 * segments (below JX_TASK_DATA_ADDR), a stack, its IPC buffer, and a copy of
 * data[0, data_size) read-only at JX_TASK_DATA_ADDR; in its capability table
 * exactly caps[0, ncaps): a child of the caller's capability in slot `src`
 * with `rights` & the source's, in slot `dst`. It is not started.
 * A `src` of JX_TASK_CAP_SELF_ASPACE instead puts in `dst` a capability to
 * the new task's own AddressSpace with `rights` (to reserve regions in it).
 * The quota the task is charged to is passed as any capability: its handle
 * as `src`.
 */
#define JX_TASK_CAP_SELF_ASPACE 0xfffffff0u
#define JX_TASK_SPEC_CAPS       12 /* capabilities at most in one spec */
#define JX_TASK_ELF_MAX         (16u << 20) /* bytes of ELF image at most */
#define JX_TASK_DATA_MAX        (64u << 20) /* bytes of data at most, all pieces together */
#define JX_TASK_DATA_PIECES     3 /* e.g. a header the caller built, then files */
/* Where a task finds the read-only data its creator gave (the root: the boot archive). */
#define JX_TASK_DATA_ADDR 0x100000000000ull

struct jx_task_cap {
    uint32_t src, dst, rights, reserved; /* reserved: 0 */
};

struct jx_task_data {
    uint64_t addr, size; /* size 0: nothing */
};

struct jx_task_spec {
    uint64_t elf, elf_size; /* the ELF image: a user address and its length */
    struct jx_task_data data[JX_TASK_DATA_PIECES]; /* copied to JX_TASK_DATA_ADDR, in order */
    uint64_t arg; /* the first argument register at entry */
    uint32_t priority; /* at most the caller's own */
    uint32_t ncaps; /* at most JX_TASK_SPEC_CAPS */
    struct jx_task_cap caps[JX_TASK_SPEC_CAPS];
    char name[16]; /* for the kernel's reports; need not end in NUL */
};
