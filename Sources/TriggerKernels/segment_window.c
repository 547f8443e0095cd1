#include "trigger_kernels.h"
#include "cpu_features.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

int trigemu_segment_layout_init(trigemu_segment_layout *layout, size_t superlayers, const uint16_t *wires, const int8_t *stagger1,
                                const int8_t *stagger3) {
  size_t needed = 0;
  for (size_t superlayer = 0; superlayer < superlayers; superlayer++) needed += ((size_t)wires[superlayer] + 63) / 64 + 1;
  /* Every table sized for the plane, and five words left for the kernel's reads past the last. */
  if (superlayers > sizeof layout->wires / sizeof layout->wires[0] || needed + 5 > TRIGEMU_SEGMENT_PLANE_WORDS) return -1;
  *layout = (trigemu_segment_layout){.superlayers = superlayers};
  size_t word = 0;
  for (size_t superlayer = 0; superlayer < superlayers; superlayer++) {
    size_t n = wires[superlayer], words = (n + 63) >> 6;
    layout->wires[superlayer] = (uint16_t)n;
    layout->first_word[superlayer] = (uint16_t)word;
    for (size_t j = 0; j <= words; j++, word++) {
      /* The extra word (j = words) holds only the wrap: nothing of it is kept. */
      uint64_t keep = j + 1 < words ? ~UINT64_C(0) : j + 1 > words ? 0 : (n & 63) == 0 ? ~UINT64_C(0) : (UINT64_C(1) << (n & 63)) - 1;
      layout->keep[word] = keep;
      layout->below1[word] = stagger1[superlayer] > 0 ? ~UINT64_C(0) : 0;
      layout->below3[word] = stagger3[superlayer] > 0 ? ~UINT64_C(0) : 0;
      layout->word_superlayer[word] = (uint8_t)superlayer;
      layout->word_first_wire[word] = (uint16_t)(64 * j);
    }
  }
  layout->words = word;
  return 0;
}

/* The ring's wrap of every layer: bit 0 becomes wire n − 1 (stored at bit n), bit n + 1 wire 0
   (stored at bit 1), so each word's neighbours are plain shifts. Written before any wide load
   reads these words (a wide load of a word still being stored would wait for the store). */
static void wrap_rings(const trigemu_segment_layout *layout, uint64_t *planes) {
  for (size_t superlayer = 0; superlayer < layout->superlayers; superlayer++) {
    size_t n = layout->wires[superlayer], beyond = n + 1;
    for (size_t position = 0; position < 5; position++) {
      uint64_t *layer = planes + position * TRIGEMU_SEGMENT_PLANE_WORDS + layout->first_word[superlayer];
      uint64_t last = (layer[n >> 6] >> (n & 63)) & 1, first = (layer[0] >> 1) & 1;
      layer[0] = (layer[0] & ~UINT64_C(1)) | last;
      layer[beyond >> 6] = (layer[beyond >> 6] & ~(UINT64_C(1) << (beyond & 63))) | (first << (beyond & 63));
    }
  }
}

/* The windows of 64 reference wires (one word), as words: bit w of each is one reference wire. */
typedef struct {
  uint64_t fired, a, b, c, d, e, up1, up3, down1, down3;
} window_words;

/* Appends the fired wires of word `word`: the five window bits as the layer mask, and the side as the
   sign of (hits half a cell up) − (hits half a cell down) in the two layers next to the reference. */
static inline __attribute__((always_inline)) size_t emit(const trigemu_segment_layout *layout, size_t word, const window_words *w,
                                                         trigemu_segment *out, size_t count) {
  uint64_t fired = w->fired;
  uint8_t superlayer = layout->word_superlayer[word];
  uint16_t first_wire = layout->word_first_wire[word];
  while (fired) {
    unsigned bit = (unsigned)__builtin_ctzll(fired);
    fired &= fired - 1;
    uint8_t mask = (uint8_t)(((w->a >> bit) & 1) | ((w->b >> bit) & 1) << 1 | ((w->c >> bit) & 1) << 2 | ((w->d >> bit) & 1) << 3
                             | ((w->e >> bit) & 1) << 4);
    int votes = (int)((w->up1 >> bit) & 1) + (int)((w->up3 >> bit) & 1) - (int)((w->down1 >> bit) & 1) - (int)((w->down3 >> bit) & 1);
    out[count++] = (trigemu_segment){.wire = (uint16_t)(first_wire + bit), .superlayer = superlayer, .layer_mask = mask,
                                     .side = (int8_t)((votes > 0) - (votes < 0))};
  }
  return count;
}

/* One word of the windows. In the stored layout bit k is wire k − 1, so word j of the wires below
   (bit w: wire w − 1) is stored word j itself, of the wires (bit w: wire w) the stored words shifted
   down by one, of the wires above by two. */
