/* SPDX-License-Identifier: MIT */
/* values.c: --invoke arguments from text and results to text. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jericho.h"

/* Parses a decimal or 0x-hex integer with an optional sign into the
 * two's-complement bits of a `bits`-wide integer: accepts the signed and the
 * unsigned range both, like the text format. */
static bool parse_int(const char *text, unsigned bits, uint64_t *out)
{
    const char *s = text;
    bool neg = *s == '-';
    if (*s == '-' || *s == '+')
        s++;
    int base = (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) ? 16 : 10;
    if (!(*s >= '0' && *s <= '9'))
        return false; /* strtoull would skip blanks */
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, base);
    if (errno || *end || end == s)
        return false;
    uint64_t umax = bits == 64 ? UINT64_MAX : (UINT64_C(1) << bits) - 1;
    uint64_t neg_max = UINT64_C(1) << (bits - 1); /* magnitude of the minimum */
    if (neg ? v > neg_max : v > umax)
        return false;
    *out = (neg ? (uint64_t)0 - v : v) & umax;
    return true;
}

bool value_parse(jw_valtype_t type, const char *text, jw_value_t *out)
{
    char *end;
    uint64_t bits;
    memset(out, 0, sizeof *out);
    out->type = type;
    switch (type) {
    case JW_I32:
    case JW_I64:
        if (!parse_int(text, type == JW_I32 ? 32 : 64, &bits))
            break;
        if (type == JW_I32)
            out->of.i32 = (uint32_t)bits;
        else
            out->of.i64 = bits;
        return true;
    case JW_F32: {
        float f = strtof(text, &end);
        if (end == text || *end)
            break;
        memcpy(&out->of.f32, &f, sizeof f);
        return true;
    }
    case JW_F64: {
        double d = strtod(text, &end);
        if (end == text || *end)
            break;
        memcpy(&out->of.f64, &d, sizeof d);
        return true;
    }
    default:
        fprintf(stderr, "jericho: --invoke: parameters of type %s are not supported\n",
                jw_valtype_name(type));
        return false;
    }
    fprintf(stderr, "jericho: --invoke: '%s' is not a valid %s\n", text, jw_valtype_name(type));
    return false;
}

void value_print(const jw_value_t *v)
{
    switch (v->type) {
    case JW_I32: printf("%" PRId32 "\n", (int32_t)v->of.i32); return;
    case JW_I64: printf("%" PRId64 "\n", (int64_t)v->of.i64); return;
    case JW_F32: {
        float f;
        memcpy(&f, &v->of.f32, sizeof f);
        printf("%.9g\n", (double)f);
        return;
    }
    case JW_F64: {
        double d;
        memcpy(&d, &v->of.f64, sizeof d);
        printf("%.17g\n", d);
        return;
    }
    case JW_V128:
        printf("0x");
        for (int i = 15; i >= 0; i--)
            printf("%02x", v->of.v128[i]);
        printf("\n");
        return;
    case JW_FUNCREF:
    case JW_EXTERNREF:
        if (v->of.ref)
            printf("%s:%p\n", jw_valtype_name(v->type), v->of.ref);
        else
            printf("null\n");
        return;
    }
    printf("?\n");
}
