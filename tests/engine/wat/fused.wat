;; SPDX-License-Identifier: MIT
;; fused.wat: instruction pairs the compiler fuses: an address sum folded into
;; a load must still wrap to 32 bits before the offset is added.
(module
  (memory 1)
  (data (i32.const 0) "\01\02\03\04\05\06\07\08\ff\fe\fd")
  ;; x + k, then a load with offset: (x + k) mod 2^32 + offset
  (func (export "ld32_ai") (param i32) (result i32)
    (i32.load offset=4 (i32.add (local.get 0) (i32.const 8))))
  (func (export "ld64_ai") (param i32) (result i64)
    (i64.load (i32.add (local.get 0) (i32.const 8))))
  ;; x + y, then a load
  (func (export "ld32_aa") (param i32 i32) (result i32)
    (i32.load (i32.add (local.get 0) (local.get 1))))
  (func (export "ldf64_aa") (param i32 i32) (result f64)
    (f64.load offset=65528 (i32.add (local.get 0) (local.get 1))))
  ;; byte and halfword forms: sum of the four, then each signed form
  (func (export "ld_small") (param i32) (result i32)
    (i32.add
      (i32.add (i32.load8_u offset=1 (i32.add (local.get 0) (i32.const 8)))
               (i32.load16_u (i32.add (local.get 0) (i32.const 8))))
      (i32.add (i32.load8_s (i32.add (local.get 0) (i32.const 10)))
               (i32.load16_s offset=2 (i32.add (local.get 0) (i32.const 8))))))
  (func (export "ld_small_aa") (param i32 i32) (result i32)
    (i32.add
      (i32.add (i32.load8_u (i32.add (local.get 0) (local.get 1)))
               (i32.load16_u (i32.add (local.get 0) (local.get 1))))
      (i32.add (i32.load8_s (i32.add (local.get 0) (local.get 1)))
               (i32.load16_s (i32.add (local.get 0) (local.get 1))))))
  ;; base + (i << k), and the load fused with it; (y << k) + x order too
  (func (export "add_shl") (param i32 i32) (result i32)
    (i32.add (i32.shl (local.get 1) (i32.const 35)) (local.get 0)))
  (func (export "ld32_as") (param i32 i32) (result i32)
    (i32.load offset=4 (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 2)))))
  (func (export "ld64_as") (param i32 i32) (result i64)
    (i64.load (i32.add (i32.shl (local.get 1) (i32.const 3)) (local.get 0))))
  ;; f64 products consumed by add/sub; the last three load the other operand
  ;; after the product, into the slot that held the product's input
  (func (export "muladd") (param f64 f64 f64) (result f64)
    (f64.add (f64.mul (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "submul") (param f64 f64 f64) (result f64)
    (f64.sub (local.get 2) (f64.mul (local.get 0) (local.get 1))))
  (func (export "muladd_ld") (param f64) (result f64)
    (f64.store (i32.const 16) (f64.const 3))
    (f64.store (i32.const 24) (f64.const 0.5))
    (f64.add (f64.mul (local.get 0) (f64.load (i32.const 16))) (f64.load (i32.const 24))))
  (func (export "mulsub_ld") (param f64) (result f64)
    (f64.store (i32.const 16) (f64.const 3))
    (f64.store (i32.const 24) (f64.const 0.5))
    (f64.sub (f64.mul (local.get 0) (f64.load (i32.const 16))) (f64.load (i32.const 24))))
  (func (export "muladd_oob") (param f64) (result f64)
    (f64.add (f64.mul (local.get 0) (local.get 0)) (f64.load (i32.const 65536))))
  ;; x ^ rotl(y, k) and (y >> k) ^ x
  (func (export "xor_rotl") (param i32 i32) (result i32)
    (i32.xor (local.get 0) (i32.rotl (local.get 1) (i32.const 36))))
  (func (export "xor_shru") (param i32 i32) (result i32)
    (i32.xor (i32.shr_u (local.get 1) (i32.const 8)) (local.get 0)))
  ;; f64 compare + branch: `if` jumps on the negation, which must hold for NaN
  (func (export "if_f64_lt") (param f64 f64) (result i32)
    (if (result i32) (f64.lt (local.get 0) (local.get 1)) (then (i32.const 1)) (else (i32.const 0))))
  (func (export "if_f64_ge") (param f64 f64) (result i32)
    (if (result i32) (f64.ge (local.get 0) (local.get 1)) (then (i32.const 1)) (else (i32.const 0))))
  (func (export "br_if_f64_ne") (param f64 f64) (result i32)
    (block (br_if 0 (f64.ne (local.get 0) (local.get 1))) (return (i32.const 0)))
    (i32.const 1))
  ;; sums of three and four terms, both nestings
  (func (export "add3") (param i32 i32 i32 i32) (result i32)
    (i32.add (i32.add (i32.add (local.get 0) (local.get 1)) (local.get 2))
             (i32.add (local.get 3) (i32.add (local.get 0) (local.get 3)))))
  ;; i64 compare + branch: register and immediate forms (sign-extended, then
  ;; unsigned or signed), the negation `if` uses, eqz of all 64 bits, a
  ;; constant that does not fit 32 bits, and a loop back-edge
  (func (export "br64_lt_s") (param i64 i64) (result i32)
    (block (br_if 0 (i64.lt_s (local.get 0) (local.get 1))) (return (i32.const 0)))
    (i32.const 1))
  (func (export "if64_ge_u") (param i64 i64) (result i32)
    (if (result i32) (i64.ge_u (local.get 0) (local.get 1)) (then (i32.const 1)) (else (i32.const 0))))
  (func (export "if64_lt_u_m1") (param i64) (result i32)
    (if (result i32) (i64.lt_u (local.get 0) (i64.const -1)) (then (i32.const 1)) (else (i32.const 0))))
  (func (export "br64_gt_s_m5") (param i64) (result i32)
    (block (br_if 0 (i64.gt_s (local.get 0) (i64.const -5))) (return (i32.const 0)))
    (i32.const 1))
  (func (export "if64_eqz") (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 1)) (else (i32.const 0))))
  (func (export "br64_ne_big") (param i64) (result i32)
    (block (br_if 0 (i64.ne (local.get 0) (i64.const 0x100000000))) (return (i32.const 0)))
    (i32.const 1))
  (func (export "loop64") (param i64) (result i64) (local i64)
    (loop
      (local.set 1 (i64.add (local.get 1) (i64.const 3)))
      (local.set 0 (i64.sub (local.get 0) (i64.const 1)))
      (br_if 0 (i64.gt_s (local.get 0) (i64.const 0))))
    (local.get 1))
  ;; i64 ops with an immediate: constants over 32 bits, shift counts mod 64,
  ;; and division by constants that trap (0, signed -1: not fused) or not
  (func (export "imm64_mix") (param i64) (result i64)
    (i64.xor
      (i64.add (i64.mul (local.get 0) (i64.const 0x100000003)) (i64.const -0x200000000))
      (i64.sub (i64.or (i64.and (local.get 0) (i64.const 0xff000000ff)) (i64.const 0x1000000000))
               (i64.const 0x300000001))))
  (func (export "imm64_shifts") (param i64) (result i64)
    (i64.add (i64.add (i64.shl (local.get 0) (i64.const 68)) (i64.shr_s (local.get 0) (i64.const 60)))
             (i64.add (i64.shr_u (local.get 0) (i64.const 124))
                      (i64.xor (i64.rotl (local.get 0) (i64.const 8)) (i64.rotr (local.get 0) (i64.const 72))))))
  (func (export "imm64_div") (param i64) (result i64)
    (i64.add (i64.add (i64.div_s (local.get 0) (i64.const -7)) (i64.div_u (local.get 0) (i64.const 0x100000000)))
             (i64.add (i64.rem_s (local.get 0) (i64.const -7)) (i64.rem_u (local.get 0) (i64.const 10)))))
  (func (export "rem64_s_m1") (param i64) (result i64) (i64.rem_s (local.get 0) (i64.const -1)))
  (func (export "div64_s_m1") (param i64) (result i64) (i64.div_s (local.get 0) (i64.const -1)))
  (func (export "div64_u_0") (param i64) (result i64) (i64.div_u (local.get 0) (i64.const 0)))
  ;; bit-logic pairs, both operand orders; an xor with another constant is not a not
  (func (export "andn") (param i32 i32) (result i32)
    (i32.and (local.get 0) (i32.xor (local.get 1) (i32.const -1))))
  (func (export "andn_r") (param i32 i32) (result i32)
    (i32.and (i32.xor (local.get 1) (i32.const -1)) (local.get 0)))
  (func (export "and_xorff") (param i32 i32) (result i32)
    (i32.and (local.get 0) (i32.xor (local.get 1) (i32.const 0xff))))
  (func (export "and_xor") (param i32 i32 i32) (result i32)
    (i32.and (i32.xor (local.get 1) (local.get 2)) (local.get 0)))
  (func (export "xor_and") (param i32 i32 i32) (result i32)
    (i32.xor (local.get 0) (i32.and (local.get 1) (local.get 2))))
  (func (export "or_and") (param i32 i32 i32) (result i32)
    (i32.or (i32.and (local.get 1) (local.get 2)) (local.get 0)))
  ;; local.set copies joined as COPY2/COPY3 run in order; none joins across
  ;; a label (the br_if lands between the last two copies)
  (func (export "rotate") (param i32 i32 i32 i32) (result i32)
    (local.set 0 (local.get 1)) (local.set 1 (local.get 2)) (local.set 2 (local.get 3))
    (local.set 3 (local.get 0)) (local.set 2 (local.get 1))
    (i32.add (i32.add (local.get 0) (i32.mul (local.get 1) (i32.const 10)))
             (i32.add (i32.mul (local.get 2) (i32.const 100)) (i32.mul (local.get 3) (i32.const 1000)))))
  (func (export "copy_label") (param i32 i32) (result i32) (local i32 i32 i32)
    (block
      (local.set 2 (local.get 1))
      (br_if 0 (local.get 0))
      (local.set 3 (local.get 1)))
    (local.set 4 (local.get 0))
    (local.get 4))
  ;; x + (y + k) and (x + k) + y as ADD3_I, wrapping
  (func (export "add3_i") (param i32 i32) (result i32)
    (i32.xor (i32.add (local.get 0) (i32.add (local.get 1) (i32.const -5)))
             (i32.add (i32.add (local.get 0) (i32.const 0x7ffffff0)) (local.get 1))))
  ;; local.set of x + k right after another joins it (ADD_I2), in order,
  ;; never across a label: the br_if lands between the last two
  (func (export "add_pair") (param i32 i32) (result i32) (local i32 i32)
    (local.set 1 (i32.add (local.get 1) (i32.const 5)))
    (local.set 2 (i32.add (local.get 1) (i32.const 7)))
    (block
      (local.set 3 (i32.add (local.get 2) (i32.const 1)))
      (br_if 0 (local.get 0))
      (local.set 3 (i32.add (local.get 3) (i32.const 2))))
    (local.set 2 (i32.add (local.get 3) (i32.const 100)))
    (i32.add (i32.mul (local.get 2) (i32.const 1000)) (local.get 1)))
  ;; rotations of one value xor-ed (SIGMA2/SIGMA3, counts mod 32); of two
  ;; values they stay apart
  (func (export "sigma") (param i32 i32) (result i32)
    (i32.add
      (i32.xor (i32.xor (i32.rotl (local.get 0) (i32.const 26)) (i32.rotl (local.get 0) (i32.const 21)))
               (i32.rotl (local.get 0) (i32.const 39)))
      (i32.xor (i32.rotl (local.get 0) (i32.const 3)) (i32.rotl (local.get 1) (i32.const 5)))))
  (func (export "copy_loop") (param i32) (result i32) (local i32 i32)
    (local.set 1 (local.get 0))
    (loop
      (local.set 2 (local.get 1))
      (local.set 1 (i32.sub (local.get 2) (i32.const 1)))
      (br_if 0 (local.get 1)))
    (local.get 2)))
