/* SPDX-License-Identifier: MIT */
/* fault.c: does one forbidden thing, chosen by the task argument; the kernel must kill only this task. */
#include "jx.h"
#include "jx_arch.h"

/* The numbering is shared with kernel/ktest_core.c's fault table. */
enum {
    F_NULL_READ = 1,
    F_NULL_WRITE,
    F_WRITE_TEXT,
    F_EXEC_DATA,
    F_EXEC_STACK,
    F_READ_KERNEL,
    F_WRITE_KERNEL,
    F_EXEC_KERNEL,
    F_PRIVILEGED,
    F_UNDEFINED,
    F_DIVIDE,
    F_MISALIGNED_STACK,
    F_STACK_OVERFLOW,
};

/* Data: executing it must fault. */
static uint8_t data_code[16];
static volatile uint64_t zero;

static uint64_t recurse(uint64_t n)
{
    volatile uint8_t pad[512];
    pad[0] = (uint8_t)n;
    if (zero == 0) /* always: hides the endless recursion from the compiler */
        return recurse(n + 1) + pad[0];
    return n;
}

int64_t main(uint64_t what)
{
    printf("fault: case %llu\n", (unsigned long long)what);
    switch (what) {
    case F_NULL_READ: return *(volatile uint64_t *)zero;
    case F_NULL_WRITE: *(volatile uint64_t *)zero = 1; break;
    case F_WRITE_TEXT: *(volatile uint8_t *)(uintptr_t)main = 0; break;
    case F_EXEC_DATA:
        data_code[0] = 0xc3; /* ret (x86) if it ran at all; written, so it is .bss */
        ((void (*)(void))(uintptr_t)data_code)();
        break;
    case F_EXEC_STACK: {
        volatile uint8_t code[16] = { 0xc3 };
        ((void (*)(void))(uintptr_t)code)();
        break;
    }
    case F_READ_KERNEL: return *(volatile uint64_t *)JX_ARCH_KERNEL_ADDR;
    case F_WRITE_KERNEL: *(volatile uint64_t *)JX_ARCH_KERNEL_ADDR = 1; break;
    case F_EXEC_KERNEL: ((void (*)(void))JX_ARCH_KERNEL_ADDR)(); break;
    case F_PRIVILEGED: jx_arch_privileged(); break;
    case F_UNDEFINED: jx_arch_undefined(); break;
    case F_DIVIDE:
        if (!JX_ARCH_DIVIDE_TRAPS)
            return 77; /* not applicable on this arch */
        return (int64_t)(100 / zero);
    case F_MISALIGNED_STACK: jx_arch_misaligned_stack(); break;
    case F_STACK_OVERFLOW: return (int64_t)recurse(0);
    default: return 2;
    }
    printf("fault: case %llu did not fault\n", (unsigned long long)what);
    return 1;
}
