/* SPDX-License-Identifier: MIT */
/* bad_fd.c: WASI test: calls on descriptors that are not open fail with EBADF, and the module goes on. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
    int bad = 0;
    if (write(7, "x", 1) != -1 || errno != EBADF)
        bad++;
    if (close(42) != -1 || errno != EBADF)
        bad++;
    if (lseek(9, 0, SEEK_SET) != -1 || errno != EBADF)
        bad++;
    char c;
    if (read(5, &c, 1) != -1 || errno != EBADF)
        bad++;
    printf("bad descriptors: %d of 4 calls did not fail with EBADF\n", bad);
    return bad ? 1 : 5;
}
