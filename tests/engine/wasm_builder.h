/* SPDX-License-Identifier: MIT */
/* wasm_builder.h: builds binary modules byte by byte for the engine tests. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A growable byte buffer; `oom` sticks once an allocation failed. */
typedef struct wb {
    uint8_t *buf;
    size_t len, cap;
    bool oom;
} wb_t;

enum {
    WB_SEC_CUSTOM = 0,
    WB_SEC_TYPE = 1,
    WB_SEC_IMPORT = 2,
    WB_SEC_FUNCTION = 3,
    WB_SEC_TABLE = 4,
    WB_SEC_MEMORY = 5,
    WB_SEC_GLOBAL = 6,
    WB_SEC_EXPORT = 7,
    WB_SEC_START = 8,
    WB_SEC_ELEM = 9,
    WB_SEC_CODE = 10,
    WB_SEC_DATA = 11,
    WB_SEC_DATACOUNT = 12,
};

void wb_free(wb_t *b);
void wb_byte(wb_t *b, uint8_t x);
void wb_bytes(wb_t *b, const void *p, size_t n);
void wb_u32(wb_t *b, uint32_t x); /* unsigned LEB128 */
void wb_s32(wb_t *b, int32_t x);  /* signed LEB128 */
void wb_name(wb_t *b, const char *s);
/* "\0asm" and version 1. */
void wb_header(wb_t *b);
/* Appends section `id` holding `content` (size prefix computed). */
void wb_section(wb_t *b, uint8_t id, const wb_t *content);
/* One function body: `code` already holds the local declarations and the
 * instructions including the final `end`. */
void wb_body(wb_t *code_section, const wb_t *body);
