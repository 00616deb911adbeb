/* SPDX-License-Identifier: MIT */
/* gen_module.c: writes a large valid wasm module for the translation-speed benchmark. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A growable byte buffer. */
typedef struct buf {
    uint8_t *p;
    size_t len, cap;
} buf_t;

static void put(buf_t *b, uint8_t byte)
{
    if (b->len == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 4096;
        b->p = realloc(b->p, b->cap);
        if (!b->p)
            exit(1);
    }
    b->p[b->len++] = byte;
}

static void put_bytes(buf_t *b, const void *src, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put(b, ((const uint8_t *)src)[i]);
}

static void put_uleb(buf_t *b, uint64_t v)
{
    do {
        uint8_t byte = v & 0x7f;
        v >>= 7;
        put(b, v ? byte | 0x80 : byte);
    } while (v);
}

static void put_sleb(buf_t *b, int64_t v)
{
    for (;;) {
        uint8_t byte = v & 0x7f;
        v >>= 7; /* arithmetic shift on the targets we build for */
        if ((v == 0 && !(byte & 0x40)) || (v == -1 && (byte & 0x40))) {
            put(b, byte);
            return;
        }
        put(b, byte | 0x80);
    }
}

static void put_section(buf_t *out, uint8_t id, const buf_t *body)
{
    put(out, id);
    put_uleb(out, body->len);
    put_bytes(out, body->p, body->len);
}

static uint64_t rng = 0x2545f4914f6cdd1dull;

static unsigned rnd(unsigned n)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17; /* xorshift64 */
    return (unsigned)(rng % n);
}

/* Locals of every function: 0,1 params i32; 2,3 i32; 4 i64; 5 f64.
 * Calls go to the functions generated so far (or to itself). */
static unsigned nfuncs;

/* An i32 expression of bounded depth (leaves one i32 on the stack). */
static void expr(buf_t *b, int depth)
{
    static const uint8_t binops[] = { 0x6a, 0x6b, 0x6c, 0x71, 0x72, 0x73, 0x74, 0x76, 0x46, 0x48 };
    unsigned k = depth <= 0 ? rnd(2) : rnd(6);
    switch (k) {
    case 0: put(b, 0x41), put_sleb(b, (int32_t)rnd(100000) - 50000); break; /* i32.const */
    case 1: put(b, 0x20), put_uleb(b, rnd(4)); break;                        /* local.get */
    case 2:
    case 3: expr(b, depth - 1), expr(b, depth - 1), put(b, binops[rnd(sizeof binops)]); break;
    case 4: /* i32.load (addr & 0xfffc) */
        expr(b, depth - 1), put(b, 0x41), put_sleb(b, 0xfffc), put(b, 0x71);
        put(b, 0x28), put(b, 2), put_uleb(b, rnd(64) * 4);
        break;
    default: /* i32.wrap_i64 (local 4) */ put(b, 0x20), put(b, 4), put(b, 0xa7); break;
    }
}

