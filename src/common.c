/*
 * common.c
 *	  Helpers shared by the salesops KPI families: reading numerics as scaled
 *	  integers, exact sums, ratio rules, probability checks, state I/O.
 */
#include "salesops.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/int.h"
#include "common/shortest_dec.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/fmgrprotos.h"

PG_MODULE_MAGIC;

/*
 * The on-disk numeric header (src/backend/utils/adt/numeric.c).  The format
 * is frozen: pg_upgrade keeps numeric columns as they are on disk, so a
 * reader of it stays valid across server versions.  Reading it directly
 * spares the detoast copy and the NumericVar unpacking that every call into
 * numeric.c costs per row.
 */
#define NUMHDR_SIGN_MASK		0xC000
#define NUMHDR_NEG				0x4000
#define NUMHDR_SHORT			0x8000
#define NUMHDR_SPECIAL			0xC000
#define NUMHDR_EXT_SIGN_MASK	0xF000
#define NUMHDR_NAN				0xC000
#define NUMHDR_PINF				0xD000
#define NUMHDR_NINF				0xF000
#define NUMHDR_SHORT_NEG		0x2000
#define NUMHDR_SHORT_DSCALE		0x1F80
#define NUMHDR_SHORT_DSCALE_SHIFT 7
#define NUMHDR_SHORT_WEIGHT_NEG	0x0040
#define NUMHDR_SHORT_WEIGHT		0x003F
#define NUMHDR_LONG_DSCALE		0x3FFF
#define NUMERIC_DIGIT_BASE		10000	/* NBASE: each stored digit is 0..9999 */
#define NUMERIC_DIGIT_DECIMALS	4

/* 10^18: the exclusive bound of a ScaledValue's digits. */
#define SCALED_DIGITS_LIMIT		((int64) 1000000000000000000)

const int64 scaled_powers_of_ten[SCALED_MAX_SCALE + 1] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
	1000000000, 10000000000, 100000000000, 1000000000000,
	10000000000000, 100000000000000, 1000000000000000,
	10000000000000000, 100000000000000000, 1000000000000000000
};

/* 10^n for 0 <= n <= 36, the widest scale of an amount x probability term. */
static inline int128
pow10_int128(int n)
{
	Assert(n >= 0 && n <= 2 * SCALED_MAX_SCALE);
	if (n <= SCALED_MAX_SCALE)
		return scaled_powers_of_ten[n];
	return (int128) scaled_powers_of_ten[SCALED_MAX_SCALE] * scaled_powers_of_ten[n - SCALED_MAX_SCALE];
}

/* 10^37; see ExactSum in salesops.h for why this bound is safe. */
#define EXACT_SUM_LIMIT (pow10_int128(36) * 10)

/*
 * EXACT_SUM_LIMIT / 10^shift: the largest magnitude that can be brought
 * 'shift' decimal places up without leaving the core's range.  Looked up,
 * not divided, on every row whose scale differs from the total's (amounts
 * times probabilities of 1, 2 and 3 decimals alternate scales all the time,
 * and an int128 division costs ~100 instructions).  Filled in _PG_init.
 */
static int128 shift_limits[2 * SCALED_MAX_SCALE + 1];

void		_PG_init(void);

void
_PG_init(void)
{
	for (int shift = 0; shift <= 2 * SCALED_MAX_SCALE; shift++)
		shift_limits[shift] = EXACT_SUM_LIMIT / pow10_int128(shift);
}

static inline int128
int128_abs(int128 v)
{
	return v < 0 ? -v : v;
}

