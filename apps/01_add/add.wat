;; SPDX-License-Identifier: MIT
;; add.wat: a module without WASI: exported functions the runner calls with the arguments
;; of its manifest's invoke= entries, printing each result (demo 01).
(module
  (memory (export "memory") 1 4)
  ;; i32 addition, wrapping on overflow.
  (func $add (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  ;; i32 multiplication, wrapping on overflow.
  (func $mul (export "mul") (param i32 i32) (result i32)
    (i32.mul (local.get 0) (local.get 1)))
  ;; n! in i64 by a loop, wrapping past 20!.
  (func $factorial (export "factorial") (param $n i64) (result i64)
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
