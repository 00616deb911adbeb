;; SPDX-License-Identifier: MIT
;; memory_past_1gib.wat: WASI test: declares 16385 pages (1 GiB + 64 KiB), the old default limit plus one; exits 0.
(module
  (memory 16385)
  (func (export "_start")))