NumericClass
numeric_classify(Datum value, ScaledValue *scaled)
{
	struct varlena *packed = pg_detoast_datum_packed((struct varlena *) DatumGetPointer(value));
	const char *data = VARDATA_ANY(packed);
	Size		len = VARSIZE_ANY_EXHDR(packed);
	uint16		header;
	int			weight;
	int			dscale;
	bool		negative;
	int			ndigits;
	int			exponent;
	uint64		acc = 0;

	if (len < sizeof(uint16))
		return NUMERIC_CLASS_WIDE;	/* not a shape we know: let numeric.c judge */
	memcpy(&header, data, sizeof(uint16));

	if ((header & NUMHDR_SIGN_MASK) == NUMHDR_SPECIAL)
	{
		switch (header & NUMHDR_EXT_SIGN_MASK)
		{
			case NUMHDR_NAN:
				return NUMERIC_CLASS_NAN;
			case NUMHDR_PINF:
				return NUMERIC_CLASS_PINF;
			case NUMHDR_NINF:
				return NUMERIC_CLASS_NINF;
			default:
				return NUMERIC_CLASS_WIDE;
		}
	}

	if (header & NUMHDR_SHORT)
	{
		negative = (header & NUMHDR_SHORT_NEG) != 0;
		dscale = (header & NUMHDR_SHORT_DSCALE) >> NUMHDR_SHORT_DSCALE_SHIFT;
		weight = header & NUMHDR_SHORT_WEIGHT;
		if (header & NUMHDR_SHORT_WEIGHT_NEG)
			weight |= ~NUMHDR_SHORT_WEIGHT;
		data += sizeof(uint16);
		len -= sizeof(uint16);
	}
	else
	{
		int16		long_weight;

		if (len < 2 * sizeof(uint16))
			return NUMERIC_CLASS_WIDE;
		negative = (header & NUMHDR_SIGN_MASK) == NUMHDR_NEG;
		dscale = header & NUMHDR_LONG_DSCALE;
		memcpy(&long_weight, data + sizeof(uint16), sizeof(int16));
		weight = long_weight;
		data += 2 * sizeof(uint16);
		len -= 2 * sizeof(uint16);
	}

	if (dscale > SCALED_MAX_SCALE)
		return NUMERIC_CLASS_WIDE;
	ndigits = len / sizeof(int16);
	if (ndigits == 0)
	{
		scaled->digits = 0;
		scaled->scale = dscale;
		return NUMERIC_CLASS_SCALED;
	}

	/*
	 * Value = sum of digit[i] * 10000^(weight - i).  Accumulate the digits
	 * as an integer in units of 10^-dscale: every digit but the last whole,
	 * the last one cut to the decimals dscale keeps (numeric.c never stores
	 * digits beyond dscale, but be strict), then shift left if the value
	 * ends before the decimal point.  Plain uint64 with overflow checks: too
	 * wide a value simply takes the numeric path.
	 */
	exponent = dscale - NUMERIC_DIGIT_DECIMALS * (ndigits - 1 - weight);
	for (int i = 0; i < ndigits; i++)
	{
		int16		digit;
		uint64		multiplier = NUMERIC_DIGIT_BASE;

		memcpy(&digit, data + i * sizeof(int16), sizeof(int16));
		if (digit < 0 || digit >= NUMERIC_DIGIT_BASE)
			return NUMERIC_CLASS_WIDE;
		if (i == ndigits - 1 && exponent < 0)
		{
			int			cut = (int) scaled_powers_of_ten[-exponent];

			if (exponent < -(NUMERIC_DIGIT_DECIMALS - 1) || digit % cut != 0)
				return NUMERIC_CLASS_WIDE;
			multiplier = NUMERIC_DIGIT_BASE / cut;
			digit /= cut;
			exponent = 0;
		}
		if (pg_mul_u64_overflow(acc, multiplier, &acc) ||
			pg_add_u64_overflow(acc, (uint64) digit, &acc))
			return NUMERIC_CLASS_WIDE;
	}
	if (exponent > 0 &&
		(exponent > SCALED_MAX_SCALE ||
		 pg_mul_u64_overflow(acc, (uint64) scaled_powers_of_ten[exponent], &acc)))
		return NUMERIC_CLASS_WIDE;
	if (acc >= (uint64) SCALED_DIGITS_LIMIT)
		return NUMERIC_CLASS_WIDE;

	scaled->digits = negative ? -(int64) acc : (int64) acc;
	scaled->scale = dscale;
	return NUMERIC_CLASS_SCALED;
}

/* Exact numeric of value / 10^scale, with display scale 'scale'. */
Numeric
scaled_int128_to_numeric(int128 value, int scale)
{
	char		buf[64];
	char	   *p = buf + sizeof(buf);
	bool		negative = value < 0;
	int			ndigits = 0;

	*--p = '\0';
	/* digits right to left; the negative range is handled digit by digit */
	do
	{
		int			digit = (int) (value % 10);

		*--p = '0' + (negative ? -digit : digit);
		value /= 10;
		if (++ndigits == scale)
			*--p = '.';
	} while (value != 0 || ndigits < scale);
	if (ndigits == scale)
		*--p = '0';
	if (negative)
		*--p = '-';
	return DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(p),
											   ObjectIdGetDatum(InvalidOid),
											   Int32GetDatum(-1)));
}

/* A numeric from its text (numeric_in, any typmod). */
Numeric
salesops_numeric_in(const char *text)
{
	return DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(text),
											   ObjectIdGetDatum(InvalidOid),
											   Int32GetDatum(-1)));
}

/* The text of a numeric, as numeric_out writes it. */
char *
salesops_numeric_out(Numeric value)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(value)));
}

