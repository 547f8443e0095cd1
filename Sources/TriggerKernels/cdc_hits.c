#include "trigger_kernels.h"
#include "cpu_features.h"

#include <string.h>

/* One hit: bytes 0 layer, 1 reserved, 2–3 wire, 4–5 TDC, 6–7 ADC (little-endian). */
#define CHECK_COPY_BODY                                                             \
  uint64_t flags = 0;                                                               \
  for (size_t i = 0; i < count; i++) {                                              \
    uint64_t word;                                                                  \
    memcpy(&word, source_bytes + 8 * i, 8);                                         \
    memcpy(destination_bytes + 8 * i, &word, 8);                                    \
    int32_t layer = (int32_t)(word & 0xFF);                                         \
    int32_t wire = (int32_t)((word >> 16) & 0xFFFF);                                \
    int32_t above_base = wire - 160;                                                \
    int32_t first_layer = 14 + 6 * (above_base >> 5);                              \
    int32_t bad = ((layer - first_layer) & ~above_base) | (55 - layer);             \
    flags |= (word & 0xFF00) | ((uint32_t)bad >> 31);                               \
  }                                                                                 \
  return flags;

static uint64_t check_copy_portable(const unsigned char *source_bytes, unsigned char *destination_bytes, size_t count) {
  CHECK_COPY_BODY
}

#if defined(__x86_64__)
__attribute__((target("avx2")))
static uint64_t check_copy_avx2(const unsigned char *source_bytes, unsigned char *destination_bytes, size_t count) {
  CHECK_COPY_BODY
}

#endif

uint64_t trigemu_cdc_hits_check_copy(const void *source, void *destination, size_t count) {
#if defined(__x86_64__)
  if (trigemu_cpu_has_avx2()) return check_copy_avx2(source, destination, count);
#endif
  return check_copy_portable(source, destination, count);
}

uint64_t trigemu_cdc_hits_check_copy_portable(const void *source, void *destination, size_t count) {
  return check_copy_portable(source, destination, count);
}
