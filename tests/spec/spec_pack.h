/* SPDX-License-Identifier: MIT */
/* spec_pack.h: the packed command format read by the freestanding spec driver (tests/engine/drivers/packrun.c). */
#pragma once
/*
 * The host runner writes, for the chosen scripts, a flat file of records
 * that a program without libc or JSON can run: every number is a
 * little-endian u32; a byte string is its length then its bytes, padded
 * to 4. File: PK_MAGIC, then records until PK_END. Record: kind, line,
 * then by kind:
 *   PK_SCRIPT     label                       a new script: fresh store
 *   PK_MODULE     wasm                        load + instantiate, becomes current
 *   PK_RETURN     field nargs arg* nexp exp*  invoke on the current module
 *   PK_TRAP       field nargs arg* trap       the invoke must trap (trap kind, 0 = any)
 *   PK_ACTION     field nargs arg*            invoke, must not trap
 *   PK_LOAD_ERROR error_kind wasm             the load must fail with that kind
 *   PK_SKIP                                   counted as skipped (text modules, ...)
 * arg: type, 16 value bytes (jw_value_t.of, little-endian).
 * exp: type, pattern, lane_bits, lane_float, 16 lane patterns (bytes), 16 value bytes;
 *      patterns are spec_pattern_t values (0 exact, 1 nan:canonical, 2 nan:arithmetic).
 */
#define PK_MAGIC 0x4b50574au /* "JWPK" */
enum {
    PK_END, PK_SCRIPT, PK_MODULE, PK_RETURN, PK_TRAP, PK_ACTION, PK_LOAD_ERROR, PK_SKIP,
};
