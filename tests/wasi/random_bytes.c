/* SPDX-License-Identifier: MIT */
/* random_bytes.c: WASI test: prints 16 bytes of random_get in hex (two runs must differ). */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    unsigned char b[16];
    if (getentropy(b, sizeof b) != 0) {
        printf("getentropy failed\n");
        return 1;
    }
    for (size_t i = 0; i < sizeof b; i++)
        printf("%02x", b[i]);
    printf("\n");
    return 0;
}
