/* SPDX-License-Identifier: MIT */
/* kprintf.c: the portable printf core; formats into a byte sink, no libc, no FPU. */
#include <stdbool.h>
#include <stdint.h>
#include "kprintf.h"

/* What one conversion specification asked for. */
struct spec {
    bool left;       /* '-' */
    bool zero;       /* '0' */
    bool alt;        /* '#': "0x"/"0X" before non-zero hex */
    int width;
    char length;     /* 'H' hh, 'h', 'l', 'L' ll/j/z/t (64-bit), 0 none */
    char conv;
};

/* The sink plus a running count, so every path reports the same total. */
struct out {
    kfmt_sink_t sink;
    void *ctx;
    int count;
};

static void emit(struct out *o, char c)
{
    o->sink(o->ctx, c);
    o->count++;
}

static void emit_repeat(struct out *o, char c, int n)
{
    for (; n > 0; n--)
        emit(o, c);
}

/* Writes `body` (len bytes) after `prefix`, padded to the width as spec asks. */
static void emit_field(struct out *o, const struct spec *s, const char *prefix, const char *body,
                       int len)
{
    int plen = 0;
    while (prefix[plen])
        plen++;
    int pad = s->width > len + plen ? s->width - len - plen : 0;
    if (!s->left && !s->zero)
        emit_repeat(o, ' ', pad);
    for (int i = 0; i < plen; i++)
        emit(o, prefix[i]);
    if (!s->left && s->zero)
        emit_repeat(o, '0', pad);   /* zeros go between sign/0x and digits */
    for (int i = 0; i < len; i++)
        emit(o, body[i]);
    if (s->left)
        emit_repeat(o, ' ', pad);
}

/* Digits of v in `base`, most significant first, into buf (>= 64 bytes). */
static int to_digits(uint64_t v, unsigned base, bool upper, char *buf)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[64];
    int n = 0;
    do {
        tmp[n++] = digits[v % base];
        v /= base;
    } while (v);
    for (int i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    return n;
}

static int64_t arg_signed(const struct spec *s, va_list *ap)
{
    switch (s->length) {
    case 'H': return (signed char)va_arg(*ap, int);
    case 'h': return (short)va_arg(*ap, int);
    case 'l': return va_arg(*ap, long);
    case 'L': return va_arg(*ap, long long);
    default: return va_arg(*ap, int);
    }
}

static uint64_t arg_unsigned(const struct spec *s, va_list *ap)
{
    switch (s->length) {
    case 'H': return (unsigned char)va_arg(*ap, unsigned);
    case 'h': return (unsigned short)va_arg(*ap, unsigned);
    case 'l': return va_arg(*ap, unsigned long);
    case 'L': return va_arg(*ap, unsigned long long);
    default: return va_arg(*ap, unsigned);
    }
}

static void format_int(struct out *o, const struct spec *s, va_list *ap)
{
    char buf[64];
    const char *prefix = "";
    uint64_t mag;
    if (s->conv == 'd' || s->conv == 'i') {
        int64_t v = arg_signed(s, ap);
        /* Negate in unsigned arithmetic: -INT64_MIN is undefined in int64_t. */
        mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
        if (v < 0)
            prefix = "-";
    } else {
        mag = arg_unsigned(s, ap);
    }
    bool hex = s->conv == 'x' || s->conv == 'X';
    if (hex && s->alt && mag)
        prefix = s->conv == 'X' ? "0X" : "0x";
    int n = to_digits(mag, hex ? 16 : 10, s->conv == 'X', buf);
    emit_field(o, s, prefix, buf, n);
}

static void format_pointer(struct out *o, const struct spec *s, va_list *ap)
{
    char buf[64];
    uint64_t v = (uintptr_t)va_arg(*ap, void *);
    int full = (int)sizeof(void *) * 2;
    int n = to_digits(v, 16, false, buf);
    /* Always every digit: addresses line up and are easy to match in tests. */
    char padded[64];
    int z = full - n;
    for (int i = 0; i < z; i++)
        padded[i] = '0';
    for (int i = 0; i < n; i++)
        padded[z + i] = buf[i];
    emit_field(o, s, "0x", padded, full);
}

