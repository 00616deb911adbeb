/* SPDX-License-Identifier: MIT */
/* names.c: function names from the module's "name" custom section. */
#include "internal.h"

/*
 * The section is read on demand, not at load: only a trap report asks for
 * names, so loading costs nothing more and the module holds no extra
 * memory. Its layout (the spec's appendix): subsections of (id u8, size
 * u32, contents); subsection 1, the function names, is a vector of
 * (index u32, name) in increasing index order. Being a custom section it
 * may be malformed without making the module invalid: any fault reads as
 * "no name".
 */

#define NM_FUNCTION_NAMES 1

/* Positions r on the contents of subsection `id`; false if there is none. */
static bool nm_subsection(jwr_t *r, uint8_t id)
{
    while (r->p < r->end) {
        uint8_t sid;
        uint32_t size;
        const uint8_t *body;
        if (!jwr_u8(r, &sid) || !jwr_u32(r, &size) || !jwr_bytes(r, size, &body))
            return false;
        if (sid == id) {
            r->end = body + size;
            r->p = body;
            return true;
        }
    }
    return false;
}

const char *jw_module_func_name(const jw_module_t *m, uint32_t func, size_t *len)
{
    if (!m->names)
        return NULL;
    jwr_t r = { m->names, m->names + m->names_len, m->names, NULL };
    uint32_t n;
    if (!nm_subsection(&r, NM_FUNCTION_NAMES) || !jwr_u32(&r, &n))
        return NULL;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t idx, name_len;
        const uint8_t *name;
        if (!jwr_u32(&r, &idx) || !jwr_u32(&r, &name_len) || !jwr_bytes(&r, name_len, &name))
            return NULL;
        if (idx == func) {
            if (len)
                *len = name_len;
            return (const char *)name;
        }
        if (idx > func)
            return NULL; /* sorted: it is not there */
    }
    return NULL;
}
