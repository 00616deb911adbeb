;; SPDX-License-Identifier: MIT
;; recursion.wat: unbounded and bounded recursion for the call-depth tests.
(module
  (func $forever (export "forever") (call $forever))
  (func $forever_args (export "forever_args") (param i64 i64 i64 i64) (result i64)
    (call $forever_args (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  ;; depth(n) recurses n levels and returns n
  (func $depth (export "depth") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (i32.add (i32.const 1)
                     (call $depth (i32.sub (local.get $n) (i32.const 1))))))))
