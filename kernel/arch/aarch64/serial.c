/* SPDX-License-Identifier: MIT */
/* serial.c: the boot console on a PL011 UART, found through the DTB. */
#include "arch.h"
#include "console.h"
#include "semihost.h"
#include "serial.h"

enum {
    UARTDR = 0x00 / 4,  /* data register */
    UARTFR = 0x18 / 4,  /* flag register */
    UARTFR_TXFF = 1 << 5, /* transmit FIFO full */
    UARTFR_RXFE = 1 << 4, /* receive FIFO empty */
    UARTIMSC = 0x38 / 4,  /* interrupt mask set/clear */
    UART_RXI = 1 << 4,    /* receive */
    UART_RTI = 1 << 6,    /* receive timeout: bytes waiting below the FIFO level */
};

/* NULL until the DTB has named the UART: no address is guessed. */
static volatile uint32_t *uart;

void serial_init(volatile void *regs) { uart = regs; }

/* The firmware (QEMU, or a real board's boot loader) has set the baud rate
 * and enabled the UART; the kernel only writes bytes. */
void arch_console_putc(char c)
{
    if (!uart) {
        semihost_putc(c);
        return;
    }
    while (uart[UARTFR] & UARTFR_TXFF)
        ;
    uart[UARTDR] = (uint8_t)c;
}

void serial_enable_rx_irq(void)
{
    if (uart)
        uart[UARTIMSC] |= UART_RXI | UART_RTI;
}

void serial_rx_irq(void)
{
    if (!uart)
        return;
    /* Draining the FIFO is what clears the receive interrupts. Clearing
     * them through UARTICR as well would race with a byte arriving after
     * the loop: its interrupt would be cleared with the byte still unread,
     * and (QEMU raises RX only when the FIFO goes from empty to non-empty)
     * input would stop for good. */
    while (!(uart[UARTFR] & UARTFR_RXFE))
        console_input((char)(uart[UARTDR] & 0xff));
}