/* Copy a numeric into 'context'. */
static Numeric
numeric_copy_to(Numeric value, MemoryContext context)
{
	Numeric		copy = MemoryContextAlloc(context, VARSIZE(value));

	memcpy(copy, value, VARSIZE(value));
	return copy;
}

void
exact_sum_init(ExactSum *sum)
{
	memset(sum, 0, sizeof(ExactSum));
}

/*
 * Add term / 10^scale (|term| < EXACT_SUM_LIMIT, 0 <= scale <= 36) to the
 * core in place.  Returns false, leaving the core unchanged, when the result
 * would leave the int128 range; the caller then uses the spill.
 */
bool
exact_core_add_scaled(ExactSumCore *core, int128 term, int scale)
{
	int128		total = core->scaled;
	int			total_scale = core->scale;

	if (scale > total_scale)
	{
		int			shift = scale - total_scale;

		if (int128_abs(total) >= shift_limits[shift])
			return false;
		total *= pow10_int128(shift);
		total_scale = scale;
	}
	else if (scale < total_scale)
	{
		int			shift = total_scale - scale;

		if (int128_abs(term) >= shift_limits[shift])
			return false;
		term *= pow10_int128(shift);
	}
	total += term;
	if (int128_abs(total) >= EXACT_SUM_LIMIT)
		return false;
	core->scaled = total;
	core->scale = total_scale;
	return true;
}

bool
exact_core_is_nan(const ExactSumCore *core)
{
	return core->nan_count > 0 || (core->pinf_count > 0 && core->ninf_count > 0);
}

/* Add a numeric (finite to the spill; NaN and infinities counted). */
void
exact_sum_add_numeric(ExactSum *sum, Numeric term, MemoryContext aggcontext)
{
	Numeric		total;

	if (numeric_is_nan(term))
	{
		sum->core.nan_count++;
		return;
	}
	if (numeric_is_inf(term))
	{
		if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(term),
											  NumericGetDatum(int64_to_numeric(0)))) > 0)
			sum->core.pinf_count++;
		else
			sum->core.ninf_count++;
		return;
	}

	/* compute in the caller's short-lived context, keep only the result */
	total = sum->spill ? numeric_add_opt_error(sum->spill, term, NULL) : term;
	if (sum->spill)
		pfree(sum->spill);
	sum->spill = numeric_copy_to(total, aggcontext);
}

void
exact_sum_add_scaled(ExactSum *sum, int128 term, int scale, MemoryContext aggcontext)
{
	if (exact_core_add_scaled(&sum->core, term, scale))
		return;

	/* rare: move the core's total into the spill, then retry on an empty core */
	exact_sum_add_numeric(sum, scaled_int128_to_numeric(sum->core.scaled, sum->core.scale),
						  aggcontext);
	sum->core.scaled = 0;
	if (!exact_core_add_scaled(&sum->core, term, scale))
	{
		/* the term alone cannot be brought to the core's larger scale */
		sum->core.scale = Max(sum->core.scale, scale);
		exact_sum_add_numeric(sum, scaled_int128_to_numeric(term, scale), aggcontext);
	}
}

void
exact_sum_add_datum(ExactSum *sum, Datum value, MemoryContext aggcontext)
{
	ScaledValue scaled;

	switch (numeric_classify(value, &scaled))
	{
		case NUMERIC_CLASS_SCALED:
			exact_sum_add_scaled(sum, scaled.digits, scaled.scale, aggcontext);
			break;
		case NUMERIC_CLASS_NAN:
			sum->core.nan_count++;
			break;
		case NUMERIC_CLASS_PINF:
			sum->core.pinf_count++;
			break;
		case NUMERIC_CLASS_NINF:
			sum->core.ninf_count++;
			break;
		case NUMERIC_CLASS_WIDE:
			exact_sum_add_numeric(sum, DatumGetNumeric(value), aggcontext);
			break;
	}
}

void
exact_sum_merge(ExactSum *into, const ExactSum *from, MemoryContext aggcontext)
{
	into->core.nan_count = summary_add_counts(into->core.nan_count, from->core.nan_count, "exact sum");
	into->core.pinf_count = summary_add_counts(into->core.pinf_count, from->core.pinf_count, "exact sum");
	into->core.ninf_count = summary_add_counts(into->core.ninf_count, from->core.ninf_count, "exact sum");
	exact_sum_add_scaled(into, from->core.scaled, from->core.scale, aggcontext);
	if (from->spill)
		exact_sum_add_numeric(into, from->spill, aggcontext);
}

