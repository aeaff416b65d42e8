/*
 * exact.c
 *	  Exact money arithmetic: numerics read as scaled integers straight from
 *	  their on-disk form, exact sums with a numeric spill, and the ratio rules
 *	  of api.md (NaN first, a denominator <= 0 gives NULL, one rounding).
 */
#include "exact.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "common/int.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/fmgrprotos.h"
#include "utils/syscache.h"

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
 * and an int128 division costs ~100 instructions).  Filled in by exact_init() at load time.
 */
static int128 shift_limits[2 * SCALED_MAX_SCALE + 1];

void
exact_init(void)
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
	return salesops_numeric_in(p);
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

/*
 * Argument 'argno' as a money value.  Its type is the call's argument type
 * (one pointer walk); a caller that gives no call expression (Citus's
 * worker_partial_agg calls transition functions so) gets the declared type
 * from the catalog.
 */
Money
money_arg(FunctionCallInfo fcinfo, int argno)
{
	Money		money;
	Oid			type = get_fn_expr_argtype(fcinfo->flinfo, argno);

	if (!OidIsValid(type))
	{
		HeapTuple	proc = SearchSysCache1(PROCOID, ObjectIdGetDatum(fcinfo->flinfo->fn_oid));

		if (!HeapTupleIsValid(proc))
			elog(ERROR, "cache lookup failed for function %u", fcinfo->flinfo->fn_oid);
		if (argno < ((Form_pg_proc) GETSTRUCT(proc))->pronargs)
			type = ((Form_pg_proc) GETSTRUCT(proc))->proargtypes.values[argno];
		ReleaseSysCache(proc);
	}
	money.value = PG_GETARG_DATUM(argno);
	switch (type)
	{
		case NUMERICOID:
			money.type = MONEY_NUMERIC;
			break;
		case INT2OID:
			money.type = MONEY_INT2;
			break;
		case INT4OID:
			money.type = MONEY_INT4;
			break;
		case INT8OID:
			money.type = MONEY_INT8;
			break;
		default:
			elog(ERROR, "argument %d of function %u is not an amount (type %u)",
				 argno + 1, fcinfo->flinfo->fn_oid, type);
	}
	return money;
}

/*
 * numeric_classify for a money value.  An integer reads as digits at scale
 * 0, within the 18 digits numeric_classify gives (the fast paths rely on
 * it); a larger one is "wide" and takes the numeric path, as a numeric of
 * 19 digits does.
 */
NumericClass
money_classify(Money money, ScaledValue *scaled)
{
	int64		value;

	switch (money.type)
	{
		case MONEY_INT2:
			value = DatumGetInt16(money.value);
			break;
		case MONEY_INT4:
			value = DatumGetInt32(money.value);
			break;
		case MONEY_INT8:
			value = DatumGetInt64(money.value);
			break;
		default:
			return numeric_classify(money.value, scaled);
	}
	if (value <= -scaled_powers_of_ten[SCALED_MAX_SCALE] || value >= scaled_powers_of_ten[SCALED_MAX_SCALE])
		return NUMERIC_CLASS_WIDE;
	scaled->digits = value;
	scaled->scale = 0;
	return NUMERIC_CLASS_SCALED;
}

/* A money value as a numeric, for the slow paths. */
Numeric
money_numeric(Money money)
{
	switch (money.type)
	{
		case MONEY_INT2:
			return salesops_numeric_from_int64(DatumGetInt16(money.value));
		case MONEY_INT4:
			return salesops_numeric_from_int64(DatumGetInt32(money.value));
		case MONEY_INT8:
			return salesops_numeric_from_int64(DatumGetInt64(money.value));
		default:
			return DatumGetNumeric(money.value);
	}
}

/* An int64 as a numeric. */
Numeric
salesops_numeric_from_int64(int64 value)
{
	return DatumGetNumeric(DirectFunctionCall1(int8_numeric, Int64GetDatum(value)));
}

/* numeric_cmp: -1, 0 or 1, NaN above everything. */
int
salesops_numeric_cmp(Numeric a, Numeric b)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(a), NumericGetDatum(b)));
}

/* value::float8, as PostgreSQL's cast rounds it. */
float8
salesops_numeric_float8(Numeric value)
{
	return DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(value)));
}

/*
 * -1, 0 or 1 as the value is below, equal to or above zero, in numeric's
 * ordering (NaN above everything, so 1).  The one sign test of the
 * extension: a numeric's sign is read here and nowhere else.
 */
int
salesops_numeric_sign(Numeric value)
{
	ScaledValue scaled;

	switch (numeric_classify(NumericGetDatum(value), &scaled))
	{
		case NUMERIC_CLASS_SCALED:
			return (scaled.digits > 0) - (scaled.digits < 0);
		case NUMERIC_CLASS_NINF:
			return -1;
		case NUMERIC_CLASS_PINF:
		case NUMERIC_CLASS_NAN:
			return 1;
		case NUMERIC_CLASS_WIDE:
			break;
	}
	return salesops_numeric_cmp(value, salesops_numeric_from_int64(0));
}

