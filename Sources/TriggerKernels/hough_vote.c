#include "trigger_kernels.h"
#include "cpu_features.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

/* The run of `length` (≤ 32) cells from cell `first` (< phi_cells ≤ 160): its part in word
   first / 64 and in the next. A run starting in word 2 ends inside it (first − 128 ≤ 31), so three
   words a row hold every vote and the spill. */
static inline void vote_row(uint64_t *plane, size_t row_stride, size_t row, int first, int length) {
  uint64_t run = (UINT64_C(1) << length) - 1;
  int word = first >> 6, shift = first & 63;
  plane[(size_t)word * row_stride + row] |= run << shift;
  uint64_t high = (run >> 1) >> (63 - shift);
  if (high) plane[(size_t)(word + 1) * row_stride + row] |= high;
}

/* One row, wire by wire: each of the run's wires votes its own band (a run longer than 32 cells). */
static inline void vote_each_wire(uint64_t *plane, size_t row_stride, const uint16_t *first_bands, size_t wire_stride, size_t wires,
                                  size_t row) {
  for (size_t wire = 0; wire <= wires; wire++) {
    uint16_t band = first_bands[wire * wire_stride + row];
    vote_row(plane, row_stride, row, band & 0xFF, band >> 8);
  }
}

/* One row: the whole run as one vote when it is at most 32 cells, else wire by wire. */
static inline void vote_one_row(uint64_t *plane, size_t row_stride, const uint16_t *first_bands, const uint16_t *last_bands,
                                size_t wire_stride, size_t wires, size_t row, int phi_cells) {
  uint16_t first = first_bands[row], last = last_bands[row];
  int offset = (int)(last & 0xFF) - (int)(first & 0xFF);
  if (offset < 0) offset += phi_cells;
  int length = offset + (last >> 8);
  if (length <= 32) {
    vote_row(plane, row_stride, row, first & 0xFF, length);
  } else {
    vote_each_wire(plane, row_stride, first_bands, wire_stride, wires, row);
  }
}

static void vote_portable(uint64_t *plane, size_t row_stride, const uint16_t *first_bands, const uint16_t *last_bands, size_t wire_stride,
                          size_t wires, size_t rows, int phi_cells) {
  for (size_t row = 0; row < rows; row++) vote_one_row(plane, row_stride, first_bands, last_bands, wire_stride, wires, row, phi_cells);
}

#if defined(__x86_64__)
/* Four rows at once in 64-bit lanes: each lane's run and its two word parts, spread over the
   three words by comparing the lane's word index, OR'ed into four consecutive rows of each word.
   A lane whose run is longer than 32 cells votes nothing here and is redone wire by wire. */
__attribute__((target("avx2")))
static void vote_avx2(uint64_t *plane, size_t row_stride, const uint16_t *first_bands, const uint16_t *last_bands, size_t wire_stride,
                      size_t wires, size_t rows, int phi_cells) {
  const __m256i low_byte = _mm256_set1_epi64x(0xFF), one = _mm256_set1_epi64x(1), sixty_three = _mm256_set1_epi64x(63);
  const __m256i cells = _mm256_set1_epi64x(phi_cells), thirty_three = _mm256_set1_epi64x(33), zero = _mm256_setzero_si256();
  const __m256i two = _mm256_set1_epi64x(2);
  uint64_t *w0 = plane, *w1 = plane + row_stride, *w2 = plane + 2 * row_stride;
  size_t row = 0;
  for (; row + 4 <= rows; row += 4) {
    __m256i first = _mm256_cvtepu16_epi64(_mm_loadl_epi64((const __m128i *)(first_bands + row)));
    __m256i last = _mm256_cvtepu16_epi64(_mm_loadl_epi64((const __m128i *)(last_bands + row)));
    __m256i start = _mm256_and_si256(first, low_byte);
    __m256i offset = _mm256_sub_epi64(_mm256_and_si256(last, low_byte), start);
    offset = _mm256_add_epi64(offset, _mm256_and_si256(_mm256_cmpgt_epi64(zero, offset), cells));
    __m256i length = _mm256_add_epi64(offset, _mm256_srli_epi64(last, 8));
    __m256i fits = _mm256_cmpgt_epi64(thirty_three, length);
    __m256i run = _mm256_and_si256(_mm256_sub_epi64(_mm256_sllv_epi64(one, length), one), fits);
    __m256i shift = _mm256_and_si256(start, sixty_three), word = _mm256_srli_epi64(start, 6);
    __m256i low = _mm256_sllv_epi64(run, shift);
    __m256i high = _mm256_srlv_epi64(_mm256_srli_epi64(run, 1), _mm256_sub_epi64(sixty_three, shift));
    __m256i in0 = _mm256_cmpeq_epi64(word, zero), in1 = _mm256_cmpeq_epi64(word, one), in2 = _mm256_cmpeq_epi64(word, two);
    __m256i part0 = _mm256_and_si256(in0, low);
    __m256i part1 = _mm256_or_si256(_mm256_and_si256(in1, low), _mm256_and_si256(in0, high));
    __m256i part2 = _mm256_or_si256(_mm256_and_si256(in2, low), _mm256_and_si256(in1, high));
    _mm256_storeu_si256((__m256i *)(w0 + row), _mm256_or_si256(_mm256_loadu_si256((const __m256i *)(w0 + row)), part0));
    _mm256_storeu_si256((__m256i *)(w1 + row), _mm256_or_si256(_mm256_loadu_si256((const __m256i *)(w1 + row)), part1));
    _mm256_storeu_si256((__m256i *)(w2 + row), _mm256_or_si256(_mm256_loadu_si256((const __m256i *)(w2 + row)), part2));
    int longer = ~_mm256_movemask_pd(_mm256_castsi256_pd(fits)) & 0xF;
    while (longer) {
      int lane = __builtin_ctz(longer);
      longer &= longer - 1;
      vote_each_wire(plane, row_stride, first_bands, wire_stride, wires, row + (size_t)lane);
    }
  }
  for (; row < rows; row++) vote_one_row(plane, row_stride, first_bands, last_bands, wire_stride, wires, row, phi_cells);
}
#endif

