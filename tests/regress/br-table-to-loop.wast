;; A br_table entry that jumps back to a loop header: the backward relative
;; target was computed unsigned and jumped far away (fixed in b311e9e).
(module
  (func (export "count") (param i32) (result i32)
    (local i32)
    (loop $top
      (local.set 1 (i32.add (local.get 1) (i32.const 1)))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
      (block $out
        (br_table $out $top (i32.ne (local.get 0) (i32.const 0)))))
    (local.get 1)))
(assert_return (invoke "count" (i32.const 5)) (i32.const 5))
(assert_return (invoke "count" (i32.const 1)) (i32.const 1))
