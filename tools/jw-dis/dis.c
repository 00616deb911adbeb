/* SPDX-License-Identifier: MIT */
/* dis.c: jw-dis, prints the internal code the engine translates a module's functions to. */
/*
 * usage: jw-dis FILE.wasm [EXPORT]
 * Every function the module defines (or only the exported function EXPORT):
 * a "func N" line, then one line per internal instruction, as ops.c formats
 * it ("12: i32_add d5 s3 s4"; @N is a branch target). Used by the fusion
 * tests (tests/fusions/check.sh) and when a fusion is debugged. Hosted,
 * linked with the engine library; reads the module's internals.
 */
#include "../../engine/src/internal.h"
#include "../../engine/src/ops.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *dis_alloc(void *ud, size_t n)
{
    (void)ud;
    return malloc(n);
}
static void dis_free(void *ud, void *p, size_t n)
{
    (void)ud;
    (void)n;
    free(p);
}

static void dis_func(const jw_module_t *m, uint32_t i)
{
    const jwm_func_t *f = &m->funcs[i];
    char line[512];
    printf("func %u\n", i);
    for (uint32_t pc = 0; pc < f->code_len;) {
        uint32_t w = jw__op_format(f->code, f->code_len, pc, line, sizeof line);
        printf("  %s\n", line);
        if (!w)
            break;
        pc += w;
    }
    uint8_t *starts = malloc(f->code_len + 1);
    if (starts && !jw__code_check(f->code, f->code_len, f->pcmap, f->npcmap, starts)) {
        printf("  code check FAILED; pcmap:");
        for (uint32_t k = 0; k < f->npcmap; k++)
            printf(" %u", f->pcmap[k].pc);
        printf("\n");
    }
    free(starts);
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: jw-dis FILE.wasm [EXPORT]\n");
        return 2;
    }
    FILE *fp = fopen(argv[1], "rb");
    if (!fp) {
        perror(argv[1]);
        return 1;
    }
    static uint8_t buf[64 << 20];
    size_t n = fread(buf, 1, sizeof buf, fp);
    fclose(fp);
    jw_allocator_t a = { dis_alloc, dis_free, NULL };
    jw_error_t err;
    jw_module_t *m = jw_module_load(&a, buf, n, &err);
    if (!m) {
        fprintf(stderr, "%s: %s\n", argv[1], err.message);
        return 1;
    }
    int found = 0;
    for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++) {
        if (argc == 3) {
            bool named = false;
            for (uint32_t e = 0; e < m->nexports; e++) {
                const jwm_export_t *x = &m->exports[e];
                named |= x->kind == JW_EXTERN_FUNC && x->index == i &&
                         x->name_len == strlen(argv[2]) &&
                         memcmp(x->name, argv[2], x->name_len) == 0;
            }
            if (!named)
                continue;
        }
        dis_func(m, i);
        found++;
    }
    jw_module_free(m);
    if (argc == 3 && !found) {
        fprintf(stderr, "%s: no exported function %s\n", argv[1], argv[2]);
        return 1;
    }
    return 0;
}
