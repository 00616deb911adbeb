;; SPDX-License-Identifier: MIT
;; add.wat: a module without WASI: exported functions the runner calls with fixed arguments.
(module
  (memory (export "memory") 1 4)
  ;; i32 addition.
  (func $add (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  ;; n! in i64, by a loop.
  (func $fac (export "fac") (param $n i64) (result i64)
    (local $r i64)
    (local.set $r (i64.const 1))
    (block $done
      (loop $next
        (br_if $done (i64.le_u (local.get $n) (i64.const 1)))
        (local.set $r (i64.mul (local.get $r) (local.get $n)))
        (local.set $n (i64.sub (local.get $n) (i64.const 1)))
        (br $next)))
    (local.get $r))
  ;; memory.grow by n pages: the old size, or -1 past the store's cap.
  (func $grow (export "grow") (param i32) (result i32)
    (memory.grow (local.get 0))))
