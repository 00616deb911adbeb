/* SPDX-License-Identifier: MIT */
/* os_output.c: splits what a booted JerichoOS prints into the caller's stdout and stderr, and finds the system's status. */
#define _GNU_SOURCE /* memmem */
#include "os_output.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../user/runner/frame.h"

/*
 * QEMU's serial output is one byte stream: the kernel's boot messages, then
 * (after OS_MARKER) the root's reports and the modules' output, stderr in
 * frames (user/runner/frame.h). Text is handled by lines: before the marker
 * only kernel lines (shown with --verbose, or on stderr if they report a
 * panic); after it, every line goes to stdout except stderr frames and the root's reports on
 * the single module (`module NAME: ...`) and its final status line, which
 * are shown with --verbose (and the status line with --system). A module's
 * last line may lack its '\n', and then a root line follows on the same
 * line: the root's lines are found anywhere in a line, and what comes
 * before them is the module's. Lines and frames are binary-safe: the only
 * change undone is the console's '\r' before each '\n'.
 */
#define OS_MARKER "root: started" /* kernel/root.c, just before the root task runs */

void os_output_init(os_output_t *o, bool verbose, bool system, const char *module)
{
    *o = (os_output_t){ .verbose = verbose, .system = system, .module = module, .status = -1 };
}

static const char *find(const char *hay, size_t n, const char *needle)
{
    return memmem(hay, n, needle, strlen(needle));
}

/* Where a root report on the single module starts in the line, or NULL. */
static const char *module_report(const os_output_t *o, const char *line, size_t len)
{
    char prefix[128];
    if (o->system || !o->module)
        return NULL;
    snprintf(prefix, sizeof prefix, "module %s: ", o->module);
    return find(line, len, prefix);
}

/* One line of text, its '\n' (if any) included, the console's '\r' removed. */
static void text_line(os_output_t *o, const char *line, size_t len)
{
    if (!o->started) {
        bool marker = len >= strlen(OS_MARKER) && memcmp(line, OS_MARKER, strlen(OS_MARKER)) == 0;
        if (o->verbose)
            fwrite(line, 1, len, stdout);
        else if (!marker && (find(line, len, "PANIC") || find(line, len, "EXCEPTION")))
            fwrite(line, 1, len, stderr);
        o->started = marker;
        return;
    }
    if (o->status >= 0) {
        /* after the root's last line: the kernel ending what is left (a
         * service=yes module such as a --dir file server) */
        if (o->verbose)
            fwrite(line, 1, len, stdout);
        return;
    }
    const char *end = find(line, len, FRAME_END_LINE), *rep = module_report(o, line, len);
    const char *root = end && (!rep || end < rep) ? end : rep;
    if (end)
        o->status = (int)(strtol(end + strlen(FRAME_END_LINE), NULL, 10) & 0xff);
    size_t mine = root ? (size_t)(root - line) : len;
    fwrite(line, 1, mine, stdout);
    if (root && (o->verbose || (o->system && root == end)))
        fwrite(root, 1, len - mine, stdout);
    fflush(stdout);
}

static void line_put(os_output_t *o, char c)
{
    if (o->len == o->cap) {
        o->cap = o->cap ? 2 * o->cap : 4096;
        o->line = realloc(o->line, o->cap);
        if (!o->line) {
            perror("jericho");
            exit(125);
        }
    }
    o->line[o->len++] = c;
    if (c != '\n')
        return;
    if (o->len >= 2 && o->line[o->len - 2] == '\r') {
        o->line[o->len - 2] = '\n';
        o->len--;
    }
    text_line(o, o->line, o->len);
    o->len = 0;
}

/*
 * A frame's byte: stdout's go through the lines (line_put drops the
 * console's '\r' before '\n'), stderr's straight to stderr. LEN counts the
 * module's bytes, so a '\r' is counted only once the next byte shows it
 * was the module's own (not followed by '\n').
 */
static void frame_byte(os_output_t *o, char c)
{
    bool out = o->frame_fd == 1;
    if (o->cr_pending) {
        o->cr_pending = false;
        if (c != '\n') {
            if (!out)
                fputc('\r', stderr);
            if (--o->frame_left == 0) {
                o->state = OUT_TEXT;
                os_output_feed(o, (const uint8_t *)&c, 1);
                return;
            }
        }
    }
    if (out)
        line_put(o, c);
    if (c == '\r') {
        o->cr_pending = true;
        return;
    }
    if (!out)
        fputc(c, stderr);
    if (--o->frame_left == 0) {
        o->state = OUT_TEXT;
        fflush(stderr);
    }
}

/*
 * The header seen so far: 0 if it may still become one, 1 if complete
 * (frame_fd and frame_left set), -1 if it is not a frame after all.
 */
static int header_check(os_output_t *o)
{
    const char *h = o->header, *prefix = FRAME_PREFIX;
    size_t n = o->header_len, plen = strlen(prefix);
    if (memcmp(h, prefix, n < plen ? n : plen) != 0)
        return -1;
    if (n <= plen)
        return 0;
    if (h[plen] != '1' && h[plen] != '2')
        return -1;
    if (n == plen + 1)
        return 0;
    if (h[plen + 1] != ';')
        return -1;
    size_t i = plen + 2;
    while (i < n && h[i] >= '0' && h[i] <= '9')
        i++;
    if (i == n)
        return n < sizeof o->header - 1 ? 0 : -1;
    if (h[i] != ']' || i == plen + 2 || i != n - 1)
        return -1;
    o->frame_fd = h[plen] - '0';
    o->frame_left = strtoul(h + plen + 2, NULL, 10);
    return 1;
}

/* A byte of a possible frame header; a header that turns out not to be one is text. */
static void header_byte(os_output_t *o, char c)
{
    o->header[o->header_len++] = c;
    int state = header_check(o);
    if (state == 0)
        return;
    o->state = state > 0 && o->frame_left ? OUT_FRAME : OUT_TEXT;
    o->cr_pending = false;
    if (state < 0)
        for (size_t i = 0; i < o->header_len; i++)
            line_put(o, o->header[i]);
}

void os_output_feed(os_output_t *o, const uint8_t *buf, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = (char)buf[i];
        if (o->state == OUT_FRAME) {
            frame_byte(o, c);
        } else if (o->state == OUT_HEADER) {
            header_byte(o, c);
        } else if (c == FRAME_PREFIX[0] && o->started) {
            o->state = OUT_HEADER;
            o->header_len = 0;
            header_byte(o, c);
        } else {
            line_put(o, c);
        }
    }
}

void os_output_end(os_output_t *o)
{
    if (o->cr_pending && o->state == OUT_FRAME && o->frame_fd == 2)
        fputc('\r', stderr);
    if (o->state == OUT_HEADER)
        for (size_t i = 0; i < o->header_len; i++)
            line_put(o, o->header[i]);
    if (o->len)
        text_line(o, o->line, o->len);
    free(o->line);
    fflush(stdout);
    fflush(stderr);
}