/* The sum as numeric, with sum(numeric)'s NaN and infinity rules. */
Numeric
exact_sum_result(const ExactSum *sum)
{
	Numeric		result;

	if (exact_core_is_nan(&sum->core))
		return salesops_numeric_in("NaN");
	if (sum->core.pinf_count > 0)
		return salesops_numeric_in("Infinity");
	if (sum->core.ninf_count > 0)
		return salesops_numeric_in("-Infinity");
	result = scaled_int128_to_numeric(sum->core.scaled, sum->core.scale);
	if (sum->spill)
		result = numeric_add_opt_error(sum->spill, result, NULL);
	return result;
}

/*
 * Make the sum equal to 'value' (as read back from a summary's text or
 * binary form): finite values of up to 18 digits go to the core, wider ones
 * to the spill (in the current context), with the same display scale.
 */
void
exact_sum_set_numeric(ExactSum *sum, Numeric value)
{
	ScaledValue scaled;

	exact_sum_init(sum);
	switch (numeric_classify(NumericGetDatum(value), &scaled))
	{
		case NUMERIC_CLASS_SCALED:
			sum->core.scaled = scaled.digits;
			sum->core.scale = scaled.scale;
			break;
		case NUMERIC_CLASS_NAN:
			sum->core.nan_count = 1;
			break;
		case NUMERIC_CLASS_PINF:
			sum->core.pinf_count = 1;
			break;
		case NUMERIC_CLASS_NINF:
			sum->core.ninf_count = 1;
			break;
		case NUMERIC_CLASS_WIDE:
			sum->spill = value;
			break;
	}
}

/* Largest integer a double holds exactly: up to it, (double) x is exact. */
#define DOUBLE_EXACT_LIMIT ((int128) 1 << 53)

/*
 * Finite numerator / denominator when both fit a double exactly once brought
 * to one scale: IEEE division then rounds the exact quotient once.  Returns
 * false when the values are too wide for that.
 */
static bool
exact_sum_ratio_in_double(const ExactSum *numerator, const ExactSum *denominator,
						  float8 *result, bool *isnull)
{
	int128		n = numerator->core.scaled;
	int128		d = denominator->core.scaled;
	int			shift = numerator->core.scale - denominator->core.scale;

	if (numerator->spill != NULL || denominator->spill != NULL)
		return false;
	if (shift != 0)
	{
		int128	   *coarser = shift > 0 ? &d : &n;
		int			digits = abs(shift);

		if (digits > 15 || int128_abs(*coarser) > DOUBLE_EXACT_LIMIT / pow10_int128(digits))
			return false;
		*coarser *= pow10_int128(digits);
	}
	if (int128_abs(n) > DOUBLE_EXACT_LIMIT || int128_abs(d) > DOUBLE_EXACT_LIMIT)
		return false;
	*isnull = d <= 0;
	*result = *isnull ? 0.0 : (double) n / (double) d;
	return true;
}

/*
 * numerator / denominator as float8 under api.md's ratio rules: NaN in gives
 * NaN; a denominator <= 0 gives NULL; otherwise one rounding of the exact
 * quotient (IEEE division when exact in doubles, else numeric division
 * carried to 40 decimals and cast once).
 */
float8
exact_sum_ratio(const ExactSum *numerator, const ExactSum *denominator, bool *isnull)
{
	int			num_inf = numerator->core.pinf_count > 0 ? 1 : (numerator->core.ninf_count > 0 ? -1 : 0);
	float8		result;
	Numeric		num;
	Numeric		den;

	*isnull = false;
	if (exact_core_is_nan(&numerator->core) || exact_core_is_nan(&denominator->core))
		return get_float8_nan();
	if (denominator->core.ninf_count > 0)
	{
		*isnull = true;
		return 0.0;
	}
	if (denominator->core.pinf_count > 0)
		return num_inf != 0 ? get_float8_nan() : 0.0;	/* as numeric_div */

	if (num_inf == 0 && exact_sum_ratio_in_double(numerator, denominator, &result, isnull))
		return result;

	den = exact_sum_result(denominator);
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(den),
										  NumericGetDatum(int64_to_numeric(0)))) <= 0)
	{
		*isnull = true;
		return 0.0;
	}
	if (num_inf != 0)
		return num_inf > 0 ? get_float8_infinity() : -get_float8_infinity();
	num = DatumGetNumeric(DirectFunctionCall2(numeric_round,
											  NumericGetDatum(exact_sum_result(numerator)),
											  Int32GetDatum(40)));
	return DatumGetFloat8(DirectFunctionCall1(numeric_float8,
											  NumericGetDatum(numeric_div_opt_error(num, den, NULL))));
}

