/* SPDX-License-Identifier: MIT */
/* wasm_builder.c: byte buffers and LEB128 encoding for hand-built test modules. */
#include <stdlib.h>
#include <string.h>
#include "wasm_builder.h"

void wb_free(wb_t *b)
{
    free(b->buf);
    *b = (wb_t){ 0 };
}

static bool reserve(wb_t *b, size_t n)
{
    if (b->oom)
        return false;
    if (b->len + n <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + n)
        cap *= 2;
    uint8_t *nb = realloc(b->buf, cap);
    if (!nb)
        return b->oom = true, false;
    b->buf = nb, b->cap = cap;
    return true;
}

void wb_bytes(wb_t *b, const void *p, size_t n)
{
    if (n && reserve(b, n)) {
        memcpy(b->buf + b->len, p, n);
        b->len += n;
    }
}

void wb_byte(wb_t *b, uint8_t x) { wb_bytes(b, &x, 1); }

void wb_u32(wb_t *b, uint32_t x)
{
    do {
        uint8_t byte = x & 0x7f;
        x >>= 7;
        wb_byte(b, (uint8_t)(byte | (x ? 0x80 : 0)));
    } while (x);
}

void wb_s32(wb_t *b, int32_t x)
{
    int64_t v = x; /* arithmetic shift on a wide type avoids UB worries */
    for (;;) {
        uint8_t byte = (uint8_t)(v & 0x7f);
        v >>= 7;
        bool done = (v == 0 && !(byte & 0x40)) || (v == -1 && (byte & 0x40));
        wb_byte(b, (uint8_t)(byte | (done ? 0 : 0x80)));
        if (done)
            return;
    }
}

void wb_name(wb_t *b, const char *s)
{
    size_t n = strlen(s);
    wb_u32(b, (uint32_t)n);
    wb_bytes(b, s, n);
}

void wb_header(wb_t *b)
{
    static const uint8_t h[8] = { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00 };
    wb_bytes(b, h, sizeof h);
}

void wb_section(wb_t *b, uint8_t id, const wb_t *content)
{
    wb_byte(b, id);
    wb_u32(b, (uint32_t)content->len);
    wb_bytes(b, content->buf, content->len);
    if (content->oom)
        b->oom = true;
}

void wb_body(wb_t *code_section, const wb_t *body)
{
    wb_u32(code_section, (uint32_t)body->len);
    wb_bytes(code_section, body->buf, body->len);
    if (body->oom)
        code_section->oom = true;
}
