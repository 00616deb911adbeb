/* SPDX-License-Identifier: MIT */
/* version.h: the kernel's release version, printed in the boot banner. */
#pragma once

#define JERICHO_VERSION "0.1.0"
