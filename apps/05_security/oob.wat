;; SPDX-License-Identifier: MIT
;; oob.wat: demo 05: reads far outside its one page of linear memory: a trap, nothing else.
(module
  (memory 1)
  (func $peek (param $at i32) (result i32)
    (i32.load (local.get $at)))
  (func (export "_start")
    (drop (call $peek (i32.const 0x7ffffff0)))))
