/*
 * attainment.c
 *	  Quota attainment: the attainment summary type, its aggregate, rollup
 *	  and accessors (quota_attainment, pct_at_quota, reps, reps_at_quota,
 *	  median_attainment, total_achieved, total_quota, zero_quotas), the
 *	  one-step aggregates quota_attainment() and pct_at_quota(), and
 *	  attainment_by_rep(), which sums raw deal and quota rows per rep first.
 *
 * Input: one row per rep and period, (achieved, quota); kpi-definitions.md
 * section 4.  quota_attainment is the ratio of sums Σachieved / Σquota over
 * every row.  A row with quota 0 (a ramping rep) adds its achieved to the
 * numerator but has no ratio of its own.  The per-rep measures (reps,
 * reps_at_quota and pct_at_quota at any threshold, median_attainment) are
 * functions of the multiset of the ratios achieved / quota of the rows with
 * quota > 0, so the summary keeps those ratios, exactly:
 *
 *	- the two totals in ExactSumCore slots, as forecast.c does;
 *	- each ratio as a fraction of two int64 (16 bytes per rated row): a row
 *	  whose values read as scaled integers at a common scale s is
 *	  a/q = (a 10^s) / (q 10^s).  Comparisons cross-multiply in int128, so
 *	  "achieved >= threshold x quota" (with threshold::numeric) and the
 *	  median are exact, for any threshold asked after the fact;
 *	- a ratio that does not fit two int64 even in lowest terms (values of
 *	  more than 18 digits, or of very different scales), or the ratio of a
 *	  NaN or infinite achieved, as text after the fixed part ("wide"), read
 *	  with numeric arithmetic.
 *
 * Ratios are kept unsorted; the accessors count or sort a copy.  The text
 * form sorts them and writes each in lowest terms, so equal summaries print
 * equally whatever the row order or plan.
 *
 * The summary is its own transition state (a real type, so Citus can push
 * the aggregate down), updated in place in the aggregate context as core's
 * float8_accum does.  The ratio array has spare capacity that doubles when
 * full, so an append is amortized O(1).  A new summary and a grown copy are
 * made in the per-row context, and nodeAgg moves them into the aggregate
 * context (allocating them there would leave a dead copy behind).  The
 * final function of attainment() and rollup() trims the spare capacity, so
 * stored values carry none.
 */
#include "salesops.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/int.h"
#include "libpq/pqformat.h"
#include "utils/float.h"
#include "utils/fmgrprotos.h"
#include "utils/memutils.h"

PG_FUNCTION_INFO_V1(attainment_in);
PG_FUNCTION_INFO_V1(attainment_out);
PG_FUNCTION_INFO_V1(attainment_recv);
PG_FUNCTION_INFO_V1(attainment_send);
PG_FUNCTION_INFO_V1(attainment_trans);
PG_FUNCTION_INFO_V1(attainment_combine);
PG_FUNCTION_INFO_V1(attainment_final);
PG_FUNCTION_INFO_V1(attainment_quota_attainment);
PG_FUNCTION_INFO_V1(attainment_pct_at_quota);
PG_FUNCTION_INFO_V1(attainment_reps);
PG_FUNCTION_INFO_V1(attainment_reps_at_quota);
PG_FUNCTION_INFO_V1(attainment_median);
PG_FUNCTION_INFO_V1(attainment_total_achieved);
PG_FUNCTION_INFO_V1(attainment_total_quota);
PG_FUNCTION_INFO_V1(attainment_zero_quotas);
PG_FUNCTION_INFO_V1(quota_attainment_trans);
PG_FUNCTION_INFO_V1(pct_at_quota_trans);
PG_FUNCTION_INFO_V1(attainment_by_rep_trans);
PG_FUNCTION_INFO_V1(attainment_by_rep_combine);
PG_FUNCTION_INFO_V1(attainment_by_rep_serialize);
PG_FUNCTION_INFO_V1(attainment_by_rep_deserialize);
PG_FUNCTION_INFO_V1(attainment_by_rep_final);

#define ATTAINMENT_TYPE "attainment"

/* The two money totals, in storage and text order. */
typedef enum AttainmentSum
{
	SUM_ACHIEVED,				/* Σ achieved over every row */
	SUM_QUOTA,					/* Σ quota over every row */
	ATTAINMENT_SUMS
} AttainmentSum;

static const char *const attainment_sum_names[ATTAINMENT_SUMS] = {
	"total_achieved", "total_quota"
};

/* One rated row's achieved / quota, as a fraction (not necessarily in lowest terms). */
typedef struct AttainmentRatio
{
	int64		numerator;		/* > PG_INT64_MIN, so that it can be negated */
	int64		denominator;	/* > 0 */
} AttainmentRatio;

/*
 * The stored summary (ALIGNMENT = double; PostgreSQL's int128 is 8-aligned).
 * After ratio_capacity ratio slots comes the tail: the spill texts of the
 * sums whose bit is set in spill_mask (in sum order), then wide_count wide
 * ratio texts, all NUL-terminated.
 */
typedef struct AttainmentSummary
{
	int32		vl_len_;
	uint8		version;
	uint8		spill_mask;		/* bit i: sum i has a spill text in the tail */
	uint8		reserved[2];	/* zero */
	int64		zero_quotas;	/* rows with quota 0: in the totals, without a ratio */
	int64		ratio_count;	/* ratio slots in use */
	int64		ratio_capacity; /* ratio slots; > ratio_count only in a transition state */
	int64		wide_count;		/* ratios kept as text in the tail */
	ExactSumCore sums[ATTAINMENT_SUMS];
	AttainmentRatio ratios[FLEXIBLE_ARRAY_MEMBER];
} AttainmentSummary;

#define ATTAINMENT_HEADER_SIZE	offsetof(AttainmentSummary, ratios)
#define ATTAINMENT_TAIL(summary) \
	((char *) (summary)->ratios + (summary)->ratio_capacity * sizeof(AttainmentRatio))

/* Ratio slots of a new transition state: a team's reps without regrowing. */
#define ATTAINMENT_INITIAL_CAPACITY 8

/* Slots that fit one value (MaxAllocSize, 1 GB): about 67 million. */
#define ATTAINMENT_MAX_RATIOS \
	((int64) ((MaxAllocSize - ATTAINMENT_HEADER_SIZE) / sizeof(AttainmentRatio)))

#define PG_GETARG_ATTAINMENT(n) attainment_checked((AttainmentSummary *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

/*
 * A summary with its sums unpacked (spills read): for slow paths, I/O and
 * accessors.  The ratios and wide texts are not copied.
 */
typedef struct Attainment
{
	int64		zero_quotas;
	ExactSum	sums[ATTAINMENT_SUMS];
	int64		ratio_count;
	const AttainmentRatio *ratios;
	int64		wide_count;
	const char *wide_texts;		/* wide_count NUL-terminated texts, back to back */
	Size		wide_texts_len;
} Attainment;

/* ---------- exact ratios ---------- */

/*
 * The kinds of ratio, in the order ORDER BY sorts their float8 values:
 * NaN above everything, as PostgreSQL orders NaN.
 */
typedef enum RatioKind
{
	RATIO_NEG_INF,
	RATIO_FINITE,
	RATIO_POS_INF,
	RATIO_NAN
} RatioKind;

/*
 * A ratio being compared: a row's achieved / quota, or a threshold.  Finite
 * ratios are numerator / denominator with denominator > 0, in int64 or, when
 * wide, in integer numerics.
 */
typedef struct ExactRatio
{
	RatioKind	kind;
	bool		wide;
	int64		numerator;
	int64		denominator;
	Numeric		wide_numerator;
	Numeric		wide_denominator;
} ExactRatio;

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

static void
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
static void
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

/* achieved / quota of two scaled values (quota > 0): both at their common scale */
static void
ratio_from_scaled(ScaledValue achieved, ScaledValue quota, ExactRatio *ratio)
{
	int			scale = Max(achieved.scale, quota.scale);

	/* digits < 10^18, factors <= 10^18: the products stay below 10^36 */
	ratio_from_int128((int128) achieved.digits * scaled_powers_of_ten[scale - achieved.scale],
					  (int128) quota.digits * scaled_powers_of_ten[scale - quota.scale],
					  ratio);
}

