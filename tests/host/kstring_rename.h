/* SPDX-License-Identifier: MIT */
/* kstring_rename.h: forced into the host build of kernel/lib/string.c so its functions do not clash with libc's. */
#pragma once

/* string_test.c calls them by these names. */
#define memcpy  kstring_memcpy
#define memmove kstring_memmove
#define memset  kstring_memset
#define memcmp  kstring_memcmp
#define strlen  kstring_strlen
#define strcmp  kstring_strcmp
#define strncmp kstring_strncmp
