;; Constants folded into i32/i64 ops as immediates (cs_imm_form): emitted,
;; and exact at the edges (sub as add of -k, shift counts masked, i64
;; division only by a constant that cannot trap).
;; fuses: sub add_i
;; fuses: mul mul_i
;; fuses: shl shl_i
;; fuses: shr_s shr_s_i
;; fuses: rotr rotr_i
;; fuses: and or_i
;; fuses: add64 i64_add_i
;; fuses: div64 i64_div_s_i
;; fuses: rem64 i64_rem_u_i
;; fuses: shl64 i64_shl_i
(module
  (func (export "sub") (param i32) (result i32) (i32.sub (local.get 0) (i32.const -2147483648)))
  (func (export "mul") (param i32) (result i32) (i32.mul (local.get 0) (i32.const -3)))
  (func (export "shl") (param i32) (result i32) (i32.shl (local.get 0) (i32.const 33)))
  (func (export "shr_s") (param i32) (result i32) (i32.shr_s (local.get 0) (i32.const 31)))
  (func (export "rotr") (param i32) (result i32) (i32.rotr (local.get 0) (i32.const 36)))
  (func (export "and") (param i32) (result i32) (i32.or (local.get 0) (i32.const 0x80000000)))
  (func (export "add64") (param i64) (result i64) (i64.add (local.get 0) (i64.const 0x100000001)))
  (func (export "div64") (param i64) (result i64) (i64.div_s (local.get 0) (i64.const -7)))
  (func (export "rem64") (param i64) (result i64) (i64.rem_u (local.get 0) (i64.const 0x8000000000000000)))
  (func (export "shl64") (param i64) (result i64) (i64.shl (local.get 0) (i64.const 65)))
  ;; not fused (could trap): division by 0 and signed division by -1
  (func (export "div64_m1") (param i64) (result i64) (i64.div_s (local.get 0) (i64.const -1)))
  (func (export "div64_0") (param i64) (result i64) (i64.div_u (local.get 0) (i64.const 0)))
)
(assert_return (invoke "sub" (i32.const 0)) (i32.const 0x80000000))
(assert_return (invoke "sub" (i32.const -1)) (i32.const 0x7fffffff))
(assert_return (invoke "mul" (i32.const 0x55555556)) (i32.const 0xfffffffe))
(assert_return (invoke "shl" (i32.const 0x80000001)) (i32.const 2))
(assert_return (invoke "shr_s" (i32.const 0x80000000)) (i32.const -1))
(assert_return (invoke "rotr" (i32.const 0x12345678)) (i32.const 0x81234567))
(assert_return (invoke "and" (i32.const 1)) (i32.const 0x80000001))
(assert_return (invoke "add64" (i64.const -1)) (i64.const 0x100000000))
(assert_return (invoke "div64" (i64.const 0x8000000000000000)) (i64.const 0x1249249249249249))
(assert_return (invoke "div64" (i64.const 6)) (i64.const 0))
(assert_return (invoke "rem64" (i64.const -1)) (i64.const 0x7fffffffffffffff))
(assert_return (invoke "shl64" (i64.const 0x8000000000000001)) (i64.const 2))
(assert_trap (invoke "div64_m1" (i64.const 0x8000000000000000)) "integer overflow")
(assert_trap (invoke "div64_0" (i64.const 1)) "integer divide by zero")
