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

#include "port/pg_bitutils.h"

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

/*
 * Parses what float_sum_append_text wrote after "key="; false if the list is
 * malformed.  A term float8 cannot read is its syntax error, naming
 * type_name and quoting orig_text (the whole input).
 */
extern bool float_sum_parse(const char *text, FloatSum *sum, const char *type_name,
							const char *orig_text);

/* Binary: uint16 term count, then the canonical terms as float8. */
extern void float_sum_send(StringInfo buf, const FloatSum *sum);
/* Reads what float_sum_send wrote; false if the message is too short. */
extern bool float_sum_recv(StringInfo buf, FloatSum *sum);

/*
 * The canonical finite terms (float_sum.c), at most FLOAT_SUM_MAX_TERMS;
 * the number written.
 */
#define FLOAT_SUM_MAX_TERMS ((FLOAT_SUM_CHUNKS * FLOAT_SUM_CHUNK_BITS) / 53 + 4)
extern int	float_sum_terms(const FloatSum *sum, float8 *terms);

/* The terms as text, "t1,t2,..." ("0" for an empty sum), appended. */
extern void float_sum_append_terms(StringInfo buf, const FloatSum *sum);

/*
 * Order and hash of exact sums by value: a NaN or infinite sum as float8
 * orders and hashes that value, a finite one by its canonical terms (the
 * rounded sum first, then what it leaves), which is its exact value's order.
 */
extern int	float_sum_cmp(const FloatSum *a, const FloatSum *b);
extern uint32 float_sum_hash(uint32 hash, const FloatSum *sum);

/*
 * FloatSumCore: the compact exact sum that summary types store and update
 * in place, the binary twin of ExactSumCore (48 bytes, no pointers): the
 * sum of the terms that fit as an int128 in units of 2^-scale, kept below
 * 2^126 in magnitude, scale being in [0, 1074] (the finest a term needed),
 * and NaN and the infinities counted.  Money-like float8 values span far
 * fewer than 126 bits, so nearly every term fits; one that does not (a
 * total past 2^126 units, magnitudes more than about 70 bits apart) is
 * left to the caller, which keeps it in a FloatSum: the summary's spill.
 */
typedef struct FloatSumCore
{
	int128		scaled;
	int64		nan_count;
	int64		pinf_count;
	int64		ninf_count;
	int32		scale;
	int32		reserved;		/* zero: no uninitialised bytes in stored summaries */
} FloatSumCore;

#define FLOAT_CORE_LIMIT_BITS 126

/*
 * core += direction * value in place (direction 1, or -1 to take a term
 * back out); false, with the core's value unchanged, when the term does not
 * fit.  Inline: the summaries' hot path.
 */
static inline bool
float_core_add(FloatSumCore *core, float8 value, int64 direction)
{
	uint64		bits;
	uint64		significand;
	int			biased_exponent;
	int			exponent;
	int			shift;
	int128		term;
	int128		total;
	const int128 limit = (int128) 1 << FLOAT_CORE_LIMIT_BITS;

	memcpy(&bits, &value, sizeof(bits));
	biased_exponent = (int) ((bits >> 52) & 0x7FF);
	significand = bits & ((UINT64CONST(1) << 52) - 1);
	if (unlikely(biased_exponent == 0x7FF))
	{
		if (significand != 0)
			core->nan_count += direction;
		else if (bits >> 63)
			core->ninf_count += direction;
		else
			core->pinf_count += direction;
		return true;
	}
	if (biased_exponent == 0)
	{
		if (significand == 0)
			return true;		/* +-0 */
		exponent = -1074;
	}
	else
	{
		significand |= UINT64CONST(1) << 52;
		exponent = biased_exponent - 1075;
	}
	/* value = +-significand x 2^exponent with an odd significand: the widest range */
	shift = pg_rightmost_one_pos64(significand);
	significand >>= shift;
	exponent += shift;
	if (core->scaled == 0)
		core->scale = Max(-exponent, 0);
	else if (exponent + core->scale < 0)
	{
		/* a finer unit: the core's value, shifted, must stay below the limit */
		int			finer = -exponent - core->scale;
		int128		magnitude = core->scaled < 0 ? -core->scaled : core->scaled;

		if (finer >= FLOAT_CORE_LIMIT_BITS || magnitude >= ((int128) 1 << (FLOAT_CORE_LIMIT_BITS - finer)))
			return false;
		core->scaled *= (int128) 1 << finer;
		core->scale += finer;
	}
	shift = exponent + core->scale;
	if (shift + pg_leftmost_one_pos64(significand) >= FLOAT_CORE_LIMIT_BITS)
		return false;
	term = (int128) significand * ((int128) 1 << shift);
	if ((bits >> 63) != (direction < 0))
		term = -term;
	total = core->scaled + term;
	if (total >= limit || total <= -limit)
		return false;
	core->scaled = total;
	return true;
}

extern void float_core_init(FloatSumCore *core);
/* sum += the core's exact value and counts */
extern void float_core_add_to_sum(const FloatSumCore *core, FloatSum *sum);
/* into += from when the total fits (true); else false, 'into' unchanged */
extern bool float_core_merge(FloatSumCore *into, const FloatSumCore *from);
/*
 * The sum as a core: its counts, and its finite value when that fits
 * (true); else a finite value of 0 and false.
 */
extern bool float_core_from_sum(const FloatSum *sum, FloatSumCore *core);
/* The core's value rounded once, as float_sum_result gives it. */
extern float8 float_core_result(const FloatSumCore *core);

#endif							/* SALESOPS_FLOAT_SUM_H */
