#ifndef TRIGEMU_CPU_FEATURES_H
#define TRIGEMU_CPU_FEATURES_H

/* What the CPU offers the kernels, probed once at start-up (private to TriggerKernels). */

/// 1 when the CPU has AVX2 (x86-64 only), else 0: the CDC hit check, the segment windows and the Hough kernels use it.
int trigemu_cpu_has_avx2(void);

#endif
