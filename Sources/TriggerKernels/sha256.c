// SHA-256 (FIPS 180-4) for the provenance hashes of menus, models and inputs: portable C, and
// the x86 SHA extensions (sha256rnds2, sha256msg1/2) with run-time dispatch, about ten times
// faster, which matters because every input of `trigemu run` is hashed.
#include "trigger_kernels.h"
#include "cpu_features.h"

#include <string.h>

static const uint32_t round_constants[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static inline uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static void compress_portable(uint32_t state[8], const uint8_t *block) {
  uint32_t w[64];
  for (int i = 0; i < 16; i++) {
    w[i] = (uint32_t)block[4 * i] << 24 | (uint32_t)block[4 * i + 1] << 16 | (uint32_t)block[4 * i + 2] << 8 | block[4 * i + 3];
  }
  for (int i = 16; i < 64; i++) {
    uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
  for (int i = 0; i < 64; i++) {
    uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + round_constants[i] + w[i];
    uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
  }
  state[0] += a; state[1] += b; state[2] += c; state[3] += d; state[4] += e; state[5] += f; state[6] += g; state[7] += h;
}

/* Compresses `count` 64-byte blocks. */
static void compress_blocks_portable(uint32_t state[8], const uint8_t *blocks, size_t count) {
  for (size_t i = 0; i < count; i++) compress_portable(state, blocks + 64 * i);
}

#if defined(__x86_64__)
#include <immintrin.h>

/* The SHA extensions keep the state as two registers, ABEF and CDGH (A in the top lane); each
   sha256rnds2 does two rounds with the two message-plus-constant words in the low lanes. */
__attribute__((target("sha,sse4.1")))
static void compress_blocks_sha(uint32_t state[8], const uint8_t *blocks, size_t count) {
  const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i dcba = _mm_loadu_si128((const __m128i *)&state[0]);
  __m128i hgfe = _mm_loadu_si128((const __m128i *)&state[4]);
  __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
  __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
  __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
  __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);
  for (size_t block = 0; block < count; block++) {
    const uint8_t *p = blocks + 64 * block;
    const __m128i abef_in = abef, cdgh_in = cdgh;
    __m128i w[4];  /* the last four groups of four message words, w[i % 4] for group i */
    /* Unrolled whole, so w[] lives in registers: rolled, clang kept it on the stack and every
       schedule step waited on a store and a load (1.40 → 1.58 GB/s, OpenSSL's speed here). */
#pragma clang loop unroll(full)
    for (int group = 0; group < 16; group++) {
      __m128i words;
      if (group < 4) {
        words = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * group)), byte_swap);
      } else {
        /* W[t] = σ1(W[t−2]) + W[t−7] + σ0(W[t−15]) + W[t−16], four at a time. */
        __m128i partial = _mm_sha256msg1_epu32(w[group % 4], w[(group + 1) % 4]);
        partial = _mm_add_epi32(partial, _mm_alignr_epi8(w[(group + 3) % 4], w[(group + 2) % 4], 4));
        words = _mm_sha256msg2_epu32(partial, w[(group + 3) % 4]);
      }
      w[group % 4] = words;
      __m128i schedule = _mm_add_epi32(words, _mm_loadu_si128((const __m128i *)&round_constants[4 * group]));
      cdgh = _mm_sha256rnds2_epu32(cdgh, abef, schedule);
      abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(schedule, 0x0E));
    }
    abef = _mm_add_epi32(abef, abef_in);
    cdgh = _mm_add_epi32(cdgh, cdgh_in);
  }
  __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
  __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
  _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xF0));
  _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));
}

#else
static void compress_blocks_sha(uint32_t state[8], const uint8_t *blocks, size_t count) { compress_blocks_portable(state, blocks, count); }
#endif

int trigemu_sha256_is_hardware_accelerated(void) { return trigemu_cpu_has_sha(); }

static void compress_blocks(trigemu_sha256 *context, const uint8_t *blocks, size_t count) {
  if (context->portable) {
    compress_blocks_portable(context->state, blocks, count);
  } else {
    compress_blocks_sha(context->state, blocks, count);
  }
}

void trigemu_sha256_init_portable(trigemu_sha256 *context) {
  trigemu_sha256_init(context);
  context->portable = 1;
}

void trigemu_sha256_init(trigemu_sha256 *context) {
  static const uint32_t initial[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  memcpy(context->state, initial, sizeof initial);
  context->length = 0;
  context->buffered = 0;
  context->portable = !trigemu_sha256_is_hardware_accelerated();
}

void trigemu_sha256_update(trigemu_sha256 *context, const void *bytes, size_t length) {
  const uint8_t *p = bytes;
  context->length += length;
  if (context->buffered) {
    size_t take = 64 - context->buffered < length ? 64 - context->buffered : length;
    memcpy(context->buffer + context->buffered, p, take);
    context->buffered += take; p += take; length -= take;
    if (context->buffered < 64) return;
    compress_blocks(context, context->buffer, 1);
    context->buffered = 0;
  }
  size_t blocks = length / 64;
  compress_blocks(context, p, blocks);
  p += 64 * blocks;
  length -= 64 * blocks;
  memcpy(context->buffer, p, length);
  context->buffered = length;
}

void trigemu_sha256_final(trigemu_sha256 *context, uint8_t digest[32]) {
  uint64_t bits = context->length * 8;
  uint8_t pad[72] = {0x80};
  size_t padding = (context->buffered < 56 ? 56 : 120) - context->buffered;
  for (int i = 0; i < 8; i++) pad[padding + i] = (uint8_t)(bits >> (56 - 8 * i));
  trigemu_sha256_update(context, pad, padding + 8);
  for (int i = 0; i < 8; i++) {
    digest[4 * i] = (uint8_t)(context->state[i] >> 24); digest[4 * i + 1] = (uint8_t)(context->state[i] >> 16);
    digest[4 * i + 2] = (uint8_t)(context->state[i] >> 8); digest[4 * i + 3] = (uint8_t)context->state[i];
  }
}
