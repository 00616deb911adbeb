;; SPDX-License-Identifier: MIT
;; oom.wat: a table of 4 million entries (32 MiB of references): more than the runner's heap holds.
(module
  (table 4000000 funcref)
  (func (export "_start")))
