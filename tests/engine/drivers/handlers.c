/* SPDX-License-Identifier: MIT */
/* handlers.c: checks that every internal opcode has a handler in interp.c's table. */
/*
 * The dispatch table is filled with designated initialisers, so an opcode
 * added to ops.h without a handler would be a NULL jump at run time.
 * Hosted, linked with the engine library; run by tests/suites/engine-build.sh.
 */
#include "../../../engine/src/interp.h"

#include <stdio.h>

int main(void)
{
    int missing = 0;
    for (int op = 0; op < IOP_COUNT; op++) {
        if (!jw__in_tab[op]) {
            printf("opcode %d has no handler\n", op);
            missing++;
        }
    }
    printf("%d opcodes, %d without a handler\n", IOP_COUNT, missing);
    return missing != 0;
}
