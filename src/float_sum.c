/*
 * float_sum.c
 *	  Exact float8 sums (float_sum.h): carries, merge, correct rounding and
 *	  the text and binary forms.
 */
#include "float_sum.h"

#include <math.h>

#include "common/hashfn.h"
#include "common/shortest_dec.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/float.h"

void
float_sum_init(FloatSum *sum)
{
	memset(sum, 0, sizeof(FloatSum));
	sum->adds_left = FLOAT_SUM_ADDS_PER_CARRY;
}

/* NaN and the infinities are counted (direction -1 takes one out). */
void
float_sum_add_special(FloatSum *sum, float8 value, int64 direction)
{
	if (isnan(value))
		sum->nan_count += direction;
	else if (value > 0)
		sum->pinf_count += direction;
	else
		sum->ninf_count += direction;
}

/*
 * Propagates the carries: every chunk but the last into [0, 2^32), the last
 * signed, so the sign of the sum is the sign of the last nonzero chunk.
 * Each chunk then has room for FLOAT_SUM_ADDS_PER_CARRY more additions of
 * below 2^32.
 */
void
float_sum_carry(FloatSum *sum)
{
	for (int i = 0; i < FLOAT_SUM_CHUNKS - 1; i++)
	{
		int64		low = sum->chunks[i] & (int64) PG_UINT32_MAX;

		/* an exact division: (chunk - low) is a multiple of 2^32 */
		sum->chunks[i + 1] += (sum->chunks[i] - low) / ((int64) 1 << FLOAT_SUM_CHUNK_BITS);
		sum->chunks[i] = low;
	}
	sum->adds_left = FLOAT_SUM_ADDS_PER_CARRY;
}

void
float_sum_merge(FloatSum *into, const FloatSum *from)
{
	FloatSum	other = *from;

	/* both carried: every chunk below 2^32 but the last, which is small */
	float_sum_carry(into);
	float_sum_carry(&other);
	for (int i = 0; i < FLOAT_SUM_CHUNKS; i++)
		into->chunks[i] += other.chunks[i];
	float_sum_carry(into);
	into->nan_count += other.nan_count;
	into->pinf_count += other.pinf_count;
	into->ninf_count += other.ninf_count;
}

bool
float_sum_is_zero(const FloatSum *sum)
{
	FloatSum	carried = *sum;

	float_sum_carry(&carried);
	for (int i = 0; i < FLOAT_SUM_CHUNKS; i++)
		if (carried.chunks[i] != 0)
			return false;
	return true;
}

/*
 * The finite part rounded to nearest, ties to even; +-Infinity where that
 * is past float8's range.  The sum's magnitude is taken as an integer in
 * units of 2^-1074; the 96 bits of its three highest chunks hold the 53
 * bits kept and the rounding bits, and the chunks below only decide a tie
 * (the sticky bit).
 */
static float8
float_sum_round_finite(const FloatSum *sum)
{
	FloatSum	carried = *sum;
	int64	   *chunks = carried.chunks;
	bool		negative;
	int			high;
	uint128		window;
	int			window_base;
	int			top_bit;
	int			kept_base;
	int			dropped;
	uint128		kept;
	uint128		rest;
	uint128		half;
	bool		sticky = false;
	float8		magnitude;

	float_sum_carry(&carried);
	negative = chunks[FLOAT_SUM_CHUNKS - 1] < 0;
	if (negative)
	{
		for (int i = 0; i < FLOAT_SUM_CHUNKS; i++)
			chunks[i] = -chunks[i];
		float_sum_carry(&carried);
	}
	for (high = FLOAT_SUM_CHUNKS - 1; high >= 0 && chunks[high] == 0; high--)
		;
	if (high < 0)
		return 0.0;
	/* The last chunk is below 2^63; any bit there is past float8's range anyway. */
	window = (uint128) (uint64) chunks[high] << 64;
	if (high >= 1)
		window |= (uint128) (uint64) chunks[high - 1] << 32;
	if (high >= 2)
		window |= (uint128) (uint64) chunks[high - 2];
	for (int i = 0; i < high - 2; i++)
		sticky |= chunks[i] != 0;
	window_base = (high - 2) * FLOAT_SUM_CHUNK_BITS;	/* weight of window's bit 0, in 2^-1074 */

	top_bit = 127;
	while (((window >> top_bit) & 1) == 0)
		top_bit--;
	top_bit += window_base;
	/* 2^1024 is 2^2098 units: past every float8 */
	if (top_bit >= 2098)
		return negative ? -get_float8_infinity() : get_float8_infinity();
	/* 53 bits from the top, or down to the subnormals' 2^-1074 */
	kept_base = Max(top_bit - 52, 0);
	dropped = kept_base - window_base;	/* >= 12: chunks[high] is nonzero */
	kept = window >> dropped;
	rest = window & (((uint128) 1 << dropped) - 1);
	half = (uint128) 1 << (dropped - 1);
	if (rest > half || (rest == half && (sticky || (kept & 1))))
		kept++;
	/* kept <= 2^53 is exact as a double; ldexp gives Infinity past the range */
	magnitude = ldexp((double) (uint64) kept, kept_base - 1074);
	return negative ? -magnitude : magnitude;
}

