;; Fused i32 ALU ops (compile_num.c cs_imm_pair, cs_sigma): each is emitted
;; for its pattern (tests/fusions/check.sh checks with jw-dis) and computes
;; what the unfused pair computes, at the edges (wrap-around, shift counts
;; past 31, all-ones).
;; fuses: add_shl add_shl
;; fuses: xor_rotl xor_rotl
;; fuses: xor_shru xor_shru
;; fuses: add3 add3
;; fuses: add3_i add3_i
;; fuses: andn andn
;; fuses: and_xor and_xor
;; fuses: xor_and xor_and
;; fuses: or_and or_and
;; fuses: sigma2 sigma2
;; fuses: sigma3 sigma3
(module
  (func (export "add_shl") (param i32 i32) (result i32)
    (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 34))))
  (func (export "xor_rotl") (param i32 i32) (result i32)
    (i32.xor (local.get 0) (i32.rotl (local.get 1) (i32.const 7))))
  (func (export "xor_shru") (param i32 i32) (result i32)
    (i32.xor (local.get 0) (i32.shr_u (local.get 1) (i32.const 35))))
  (func (export "add3") (param i32 i32 i32) (result i32)
    (i32.add (local.get 0) (i32.add (local.get 1) (local.get 2))))
  (func (export "add3_i") (param i32 i32) (result i32)
    (i32.add (local.get 0) (i32.add (local.get 1) (i32.const -5))))
  (func (export "andn") (param i32 i32) (result i32)
    (i32.and (local.get 0) (i32.xor (local.get 1) (i32.const -1))))
  (func (export "and_xor") (param i32 i32 i32) (result i32)
    (i32.and (local.get 0) (i32.xor (local.get 1) (local.get 2))))
  (func (export "xor_and") (param i32 i32 i32) (result i32)
    (i32.xor (local.get 0) (i32.and (local.get 1) (local.get 2))))
  (func (export "or_and") (param i32 i32 i32) (result i32)
    (i32.or (local.get 0) (i32.and (local.get 1) (local.get 2))))
  (func (export "sigma2") (param i32) (result i32)
    (i32.xor (i32.rotl (local.get 0) (i32.const 30)) (i32.rotl (local.get 0) (i32.const 19))))
  (func (export "sigma3") (param i32) (result i32)
    (i32.xor (i32.xor (i32.rotl (local.get 0) (i32.const 30)) (i32.rotl (local.get 0) (i32.const 19)))
             (i32.rotl (local.get 0) (i32.const 10))))
)
(assert_return (invoke "add_shl" (i32.const 1) (i32.const 0x40000001)) (i32.const 5))
(assert_return (invoke "add_shl" (i32.const -1) (i32.const 1)) (i32.const 3))
(assert_return (invoke "xor_rotl" (i32.const 0) (i32.const 0x80000001)) (i32.const 0xc0))
(assert_return (invoke "xor_rotl" (i32.const -1) (i32.const 0x02000000)) (i32.const 0xfffffffe))
(assert_return (invoke "xor_shru" (i32.const 1) (i32.const 0x80000000)) (i32.const 0x10000001))
(assert_return (invoke "add3" (i32.const -1) (i32.const -1) (i32.const 3)) (i32.const 1))
(assert_return (invoke "add3" (i32.const 0x7fffffff) (i32.const 1) (i32.const 0)) (i32.const 0x80000000))
(assert_return (invoke "add3_i" (i32.const 2) (i32.const 2)) (i32.const -1))
(assert_return (invoke "add3_i" (i32.const 0x80000000) (i32.const 4)) (i32.const 0x7fffffff))
(assert_return (invoke "andn" (i32.const -1) (i32.const 0x0f0f0f0f)) (i32.const 0xf0f0f0f0))
(assert_return (invoke "andn" (i32.const 0) (i32.const 0)) (i32.const 0))
(assert_return (invoke "and_xor" (i32.const 0xff00ff00) (i32.const 0xf0f0f0f0) (i32.const 0x0ff00ff0)) (i32.const 0xff00ff00))
(assert_return (invoke "xor_and" (i32.const -1) (i32.const 0xf0f0f0f0) (i32.const 0xff00ff00)) (i32.const 0x0fff0fff))
(assert_return (invoke "or_and" (i32.const 1) (i32.const 0xf0) (i32.const 0x3c)) (i32.const 0x31))
(assert_return (invoke "sigma2" (i32.const 1)) (i32.const 0x40080000))
(assert_return (invoke "sigma2" (i32.const -1)) (i32.const 0))
(assert_return (invoke "sigma3" (i32.const 1)) (i32.const 0x40080400))
(assert_return (invoke "sigma3" (i32.const -1)) (i32.const -1))
