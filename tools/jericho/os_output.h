/* SPDX-License-Identifier: MIT */
/* os_output.h: splits what a booted JerichoOS prints into the caller's stdout and stderr, and finds the system's status. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct os_output {
    bool verbose, system; /* show the kernel's lines too; --system: show the root's */
    const char *module; /* the single module's name (without --system) */
    bool started; /* the root task has started (its marker was seen) */
    int status; /* the root's final status (0..255), or -1 if not seen */
    /* Decoder state: the current stdout line, or a frame's header, or its payload. */
    char *line;
    size_t len, cap;
    enum { OUT_TEXT, OUT_HEADER, OUT_FRAME } state;
    char header[24];
    size_t header_len, frame_left;
    int frame_fd;
    bool cr_pending;
} os_output_t;

void os_output_init(os_output_t *o, bool verbose, bool system, const char *module);
/* Feeds n bytes of QEMU's output. */
void os_output_feed(os_output_t *o, const uint8_t *buf, size_t n);
/* The end of the output: a last line without '\n' is shown as it is. */
void os_output_end(os_output_t *o);
