;; Fused i32 ALU ops (compile_num.c cs_imm_pair): each is emitted
;; for its pattern (tests/fusions/check.sh checks with jw-dis) and computes
;; what the unfused pair computes, at the edges (wrap-around, shift counts
;; past 31, all-ones).
;; fuses: add_shl add_shl
;; fuses: xor_shru xor_shru
;; fuses: add3 add3
;; fuses: add3_i add3_i
;; fuses: andn andn
(module
  (func (export "add_shl") (param i32 i32) (result i32)
    (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 34))))
  (func (export "xor_shru") (param i32 i32) (result i32)
    (i32.xor (local.get 0) (i32.shr_u (local.get 1) (i32.const 35))))
  (func (export "add3") (param i32 i32 i32) (result i32)
    (i32.add (local.get 0) (i32.add (local.get 1) (local.get 2))))
  (func (export "add3_i") (param i32 i32) (result i32)
    (i32.add (local.get 0) (i32.add (local.get 1) (i32.const -5))))
  (func (export "andn") (param i32 i32) (result i32)
    (i32.and (local.get 0) (i32.xor (local.get 1) (i32.const -1))))
)
(assert_return (invoke "add_shl" (i32.const 1) (i32.const 0x40000001)) (i32.const 5))
(assert_return (invoke "add_shl" (i32.const -1) (i32.const 1)) (i32.const 3))
(assert_return (invoke "xor_shru" (i32.const 1) (i32.const 0x80000000)) (i32.const 0x10000001))
(assert_return (invoke "add3" (i32.const -1) (i32.const -1) (i32.const 3)) (i32.const 1))
(assert_return (invoke "add3" (i32.const 0x7fffffff) (i32.const 1) (i32.const 0)) (i32.const 0x80000000))
(assert_return (invoke "add3_i" (i32.const 2) (i32.const 2)) (i32.const -1))
(assert_return (invoke "add3_i" (i32.const 0x80000000) (i32.const 4)) (i32.const 0x7fffffff))
(assert_return (invoke "andn" (i32.const -1) (i32.const 0x0f0f0f0f)) (i32.const 0xf0f0f0f0))
(assert_return (invoke "andn" (i32.const 0) (i32.const 0)) (i32.const 0))