static size_t find_portable(const trigemu_segment_layout *layout, uint64_t *planes, trigemu_segment *out) {
  size_t count = 0;
  for (size_t word = 0; word < layout->words; word++) {
    uint64_t value[5], below[5], above[5];
    for (int k = 0; k < 5; k++) {
      uint64_t *plane = planes + (size_t)k * TRIGEMU_SEGMENT_PLANE_WORDS;
      uint64_t low = plane[word], high = plane[word + 1];
      plane[word] = 0; /* read for the last time: cleared for the next event */
      below[k] = low;
      value[k] = (low >> 1) | (high << 63);
      above[k] = (low >> 2) | (high << 62);
    }
    uint64_t keep = layout->keep[word], below1 = layout->below1[word], below3 = layout->below3[word];
    uint64_t above1 = ~below1, above3 = ~below3;
    window_words w;
    w.a = (value[0] | below[0] | above[0]) & keep;
    w.b = (value[1] | (below[1] & below1) | (above[1] & above1)) & keep;
    w.c = value[2] & keep;
    w.d = (value[3] | (below[3] & below3) | (above[3] & above3)) & keep;
    w.e = (value[4] | below[4] | above[4]) & keep;
    uint64_t ab = w.a & w.b, cd = w.c & w.d;
    w.fired = (ab & cd) | (w.e & ((ab & (w.c | w.d)) | (cd & (w.a | w.b))));
    w.up1 = (value[1] & below1) | (above[1] & above1);
    w.down1 = (below[1] & below1) | (value[1] & above1);
    w.up3 = (value[3] & below3) | (above[3] & above3);
    w.down3 = (below[3] & below3) | (value[3] & above3);
    count = emit(layout, word, &w, out, count);
  }
  return count;
}

#if defined(__x86_64__)
/* The same, four words at once in 64-bit lanes; a block with a fired wire is stored and emitted
   lane by lane, in wire order. */
__attribute__((target("avx2")))
static size_t find_avx2(const trigemu_segment_layout *layout, uint64_t *planes, trigemu_segment *out) {
  size_t count = 0;
  for (size_t word = 0; word < layout->words; word += 4) {
    __m256i value[5], below[5], above[5];
    for (int k = 0; k < 5; k++) {
      uint64_t *plane = planes + (size_t)k * TRIGEMU_SEGMENT_PLANE_WORDS;
      __m256i low = _mm256_loadu_si256((const __m256i *)(plane + word)), high = _mm256_loadu_si256((const __m256i *)(plane + word + 1));
      /* Words word … word + 3 are read for the last time (the next block starts at word + 4): cleared for the next event. */
      _mm256_storeu_si256((__m256i *)(plane + word), _mm256_setzero_si256());
      below[k] = low;
      value[k] = _mm256_or_si256(_mm256_srli_epi64(low, 1), _mm256_slli_epi64(high, 63));
      above[k] = _mm256_or_si256(_mm256_srli_epi64(low, 2), _mm256_slli_epi64(high, 62));
    }
    const __m256i keep = _mm256_loadu_si256((const __m256i *)(layout->keep + word));
    const __m256i below1 = _mm256_loadu_si256((const __m256i *)(layout->below1 + word));
    const __m256i below3 = _mm256_loadu_si256((const __m256i *)(layout->below3 + word));
    __m256i a = _mm256_and_si256(_mm256_or_si256(value[0], _mm256_or_si256(below[0], above[0])), keep);
    __m256i b = _mm256_and_si256(
        _mm256_or_si256(value[1], _mm256_or_si256(_mm256_and_si256(below[1], below1), _mm256_andnot_si256(below1, above[1]))), keep);
    __m256i c = _mm256_and_si256(value[2], keep);
    __m256i d = _mm256_and_si256(
        _mm256_or_si256(value[3], _mm256_or_si256(_mm256_and_si256(below[3], below3), _mm256_andnot_si256(below3, above[3]))), keep);
    __m256i e = _mm256_and_si256(_mm256_or_si256(value[4], _mm256_or_si256(below[4], above[4])), keep);
    __m256i ab = _mm256_and_si256(a, b), cd = _mm256_and_si256(c, d);
    __m256i fired = _mm256_or_si256(
        _mm256_and_si256(ab, cd),
        _mm256_and_si256(e, _mm256_or_si256(_mm256_and_si256(ab, _mm256_or_si256(c, d)), _mm256_and_si256(cd, _mm256_or_si256(a, b)))));
    if (_mm256_testz_si256(fired, fired)) continue;
    __m256i up1 = _mm256_or_si256(_mm256_and_si256(value[1], below1), _mm256_andnot_si256(below1, above[1]));
    __m256i down1 = _mm256_or_si256(_mm256_and_si256(below[1], below1), _mm256_andnot_si256(below1, value[1]));
    __m256i up3 = _mm256_or_si256(_mm256_and_si256(value[3], below3), _mm256_andnot_si256(below3, above[3]));
    __m256i down3 = _mm256_or_si256(_mm256_and_si256(below[3], below3), _mm256_andnot_si256(below3, value[3]));
    uint64_t lanes[10][4];
    const __m256i parts[10] = {fired, a, b, c, d, e, up1, up3, down1, down3};
    for (int part = 0; part < 10; part++) _mm256_storeu_si256((__m256i *)lanes[part], parts[part]);
    for (int lane = 0; lane < 4; lane++) {
      if (!lanes[0][lane]) continue;
      window_words w = {lanes[0][lane], lanes[1][lane], lanes[2][lane], lanes[3][lane], lanes[4][lane],
                        lanes[5][lane], lanes[6][lane], lanes[7][lane], lanes[8][lane], lanes[9][lane]};
      count = emit(layout, word + (size_t)lane, &w, out, count);
    }
  }
  return count;
}
#endif

size_t trigemu_find_segments(const trigemu_segment_layout *layout, uint64_t *planes, trigemu_segment *segments) {
  wrap_rings(layout, planes);
#if defined(__x86_64__)
  if (trigemu_cpu_has_avx2()) return find_avx2(layout, planes, segments);
#endif
  return find_portable(layout, planes, segments);
}

size_t trigemu_find_segments_portable(const trigemu_segment_layout *layout, uint64_t *planes, trigemu_segment *segments) {
  wrap_rings(layout, planes);
  return find_portable(layout, planes, segments);
}
