/* SPDX-License-Identifier: MIT */
/* trace.c: a trap's wasm call stack, from the frames' return links. */
#include "internal.h"

/*
 * Every wasm frame holds a return link after its locals (interp.c in_link,
 * JW_LINK_SLOTS): the return pc in the caller, the caller's fp and the
 * caller's function; the entry frame's link has a NULL fp. A trap leaves
 * the frames in place, so walking the links from the trapping frame gives
 * the call stack of this activation. A return pc points past the call
 * instruction; one word back is inside it, which the pc map attributes to
 * the call.
 */
void jw__trace(jw_error_t *e, const jw_func_t *fn, const uint32_t *pc, const uint64_t *fp)
{
    if (!e)
        return;
    e->ntrace = e->trace_depth = 0;
    for (;;) {
        if (e->ntrace < JW_TRACE_MAX) {
            jw_frame_t *f = &e->trace[e->ntrace++];
            f->module = fn->inst->module;
            f->func = fn->index;
            f->offset = jw__pc_offset(fn->code, (uint32_t)(pc - fn->code->code));
        }
        e->trace_depth++;
        if (!fp)
            return;
        const uint64_t *link = fp + fn->nlocals;
        const uint64_t *caller_fp = (const uint64_t *)(uintptr_t)link[1];
        if (!caller_fp)
            return;
        pc = (const uint32_t *)(uintptr_t)link[0] - 1;
        fn = (const jw_func_t *)(uintptr_t)link[2];
        fp = caller_fp;
    }
}
