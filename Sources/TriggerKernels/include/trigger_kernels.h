#ifndef TRIGEMU_TRIGGER_KERNELS_H
#define TRIGEMU_TRIGGER_KERNELS_H

/* CPU-specific inner loops of trigemu, each with a portable path and, where the CPU has it, a
   faster one chosen once at start-up. */

#include <stddef.h>
#include <stdint.h>

/// Extends a CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) over `length` bytes.
///
/// Start with `crc = 0`; feeding a buffer in pieces gives the same value as feeding it whole.
/// Uses the SSE 4.2 `crc32` instruction when the CPU has it, a lookup table otherwise.
/// Check value: the nine ASCII bytes "123456789" give 0xE3069283.
uint32_t trigemu_crc32c_update(uint32_t crc, const void *bytes, size_t length);

/// The same CRC-32C computed with the lookup table only, whatever the CPU (for tests).
uint32_t trigemu_crc32c_update_table(uint32_t crc, const void *bytes, size_t length);

/// 1 when the hardware path is in use on this CPU, 0 when the table is.
int trigemu_crc32c_is_hardware_accelerated(void);

/// Copies `count` encoded 8-byte CDC hits (docs/trg-format.md) from `source` to `destination`
/// and checks each: reserved byte zero, layer 0–55, wire below its layer's wire count. Returns 0
/// when every hit is good, non-zero otherwise (the caller then finds the bad one the slow way).
///
/// The wire count is checked by inverting DetectorGeometry.CDC's table: every layer has at least
/// 160 wires, and a wire w ≥ 160 exists only from layer 14 + 6·⌊(w − 160)/32⌋ on (layers 14–19
/// have 192 wires, …, layers 50–55 have 384). Shifts and adds only, so the loop vectorizes;
/// with AVX2 when the CPU has it.
uint64_t trigemu_cdc_hits_check_copy(const void *source, void *destination, size_t count);

/// The same check without AVX2, whatever the CPU (for tests).
uint64_t trigemu_cdc_hits_check_copy_portable(const void *source, void *destination, size_t count);

/// Casts the 2D Hough finder's votes of one run of segments (consecutive wires of one axial
/// superlayer) into that superlayer's plane, for every curvature row (HoughFinder.swift).
///
/// `plane` is stored word-major: word k (cells 64k … 64k + 63) of row r is `plane[k * row_stride
/// + r]`, three words a row. `first_bands` and `last_bands` point to the band entries of the run's
/// first and last wire, `wire_stride` entries apart from one wire to the next; entry r is row r's
/// band: first φ cell (low byte) and cell count (high byte). Row r gets the cells from the first
/// wire's band start to the last wire's band end when that run is at most 32 cells, else each
/// wire's band; cells past `phi_cells` land in the spill (bits phi_cells … of the row, folded back
/// by the caller). With AVX2 (four rows at once) when the CPU has it.
void trigemu_hough_vote(uint64_t *plane, size_t row_stride, const uint16_t *first_bands, const uint16_t *last_bands, size_t wire_stride,
                        size_t wires, size_t rows, int phi_cells);

/// The same votes without AVX2, whatever the CPU (for tests).
void trigemu_hough_vote_portable(uint64_t *plane, size_t row_stride, const uint16_t *first_bands, const uint16_t *last_bands,
                                 size_t wire_stride, size_t wires, size_t rows, int phi_cells);

/// The five axial planes of the Hough finder after voting: folds each row's spill (cells past
/// `phi_cells`, at most 31) back onto cells 0 …, clears it, and writes the cells that at least
/// four of the five planes voted for to `candidates` and those all five voted for to `fives`
/// (HoughFinder.swift). Planes are word-major as `trigemu_hough_vote` fills them, `plane_words`
/// (three words × `rows`) apart; `candidates` and `fives` get the ⌈phi_cells / 64⌉ × `rows`
/// words holding cells. Returns the rows with a candidate (bit r: row r), so that the caller
/// need not search empty rows; `rows` must be at most 42 (the words at most 128). With AVX2 (four
/// rows or words at once) when the CPU has it.
uint64_t trigemu_hough_combine(uint64_t *planes, size_t plane_words, size_t rows, int phi_cells, uint64_t *candidates, uint64_t *fives);