static int
numeric_sign_of(Numeric value)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(value),
											 NumericGetDatum(int64_to_numeric(0))));
}

/* An integer numeric within +-PG_INT64_MAX as int64; false when it is wider. */
static bool
numeric_to_int64(Numeric value, int64 *result)
{
	Numeric		bound = int64_to_numeric(PG_INT64_MAX);
	Numeric		abs_value = DatumGetNumeric(DirectFunctionCall1(numeric_abs, NumericGetDatum(value)));

	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(abs_value),
										  NumericGetDatum(bound))) > 0)
		return false;
	*result = DatumGetInt64(DirectFunctionCall1(numeric_int8, NumericGetDatum(value)));
	return true;
}

/*
 * achieved / quota of two numerics (quota finite and > 0, achieved anything)
 * in lowest terms: int64 when it fits, else integer numerics.
 */
static void
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
		ratio->kind = numeric_sign_of(achieved) > 0 ? RATIO_POS_INF : RATIO_NEG_INF;
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
	return ratio->wide ? ratio->wide_numerator : int64_to_numeric(ratio->numerator);
}

static Numeric
ratio_denominator_numeric(const ExactRatio *ratio)
{
	return ratio->wide ? ratio->wide_denominator : int64_to_numeric(ratio->denominator);
}

/* Compare two fractions with positive denominators, exactly. */
static inline int
fraction_cmp(int64 numerator1, int64 denominator1, int64 numerator2, int64 denominator2)
{
	/* |products| < 2^126: no overflow */
	int128		left = (int128) numerator1 * denominator2;
	int128		right = (int128) numerator2 * denominator1;

	return (left > right) - (left < right);
}

/* Compare two ratios in ORDER BY order of their values (NaN last). */
static int
ratio_cmp(const ExactRatio *x, const ExactRatio *y)
{
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->kind != RATIO_FINITE)
		return 0;
	if (!x->wide && !y->wide)
		return fraction_cmp(x->numerator, x->denominator, y->numerator, y->denominator);
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp,
											 NumericGetDatum(numeric_mul_opt_error(ratio_numerator_numeric(x),
																				   ratio_denominator_numeric(y), NULL)),
											 NumericGetDatum(numeric_mul_opt_error(ratio_numerator_numeric(y),
																				   ratio_denominator_numeric(x), NULL))));
}

static int
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

static float8
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
static float8
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
						  numeric_mul_opt_error(int64_to_numeric(2),
												numeric_mul_opt_error(ratio_denominator_numeric(x),
																	  ratio_denominator_numeric(y), NULL),
												NULL));
}

/*
 * The text of a ratio: "NaN", "Infinity", "-Infinity", or "n/d" in lowest
 * terms ("n" when d is 1).
 */
static void
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
		appendStringInfoString(buf, salesops_numeric_out(ratio->wide_numerator));
		if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(ratio->wide_denominator),
											  NumericGetDatum(int64_to_numeric(1)))) != 0)
			appendStringInfo(buf, "/%s", salesops_numeric_out(ratio->wide_denominator));
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
static bool
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
		if (numeric_sign_of(quota) <= 0)
			return false;
		ratio_from_numerics(salesops_numeric_in(text), quota, ratio);
	}
	return true;
}

/* ---------- the stored summary ---------- */

/*
 * The cheap checks of a value from outside (a stored value, a combine
 * input): header fields consistent with the size.  attainment_unpack reads
 * the tail.
 */
static AttainmentSummary *
attainment_checked(AttainmentSummary *summary)
{
	Size		size = VARSIZE(summary);

	if (size < ATTAINMENT_HEADER_SIZE)
		summary_corrupt(ATTAINMENT_TYPE, "The value is shorter than its fixed part.");
	if (summary->version != SALESOPS_FORMAT_VERSION)
		summary_version_error(ATTAINMENT_TYPE, summary->version);
	if (summary->reserved[0] != 0 || summary->reserved[1] != 0 ||
		(summary->spill_mask & ~((1 << ATTAINMENT_SUMS) - 1)) != 0)
		summary_corrupt(ATTAINMENT_TYPE, "Reserved bits are set.");
	if (summary->zero_quotas < 0 || summary->ratio_count < 0 || summary->wide_count < 0 ||
		summary->ratio_count > summary->ratio_capacity ||
		summary->ratio_capacity > (int64) ((size - ATTAINMENT_HEADER_SIZE) / sizeof(AttainmentRatio)) ||
		summary->wide_count > (int64) (size - ATTAINMENT_HEADER_SIZE))
		summary_corrupt(ATTAINMENT_TYPE, "The ratio counts do not match the size of the value.");
	return summary;
}

static Size
attainment_tail_len(const AttainmentSummary *summary)
{
	return VARSIZE(summary) - (ATTAINMENT_TAIL(summary) - (const char *) summary);
}

static void
attainment_unpack(const AttainmentSummary *summary, Attainment *unpacked)
{
	const char *tail = ATTAINMENT_TAIL(summary);
	const char *end = (const char *) summary + VARSIZE(summary);

	memset(unpacked, 0, sizeof(Attainment));
	unpacked->zero_quotas = summary->zero_quotas;
	unpacked->ratio_count = summary->ratio_count;
	unpacked->ratios = summary->ratios;
	unpacked->wide_count = summary->wide_count;
	for (int i = 0; i < ATTAINMENT_SUMS; i++)
		unpacked->sums[i].core = summary->sums[i];
	tail = summary_spills_read(tail, end, summary->spill_mask, unpacked->sums, ATTAINMENT_SUMS,
							   ATTAINMENT_TYPE);
	unpacked->wide_texts = tail;
	for (int64 i = 0; i < summary->wide_count; i++)
	{
		Size		len = strnlen(tail, end - tail);

		if (tail + len >= end)
			summary_corrupt(ATTAINMENT_TYPE, "A wide ratio is not terminated.");
		tail += len + 1;
	}
	unpacked->wide_texts_len = tail - unpacked->wide_texts;
}

static void
attainment_too_large(void) pg_attribute_noreturn();

static void
attainment_too_large(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("attainment summary is too large"),
			 errdetail("A summary holds at most " INT64_FORMAT " rows with a quota.",
					   ATTAINMENT_MAX_RATIOS),
			 errhint("Summarize smaller groups, for example per team or per period, and combine their figures.")));
}

/*
 * Build a summary in 'context' from its parts, with 'capacity' ratio slots
 * (at least unpacked->ratio_count + extra_ratios) and, when given, one more
 * ratio or wide text appended.
 */
static AttainmentSummary *
attainment_pack(const Attainment *unpacked, int64 capacity, const AttainmentRatio *extra_ratio,
				const char *extra_wide_text, MemoryContext context)
{
	char	   *spill_text[ATTAINMENT_SUMS];
	Size		spills_len = summary_spills_size(unpacked->sums, ATTAINMENT_SUMS, spill_text);
	Size		tail_len = spills_len + unpacked->wide_texts_len;
	Size		size;
	AttainmentSummary *summary;
	char	   *tail;

	if (extra_wide_text)
		tail_len += strlen(extra_wide_text) + 1;
	capacity = Max(capacity, unpacked->ratio_count + (extra_ratio ? 1 : 0));
	if (capacity > ATTAINMENT_MAX_RATIOS ||
		tail_len > MaxAllocSize - ATTAINMENT_HEADER_SIZE - capacity * sizeof(AttainmentRatio))
		attainment_too_large();
	size = ATTAINMENT_HEADER_SIZE + capacity * sizeof(AttainmentRatio) + tail_len;

	summary = MemoryContextAllocZero(context, size);
	SET_VARSIZE(summary, size);
	summary->version = SALESOPS_FORMAT_VERSION;
	summary->zero_quotas = unpacked->zero_quotas;
	summary->ratio_count = unpacked->ratio_count;
	summary->ratio_capacity = capacity;
	summary->wide_count = unpacked->wide_count;
	if (unpacked->ratio_count > 0)
		memcpy(summary->ratios, unpacked->ratios, unpacked->ratio_count * sizeof(AttainmentRatio));
	if (extra_ratio)
		summary->ratios[summary->ratio_count++] = *extra_ratio;

	for (int i = 0; i < ATTAINMENT_SUMS; i++)
		summary->sums[i] = unpacked->sums[i].core;
	tail = ATTAINMENT_TAIL(summary);
	summary->spill_mask = summary_spills_write(tail, spill_text, ATTAINMENT_SUMS);
	tail += spills_len;
	if (unpacked->wide_texts_len > 0)
		memcpy(tail, unpacked->wide_texts, unpacked->wide_texts_len);
	tail += unpacked->wide_texts_len;
	if (extra_wide_text)
	{
		strcpy(tail, extra_wide_text);
		summary->wide_count++;
	}
	return summary;
}

