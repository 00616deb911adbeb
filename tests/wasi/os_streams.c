/* SPDX-License-Identifier: MIT */
/* os_streams.c: stdout and stderr apart, byte for byte (CR, LF, NUL, ESC, 0xff, a frame look-alike), stdin to EOF, a status. */
#include <stdio.h>
#include <unistd.h>

/* What `jericho run` on the OS must pass through exactly as --host does:
 * the console between them frames stderr and undoes its own CR (frame.h). */
int main(void)
{
    char buf[256];
    ssize_t n;
    long total = 0;
    write(2, "e1\r", 3);
    write(2, "\ne2\r\r\n\r", 7);
    write(1, "a\x1b\r", 3);
    write(1, "\n\r\nb\x1b[jx9;", 10);
    write(1, "\0\x01\xff\r", 4);
    write(2, "\x1b[jx1;2]zz", 10);
    while ((n = read(0, buf, sizeof buf)) > 0) {
        write(1, buf, (size_t)n);
        total += n;
    }
    fprintf(stderr, "read %ld bytes of stdin\n", total);
    printf("no newline at the end");
    return 9;
}
