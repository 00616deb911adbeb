/* SPDX-License-Identifier: MIT */
/* cap.h: capability ABI: object types, rights, handles, message info words, the IPC buffer (docs/CAPABILITIES.md). */
#pragma once
#include <stdint.h>

/*
 * A handle is the index of a slot in the calling task's capability table
 * (0 .. JX_CSPACE_SLOTS-1). Nothing else names a kernel object: no
 * pointers, no global ids.
 */
#define JX_CSPACE_SLOTS 64
/* "No capability" where one is optional (the Reply of a plain recv). */
#define JX_CAP_NONE 0xffffffffu

/*
 * The root task's table as the kernel fills it (kernel/root.c): the
 * originals of the console (READ, WRITE), the clock (READ), a quota of the
 * free memory (all rights) and IRQ control (READ, WRITE), from which every
 * other task's authority is derived. The root makes the rest of its table.
 */
#define JX_ROOT_SLOT_CONSOLE     0
#define JX_ROOT_SLOT_CLOCK       1
#define JX_ROOT_SLOT_QUOTA       2
#define JX_ROOT_SLOT_IRQ_CONTROL 3

/* Object types, as JX_SYS_CAP_IDENTIFY reports them. Values are ABI. */
typedef enum {
    JX_OBJ_NONE = 0,
    JX_OBJ_CONSOLE = 1, /* debug output (write) and input (read) */
    JX_OBJ_CLOCK = 2, /* monotonic clock and sleep (read) */
    JX_OBJ_ENDPOINT = 3, /* synchronous IPC */
    JX_OBJ_NOTIFICATION = 4, /* a word of signal bits */
    JX_OBJ_REPLY = 5, /* answers one call, once */
    JX_OBJ_FRAME = 6, /* a page of physical memory, mappable */
    JX_OBJ_ASPACE = 7, /* an address space: map, unmap, protect, reserve */
    JX_OBJ_TASK = 8, /* task control: start, stop, status, budget, priority */
    JX_OBJ_IRQ = 9, /* an interrupt handler: one line, bound to a notification */
    JX_OBJ_QUOTA = 10, /* a memory quota */
    JX_OBJ_IRQ_CONTROL = 11, /* hands out IRQ handlers (one object; the root's) */
    JX_OBJ_TYPE_COUNT
} jx_obj_type_t;

/* Rights of one capability; a derived capability has at most its parent's. */
#define JX_RIGHT_READ  1u /* recv, wait, read the clock/console; map readable */
#define JX_RIGHT_WRITE 2u /* send, call, reply, signal, print; map writable */
#define JX_RIGHT_GRANT 4u /* pass capabilities in a message sent with this one */
#define JX_RIGHT_EXEC  8u /* frames: map executable (never with write in one mapping) */
#define JX_RIGHTS_ALL  15u

/*
 * A message: an info word, JX_MSG_REGS words in registers and up to
 * JX_IPC_DATA_MAX bytes in the IPC buffer. The info word holds the byte
 * count in the buffer (bits 0-12), the number of capabilities to transfer
 * (bits 13-15, at most JX_MSG_CAPS_MAX) and a free label (bits 16-63).
 * On receive the kernel rewrites it with what arrived (caps: those installed).
 */
#define JX_MSG_REGS     3
#define JX_MSG_CAPS_MAX 4
#define JX_MSG_INFO(label, len, ncaps)                                                             \
    (((uint64_t)(label) << 16) | ((uint64_t)(ncaps) << 13) | (uint64_t)(len))
#define JX_MSG_LEN(info)   ((unsigned)((info) & 0x1fff))
#define JX_MSG_NCAPS(info) ((unsigned)(((info) >> 13) & 7))
#define JX_MSG_LABEL(info) ((info) >> 16)

/*
 * The per-thread IPC buffer: one page the kernel maps at JX_IPC_BUFFER_ADDR
 * in every task (read-write, not executable). Sender: send_caps lists the
 * handles to transfer. Receiver: recv_slots lists the empty slots they go to.
 */
#define JX_IPC_BUFFER_ADDR 0x200000ul
#define JX_IPC_DATA_MAX    4032
struct jx_ipc_buffer {
    uint32_t send_caps[JX_MSG_CAPS_MAX];
    uint32_t recv_slots[JX_MSG_CAPS_MAX];
    uint64_t seed[4]; /* 32 bytes from the kernel's entropy source, written at task creation */
    uint8_t data[JX_IPC_DATA_MAX];
};
_Static_assert(sizeof(struct jx_ipc_buffer) == 4096, "the IPC buffer is one page");

/* Timeouts (nanoseconds) for recv/send/wait: 0 never blocks (JX_EAGAIN), this one blocks forever. */
#define JX_TIMEOUT_NONE    0ull
#define JX_TIMEOUT_FOREVER UINT64_MAX