void trigemu_hough_vote(uint64_t *plane, size_t row_stride, const uint16_t *first_bands, const uint16_t *last_bands, size_t wire_stride,
                        size_t wires, size_t rows, int phi_cells) {
#if defined(__x86_64__)
  if (trigemu_cpu_has_avx2()) {
    vote_avx2(plane, row_stride, first_bands, last_bands, wire_stride, wires, rows, phi_cells);
    return;
  }
#endif
  vote_portable(plane, row_stride, first_bands, last_bands, wire_stride, wires, rows, phi_cells);
}

void trigemu_hough_vote_portable(uint64_t *plane, size_t row_stride, const uint16_t *first_bands, const uint16_t *last_bands,
                                 size_t wire_stride, size_t wires, size_t rows, int phi_cells) {
  vote_portable(plane, row_stride, first_bands, last_bands, wire_stride, wires, rows, phi_cells);
}

/* Where a row's spill past the ring's last cell (bits phi_cells … of the row, at most 31 of them)
   sits: from bit `shift` of word `word`, into the next word too when the row has one; `kept`
   masks the cells in that first word. */
typedef struct {
  size_t word;
  unsigned shift;
  uint64_t kept;
  int next_in_row;
} spill_place;

static inline spill_place spill_of(int phi_cells) {
  spill_place spill = {.word = (size_t)phi_cells >> 6, .shift = (unsigned)phi_cells & 63};
  spill.kept = spill.shift == 0 ? 0 : (UINT64_C(1) << spill.shift) - 1;
  spill.next_in_row = spill.word + 1 < 3;
  return spill;
}

/* The spill folded back onto cells 0 …, in one plane, rows `from` ..< `to`. Word by word in
   program order, so it is right also when the spill sits in word 0 (phi_cells < 64). */
static inline void fold_rows(uint64_t *plane, size_t rows, spill_place spill, size_t from, size_t to) {
  uint64_t *spill_words = plane + spill.word * rows, *next_words = plane + (spill.word + 1) * rows;
  for (size_t row = from; row < to; row++) {
    uint64_t carried = spill_words[row] >> spill.shift;
    if (spill.shift != 0 && spill.next_in_row) carried |= next_words[row] << (64 - spill.shift);
    plane[row] |= carried & 0xFFFFFFFF;
    spill_words[row] &= spill.kept;
    if (spill.next_in_row) next_words[row] = 0;
  }
}

/* Cells with at least four of five superlayers (all of a, b, c, d, or e with three of them),
   and those with all five, words `from` ..< `to`; bit j of the result: word j has a candidate. */
static inline unsigned __int128 combine_words(const uint64_t *planes, size_t plane_words, uint64_t *candidates, uint64_t *fives, size_t from,
                                              size_t to) {
  const uint64_t *a = planes, *b = a + plane_words, *c = b + plane_words, *d = c + plane_words, *e = d + plane_words;
  unsigned __int128 nonzero = 0;
  for (size_t j = from; j < to; j++) {
    uint64_t ab = a[j] & b[j], cd = c[j] & d[j];
    uint64_t three_of_four = (ab & (c[j] | d[j])) | (cd & (a[j] | b[j]));
    candidates[j] = (ab & cd) | (e[j] & three_of_four);
    fives[j] = ab & cd & e[j];
    nonzero |= (unsigned __int128)(candidates[j] != 0) << j;
  }
  return nonzero;
}

/* The rows with a candidate (bit r: row r), from the words with one (bit j: word j, word-major). */
static inline uint64_t rows_of_words(unsigned __int128 nonzero, size_t rows, size_t words) {
  uint64_t mask = 0, row_bits = (UINT64_C(1) << rows) - 1;
  for (size_t first = 0; first < words; first += rows) mask |= (uint64_t)(nonzero >> first) & row_bits;
  return mask;
}

