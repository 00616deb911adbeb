;; SPDX-License-Identifier: MIT
;; consts.wat: f32/f64 constants inside loops, which the compiler keeps in
;; frame slots filled once at entry (CONSTS); the tests compare with the
;; values the constants must give.
(module
  ;; uses loop constants of its own and a deeper frame than its caller's
  (func $mix (param $x f64) (result f64)
    (local $i i32)
    (loop $l
      (local.set $x (f64.add (f64.mul (local.get $x) (f64.const 0.5)) (f64.const 3.0)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 2))))
    (local.get $x))
  ;; a call in the loop: the caller's constant slots survive the callee's frame
  (func (export "hash") (param $n i32) (result i64)
    (local $h f64) (local $i i32)
    (local.set $h (f64.const 1.0))
    (loop $l
      (local.set $h (f64.add (local.get $h)
                             (f64.mul (f64.convert_i32_u (local.get $i)) (f64.const 0.125))))
      (local.set $h (f64.sub (call $mix (local.get $h)) (f64.const 0.75)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (i64.reinterpret_f64 (local.get $h)))
  ;; exact bits: a NaN payload, -0.0, an f32 NaN, an i64 and an f64 with
  ;; the same bits
  (func (export "bits") (param $n i32) (result i64)
    (local $acc i64) (local $f f64)
    (loop $l
      (local.set $acc (i64.add (local.get $acc) (i64.reinterpret_f64 (f64.const nan:0x4000000000001))))
      (local.set $acc (i64.add (local.get $acc) (i64.reinterpret_f64 (f64.const -0.0))))
      (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (i32.reinterpret_f32 (f32.const nan:0x200001)))))
      (local.set $acc (i64.add (local.get $acc) (i64.const 0x3ff0000000000000)))
      (local.set $acc (i64.add (local.get $acc) (i64.reinterpret_f64 (f64.const 1.0))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $acc))
  ;; f64 arithmetic on constants in a loop, one leaving a block as its value
  ;; and one kept in a local: sum of (i * 0.5 + 0.25) for i < n, times 2.0
  (func (export "fsum") (param $n i32) (result f64)
    (local $acc f64) (local $i i32) (local $k f64)
    (loop $l
      (local.set $k (f64.const 0.25))
      (local.set $acc (f64.add (local.get $acc)
        (f64.add (f64.mul (f64.convert_i32_u (local.get $i))
                          (block (result f64) (br 0 (f64.const 0.5))))
                 (local.get $k))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (f64.mul (local.get $acc) (f64.const 2.0)))
  ;; recursion: every frame fills its own constant slots
  (func $rec (export "rec") (param $n i32) (result i64)
    (local $i i32) (local $s f64)
    (loop $l
      (local.set $s (f64.add (local.get $s) (f64.const 1e12)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 3))))
    (if (result i64) (local.get $n)
      (then (i64.add (i64.trunc_f64_s (local.get $s)) (call $rec (i32.sub (local.get $n) (i32.const 1)))))
      (else (i64.trunc_f64_s (local.get $s)))))
  ;; more distinct constants in one loop than get slots (16 + 4)
  (func (export "many") (param $n i32) (result i64)
    (local $a f64)
    (loop $l
      (local.set $a (f64.add (local.get $a) (f64.const 1)))
      (local.set $a (f64.add (local.get $a) (f64.const 2)))
      (local.set $a (f64.add (local.get $a) (f64.const 3)))
      (local.set $a (f64.add (local.get $a) (f64.const 4)))
      (local.set $a (f64.add (local.get $a) (f64.const 5)))
      (local.set $a (f64.add (local.get $a) (f64.const 6)))
      (local.set $a (f64.add (local.get $a) (f64.const 7)))
      (local.set $a (f64.add (local.get $a) (f64.const 8)))
      (local.set $a (f64.add (local.get $a) (f64.const 9)))
      (local.set $a (f64.add (local.get $a) (f64.const 10)))
      (local.set $a (f64.add (local.get $a) (f64.const 11)))
      (local.set $a (f64.add (local.get $a) (f64.const 12)))
      (local.set $a (f64.add (local.get $a) (f64.const 13)))
      (local.set $a (f64.add (local.get $a) (f64.const 14)))
      (local.set $a (f64.add (local.get $a) (f64.const 15)))
      (local.set $a (f64.add (local.get $a) (f64.const 16)))
      (local.set $a (f64.add (local.get $a) (f64.const 17)))
      (local.set $a (f64.add (local.get $a) (f64.const 18)))
      (local.set $a (f64.add (local.get $a) (f64.const 19)))
      (local.set $a (f64.add (local.get $a) (f64.const 20)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (i64.trunc_f64_s (local.get $a))))
