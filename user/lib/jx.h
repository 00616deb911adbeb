/* SPDX-License-Identifier: MIT */
/* jx.h: the freestanding user library: syscall wrappers, console printf, string functions. */
#pragma once
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include "jericho/cap.h"
#include "jericho/error.h"
#include "jericho/syscall.h"

/* The program's entry: `arg` is the value the kernel passed at task start. Its return is the exit code. */
int64_t main(uint64_t arg);

/*
 * Where the boot-test harness (the root task for now) puts the capabilities
 * every test program gets: a convention of this library, not of the kernel,
 * which gives a task nothing it was not handed.
 */
#define JX_SLOT_CONSOLE 0
#define JX_SLOT_CLOCK   1

/* Raw syscall: number and up to 6 arguments; only the result (arch/<arch>/start.S). */
uint64_t jx_syscall(uint64_t num, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
                    uint64_t a5);
/* Raw syscall with registers r0..r5 in and out (calls that return values in r1..r5). */
jx_error_t jx_syscall_regs(uint64_t num, uint64_t r[6]);

_Noreturn void jx_exit(int64_t code);
jx_error_t jx_yield(void);

/* Capability operations (docs/CAPABILITIES.md). */
jx_error_t jx_cap_identify(uint32_t h, unsigned *type, unsigned *rights, uint64_t *badge);
jx_error_t jx_cap_copy(uint32_t src, uint32_t dst, unsigned rights);
jx_error_t jx_cap_mint(uint32_t src, uint32_t dst, unsigned rights, uint64_t badge);
jx_error_t jx_cap_move(uint32_t src, uint32_t dst);
jx_error_t jx_cap_delete(uint32_t h);
jx_error_t jx_cap_revoke(uint32_t h);

/* Console and clock through explicit capabilities... */
jx_error_t jx_console_write(uint32_t console, const void *buf, size_t len);
jx_error_t jx_clock_read_cap(uint32_t clock, uint64_t *ns);
/* Nanoseconds since 1970-01-01 UTC (JX_CLOCK_REALTIME). */
jx_error_t jx_clock_realtime_cap(uint32_t clock, uint64_t *ns);
jx_error_t jx_sleep_cap(uint32_t clock, uint64_t ns);
/* Signals `bits` on ntfn ns from now (ns 0: cancels). */
jx_error_t jx_clock_arm(uint32_t clock, uint32_t ntfn, uint64_t ns, uint64_t bits);
/* ...and through the conventional slots (printf's console: jx_set_debug_console). */
void jx_set_debug_console(uint32_t console);
jx_error_t jx_debug_write(const void *buf, size_t len);
jx_error_t jx_clock_read(uint64_t *ns);
jx_error_t jx_sleep_ns(uint64_t ns);
/* The clock, or 0 if reading it failed (no clock capability). */
uint64_t jx_now_ns(void);

/* A message: info word (JX_MSG_INFO), JX_MSG_REGS words, and the badge it came with. */
struct jx_msg {
    uint64_t info;
    uint64_t mr[JX_MSG_REGS];
    uint64_t badge;
};
/* This thread's IPC buffer (bytes beyond the registers, capabilities to send/receive). */
static inline struct jx_ipc_buffer *jx_ipc_buffer(void)
{
    return (struct jx_ipc_buffer *)JX_IPC_BUFFER_ADDR;
}
/*
 * The message-passing wrappers are inline, as seL4's are: a loop of calls
 * keeps its message in registers and makes no call into the library, which
 * is a third of the user side of a round trip (BENCHMARKS.md).
 */
#include "jx_sys.h"

/* r1..r5 of a received message back into m. */
static inline void jx_msg_out(const uint64_t r[6], struct jx_msg *m)
{
    m->info = r[1];
    for (int i = 0; i < JX_MSG_REGS; i++)
        m->mr[i] = r[2 + i];
    m->badge = r[5];
}

static inline jx_error_t jx_send(uint32_t ep, const struct jx_msg *m, uint64_t timeout_ns)
{
    uint64_t r[6] = { ep, m->info, m->mr[0], m->mr[1], m->mr[2], timeout_ns };
    return (jx_error_t)jx_arch_syscall6(JX_SYS_SEND, r);
}

/* reply: JX_CAP_NONE for a receive that takes no calls. */
static inline jx_error_t jx_recv(uint32_t ep, uint32_t reply, struct jx_msg *m, uint64_t timeout_ns)
{
    uint64_t r[6] = { ep | (uint64_t)reply << 32, 0, 0, 0, 0, timeout_ns };
    jx_error_t err = (jx_error_t)jx_arch_syscall6(JX_SYS_RECV, r);
    if (err == JX_OK)
        jx_msg_out(r, m);
    return err;
}

