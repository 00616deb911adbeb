/* SPDX-License-Identifier: MIT */
/* usercopy.c: syscalls with bad pointers must return errors, never crash anything; returns the failure count. */
#include "jx.h"
#include "jx_arch.h"

static int failures;

static void expect(const char *what, jx_error_t got, jx_error_t want)
{
    printf("usercopy: %-40s -> %d %s\n", what, (int)got, got == want ? "ok" : "WRONG");
    if (got != want)
        failures++;
}

static char page[8192] __attribute__((aligned(4096)));
static const uint64_t ro_value = 42;

int64_t main(uint64_t arg)
{
    (void)arg;
    const uint64_t kern = JX_ARCH_KERNEL_ADDR;
    uint64_t ns;
    expect("debug_write(valid)", jx_debug_write("usercopy: hello\n", 16), JX_OK);
    expect("debug_write(NULL, 1)", jx_debug_write(0, 1), JX_EFAULT);
    expect("debug_write(NULL, 0)", jx_debug_write(0, 0), JX_EFAULT);
    expect("debug_write(kernel address)", jx_debug_write((void *)kern, 8), JX_EFAULT);
    expect("debug_write(unmapped 0x10000000)", jx_debug_write((void *)0x10000000, 8), JX_EFAULT);
    expect("debug_write(wrapping range)", jx_debug_write((void *)-4096l, 8192), JX_EINVAL);
    expect(
        "debug_write(wrapping, short)",
        (jx_error_t)jx_syscall(JX_SYS_CONSOLE_WRITE, JX_SLOT_CONSOLE, (uint64_t)-16l, 32, 0, 0, 0),
        JX_EFAULT);
    expect("debug_write(too long)", jx_debug_write(page, JX_DEBUG_WRITE_MAX + 1), JX_EINVAL);
    expect("debug_write(runs off the stack top)",
           (jx_error_t)jx_syscall(JX_SYS_CONSOLE_WRITE, JX_SLOT_CONSOLE, 0x00007fffffffeff0ull, 64,
                                  0, 0, 0),
           JX_EFAULT);
    expect("clock_read(valid)", jx_clock_read(&ns), JX_OK);
    expect("clock_read(NULL)", jx_clock_read(0), JX_EFAULT);
    expect("clock_read(kernel address)", jx_clock_read((uint64_t *)kern), JX_EFAULT);
    expect("clock_read(read-only data)", jx_clock_read((uint64_t *)&ro_value), JX_EFAULT);
    expect("clock_read(text)", jx_clock_read((uint64_t *)(uintptr_t)main), JX_EFAULT);
    expect("clock_read(unmapped)", jx_clock_read((uint64_t *)0x10000000), JX_EFAULT);
    expect("clock_read(non-canonical)", jx_clock_read((uint64_t *)0x0000800000000000ull),
           JX_EFAULT);
    expect("clock_read(straddles into a page)", jx_clock_read((uint64_t *)(page + 4092)), JX_OK);
    expect("sleep(too long)", jx_sleep_ns(JX_SLEEP_MAX_NS + 1), JX_EINVAL);
    expect("syscall 9999", (jx_error_t)jx_syscall(9999, 0, 0, 0, 0, 0, 0), JX_ENOSYS);
    expect("syscall -1", (jx_error_t)jx_syscall((uint64_t)-1, 0, 0, 0, 0, 0, 0), JX_ENOSYS);
    printf("usercopy: %d failures\n", failures);
    return failures;
}
