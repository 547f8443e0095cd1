#include "cpu_features.h"

#if defined(__x86_64__)
static int has_avx2 = 0, has_sse42 = 0;
__attribute__((constructor)) static void cpu_features_init(void) {
  __builtin_cpu_init();
  has_avx2 = __builtin_cpu_supports("avx2");
  has_sse42 = __builtin_cpu_supports("sse4.2");
}
int trigemu_cpu_has_avx2(void) { return has_avx2; }
int trigemu_cpu_has_sse42(void) { return has_sse42; }
#else
int trigemu_cpu_has_avx2(void) { return 0; }
int trigemu_cpu_has_sse42(void) { return 0; }
#endif
