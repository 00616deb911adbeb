/* SPDX-License-Identifier: MIT */
/* reader.c: bounded byte reader with the spec's LEB128 rules. */
#include "internal.h"

bool jwr_fail(jwr_t *r, jw_error_kind_t k, const char *msg)
{
    if (r->err && r->err->kind == JW_OK)
        jw__err(r->err, k, jwr_off(r), msg);
    return false;
}

/* Unsigned/signed LEB128 of at most `bits` bits. The last byte's unused bits
 * must be zero (unsigned) or a sign extension (signed): "integer too large";
 * a longer encoding is "integer representation too long". The bytes before
 * the last allowed one need no checks beyond the end of input. Inline:
 * specialized by width and signedness. */
static inline __attribute__((always_inline)) bool rd_leb(jwr_t *r, unsigned bits, bool sign,
                                                         uint64_t *out)
{
    unsigned maxbytes = (bits + 6) / 7, i, shift = 0;
    const uint8_t *p = r->p;
    size_t avail = (size_t)(r->end - p);
    size_t n = avail < maxbytes - 1 ? avail : maxbytes - 1;
    uint64_t v = 0;
    for (i = 0; i < n; i++, shift += 7) {
        v |= (uint64_t)(p[i] & 0x7f) << shift;
        if (!(p[i] & 0x80)) {
            r->p = p + i + 1;
            shift += 7;
            if (sign && (p[i] & 0x40))
                v |= ~(uint64_t)0 << shift; /* shift < bits <= 64 */
            *out = v;
            return true;
        }
    }
    if (i == avail) {
        r->p = r->end;
        return jwr_fail(r, JW_ERR_MALFORMED, "unexpected end");
    }
    uint8_t b = p[i]; /* the last byte allowed */
    r->p = p + i + 1;
    unsigned used = bits - shift; /* payload bits in this byte */
    uint8_t rest = (uint8_t)(b >> used); /* unused payload bits */
    uint8_t mask = (uint8_t)(0x7f >> used);
    if (b & 0x80)
        return jwr_fail(r, JW_ERR_MALFORMED, "integer representation too long");
    if (!sign) {
        if (rest)
            return jwr_fail(r, JW_ERR_MALFORMED, "integer too large");
    } else {
        bool neg = (b >> (used - 1)) & 1;
        if (rest != (neg ? mask : 0))
            return jwr_fail(r, JW_ERR_MALFORMED, "integer too large");
    }
    v |= (uint64_t)(b & 0x7f) << shift;
    shift += 7;
    if (sign && shift < 64 && ((v >> (shift - 1)) & 1))
        v |= ~(uint64_t)0 << shift;
    *out = v;
    return true;
}

bool jwr_u32_leb(jwr_t *r, uint32_t *v)
{
    uint64_t x;
    if (!rd_leb(r, 32, false, &x))
        return false;
    *v = (uint32_t)x;
    return true;
}

bool jwr_s32_leb(jwr_t *r, int32_t *v)
{
    uint64_t x;
    if (!rd_leb(r, 32, true, &x))
        return false;
    *v = (int32_t)(uint32_t)x;
    return true;
}

bool jwr_s33(jwr_t *r, int64_t *v)
{
    uint64_t x;
    if (!rd_leb(r, 33, true, &x))
        return false;
    *v = (int64_t)x;
    return true;
}

bool jwr_s64(jwr_t *r, int64_t *v)
{
    uint64_t x;
    if (!rd_leb(r, 64, true, &x))
        return false;
    *v = (int64_t)x;
    return true;
}

bool jwr_bytes(jwr_t *r, size_t n, const uint8_t **out)
{
    if ((size_t)(r->end - r->p) < n) {
        r->p = r->end;
        return jwr_fail(r, JW_ERR_MALFORMED, "unexpected end");
    }
    *out = r->p;
    r->p += n;
    return true;
}

bool jwr_count(jwr_t *r, uint32_t *n, uint32_t min_size)
{
    if (!jwr_u32(r, n))
        return false;
    if ((uint64_t)*n * min_size > (uint64_t)(r->end - r->p))
        return jwr_fail(r, JW_ERR_MALFORMED, "unexpected end");
    return true;
}

bool jwr_valtype(jwr_t *r, jw_valtype_t *t)
{
    uint8_t b;
    if (!jwr_u8(r, &b))
        return false;
    switch (b) {
    case JW_I32:
    case JW_I64:
    case JW_F32:
    case JW_F64:
    case JW_FUNCREF:
    case JW_EXTERNREF:
    case JW_V128: *t = (jw_valtype_t)b; return true;
    default: r->p--; return jwr_fail(r, JW_ERR_MALFORMED, "malformed value type");
    }
}
