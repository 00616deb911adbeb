/* SPDX-License-Identifier: MIT */
/* empty.c: benchmark: a WASI program that does nothing (start-up time and footprint). */
int main(void) { return 0; }
