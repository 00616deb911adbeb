/* SPDX-License-Identifier: MIT */
/* fuzz_decode.c: libFuzzer target: decode, validate and translate any bytes.
 * Each input is either loaded or refused with an error that names a cause;
 * nothing may crash, leak or read out of bounds (ASan, UBSan, LeakSanitizer). */
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_alloc_t a;
    jw_error_t err;
    fuzz_alloc_init(&a);
    jw_module_t *m = jw_module_load(&a.api, data, size, &err);
    if (m) {
        jw_module_free(m);
    } else if (err.kind == JW_OK || err.message[0] == '\0') {
        __builtin_trap(); /* refused without saying why */
    }
    if (a.in_use != 0)
        __builtin_trap(); /* the engine lost track of memory */
    return 0;
}