/* A statement (stack-neutral). */
static void stmt(buf_t *b, int depth)
{
    switch (depth <= 0 ? rnd(3) : rnd(7)) {
    case 0: expr(b, 3), put(b, 0x21), put_uleb(b, rnd(4)); break; /* local.set */
    case 1: /* i32.store (addr & 0xfffc) value */
        expr(b, 1), put(b, 0x41), put_sleb(b, 0xfffc), put(b, 0x71), expr(b, 2);
        put(b, 0x36), put(b, 2), put_uleb(b, rnd(64) * 4);
        break;
    case 2: /* local 4 = local 4 * c + extend(expr); local 5 = local 5 * 0.5 + convert(expr) */
        put(b, 0x20), put(b, 4), put(b, 0x42), put_sleb(b, 6364136223846793005ll), put(b, 0x7e);
        expr(b, 2), put(b, 0xad), put(b, 0x7c), put(b, 0x21), put(b, 4);
        put(b, 0x20), put(b, 5), put(b, 0x44);
        put_bytes(b, &(double){ 0.5 }, 8); /* little-endian host */
        put(b, 0xa2), expr(b, 2), put(b, 0xb7), put(b, 0xa0), put(b, 0x21), put(b, 5);
        break;
    case 3:
    case 4: /* if (expr) stmts else stmts end */
        expr(b, 2), put(b, 0x04), put(b, 0x40);
        for (unsigned i = rnd(3) + 1; i--;)
            stmt(b, depth - 1);
        put(b, 0x05);
        for (unsigned i = rnd(3); i--;)
            stmt(b, depth - 1);
        put(b, 0x0b);
        break;
    case 5: /* counted loop on local 3 */
        put(b, 0x41), put_sleb(b, rnd(10) + 1), put(b, 0x21), put(b, 3);
        put(b, 0x03), put(b, 0x40);
        for (unsigned i = rnd(3) + 1; i--;)
            stmt(b, depth - 1);
        put(b, 0x20), put(b, 3), put(b, 0x41), put(b, 1), put(b, 0x6b), put(b, 0x22), put(b, 3);
        put(b, 0x0d), put(b, 0), put(b, 0x0b); /* local.tee 3; br_if 0; end */
        break;
    default: /* drop (call f (expr) (expr)) */
        expr(b, 1), expr(b, 1), put(b, 0x10), put_uleb(b, rnd(nfuncs + 1)), put(b, 0x1a);
        break;
    }
}

static void function_body(buf_t *code)
{
    buf_t body = { 0 };
    put(&body, 3); /* local declarations: 2 i32, 1 i64, 1 f64 */
    put(&body, 2), put(&body, 0x7f), put(&body, 1), put(&body, 0x7e);
    put(&body, 1), put(&body, 0x7c);
    for (unsigned i = 4 + rnd(8); i--;)
        stmt(&body, 2);
    put(&body, 0x20), put(&body, 0), put(&body, 0x20), put(&body, 2), put(&body, 0x6a);
    put(&body, 0x0b);
    put_uleb(code, body.len);
    put_bytes(code, body.p, body.len);
    free(body.p);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gen-module MIN_CODE_BYTES OUT.wasm\n");
        return 2;
    }
    size_t want = strtoull(argv[1], NULL, 10);
    buf_t out = { 0 }, sec = { 0 }, code = { 0 }, bodies = { 0 };
    /* As many functions (~300 bytes each) as it takes to pass `want` bytes. */
    for (nfuncs = 0; bodies.len < want; nfuncs++)
        function_body(&bodies);
    put_bytes(&out, "\0asm\1\0\0\0", 8);
    static const uint8_t type_sec[] = { 1, 0x60, 2, 0x7f, 0x7f, 1, 0x7f };
    sec.len = 0, put_bytes(&sec, type_sec, sizeof type_sec), put_section(&out, 1, &sec);
    sec.len = 0, put_uleb(&sec, nfuncs);
    for (unsigned i = 0; i < nfuncs; i++)
        put(&sec, 0);
    put_section(&out, 3, &sec);
    static const uint8_t mem_sec[] = { 1, 0, 1 }; /* one memory, min 1 page */
    sec.len = 0, put_bytes(&sec, mem_sec, sizeof mem_sec), put_section(&out, 5, &sec);
    put_uleb(&code, nfuncs);
    put_bytes(&code, bodies.p, bodies.len);
    put_section(&out, 10, &code);
    FILE *f = fopen(argv[2], "wb");
    if (!f || fwrite(out.p, 1, out.len, f) != out.len || fclose(f) != 0) {
        perror(argv[2]);
        return 1;
    }
    printf("%s: %u functions, %zu bytes of code, %zu bytes in all\n", argv[2], nfuncs, code.len,
           out.len);
    free(out.p), free(sec.p), free(code.p), free(bodies.p);
    return 0;
}