/*
 * A writable summary (summary_writable), checked in place too: rollup's
 * state starts as a copy of a stored value.
 */
#define attainment_writable(fcinfo, argno) \
	attainment_checked((AttainmentSummary *) summary_writable(fcinfo, argno))

/*
 * A new, empty summary.  Made in the current (per-row) context: nodeAgg
 * copies a new by-reference state into the aggregate context itself, so
 * allocating it there too would leave a dead copy per group.
 */
static AttainmentSummary *
attainment_new(void)
{
	Attainment	empty;

	memset(&empty, 0, sizeof(empty));
	return attainment_pack(&empty, ATTAINMENT_INITIAL_CAPACITY, NULL, NULL, CurrentMemoryContext);
}

/*
 * Room for 'extra' more ratios: the same summary when it has the slots,
 * else a copy with twice the capacity (or what is needed), in the current
 * (per-row) context; nodeAgg moves it into the aggregate context.
 */
static AttainmentSummary *
attainment_reserve(AttainmentSummary *summary, int64 extra)
{
	int64		needed = summary->ratio_count + extra;
	int64		capacity;
	Size		tail_len;
	Size		size;
	AttainmentSummary *grown;

	if (needed <= summary->ratio_capacity)
		return summary;
	if (needed > ATTAINMENT_MAX_RATIOS)
		attainment_too_large();
	capacity = Max(Min(2 * summary->ratio_capacity, ATTAINMENT_MAX_RATIOS),
				   Max(needed, ATTAINMENT_INITIAL_CAPACITY));
	tail_len = attainment_tail_len(summary);
	if (tail_len > MaxAllocSize - ATTAINMENT_HEADER_SIZE - capacity * sizeof(AttainmentRatio))
		attainment_too_large();
	size = ATTAINMENT_HEADER_SIZE + capacity * sizeof(AttainmentRatio) + tail_len;

	grown = palloc(size);
	memcpy(grown, summary, ATTAINMENT_HEADER_SIZE + summary->ratio_count * sizeof(AttainmentRatio));
	SET_VARSIZE(grown, size);
	grown->ratio_capacity = capacity;
	memset(grown->ratios + grown->ratio_count, 0,
		   (capacity - grown->ratio_count) * sizeof(AttainmentRatio));
	memcpy(ATTAINMENT_TAIL(grown), ATTAINMENT_TAIL(summary), tail_len);
	return grown;
}

/* ---------- reading rows ---------- */

static void
quota_out_of_range(Datum quota) pg_attribute_noreturn();

static void
quota_out_of_range(Datum quota)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("quota \"%s\" is out of range", salesops_numeric_out(DatumGetNumeric(quota))),
			 errdetail("A quota is a finite amount of zero or more."),
			 errhint("Give a rep without a quota a NULL quota, which skips the row, and a ramping rep a quota of 0.")));
}

/*
 * Classify a quota, checking it (negative, NaN or infinite is an error).
 * Returns whether it is positive: whether the row has a ratio.
 */
static bool
quota_read(Datum quota, NumericClass *class, ScaledValue *scaled)
{
	*class = numeric_classify(quota, scaled);
	if (*class == NUMERIC_CLASS_SCALED)
	{
		if (scaled->digits < 0)
			quota_out_of_range(quota);
		return scaled->digits > 0;
	}
	if (*class == NUMERIC_CLASS_WIDE)
	{
		int			sign = numeric_sign_of(DatumGetNumeric(quota));

		if (sign >= 0)
			return sign > 0;	/* a wide zero has more than 18 decimals */
	}
	quota_out_of_range(quota);
}

/* One (achieved, quota) row, read once. */
typedef struct AttainmentRow
{
	NumericClass achieved_class;
	ScaledValue achieved;
	NumericClass quota_class;
	ScaledValue quota;
	bool		rated;			/* quota > 0: the row has a ratio */
	ExactRatio	ratio;
} AttainmentRow;

static void
attainment_read_row(Datum achieved, Datum quota, AttainmentRow *row)
{
	row->rated = quota_read(quota, &row->quota_class, &row->quota);
	row->achieved_class = numeric_classify(achieved, &row->achieved);
	if (!row->rated)
		return;
	if (row->achieved_class == NUMERIC_CLASS_SCALED && row->quota_class == NUMERIC_CLASS_SCALED)
		ratio_from_scaled(row->achieved, row->quota, &row->ratio);
	else
		ratio_from_numerics(DatumGetNumeric(achieved), DatumGetNumeric(quota), &row->ratio);
}

/* A threshold as threshold::numeric reads it, checked. */
static void
threshold_read(FunctionCallInfo fcinfo, float8 threshold, ExactRatio *ratio)
{
	ScaledValue scaled;

	/* written so that NaN fails too */
	if (!(threshold >= 0.0) || isinf(threshold))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("attainment threshold \"%s\" is out of range", float8out_internal(threshold)),
				 errdetail("A threshold is a finite fraction of quota, zero or more."),
				 errhint("Write 1.0 for 100 %% of quota, 0.9 for 90 %%.")));
	if (float8_classify_numeric(fcinfo, threshold, &scaled) == NUMERIC_CLASS_SCALED)
		ratio_set_fast(ratio, scaled.digits, scaled_powers_of_ten[scaled.scale]);
	else
		ratio_from_numerics(DatumGetNumeric(DirectFunctionCall1(float8_numeric, Float8GetDatum(threshold))),
							int64_to_numeric(1), ratio);
}

/* The text of a ratio kept wide. */
static char *
ratio_wide_text(const ExactRatio *ratio)
{
	StringInfoData buf;

	initStringInfo(&buf);
	ratio_append_text(&buf, ratio);
	return buf.data;
}

/*
 * Add a row the slow way: sums with spills or special values, or a wide
 * ratio.  The new summary is made in the current (per-row) context.
 */
static AttainmentSummary *
attainment_add_row_slow(AttainmentSummary *summary, Datum achieved, Datum quota,
						const AttainmentRow *row)
{
	Attainment	unpacked;
	AttainmentRatio ratio;
	bool		fast_ratio = row->rated && row->ratio.kind == RATIO_FINITE && !row->ratio.wide;
	int64		capacity = summary->ratio_capacity;

	attainment_unpack(summary, &unpacked);
	exact_sum_add_datum(&unpacked.sums[SUM_ACHIEVED], achieved, CurrentMemoryContext);
	exact_sum_add_datum(&unpacked.sums[SUM_QUOTA], quota, CurrentMemoryContext);
	if (!row->rated)
		unpacked.zero_quotas++;
	if (fast_ratio)
	{
		ratio.numerator = row->ratio.numerator;
		ratio.denominator = row->ratio.denominator;
		if (unpacked.ratio_count == capacity)
			capacity = Min(2 * capacity, ATTAINMENT_MAX_RATIOS);
	}
	return attainment_pack(&unpacked, capacity, fast_ratio ? &ratio : NULL,
						   row->rated && !fast_ratio ? ratio_wide_text(&row->ratio) : NULL,
						   CurrentMemoryContext);
}