/* m is the request in, the answer out. */
static inline jx_error_t jx_call(uint32_t ep, struct jx_msg *m)
{
    uint64_t r[6] = { ep, m->info, m->mr[0], m->mr[1], m->mr[2], 0 };
    jx_error_t err = (jx_error_t)jx_arch_syscall6(JX_SYS_CALL, r);
    if (err == JX_OK)
        jx_msg_out(r, m);
    return err;
}

static inline jx_error_t jx_reply(uint32_t reply, const struct jx_msg *m)
{
    uint64_t r[6] = { reply, m->info, m->mr[0], m->mr[1], m->mr[2], 0 };
    return (jx_error_t)jx_arch_syscall6(JX_SYS_REPLY, r);
}

/* m is the answer in (ignored if no call is bound to reply), the next message out. */
static inline jx_error_t jx_reply_recv(uint32_t ep, uint32_t reply, struct jx_msg *m,
                                       uint64_t timeout_ns)
{
    uint64_t r[6] = {
        ep | (uint64_t)reply << 32, m->info, m->mr[0], m->mr[1], m->mr[2], timeout_ns
    };
    jx_error_t err = (jx_error_t)jx_arch_syscall6(JX_SYS_REPLY_RECV, r);
    if (err == JX_OK)
        jx_msg_out(r, m);
    return err;
}
jx_error_t jx_signal(uint32_t ntfn, uint64_t bits);
jx_error_t jx_wait(uint32_t ntfn, uint64_t *bits, uint64_t timeout_ns);
/* IRQ handlers: claim a line from IRQ control, bind it to a notification (ntfn JX_CAP_NONE: unbind), unmask it. */
jx_error_t jx_irq_get(uint32_t irqctl, uint64_t line, uint32_t dst);
jx_error_t jx_irq_bind(uint32_t irq, uint32_t ntfn, uint64_t bits);
jx_error_t jx_irq_ack(uint32_t irq);
/* wait without blocking: JX_EAGAIN when no bit is set. */
jx_error_t jx_poll(uint32_t ntfn, uint64_t *bits);

/* Memory: objects made from a quota, its usage, Frames mapped into AddressSpaces. */
jx_error_t jx_quota_alloc(uint32_t quota, jx_obj_type_t type, uint32_t dst, uint64_t size);
jx_error_t jx_quota_info(uint32_t quota, uint64_t *limit, uint64_t *used);
jx_error_t jx_map(uint32_t aspace, uint32_t frame, uintptr_t va, unsigned rights);
jx_error_t jx_unmap(uint32_t aspace, uintptr_t va);
jx_error_t jx_protect(uint32_t aspace, uintptr_t va, unsigned rights);
/* A demand-zero region [va, va+size): pages mapped on first touch, charged to quota (JX_SYS_ASPACE_RESERVE). */
jx_error_t jx_reserve(uint32_t aspace, uintptr_t va, uint64_t size, uint32_t quota,
                      unsigned rights);
/* Removes the region that begins at va; its pages go back to its quota (JX_SYS_ASPACE_RELEASE). */
jx_error_t jx_release(uint32_t aspace, uintptr_t va);

/* Task control through a Task capability. */
jx_error_t jx_task_start(uint32_t task);
jx_error_t jx_task_stop(uint32_t task);
jx_error_t jx_task_set(uint32_t task, unsigned what, uint64_t value);
/* When the task ends, `bits` are signalled on ntfn. */
jx_error_t jx_task_notify(uint32_t task, uint32_t ntfn, uint64_t bits);
/* A new task (not started) in slot dst, charged to quota (JX_SYS_TASK_CREATE). */
jx_error_t jx_task_create(uint32_t quota, const struct jx_task_spec *spec, uint32_t dst);
/* state: JX_TASK_NEW/ALIVE/ENDED; cause and code once ENDED; cpu_ns so far. */
jx_error_t jx_task_status(uint32_t task, unsigned *state, unsigned *cause, int64_t *code,
                          uint64_t *cpu_ns);

/* printf to the console through JX_SYS_CONSOLE_WRITE on JX_SLOT_CONSOLE; the kernel's formatting core (kvformat). */
__attribute__((format(printf, 1, 2))) int printf(const char *fmt, ...);
int vprintf(const char *fmt, va_list ap);
int puts(const char *s);
/* snprintf's contract, without floating point (kvformat's conversions). */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
__attribute__((format(printf, 3, 4))) int snprintf(char *buf, size_t size, const char *fmt, ...);

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