/// The same without AVX2, whatever the CPU (for tests).
uint64_t trigemu_hough_combine_portable(uint64_t *planes, size_t plane_words, size_t rows, int phi_cells, uint64_t *candidates,
                                        uint64_t *fives);

/// Words of one segment-layer plane (TrackSegmentFinder.swift): every superlayer's layers at one of
/// the five segment positions, one after the other, with room for the kernel's reads past the last.
#define TRIGEMU_SEGMENT_PLANE_WORDS 64

/// Where `trigemu_find_segments` finds each superlayer in the planes, and what it applies per
/// word; filled once by `trigemu_segment_layout_init`.
///
/// Superlayer s holds n = wires[s] wires in each plane from word first_word[s], stored one bit
/// up: bit k is wire k − 1 (k = 1 … n), in ⌈n / 64⌉ words and one more; bits 0 and n + 1 are the
/// ring's wrap, which the kernel writes. Per word: the bits that are reference wires (`keep`),
/// whether the second and fourth layers sit half a cell up (`below1`, `below3` all ones: their
/// window takes the wire below) or down (zero), and which superlayer and wires the word holds.
typedef struct {
  size_t superlayers, words;
  uint16_t wires[16], first_word[16];
  uint64_t keep[TRIGEMU_SEGMENT_PLANE_WORDS], below1[TRIGEMU_SEGMENT_PLANE_WORDS], below3[TRIGEMU_SEGMENT_PLANE_WORDS];
  uint8_t word_superlayer[TRIGEMU_SEGMENT_PLANE_WORDS];
  uint16_t word_first_wire[TRIGEMU_SEGMENT_PLANE_WORDS];
} trigemu_segment_layout;

/// Lays out `superlayers` superlayers of `wires[s]` wires whose second and fourth segment layers
/// sit half a cell up (`stagger1[s]`, `stagger3[s]` = +1) or down (−1) from the reference layer.
/// Returns 0, or −1 (leaving `layout` alone) when they do not fit: at most 16 superlayers, and
/// their words (⌈wires / 64⌉ + 1 each) must leave five of the plane's words spare.
int trigemu_segment_layout_init(trigemu_segment_layout *layout, size_t superlayers, const uint16_t *wires, const int8_t *stagger1,
                                const int8_t *stagger3);

/// A fired track segment from `trigemu_find_segments`: its superlayer and reference wire, the
/// layers of its superlayer with a hit in its window (bit k: the k-th of the five), and the side
/// of the wire the track passed (−1 towards smaller φ, +1 larger, 0 undecided).
typedef struct {
  uint16_t wire;
  uint8_t superlayer;
  uint8_t layer_mask;
  int8_t side;
} trigemu_segment;

/// Finds the fired track segments of every superlayer (TrackSegmentFinder.swift): the reference
/// wires whose hourglass window has hits in at least four of the five layers.
///
/// `planes` holds the five segment positions' planes, TRIGEMU_SEGMENT_PLANE_WORDS words apart, as
/// `layout` describes (the kernel writes the rings' wrap bits). The window is the wire and both
/// neighbours two layers from the reference, the wire and its neighbour on the side the layer is
/// staggered to next to it, the wire alone in the reference layer. Writes the segments in
/// superlayer and wire order to `segments` (room for every wire) and returns their count. Leaves
/// every word of the planes that `layout` covers zero, ready for the next event's hits (cleared
/// as it is read for the last time, instead of a separate pass). With AVX2 (four words at once)
/// when the CPU has it.
size_t trigemu_find_segments(const trigemu_segment_layout *layout, uint64_t *planes, trigemu_segment *segments);

/// The same segments without AVX2, whatever the CPU (for tests).
size_t trigemu_find_segments_portable(const trigemu_segment_layout *layout, uint64_t *planes, trigemu_segment *segments);

#endif
