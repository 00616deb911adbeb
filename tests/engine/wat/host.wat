;; SPDX-License-Identifier: MIT
;; host.wat: calls into host functions (one that traps, one that adds).
(module
  (import "env" "boom" (func $boom (param i32) (result i32)))
  (import "env" "add" (func $add (param i32 i32) (result i32)))
  (memory (export "mem") 1)
  (func (export "call_boom") (param i32) (result i32)
    (i32.add (call $boom (local.get 0)) (i32.const 1)))
  (func (export "call_add") (param i32 i32) (result i32)
    (call $add (local.get 0) (local.get 1)))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))
