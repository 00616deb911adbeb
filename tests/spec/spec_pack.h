/* SPDX-License-Identifier: MIT */
/* spec_pack.h: the packed command format read by the freestanding spec drivers (tests/engine/drivers/pack_core.c). */
#pragma once
/*
 * The host runner (spec-runner --pack FILE) writes, for the chosen
 * scripts, a flat file of records that a program without libc or JSON can
 * run with the checks of the hosted runner (tests/spec/spec_json.c): every
 * command the hosted runner counts becomes one record, and one record is
 * one passed, failed or skipped command, so a driver's counts equal the
 * hosted runner's. Every number is a little-endian u32; a byte string is
 * its length then its bytes, padded to 4. File: PK_MAGIC, then records
 * until PK_END. Record: kind, line, then by kind:
 *   PK_SCRIPT      label                 a new script: fresh store, no names
 *   PK_MODULE      name wasm             load + instantiate; becomes current (and NAME's
 *                                        if name is not empty); an empty wasm fails
 *   PK_REGISTER    name as               module NAME (empty: current) registered as AS
 *                                        for imports; not counted unless it fails
 *   PK_RETURN      action nexp exp*      the action returns these results
 *   PK_EITHER      action nalt exp*      it returns one result, one of these
 *   PK_TRAP        action trap           it traps with that kind (0: any trap)
 *   PK_ACTION      action                it does not trap
 *   PK_LOAD_ERROR  kind artifact wasm    the load fails with error kind KIND (also
 *                                        MALFORMED if artifact: spec_datacount_artifact)
 *   PK_LINK_ERROR  kind trap wasm        the load succeeds, instantiation fails with KIND
 *                                        (and trap kind TRAP, 0: any)
 *   PK_SKIP                              skipped (text modules, unknown commands)
 *   PK_FAIL        message               a command the hosted runner fails before running it
 * action: kind (PK_INVOKE, PK_GET), module name (empty: current), field, nargs, arg*
 * arg: type, 16 value bytes (jw_value_t.of, little-endian; a reference is
 *      the hosted runner's 64-bit token, spec_extern_ref(N), 0 for null).
 * exp: type, pattern, lane_bits, lane_float, 16 lane patterns (bytes), 16 value bytes;
 *      patterns are spec_pattern_t values (spec_match.h).
 * Imports resolve as in the hosted runner: registered names (the latest
 * first), then the `spectest` module (tests/engine/drivers/pack_core.c).
 */
#define PK_MAGIC 0x32505753u /* "SWP2" */
enum {
    PK_END,
    PK_SCRIPT,
    PK_MODULE,
    PK_REGISTER,
    PK_RETURN,
    PK_EITHER,
    PK_TRAP,
    PK_ACTION,
    PK_LOAD_ERROR,
    PK_LINK_ERROR,
    PK_SKIP,
    PK_FAIL,
};
enum { PK_INVOKE, PK_GET };
/* At most this many arguments or results per action (as SPEC_MAX_VALUES). */
#define PK_MAX_VALUES 1024
