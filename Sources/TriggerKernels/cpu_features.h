#ifndef TRIGEMU_CPU_FEATURES_H
#define TRIGEMU_CPU_FEATURES_H

/* What the CPU offers the kernels, probed once at start-up (private to TriggerKernels). Ask at
   call time, not from another constructor: constructors of different files run in no set order. */

/// 1 when the CPU has AVX2 (x86-64 only), else 0: the CDC hit check, the segment windows and the Hough kernels use it.
int trigemu_cpu_has_avx2(void);

/// 1 when the CPU has SSE 4.2's crc32 instruction (x86-64 only), else 0: CRC-32C uses it.
int trigemu_cpu_has_sse42(void);

#endif
