;; Compares fused into branches (cs_cond, cs_cond_jump, cs_fuse_add_loop):
;; i32/i64 with slots or an immediate, their loop forms, f64 with the
;; negated forms exact for NaN, and a loop's add + back-edge as one op.
;; fuses: lt_s br_lt_s
;; fuses: if_ge_u br_lt_u_i
;; fuses: br64 br64_gt_s_i
;; fuses: eqz64 br64_eq_i
;; fuses: f64_lt br_f64_lt
;; fuses: f64_if br_f64_nlt
;; fuses: count add_br_lt_u_i_loop
;; fuses: down add_br_if_loop
;; fuses: loop64 br64_ne_loop
(module
  (func (export "lt_s") (param i32 i32) (result i32)
    (block (br_if 0 (i32.lt_s (local.get 0) (local.get 1))) (return (i32.const 0))) (i32.const 1))
  (func (export "if_ge_u") (param i32) (result i32)
    (if (result i32) (i32.ge_u (local.get 0) (i32.const -2)) (then (i32.const 1)) (else (i32.const 0))))
  (func (export "br64") (param i64) (result i32)
    (block (br_if 0 (i64.gt_s (local.get 0) (i64.const -5))) (return (i32.const 0))) (i32.const 1))
  (func (export "eqz64") (param i64) (result i32)
    (block (br_if 0 (i64.eqz (local.get 0))) (return (i32.const 0))) (i32.const 1))
  (func (export "f64_lt") (param f64 f64) (result i32)
    (block (br_if 0 (f64.lt (local.get 0) (local.get 1))) (return (i32.const 0))) (i32.const 1))
  (func (export "f64_if") (param f64 f64) (result i32)
    (if (result i32) (f64.lt (local.get 0) (local.get 1)) (then (i32.const 1)) (else (i32.const 0))))
  (func (export "count") (param i32) (result i32)
    (loop (local.set 0 (i32.add (local.get 0) (i32.const 3)))
      (br_if 0 (i32.lt_u (local.get 0) (i32.const 100))))
    (local.get 0))
  (func (export "down") (param i32) (result i32)
    (loop (local.set 0 (i32.add (local.get 0) (i32.const -1)))
      (br_if 0 (local.get 0)))
    (local.get 0))
  (func (export "loop64") (param i64) (result i64) (local i64)
    (loop (local.set 1 (i64.add (local.get 1) (i64.const 1)))
      (br_if 0 (i64.ne (local.get 1) (local.get 0))))
    (local.get 1))
)
(assert_return (invoke "lt_s" (i32.const -1) (i32.const 0)) (i32.const 1))
(assert_return (invoke "lt_s" (i32.const 0) (i32.const 0)) (i32.const 0))
(assert_return (invoke "if_ge_u" (i32.const -2)) (i32.const 1))
(assert_return (invoke "if_ge_u" (i32.const 0x7fffffff)) (i32.const 0))
(assert_return (invoke "br64" (i64.const -4)) (i32.const 1))
(assert_return (invoke "br64" (i64.const -5)) (i32.const 0))
(assert_return (invoke "br64" (i64.const 0x8000000000000000)) (i32.const 0))
(assert_return (invoke "eqz64" (i64.const 0)) (i32.const 1))
(assert_return (invoke "eqz64" (i64.const 0x100000000)) (i32.const 0))
(assert_return (invoke "f64_lt" (f64.const -0) (f64.const 0)) (i32.const 0))
(assert_return (invoke "f64_lt" (f64.const nan) (f64.const 1)) (i32.const 0))
(assert_return (invoke "f64_lt" (f64.const -inf) (f64.const 1)) (i32.const 1))
(assert_return (invoke "f64_if" (f64.const 1) (f64.const nan)) (i32.const 0))
(assert_return (invoke "f64_if" (f64.const 1) (f64.const 2)) (i32.const 1))
(assert_return (invoke "f64_if" (f64.const 2) (f64.const 1)) (i32.const 0))
(assert_return (invoke "count" (i32.const 98)) (i32.const 101))
(assert_return (invoke "count" (i32.const -3)) (i32.const 102))
(assert_return (invoke "count" (i32.const 200)) (i32.const 203))
(assert_return (invoke "down" (i32.const 5)) (i32.const 0))
(assert_return (invoke "down" (i32.const 1)) (i32.const 0))
(assert_return (invoke "loop64" (i64.const 7)) (i64.const 7))
