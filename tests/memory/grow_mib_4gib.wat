;; SPDX-License-Identifier: MIT
;; grow_mib_4gib.wat: grows memory 1 MiB (16 pages) at a time until refused,
;; writing one byte in each new MiB, then checks it reached 4 GiB (65536
;; pages), reads every byte back and uses the last 8 bytes. Exits 0, 1 if a
;; byte changed, 3 if it stopped short of 4 GiB. "past_end" (--invoke) grows
;; the same way, then loads 4 bytes at 4 GiB - 3: an out-of-bounds trap.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory 0)
  ;; MiB m's byte: at m * 2^20 + (m & 1023) * 64 + 5, value m * 13 + 3
  (func $addr (param $m i32) (result i32)
    (i32.add (i32.shl (local.get $m) (i32.const 20))
             (i32.add (i32.shl (i32.and (local.get $m) (i32.const 1023)) (i32.const 6))
                      (i32.const 5))))
  (func $value (param $m i32) (result i32)
    (i32.and (i32.add (i32.mul (local.get $m) (i32.const 13)) (i32.const 3)) (i32.const 255)))
  ;; grows until memory.grow says -1, marking each new MiB
  (func $grow_all
    (local $old i32)
    (loop $grow
      (local.set $old (memory.grow (i32.const 16)))
      (if (i32.ne (local.get $old) (i32.const -1))
        (then
          (i32.store8 (call $addr (i32.shr_u (local.get $old) (i32.const 4)))
                      (call $value (i32.shr_u (local.get $old) (i32.const 4))))
          (br $grow)))))
  (func (export "_start")
    (local $m i32)
    (call $grow_all)
    (if (i32.ne (memory.size) (i32.const 65536)) (then (call $exit (i32.const 3))))
    (loop $check
      (if (i32.ne (i32.load8_u (call $addr (local.get $m))) (call $value (local.get $m)))
        (then (call $exit (i32.const 1))))
      (local.set $m (i32.add (local.get $m) (i32.const 1)))
      (br_if $check (i32.lt_u (local.get $m) (i32.const 4096))))
    (i64.store (i32.const -8) (i64.const 0x0102030405060708))
    (if (i64.ne (i64.load (i32.const -8)) (i64.const 0x0102030405060708))
      (then (call $exit (i32.const 1))))
    (call $exit (i32.const 0)))
  (func (export "past_end") (result i32)
    (call $grow_all)
    (i32.load (i32.const -3))))
