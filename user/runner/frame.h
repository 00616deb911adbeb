/* SPDX-License-Identifier: MIT */
/* frame.h: how a module's stderr travels on the one console line, framed so that a host tool can split it out. */
#pragma once

/*
 * Everything a JerichoOS system prints shares one console (the serial
 * port): the kernel's messages, the root's reports, and every module's
 * stdout and stderr. A runner sends each stderr write (and its own reports
 * of how a module ended, which `jericho run --host` prints on stderr too)
 * as one frame, and a stdout write as it is unless it holds an ESC, which
 * could look like a frame: then it is framed too.
 *
 *   ESC "[jx" FD ";" LEN "]" and LEN bytes (FD 1 or 2; LEN decimal, 1..FRAME_MAX)
 *
 * `jericho run` (tools/jericho/os_output.c) writes frames of FD 2 to its
 * stderr and everything else to its stdout. The kernel's console turns
 * every "\n" into "\r\n" (kernel/console.c), inside frames too, and LEN
 * counts the bytes before that: a reader undoes it exactly by dropping each
 * '\r' that comes right before a '\n'.
 */
#define FRAME_PREFIX "\x1b[jx"
/* The root's last line (user/root/main.c), then the system's status in
 * decimal: what `jericho run` takes its exit status from. */
#define FRAME_END_LINE   "root: every module has ended; system status "
#define FRAME_HEADER_MAX 16 /* ESC [ j x FD ; four digits ] and a NUL, with room */
#define FRAME_MAX        4000 /* bytes of one frame, header and all within one console write */
