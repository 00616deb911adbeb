/* SPDX-License-Identifier: MIT */
/* ops.h: the file server's requests (fs_proto.h) carried out on its tree, with each client's handles. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs_proto.h"
#include "tree.h"

/* The tree the requests act on, and whether it may change at all (a
 * read-only server refuses every change with WASI_EROFS). */
void ops_init(fs_tree_t *t, bool readonly);

/* Carries out one request from client `badge`: `op` its label, req its
 * header, data[0, len) its bytes; fills *rep and the reply's bytes at out
 * (FS_DATA_MAX of room); returns how many there are. */
size_t ops_handle(uint64_t badge, uint32_t op, const struct fs_request *req, const char *data,
                  size_t len, struct fs_reply *rep, char *out);
