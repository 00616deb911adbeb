/* SPDX-License-Identifier: MIT */
/* jx.h (host stand-in): what the file server's portable parts take from the user library, from libc, for tests/host/fs_tree_test.c. */
#pragma once
#include <stdint.h>
#include <string.h>