float8
float8_sum_ratio(float8 numerator, float8 denominator, bool *isnull)
{
	*isnull = false;
	if (isnan(numerator) || isnan(denominator))
		return get_float8_nan();
	if (denominator <= 0)
	{
		*isnull = true;
		return 0;
	}
	/* float8_div: Inf/Inf is NaN, and overflow from finite inputs errors */
	return float8_div(numerator, denominator);
}

void
exact_sum_serialize(StringInfo buf, const ExactSum *sum)
{
	pq_sendint64(buf, (int64) (sum->core.scaled >> 64));
	pq_sendint64(buf, (int64) (uint64) sum->core.scaled);
	pq_sendint32(buf, sum->core.scale);
	pq_sendint64(buf, sum->core.nan_count);
	pq_sendint64(buf, sum->core.pinf_count);
	pq_sendint64(buf, sum->core.ninf_count);
	pq_sendbyte(buf, sum->spill != NULL);
	if (sum->spill)
		pq_sendstring(buf, DatumGetCString(DirectFunctionCall1(numeric_out,
															   NumericGetDatum(sum->spill))));
}

/* Reads what exact_sum_serialize wrote; the spill lands in the current context. */
void
exact_sum_deserialize(StringInfo buf, ExactSum *sum)
{
	int64		high = pq_getmsgint64(buf);
	uint64		low = (uint64) pq_getmsgint64(buf);

	exact_sum_init(sum);
	/* through uint128: shifting a negative int128 left is undefined behaviour */
	sum->core.scaled = (int128) (((uint128) (uint64) high << 64) | (uint128) low);
	sum->core.scale = pq_getmsgint(buf, 4);
	sum->core.nan_count = pq_getmsgint64(buf);
	sum->core.pinf_count = pq_getmsgint64(buf);
	sum->core.ninf_count = pq_getmsgint64(buf);
	if (sum->core.scale < 0 || sum->core.scale > 2 * SCALED_MAX_SCALE ||
		sum->core.scaled >= EXACT_SUM_LIMIT || sum->core.scaled <= -EXACT_SUM_LIMIT ||	/* no abs(): INT128_MIN */
		sum->core.nan_count < 0 || sum->core.pinf_count < 0 || sum->core.ninf_count < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid exact sum in serialized aggregate state")));
	if (pq_getmsgbyte(buf))
		sum->spill = DatumGetNumeric(DirectFunctionCall3(numeric_in,
														 CStringGetDatum(pq_getmsgstring(buf)),
														 ObjectIdGetDatum(InvalidOid),
														 Int32GetDatum(-1)));
}

static void
probability_out_of_range(const char *value) pg_attribute_noreturn();

static void
probability_out_of_range(const char *value)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("probability \"%s\" is out of range", value),
			 errdetail("A probability is a fraction from 0 to 1."),
			 errhint("Divide percentages by 100, for example probability / 100.0.")));
}

void
probability_check_float8(float8 probability)
{
	/* written so that NaN fails too */
	if (!(probability >= 0.0 && probability <= 1.0))
		probability_out_of_range(float8out_internal(probability));
}

NumericClass
probability_classify_numeric(Datum probability, ScaledValue *scaled)
{
	NumericClass class = numeric_classify(probability, scaled);

	if (class == NUMERIC_CLASS_SCALED)
	{
		if (scaled->digits >= 0 && scaled->digits <= scaled_powers_of_ten[scaled->scale])
			return class;
	}
	else if (class == NUMERIC_CLASS_WIDE)
	{
		Datum		zero = NumericGetDatum(int64_to_numeric(0));
		Datum		one = NumericGetDatum(int64_to_numeric(1));

		if (DatumGetBool(DirectFunctionCall2(numeric_ge, probability, zero)) &&
			DatumGetBool(DirectFunctionCall2(numeric_le, probability, one)))
			return class;
	}
	probability_out_of_range(DatumGetCString(DirectFunctionCall1(numeric_out, probability)));
}

/*
 * A float8 as value::numeric would read it (float8_numeric, PostgreSQL's own
 * cast).  The cast prints the double, so results are memoized per call
 * site: CRM probabilities are a handful of stage defaults (0, 0.1, 0.25,
 * ..., 1), and an attainment threshold is one constant.  A direct-mapped
 * table on the raw bits maps the stage defaults onto the same slots;
 * Fibonacci hashing plus a short linear probe keeps them apart.
 */
#define FLOAT8_CACHE_BITS 8
#define FLOAT8_CACHE_SIZE (1 << FLOAT8_CACHE_BITS)
#define FLOAT8_CACHE_PROBES 4

