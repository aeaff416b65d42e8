/*
 * float_sum.h
 *	  Exact sums of float8 values, rounded once: the same result bit for bit
 *	  in any order, on any plan and on any number of shards.
 *
 * A float8 sum computed term by term depends on the order of the terms
 * (1e20 + 1 - 1e20 is 0 or 1), so a serial plan, a parallel plan, a rollup
 * of stored partial sums and a Citus query each give a different last bit.
 * FloatSum keeps the exact sum instead: every finite float8 is an integer
 * multiple of 2^-1074 below 2^1024, so the sum is a fixed-point integer of
 * about 2,100 bits, held (as in Radford Neal's "small superaccumulator")
 * in 32-bit digits stored in int64 chunks.  An addition adds the 53-bit
 * significand, shifted, into three chunks without carrying; the spare 31
 * bits of each chunk absorb 2^30 additions before the carries must be
 * propagated.  The result is the exact sum rounded to nearest (ties to
 * even), so it does not depend on how the terms were grouped.
 *
 * NaN and infinities are counted, as ExactSumCore counts them: NaN, or
 * +Infinity with -Infinity, makes the sum NaN.  A finite sum past float8's
 * range is an overflow error when it is rounded, as float8 addition's
 * overflow is.
 *
 * Text and binary forms (for the state types that hold FloatSums): the
 * exact value as a short list of float8 values whose exact sum it is, each
 * the rounding of what the ones before it leave (the first is the rounded
 * sum itself; a typical sum needs one or two).  Any list reads back, in any
 * order; the one written is canonical, so equal sums have equal forms.
 */
#ifndef SALESOPS_FLOAT_SUM_H
#define SALESOPS_FLOAT_SUM_H

#include "salesops.h"

/*
 * Chunk i holds digits of weight 2^(32 i - 1074).  A float8's lowest bit
 * has weight 2^-1074 or more and its highest below 2^1024, that is chunk 66
 * at most; chunk 67 takes the carries of up to 2^63 terms.
 */
#define FLOAT_SUM_CHUNKS		68
#define FLOAT_SUM_CHUNK_BITS	32
#define FLOAT_SUM_ADDS_PER_CARRY	(1 << 30)

typedef struct FloatSum
{
	int64		chunks[FLOAT_SUM_CHUNKS];
	int64		nan_count;
	int64		pinf_count;
	int64		ninf_count;
	int32		adds_left;		/* additions before the carries must be propagated */
	int32		reserved;		/* zero: no uninitialised bytes in stored states */
} FloatSum;

extern void float_sum_init(FloatSum *sum);
extern void float_sum_carry(FloatSum *sum);
extern void float_sum_add_special(FloatSum *sum, float8 value, int64 direction);

/*
 * sum += direction * value (direction 1, or -1 to take a term out of a
 * moving-window frame, exactly).  Inline: it is the transitions' hot path.
 */
static inline void
float_sum_add(FloatSum *sum, float8 value, int64 direction)
{
	uint64		bits;
	uint64		significand;
	int			biased_exponent;
	int			position;
	uint128		shifted;
	int64	   *chunk;

	memcpy(&bits, &value, sizeof(bits));
	biased_exponent = (int) ((bits >> 52) & 0x7FF);
	significand = bits & ((UINT64CONST(1) << 52) - 1);
	if (unlikely(biased_exponent == 0x7FF))
	{
		float_sum_add_special(sum, value, direction);
		return;
	}
	if (biased_exponent == 0)
		position = 0;			/* subnormal (or zero): significand x 2^-1074 */
	else
	{
		significand |= UINT64CONST(1) << 52;
		position = biased_exponent - 1;
	}
	/* value = significand x 2^(position - 1074), position in [0, 2045] */
	shifted = (uint128) significand << (position % FLOAT_SUM_CHUNK_BITS);
	chunk = &sum->chunks[position / FLOAT_SUM_CHUNK_BITS];
	if (bits >> 63)
		direction = -direction;
	chunk[0] += direction * (int64) (uint32) shifted;
	chunk[1] += direction * (int64) (uint32) (shifted >> 32);
	chunk[2] += direction * (int64) (shifted >> 64);
	if (unlikely(--sum->adds_left <= 0))
		float_sum_carry(sum);
}

/* into += from (both exact; 'from' is not changed). */
extern void float_sum_merge(FloatSum *into, const FloatSum *from);

/*
 * The exact sum rounded to the nearest float8 (ties to even); NaN or an
 * infinity as float8 addition gives them; an overflow error for a finite
 * sum past float8's range.
 */
extern float8 float_sum_result(const FloatSum *sum);

extern bool float_sum_is_zero(const FloatSum *sum);

/* An overflow error (22003) unless the finite part rounds into float8's range. */
extern void float_sum_check_range(const FloatSum *sum);

/* Text: " key=t1,t2,..." appended (canonical terms; "0" for an empty sum). */
extern void float_sum_append_text(StringInfo buf, const char *key, const FloatSum *sum);

/* Parses what float_sum_append_text wrote after "key="; false if malformed. */
extern bool float_sum_parse(const char *text, FloatSum *sum);

/* Binary: uint16 term count, then the canonical terms as float8. */
extern void float_sum_send(StringInfo buf, const FloatSum *sum);
/* Reads what float_sum_send wrote; false if the message is too short. */
extern bool float_sum_recv(StringInfo buf, FloatSum *sum);

#endif							/* SALESOPS_FLOAT_SUM_H */
