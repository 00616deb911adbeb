;; SPDX-License-Identifier: MIT
;; big_memory.wat: a memory whose minimum is above the tests' store cap.
(module (memory 8))