typedef struct Float8CacheEntry
{
	uint64		bits;
	bool		valid;
	ScaledValue scaled;
} Float8CacheEntry;

NumericClass
float8_classify_numeric(FunctionCallInfo fcinfo, float8 value, ScaledValue *scaled)
{
	Float8CacheEntry *cache = fcinfo->flinfo->fn_extra;
	uint64		bits;
	uint32		home;
	Datum		converted;
	NumericClass class;

	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt,
									   sizeof(Float8CacheEntry) * FLOAT8_CACHE_SIZE);
		fcinfo->flinfo->fn_extra = cache;
	}
	memcpy(&bits, &value, sizeof(bits));
	home = (uint32) ((bits * UINT64CONST(0x9E3779B97F4A7C15)) >> (64 - FLOAT8_CACHE_BITS));
	for (int probe = 0; probe < FLOAT8_CACHE_PROBES; probe++)
	{
		Float8CacheEntry *entry = &cache[(home + probe) % FLOAT8_CACHE_SIZE];

		if (entry->valid && entry->bits == bits)
		{
			*scaled = entry->scaled;
			return NUMERIC_CLASS_SCALED;
		}
		if (!entry->valid)
			break;
	}

	converted = DirectFunctionCall1(float8_numeric, Float8GetDatum(value));
	class = numeric_classify(converted, scaled);
	if (class == NUMERIC_CLASS_SCALED)
	{
		Float8CacheEntry *entry = &cache[home];

		/* the first free slot of the probe run, else evict the home slot */
		for (int probe = 0; probe < FLOAT8_CACHE_PROBES; probe++)
			if (!cache[(home + probe) % FLOAT8_CACHE_SIZE].valid)
			{
				entry = &cache[(home + probe) % FLOAT8_CACHE_SIZE];
				break;
			}
		entry->bits = bits;
		entry->scaled = *scaled;
		entry->valid = true;
	}
	return class;
}

/* A float8 probability, checked, as probability::numeric would read it. */
NumericClass
probability_classify_float8(FunctionCallInfo fcinfo, float8 probability,
							ScaledValue *scaled)
{
	probability_check_float8(probability);
	return float8_classify_numeric(fcinfo, probability, scaled);
}

/*
 * amount x probability exactly as amount * probability::numeric computes it.
 * Returns true with the product as term / 10^scale when both read as scaled
 * integers (one 64x64->128 multiply); otherwise false with the numeric
 * product (numeric_mul: wide values, NaN, Infinity x 0 = NaN).
 * 'probability_datum' is the numeric probability, or, when
 * probability_is_float8, the float8 to cast on that slow path.
 */
bool
weighted_amount(Datum amount, NumericClass probability_class, const ScaledValue *probability,
				Datum probability_datum, bool probability_is_float8,
				int128 *term, int *scale, Numeric *product)
{
	ScaledValue scaled_amount;
	Numeric		probability_numeric;

	if (numeric_classify(amount, &scaled_amount) == NUMERIC_CLASS_SCALED &&
		probability_class == NUMERIC_CLASS_SCALED)
	{
		*term = (int128) scaled_amount.digits * probability->digits;
		*scale = scaled_amount.scale + probability->scale;
		return true;
	}
	if (!probability_is_float8)
		probability_numeric = DatumGetNumeric(probability_datum);
	else if (probability_class == NUMERIC_CLASS_SCALED)
		probability_numeric = scaled_int128_to_numeric(probability->digits, probability->scale);
	else
		probability_numeric = DatumGetNumeric(DirectFunctionCall1(float8_numeric, probability_datum));
	*product = numeric_mul_opt_error(DatumGetNumeric(amount), probability_numeric, NULL);
	return false;
}

ExactRatioState *
exact_ratio_state_new(MemoryContext aggcontext)
{
	ExactRatioState *state = MemoryContextAlloc(aggcontext, sizeof(ExactRatioState));

	exact_sum_init(&state->numerator);
	exact_sum_init(&state->denominator);
	return state;
}

/*
 * The two elements of an int8[2] or float8[2] aggregate state.  In an
 * aggregate the state is ours to update in place; called directly from SQL,
 * work on a copy.  A malformed array (a user calling the function by hand)
 * is an error.
 */
ArrayType *
salesops_array_pair(FunctionCallInfo fcinfo, int argno, Oid element_type,
					bool for_update, const char *what)
{
	ArrayType  *array = (for_update && !AggCheckCallContext(fcinfo, NULL))
		? PG_GETARG_ARRAYTYPE_P_COPY(argno)
		: PG_GETARG_ARRAYTYPE_P(argno);

	if (ARR_NDIM(array) != 1 || ARR_DIMS(array)[0] != 2 || ARR_HASNULL(array) ||
		ARR_ELEMTYPE(array) != element_type)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid %s state", what),
				 errdetail("The state must be a two-element %s array without NULLs.",
						   element_type == INT8OID ? "bigint" : "double precision")));
	return array;
}

