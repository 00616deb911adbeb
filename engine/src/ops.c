/* SPDX-License-Identifier: MIT */
/* ops.c: the internal instruction set's names, operand lengths, code check and disassembler (from ops.def). */
#include "internal.h"
#include "ops.h"

static const char *const op_names[IOP_COUNT] = {
#define X(name, handler, operands) #name,
#include "ops.def"
#undef X
};

static const char *const op_kinds[IOP_COUNT] = {
#define X(name, handler, operands) operands,
#include "ops.def"
#undef X
};

/* Operand words before the variable tail ('*'), and whether there is one. */
static const uint8_t op_fixed[IOP_COUNT] = {
#define X(name, handler, operands) sizeof operands - 1,
#include "ops.def"
#undef X
};

const char *jw__op_name(uint32_t op) { return op < IOP_COUNT ? op_names[op] : NULL; }
const char *jw__op_operands(uint32_t op) { return op < IOP_COUNT ? op_kinds[op] : NULL; }

uint32_t jw__op_len(const uint32_t *code, uint32_t len, uint32_t pc)
{
    if (pc >= len || code[pc] >= IOP_COUNT)
        return 0;
    uint32_t op = code[pc], n = op_fixed[op];
    uint64_t words = 1 + (uint64_t)n;
    if (n && op_kinds[op][n - 1] == '*') {
        /* BR_TABLE a n t0..tn; CONSTS d n (lo hi) x n: the count is word 2. */
        if ((uint64_t)pc + 2 >= len)
            return 0;
        uint64_t tail =
            op == IOP_BR_TABLE ? (uint64_t)code[pc + 2] + 1 : 2 * (uint64_t)code[pc + 2];
        words = n + tail; /* the '*' itself is no word */
    }
    return (uint64_t)pc + words <= len ? (uint32_t)words : 0;
}

/* The kind of operand word k (1-based) of the instruction at pc. */
static char op_kind(const uint32_t *code, uint32_t pc, uint32_t k)
{
    uint32_t op = code[pc], n = op_fixed[op];
    const char *kinds = op_kinds[op];
    if (n && kinds[n - 1] == '*' && k >= n)
        return op == IOP_BR_TABLE ? 't' : 'i';
    return kinds[k - 1];
}

bool jw__code_check(const uint32_t *code, uint32_t len, const jwm_pcmap_t *map, uint32_t n,
                    uint8_t *starts)
{
    uint32_t pc = 0;
    while (pc < len) { /* whole instructions, up to exactly len */
        uint32_t w = jw__op_len(code, len, pc);
        if (!w)
            return false;
        starts[pc] = 1;
        for (uint32_t k = 1; k < w; k++)
            starts[pc + k] = 0;
        pc += w;
    }
    for (pc = 0; pc < len; pc += jw__op_len(code, len, pc)) {
        for (uint32_t k = 1, w = jw__op_len(code, len, pc); k < w; k++) {
            if (op_kind(code, pc, k) != 't')
                continue;
            int64_t t = (int64_t)(pc + k) + (int32_t)code[pc + k];
            if (t < 0 || t >= len || !starts[t])
                return false;
        }
    }
    /* Map entries at starts, ascending (the last may be at len: an
     * instruction that emitted nothing, after dead code). */
    for (uint32_t i = 0; i < n; i++)
        if (map[i].pc > len || (map[i].pc < len && !starts[map[i].pc]) ||
            (i && map[i].pc <= map[i - 1].pc))
            return false;
    return true;
}

/* ---- text (no libc: small formatting helpers) ---- */

typedef struct obuf {
    char *p;
    size_t cap, n;
} obuf_t;

static void ob_char(obuf_t *b, char ch)
{
    if (b->n + 1 < b->cap)
        b->p[b->n] = ch;
    b->n++;
}
static void ob_str(obuf_t *b, const char *s)
{
    while (*s)
        ob_char(b, *s++);
}
static void ob_lower(obuf_t *b, const char *s)
{
    for (; *s; s++)
        ob_char(b, *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s);
}
static void ob_u64(obuf_t *b, uint64_t v)
{
    char t[20];
    int i = 0;
    do {
        t[i++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (i)
        ob_char(b, t[--i]);
}

uint32_t jw__op_format(const uint32_t *code, uint32_t len, uint32_t pc, char *buf, size_t cap)
{
    obuf_t b = { buf, cap, 0 };
    uint32_t w = jw__op_len(code, len, pc);
    ob_u64(&b, pc);
    ob_str(&b, ": ");
    if (!w) {
        ob_str(&b, "invalid ");
        ob_u64(&b, pc < len ? code[pc] : 0);
    } else {
        ob_lower(&b, op_names[code[pc]]);
        for (uint32_t k = 1; k < w; k++) {
            char kind = op_kind(code, pc, k);
            ob_char(&b, ' ');
            if (kind == 't') {
                ob_char(&b, '@');
                ob_u64(&b, (uint64_t)((int64_t)(pc + k) + (int32_t)code[pc + k]));
                continue;
            }
            if (kind == 'd' || kind == 's')
                ob_char(&b, kind);
            ob_u64(&b, code[pc + k]);
        }
    }
    if (cap)
        buf[b.n < cap ? b.n : cap - 1] = 0;
    return w;
}