/* NaN or an infinity for a sum that has one, as float8 addition gives it; else 0 */
static float8
float_sum_special_value(const FloatSum *sum)
{
	if (sum->nan_count > 0 || (sum->pinf_count > 0 && sum->ninf_count > 0))
		return get_float8_nan();
	if (sum->pinf_count > 0)
		return get_float8_infinity();
	if (sum->ninf_count > 0)
		return -get_float8_infinity();
	return 0.0;
}

float8
float_sum_result(const FloatSum *sum)
{
	float8		result = float_sum_special_value(sum);

	if (result != 0.0)			/* NaN != 0 too */
		return result;
	result = float_sum_round_finite(sum);
	if (unlikely(isinf(result)))
		float_overflow_error();
	return result;
}

/*
 * The canonical terms of the finite part: the rounded sum, then the
 * rounding of what is left, until nothing is (each term takes at least 53
 * bits off, so there are few).  An overflow error past float8's range: the
 * stored forms hold float8 values.
 */
int
float_sum_terms(const FloatSum *sum, float8 *terms)
{
	FloatSum	left = *sum;
	int			n = 0;

	left.nan_count = left.pinf_count = left.ninf_count = 0;
	for (;;)
	{
		float8		term = float_sum_result(&left);

		if (term == 0.0)
			return n;
		Assert(n < FLOAT_SUM_MAX_TERMS);
		terms[n++] = term;
		float_sum_add(&left, term, -1);
	}
}

/* The terms that stand for the counted NaN and infinities (at most one each). */
static int
float_sum_special_terms(const FloatSum *sum, float8 *terms)
{
	int			n = 0;

	if (sum->nan_count > 0)
		terms[n++] = get_float8_nan();
	if (sum->pinf_count > 0)
		terms[n++] = get_float8_infinity();
	if (sum->ninf_count > 0)
		terms[n++] = -get_float8_infinity();
	return n;
}

static int
float_sum_all_terms(const FloatSum *sum, float8 *terms)
{
	int			n = float_sum_terms(sum, terms);

	return n + float_sum_special_terms(sum, terms + n);
}

void
float_sum_append_text(StringInfo buf, const char *key, const FloatSum *sum)
{
	appendStringInfo(buf, " %s=", key);
	float_sum_append_terms(buf, sum);
}

void
float_sum_append_terms(StringInfo buf, const FloatSum *sum)
{
	float8		terms[FLOAT_SUM_MAX_TERMS + 3];
	int			n = float_sum_all_terms(sum, terms);

	if (n == 0)
		appendStringInfoChar(buf, '0');
	for (int i = 0; i < n; i++)
	{
		char		digits[DOUBLE_SHORTEST_DECIMAL_LEN];

		if (isnan(terms[i]))
			strcpy(digits, "NaN");
		else if (isinf(terms[i]))
			strcpy(digits, terms[i] > 0 ? "Infinity" : "-Infinity");
		else
			double_to_shortest_decimal_buf(terms[i], digits);
		appendStringInfo(buf, i == 0 ? "%s" : ",%s", digits);
	}
}

