#include "trigger_kernels.h"
#include "cpu_features.h"

#include <string.h>

#define POLY 0x82F63B78u /* CRC-32C (Castagnoli), reflected */

static uint32_t table[256];
static uint32_t x2n_table[32]; /* x^(2^n) mod P, for shifting a CRC past n zero bits */
static uint32_t block_shift;   /* x^(8 * block) mod P for the three-stream block size */
#define BLOCK 8192

/* a(x) * b(x) mod P, reflected bit order. */
static uint32_t multiply_mod_p(uint32_t a, uint32_t b) {
  uint32_t m = 1u << 31, p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) == 0) break;
    }
    m >>= 1;
    b = (b & 1) ? (b >> 1) ^ POLY : b >> 1;
  }
  return p;
}

/* x^(8 * bytes) mod P. */
static uint32_t x8n_mod_p(size_t bytes) {
  uint32_t p = 1u << 31; /* x^0 */
  int k = 3;             /* 8 = 2^3 */
  while (bytes) {
    if (bytes & 1) p = multiply_mod_p(x2n_table[k & 31], p);
    bytes >>= 1;
    k++;
  }
  return p;
}

/// Fills the tables once, before any thread can call in.
__attribute__((constructor)) static void crc32c_init(void) {
  for (uint32_t n = 0; n < 256; n++) {
    uint32_t c = n;
    for (int k = 0; k < 8; k++) c = (c & 1) ? (c >> 1) ^ POLY : c >> 1;
    table[n] = c;
  }
  uint32_t p = 1u << 30; /* x^1 */
  x2n_table[0] = p;
  for (int n = 1; n < 32; n++) x2n_table[n] = p = multiply_mod_p(p, p);
  block_shift = x8n_mod_p(BLOCK);
}

static uint32_t update_table(uint32_t crc, const unsigned char *p, size_t n) {
  while (n--) crc = table[(crc ^ *p++) & 0xFF] ^ (crc >> 8);
  return crc;
}

#if defined(__x86_64__)
static inline uint64_t load64(const unsigned char *p) {
  uint64_t word;
  memcpy(&word, p, 8);
  return word;
}

__attribute__((target("sse4.2")))
static uint32_t update_sse42_serial(uint32_t crc32, const unsigned char *p, size_t n) {
  uint64_t crc = crc32;
  while (n >= 8) {
    crc = __builtin_ia32_crc32di(crc, load64(p));
    p += 8;
    n -= 8;
  }
  uint32_t c = (uint32_t)crc;
  while (n--) c = __builtin_ia32_crc32qi(c, *p++);
  return c;
}

/* Three independent streams hide the crc32 instruction's 3-cycle latency; their values are
   then joined by shifting the earlier ones past the later bytes (multiplication mod P). */
__attribute__((target("sse4.2")))
static uint32_t update_sse42(uint32_t crc, const unsigned char *p, size_t n) {
  const size_t block = BLOCK;
  while (n >= 3 * block) {
    uint64_t c0 = crc, c1 = 0, c2 = 0;
    const unsigned char *p1 = p + block, *p2 = p + 2 * block;
    for (size_t i = 0; i < block; i += 8) {
      c0 = __builtin_ia32_crc32di(c0, load64(p + i));
      c1 = __builtin_ia32_crc32di(c1, load64(p1 + i));
      c2 = __builtin_ia32_crc32di(c2, load64(p2 + i));
    }
    crc = multiply_mod_p(block_shift, multiply_mod_p(block_shift, (uint32_t)c0) ^ (uint32_t)c1) ^ (uint32_t)c2;
    p += 3 * block;
    n -= 3 * block;
  }
  return update_sse42_serial(crc, p, n);
}

#endif

int trigemu_crc32c_is_hardware_accelerated(void) { return trigemu_cpu_has_sse42(); }

uint32_t trigemu_crc32c_update(uint32_t crc, const void *bytes, size_t length) {
  const unsigned char *p = (const unsigned char *)bytes;
  crc = ~crc;
#if defined(__x86_64__)
  if (trigemu_cpu_has_sse42()) return ~update_sse42(crc, p, length);
#endif
  return ~update_table(crc, p, length);
}

uint32_t trigemu_crc32c_update_table(uint32_t crc, const void *bytes, size_t length) {
  return ~update_table(~crc, (const unsigned char *)bytes, length);
}
