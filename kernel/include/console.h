/* SPDX-License-Identifier: MIT */
/* console.h: console input: bytes the serial receive interrupt delivers, kept in a ring. */
#pragma once
#include <stddef.h>

/* Called by the arch from the serial receive interrupt, one byte at a time. */
void console_input(char c);
/* Takes up to n buffered input bytes without blocking; returns how many. */
size_t console_read(char *buf, size_t n);
/* Writes n bytes to the console, "\n" as "\r\n" (user debug output). */
void console_write(const char *s, size_t n);