static uint64_t combine_portable(uint64_t *planes, size_t plane_words, size_t rows, int phi_cells, uint64_t *candidates, uint64_t *fives) {
  spill_place spill = spill_of(phi_cells);
  for (size_t axial = 0; axial < 5; axial++) fold_rows(planes + axial * plane_words, rows, spill, 0, rows);
  size_t words = (((size_t)phi_cells + 63) >> 6) * rows;
  return rows_of_words(combine_words(planes, plane_words, candidates, fives, 0, words), rows, words);
}

#if defined(__x86_64__)
/* The same, four rows (fold) and four words (combine) at once. */
__attribute__((target("avx2")))
static uint64_t combine_avx2(uint64_t *planes, size_t plane_words, size_t rows, int phi_cells, uint64_t *candidates, uint64_t *fives) {
  spill_place spill = spill_of(phi_cells);
  const __m256i kept = _mm256_set1_epi64x((long long)spill.kept);
  const __m256i low_half = _mm256_set1_epi64x(0xFFFFFFFF), zero = _mm256_setzero_si256();
  const __m128i shift = _mm_cvtsi32_si128((int)spill.shift), back = _mm_cvtsi32_si128(64 - (int)spill.shift);
  int carry = spill.shift != 0 && spill.next_in_row;
  size_t whole = rows & ~(size_t)3;
  for (size_t axial = 0; axial < 5; axial++) {
    uint64_t *plane = planes + axial * plane_words, *spill_words = plane + spill.word * rows, *next_words = plane + (spill.word + 1) * rows;
    for (size_t row = 0; row < whole; row += 4) {
      __m256i carried = _mm256_srl_epi64(_mm256_loadu_si256((const __m256i *)(spill_words + row)), shift);
      if (carry) carried = _mm256_or_si256(carried, _mm256_sll_epi64(_mm256_loadu_si256((const __m256i *)(next_words + row)), back));
      __m256i first = _mm256_or_si256(_mm256_loadu_si256((const __m256i *)(plane + row)), _mm256_and_si256(carried, low_half));
      _mm256_storeu_si256((__m256i *)(plane + row), first);
      _mm256_storeu_si256((__m256i *)(spill_words + row), _mm256_and_si256(_mm256_loadu_si256((const __m256i *)(spill_words + row)), kept));
      if (spill.next_in_row) _mm256_storeu_si256((__m256i *)(next_words + row), zero);
    }
    fold_rows(plane, rows, spill, whole, rows);
  }
  const uint64_t *a = planes, *b = a + plane_words, *c = b + plane_words, *d = c + plane_words, *e = d + plane_words;
  size_t words = (((size_t)phi_cells + 63) >> 6) * rows, j = 0;
  unsigned __int128 nonzero = 0;
  for (; j + 4 <= words; j += 4) {
    __m256i va = _mm256_loadu_si256((const __m256i *)(a + j)), vb = _mm256_loadu_si256((const __m256i *)(b + j));
    __m256i vc = _mm256_loadu_si256((const __m256i *)(c + j)), vd = _mm256_loadu_si256((const __m256i *)(d + j));
    __m256i ve = _mm256_loadu_si256((const __m256i *)(e + j));
    __m256i ab = _mm256_and_si256(va, vb), cd = _mm256_and_si256(vc, vd);
    __m256i three_of_four = _mm256_or_si256(_mm256_and_si256(ab, _mm256_or_si256(vc, vd)), _mm256_and_si256(cd, _mm256_or_si256(va, vb)));
    __m256i four = _mm256_or_si256(_mm256_and_si256(ab, cd), _mm256_and_si256(ve, three_of_four));
    _mm256_storeu_si256((__m256i *)(candidates + j), four);
    _mm256_storeu_si256((__m256i *)(fives + j), _mm256_and_si256(_mm256_and_si256(ab, cd), ve));
    unsigned empty = (unsigned)_mm256_movemask_pd(_mm256_castsi256_pd(_mm256_cmpeq_epi64(four, _mm256_setzero_si256())));
    nonzero |= (unsigned __int128)(~empty & 0xF) << j;
  }
  nonzero |= combine_words(planes, plane_words, candidates, fives, j, words);
  return rows_of_words(nonzero, rows, words);
}
#endif

uint64_t trigemu_hough_combine(uint64_t *planes, size_t plane_words, size_t rows, int phi_cells, uint64_t *candidates, uint64_t *fives) {
#if defined(__x86_64__)
  if (trigemu_cpu_has_avx2()) return combine_avx2(planes, plane_words, rows, phi_cells, candidates, fives);
#endif
  return combine_portable(planes, plane_words, rows, phi_cells, candidates, fives);
}

uint64_t trigemu_hough_combine_portable(uint64_t *planes, size_t plane_words, size_t rows, int phi_cells, uint64_t *candidates,
                                        uint64_t *fives) {
  return combine_portable(planes, plane_words, rows, phi_cells, candidates, fives);
}