/* Add one row; the hot path updates the summary in place. */
static AttainmentSummary *
attainment_add_row(AttainmentSummary *summary, Datum achieved, Datum quota)
{
	AttainmentRow row;

	attainment_read_row(achieved, quota, &row);
	if (row.achieved_class == NUMERIC_CLASS_SCALED && row.quota_class == NUMERIC_CLASS_SCALED &&
		(!row.rated || !row.ratio.wide))
	{
		ExactSumCore achieved_sum = summary->sums[SUM_ACHIEVED];
		ExactSumCore quota_sum = summary->sums[SUM_QUOTA];

		if (exact_core_add_scaled(&achieved_sum, row.achieved.digits, row.achieved.scale) &&
			exact_core_add_scaled(&quota_sum, row.quota.digits, row.quota.scale))
		{
			if (row.rated)
			{
				summary = attainment_reserve(summary, 1);
				summary->ratios[summary->ratio_count].numerator = row.ratio.numerator;
				summary->ratios[summary->ratio_count].denominator = row.ratio.denominator;
				summary->ratio_count++;
			}
			else
				summary->zero_quotas++;
			summary->sums[SUM_ACHIEVED] = achieved_sum;
			summary->sums[SUM_QUOTA] = quota_sum;
			return summary;
		}
	}
	return attainment_add_row_slow(summary, achieved, quota, &row);
}

/* ---------- aggregate support ---------- */

/* attainment(achieved numeric, quota numeric) transition; NULL rows skipped */
Datum
attainment_trans(PG_FUNCTION_ARGS)
{
	AttainmentSummary *summary;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	summary = PG_ARGISNULL(0) ? attainment_new() : attainment_writable(fcinfo, 0);
	PG_RETURN_POINTER(attainment_add_row(summary, PG_GETARG_DATUM(1), PG_GETARG_DATUM(2)));
}

/* Merge the slow way: spills or wide ratios on either side. */
static AttainmentSummary *
attainment_merge_slow(AttainmentSummary *into, const AttainmentSummary *from)
{
	Attainment	merged;
	Attainment	other;
	AttainmentRatio *ratios;
	char	   *wide_texts;

	attainment_unpack(into, &merged);
	attainment_unpack(from, &other);
	if (merged.ratio_count + other.ratio_count > ATTAINMENT_MAX_RATIOS)
		attainment_too_large();
	merged.zero_quotas = summary_add_counts(merged.zero_quotas, other.zero_quotas, ATTAINMENT_TYPE);
	for (int i = 0; i < ATTAINMENT_SUMS; i++)
		exact_sum_merge(&merged.sums[i], &other.sums[i], CurrentMemoryContext);

	ratios = palloc_extended((merged.ratio_count + other.ratio_count + 1) * sizeof(AttainmentRatio),
							 MCXT_ALLOC_HUGE);
	memcpy(ratios, merged.ratios, merged.ratio_count * sizeof(AttainmentRatio));
	memcpy(ratios + merged.ratio_count, other.ratios, other.ratio_count * sizeof(AttainmentRatio));
	merged.ratios = ratios;
	merged.ratio_count += other.ratio_count;

	wide_texts = palloc_extended(merged.wide_texts_len + other.wide_texts_len + 1, MCXT_ALLOC_HUGE);
	memcpy(wide_texts, merged.wide_texts, merged.wide_texts_len);
	memcpy(wide_texts + merged.wide_texts_len, other.wide_texts, other.wide_texts_len);
	merged.wide_texts = wide_texts;
	merged.wide_texts_len += other.wide_texts_len;
	merged.wide_count += other.wide_count;

	return attainment_pack(&merged, Max(into->ratio_capacity, merged.ratio_count), NULL, NULL,
						   CurrentMemoryContext);
}

/*
 * Merge two summaries: rollup's transition function and the combine function
 * of every attainment aggregate (STRICT; the first is the aggregate's own
 * state).
 */
Datum
attainment_combine(PG_FUNCTION_ARGS)
{
	AttainmentSummary *into = attainment_writable(fcinfo, 0);
	AttainmentSummary *from = PG_GETARG_ATTAINMENT(1);
	ExactSumCore merged[ATTAINMENT_SUMS];
	int64		zero_quotas;
	bool		fast = from->spill_mask == 0 && from->wide_count == 0;

	/*
	 * The sums first, on copies: a sum that leaves the core sends everything
	 * to the slow path.  (A spill of 'into' stays where it is.)
	 */
	for (int i = 0; i < ATTAINMENT_SUMS && fast; i++)
	{
		merged[i] = into->sums[i];
		merged[i].nan_count = summary_add_counts(merged[i].nan_count, from->sums[i].nan_count, ATTAINMENT_TYPE);
		merged[i].pinf_count = summary_add_counts(merged[i].pinf_count, from->sums[i].pinf_count, ATTAINMENT_TYPE);
		merged[i].ninf_count = summary_add_counts(merged[i].ninf_count, from->sums[i].ninf_count, ATTAINMENT_TYPE);
		fast = exact_core_add_scaled(&merged[i], from->sums[i].scaled, from->sums[i].scale);
	}
	if (!fast)
		PG_RETURN_POINTER(attainment_merge_slow(into, from));

	zero_quotas = summary_add_counts(into->zero_quotas, from->zero_quotas, ATTAINMENT_TYPE);
	into = attainment_reserve(into, from->ratio_count);
	memcpy(into->ratios + into->ratio_count, from->ratios, from->ratio_count * sizeof(AttainmentRatio));
	into->ratio_count += from->ratio_count;
	into->zero_quotas = zero_quotas;
	memcpy(into->sums, merged, sizeof(merged));
	PG_RETURN_POINTER(into);
}

/*
 * Final function of attainment() and rollup(): the summary without the
 * spare ratio slots of the transition state (read-only: a trimmed copy).
 */
Datum
attainment_final(PG_FUNCTION_ARGS)
{
	AttainmentSummary *summary = PG_GETARG_ATTAINMENT(0);
	Size		tail_len;
	Size		size;
	AttainmentSummary *trimmed;

	if (summary->ratio_capacity == summary->ratio_count)
		PG_RETURN_POINTER(summary);
	tail_len = attainment_tail_len(summary);
	size = ATTAINMENT_HEADER_SIZE + summary->ratio_count * sizeof(AttainmentRatio) + tail_len;
	trimmed = palloc(size);
	memcpy(trimmed, summary, ATTAINMENT_HEADER_SIZE + summary->ratio_count * sizeof(AttainmentRatio));
	SET_VARSIZE(trimmed, size);
	trimmed->ratio_capacity = summary->ratio_count;
	memcpy(ATTAINMENT_TAIL(trimmed), ATTAINMENT_TAIL(summary), tail_len);
	PG_RETURN_POINTER(trimmed);
}

/* ---------- reading the ratios of a summary ---------- */

/* Every ratio of a summary, fixed-width ones and wide ones, unsorted. */
static ExactRatio *
attainment_all_ratios(const Attainment *unpacked, int64 *count)
{
	int64		total = unpacked->ratio_count + unpacked->wide_count;
	ExactRatio *ratios = palloc_extended(Max(total, 1) * sizeof(ExactRatio), MCXT_ALLOC_HUGE);
	const char *text = unpacked->wide_texts;

	for (int64 i = 0; i < unpacked->ratio_count; i++)
		ratio_set_fast(&ratios[i], unpacked->ratios[i].numerator, unpacked->ratios[i].denominator);
	for (int64 i = 0; i < unpacked->wide_count; i++)
	{
		char	   *copy = pstrdup(text);

		if (!ratio_parse(copy, &ratios[unpacked->ratio_count + i]))
			summary_corrupt(ATTAINMENT_TYPE, psprintf("Invalid wide ratio \"%s\".", text));
		text += strlen(text) + 1;
	}
	*count = total;
	return ratios;
}

/* Ratios >= threshold: the rows with achieved >= threshold x quota. */
static int64
attainment_count_at_threshold(const Attainment *unpacked, const ExactRatio *threshold)
{
	int64		count = 0;
	const char *text = unpacked->wide_texts;

	if (!threshold->wide)
	{
		for (int64 i = 0; i < unpacked->ratio_count; i++)
			if (fraction_cmp(unpacked->ratios[i].numerator, unpacked->ratios[i].denominator,
							 threshold->numerator, threshold->denominator) >= 0)
				count++;
	}
	else
	{
		for (int64 i = 0; i < unpacked->ratio_count; i++)
		{
			ExactRatio	ratio;

			ratio_set_fast(&ratio, unpacked->ratios[i].numerator, unpacked->ratios[i].denominator);
			if (ratio_cmp(&ratio, threshold) >= 0)
				count++;
		}
	}
	for (int64 i = 0; i < unpacked->wide_count; i++)
	{
		char	   *copy = pstrdup(text);
		ExactRatio	ratio;

		if (!ratio_parse(copy, &ratio))
			summary_corrupt(ATTAINMENT_TYPE, psprintf("Invalid wide ratio \"%s\".", text));
		if (ratio_cmp(&ratio, threshold) >= 0)
			count++;
		text += strlen(text) + 1;
	}
	return count;
}

