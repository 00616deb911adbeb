/* SPDX-License-Identifier: MIT */
/* usercopy.h: usercopy.S's fault-recovering copies and the bounds trap.c checks a fault against. */
#pragma once
#include <stddef.h>
#include <stdint.h>

/* 0, or -1 if a user access faulted (part may have been copied). */
int usercopy_from(void *dst, uintptr_t user_src, size_t n);
int usercopy_to(uintptr_t user_dst, const void *src, size_t n);

/* Code labels: a data abort at a pc in [begin, end) resumes at fault. */
extern char usercopy_begin[], usercopy_end[], usercopy_fault[];