/*
 * After reading terms in or merging: the sum must round into float8's
 * range, so that its text and binary forms can be written (an overflow
 * error otherwise, as float8 addition raises).
 */
void
float_sum_check_range(const FloatSum *sum)
{
	FloatSum	finite = *sum;

	finite.nan_count = finite.pinf_count = finite.ninf_count = 0;
	(void) float_sum_result(&finite);
}

bool
float_sum_parse(const char *text, FloatSum *sum, const char *type_name, const char *orig_text)
{
	const char *cursor = text;

	float_sum_init(sum);
	for (;;)
	{
		char	   *end;
		float8		term;

		CHECK_FOR_INTERRUPTS();
		/* float8's own spellings: digits, exponent, NaN, [-]Infinity */
		if (*cursor == '\0' || *cursor == ',' || isspace((unsigned char) *cursor))
			return false;
		term = float8in_internal((char *) cursor, &end, type_name, orig_text);
		float_sum_add(sum, term, 1);
		if (*end == '\0')
			break;
		if (*end != ',')
			return false;
		cursor = end + 1;
	}
	float_sum_check_range(sum);
	return true;
}

void
float_sum_send(StringInfo buf, const FloatSum *sum)
{
	float8		terms[FLOAT_SUM_MAX_TERMS + 3];
	int			n = float_sum_all_terms(sum, terms);

	pq_sendint16(buf, (uint16) n);
	for (int i = 0; i < n; i++)
		pq_sendfloat8(buf, terms[i]);
}

/* Any list of float8 terms is a sum (at most 65,535 of them: bounded work). */
bool
float_sum_recv(StringInfo buf, FloatSum *sum)
{
	int			n;

	if (buf->len - buf->cursor < 2)
		return false;
	n = (uint16) pq_getmsgint(buf, 2);
	if (buf->len - buf->cursor < n * (int) sizeof(float8))
		return false;
	float_sum_init(sum);
	for (int i = 0; i < n; i++)
		float_sum_add(sum, pq_getmsgfloat8(buf), 1);
	float_sum_check_range(sum);
	return true;
}

int
float_sum_cmp(const FloatSum *a, const FloatSum *b)
{
	float8		special_a = float_sum_special_value(a);
	float8		special_b = float_sum_special_value(b);
	float8		terms_a[FLOAT_SUM_MAX_TERMS];
	float8		terms_b[FLOAT_SUM_MAX_TERMS];
	int			n_a;
	int			n_b;

	if (special_a != 0.0 || special_b != 0.0)	/* NaN != 0 too */
	{
		/* a finite sum against a special one: its rounded value against it */
		if (special_a == 0.0)
			special_a = float_sum_result(a);
		if (special_b == 0.0)
			special_b = float_sum_result(b);
		return float8_cmp_internal(special_a, special_b);
	}
	n_a = float_sum_terms(a, terms_a);
	n_b = float_sum_terms(b, terms_b);
	for (int i = 0; i < Max(n_a, n_b); i++)
	{
		int			order = float8_cmp_internal(i < n_a ? terms_a[i] : 0.0,
												i < n_b ? terms_b[i] : 0.0);

		if (order != 0)
			return order;
	}
	return 0;
}

uint32
float_sum_hash(uint32 hash, const FloatSum *sum)
{
	float8		special = float_sum_special_value(sum);
	float8		terms[FLOAT_SUM_MAX_TERMS];
	int			n;

	if (special != 0.0)			/* NaN != 0 too */
		return hash_combine(hash, DatumGetUInt32(DirectFunctionCall1(hashfloat8,
																	 Float8GetDatum(special))));
	n = float_sum_terms(sum, terms);
	for (int i = 0; i < n; i++)
		hash = hash_combine(hash, DatumGetUInt32(DirectFunctionCall1(hashfloat8,
																	 Float8GetDatum(terms[i]))));
	return hash;
}

/* ---------- FloatSumCore ---------- */

void
float_core_init(FloatSumCore *core)
{
	memset(core, 0, sizeof(FloatSumCore));
}

/*
 * The core's value is scaled x 2^-scale with |scaled| < 2^126: three pieces
 * of 42 bits, each an exact float8 (scale <= 1074 keeps the lowest piece's
 * unit within float8's 2^-1074).
 */
