;; SPDX-License-Identifier: MIT
;; grow.wat: memory growth (test_memory.c): contents kept, exact bounds after each growth.
(module
  (memory (export "mem") 1)
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "size") (result i32) (memory.size))
  (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "load32") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "load64") (param i32) (result i64) (i64.load (local.get 0)))
  (func (export "load128") (param i32) (result i32)
    (i32x4.extract_lane 3 (v128.load (local.get 0))))
  ;; an offset of one page: the effective address is addr + 65536
  (func (export "load32_far") (param i32) (result i32) (i32.load offset=65536 (local.get 0)))
  (func (export "store8") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
  (func (export "store32") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "fill") (param i32 i32) (memory.fill (local.get 0) (i32.const 0xab) (local.get 1)))
  ;; one byte per page, page p gets p * 7 + 1 (mod 256), pages [from, to)
  (func (export "mark") (param $from i32) (param $to i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $from) (local.get $to)))
        (i32.store8 (i32.add (i32.mul (local.get $from) (i32.const 65536)) (i32.const 12345))
                    (i32.add (i32.mul (local.get $from) (i32.const 7)) (i32.const 1)))
        (local.set $from (i32.add (local.get $from) (i32.const 1)))
        (br $l))))
  ;; the first page in [from, to) whose mark is wrong, or -1
  (func (export "check") (param $from i32) (param $to i32) (result i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $from) (local.get $to)))
        (if (i32.ne (i32.load8_u (i32.add (i32.mul (local.get $from) (i32.const 65536))
                                          (i32.const 12345)))
                    (i32.and (i32.add (i32.mul (local.get $from) (i32.const 7)) (i32.const 1))
                             (i32.const 255)))
          (then (return (local.get $from))))
        (local.set $from (i32.add (local.get $from) (i32.const 1)))
        (br $l)))
    (i32.const -1)))
