/* SPDX-License-Identifier: MIT */
/* exit_code.c: WASI test: exit(N) from argv[1], "ret N" returns N from main, none returns 0. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    printf("exiting\n"); /* must be flushed by exit() before proc_exit */
    if (argc > 2 && strcmp(argv[1], "ret") == 0)
        return atoi(argv[2]);
    if (argc > 1)
        exit(atoi(argv[1]));
    return 0;
}