/* Copy a numeric into 'context'. */
Numeric
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

/* No NaN and no infinity was added. */
bool
exact_core_is_finite(const ExactSumCore *core)
{
	return core->nan_count == 0 && core->pinf_count == 0 && core->ninf_count == 0;
}

/*
 * What the sum is: NUMERIC_CLASS_NAN, _PINF or _NINF, or NUMERIC_CLASS_SCALED
 * for any finite value (the spill included).
 */
NumericClass
exact_core_class(const ExactSumCore *core)
{
	if (exact_core_is_nan(core))
		return NUMERIC_CLASS_NAN;
	if (core->pinf_count > 0)
		return NUMERIC_CLASS_PINF;
	if (core->ninf_count > 0)
		return NUMERIC_CLASS_NINF;
	return NUMERIC_CLASS_SCALED;
}

/* The same classes for a float8. */
NumericClass
float8_class(float8 value)
{
	if (isnan(value))
		return NUMERIC_CLASS_NAN;
	if (isinf(value))
		return value > 0 ? NUMERIC_CLASS_PINF : NUMERIC_CLASS_NINF;
	return NUMERIC_CLASS_SCALED;
}

/*
 * Count a NaN or infinite value in the core, as sum(numeric) must remember
 * them; false (nothing counted) for a finite class, which the caller adds.
 */
bool
exact_core_count_special(ExactSumCore *core, NumericClass class)
{
	switch (class)
	{
		case NUMERIC_CLASS_NAN:
			core->nan_count++;
			return true;
		case NUMERIC_CLASS_PINF:
			core->pinf_count++;
			return true;
		case NUMERIC_CLASS_NINF:
			core->ninf_count++;
			return true;
		case NUMERIC_CLASS_SCALED:
		case NUMERIC_CLASS_WIDE:
			break;
	}
	return false;
}

/* Add the NaN and infinity counts of 'from' (rollup, combine). */
void
exact_core_merge_counts(ExactSumCore *into, const ExactSumCore *from, const char *type_name)
{
	into->nan_count = add_counts(into->nan_count, from->nan_count, type_name);
	into->pinf_count = add_counts(into->pinf_count, from->pinf_count, type_name);
	into->ninf_count = add_counts(into->ninf_count, from->ninf_count, type_name);
}

