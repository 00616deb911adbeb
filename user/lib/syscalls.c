/* SPDX-License-Identifier: MIT */
/* syscalls.c: typed wrappers over jx_syscall, one per syscall in include/jericho/syscall.h. */
#include "jx.h"

_Noreturn void jx_exit(int64_t code)
{
    jx_syscall(JX_SYS_EXIT, (uint64_t)code, 0, 0, 0, 0, 0);
    for (;;)
        ;                          /* not reached: the kernel never returns from exit */
}

jx_error_t jx_yield(void)
{
    return (jx_error_t)jx_syscall(JX_SYS_YIELD, 0, 0, 0, 0, 0, 0);
}

jx_error_t jx_sleep_ns(uint64_t ns)
{
    return (jx_error_t)jx_syscall(JX_SYS_SLEEP, ns, 0, 0, 0, 0, 0);
}

jx_error_t jx_debug_write(const void *buf, size_t len)
{
    return (jx_error_t)jx_syscall(JX_SYS_DEBUG_WRITE, (uint64_t)(uintptr_t)buf, len, 0, 0, 0, 0);
}

jx_error_t jx_clock_read(uint64_t *ns)
{
    return (jx_error_t)jx_syscall(JX_SYS_CLOCK_READ, (uint64_t)(uintptr_t)ns, 0, 0, 0, 0, 0);
}

uint64_t jx_now_ns(void)
{
    uint64_t ns = 0;
    jx_clock_read(&ns);
    return ns;
}

/* Called by arch/<arch>/start.S with the task argument; main's result is the exit code. */
_Noreturn void jx_start(uint64_t arg);
_Noreturn void jx_start(uint64_t arg)
{
    jx_exit(main(arg));
}
