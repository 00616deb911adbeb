;; SPDX-License-Identifier: MIT
;; simd.wat: v128 across the API: host calls, globals, mixed-width params/results, block moves.
(module
  (import "env" "mix" (func $mix (param i32 v128 f64) (result v128 i32)))
  (import "env" "g" (global $g (mut v128)))
  (global $h (export "h") (mut v128) (v128.const i32x4 1 2 3 4))
  ;; a host function with a v128 between scalars, both ways
  (func (export "call_mix") (param i32 v128 f64) (result v128 i32)
    (call $mix (local.get 0) (local.get 1) (local.get 2)))
  ;; swaps the imported and the exported global, returns the new $g
  (func (export "swap") (result v128)
    (local $t v128)
    (local.set $t (global.get $g))
    (global.set $g (global.get $h))
    (global.set $h (local.get $t))
    (global.get $g))
  ;; scalars and vectors interleaved in params, locals and results
  (func (export "mixed") (param i32 v128 i64 v128) (result i64 v128 i32)
    (local f32 v128 i32)
    (local.set 5 (i32x4.add (local.get 1) (local.get 3)))
    (local.set 6 (i32.add (local.get 0) (i32.const 1)))
    (i64.add (local.get 2) (i64.extend_i32_u (local.get 0)))
    (local.get 5)
    (local.get 6))
  ;; a branch out of a block whose values sit above other operands: the
  ;; v128 moves down by one slot (overlapping pairs), the i32 by two
  (func (export "moves") (param i32) (result v128 i32)
    (block (result v128 i32)
      (i32.const 99)
      (v128.const i32x4 7 8 9 10)
      (i32.const 5)
      (br_if 0 (local.get 0))
      (drop) (drop) (drop)
      (v128.const i32x4 0 0 0 0)
      (i32.const 6)))
)