void
float_core_add_to_sum(const FloatSumCore *core, FloatSum *sum)
{
	bool		negative = core->scaled < 0;
	uint128		magnitude = negative ? (uint128) (-core->scaled) : (uint128) core->scaled;

	for (int piece = 0; piece < 3; piece++)
	{
		uint64		digits = (uint64) (magnitude >> (42 * piece)) & ((UINT64CONST(1) << 42) - 1);

		if (digits != 0)
			float_sum_add(sum, ldexp((double) digits, 42 * piece - core->scale), negative ? -1 : 1);
	}
	sum->nan_count += core->nan_count;
	sum->pinf_count += core->pinf_count;
	sum->ninf_count += core->ninf_count;
}

bool
float_core_merge(FloatSumCore *into, const FloatSumCore *from)
{
	const int128 limit = (int128) 1 << FLOAT_CORE_LIMIT_BITS;
	FloatSumCore a = *into;
	FloatSumCore b = *from;
	FloatSumCore *coarser;
	int			finer;
	int128		magnitude;

	if (a.scaled != 0 && b.scaled != 0 && a.scale != b.scale)
	{
		/* the coarser one is brought to the finer unit */
		coarser = a.scale < b.scale ? &a : &b;
		finer = Max(a.scale, b.scale) - coarser->scale;
		magnitude = coarser->scaled < 0 ? -coarser->scaled : coarser->scaled;
		if (finer >= FLOAT_CORE_LIMIT_BITS ||
			magnitude >= ((int128) 1 << (FLOAT_CORE_LIMIT_BITS - finer)))
			return false;
		coarser->scaled *= (int128) 1 << finer;
		coarser->scale += finer;
	}
	else if (a.scaled == 0)
		a.scale = b.scale;
	a.scaled += b.scaled;
	if (a.scaled >= limit || a.scaled <= -limit)
		return false;
	a.nan_count += b.nan_count;
	a.pinf_count += b.pinf_count;
	a.ninf_count += b.ninf_count;
	*into = a;
	return true;
}

bool
float_core_from_sum(const FloatSum *sum, FloatSumCore *core)
{
	float8		terms[FLOAT_SUM_MAX_TERMS];
	int			n = float_sum_terms(sum, terms);

	float_core_init(core);
	for (int i = 0; i < n; i++)
		if (!float_core_add(core, terms[i], 1))
		{
			float_core_init(core);
			break;
		}
	core->nan_count = sum->nan_count;
	core->pinf_count = sum->pinf_count;
	core->ninf_count = sum->ninf_count;
	return core->scaled != 0 || n == 0;
}

float8
float_core_result(const FloatSumCore *core)
{
	FloatSum	sum;

	if (core->nan_count == 0 && core->pinf_count == 0 && core->ninf_count == 0 &&
		core->scale <= 1022)
	{
		/*
		 * The common case, rounded here: the top 53 bits of |scaled|, to
		 * nearest, ties to even (the bits below decide), then scaled by a
		 * power of two, exactly: |result| >= 2^-scale is a normal float8.
		 */
		bool		negative = core->scaled < 0;
		uint128		magnitude = negative ? (uint128) (-core->scaled) : (uint128) core->scaled;
		uint64		high = (uint64) (magnitude >> 64);
		int			top = high != 0 ? 64 + pg_leftmost_one_pos64(high)
			: (magnitude != 0 ? pg_leftmost_one_pos64((uint64) magnitude) : 0);
		int			dropped = Max(top - 52, 0);
		uint128		kept = magnitude >> dropped;
		float8		rounded;

		if (dropped > 0)
		{
			uint128		rest = magnitude & (((uint128) 1 << dropped) - 1);
			uint128		half = (uint128) 1 << (dropped - 1);

			if (rest > half || (rest == half && (kept & 1)))
				kept++;
		}
		/* kept <= 2^53: exact as a double */
		rounded = ldexp((double) (uint64) kept, dropped - core->scale);
		return negative ? -rounded : rounded;
	}
	float_sum_init(&sum);
	float_core_add_to_sum(core, &sum);
	return float_sum_result(&sum);
}
