/* SPDX-License-Identifier: MIT */
/* memory_host.h: the engine's memory provider on Linux (mmap reservations). */
#pragma once
#include "../../engine/include/jwasm.h"

/* A provider for jw_store_config_t.memory: each linear memory is one
 * PROT_NONE, MAP_NORESERVE mapping (address space only), committed by
 * mprotect as it grows; the kernel supplies zeroed pages on first touch, so
 * pages a program never touches cost nothing. Stateless (ud is NULL). */
jw_memory_provider_t memory_host_provider(void);
