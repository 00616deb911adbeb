/* SPDX-License-Identifier: MIT */
/* kstring.h: the C string/memory functions the kernel provides (kernel/lib/string.c). */
#pragma once
#include <stddef.h>

/*
 * Standard names and signatures on purpose: clang emits calls to mem* for
 * struct copies and loops even under -ffreestanding. Host builds of portable
 * kernel code get these from libc instead, so this header must stay
 * declaration-compatible with <string.h>.
 */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
