;; SPDX-License-Identifier: MIT
;; greedy.wat: demo 05: grows its memory past its quota; memory.grow answers -1.
(module
  (memory 1)
  (func (export "grow") (param $pages i32) (result i32)
    (memory.grow (local.get $pages))))
