/*
 * fraction.c
 *	  Exact ratios: int64 fractions while they fit (in lowest terms when they
 *	  must), integer numerics when wide; NaN and infinities as kinds ordered
 *	  as PostgreSQL orders float8 (NaN last).  Comparisons cross-multiply in
 *	  int128; a value is rounded to float8 once, at the end.
 */
#include "fraction.h"

#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/fmgrprotos.h"

static inline bool
fits_ratio_int64(int128 numerator, int128 denominator)
{
	return numerator >= -PG_INT64_MAX && numerator <= PG_INT64_MAX && denominator <= PG_INT64_MAX;
}

static int128
gcd_int128(int128 a, int128 b)
{
	if (a < 0)
		a = -a;
	while (b != 0)
	{
		int128		r = a % b;

		a = b;
		b = r;
	}
	return a;
}

void
ratio_set_fast(ExactRatio *ratio, int64 numerator, int64 denominator)
{
	memset(ratio, 0, sizeof(ExactRatio));
	ratio->kind = RATIO_FINITE;
	ratio->numerator = numerator;
	ratio->denominator = denominator;
}

/*
 * The exact ratio numerator / denominator (denominator > 0) of two int128
 * integers below 10^37: int64 when it fits (in lowest terms if need be),
 * otherwise wide.
 */
void
ratio_from_int128(int128 numerator, int128 denominator, ExactRatio *ratio)
{
	if (!fits_ratio_int64(numerator, denominator))
	{
		int128		divisor = gcd_int128(numerator, denominator);

		numerator /= divisor;
		denominator /= divisor;
	}
	if (fits_ratio_int64(numerator, denominator))
	{
		ratio_set_fast(ratio, (int64) numerator, (int64) denominator);
		return;
	}
	memset(ratio, 0, sizeof(ExactRatio));
	ratio->kind = RATIO_FINITE;
	ratio->wide = true;
	ratio->wide_numerator = scaled_int128_to_numeric(numerator, 0);
	ratio->wide_denominator = scaled_int128_to_numeric(denominator, 0);
}

/* numerator / denominator (> 0) of two scaled values, at their common scale */
void
ratio_from_scaled(ScaledValue achieved, ScaledValue quota, ExactRatio *ratio)
{
	int			scale = Max(achieved.scale, quota.scale);

	/* digits < 10^18, factors <= 10^18: the products stay below 10^36 */
	ratio_from_int128((int128) achieved.digits * scaled_powers_of_ten[scale - achieved.scale],
					  (int128) quota.digits * scaled_powers_of_ten[scale - quota.scale],
					  ratio);
}

/* An integer numeric within +-PG_INT64_MAX as int64; false when it is wider. */
static bool
numeric_to_int64(Numeric value, int64 *result)
{
	Numeric		bound = salesops_numeric_from_int64(PG_INT64_MAX);
	Numeric		abs_value = DatumGetNumeric(DirectFunctionCall1(numeric_abs, NumericGetDatum(value)));

	if (salesops_numeric_cmp(abs_value, bound) > 0)
		return false;
	*result = DatumGetInt64(DirectFunctionCall1(numeric_int8, NumericGetDatum(value)));
	return true;
}

/*
 * achieved / quota of two numerics (quota finite and > 0, achieved anything)
 * in lowest terms: int64 when it fits, else integer numerics.
 */
void
ratio_from_numerics(Numeric achieved, Numeric quota, ExactRatio *ratio)
{
	ScaledValue scaled_achieved;
	ScaledValue scaled_quota;
	int			scale;
	Numeric		factor;
	Numeric		numerator;
	Numeric		denominator;
	Numeric		divisor;

	memset(ratio, 0, sizeof(ExactRatio));
	if (numeric_is_nan(achieved))
	{
		ratio->kind = RATIO_NAN;
		return;
	}
	if (numeric_is_inf(achieved))
	{
		ratio->kind = salesops_numeric_sign(achieved) > 0 ? RATIO_POS_INF : RATIO_NEG_INF;
		return;
	}
	if (numeric_classify(NumericGetDatum(achieved), &scaled_achieved) == NUMERIC_CLASS_SCALED &&
		numeric_classify(NumericGetDatum(quota), &scaled_quota) == NUMERIC_CLASS_SCALED)
	{
		ratio_from_scaled(scaled_achieved, scaled_quota, ratio);
		return;
	}

	/* both times 10^(larger display scale) are integers: numerics hold no digit beyond it */
	scale = Max(DatumGetInt32(DirectFunctionCall1(numeric_scale, NumericGetDatum(achieved))),
				DatumGetInt32(DirectFunctionCall1(numeric_scale, NumericGetDatum(quota))));
	factor = salesops_numeric_in(psprintf("1e%d", scale));
	numerator = DatumGetNumeric(DirectFunctionCall2(numeric_trunc,
													NumericGetDatum(numeric_mul_opt_error(achieved, factor, NULL)),
													Int32GetDatum(0)));
	denominator = DatumGetNumeric(DirectFunctionCall2(numeric_trunc,
													  NumericGetDatum(numeric_mul_opt_error(quota, factor, NULL)),
													  Int32GetDatum(0)));
	divisor = DatumGetNumeric(DirectFunctionCall2(numeric_gcd, NumericGetDatum(numerator),
												  NumericGetDatum(denominator)));
	numerator = DatumGetNumeric(DirectFunctionCall2(numeric_div_trunc, NumericGetDatum(numerator),
													NumericGetDatum(divisor)));
	denominator = DatumGetNumeric(DirectFunctionCall2(numeric_div_trunc, NumericGetDatum(denominator),
													  NumericGetDatum(divisor)));

	ratio->kind = RATIO_FINITE;
	if (numeric_to_int64(numerator, &ratio->numerator) &&
		numeric_to_int64(denominator, &ratio->denominator))
		return;
	ratio->wide = true;
	ratio->wide_numerator = numerator;
	ratio->wide_denominator = denominator;
}