MemoryContext
salesops_aggcontext(FunctionCallInfo fcinfo, const char *funcname)
{
	MemoryContext aggcontext;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "%s called in non-aggregate context", funcname);
	return aggcontext;
}

void
salesops_begin_state(StringInfo buf)
{
	pq_begintypsend(buf);
	pq_sendbyte(buf, SALESOPS_FORMAT_VERSION);
}

void
salesops_begin_read(StringInfo buf, bytea *serialized, const char *what)
{
	int			version;

	initStringInfo(buf);
	appendBinaryStringInfo(buf, VARDATA_ANY(serialized), VARSIZE_ANY_EXHDR(serialized));
	version = pq_getmsgbyte(buf);
	if (version != SALESOPS_FORMAT_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported %s format version %d", what, version),
				 errdetail("This build of salesops reads format version %d.",
						   SALESOPS_FORMAT_VERSION)));
}

void
salesops_end_read(StringInfo buf)
{
	pq_getmsgend(buf);
	pfree(buf->data);
}

/*
 * ---------- storable summary types ----------
 *
 * A summary type is a flat varlena whose exact sums are ExactSumCore slots
 * updated in place; the spills of those sums, if any, follow the fixed part
 * as NUL-terminated numeric texts, flagged in a bit mask.  Its text form is
 * "v<version> <key>=<value> ..." with keys in a fixed order.
 */

/*
 * A writable summary: the aggregate's own state in place, else a copy (also
 * when the state is a stored value copied as it was, compressed or with a
 * short header: rollup's first input).
 */
struct varlena *
summary_writable(FunctionCallInfo fcinfo, int argno)
{
	struct varlena *value = (struct varlena *) PG_GETARG_POINTER(argno);

	if (AggCheckCallContext(fcinfo, NULL) && !VARATT_IS_EXTENDED(value))
		return value;
	return PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(argno));
}

void
summary_version_error(const char *type_name, int version)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("unsupported %s format version %d", type_name, version),
			 errdetail("This build of salesops reads format version %d.", SALESOPS_FORMAT_VERSION)));
}

void
summary_corrupt(const char *type_name, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("corrupt %s value", type_name),
			 errdetail("%s", detail)));
}

/* Bytes the spill texts of sums[0..n) take; texts[i] is set (or NULL). */
Size
summary_spills_size(const ExactSum *sums, int n, char **texts)
{
	Size		size = 0;

	for (int i = 0; i < n; i++)
	{
		texts[i] = NULL;
		if (sums[i].spill)
		{
			texts[i] = DatumGetCString(DirectFunctionCall1(numeric_out,
														   NumericGetDatum(sums[i].spill)));
			size += strlen(texts[i]) + 1;
		}
	}
	return size;
}

/* Writes the texts summary_spills_size found at 'tail'; returns the mask. */
uint8
summary_spills_write(char *tail, char *const *texts, int n)
{
	uint8		mask = 0;

	for (int i = 0; i < n; i++)
		if (texts[i])
		{
			mask |= 1 << i;
			strcpy(tail, texts[i]);
			tail += strlen(texts[i]) + 1;
		}
	return mask;
}

/*
 * Reads the spills flagged in 'mask' from tail..end into sums[i].spill;
 * returns the end of their texts (where a type's own tail data may follow).
 */
const char *
summary_spills_read(const char *tail, const char *end, uint8 mask, ExactSum *sums, int n,
					const char *type_name)
{
	for (int i = 0; i < n; i++)
	{
		Size		len;

		if (!(mask & (1 << i)))
			continue;
		len = tail < end ? strnlen(tail, end - tail) : 0;
		if (tail + len >= end)
			summary_corrupt(type_name, "A spilled sum is not terminated.");
		sums[i].spill = DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(tail),
															ObjectIdGetDatum(InvalidOid),
															Int32GetDatum(-1)));
		tail += len + 1;
	}
	return tail;
}

void
summary_append_float8(StringInfo buf, const char *key, float8 value)
{
	char		digits[DOUBLE_SHORTEST_DECIMAL_LEN];

	if (isnan(value))
		strcpy(digits, "NaN");
	else if (isinf(value))
		strcpy(digits, value > 0 ? "Infinity" : "-Infinity");
	else
		double_to_shortest_decimal_buf(value, digits);
	appendStringInfo(buf, " %s=%s", key, digits);
}

