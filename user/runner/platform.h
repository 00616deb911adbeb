/* SPDX-License-Identifier: MIT */
/* platform.h: the WASI platform of the OS runner: stdio on the console, clocks, sleep and random through capabilities. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "../wasi/wasi.h"
#include "caps.h"

/* Fills `p` for a guest whose stdio is the console (caps->console: WRITE for
 * stdout/stderr, READ for stdin; caps->clock: READ for clocks, sleep and the
 * random seed; JX_CAP_NONE: those calls fail). `caps` must outlive it. */
void platform_init(wasi_platform_t *p, const runner_caps_t *caps);

/* Writes the header of a frame of len bytes for fd 1 or 2 (frame.h) at
 * `to` (FRAME_HEADER_MAX bytes of room); its length. */
size_t platform_frame_header(char *to, int fd, size_t len);

/* Standard input is data[0, size) and then end of file, instead of the console. */
void platform_set_stdin(const uint8_t *data, size_t size);

/* The clock when the guest first wrote to stdout or stderr; false if it never did. */
bool platform_first_output(uint64_t *ns);
