/* SPDX-License-Identifier: MIT */
/* config.h: every tunable of the engine (defaults and implementation limits). */
#pragma once

/* Defaults for a zero field of jw_store_config_t. */
#define JW_DEFAULT_MAX_MEMORY_PAGES 16384u     /* 1 GiB */
#define JW_DEFAULT_MAX_TABLE_ELEMS  10000000u
#define JW_DEFAULT_MAX_CALL_DEPTH   10000u
/* Host functions that call back into wasm nest native frames: this caps
 * host -> wasm -> host nesting (each level costs a few hundred bytes of C
 * stack), separately from max_call_depth. */
#define JW_MAX_HOST_NESTING        64u
#define JW_DEFAULT_MAX_STACK_BYTES (1u << 20) /* value stack, all frames: 128k slots */

/* Implementation limits checked at load time (JW_ERR_MALFORMED/INVALID as
 * the spec words them, or JW_ERR_LIMIT). */
#define JW_MAX_LOCALS     50000u        /* params + declared locals of one function */
#define JW_MAX_FUNC_SLOTS 200000u   /* locals + operand stack of one function */
#define JW_MAX_PAGES      65536u         /* wasm32: 4 GiB */
#define JW_MAX_BR_TABLE   1000000u
/* A larger max_call_depth is lowered to this (the interpreter keeps a flag
 * in the top bit of its count); unobservable: a frame takes >= 32 bytes of
 * the value stack (<= 4 GiB), which runs out first. */
#define JW_MAX_CALL_DEPTH 0x7fffffffu

/* With a memory provider: address space reserved past a memory's maximum,
 * never committed. Bounds checks stay explicit (DESIGN.md, "Linear memory"),
 * so this is a second line: an access that escaped a check by up to one
 * wasm page faults instead of reaching whatever lies next. */
#define JW_MEMORY_GUARD_BYTES 65536u

/* Wasm page size. */
#define JW_PAGE_SIZE 65536u
