/*
 * varint.h
 *	  Unsigned varints (7 bits a byte, least significant first, the high bit
 *	  set on every byte but the last), as rep_attainment writes its text
 *	  keys' lengths and lead_summary its packed response times.  Reading
 *	  checks the bounds: the caller raises its own error.
 */
#ifndef SALESOPS_VARINT_H
#define SALESOPS_VARINT_H

#include "salesops.h"

#include "port/pg_bitutils.h"

typedef enum VarintRead
{
	VARINT_OK,
	VARINT_TRUNCATED,			/* the bytes end inside it */
	VARINT_TOO_WIDE				/* more than the bits asked for */
} VarintRead;

/* The bytes of 'value' as a varint. */
static inline int
varint_length(uint64 value)
{
	return value == 0 ? 1 : pg_leftmost_one_pos64(value) / 7 + 1;
}

/* Writes 'value' at 'out': the byte after it. */
static inline uint8 *
varint_put(uint8 *out, uint64 value)
{
	while (value >= 0x80)
	{
		*out++ = (uint8) (value | 0x80);
		value >>= 7;
	}
	*out++ = (uint8) value;
	return out;
}

/*
 * Reads the varint at *next, before 'end', at most 'bits' wide (64 or
 * less): VARINT_OK with it in *value and *next past it.
 */
static inline VarintRead
varint_get(const uint8 **next, const uint8 *end, int bits, uint64 *value)
{
	uint64		v = 0;

	for (int shift = 0; shift < bits; shift += 7)
	{
		uint8		byte;

		if (*next == end)
			return VARINT_TRUNCATED;
		byte = *(*next)++;
		v |= (uint64) (byte & 0x7F) << shift;
		if (byte < 0x80)
		{
			if (bits < 64 && v >> bits != 0)
				return VARINT_TOO_WIDE;
			*value = v;
			return VARINT_OK;
		}
	}
	return VARINT_TOO_WIDE;
}

#endif							/* SALESOPS_VARINT_H */
