/* SPDX-License-Identifier: MIT */
/* linux_min.h: the least a freestanding Linux test program needs: raw read/write/exit and puts, on x86-64 and aarch64. */
#pragma once
/*
 * For tests/engine/drivers/xarch.c and packrun.c, which link the freestanding engine
 * with no libc so the very objects the OS uses run natively and under
 * qemu-aarch64. Header-only: each program is one translation unit.
 */
#if defined(__x86_64__)
#define LM_SYS_READ  0
#define LM_SYS_WRITE 1
#define LM_SYS_EXIT  60
#else
#define LM_SYS_READ  63
#define LM_SYS_WRITE 64
#define LM_SYS_EXIT  93
#endif

static inline long lm_syscall3(long n, long a, long b, long c)
{
#if defined(__x86_64__)
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
    return r;
#else
    register long x8 __asm__("x8") = n, x0 __asm__("x0") = a, x1 __asm__("x1") = b,
                     x2 __asm__("x2") = c;
    __asm__ volatile("svc 0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
    return x0;
#endif
}

static inline long lm_read(void *buf, long n) { return lm_syscall3(LM_SYS_READ, 0, (long)buf, n); }
static inline void lm_write(const char *s, long n) { lm_syscall3(LM_SYS_WRITE, 1, (long)s, n); }
static inline void lm_exit(int status) { lm_syscall3(LM_SYS_EXIT, status, 0, 0); }

static inline void lm_puts(const char *s)
{
    long n = 0;
    while (s[n])
        n++;
    lm_write(s, n);
}