/* Add a numeric (finite to the spill; NaN and infinities counted). */
void
exact_sum_add_numeric(ExactSum *sum, Numeric term, MemoryContext aggcontext)
{
	ScaledValue scaled;
	Numeric		total;

	if (exact_core_count_special(&sum->core, numeric_classify(NumericGetDatum(term), &scaled)))
		return;

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
exact_sum_add_money(ExactSum *sum, Money value, MemoryContext aggcontext)
{
	ScaledValue scaled;
	NumericClass class = money_classify(value, &scaled);

	if (class == NUMERIC_CLASS_SCALED)
		exact_sum_add_scaled(sum, scaled.digits, scaled.scale, aggcontext);
	else if (!exact_core_count_special(&sum->core, class))
		exact_sum_add_numeric(sum, money_numeric(value), aggcontext);
}

void
exact_sum_merge(ExactSum *into, const ExactSum *from, MemoryContext aggcontext)
{
	exact_core_merge_counts(&into->core, &from->core, "exact sum");
	exact_sum_add_scaled(into, from->core.scaled, from->core.scale, aggcontext);
	if (from->spill)
		exact_sum_add_numeric(into, from->spill, aggcontext);
}

/*
 * Take term / 10^scale back out of the sum: a moving window's inverse
 * transition.  Exact, in place, and only where that is simple: false (the
 * caller's inverse then returns NULL and PostgreSQL recomputes the frame)
 * when the sum has a spill or the result would leave the core.
 */
bool
exact_core_remove_scaled(ExactSumCore *core, int128 term, int scale)
{
	if (scale > core->scale)
		return false;
	return exact_core_add_scaled(core, -term, scale);
}

bool
exact_sum_remove_scaled(ExactSum *sum, int128 term, int scale)
{
	if (sum->spill != NULL)
		return false;
	return exact_core_remove_scaled(&sum->core, term, scale);
}

ExactWindowSum *
exact_window_new(MemoryContext aggcontext)
{
	ExactWindowSum *window = MemoryContextAllocZero(aggcontext, sizeof(ExactWindowSum));

	exact_sum_init(&window->sum);
	return window;
}

void
exact_window_add_scaled(ExactWindowSum *window, int128 term, int scale, MemoryContext aggcontext)
{
	if (window->rows == 0 || scale > window->sum.core.scale)
		window->rows_at_scale = 0;
	if (window->rows == 0 || scale >= window->sum.core.scale)
		window->rows_at_scale++;
	exact_sum_add_scaled(&window->sum, term, scale, aggcontext);
	window->rows++;
}

/* A term that is not a scaled integer: added, never taken out in place. */
void
exact_window_add_numeric(ExactWindowSum *window, Numeric term, MemoryContext aggcontext)
{
	exact_sum_add_numeric(&window->sum, term, aggcontext);
	window->rows++;
}

bool
exact_window_remove_scaled(ExactWindowSum *window, int128 term, int scale)
{
	if (scale == window->sum.core.scale && window->rows_at_scale <= 1)
		return false;
	if (!exact_sum_remove_scaled(&window->sum, term, scale))
		return false;
	if (scale == window->sum.core.scale)
		window->rows_at_scale--;
	window->rows--;
	return true;
}

/* Take a money value back out: scaled values only (else false, as above). */
bool
exact_sum_remove_money(ExactSum *sum, Money value)
{
	ScaledValue scaled;

	if (money_classify(value, &scaled) != NUMERIC_CLASS_SCALED)
		return false;
	return exact_sum_remove_scaled(sum, scaled.digits, scaled.scale);
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
	NumericClass class = numeric_classify(NumericGetDatum(value), &scaled);

	exact_sum_init(sum);
	if (class == NUMERIC_CLASS_SCALED)
	{
		sum->core.scaled = scaled.digits;
		sum->core.scale = scaled.scale;
	}
	else if (!exact_core_count_special(&sum->core, class))
		sum->spill = value;
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
	if (salesops_numeric_sign(den) <= 0)
	{
		*isnull = true;
		return 0.0;
	}
	if (num_inf != 0)
		return num_inf > 0 ? get_float8_infinity() : -get_float8_infinity();
	num = DatumGetNumeric(DirectFunctionCall2(numeric_round,
											  NumericGetDatum(exact_sum_result(numerator)),
											  Int32GetDatum(40)));
	return salesops_numeric_float8(numeric_div_opt_error(num, den, NULL));
}

/* Bits in an unsigned 128-bit value (0 for 0). */
static int
uint128_bits(uint128 value)
{
	int			bits = 0;

	while (value != 0)
	{
		value >>= 1;
		bits++;
	}
	return bits;
}

/*
 * numerator / denominator (> 0) rounded once to the nearest float8, ties to
 * even.  Within 2^53, IEEE division of the exact doubles does it; wider, the
 * quotient is carried to 55 significant bits by long division (its integer
 * part first, then one fraction bit at a time: 2 x remainder < 2^128 as the
 * denominator is below 2^127; at most 127 + 55 steps for a numerator >= 1),
 * and the rest of the remainder decides the rounding as a sticky bit.
 */
float8
int128_ratio_float8(int128 numerator, int128 denominator)
{
	bool		negative = numerator < 0;
	uint128		n = negative ? -(uint128) numerator : (uint128) numerator;
	uint128		d = (uint128) denominator;
	uint128		quotient;
	uint128		remainder;
	int			exponent = 0;
	int			extra;
	uint128		mantissa;
	bool		round_bit;
	bool		sticky;
	float8		result;

	if (n <= (uint128) DOUBLE_EXACT_LIMIT && d <= (uint128) DOUBLE_EXACT_LIMIT)
		return (double) numerator / (double) denominator;
	if (n == 0)
		return 0.0;
	quotient = n / d;
	remainder = n % d;
	while (uint128_bits(quotient) < 55)
	{
		remainder <<= 1;
		quotient <<= 1;
		if (remainder >= d)
		{
			remainder -= d;
			quotient |= 1;
		}
		exponent--;
	}
	extra = uint128_bits(quotient) - 53;
	mantissa = quotient >> extra;
	round_bit = (quotient >> (extra - 1)) & 1;
	sticky = remainder != 0 || (quotient & ((((uint128) 1) << (extra - 1)) - 1)) != 0;
	if (round_bit && (sticky || (mantissa & 1)))
		mantissa++;				/* 2^53 after a carry is still exact in a double */
	result = ldexp((double) mantissa, exponent + extra);
	return negative ? -result : result;
}

Datum
count_ratio_result(FunctionCallInfo fcinfo, int64 numerator, int64 denominator)
{
	if (denominator <= 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(int128_ratio_float8(numerator, denominator));
}

Datum
exact_sum_ratio_result(FunctionCallInfo fcinfo, const ExactSum *numerator, const ExactSum *denominator)
{
	bool		isnull;
	float8		ratio = exact_sum_ratio(numerator, denominator, &isnull);

	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(ratio);
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
		pq_sendstring(buf, salesops_numeric_out(sum->spill));
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
		sum->spill = salesops_numeric_in(pq_getmsgstring(buf));
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

/* The sum is below zero (-Infinity included; NaN is not). */
bool
exact_sum_is_negative(const ExactSum *sum)
{
	if (exact_core_is_nan(&sum->core) || sum->core.pinf_count > 0)
		return false;
	if (sum->core.ninf_count > 0)
		return true;
	return salesops_numeric_sign(exact_sum_result(sum)) < 0;
}

/* add_counts' error (see exact.h). */
void
counts_out_of_range(const char *type_name)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s count out of range", type_name),
			 errdetail("A count in a summary cannot exceed " INT64_FORMAT ".", PG_INT64_MAX)));
}