void
summary_append_exact(StringInfo buf, const char *key, const ExactSum *sum)
{
	appendStringInfo(buf, " %s=%s", key,
					 DatumGetCString(DirectFunctionCall1(numeric_out,
														 NumericGetDatum(exact_sum_result(sum)))));
}

void
summary_bad_text(const char *type_name, const char *input, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"", type_name, input),
			 errdetail("%s", detail)));
}

/* Checks the leading "v<version>" token and returns the text after it. */
char *
summary_text_begin(char *copy, const char *type_name, const char *input)
{
	char	   *space = strchr(copy, ' ');

	if (copy[0] != 'v' || space == NULL)
		summary_bad_text(type_name, input,
						 psprintf("%s %s starts with its format version, as in \"v%d\".",
								  strchr("aeiou", type_name[0]) ? "An" : "A",
								  type_name, SALESOPS_FORMAT_VERSION));
	*space = '\0';
	if (strcmp(copy + 1, CppAsString2(SALESOPS_FORMAT_VERSION)) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("unsupported %s format version \"%s\"", type_name, copy),
				 errdetail("This build of salesops reads format version %d.", SALESOPS_FORMAT_VERSION)));
	return space + 1;
}

/* The next "key=value" token at *cursor; the value, NUL-terminated. */
char *
summary_next_value(char **cursor, const char *key, const char *type_name, const char *input)
{
	char	   *token = *cursor;
	Size		keylen = strlen(key);
	char	   *end;

	if (strncmp(token, key, keylen) != 0 || token[keylen] != '=')
		summary_bad_text(type_name, input, psprintf("Expected \"%s=\" at \"%s\".", key, token));
	token += keylen + 1;
	end = strchr(token, ' ');
	if (end)
	{
		*end = '\0';
		*cursor = end + 1;
	}
	else
		*cursor = token + strlen(token);
	if (*token == '\0')
		summary_bad_text(type_name, input, psprintf("The value of \"%s\" is empty.", key));
	return token;
}

int64
summary_parse_count(char *value, const char *key, const char *type_name, const char *input)
{
	char	   *end;
	long long	parsed;

	errno = 0;
	parsed = strtoll(value, &end, 10);
	if (errno != 0 || *end != '\0' || parsed < 0 || !isdigit((unsigned char) *value))
		summary_bad_text(type_name, input, psprintf("\"%s\" must be a non-negative integer.", key));
	return (int64) parsed;
}

/* A numeric literal as numeric_out writes them (no exponent, no spaces). */
bool
is_numeric_literal(const char *s)
{
	bool		digits = false;

	if (strcmp(s, "NaN") == 0 || strcmp(s, "Infinity") == 0 || strcmp(s, "-Infinity") == 0)
		return true;
	if (*s == '-')
		s++;
	for (; isdigit((unsigned char) *s); s++)
		digits = true;
	if (*s == '.')
		for (s++; isdigit((unsigned char) *s); s++)
			digits = true;
	return digits && *s == '\0';
}

/* Sets 'sum' from a numeric literal of a text or binary summary; false if malformed. */
bool
summary_parse_exact(const char *value, ExactSum *sum)
{
	if (!is_numeric_literal(value))
		return false;
	exact_sum_set_numeric(sum, DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(value),
																   ObjectIdGetDatum(InvalidOid),
																   Int32GetDatum(-1))));
	return true;
}

void
summary_send_exact(StringInfo buf, const ExactSum *sum)
{
	pq_sendstring(buf, DatumGetCString(DirectFunctionCall1(numeric_out,
														   NumericGetDatum(exact_sum_result(sum)))));
}

bool
exact_sum_is_negative(const ExactSum *sum)
{
	if (exact_core_is_nan(&sum->core) || sum->core.pinf_count > 0)
		return false;
	if (sum->core.ninf_count > 0)
		return true;
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(exact_sum_result(sum)),
											 NumericGetDatum(int64_to_numeric(0)))) < 0;
}

/*
 * a + b for the counts of a summary being rolled up.  Aggregating rows can
 * never overflow an int64 count, but stored values can be made by hand (text
 * or binary input) with counts near 2^63: their sum is an error, not a
 * wrapped negative count.
 */
int64
summary_add_counts(int64 a, int64 b, const char *type_name)
{
	int64		result;

	if (pg_add_s64_overflow(a, b, &result))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s count out of range", type_name),
				 errdetail("A count in a summary cannot exceed " INT64_FORMAT ".", PG_INT64_MAX)));
	return result;
}
