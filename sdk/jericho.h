/* SPDX-License-Identifier: MIT */
/* jericho.h: the capability API of JerichoOS for WebAssembly modules: the imports of module "jericho". */
#pragma once
#include <stdint.h>
#include "../include/jericho/cap.h"
#include "../include/jericho/error.h"

/*
 * A module built with clang-19 --target=wasm32-wasi includes this header
 * (-I sdk) and calls these functions; the wasm runner (user/runner/caps.c)
 * implements them on the kernel's capabilities. Nothing here is ambient:
 *
 * - A capability is named by a small integer handle. The module's handles
 *   are exactly those its manifest line gave it, those it received in a
 *   message and those it made with jericho_cap_copy; any other number is
 *   refused (-JX_EBADSLOT or -JX_EEMPTY), whatever the runner holds.
 * - jericho_handle() finds a given capability by its manifest name:
 *   "console", "clock", "serve:NAME", "call:NAME", "signal:NAME",
 *   "wait:NAME" (docs/MANIFEST.md).
 * - Every call returns 0 (or a handle, >= 0) on success and a negative
 *   jx_error_t on failure: -JX_EPERM for a missing right, -JX_EFAULT for a
 *   buffer outside linear memory, and so on (docs/syscalls.md).
 * - A message carries a label (a free 32-bit word), up to
 *   JERICHO_MSG_MAX bytes and at most one capability; the receiver learns
 *   the sender's badge, which the manifest's `call:` gives every caller
 *   (docs/MANIFEST.md), so a server can tell its clients apart.
 * - Timeouts are in nanoseconds: JERICHO_NOWAIT never blocks (-JX_EAGAIN),
 *   JERICHO_FOREVER blocks until a partner comes.
 */
#define JERICHO_MSG_MAX JX_IPC_DATA_MAX
#define JERICHO_NOWAIT  0ull
#define JERICHO_FOREVER UINT64_MAX
#define JERICHO_NO_CAP  (-1)

/* A received message (recv) or answer (call). */
typedef struct {
    uint32_t len; /* bytes that arrived; more than the buffer held: the rest was cut */
    uint32_t label; /* the sender's label */
    uint64_t badge; /* the badge of the capability the sender used (0 for a reply) */
    int32_t cap; /* the handle of a capability that came with it, or JERICHO_NO_CAP */
    uint32_t reserved;
} jericho_msg_t;

/* What jericho_cap_identify reports. */
typedef struct {
    uint32_t type; /* jx_obj_type_t: JX_OBJ_ENDPOINT, ... */
    uint32_t rights; /* JX_RIGHT_* */
    uint64_t badge;
} jericho_cap_info_t;

#define JERICHO_IMPORT(name) __attribute__((import_module("jericho"), import_name(name)))

/* The handle of the capability the manifest named `name` (len bytes), or -JX_ENOENT. */
JERICHO_IMPORT("handle") int32_t jericho_handle_n(const char *name, uint32_t len);
/* Writes len bytes to a console capability (needs WRITE). */
JERICHO_IMPORT("print") int32_t jericho_print(int32_t console, const void *buf, uint32_t len);

/* Sends a message to an endpoint (needs WRITE; with a capability, GRANT too). cap: JERICHO_NO_CAP or a handle to pass on. */
JERICHO_IMPORT("send")
int32_t jericho_send(int32_t ep, uint32_t label, const void *buf, uint32_t len, int32_t cap,
                     uint64_t timeout_ns);
/* Sends and waits for the answer, which lands in reply (at most reply_max bytes) and *out. */
JERICHO_IMPORT("call")
int32_t jericho_call(int32_t ep, uint32_t label, const void *buf, uint32_t len, int32_t cap,
                     void *reply, uint32_t reply_max, jericho_msg_t *out);
/* Receives on an endpoint (needs READ). If it was a call, jericho_reply answers it. */
JERICHO_IMPORT("recv")
int32_t jericho_recv(int32_t ep, void *buf, uint32_t max, jericho_msg_t *out, uint64_t timeout_ns);
/* Answers the call received last (-JX_EEMPTY if there is none or it was answered). */
JERICHO_IMPORT("reply")
int32_t jericho_reply(uint32_t label, const void *buf, uint32_t len, int32_t cap);

/* ORs bits into a notification (needs WRITE). */
JERICHO_IMPORT("signal") int32_t jericho_signal(int32_t ntfn, uint64_t bits);
/* Waits for a notification's bits and clears them (needs READ); -JX_ETIMEDOUT after timeout_ns. */
JERICHO_IMPORT("wait") int32_t jericho_wait(int32_t ntfn, uint64_t *bits, uint64_t timeout_ns);

/* The type, rights and badge of a handle. */
JERICHO_IMPORT("cap_identify") int32_t jericho_cap_identify(int32_t h, jericho_cap_info_t *out);
/* A new handle to the same object with rights & h's rights; returns the new handle. */
JERICHO_IMPORT("cap_copy") int32_t jericho_cap_copy(int32_t h, uint32_t rights);
/* Gives the handle up. */
JERICHO_IMPORT("cap_delete") int32_t jericho_cap_delete(int32_t h);

static inline int32_t jericho_handle(const char *name)
{
    return jericho_handle_n(name, (uint32_t)__builtin_strlen(name));
}

_Static_assert(JX_ERROR_COUNT == 16, "jericho_error_name lists every jx_error_t");

/* The name of an error (a negative return or a jx_error_t): "JX_EPERM", ... */
static inline const char *jericho_error_name(int32_t err)
{
    static const char *const names[JX_ERROR_COUNT] = {
        "JX_OK",     "JX_EINVAL",   "JX_EFAULT",    "JX_ENOMEM",     "JX_ENOSYS", "JX_EEXIST",
        "JX_ENOENT", "JX_EBADSLOT", "JX_EEMPTY",    "JX_ETYPE",      "JX_ESTALE", "JX_EPERM",
        "JX_EBUSY",  "JX_EAGAIN",   "JX_ETIMEDOUT", "JX_EDESTROYED",
    };
    int32_t e = err < 0 ? -err : err;
    return e < JX_ERROR_COUNT ? names[e] : "unknown error";
}
