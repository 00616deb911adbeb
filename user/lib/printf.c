/* SPDX-License-Identifier: MIT */
/* printf.c: console printf for user programs: kvformat (kernel/lib/kprintf.c, built here too) into a buffer. */
#include "jx.h"
#include "kprintf.h"

/* Output is batched so that one printf is usually one syscall (one unbroken line). */
struct pbuf {
    char data[256];
    size_t len;
};

static void pbuf_flush(struct pbuf *b)
{
    if (b->len)
        jx_debug_write(b->data, b->len);
    b->len = 0;
}

static void pbuf_put(void *ctx, char c)
{
    struct pbuf *b = ctx;
    if (b->len == sizeof b->data)
        pbuf_flush(b);
    b->data[b->len++] = c;
}

int vprintf(const char *fmt, va_list ap)
{
    struct pbuf b = { .len = 0 };
    int n = kvformat(pbuf_put, &b, fmt, ap);
    pbuf_flush(&b);
    return n;
}

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vprintf(fmt, ap);
    va_end(ap);
    return n;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    return kvsnprintf(buf, size, fmt, ap);
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = kvsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int puts(const char *s) { return printf("%s\n", s); }
