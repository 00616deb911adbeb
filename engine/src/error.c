/* SPDX-License-Identifier: MIT */
/* error.c: names of value types and traps, and error formatting. */
#include "internal.h"

const char *jw_valtype_name(jw_valtype_t type)
{
    switch (type) {
    case JW_I32: return "i32";
    case JW_I64: return "i64";
    case JW_F32: return "f32";
    case JW_F64: return "f64";
    case JW_V128: return "v128";
    case JW_FUNCREF: return "funcref";
    case JW_EXTERNREF: return "externref";
    }
    return "?";
}

const char *jw_trap_name(jw_trap_kind_t kind)
{
    switch (kind) {
    case JW_TRAP_NONE: return "no trap";
    case JW_TRAP_UNREACHABLE: return "unreachable";
    case JW_TRAP_MEMORY_OOB: return "out of bounds memory access";
    case JW_TRAP_TABLE_OOB: return "out of bounds table access";
    case JW_TRAP_DIV_ZERO: return "integer divide by zero";
    case JW_TRAP_INT_OVERFLOW: return "integer overflow";
    case JW_TRAP_INVALID_CONVERSION: return "invalid conversion to integer";
    case JW_TRAP_INDIRECT_TYPE_MISMATCH: return "indirect call type mismatch";
    case JW_TRAP_UNDEFINED_ELEMENT: return "undefined element";
    case JW_TRAP_UNINITIALIZED_ELEMENT: return "uninitialized element";
    case JW_TRAP_NULL_REFERENCE: return "null reference";
    case JW_TRAP_CALL_STACK_EXHAUSTED: return "call stack exhausted";
    case JW_TRAP_FUEL_EXHAUSTED: return "fuel exhausted";
    case JW_TRAP_MEMORY_LIMIT: return "memory limit exceeded";
    case JW_TRAP_HOST: return "host trap";
    }
    return "unknown trap";
}

/* Appends `s` (n bytes) to the message at *pos, always NUL-terminated. */
static void er_append(jw_error_t *e, size_t *pos, const char *s, size_t n)
{
    size_t cap = sizeof e->message - 1;
    while (n-- && *pos < cap)
        e->message[(*pos)++] = *s++;
    e->message[*pos] = 0;
}

void jw__err(jw_error_t *e, jw_error_kind_t kind, size_t off, const char *msg)
{
    if (!e)
        return;
    size_t pos = 0;
    e->kind = kind;
    e->trap = JW_TRAP_NONE;
    e->func = 0;
    e->offset = off;
    e->ntrace = e->trace_depth = 0;
    e->message[0] = 0;
    er_append(e, &pos, msg, jw__strlen(msg));
}

/* "msg: name" where name may not be NUL-terminated; for link errors. */
void jw__err2(jw_error_t *e, jw_error_kind_t kind, const char *msg, const char *name,
              size_t name_len)
{
    if (!e)
        return;
    size_t pos;
    jw__err(e, kind, 0, msg);
    pos = jw__strlen(e->message);
    er_append(e, &pos, ": ", 2);
    er_append(e, &pos, name, name_len);
}

/* "msg: module.name" for link errors. */
void jw__err_import(jw_error_t *e, const char *msg, const char *module, size_t module_len,
                    const char *name, size_t name_len)
{
    if (!e)
        return;
    size_t pos;
    jw__err2(e, JW_ERR_UNLINKABLE, msg, module, module_len);
    pos = jw__strlen(e->message);
    er_append(e, &pos, ".", 1);
    er_append(e, &pos, name, name_len);
}

void jw__trap(jw_error_t *e, jw_trap_kind_t kind, uint32_t func, size_t off)
{
    if (!e)
        return;
    jw__err(e, JW_ERR_TRAP, off, jw_trap_name(kind));
    e->trap = kind;
    e->func = func;
}
