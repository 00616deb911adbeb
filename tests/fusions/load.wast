;; Loads fused with their address computation (cs_load_fused): x + k, x + y,
;; x + (y << k). The sum wraps to 32 bits before the static offset is added
;; (a 33-bit effective address), and the fused load traps as the load.
;; fuses: ai ld32_ai
;; fuses: aa ld64_aa
;; fuses: as ld32_as
;; fuses: as64 ld64_as
;; fuses: ai8 ld8u_ai
;; fuses: aa16 ld16s_aa
(module
  (memory 1)
  (data (i32.const 0) "\01\02\03\04\05\06\07\08\f9\fa\fb\fc\fd\fe\ff\80")
  (func (export "ai") (param i32) (result i32) (i32.load offset=2 (i32.add (local.get 0) (i32.const 4))))
  (func (export "aa") (param i32 i32) (result i64) (i64.load (i32.add (local.get 0) (local.get 1))))
  (func (export "as") (param i32 i32) (result i32) (i32.load (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 2)))))
  (func (export "as64") (param i32 i32) (result f64) (f64.load offset=1 (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 3)))))
  (func (export "ai8") (param i32) (result i32) (i32.load8_u (i32.add (local.get 0) (i32.const -1))))
  (func (export "aa16") (param i32 i32) (result i32) (i32.load16_s offset=1 (i32.add (local.get 0) (local.get 1))))
)
(assert_return (invoke "ai" (i32.const 0)) (i32.const 0xfaf90807))
(assert_return (invoke "ai" (i32.const -4)) (i32.const 0x06050403))
(assert_trap (invoke "ai" (i32.const 65530)) "out of bounds memory access")
(assert_return (invoke "aa" (i32.const 1) (i32.const -1)) (i64.const 0x0807060504030201))
(assert_trap (invoke "aa" (i32.const 65529) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "as" (i32.const 4) (i32.const 1)) (i32.const 0xfcfbfaf9))
(assert_return (invoke "as" (i32.const 8) (i32.const 0x3fffffff)) (i32.const 0x08070605))
(assert_return (invoke "as" (i32.const 0) (i32.const 16383)) (i32.const 0))
(assert_trap (invoke "as" (i32.const 0) (i32.const 16384)) "out of bounds memory access")
(assert_trap (invoke "as64" (i32.const -1) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "as64" (i32.const -8) (i32.const 1)) (f64.const -0x1.8070605040302p+913))
(assert_return (invoke "ai8" (i32.const 16)) (i32.const 0x80))
(assert_trap (invoke "ai8" (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "ai8" (i32.const 65537)) "out of bounds memory access")
(assert_return (invoke "aa16" (i32.const 14) (i32.const 0)) (i32.const 0x80))
(assert_trap (invoke "aa16" (i32.const 0) (i32.const -1)) "out of bounds memory access")
(assert_return (invoke "aa16" (i32.const 1) (i32.const -1)) (i32.const 0x0302))
(assert_trap (invoke "aa16" (i32.const 65534) (i32.const 0)) "out of bounds memory access")
