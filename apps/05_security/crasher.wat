;; SPDX-License-Identifier: MIT
;; crasher.wat: demo 05: traps at once, every time; its restart policy tries twice more, then gives up.
(module
  (func $fail (unreachable))
  (func (export "_start")
    (call $fail)))
