;; SPDX-License-Identifier: MIT
;; fuel.wat: loops for the fuel tests (endless ones and counting ones).
;; Fuel is charged on back-edges: the spin_* loops branch back in each way
;; the compiler handles differently (a loop branch, a br_table entry and an
;; f64 compare, which go through the loop's stub, also after a return).
(module
  (func (export "spin")
    (loop $l (br $l)))
  (func (export "spin_table") (param $i i32)
    (loop $l (br_table $l $l (local.get $i))))
  (func (export "spin_f64") (param $x f64)
    (loop $l (br_if $l (f64.lt (local.get $x) (f64.const 1)))))
  (func (export "spin_then_return") (param $x f64)
    (loop $l (br_if $l (f64.le (local.get $x) (f64.const 1))))
    (return))
  ;; sum of 0..n-1, computed one step at a time so it burns fuel
  (func (export "sum") (param $n i32) (result i64)
    (local $i i32) (local $acc i64)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $acc))
  ;; the same sum with its back-edge in a br_table (through the loop's stub)
  (func (export "sum_table") (param $n i32) (result i64)
    (local $i i32) (local $acc i64)
    (block $done
      (loop $l
        (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_table $l $done (i32.ge_u (local.get $i) (local.get $n)))))
    (local.get $acc)))
