;; local.set joins (cs_copy_local, cs_join_add): adjacent copies as COPY2 /
;; COPY3 and adjacent retargeted add-immediates as ADD_I2, done in order
;; (a later copy reads what an earlier one wrote).
;; fuses: rot copy3
;; fuses: swap copy2
;; fuses: step add_i2
(module
  (func (export "rot") (param i32 i32 i32) (result i32) (local i32)
    (local.set 3 (local.get 0)) (local.set 0 (local.get 1)) (local.set 1 (local.get 3))
    (i32.add (i32.mul (local.get 0) (i32.const 100)) (i32.add (i32.mul (local.get 1) (i32.const 10)) (local.get 2))))
  (func (export "swap") (param i32 i32) (result i32) (local i32)
    (local.set 2 (local.get 0)) (local.set 0 (local.get 1))
    (i32.sub (local.get 0) (local.get 2)))
  (func (export "step") (param i32 i32) (result i32)
    (local.set 0 (i32.add (local.get 0) (i32.const 4)))
    (local.set 1 (i32.add (local.get 0) (i32.const -1)))
    (i32.sub (local.get 0) (local.get 1)))
)
(assert_return (invoke "rot" (i32.const 1) (i32.const 2) (i32.const 3)) (i32.const 213))
(assert_return (invoke "swap" (i32.const 1) (i32.const 5)) (i32.const 4))
(assert_return (invoke "step" (i32.const -4) (i32.const 9)) (i32.const 1))
(assert_return (invoke "step" (i32.const 0x7ffffffc) (i32.const 0)) (i32.const 1))
