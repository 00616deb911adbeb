;; SPDX-License-Identifier: MIT
;; invalid.wat: well formed but invalid (built with wat2wasm --no-check): an i32 function returns an i64.
(module
  (func $wrong (export "_start") (result i32)
    (i64.const 1)))