static void format_string(struct out *o, const struct spec *s, va_list *ap)
{
    const char *str = va_arg(*ap, const char *);
    if (!str)
        str = "(null)";
    int len = 0;
    while (str[len])
        len++;
    struct spec plain = *s;
    plain.zero = false;    /* zero padding is for numbers only */
    emit_field(o, &plain, "", str, len);
}

static void format_char(struct out *o, const struct spec *s, va_list *ap)
{
    char c = (char)va_arg(*ap, int);
    struct spec plain = *s;
    plain.zero = false;
    emit_field(o, &plain, "", &c, 1);
}

/* Parses flags, width and length after '%'; returns where the conversion is. */
static const char *parse_spec(const char *p, struct spec *s, va_list *ap)
{
    *s = (struct spec){ 0 };
    for (;; p++) {
        if (*p == '-')
            s->left = true;
        else if (*p == '0')
            s->zero = true;
        else if (*p == '#')
            s->alt = true;
        else
            break;
    }
    if (*p == '*') {
        int w = va_arg(*ap, int);
        if (w < 0) {
            s->left = true;
            w = w == INT32_MIN ? 0 : -w;
        }
        s->width = w;
        p++;
    }
    for (; *p >= '0' && *p <= '9'; p++)
        s->width = s->width < 100000 ? s->width * 10 + (*p - '0') : s->width;
    if (p[0] == 'h' && p[1] == 'h') {
        s->length = 'H';
        p += 2;
    } else if (p[0] == 'l' && p[1] == 'l') {
        s->length = 'L';
        p += 2;
    } else if (*p == 'h' || *p == 'l') {
        s->length = *p++;
    } else if (*p == 'z' || *p == 'j' || *p == 't') {
        /* size_t, intmax_t, ptrdiff_t: 64-bit on every target we build for. */
        _Static_assert(sizeof(size_t) == sizeof(long long), "64-bit size_t");
        s->length = 'L';
        p++;
    }
    s->conv = *p;
    return p;
}

/* Formats one specification; returns false if the conversion is unknown. */
static bool format_one(struct out *o, const struct spec *s, va_list *ap)
{
    switch (s->conv) {
    case 'd':
    case 'i':
    case 'u':
    case 'x':
    case 'X': format_int(o, s, ap); return true;
    case 'p': format_pointer(o, s, ap); return true;
    case 's': format_string(o, s, ap); return true;
    case 'c': format_char(o, s, ap); return true;
    case '%': emit(o, '%'); return true;
    default: return false;
    }
}

int kvformat(kfmt_sink_t sink, void *ctx, const char *fmt, va_list ap)
{
    struct out o = { sink, ctx, 0 };
    va_list args;
    va_copy(args, ap);   /* walked through a pointer by the helpers */
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            emit(&o, *p);
            continue;
        }
        const char *start = p;
        struct spec s;
        p = parse_spec(p + 1, &s, &args);
        if (!format_one(&o, &s, &args)) {
            /* Unknown: print the specification as written, so it shows. */
            for (const char *q = start; q <= p && *q; q++)
                emit(&o, *q);
            if (!*p)
                break;
        }
    }
    va_end(args);
    return o.count;
}

/* Sink state for kvsnprintf: bytes beyond the buffer are counted, not stored. */
struct bufsink {
    char *buf;
    size_t size, len;
};

static void buf_put(void *ctx, char c)
{
    struct bufsink *b = ctx;
    if (b->len + 1 < b->size)
        b->buf[b->len] = c;
    b->len++;
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct bufsink b = { buf, size, 0 };
    int n = kvformat(buf_put, &b, fmt, ap);
    if (size)
        buf[b.len < size ? b.len : size - 1] = '\0';
    return n;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = kvsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