/* ---------- text and binary I/O ---------- */

Datum
attainment_out(PG_FUNCTION_ARGS)
{
	AttainmentSummary *summary = PG_GETARG_ATTAINMENT(0);
	Attainment	unpacked;
	ExactRatio *ratios;
	int64		count;
	StringInfoData buf;

	attainment_unpack(summary, &unpacked);
	ratios = attainment_all_ratios(&unpacked, &count);
	qsort(ratios, count, sizeof(ExactRatio), ratio_qsort_cmp);

	initStringInfo(&buf);
	appendStringInfo(&buf, "v%d reps=" INT64_FORMAT " zero_quotas=" INT64_FORMAT,
					 SALESOPS_FORMAT_VERSION, count, unpacked.zero_quotas);
	for (int i = 0; i < ATTAINMENT_SUMS; i++)
		summary_append_exact(&buf, attainment_sum_names[i], &unpacked.sums[i]);
	appendStringInfoString(&buf, " ratios={");
	for (int64 i = 0; i < count; i++)
	{
		if (i > 0)
			appendStringInfoChar(&buf, ',');
		ratio_append_text(&buf, &ratios[i]);
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

/*
 * Parts of a summary read from its text or binary form: sums, zero quotas,
 * and the ratios sorted into fixed-width ones and wide texts.
 */
typedef struct AttainmentInput
{
	Attainment	parts;
	AttainmentRatio *ratios;
	int64		ratios_allocated;
	StringInfoData wide_texts;
	bool		nonfinite_ratio;
} AttainmentInput;

static void
attainment_input_init(AttainmentInput *input, int64 expected_ratios)
{
	memset(input, 0, sizeof(AttainmentInput));
	input->ratios_allocated = Max(expected_ratios, 1);
	input->ratios = palloc_extended(input->ratios_allocated * sizeof(AttainmentRatio), MCXT_ALLOC_HUGE);
	initStringInfo(&input->wide_texts);
}

/* Add one ratio read back: int64 when it fits (in lowest terms if need be), else wide. */
static void
attainment_input_add(AttainmentInput *input, const ExactRatio *ratio)
{
	if (ratio->kind == RATIO_FINITE && !ratio->wide)
	{
		if (input->parts.ratio_count >= ATTAINMENT_MAX_RATIOS)
			attainment_too_large();
		if (input->parts.ratio_count == input->ratios_allocated)
		{
			input->ratios_allocated = Min(2 * input->ratios_allocated, ATTAINMENT_MAX_RATIOS);
			input->ratios = repalloc_huge(input->ratios, input->ratios_allocated * sizeof(AttainmentRatio));
		}
		input->ratios[input->parts.ratio_count].numerator = ratio->numerator;
		input->ratios[input->parts.ratio_count].denominator = ratio->denominator;
		input->parts.ratio_count++;
		return;
	}
	if (ratio->kind != RATIO_FINITE)
		input->nonfinite_ratio = true;
	ratio_append_text(&input->wide_texts, ratio);
	appendStringInfoChar(&input->wide_texts, '\0');
	input->parts.wide_count++;
}

/* Checks shared by text and binary input: what no aggregate can produce. */
static AttainmentSummary *
attainment_input_finish(AttainmentInput *input, int64 reps, const char *text)
{
	Attainment *parts = &input->parts;
	const ExactSum *quota = &parts->sums[SUM_QUOTA];
	const ExactSum *achieved = &parts->sums[SUM_ACHIEVED];
	int64		rated = parts->ratio_count + parts->wide_count;
	const char *problem = NULL;
	int			quota_sign = 0;

	if (quota->core.nan_count == 0 && quota->core.pinf_count == 0 && quota->core.ninf_count == 0)
		quota_sign = numeric_sign_of(exact_sum_result(quota));
	if (rated != reps)
		problem = psprintf("\"reps\" is " INT64_FORMAT " but " INT64_FORMAT " ratios follow.", reps, rated);
	else if (rated == 0 && parts->zero_quotas == 0)	/* no sum: each may be near 2^63 */
		problem = "A summary covers at least one row.";
	else if (quota->core.nan_count > 0 || quota->core.pinf_count > 0 || quota->core.ninf_count > 0 ||
			 quota_sign < 0)
		problem = "\"total_quota\" must be a finite amount of zero or more.";
	else if ((quota_sign > 0) != (rated > 0))
		problem = "\"total_quota\" is positive exactly when there are ratios.";
	else if (input->nonfinite_ratio &&
			 achieved->core.nan_count == 0 && achieved->core.pinf_count == 0 && achieved->core.ninf_count == 0)
		problem = "A NaN or infinite ratio needs a NaN or infinite \"total_achieved\".";
	if (problem)
	{
		if (text)
			summary_bad_text(ATTAINMENT_TYPE, text, problem);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary attainment value"),
				 errdetail("%s", problem)));
	}
	parts->ratios = input->ratios;
	parts->wide_texts = input->wide_texts.data;
	parts->wide_texts_len = input->wide_texts.len;
	return attainment_pack(parts, parts->ratio_count, NULL, NULL, CurrentMemoryContext);
}

Datum
attainment_in(PG_FUNCTION_ARGS)
{
	char	   *text = PG_GETARG_CSTRING(0);
	char	   *cursor = summary_text_begin(pstrdup(text), ATTAINMENT_TYPE, text);
	AttainmentInput input;
	int64		reps;
	int64		zero_quotas;
	char	   *list;
	Size		list_len;

	reps = summary_parse_count(summary_next_value(&cursor, "reps", ATTAINMENT_TYPE, text),
							   "reps", ATTAINMENT_TYPE, text);
	zero_quotas = summary_parse_count(summary_next_value(&cursor, "zero_quotas", ATTAINMENT_TYPE, text),
									  "zero_quotas", ATTAINMENT_TYPE, text);
	attainment_input_init(&input, Min(reps, 1024));
	input.parts.zero_quotas = zero_quotas;
	for (int i = 0; i < ATTAINMENT_SUMS; i++)
	{
		char	   *value = summary_next_value(&cursor, attainment_sum_names[i], ATTAINMENT_TYPE, text);

		if (!summary_parse_exact(value, &input.parts.sums[i]))
			summary_bad_text(ATTAINMENT_TYPE, text, psprintf("\"%s\" must be a number.", attainment_sum_names[i]));
	}
	list = summary_next_value(&cursor, "ratios", ATTAINMENT_TYPE, text);
	if (*cursor != '\0')
		summary_bad_text(ATTAINMENT_TYPE, text,
						 psprintf("Unexpected text after the last field: \"%s\".", cursor));

	list_len = strlen(list);
	if (list[0] != '{' || list[list_len - 1] != '}' || list_len < 2)
		summary_bad_text(ATTAINMENT_TYPE, text, "\"ratios\" must be a list in braces, as in \"{1/2,3/4}\".");
	list[list_len - 1] = '\0';
	list++;
	while (*list != '\0')
	{
		char	   *comma = strchr(list, ',');
		char	   *token = list;
		ExactRatio	ratio;

		if (comma)
			*comma = '\0';
		list = comma ? comma + 1 : token + strlen(token);
		if (!ratio_parse(pstrdup(token), &ratio))
			summary_bad_text(ATTAINMENT_TYPE, text,
							 psprintf("Ratio \"%s\" is not a number or a fraction with a positive denominator.", token));
		attainment_input_add(&input, &ratio);
		if (comma && *list == '\0')
			summary_bad_text(ATTAINMENT_TYPE, text, "\"ratios\" ends with a comma.");
	}
	PG_RETURN_POINTER(attainment_input_finish(&input, reps, text));
}

