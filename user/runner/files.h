/* SPDX-License-Identifier: MIT */
/* files.h: the runner's files: WASI's file operations as requests to file servers (user/fs/fs_proto.h). */
#pragma once
#include <stdint.h>
#include "../wasi/wasi.h"
#include "caps.h"

/*
 * A job's capability named "dir:MODE:NAME:GUEST" (user/root/job.c, from the
 * manifest's dir=GUEST:NAME:MODE) is an endpoint of a file server the
 * runner keeps for itself: the module reaches it only through the WASI
 * layer, which checks rights and paths as on the host. files_init opens
 * each one's root on its server and makes it a preopen named GUEST,
 * read-only for :ro; it adds the file operations to `p` (routing stdio,
 * handles 0-2, to the console functions already there). On failure it
 * returns the WASI errno and names the preopen in *failed.
 */
uint16_t files_init(wasi_platform_t *p, const runner_caps_t *caps, wasi_config_t *wc,
                    const char **failed);