static Numeric
ratio_numerator_numeric(const ExactRatio *ratio)
{
	return ratio->wide ? ratio->wide_numerator : salesops_numeric_from_int64(ratio->numerator);
}

static Numeric
ratio_denominator_numeric(const ExactRatio *ratio)
{
	return ratio->wide ? ratio->wide_denominator : salesops_numeric_from_int64(ratio->denominator);
}

/* Compare two ratios in ORDER BY order of their values (NaN last). */
int
ratio_cmp(const ExactRatio *x, const ExactRatio *y)
{
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->kind != RATIO_FINITE)
		return 0;
	if (!x->wide && !y->wide)
		return fraction_cmp(x->numerator, x->denominator, y->numerator, y->denominator);
	return salesops_numeric_cmp(numeric_mul_opt_error(ratio_numerator_numeric(x),
													  ratio_denominator_numeric(y), NULL),
								numeric_mul_opt_error(ratio_numerator_numeric(y),
													  ratio_denominator_numeric(x), NULL));
}

int
ratio_qsort_cmp(const void *x, const void *y)
{
	return ratio_cmp((const ExactRatio *) x, (const ExactRatio *) y);
}

/* numerator / denominator (> 0) rounded once to float8, by exact_sum_ratio */
static float8
exact_quotient(Numeric numerator, Numeric denominator)
{
	ExactSum	n;
	ExactSum	d;
	bool		isnull;

	exact_sum_set_numeric(&n, numerator);
	exact_sum_set_numeric(&d, denominator);
	return exact_sum_ratio(&n, &d, &isnull);
}

float8
ratio_to_float8(const ExactRatio *ratio)
{
	ExactSum	n;
	ExactSum	d;
	bool		isnull;

	switch (ratio->kind)
	{
		case RATIO_NEG_INF:
			return -get_float8_infinity();
		case RATIO_POS_INF:
			return get_float8_infinity();
		case RATIO_NAN:
			return get_float8_nan();
		case RATIO_FINITE:
			break;
	}
	if (ratio->wide)
		return exact_quotient(ratio->wide_numerator, ratio->wide_denominator);
	exact_sum_init(&n);
	exact_sum_init(&d);
	n.core.scaled = ratio->numerator;
	d.core.scaled = ratio->denominator;
	return exact_sum_ratio(&n, &d, &isnull);
}

/*
 * (x + y) / 2 for x <= y, rounded once: the median of an even number of
 * ratios.  Infinities and NaN as in the extended reals (Inf and -Inf give
 * NaN, so does NaN with anything).
 */
float8
ratio_midpoint_float8(const ExactRatio *x, const ExactRatio *y)
{
	if (x->kind == RATIO_NAN || y->kind == RATIO_NAN ||
		(x->kind == RATIO_NEG_INF && y->kind == RATIO_POS_INF))
		return get_float8_nan();
	if (x->kind == RATIO_NEG_INF)
		return -get_float8_infinity();
	if (y->kind == RATIO_POS_INF)
		return get_float8_infinity();

	if (!x->wide && !y->wide)
	{
		/* |numerator| and denominator < 2^127: int128 holds them */
		int128		numerator = (int128) x->numerator * y->denominator +
			(int128) y->numerator * x->denominator;
		int128		denominator = 2 * (int128) x->denominator * y->denominator;

		return exact_quotient(scaled_int128_to_numeric(numerator, 0),
							  scaled_int128_to_numeric(denominator, 0));
	}
	return exact_quotient(numeric_add_opt_error(numeric_mul_opt_error(ratio_numerator_numeric(x),
																	   ratio_denominator_numeric(y), NULL),
												numeric_mul_opt_error(ratio_numerator_numeric(y),
																	  ratio_denominator_numeric(x), NULL),
												NULL),
						  numeric_mul_opt_error(salesops_numeric_from_int64(2),
												numeric_mul_opt_error(ratio_denominator_numeric(x),
																	  ratio_denominator_numeric(y), NULL),
												NULL));
}

