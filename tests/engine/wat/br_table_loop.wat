;; SPDX-License-Identifier: MIT
;; br_table_loop.wat: regression: a br_table entry that jumps back to a loop
;; (a negative relative target reached through an unsigned entry index).
(module
  (func (export "count") (param i32) (result i32)
    (local i32)
    (loop $top
      (local.set 1 (i32.add (local.get 1) (i32.const 1)))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
      (block $out
        (br_table $out $top (i32.ne (local.get 0) (i32.const 0)))))
    (local.get 1)))