/*
 * Binary form: version byte, zero_quotas, the two totals as numeric text,
 * then the fixed-width ratios (count, then numerator and denominator each),
 * then the wide ratios (count, then each as text).
 */
Datum
attainment_send(PG_FUNCTION_ARGS)
{
	AttainmentSummary *summary = PG_GETARG_ATTAINMENT(0);
	Attainment	unpacked;
	StringInfoData buf;
	const char *text;

	attainment_unpack(summary, &unpacked);
	salesops_begin_state(&buf);
	pq_sendint64(&buf, unpacked.zero_quotas);
	for (int i = 0; i < ATTAINMENT_SUMS; i++)
		summary_send_exact(&buf, &unpacked.sums[i]);
	pq_sendint64(&buf, unpacked.ratio_count);
	for (int64 i = 0; i < unpacked.ratio_count; i++)
	{
		pq_sendint64(&buf, unpacked.ratios[i].numerator);
		pq_sendint64(&buf, unpacked.ratios[i].denominator);
	}
	pq_sendint64(&buf, unpacked.wide_count);
	text = unpacked.wide_texts;
	for (int64 i = 0; i < unpacked.wide_count; i++)
	{
		pq_sendstring(&buf, text);
		text += strlen(text) + 1;
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static void
attainment_bad_binary(const char *detail) pg_attribute_noreturn();

static void
attainment_bad_binary(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary attainment value"),
			 errdetail("%s", detail)));
}

Datum
attainment_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	AttainmentInput input;
	int			version = pq_getmsgbyte(buf);
	int64		zero_quotas;
	int64		count;

	if (version != SALESOPS_FORMAT_VERSION)
		summary_version_error(ATTAINMENT_TYPE, version);
	zero_quotas = pq_getmsgint64(buf);
	if (zero_quotas < 0)
		attainment_bad_binary("\"zero_quotas\" must be a non-negative integer.");
	attainment_input_init(&input, 0);
	input.parts.zero_quotas = zero_quotas;
	for (int i = 0; i < ATTAINMENT_SUMS; i++)
	{
		if (!summary_parse_exact(pq_getmsgstring(buf), &input.parts.sums[i]))
			attainment_bad_binary(psprintf("\"%s\" must be a number.", attainment_sum_names[i]));
	}

	/* counts are checked against the bytes left before anything is allocated */
	count = pq_getmsgint64(buf);
	if (count < 0 || count > (buf->len - buf->cursor) / (int64) (2 * sizeof(int64)))
		attainment_bad_binary("The ratio count does not match the length of the value.");
	for (int64 i = 0; i < count; i++)
	{
		ExactRatio	ratio;
		int64		numerator = pq_getmsgint64(buf);
		int64		denominator = pq_getmsgint64(buf);

		if (denominator <= 0 || numerator == PG_INT64_MIN)
			attainment_bad_binary("A ratio needs a positive denominator.");
		ratio_set_fast(&ratio, numerator, denominator);
		attainment_input_add(&input, &ratio);
	}
	count = pq_getmsgint64(buf);
	if (count < 0 || count > buf->len - buf->cursor)
		attainment_bad_binary("The wide ratio count does not match the length of the value.");
	for (int64 i = 0; i < count; i++)
	{
		const char *text = pq_getmsgstring(buf);
		ExactRatio	ratio;

		if (!ratio_parse(pstrdup(text), &ratio))
			attainment_bad_binary(psprintf("Ratio \"%s\" is not a number or a fraction with a positive denominator.", text));
		attainment_input_add(&input, &ratio);
	}
	PG_RETURN_POINTER(attainment_input_finish(&input, input.parts.ratio_count + input.parts.wide_count, NULL));
}

/* ---------- accessors ---------- */

/* Σ achieved / Σ quota; NULL when Σ quota = 0 (NaN first) */
Datum
attainment_quota_attainment(PG_FUNCTION_ARGS)
{
	Attainment	unpacked;
	bool		isnull;
	float8		ratio;

	attainment_unpack(PG_GETARG_ATTAINMENT(0), &unpacked);
	ratio = exact_sum_ratio(&unpacked.sums[SUM_ACHIEVED], &unpacked.sums[SUM_QUOTA], &isnull);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(ratio);
}

/* rows with quota > 0 */
Datum
attainment_reps(PG_FUNCTION_ARGS)
{
	AttainmentSummary *summary = PG_GETARG_ATTAINMENT(0);

	PG_RETURN_INT64(summary->ratio_count + summary->wide_count);
}

Datum
attainment_zero_quotas(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_ATTAINMENT(0)->zero_quotas);
}

static int64
attainment_reps_at(FunctionCallInfo fcinfo, const Attainment *unpacked)
{
	ExactRatio	threshold;

	threshold_read(fcinfo, PG_GETARG_FLOAT8(1), &threshold);
	return attainment_count_at_threshold(unpacked, &threshold);
}

/* rows with achieved >= threshold x quota (threshold DEFAULT 1.0) */
Datum
attainment_reps_at_quota(PG_FUNCTION_ARGS)
{
	Attainment	unpacked;

	attainment_unpack(PG_GETARG_ATTAINMENT(0), &unpacked);
	PG_RETURN_INT64(attainment_reps_at(fcinfo, &unpacked));
}

/* reps_at_quota / reps; NULL without rated rows */
Datum
attainment_pct_at_quota(PG_FUNCTION_ARGS)
{
	Attainment	unpacked;
	int64		reps;
	int64		at_quota;

	attainment_unpack(PG_GETARG_ATTAINMENT(0), &unpacked);
	at_quota = attainment_reps_at(fcinfo, &unpacked);
	reps = unpacked.ratio_count + unpacked.wide_count;
	if (reps == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((float8) at_quota / (float8) reps);
}

/*
 * Median of achieved / quota over the rated rows, as percentile_cont(0.5):
 * the middle ratio, or the mean of the two middle ones, computed exactly
 * and rounded once.  NULL without rated rows.
 */
Datum
attainment_median(PG_FUNCTION_ARGS)
{
	Attainment	unpacked;
	ExactRatio *ratios;
	int64		count;

	attainment_unpack(PG_GETARG_ATTAINMENT(0), &unpacked);
	ratios = attainment_all_ratios(&unpacked, &count);
	if (count == 0)
		PG_RETURN_NULL();
	qsort(ratios, count, sizeof(ExactRatio), ratio_qsort_cmp);
	if (count % 2 == 1)
		PG_RETURN_FLOAT8(ratio_to_float8(&ratios[count / 2]));
	PG_RETURN_FLOAT8(ratio_midpoint_float8(&ratios[count / 2 - 1], &ratios[count / 2]));
}

Datum
attainment_total_achieved(PG_FUNCTION_ARGS)
{
	Attainment	unpacked;

	attainment_unpack(PG_GETARG_ATTAINMENT(0), &unpacked);
	PG_RETURN_NUMERIC(exact_sum_result(&unpacked.sums[SUM_ACHIEVED]));
}

Datum
attainment_total_quota(PG_FUNCTION_ARGS)
{
	Attainment	unpacked;

	attainment_unpack(PG_GETARG_ATTAINMENT(0), &unpacked);
	PG_RETURN_NUMERIC(exact_sum_result(&unpacked.sums[SUM_QUOTA]));
}

/* ---------- one-step aggregates ---------- */

/*
 * quota_attainment(achieved numeric, quota numeric) transition: the two
 * exact sums of value_win_rate(boolean, numeric)'s state, whose combine,
 * serialize, deserialize and final functions it shares (win_rate.c).  The
 * ratios are not kept: this aggregate does not need them.
 */
Datum
quota_attainment_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = salesops_aggcontext(fcinfo, "quota_attainment_trans");
	ExactRatioState *state = PG_ARGISNULL(0) ? NULL : (ExactRatioState *) PG_GETARG_POINTER(0);

	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(2))
	{
		NumericClass quota_class;
		ScaledValue quota;

		(void) quota_read(PG_GETARG_DATUM(2), &quota_class, &quota);
		if (state == NULL)
			state = exact_ratio_state_new(aggcontext);
		exact_sum_add_datum(&state->numerator, PG_GETARG_DATUM(1), aggcontext);
		if (quota_class == NUMERIC_CLASS_SCALED)
			exact_sum_add_scaled(&state->denominator, quota.digits, quota.scale, aggcontext);
		else
			exact_sum_add_numeric(&state->denominator, PG_GETARG_NUMERIC(2), aggcontext);
	}
	if (state == NULL)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(state);
}

