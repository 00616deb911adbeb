;; f64 multiply-add fusions (cs_f64_mul_fused, cs_f64_mem_fused,
;; cs_store_rmw): two roundings (never an FMA: 0x1p-53 is lost in a*b
;; before the add), loads folded in, read-modify-write stores, traps of the
;; first load.
;; fuses: muladd f64_muladd
;; fuses: mulsub f64_mulsub
;; fuses: submul f64_submul
;; fuses: muladd_l f64_muladd_l
;; fuses: add_m f64_add_m
;; fuses: div_m f64_div_m
;; fuses: rmw f64_muladd_rmw
;; fuses: axpy f64_axpy
(module
  (memory 1)
  (func (export "muladd") (param f64 f64 f64) (result f64) (f64.add (f64.mul (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "mulsub") (param f64 f64 f64) (result f64) (f64.sub (f64.mul (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "submul") (param f64 f64 f64) (result f64) (f64.sub (local.get 2) (f64.mul (local.get 0) (local.get 1))))
  (func (export "muladd_l") (param f64 f64 i32) (result f64)
    (f64.add (f64.load (local.get 2)) (f64.mul (local.get 0) (local.get 1))))
  (func (export "add_m") (param f64 i32) (result f64) (f64.add (local.get 0) (f64.load offset=8 (local.get 1))))
  (func (export "div_m") (param f64 i32) (result f64) (f64.div (local.get 0) (f64.load (local.get 1))))
  (func (export "rmw") (param f64 f64 i32)
    (f64.store (local.get 2) (f64.add (f64.load (local.get 2)) (f64.mul (local.get 0) (local.get 1)))))
  (func (export "axpy") (param f64 i32 i32)
    (f64.store (local.get 2) (f64.add (f64.mul (local.get 0) (f64.load (local.get 1))) (f64.load (local.get 2)))))
  (func (export "set") (param i32 f64) (f64.store (local.get 0) (local.get 1)))
  (func (export "get") (param i32) (result f64) (f64.load (local.get 0)))
)
(assert_return (invoke "muladd" (f64.const 0x1.0000001p0) (f64.const 0x1.0000001p0) (f64.const -1)) (f64.const 0x1p-27))
(assert_return (invoke "muladd" (f64.const 0x1.0000000000001p0) (f64.const 0x1.0000000000001p0) (f64.const -0x1.0000000000002p0)) (f64.const 0))
(assert_return (invoke "mulsub" (f64.const 0x1.0000000000001p0) (f64.const 0x1.0000000000001p0) (f64.const 0x1.0000000000002p0)) (f64.const 0))
(assert_return (invoke "submul" (f64.const 0x1.0000000000001p0) (f64.const 0x1.0000000000001p0) (f64.const 0x1.0000000000002p0)) (f64.const 0))
(assert_return (invoke "mulsub" (f64.const inf) (f64.const 0) (f64.const 1)) (f64.const nan:canonical))
(assert_return (invoke "set" (i32.const 16) (f64.const -0x1.0000000000002p0)))
(assert_return (invoke "muladd_l" (f64.const 0x1.0000000000001p0) (f64.const 0x1.0000000000001p0) (i32.const 16)) (f64.const 0))
(assert_trap (invoke "muladd_l" (f64.const 1) (f64.const 1) (i32.const 65529)) "out of bounds memory access")
(assert_return (invoke "add_m" (f64.const 1) (i32.const 8)) (f64.const -0x1p-51))
(assert_return (invoke "div_m" (f64.const 1) (i32.const 0)) (f64.const inf))
(assert_trap (invoke "div_m" (f64.const 1) (i32.const -8)) "out of bounds memory access")
(assert_return (invoke "rmw" (f64.const 0x1.0000000000001p0) (f64.const 0x1.0000000000001p0) (i32.const 16)))
(assert_return (invoke "get" (i32.const 16)) (f64.const 0))
(assert_trap (invoke "rmw" (f64.const 1) (f64.const 1) (i32.const 65536)) "out of bounds memory access")
(assert_return (invoke "set" (i32.const 32) (f64.const 0x1.0000000000001p0)))
(assert_return (invoke "set" (i32.const 40) (f64.const -0x1.0000000000002p0)))
(assert_return (invoke "axpy" (f64.const 0x1.0000000000001p0) (i32.const 32) (i32.const 40)))
(assert_return (invoke "get" (i32.const 40)) (f64.const 0))
(assert_trap (invoke "axpy" (f64.const 1) (i32.const 65532) (i32.const 0)) "out of bounds memory access")
