/* SPDX-License-Identifier: MIT */
/* fs_host.h: the file and directory half of WASI's Linux platform (fs_host.c, fs_walk.c). */
#pragma once
#include <sys/types.h>
#include <sys/uio.h>

#include "../../user/wasi/wasi_platform.h"

/* Sets the file and directory functions of `p`. */
void fs_host_fill(wasi_platform_t *p);
/* The WASI errno of a Linux errno; anything unexpected is WASI_EIO. */
uint16_t fs_errno(int e);
/* Resolution without openat2: opens `path` beneath `dir` with open(2)
 * `flags`, one component at a time with O_NOFOLLOW, symlinks expanded by
 * hand (absolute ones and `..` above `dir` are WASI_ENOTCAPABLE), `..`
 * taken from a stack of the fds walked through, never from the file
 * system. The kernel's answer on kernels before 5.6; also used when the
 * environment has JERICHO_FS_WALK=1 (so that tests cover it). */
uint16_t fs_walk_open(int dir, const char *path, int flags, mode_t mode, int *fd);
/* Fills `v` with the host iovecs of a WASI write (at most
 * WASI_WRITE_BATCH, their sum capped at SSIZE_MAX as writev requires);
 * returns how many. Shared by stdio (platform_host.c) and files. */
int fs_iovecs(struct iovec *v, const wasi_iovec_t *iov, uint32_t niov);