/* Element indexes of pct_at_quota's state, those of win_rate's {won, closed}. */
#define AT_QUOTA	0
#define RATED		1

/*
 * pct_at_quota(achieved numeric, quota numeric [, threshold float8])
 * transition: STRICT with INITCOND '{0,0}', so NULL rows never get here.
 * Counts {at quota, rated} in place; win_rate's combine and final functions
 * (win_rate.c) do the rest, as the share is the same ratio of two counts.
 */
Datum
pct_at_quota_trans(PG_FUNCTION_ARGS)
{
	ArrayType  *state = salesops_array_pair(fcinfo, 0, INT8OID, true, "pct_at_quota");
	int64	   *counts = (int64 *) ARR_DATA_PTR(state);
	AttainmentRow row;
	ExactRatio	threshold;

	threshold_read(fcinfo, PG_NARGS() > 3 ? PG_GETARG_FLOAT8(3) : 1.0, &threshold);
	attainment_read_row(PG_GETARG_DATUM(1), PG_GETARG_DATUM(2), &row);
	if (row.rated)
	{
		counts[RATED]++;
		if (ratio_cmp(&row.ratio, &threshold) >= 0)
			counts[AT_QUOTA]++;
	}
	PG_RETURN_ARRAYTYPE_P(state);
}

/* ---------- attainment_by_rep: deals and quotas summed per rep first ---------- */

/*
 * attainment_by_rep(rep bigint, achieved numeric, quota numeric) takes the
 * raw rows of a period (won deals with their amounts, quota rows with their
 * quotas, in any mix and order) and sums achieved and quota per rep before
 * the summary is built: the step that analysts' SQL gets wrong (a GROUP BY
 * per rep and period, then a LEFT JOIN from the quotas with COALESCE).  The
 * final function feeds each rep's (Σ achieved, Σ quota) to the summary as
 * one attainment() row, so the result is the summary of that pre-aggregated
 * join, and everything that reads a summary reads it.
 *
 * The state is a hash table of reps (simplehash: open addressing, entries
 * inline).  A report grouped by quarter over 2000 reps keeps 2000 reps per
 * quarter, and each row lands on a random one, so the entry is kept to 32
 * bytes (the lookup is a cache miss; the smaller the table, the cheaper):
 * the two sums as int64 units of 10^-scale, the common case of money.  A
 * rep whose sums leave int64, or get NaN, infinite or wider values, moves
 * its sums to a pair of ExactSums in a side array, where they stay.
 */
typedef struct RepTotals
{
	int64		rep;
	int64		achieved;		/* Σ achieved in units of 10^-achieved_scale, while fast */
	int64		quota;			/* Σ quota in units of 10^-quota_scale, while fast */
	int8		achieved_scale;
	int8		quota_scale;
	bool		has_quota;		/* a non-NULL quota was seen: the rep is rated */
	char		status;			/* simplehash's entry status */
	int32		slow;			/* index of the rep's ExactSums, or -1 while fast */
} RepTotals;

/* murmur3's 64-bit finalizer: every key bit reaches the bucket bits */
static inline uint32
rep_hash(int64 rep)
{
	uint64		h = (uint64) rep;

	h ^= h >> 33;
	h *= UINT64CONST(0xff51afd7ed558ccd);
	h ^= h >> 33;
	h *= UINT64CONST(0xc4ceb9fe1a85ec53);
	h ^= h >> 33;
	return (uint32) h;
}

#define SH_PREFIX		reptab
#define SH_ELEMENT_TYPE RepTotals
#define SH_KEY_TYPE		int64
#define SH_KEY			rep
#define SH_HASH_KEY(tb, key) rep_hash(key)
#define SH_EQUAL(tb, a, b) ((a) == (b))
#define SH_SCOPE		static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

/* Reps of a new state: a team's, before the table first grows. */
#define REP_TABLE_INITIAL_SIZE 64

typedef struct RepSlowSums
{
	ExactSum	achieved;
	ExactSum	quota;
} RepSlowSums;

typedef struct RepAttainmentState
{
	reptab_hash *reps;
	MemoryContext context;		/* where the state and its growth live */
	RepSlowSums *slow;			/* sums of the reps that left the fast path */
	int32		slow_count;
	int32		slow_capacity;
} RepAttainmentState;

static RepAttainmentState *
rep_state_new(MemoryContext context, uint32 size)
{
	RepAttainmentState *state = MemoryContextAllocZero(context, sizeof(RepAttainmentState));

	state->reps = reptab_create(context, size, NULL);
	state->context = context;
	return state;
}

/* A new rep's totals: sums 0, no quota. */
static void
rep_totals_init(RepTotals *totals)
{
	totals->achieved = 0;
	totals->quota = 0;
	totals->achieved_scale = 0;
	totals->quota_scale = 0;
	totals->has_quota = false;
	totals->slow = -1;
}

/* The rep's totals, made empty when it is new. */
static RepTotals *
rep_totals(RepAttainmentState *state, int64 rep)
{
	bool		found;
	RepTotals  *totals = reptab_insert(state->reps, rep, &found);

	if (!found)
		rep_totals_init(totals);
	return totals;
}

/*
 * Add digits / 10^scale to units / 10^*units_scale (both scales <= 18), at
 * the larger scale.  False, changing nothing, when int64 overflows.
 */
static inline bool
rep_units_add(int64 *units, int8 *units_scale, int64 digits, int scale)
{
	int64		total = *units;

	if (scale > *units_scale)
	{
		if (pg_mul_s64_overflow(total, scaled_powers_of_ten[scale - *units_scale], &total))
			return false;
	}
	else if (scale < *units_scale &&
			 pg_mul_s64_overflow(digits, scaled_powers_of_ten[*units_scale - scale], &digits))
		return false;
	if (pg_add_s64_overflow(total, digits, &total))
		return false;
	*units = total;
	*units_scale = Max(scale, *units_scale);
	return true;
}

/* The rep's ExactSums, made from its fast sums the first time. */
static RepSlowSums *
rep_slow_sums(RepAttainmentState *state, RepTotals *totals)
{
	RepSlowSums *sums;

	if (totals->slow >= 0)
		return &state->slow[totals->slow];
	if (state->slow_count == state->slow_capacity)
	{
		int32		capacity = state->slow_capacity == 0 ? 8 : 2 * state->slow_capacity;

		if (state->slow_count >= PG_INT32_MAX / 2)
			attainment_too_large();
		state->slow = state->slow == NULL ?
			MemoryContextAlloc(state->context, capacity * sizeof(RepSlowSums)) :
			repalloc_huge(state->slow, capacity * sizeof(RepSlowSums));
		state->slow_capacity = capacity;
	}
	totals->slow = state->slow_count++;
	sums = &state->slow[totals->slow];
	exact_sum_init(&sums->achieved);
	exact_sum_init(&sums->quota);
	exact_sum_add_scaled(&sums->achieved, totals->achieved, totals->achieved_scale, state->context);
	exact_sum_add_scaled(&sums->quota, totals->quota, totals->quota_scale, state->context);
	return sums;
}

/* The rep's two sums as ExactSums (copies; spills shared, not to be changed). */
static void
rep_exact_sums(const RepAttainmentState *state, const RepTotals *totals,
			   ExactSum *achieved, ExactSum *quota)
{
	if (totals->slow >= 0)
	{
		*achieved = state->slow[totals->slow].achieved;
		*quota = state->slow[totals->slow].quota;
		return;
	}
	exact_sum_init(achieved);
	exact_sum_init(quota);
	/* int64 units at scale <= 18 always fit the core */
	exact_core_add_scaled(&achieved->core, totals->achieved, totals->achieved_scale);
	exact_core_add_scaled(&quota->core, totals->quota, totals->quota_scale);
}

