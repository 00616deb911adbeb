;; Stores of a constant (cs_store_const): emitted, storing the low bits of
;; the constant, trapping as the store would at the memory's end.
;; fuses: st8 st8_k
;; fuses: st16 st16_k
;; fuses: st32 st32_k
;; fuses: st64 st64_k
(module
  (memory 1)
  (func (export "st8") (param i32) (i32.store8 offset=1 (local.get 0) (i32.const 0x1ff)))
  (func (export "st16") (param i32) (i32.store16 (local.get 0) (i32.const -2)))
  (func (export "st32") (param i32) (f32.store (local.get 0) (f32.const -0x1p-149)))
  (func (export "st64") (param i32) (i64.store (local.get 0) (i64.const 0x8000000000000001)))
  (func (export "ld64") (param i32) (result i64) (i64.load (local.get 0)))
)
(assert_return (invoke "st8" (i32.const 7)))
(assert_return (invoke "ld64" (i32.const 8)) (i64.const 0xff))
(assert_return (invoke "st16" (i32.const 16)))
(assert_return (invoke "ld64" (i32.const 16)) (i64.const 0xfffe))
(assert_return (invoke "st32" (i32.const 24)))
(assert_return (invoke "ld64" (i32.const 24)) (i64.const 0x80000001))
(assert_return (invoke "st64" (i32.const 65528)))
(assert_return (invoke "ld64" (i32.const 65528)) (i64.const 0x8000000000000001))
(assert_trap (invoke "st8" (i32.const 65535)) "out of bounds memory access")
(assert_trap (invoke "st64" (i32.const 65529)) "out of bounds memory access")
(assert_trap (invoke "st32" (i32.const -1)) "out of bounds memory access")
