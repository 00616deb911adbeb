/* SPDX-License-Identifier: MIT */
/* serial.c: the boot console, a 16550 UART on COM1: polled output, interrupt-driven input. */
#include "arch.h"
#include "console.h"
#include "cpu.h"
#include "x86.h"

#define COM1 0x3f8
/* Register offsets from COM1. */
#define UART_DATA 0          /* THR/RBR; divisor low while DLAB is set */
#define UART_IER  1          /* interrupt enable; divisor high while DLAB is set */
#define UART_FCR  2
#define UART_LCR  3
#define UART_MCR  4
#define UART_LSR  5
#define LCR_8N1   0x03
#define LCR_DLAB  0x80
#define LSR_THRE  0x20       /* transmit holding register empty */

void x86_serial_init(void)
{
    outb(COM1 + UART_IER, 0);              /* polled: no interrupts */
    outb(COM1 + UART_LCR, LCR_DLAB);
    outb(COM1 + UART_DATA, 1);             /* divisor 1: 115200 baud */
    outb(COM1 + UART_IER, 0);
    outb(COM1 + UART_LCR, LCR_8N1);
    outb(COM1 + UART_FCR, 0x07);           /* FIFO on, both cleared */
    outb(COM1 + UART_MCR, 0x03);           /* DTR, RTS */
}

void arch_console_putc(char c)
{
    /* Bounded: a missing UART reads 0xff (THRE set), a wedged one must not hang us. */
    for (int spins = 0; spins < 100000; spins++)
        if (inb(COM1 + UART_LSR) & LSR_THRE)
            break;
    outb(COM1 + UART_DATA, (uint8_t)c);
}

#define IER_RX_AVAILABLE 0x01
#define MCR_OUT2         0x08          /* gates the UART's interrupt line on PCs */
#define LSR_DATA_READY   0x01

void x86_serial_irq_enable(void)
{
    outb(COM1 + UART_MCR, 0x03 | MCR_OUT2);
    outb(COM1 + UART_IER, IER_RX_AVAILABLE);
}

void x86_serial_irq(void)
{
    for (int n = 0; n < 64 && (inb(COM1 + UART_LSR) & LSR_DATA_READY); n++)
        console_input((char)inb(COM1 + UART_DATA));
}