/* An ExactSum that fits int64 units at scale <= 18: its units. */
static bool
exact_sum_as_units(const ExactSum *sum, int64 *units, int *scale)
{
	if (sum->spill != NULL || sum->core.nan_count || sum->core.pinf_count || sum->core.ninf_count ||
		sum->core.scale > SCALED_MAX_SCALE || sum->core.scaled > PG_INT64_MAX ||
		sum->core.scaled < PG_INT64_MIN)
		return false;
	*units = (int64) sum->core.scaled;
	*scale = sum->core.scale;
	return true;
}

/* Add two exact sums to a rep's (combine and deserialize). */
static void
rep_add_exact(RepAttainmentState *state, RepTotals *totals,
			  const ExactSum *achieved, const ExactSum *quota)
{
	RepSlowSums *sums;

	if (totals->slow < 0)
	{
		int64		achieved_units = totals->achieved;
		int64		quota_units = totals->quota;
		int8		achieved_scale = totals->achieved_scale;
		int8		quota_scale = totals->quota_scale;
		int64		units;
		int			scale;

		/* on copies: both sums go fast, or both go slow */
		if (exact_sum_as_units(achieved, &units, &scale) &&
			rep_units_add(&achieved_units, &achieved_scale, units, scale) &&
			exact_sum_as_units(quota, &units, &scale) &&
			rep_units_add(&quota_units, &quota_scale, units, scale))
		{
			totals->achieved = achieved_units;
			totals->quota = quota_units;
			totals->achieved_scale = achieved_scale;
			totals->quota_scale = quota_scale;
			return;
		}
	}
	sums = rep_slow_sums(state, totals);
	exact_sum_merge(&sums->achieved, achieved, state->context);
	exact_sum_merge(&sums->quota, quota, state->context);
}

/*
 * Transition: a row with a NULL rep, or with both amounts NULL, is skipped;
 * a NULL achieved or quota adds nothing to that sum, so a deal row carries a
 * NULL quota and a quota row a NULL achieved.  Each quota is checked (a
 * negative, NaN or infinite quota is an error, as in attainment()).
 */
Datum
attainment_by_rep_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = salesops_aggcontext(fcinfo, "attainment_by_rep_trans");
	RepAttainmentState *state = PG_ARGISNULL(0) ? NULL : (RepAttainmentState *) PG_GETARG_POINTER(0);
	RepTotals  *totals;
	NumericClass class;
	ScaledValue value;

	if (PG_ARGISNULL(1) || (PG_ARGISNULL(2) && PG_ARGISNULL(3)))
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	if (state == NULL)
		state = rep_state_new(aggcontext, REP_TABLE_INITIAL_SIZE);
	totals = rep_totals(state, PG_GETARG_INT64(1));
	if (!PG_ARGISNULL(2))
	{
		class = numeric_classify(PG_GETARG_DATUM(2), &value);
		if (totals->slow >= 0 || class != NUMERIC_CLASS_SCALED ||
			!rep_units_add(&totals->achieved, &totals->achieved_scale, value.digits, value.scale))
			exact_sum_add_datum(&rep_slow_sums(state, totals)->achieved, PG_GETARG_DATUM(2), aggcontext);
	}
	if (!PG_ARGISNULL(3))
	{
		(void) quota_read(PG_GETARG_DATUM(3), &class, &value);
		if (totals->slow >= 0 || class != NUMERIC_CLASS_SCALED ||
			!rep_units_add(&totals->quota, &totals->quota_scale, value.digits, value.scale))
			exact_sum_add_datum(&rep_slow_sums(state, totals)->quota, PG_GETARG_DATUM(3), aggcontext);
		totals->has_quota = true;
	}
	PG_RETURN_POINTER(state);
}

Datum
attainment_by_rep_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = salesops_aggcontext(fcinfo, "attainment_by_rep_combine");
	RepAttainmentState *into = PG_ARGISNULL(0) ? NULL : (RepAttainmentState *) PG_GETARG_POINTER(0);
	RepAttainmentState *from = PG_ARGISNULL(1) ? NULL : (RepAttainmentState *) PG_GETARG_POINTER(1);
	reptab_iterator iterator;
	RepTotals  *source;

	if (from == NULL)
	{
		if (into == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(into);
	}
	/* 'from' may live in a shorter-lived context (a deserialized state): copy */
	if (into == NULL)
		into = rep_state_new(aggcontext, Max(from->reps->members, REP_TABLE_INITIAL_SIZE));
	reptab_start_iterate(from->reps, &iterator);
	while ((source = reptab_iterate(from->reps, &iterator)) != NULL)
	{
		RepTotals  *target = rep_totals(into, source->rep);
		ExactSum	achieved;
		ExactSum	quota;

		target->has_quota |= source->has_quota;
		rep_exact_sums(from, source, &achieved, &quota);
		rep_add_exact(into, target, &achieved, &quota);
	}
	PG_RETURN_POINTER(into);
}

/* Format: version byte, rep count, then per rep: rep, has_quota, the two sums. */
Datum
attainment_by_rep_serialize(PG_FUNCTION_ARGS)
{
	RepAttainmentState *state = (RepAttainmentState *) PG_GETARG_POINTER(0);
	reptab_iterator iterator;
	RepTotals  *totals;
	StringInfoData buf;

	salesops_begin_state(&buf);
	pq_sendint32(&buf, state->reps->members);
	reptab_start_iterate(state->reps, &iterator);
	while ((totals = reptab_iterate(state->reps, &iterator)) != NULL)
	{
		ExactSum	achieved;
		ExactSum	quota;

		rep_exact_sums(state, totals, &achieved, &quota);
		pq_sendint64(&buf, totals->rep);
		pq_sendbyte(&buf, totals->has_quota);
		exact_sum_serialize(&buf, &achieved);
		exact_sum_serialize(&buf, &quota);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
attainment_by_rep_deserialize(PG_FUNCTION_ARGS)
{
	StringInfoData buf;
	uint32		count;
	RepAttainmentState *state;

	salesops_begin_read(&buf, PG_GETARG_BYTEA_PP(0), "attainment_by_rep state");
	count = pq_getmsgint(&buf, 4);
	/* each rep takes well over 16 bytes: a count beyond that is corrupt */
	if (count > (uint32) (buf.len - buf.cursor) / 16)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid rep count %u in serialized attainment_by_rep state", count)));
	state = rep_state_new(CurrentMemoryContext, Max(count, REP_TABLE_INITIAL_SIZE));
	for (uint32 i = 0; i < count; i++)
	{
		int64		rep = pq_getmsgint64(&buf);
		bool		found;
		RepTotals  *totals = reptab_insert(state->reps, rep, &found);
		ExactSum	achieved;
		ExactSum	quota;

		if (found)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("rep " INT64_FORMAT " appears twice in serialized attainment_by_rep state", rep)));
		rep_totals_init(totals);
		totals->has_quota = pq_getmsgbyte(&buf) != 0;
		exact_sum_deserialize(&buf, &achieved);
		exact_sum_deserialize(&buf, &quota);
		rep_add_exact(state, totals, &achieved, &quota);
	}
	salesops_end_read(&buf);
	PG_RETURN_POINTER(state);
}

/*
 * The summary of the reps with a quota, one attainment() row each:
 * (Σ achieved, 0 when the rep has no deal; Σ quota).  A rep without a quota
 * is left out, as attainment() skips a NULL quota.  NULL when no rep has one.
 */
Datum
attainment_by_rep_final(PG_FUNCTION_ARGS)
{
	RepAttainmentState *state = (RepAttainmentState *) PG_GETARG_POINTER(0);
	AttainmentSummary *summary = NULL;
	reptab_iterator iterator;
	RepTotals  *totals;

	reptab_start_iterate(state->reps, &iterator);
	while ((totals = reptab_iterate(state->reps, &iterator)) != NULL)
	{
		ExactSum	achieved;
		ExactSum	quota;

		if (!totals->has_quota)
			continue;
		if (summary == NULL)
			summary = attainment_new();
		rep_exact_sums(state, totals, &achieved, &quota);
		summary = attainment_add_row(summary,
									 NumericGetDatum(exact_sum_result(&achieved)),
									 NumericGetDatum(exact_sum_result(&quota)));
	}
	if (summary == NULL)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(DirectFunctionCall1(attainment_final, PointerGetDatum(summary)));
}
