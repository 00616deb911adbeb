;; SPDX-License-Identifier: MIT
;; recurse.wat: demo 05: recurses without end; the engine's call-depth limit traps it.
(module
  (func $deeper (export "_start")
    (call $deeper)))
