/* SPDX-License-Identifier: MIT */
/* wasi_proc.c: proc_exit and random_get. */
#include "wasi_internal.h"

/* proc_exit(code): records the code; the trampoline then ends the guest
 * with a JW_TRAP_HOST trap (see wasi_exited()). */
uint16_t wasi_proc_exit(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    const wasi_platform_t *p = ctx->cfg.platform;
    (void)call;
    ctx->exited = true;
    ctx->exit_code = wasi_arg32(args, 0);
    if (p->exit)
        p->exit(p->ud, ctx->exit_code);
    return WASI_ESUCCESS;
}

/* random_get(buf, buf_len) */
uint16_t wasi_random_get(wasi_ctx_t *ctx, jw_host_call_t *call, const jw_value_t *args)
{
    const wasi_platform_t *p = ctx->cfg.platform;
    uint8_t *buf;
    uint32_t len = wasi_arg32(args, 1);
    if (!wasi_mem_span(call, wasi_arg32(args, 0), len, &buf))
        return WASI_EFAULT;
    return len ? p->random(p->ud, buf, len) : WASI_ESUCCESS;
}
