;; SPDX-License-Identifier: MIT
;; grow_pages_1gib.wat: grows memory to 1 GiB one 64 KiB page at a time,
;; writing one byte in each new page, then reads every byte back. Exits 0,
;; 1 if a byte changed, 2 if a growth was refused (tests/suites/memory-grow.sh).
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory 1)
  ;; page p's byte: at p * 65536 + (p & 4095) * 16, value p * 7 + 1
  (func $addr (param $p i32) (result i32)
    (i32.add (i32.shl (local.get $p) (i32.const 16))
             (i32.shl (i32.and (local.get $p) (i32.const 4095)) (i32.const 4))))
  (func $mark (param $p i32)
    (i32.store8 (call $addr (local.get $p))
                (i32.add (i32.mul (local.get $p) (i32.const 7)) (i32.const 1))))
  (func (export "_start")
    (local $p i32)
    (call $mark (i32.const 0))
    (block $grown
      (loop $grow
        (br_if $grown (i32.ge_u (memory.size) (i32.const 16384)))
        (local.set $p (memory.grow (i32.const 1)))
        (if (i32.eq (local.get $p) (i32.const -1)) (then (call $exit (i32.const 2))))
        (call $mark (local.get $p))
        (br $grow)))
    (local.set $p (i32.const 0))
    (loop $check
      (if (i32.ne (i32.load8_u (call $addr (local.get $p)))
                  (i32.and (i32.add (i32.mul (local.get $p) (i32.const 7)) (i32.const 1))
                           (i32.const 255)))
        (then (call $exit (i32.const 1))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $check (i32.lt_u (local.get $p) (i32.const 16384))))
    (call $exit (i32.const 0))))
