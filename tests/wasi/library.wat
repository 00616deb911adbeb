;; SPDX-License-Identifier: MIT
;; library.wat: WASI test: a module with no _start, for --invoke (each value type, several results).
(module
  (global $calls (mut i32) (i32.const 0))
  (func (export "_initialize") (global.set $calls (i32.const 100)))
  (func (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (func (export "mul64") (param i64 i64) (result i64)
    (i64.mul (local.get 0) (local.get 1)))
  (func (export "div") (param f64 f64) (result f64)
    (f64.div (local.get 0) (local.get 1)))
  (func (export "half") (param f32) (result f32)
    (f32.mul (local.get 0) (f32.const 0.5)))
  (func (export "pair") (param i32) (result i32 i64)
    (local.get 0) (i64.extend_i32_s (local.get 0)))
  (func (export "initialized") (result i32) (global.get $calls))
  (func (export "nothing")))
