#ifndef TRIGEMU_CRC32C_H
#define TRIGEMU_CRC32C_H

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

#endif
