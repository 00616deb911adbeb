/* SPDX-License-Identifier: MIT */
/* args_env.c: WASI test: prints argv and the whole environment the module received. */
#include <stdio.h>
#include <stdlib.h>

extern char **environ;

int main(int argc, char **argv)
{
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=[%s]\n", i, argv[i]);
    for (char **e = environ; *e; e++)
        printf("env [%s]\n", *e);
    const char *foo = getenv("FOO");
    printf("getenv(FOO)=%s\n", foo ? foo : "(null)");
    return 0;
}
