/* SPDX-License-Identifier: MIT */
/* spec_util.c: file reading, the counting allocator and error text helpers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "spec.h"

void spec_counts_add(spec_counts_t *to, const spec_counts_t *from)
{
    to->passed += from->passed;
    to->failed += from->failed;
    to->skipped += from->skipped;
    to->text_skipped += from->text_skipped;
}

uint8_t *spec_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    uint8_t *buf = NULL;
    size_t cap = 0, used = 0;
    for (;;) {
        if (used == cap) {
            size_t ncap = cap ? cap * 2 : 4096;
            uint8_t *nbuf = realloc(buf, ncap);
            if (!nbuf) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nbuf, cap = ncap;
        }
        size_t got = fread(buf + used, 1, cap - used, f);
        used += got;
        if (got == 0)
            break;
    }
    fclose(f);
    *len = used;
    return buf;
}

/* Each block carries a 16-byte header with its size so that a free with the
 * wrong size (an engine bug the API forbids) is caught, and the payload
 * keeps the 16-byte alignment the API promises. */
#define HDR 16u
static int64_t outstanding;
static uint64_t size_mismatches;

static void *count_alloc(void *ud, size_t size)
{
    (void)ud;
    if (size > ((size_t)1 << 40))
        return NULL; /* beyond any real machine: say no instead of aborting */
    size_t total = (size + HDR + 15u) & ~(size_t)15u;
    uint8_t *p = aligned_alloc(16, total);
    if (!p)
        return NULL;
    memcpy(p, &size, sizeof size);
    outstanding += (int64_t)size;
    return p + HDR;
}

static void count_free(void *ud, void *ptr, size_t size)
{
    (void)ud;
    if (!ptr)
        return;
    uint8_t *p = (uint8_t *)ptr - HDR;
    size_t had;
    memcpy(&had, p, sizeof had);
    if (had != size && size_mismatches++ < 5)
        fprintf(stderr, "spec: engine freed %zu bytes of a %zu-byte block\n", size, had);
    outstanding -= (int64_t)had;
    free(p);
}

const jw_allocator_t spec_allocator = { count_alloc, count_free, NULL };

int64_t spec_alloc_outstanding(void) { return outstanding; }

void spec_err_reset(jw_error_t *err) { memset(err, 0, sizeof *err); }

/* The engine might leave the message unterminated or full of junk; clamp
 * it so printing never reads past the buffer. */
const char *spec_err_text(jw_error_t *err)
{
    err->message[sizeof err->message - 1] = '\0';
    for (char *c = err->message; *c; c++)
        if ((unsigned char)*c < 0x20 || (unsigned char)*c > 0x7e)
            *c = '?';
    return err->message[0] ? err->message : "(no message)";
}

const char *spec_kind_name(jw_error_kind_t kind)
{
    switch (kind) {
    case JW_OK: return "OK";
    case JW_ERR_MALFORMED: return "MALFORMED";
    case JW_ERR_INVALID: return "INVALID";
    case JW_ERR_UNLINKABLE: return "UNLINKABLE";
    case JW_ERR_TRAP: return "TRAP";
    case JW_ERR_NOMEM: return "NOMEM";
    case JW_ERR_LIMIT: return "LIMIT";
    case JW_ERR_ARG: return "ARG";
    }
    return "kind?";
}

/* cJSON ends strings at NUL, but export names may contain U+0000. The JSON
 * text is loaded with every "\u0000" escape swapped for this private-use
 * character (U+FFFFD), which names then turn back into NUL bytes. */
static const char nul_marker_utf8[] = "\xf3\xbf\xbf\xbd";
static const char nul_marker_escape[] = "\\udbbf\\udffd";

static bool is_escaped_nul(const char *text, const char *p)
{
    size_t bs = 0; /* "\\u0000" is a backslash then "u0000", not an escape */
    for (const char *q = p; q > text && q[-1] == '\\'; q--)
        bs++;
    return bs % 2 == 0;
}

/* Returns a malloc'd copy of `text` with the swap done, or a plain copy
 * when the marker already occurs in it (then NULs stay lost, visibly). */
char *spec_protect_nul_escapes(const char *text)
{
    size_t len = strlen(text), count = 0;
    bool clash = strstr(text, nul_marker_utf8) || strstr(text, nul_marker_escape);
    for (const char *p = text; !clash && (p = strstr(p, "\\u0000")) != NULL; p += 6)
        count++;
    char *out = malloc(len + count * 6 + 1), *w = out;
    if (!out)
        return NULL;
    for (const char *p = text; *p;) {
        if (!clash && strncmp(p, "\\u0000", 6) == 0 && is_escaped_nul(text, p)) {
            memcpy(w, nul_marker_escape, 12), w += 12, p += 6;
            continue;
        }
        *w++ = *p++;
    }
    *w = '\0';
    return out;
}

bool spec_decode_name(const char *s, char *out, size_t cap, size_t *len)
{
    size_t n = 0;
    while (*s) {
        if (n == cap)
            return false;
        if (strncmp(s, nul_marker_utf8, 4) == 0) {
            out[n++] = '\0', s += 4;
            continue;
        }
        out[n++] = *s++;
    }
    *len = n;
    return true;
}
