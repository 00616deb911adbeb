;; SPDX-License-Identifier: MIT
;; fuel.wat: loops for the fuel tests (an endless one and a counting one).
(module
  (func (export "spin")
    (loop $l (br $l)))
  ;; sum of 0..n-1, computed one step at a time so it burns fuel
  (func (export "sum") (param $n i32) (result i64)
    (local $i i32) (local $acc i64)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $acc)))
