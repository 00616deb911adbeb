;; SPDX-License-Identifier: MIT
;; counter.wat: per-instance state (a global and a memory) for the two-store test.
(module
  (global $n (mut i32) (i32.const 0))
  (memory (export "mem") 1)
  (func (export "inc") (result i32)
    (global.set $n (i32.add (global.get $n) (i32.const 1)))
    (global.get $n))
  (func (export "peek") (result i32) (i32.load (i32.const 0)))
  (func (export "poke") (param i32) (i32.store (i32.const 0) (local.get 0))))