/*
 * The text of a ratio: "NaN", "Infinity", "-Infinity", or "n/d" in lowest
 * terms ("n" when d is 1).
 */
void
ratio_append_text(StringInfo buf, const ExactRatio *ratio)
{
	switch (ratio->kind)
	{
		case RATIO_NEG_INF:
			appendStringInfoString(buf, "-Infinity");
			return;
		case RATIO_POS_INF:
			appendStringInfoString(buf, "Infinity");
			return;
		case RATIO_NAN:
			appendStringInfoString(buf, "NaN");
			return;
		case RATIO_FINITE:
			break;
	}
	if (ratio->wide)
	{
		/* wide ratios are made in lowest terms (ratio_from_int128, ratio_from_numerics) */
		const char *denominator = salesops_numeric_out(ratio->wide_denominator);

		appendStringInfoString(buf, salesops_numeric_out(ratio->wide_numerator));
		if (strcmp(denominator, "1") != 0)
			appendStringInfo(buf, "/%s", denominator);
	}
	else
	{
		int64		divisor = (int64) gcd_int128(ratio->numerator, ratio->denominator);
		int64		numerator = ratio->numerator / divisor;
		int64		denominator = ratio->denominator / divisor;

		if (denominator == 1)
			appendStringInfo(buf, INT64_FORMAT, numerator);
		else
			appendStringInfo(buf, INT64_FORMAT "/" INT64_FORMAT, numerator, denominator);
	}
}

/* An integer literal that fits int64, as strtoll reads it. */
static bool
parse_int64(const char *text, int64 *value)
{
	char	   *end;
	long long	parsed;

	if (!(isdigit((unsigned char) text[0]) || (text[0] == '-' && isdigit((unsigned char) text[1]))))
		return false;
	errno = 0;
	parsed = strtoll(text, &end, 10);
	if (errno != 0 || *end != '\0')
		return false;
	*value = (int64) parsed;
	return true;
}

/*
 * Read a ratio written by ratio_append_text (or any "achieved/quota" pair of
 * numeric literals with a positive quota); false when malformed.  'text' is
 * modified.
 */
bool
ratio_parse(char *text, ExactRatio *ratio)
{
	char	   *slash = strchr(text, '/');
	const char *denominator_text = "1";
	int64		numerator;
	int64		denominator;
	Numeric		quota;

	memset(ratio, 0, sizeof(ExactRatio));
	if (strcmp(text, "NaN") == 0)
		ratio->kind = RATIO_NAN;
	else if (strcmp(text, "Infinity") == 0)
		ratio->kind = RATIO_POS_INF;
	else if (strcmp(text, "-Infinity") == 0)
		ratio->kind = RATIO_NEG_INF;
	else
	{
		if (slash)
		{
			*slash = '\0';
			denominator_text = slash + 1;
		}
		/*
		 * PG_INT64_MIN cannot be a fixed-width numerator (it is negated): it
		 * is the wide ratio the output writes for achieved = -2^63, quota 1,
		 * so read it with numerics like any other wide ratio.
		 */
		if (parse_int64(text, &numerator) && parse_int64(denominator_text, &denominator) &&
			numerator != PG_INT64_MIN)
		{
			if (denominator <= 0)
				return false;
			ratio_set_fast(ratio, numerator, denominator);
			return true;
		}
		if (!is_numeric_literal(text) || !is_numeric_literal(denominator_text) ||
			strcmp(text, "NaN") == 0 || strstr(text, "Infinity") ||
			strcmp(denominator_text, "NaN") == 0 || strstr(denominator_text, "Infinity"))
			return false;
		quota = salesops_numeric_in(denominator_text);
		if (salesops_numeric_sign(quota) <= 0)
			return false;
		ratio_from_numerics(salesops_numeric_in(text), quota, ratio);
	}
	return true;
}


/* The text of a ratio, as ratio_append_text writes it. */
char *
ratio_text(const ExactRatio *ratio)
{
	StringInfoData buf;

	initStringInfo(&buf);
	ratio_append_text(&buf, ratio);
	return buf.data;
}
