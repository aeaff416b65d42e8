/*
 * forecast.c
 *	  Forecast accuracy: the forecast_error summary type, its aggregate,
 *	  rollup and accessors (MAE, RMSE, MAPE, WAPE, sMAPE, bias, ...).
 *
 * Notation of kpi-definitions.md section 3: pairs (F forecast, A actual),
 * d = F - A, so a positive bias means over-forecasting.
 *
 * The summary keeps, for n pairs: Σ|d|, Σd, Σd², Σ|A| (exact numeric sums
 * for numeric input; for float8 input, exact sums of the rows' float8
 * terms), Σ|d|/|A| over A != 0 and Σ2|d|/(|A|+|F|) (exact sums of the
 * float8 per-row ratios), and the number of zero actuals.  Every sum is
 * exact, so summaries merge exactly (rollup) and every measure is the same
 * bit for bit on any plan; the one-step aggregates are this aggregate with
 * an accessor as final function: PostgreSQL then shares one transition
 * between mae(), rmse() and wape() in the same query.
 *
 * Moving windows: mae, rmse, wape and forecast_bias of numeric pairs have an
 * inverse transition (their sums subtract exactly); mape, smape and the
 * float8 forms have none (PostgreSQL recomputes their frames).
 *
 * The summary follows summary.h's discipline (its own transition state,
 * updated in place; exact sums in ExactSumCore and FloatSumCore slots,
 * their rare spills after the fixed part, adding to a spill repacks the
 * summary).
 */
#include "summary.h"

#include <math.h>

#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/fmgrprotos.h"

/* The four money sums, in storage and text order. */
typedef enum ForecastSum
{
	SUM_ABS_ERROR,				/* Σ|d| */
	SUM_ERROR,					/* Σd */
	SUM_SQ_ERROR,				/* Σd² */
	SUM_ABS_ACTUAL,				/* Σ|A| */
	FORECAST_SUMS
} ForecastSum;

static const char *const forecast_sum_names[FORECAST_SUMS] = {
	"sum_abs_error", "sum_error", "sum_sq_error", "sum_abs_actual"
};

/*
 * The exact float8 sums, numbered on from the money sums (whose float8
 * forms they follow in ForecastErrorParts.floats): the per-row MAPE and
 * sMAPE terms.
 */
typedef enum ForecastRatioSum
{
	SUM_APE = FORECAST_SUMS,	/* Σ|d|/|A| over A != 0 */
	SUM_SAPE,					/* Σ2|d|/(|A|+|F|), 0 when both are 0 */
	FORECAST_FLOAT_SUMS
} ForecastRatioSum;

#define FORECAST_RATIO_SUMS (FORECAST_FLOAT_SUMS - FORECAST_SUMS)

/*
 * Format 2 (0.7.0) keeps every float8 sum exact (float_sum.h), so results
 * are the same bit for bit on any plan; format 1 (0.5.0 and 0.6.0) kept
 * float8 running sums, and is converted when read.
 */
#define FORECAST_FORMAT_VERSION 2

/*
 * The stored summary (ALIGNMENT = double; PostgreSQL's int128 is 8-aligned).
 * spill_mask bit i (0 to 5): sum i (the money sums, then SUM_APE and
 * SUM_SAPE) has a spill text after the fixed part, in that order.
 */
typedef struct ForecastErrorSummary
{
	int32		vl_len_;
	uint8		version;
	uint8		kind;			/* SummaryKind of the forecast and actual columns */
	uint8		spill_mask;
	uint8		reserved;		/* zero */
	int64		count;
	int64		zero_actuals;
	union
	{
		ExactSumCore exact[FORECAST_SUMS];	/* numeric input */
		FloatSumCore approx[FORECAST_SUMS]; /* float8 input */
	}			sums;
	FloatSumCore ratio_sums[FORECAST_RATIO_SUMS];	/* SUM_APE, SUM_SAPE */
	/* spill texts, NUL-terminated, in sum order */
} ForecastErrorSummary;

/* Format 1, read and converted: float8 running sums. */
typedef struct ForecastErrorSummaryV1
{
	int32		vl_len_;
	uint8		version;
	uint8		kind;
	uint8		spill_mask;		/* bit i: exact sum i has a spill text */
	uint8		reserved;
	int64		count;
	int64		zero_actuals;
	float8		sum_ape;
	float8		sum_sape;
	union
	{
		ExactSumCore exact[FORECAST_SUMS];
		float8		approx[FORECAST_SUMS];
	}			sums;
} ForecastErrorSummaryV1;

/*
 * A summary with its sums unpacked: for slow paths, I/O and accessors.
 * floats[] are the exact float8 sums (the money sums of float8 input, then
 * SUM_APE and SUM_SAPE), rounded[] their values rounded once.
 */
typedef struct ForecastErrorParts
{
	SummaryKind kind;
	int64		count;
	int64		zero_actuals;
	ExactSum	exact[FORECAST_SUMS];
	float8		rounded[FORECAST_FLOAT_SUMS];
	const ForecastErrorSummary *cores;	/* forecast_unpack_rounded: round from here */
	FloatSum	floats[FORECAST_FLOAT_SUMS];	/* last: forecast_unpack_rounded leaves it out */
} ForecastErrorParts;

static const SummaryType forecast_type = {"forecast_error", "input", "the forecast and actual columns",
FORECAST_FORMAT_VERSION, 1};

static ForecastErrorSummary *forecast_from_v1(const ForecastErrorSummaryV1 *old);

#define PG_GETARG_FORECAST_ERROR_P(n) forecast_checked(PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))
#define forecast_writable(fcinfo, argno) forecast_checked(summary_writable(fcinfo, argno))

/* A stored value checked, and converted (a new value) when it is of format 1. */
static ForecastErrorSummary *
forecast_checked(void *value)
{
	if (summary_check_header(value, sizeof(ForecastErrorSummaryV1), &forecast_type) == 1)
		return forecast_from_v1(value);
	if (VARSIZE(value) < sizeof(ForecastErrorSummary))
		summary_corrupt(&forecast_type, "The value is shorter than its fixed part.");
	return (ForecastErrorSummary *) value;
}

/* A float8 sum's parts are exact sums; each is also rounded once, for the accessors. */
static void
forecast_round(ForecastErrorParts *unpacked)
{
	for (int i = unpacked->kind == SUMMARY_FLOAT8 ? 0 : FORECAST_SUMS; i < FORECAST_FLOAT_SUMS; i++)
		unpacked->rounded[i] = float_sum_result(&unpacked->floats[i]);
}

/* An empty set of parts of a kind (every float sum initialised). */
static void
forecast_parts_init(ForecastErrorParts *unpacked, SummaryKind kind)
{
	memset(unpacked, 0, sizeof(ForecastErrorParts));
	unpacked->kind = kind;
	for (int i = 0; i < FORECAST_FLOAT_SUMS; i++)
		float_sum_init(&unpacked->floats[i]);
}

static ForecastErrorSummary *
forecast_pack(const ForecastErrorParts *unpacked, MemoryContext context)
{
	char	   *spill_text[FORECAST_FLOAT_SUMS] = {0};
	FloatSumCore float_cores[FORECAST_FLOAT_SUMS];
	Size		size = sizeof(ForecastErrorSummary);
	ForecastErrorSummary *summary;
	bool		float8_money = unpacked->kind == SUMMARY_FLOAT8;

	if (float8_money)
		size += summary_float_sums_store(unpacked->floats, FORECAST_FLOAT_SUMS, float_cores, spill_text);
	else
	{
		size += summary_spills_size(unpacked->exact, FORECAST_SUMS, spill_text);
		size += summary_float_sums_store(unpacked->floats + FORECAST_SUMS, FORECAST_RATIO_SUMS,
										 float_cores + FORECAST_SUMS, spill_text + FORECAST_SUMS);
	}
	summary = MemoryContextAllocZero(context, size);
	SET_VARSIZE(summary, size);
	summary->version = FORECAST_FORMAT_VERSION;
	summary->kind = unpacked->kind;
	summary->count = unpacked->count;
	summary->zero_actuals = unpacked->zero_actuals;
	for (int i = 0; i < FORECAST_SUMS; i++)
	{
		if (float8_money)
			summary->sums.approx[i] = float_cores[i];
		else
			summary->sums.exact[i] = unpacked->exact[i].core;
	}
	memcpy(summary->ratio_sums, float_cores + FORECAST_SUMS, sizeof(summary->ratio_sums));
	summary->spill_mask = summary_spills_write((char *) summary + sizeof(ForecastErrorSummary),
											   spill_text, FORECAST_FLOAT_SUMS);
	return summary;
}

static void
forecast_unpack(const ForecastErrorSummary *summary, ForecastErrorParts *unpacked)
{
	const char *tail = (const char *) summary + sizeof(ForecastErrorSummary);
	const char *end = (const char *) summary + VARSIZE(summary);

	forecast_parts_init(unpacked, summary->kind);
	unpacked->count = summary->count;
	unpacked->zero_actuals = summary->zero_actuals;
	if (summary->kind == SUMMARY_FLOAT8)
	{
		summary_float_sums_load(summary->sums.approx, FORECAST_SUMS, unpacked->floats, &forecast_type);
		summary_float_sums_load(summary->ratio_sums, FORECAST_RATIO_SUMS, unpacked->floats + FORECAST_SUMS,
								&forecast_type);
		summary_float_spills_read(tail, end, summary->spill_mask, unpacked->floats,
								  FORECAST_FLOAT_SUMS, &forecast_type);
	}
	else
	{
		summary_sums_load(FORECAST_SUMS, summary->sums.exact, unpacked->exact);
		summary_float_sums_load(summary->ratio_sums, FORECAST_RATIO_SUMS, unpacked->floats + FORECAST_SUMS,
								&forecast_type);
		tail = summary_spills_read(tail, end, summary->spill_mask, unpacked->exact, FORECAST_SUMS,
								   &forecast_type);
		summary_float_spills_read(tail, end, summary->spill_mask >> FORECAST_SUMS,
								  unpacked->floats + FORECAST_SUMS, FORECAST_RATIO_SUMS,
								  &forecast_type);
	}
	forecast_round(unpacked);
}

/*
 * For the accessors: as forecast_unpack, but without the exact float8 sums
 * (floats[] is left unset); when none has spilled, rounded[] is left unset
 * too, and forecast_float rounds the one core an accessor reads: the
 * per-group path of the one-step aggregates and dashboards.
 */
static void
forecast_unpack_rounded(const ForecastErrorSummary *summary, ForecastErrorParts *unpacked)
{
	bool		float8_money = summary->kind == SUMMARY_FLOAT8;

	if ((float8_money ? summary->spill_mask : summary->spill_mask >> FORECAST_SUMS) != 0)
	{
		forecast_unpack(summary, unpacked);
		return;
	}
	memset(unpacked, 0, offsetof(ForecastErrorParts, floats));
	unpacked->kind = summary->kind;
	unpacked->count = summary->count;
	unpacked->zero_actuals = summary->zero_actuals;
	if (!float8_money)
	{
		summary_sums_load(FORECAST_SUMS, summary->sums.exact, unpacked->exact);
		summary_spills_read((const char *) summary + sizeof(ForecastErrorSummary),
							(const char *) summary + VARSIZE(summary), summary->spill_mask,
							unpacked->exact, FORECAST_SUMS, &forecast_type);
	}
	unpacked->cores = summary;
}

/* Float8 sum 'which' (of float8 input, or SUM_APE, SUM_SAPE) rounded once. */
static float8
forecast_float(const ForecastErrorParts *unpacked, int which)
{
	if (unpacked->cores == NULL)
		return unpacked->rounded[which];
	return summary_float_core_value(which < FORECAST_SUMS ? &unpacked->cores->sums.approx[which]
									: &unpacked->cores->ratio_sums[which - FORECAST_SUMS],
									&forecast_type);
}

/* A format 1 summary as format 2: its float8 sums, each a one-term exact sum. */
static ForecastErrorSummary *
forecast_from_v1(const ForecastErrorSummaryV1 *old)
{
	ForecastErrorParts unpacked;

	if (old->kind != SUMMARY_NUMERIC && old->kind != SUMMARY_FLOAT8)
		summary_corrupt(&forecast_type, "Its input type is unknown.");
	forecast_parts_init(&unpacked, old->kind);
	unpacked.count = old->count;
	unpacked.zero_actuals = old->zero_actuals;
	float_sum_add(&unpacked.floats[SUM_APE], old->sum_ape, 1);
	float_sum_add(&unpacked.floats[SUM_SAPE], old->sum_sape, 1);
	if (old->kind == SUMMARY_FLOAT8)
		for (int i = 0; i < FORECAST_SUMS; i++)
			float_sum_add(&unpacked.floats[i], old->sums.approx[i], 1);
	else
	{
		summary_sums_load(FORECAST_SUMS, old->sums.exact, unpacked.exact);
		summary_spills_read((const char *) old + sizeof(ForecastErrorSummaryV1),
							(const char *) old + VARSIZE(old), old->spill_mask,
							unpacked.exact, FORECAST_SUMS, &forecast_type);
	}
	return forecast_pack(&unpacked, CurrentMemoryContext);
}

/*
 * A new, empty summary (in the current context: see summary.h): every
 * count and sum core zero, no spill, as forecast_pack writes an empty one.
 * Made once per group, so without unpacked parts.
 */
static ForecastErrorSummary *
forecast_new(SummaryKind kind)
{
	ForecastErrorSummary *summary = palloc0(sizeof(ForecastErrorSummary));

	SET_VARSIZE(summary, sizeof(ForecastErrorSummary));
	summary->version = FORECAST_FORMAT_VERSION;
	summary->kind = kind;
	return summary;
}

/*
 * Add 'term' to float sum 'which' the slow way (the spill callback of
 * summary_add_float): unpack, add, repack in the current context.
 */
static Pointer
forecast_add_float_slow(Pointer summary, int which, float8 term)
{
	ForecastErrorParts unpacked;

	forecast_unpack((ForecastErrorSummary *) summary, &unpacked);
	float_sum_add(&unpacked.floats[which], term, 1);
	return (Pointer) forecast_pack(&unpacked, CurrentMemoryContext);
}

/* Add to an exact float8 sum (a money sum of float8 input, SUM_APE or SUM_SAPE). */
static ForecastErrorSummary *
forecast_add_float(ForecastErrorSummary *summary, int which, float8 term)
{
	FloatSumCore *core = which < FORECAST_SUMS ? &summary->sums.approx[which]
		: &summary->ratio_sums[which - FORECAST_SUMS];

	return (ForecastErrorSummary *) summary_add_float((Pointer) summary, core, which, term,
													  forecast_add_float_slow);
}

/*
 * The per-row float8 terms: |d|/|A| for MAPE (skipped, and counted, when
 * A = 0) and 2|d|/(|A|+|F|) for sMAPE (0 when both are 0).
 */
static ForecastErrorSummary *
forecast_add_ratios(ForecastErrorSummary *summary, float8 d, float8 actual, float8 forecast)
{
	float8		abs_d = fabs(d);
	float8		denominator = fabs(actual) + fabs(forecast);

	if (actual == 0.0)
		summary->zero_actuals++;
	else
		summary = forecast_add_float(summary, SUM_APE, float8_div(abs_d, fabs(actual)));
	if (denominator != 0.0)
		summary = forecast_add_float(summary, SUM_SAPE,
									 float8_div(float8_mul(2.0, abs_d), denominator));
	summary->count++;
	return summary;
}

/*
 * Add 'term' to exact sum 'which' the slow way (the spill callback of
 * summary_add_scaled): unpack, add, repack in the current context.
 */
static Pointer
forecast_add_slow(Pointer summary, int which, Numeric term)
{
	ForecastErrorParts unpacked;

	forecast_unpack((ForecastErrorSummary *) summary, &unpacked);
	exact_sum_add_numeric(&unpacked.exact[which], term, CurrentMemoryContext);
	return (Pointer) forecast_pack(&unpacked, CurrentMemoryContext);
}

static ForecastErrorSummary *
forecast_add_scaled(ForecastErrorSummary *summary, ForecastSum which, int128 term, int scale)
{
	return (ForecastErrorSummary *) summary_add_scaled((Pointer) summary,
													   &summary->sums.exact[which], which,
													   term, scale, forecast_add_slow);
}

/* Add a numeric to a sum: scaled values and special values in place. */
static ForecastErrorSummary *
forecast_add_numeric(ForecastErrorSummary *summary, ForecastSum which, Numeric value)
{
	return (ForecastErrorSummary *) summary_add_money((Pointer) summary,
													  &summary->sums.exact[which], which,
													  money_of_numeric(value), forecast_add_slow);
}

static inline double
scaled_to_double(int128 value, int scale)
{
	static const double powers[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18};

	return (double) value / powers[scale];
}

/* d² must stay below 10^37 units to enter the core: |d| < 3.16e18. */
#define SQUARE_SAFE_LIMIT ((int128) 3000000000000000000)

/* The exact terms of one pair read as scaled integers: d = F - A at their common scale. */
typedef struct ForecastTerms
{
	int			scale;
	int128		d;
	int128		abs_d;
	int128		abs_a;
} ForecastTerms;

static void
forecast_scaled_terms(ScaledValue forecast, ScaledValue actual, ForecastTerms *terms)
{
	int128		f = (int128) forecast.digits;
	int128		a = (int128) actual.digits;

	terms->scale = Max(forecast.scale, actual.scale);
	/* both scales are <= 18, so each shifted value stays below 10^36 */
	for (int s = forecast.scale; s < terms->scale; s++)
		f *= 10;
	for (int s = actual.scale; s < terms->scale; s++)
		a *= 10;
	terms->d = f - a;
	terms->abs_d = terms->d < 0 ? -terms->d : terms->d;
	terms->abs_a = actual.digits < 0 ? -(int128) actual.digits : actual.digits;
}

/* d² in the core when it stays below 10^37 units: |d| < 3.16e18 */
static inline bool
forecast_square_fits(const ForecastTerms *terms)
{
	return terms->abs_d < SQUARE_SAFE_LIMIT;
}

/* Add one numeric pair, both read as scaled integers. */
static ForecastErrorSummary *
forecast_add_scaled_pair(ForecastErrorSummary *summary, ScaledValue forecast, ScaledValue actual)
{
	ForecastTerms t;

	forecast_scaled_terms(forecast, actual, &t);
	summary = forecast_add_scaled(summary, SUM_ABS_ERROR, t.abs_d, t.scale);
	summary = forecast_add_scaled(summary, SUM_ERROR, t.d, t.scale);
	if (forecast_square_fits(&t))
		summary = forecast_add_scaled(summary, SUM_SQ_ERROR, t.abs_d * t.abs_d, 2 * t.scale);
	else
	{
		Numeric		dn = scaled_int128_to_numeric(t.d, t.scale);

		summary = forecast_add_numeric(summary, SUM_SQ_ERROR, numeric_mul_opt_error(dn, dn, NULL));
	}
	summary = forecast_add_scaled(summary, SUM_ABS_ACTUAL, t.abs_a, actual.scale);
	return forecast_add_ratios(summary, scaled_to_double(t.d, t.scale),
							   scaled_to_double(actual.digits, actual.scale),
							   scaled_to_double(forecast.digits, forecast.scale));
}

/* Add one numeric pair with numeric arithmetic (wide or special values). */
static ForecastErrorSummary *
forecast_add_numeric_pair(ForecastErrorSummary *summary, Numeric forecast, Numeric actual)
{
	Numeric		d = numeric_sub_opt_error(forecast, actual, NULL);
	Numeric		abs_d = DatumGetNumeric(DirectFunctionCall1(numeric_abs, NumericGetDatum(d)));
	Numeric		abs_a = DatumGetNumeric(DirectFunctionCall1(numeric_abs, NumericGetDatum(actual)));

	summary = forecast_add_numeric(summary, SUM_ABS_ERROR, abs_d);
	summary = forecast_add_numeric(summary, SUM_ERROR, d);
	summary = forecast_add_numeric(summary, SUM_SQ_ERROR, numeric_mul_opt_error(d, d, NULL));
	summary = forecast_add_numeric(summary, SUM_ABS_ACTUAL, abs_a);
	return forecast_add_ratios(summary,
							   salesops_numeric_float8(d),
							   salesops_numeric_float8(actual),
							   salesops_numeric_float8(forecast));
}

/*
 * forecast_error(forecast numeric, actual numeric) transition.  In a moving
 * window (moving) the summary exists from the first row on, NULL rows
 * included: PostgreSQL never inverts a NULL state.
 */
static Datum
forecast_error_add_row(FunctionCallInfo fcinfo, bool moving)
{
	ForecastErrorSummary *summary;
	Money		forecast_money;
	Money		actual_money;
	ScaledValue forecast;
	ScaledValue actual;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (!PG_ARGISNULL(0))
			PG_RETURN_DATUM(PG_GETARG_DATUM(0));
		if (!moving)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(forecast_new(SUMMARY_NUMERIC));
	}
	summary = PG_ARGISNULL(0) ? forecast_new(SUMMARY_NUMERIC) : forecast_writable(fcinfo, 0);
	summary_check_kind(summary->kind, SUMMARY_NUMERIC, &forecast_type);

	forecast_money = money_arg(fcinfo, 1);
	actual_money = money_arg(fcinfo, 2);
	if (money_classify(forecast_money, &forecast) == NUMERIC_CLASS_SCALED &&
		money_classify(actual_money, &actual) == NUMERIC_CLASS_SCALED)
		summary = forecast_add_scaled_pair(summary, forecast, actual);
	else
		summary = forecast_add_numeric_pair(summary, money_numeric(forecast_money),
											money_numeric(actual_money));
	PG_RETURN_POINTER(summary);
}

PG_FUNCTION_INFO_V1(forecast_error_trans);
Datum
forecast_error_trans(PG_FUNCTION_ARGS)
{
	return forecast_error_add_row(fcinfo, false);
}

PG_FUNCTION_INFO_V1(forecast_error_moving_trans);
Datum
forecast_error_moving_trans(PG_FUNCTION_ARGS)
{
	return forecast_error_add_row(fcinfo, true);
}

/*
 * Moving-window inverse of mae, rmse, wape and forecast_bias (numeric): the
 * pair's exact terms out of the exact sums, in place.  NULL (PostgreSQL then
 * recomputes the frame) for a pair that is not two plain scaled amounts, a
 * summary with spills, or a sum that would leave its core.  The float8
 * per-row ratios of MAPE and sMAPE are left as they are: those two measures
 * have no inverse, so no result reads them from a moving state.
 */
PG_FUNCTION_INFO_V1(forecast_error_inv);
Datum
forecast_error_inv(PG_FUNCTION_ARGS)
{
	ForecastErrorSummary *summary = forecast_writable(fcinfo, 0);
	ScaledValue forecast;
	ScaledValue actual;
	ForecastTerms t;
	ExactSumCore *sums = summary->sums.exact;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(summary);
	if (summary->kind != SUMMARY_NUMERIC || summary->spill_mask != 0 ||
		money_classify(money_arg(fcinfo, 1), &forecast) != NUMERIC_CLASS_SCALED ||
		money_classify(money_arg(fcinfo, 2), &actual) != NUMERIC_CLASS_SCALED)
		PG_RETURN_NULL();
	forecast_scaled_terms(forecast, actual, &t);
	if (!forecast_square_fits(&t) ||
		!exact_core_remove_scaled(&sums[SUM_ABS_ERROR], t.abs_d, t.scale) ||
		!exact_core_remove_scaled(&sums[SUM_ERROR], t.d, t.scale) ||
		!exact_core_remove_scaled(&sums[SUM_SQ_ERROR], t.abs_d * t.abs_d, 2 * t.scale) ||
		!exact_core_remove_scaled(&sums[SUM_ABS_ACTUAL], t.abs_a, actual.scale))
		PG_RETURN_NULL();
	if (actual.digits == 0)
		summary->zero_actuals--;
	summary->count--;
	PG_RETURN_POINTER(summary);
}

/*
 * forecast_error(forecast float8, actual float8) transition: each row's
 * terms in float8 arithmetic, as avg() would compute them, and their sums
 * exact (so the same in any order).
 */
PG_FUNCTION_INFO_V1(forecast_error_float8_trans);
Datum
forecast_error_float8_trans(PG_FUNCTION_ARGS)
{
	ForecastErrorSummary *summary;
	float8		forecast;
	float8		actual;
	float8		d;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	summary = PG_ARGISNULL(0) ? forecast_new(SUMMARY_FLOAT8) : forecast_writable(fcinfo, 0);
	summary_check_kind(summary->kind, SUMMARY_FLOAT8, &forecast_type);

	forecast = PG_GETARG_FLOAT8(1);
	actual = PG_GETARG_FLOAT8(2);
	d = float8_mi(forecast, actual);
	summary = forecast_add_float(summary, SUM_ABS_ERROR, fabs(d));
	summary = forecast_add_float(summary, SUM_ERROR, d);
	summary = forecast_add_float(summary, SUM_SQ_ERROR, float8_mul(d, d));
	summary = forecast_add_float(summary, SUM_ABS_ACTUAL, fabs(actual));
	PG_RETURN_POINTER(forecast_add_ratios(summary, d, actual, forecast));
}

/*
 * Merge the exact float8 sums of 'from' into those of 'into' in place: all
 * of them, or (false) none when a total leaves its core.
 */
static bool
forecast_merge_float_cores(ForecastErrorSummary *into, const ForecastErrorSummary *from)
{
	FloatSumCore merged[FORECAST_FLOAT_SUMS];
	FloatSumCore other[FORECAST_FLOAT_SUMS];
	int			first = into->kind == SUMMARY_FLOAT8 ? 0 : FORECAST_SUMS;

	memcpy(merged, into->sums.approx, sizeof(into->sums.approx));
	memcpy(merged + FORECAST_SUMS, into->ratio_sums, sizeof(into->ratio_sums));
	memcpy(other, from->sums.approx, sizeof(from->sums.approx));
	memcpy(other + FORECAST_SUMS, from->ratio_sums, sizeof(from->ratio_sums));
	if (!summary_merge_float_cores(merged + first, other + first, FORECAST_FLOAT_SUMS - first))
		return false;
	if (first == 0)
		memcpy(into->sums.approx, merged, sizeof(into->sums.approx));
	memcpy(into->ratio_sums, merged + FORECAST_SUMS, sizeof(into->ratio_sums));
	return true;
}

/* rollup: merge two summaries (STRICT; the first is the aggregate's own state) */
PG_FUNCTION_INFO_V1(forecast_error_combine);
Datum
forecast_error_combine(PG_FUNCTION_ARGS)
{
	ForecastErrorSummary *into = forecast_writable(fcinfo, 0);
	ForecastErrorSummary *from = PG_GETARG_FORECAST_ERROR_P(1);

	summary_check_kind(into->kind, from->kind, &forecast_type);
	into->count = add_counts(into->count, from->count, forecast_type.name);
	into->zero_actuals = add_counts(into->zero_actuals, from->zero_actuals, forecast_type.name);
	if (from->spill_mask == 0 && forecast_merge_float_cores(into, from))
	{
		if (from->kind == SUMMARY_NUMERIC)
			into = (ForecastErrorSummary *) summary_add_cores((Pointer) into,
															  offsetof(ForecastErrorSummary, sums.exact),
															  from->sums.exact, FORECAST_SUMS,
															  &forecast_type, forecast_add_slow);
	}
	else
	{
		ForecastErrorParts merged;
		ForecastErrorParts other;

		forecast_unpack(into, &merged);
		forecast_unpack(from, &other);
		if (from->kind == SUMMARY_NUMERIC)
			summary_merge_sums(merged.exact, other.exact, FORECAST_SUMS, &forecast_type);
		for (int i = from->kind == SUMMARY_FLOAT8 ? 0 : FORECAST_SUMS; i < FORECAST_FLOAT_SUMS; i++)
			float_sum_merge(&merged.floats[i], &other.floats[i]);
		into = forecast_pack(&merged, CurrentMemoryContext);
	}
	PG_RETURN_POINTER(into);
}

/* ---------- text and binary I/O ---------- */

PG_FUNCTION_INFO_V1(forecast_error_out);
Datum
forecast_error_out(PG_FUNCTION_ARGS)
{
	ForecastErrorSummary *summary = PG_GETARG_FORECAST_ERROR_P(0);
	ForecastErrorParts unpacked;
	StringInfoData buf;

	forecast_unpack(summary, &unpacked);
	initStringInfo(&buf);
	appendStringInfo(&buf, "v%d", FORECAST_FORMAT_VERSION);
	summary_append_kind(&buf, unpacked.kind);
	appendStringInfo(&buf, " count=" INT64_FORMAT " zero_actuals=" INT64_FORMAT,
					 unpacked.count, unpacked.zero_actuals);
	for (int i = 0; i < FORECAST_SUMS; i++)
	{
		if (unpacked.kind == SUMMARY_FLOAT8)
			float_sum_append_text(&buf, forecast_sum_names[i], &unpacked.floats[i]);
		else
			summary_append_exact(&buf, forecast_sum_names[i], &unpacked.exact[i]);
	}
	float_sum_append_text(&buf, "sum_ape", &unpacked.floats[SUM_APE]);
	float_sum_append_text(&buf, "sum_sape", &unpacked.floats[SUM_SAPE]);
	PG_RETURN_CSTRING(buf.data);
}

/*
 * The relations between the fields that every aggregate keeps besides their
 * signs (doc/summary-invariants.md, F4 to F12; all hold for any union of
 * rows, so rollup keeps them):
 *	- |Σd| <= Σ|d| (bias never beyond MAE) and Σ|d|² / n <= Σd² <= (Σ|d|)²
 *	  (MAE <= RMSE <= √n MAE), when the sums compared are finite;
 *	- Σ|d|, Σd and Σd² are finite together, Σ|d| and Σd² infinite or NaN
 *	  together, Σd NaN when Σ|d| is; a NaN or infinite Σ|A| makes Σ|d| so
 *	  (d = F - A), NaN makes it NaN;
 *	- Σ|A| = 0 exactly when every actual is zero (never when it is NaN or
 *	  infinite); then there is no MAPE term, and each sMAPE term is 0 or 2
 *	  (forecast 0 or not), so sum_sape is twice a count of pairs, 0 exactly
 *	  when Σ|d| = 0;
 *	- Σ|d| = 0 means every forecast was right: no MAPE or sMAPE term; a
 *	  finite Σ|d| has finite MAPE and sMAPE sums.
 * Exact for numeric sums; for float8 sums (read rounded) the MAE/RMSE
 * bounds take a relative slack of 1e-6 (the roundings of d² and of the
 * sums), the sMAPE count 1e-9.  NULL when none fails, else the problem.
 */
static const char *
forecast_impossible(const ForecastErrorParts *u)
{
	bool		all_zero_actuals = u->zero_actuals == u->count;
	bool		float8_sums = u->kind == SUMMARY_FLOAT8;
	NumericClass class[FORECAST_SUMS];
	bool		finite[FORECAST_SUMS];
	int			abs_actual_sign = 0;
	bool		abs_error_zero = false;

	for (int i = 0; i < FORECAST_SUMS; i++)
	{
		class[i] = float8_sums ? float8_class(u->rounded[i]) : exact_core_class(&u->exact[i].core);
		finite[i] = class[i] == NUMERIC_CLASS_SCALED;
	}
	if (class[SUM_ABS_ERROR] != class[SUM_SQ_ERROR] || finite[SUM_ABS_ERROR] != finite[SUM_ERROR] ||
		(class[SUM_ABS_ERROR] == NUMERIC_CLASS_NAN && class[SUM_ERROR] != NUMERIC_CLASS_NAN))
		return "\"sum_abs_error\", \"sum_error\" and \"sum_sq_error\" are finite together, and \"sum_abs_error\" and \"sum_sq_error\" infinite or NaN together.";
	if ((!finite[SUM_ABS_ACTUAL] && finite[SUM_ABS_ERROR]) ||
		(class[SUM_ABS_ACTUAL] == NUMERIC_CLASS_NAN && class[SUM_ABS_ERROR] != NUMERIC_CLASS_NAN))
		return "A NaN or infinite \"sum_abs_actual\" makes \"sum_abs_error\" NaN or infinite too.";

	if (finite[SUM_ABS_ERROR])
	{
		if (float8_sums)
		{
			const float8 *a = u->rounded;

			if (fabs(a[SUM_ERROR]) > a[SUM_ABS_ERROR])
				return "|\"sum_error\"| cannot exceed \"sum_abs_error\": the bias would exceed the MAE.";
			if ((float8) u->count * a[SUM_SQ_ERROR] < a[SUM_ABS_ERROR] * a[SUM_ABS_ERROR] * (1.0 - 1e-6))
				return "\"sum_sq_error\" x \"count\" cannot be below \"sum_abs_error\" squared: the RMSE would be below the MAE.";
			if (a[SUM_SQ_ERROR] > a[SUM_ABS_ERROR] * a[SUM_ABS_ERROR] * (1.0 + 1e-6))
				return "\"sum_sq_error\" cannot exceed \"sum_abs_error\" squared: the RMSE would exceed the square root of \"count\" times the MAE.";
			abs_error_zero = a[SUM_ABS_ERROR] == 0.0;
		}
		else
		{
			const ExactSum *e = u->exact;
			Numeric		abs_error = exact_sum_result(&e[SUM_ABS_ERROR]);
			Numeric		error = exact_sum_result(&e[SUM_ERROR]);
			Numeric		sq_error = exact_sum_result(&e[SUM_SQ_ERROR]);
			Numeric		abs_error_squared = numeric_mul_opt_error(abs_error, abs_error, NULL);

			if (salesops_numeric_cmp(DatumGetNumeric(DirectFunctionCall1(numeric_abs, NumericGetDatum(error))),
									 abs_error) > 0)
				return "|\"sum_error\"| cannot exceed \"sum_abs_error\": the bias would exceed the MAE.";
			if (salesops_numeric_cmp(numeric_mul_opt_error(salesops_numeric_from_int64(u->count), sq_error, NULL),
									 abs_error_squared) < 0)
				return "\"sum_sq_error\" x \"count\" cannot be below \"sum_abs_error\" squared: the RMSE would be below the MAE.";
			if (salesops_numeric_cmp(sq_error, abs_error_squared) > 0)
				return "\"sum_sq_error\" cannot exceed \"sum_abs_error\" squared: the RMSE would exceed the square root of \"count\" times the MAE.";
			abs_error_zero = salesops_numeric_sign(abs_error) == 0;
		}
		if (isnan(u->rounded[SUM_APE]) || isinf(u->rounded[SUM_APE]) || isnan(u->rounded[SUM_SAPE]) || isinf(u->rounded[SUM_SAPE]))
			return "A finite \"sum_abs_error\" has finite \"sum_ape\" and \"sum_sape\".";
		if (abs_error_zero && (u->rounded[SUM_APE] != 0.0 || u->rounded[SUM_SAPE] != 0.0))
			return "\"sum_ape\" and \"sum_sape\" are 0 when \"sum_abs_error\" is: every forecast was right.";
	}

	if (finite[SUM_ABS_ACTUAL])
		abs_actual_sign = float8_sums ? (u->rounded[SUM_ABS_ACTUAL] != 0.0)
			: salesops_numeric_sign(exact_sum_result(&u->exact[SUM_ABS_ACTUAL]));
	if (all_zero_actuals == (!finite[SUM_ABS_ACTUAL] || abs_actual_sign != 0))
		return "\"sum_abs_actual\" is zero exactly when every actual is (\"zero_actuals\" = \"count\").";
	if (all_zero_actuals && u->rounded[SUM_APE] != 0.0)
		return "\"sum_ape\" must be 0 when every actual is zero.";
	if (all_zero_actuals && finite[SUM_ABS_ERROR] && !isnan(u->rounded[SUM_SAPE]) && !isinf(u->rounded[SUM_SAPE]) &&
		u->count < (INT64CONST(1) << 40))
	{
		/* each sMAPE term is 2 (a forecast) or 0 (none) */
		float8		pairs = u->rounded[SUM_SAPE] / 2.0;
		float8		whole = rint(pairs);

		if (fabs(pairs - whole) > 1e-9 * Max(1.0, pairs) || whole > (float8) u->count ||
			(whole == 0.0) != abs_error_zero)
			return "With every actual zero, \"sum_sape\" is twice the number of pairs with a forecast, 0 exactly when \"sum_abs_error\" is.";
	}
	return NULL;
}

/* Checks shared by text and binary input: what no aggregate can produce. */
static void
forecast_validate(const ForecastErrorParts *unpacked, const char *input)
{
	const char *problem = NULL;

	if (unpacked->count < 1)
		problem = "A summary covers at least one pair.";
	else if (unpacked->zero_actuals < 0)
		problem = "\"zero_actuals\" cannot be negative.";
	else if (unpacked->zero_actuals > unpacked->count)
		problem = "\"zero_actuals\" cannot exceed \"count\".";
	else if (unpacked->rounded[SUM_APE] < 0 || unpacked->rounded[SUM_SAPE] < 0 ||
			 unpacked->rounded[SUM_SAPE] > 2.0 * unpacked->count * (1.0 + 1e-9))	/* terms are rounded */
		problem = "\"sum_ape\" must be non-negative and \"sum_sape\" between 0 and 2 x count.";
	else
		for (int i = 0; i < FORECAST_SUMS && problem == NULL; i++)
		{
			bool		negative;

			if (i == SUM_ERROR)
				continue;
			if (unpacked->kind == SUMMARY_FLOAT8)
				negative = unpacked->rounded[i] < 0;
			else
				negative = exact_sum_is_negative(&unpacked->exact[i]);
			if (negative)
				problem = psprintf("\"%s\" cannot be negative.", forecast_sum_names[i]);
		}
	if (problem == NULL)
		problem = forecast_impossible(unpacked);
	if (problem)
		summary_invalid(&forecast_type, input, problem);
}

PG_FUNCTION_INFO_V1(forecast_error_in);
Datum
forecast_error_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	int			version;
	char	   *cursor = summary_text_begin(pstrdup(input), &forecast_type, input, &version);
	ForecastErrorParts unpacked;

	/* format 1's float8 values are one-term lists of format 2 */
	forecast_parts_init(&unpacked, summary_parse_kind(&cursor, &forecast_type, input));
	unpacked.count = summary_parse_count(&cursor, "count", &forecast_type, input);
	unpacked.zero_actuals = summary_parse_count(&cursor, "zero_actuals", &forecast_type, input);
	for (int i = 0; i < FORECAST_SUMS; i++)
	{
		if (unpacked.kind == SUMMARY_FLOAT8)
			summary_parse_float_sum(&cursor, forecast_sum_names[i], &unpacked.floats[i],
									&forecast_type, input);
		else
			summary_parse_exact(&cursor, forecast_sum_names[i], &unpacked.exact[i],
								&forecast_type, input);
	}
	summary_parse_float_sum(&cursor, "sum_ape", &unpacked.floats[SUM_APE], &forecast_type, input);
	summary_parse_float_sum(&cursor, "sum_sape", &unpacked.floats[SUM_SAPE], &forecast_type, input);
	summary_parse_end(cursor, &forecast_type, input);
	forecast_round(&unpacked);
	forecast_validate(&unpacked, input);
	PG_RETURN_POINTER(forecast_pack(&unpacked, CurrentMemoryContext));
}

PG_FUNCTION_INFO_V1(forecast_error_send);
Datum
forecast_error_send(PG_FUNCTION_ARGS)
{
	ForecastErrorSummary *summary = PG_GETARG_FORECAST_ERROR_P(0);
	ForecastErrorParts unpacked;
	StringInfoData buf;

	forecast_unpack(summary, &unpacked);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, FORECAST_FORMAT_VERSION);
	pq_sendbyte(&buf, unpacked.kind);
	pq_sendint64(&buf, unpacked.count);
	pq_sendint64(&buf, unpacked.zero_actuals);
	float_sum_send(&buf, &unpacked.floats[SUM_APE]);
	float_sum_send(&buf, &unpacked.floats[SUM_SAPE]);
	for (int i = 0; i < FORECAST_SUMS; i++)
	{
		if (unpacked.kind == SUMMARY_FLOAT8)
			float_sum_send(&buf, &unpacked.floats[i]);
		else
			summary_send_exact(&buf, &unpacked.exact[i]);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(forecast_error_recv);
Datum
forecast_error_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	ForecastErrorParts unpacked;

	/* format 1 has single float8 values where format 2 has exact sums' terms */
	bool		one_float8 = summary_recv_version(buf, &forecast_type) == 1;

	forecast_parts_init(&unpacked, summary_recv_kind(buf, &forecast_type));
	unpacked.count = summary_recv_int64(buf, &forecast_type);
	unpacked.zero_actuals = summary_recv_int64(buf, &forecast_type);
	summary_recv_float_sum(buf, one_float8, "sum_ape", &unpacked.floats[SUM_APE], &forecast_type);
	summary_recv_float_sum(buf, one_float8, "sum_sape", &unpacked.floats[SUM_SAPE], &forecast_type);
	for (int i = 0; i < FORECAST_SUMS; i++)
	{
		if (unpacked.kind == SUMMARY_FLOAT8)
			summary_recv_float_sum(buf, one_float8, forecast_sum_names[i], &unpacked.floats[i],
								   &forecast_type);
		else
			summary_recv_exact(buf, forecast_sum_names[i], &unpacked.exact[i], &forecast_type);
	}
	forecast_round(&unpacked);
	forecast_validate(&unpacked, NULL);
	PG_RETURN_POINTER(forecast_pack(&unpacked, CurrentMemoryContext));
}

/* ---------- accessors ---------- */

/* sum / count for an exact or float8 sum; count > 0 */
static float8
forecast_mean(const ForecastErrorParts *unpacked, ForecastSum which)
{
	ExactSum	count;
	bool		isnull;

	if (unpacked->kind == SUMMARY_FLOAT8)
		return forecast_float(unpacked, which) / (float8) unpacked->count;
	exact_sum_init(&count);
	count.core.scaled = unpacked->count;
	return exact_sum_ratio(&unpacked->exact[which], &count, &isnull);
}

/* numerator sum / denominator sum under the ratio rules (NULL when <= 0) */
static float8
forecast_ratio(const ForecastErrorParts *unpacked, ForecastSum numerator, ForecastSum denominator,
			   bool *isnull)
{
	if (unpacked->kind == SUMMARY_FLOAT8)
		return float8_sum_ratio(forecast_float(unpacked, numerator), forecast_float(unpacked, denominator),
								isnull);
	return exact_sum_ratio(&unpacked->exact[numerator], &unpacked->exact[denominator], isnull);
}

static void
forecast_arg(FunctionCallInfo fcinfo, ForecastErrorParts *unpacked)
{
	forecast_unpack_rounded(PG_GETARG_FORECAST_ERROR_P(0), unpacked);
}

#define RETURN_RATIO(value, isnull) \
	do { float8 result_ = (value); if (isnull) PG_RETURN_NULL(); PG_RETURN_FLOAT8(result_); } while (0)

PG_FUNCTION_INFO_V1(forecast_error_count);
Datum
forecast_error_count(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_FORECAST_ERROR_P(0)->count);
}

PG_FUNCTION_INFO_V1(forecast_error_zero_actuals);
Datum
forecast_error_zero_actuals(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_FORECAST_ERROR_P(0)->zero_actuals);
}

PG_FUNCTION_INFO_V1(forecast_error_mae);
Datum
forecast_error_mae(PG_FUNCTION_ARGS)
{
	ForecastErrorParts s;

	forecast_arg(fcinfo, &s);
	if (s.count == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(forecast_mean(&s, SUM_ABS_ERROR));
}

/*
 * RMSE = sqrt(mean d²).  The mean of the squares passes the float8 range
 * long before its root does (|d| of 1e155 squares to 1e310): past 1e300 the
 * root is taken in numeric and cast once, so the result is finite whenever
 * the float formula sqrt(avg(d^2)) is.  Below, the exact mean is rounded
 * once and its float8 root taken, as before.
 */
static float8
forecast_rmse(const ForecastErrorParts *s)
{
	const ExactSum *squares = &s->exact[SUM_SQ_ERROR];

	if (s->kind == SUMMARY_NUMERIC && squares->spill != NULL && exact_core_is_finite(&squares->core))
	{
		Numeric		mean = numeric_div_opt_error(exact_sum_result(squares),
												 salesops_numeric_from_int64(s->count), NULL);

		if (salesops_numeric_cmp(mean, salesops_numeric_in("1e300")) > 0)
			return salesops_numeric_float8(DatumGetNumeric(DirectFunctionCall1(numeric_sqrt,
																			   NumericGetDatum(mean))));
	}
	return sqrt(forecast_mean(s, SUM_SQ_ERROR));
}

PG_FUNCTION_INFO_V1(forecast_error_rmse);
Datum
forecast_error_rmse(PG_FUNCTION_ARGS)
{
	ForecastErrorParts s;

	forecast_arg(fcinfo, &s);
	if (s.count == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(forecast_rmse(&s));
}

PG_FUNCTION_INFO_V1(forecast_error_mape);
Datum
forecast_error_mape(PG_FUNCTION_ARGS)
{
	ForecastErrorParts s;
	int64		rated;

	forecast_arg(fcinfo, &s);
	rated = s.count - s.zero_actuals;
	if (rated <= 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(forecast_float(&s, SUM_APE) / (float8) rated);
}

PG_FUNCTION_INFO_V1(forecast_error_wape);
Datum
forecast_error_wape(PG_FUNCTION_ARGS)
{
	ForecastErrorParts s;
	bool		isnull;

	forecast_arg(fcinfo, &s);
	RETURN_RATIO(forecast_ratio(&s, SUM_ABS_ERROR, SUM_ABS_ACTUAL, &isnull), isnull);
}

PG_FUNCTION_INFO_V1(forecast_error_smape);
Datum
forecast_error_smape(PG_FUNCTION_ARGS)
{
	ForecastErrorParts s;

	forecast_arg(fcinfo, &s);
	if (s.count == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(forecast_float(&s, SUM_SAPE) / (float8) s.count);
}

PG_FUNCTION_INFO_V1(forecast_error_bias);
Datum
forecast_error_bias(PG_FUNCTION_ARGS)
{
	ForecastErrorParts s;

	forecast_arg(fcinfo, &s);
	if (s.count == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(forecast_mean(&s, SUM_ERROR));
}

PG_FUNCTION_INFO_V1(forecast_error_bias_pct);
Datum
forecast_error_bias_pct(PG_FUNCTION_ARGS)
{
	ForecastErrorParts s;
	bool		isnull;

	forecast_arg(fcinfo, &s);
	RETURN_RATIO(forecast_ratio(&s, SUM_ERROR, SUM_ABS_ACTUAL, &isnull), isnull);
}

PG_FUNCTION_INFO_V1(forecast_error_accuracy);
Datum
forecast_error_accuracy(PG_FUNCTION_ARGS)
{
	ForecastErrorParts s;
	bool		isnull;
	float8		wape;

	forecast_arg(fcinfo, &s);
	wape = forecast_ratio(&s, SUM_ABS_ERROR, SUM_ABS_ACTUAL, &isnull);
	RETURN_RATIO(1.0 - wape, isnull);
}

/* Σd / MAE = count x Σd / Σ|d|; NULL when MAE is 0 */
PG_FUNCTION_INFO_V1(forecast_error_tracking_signal);
Datum
forecast_error_tracking_signal(PG_FUNCTION_ARGS)
{
	ForecastErrorParts s;
	bool		isnull;
	float8		ratio;

	forecast_arg(fcinfo, &s);
	ratio = forecast_ratio(&s, SUM_ERROR, SUM_ABS_ERROR, &isnull);
	RETURN_RATIO(ratio * (float8) s.count, isnull);
}

/* MAE / scale, scale being the caller's in-sample naive MAE */
PG_FUNCTION_INFO_V1(forecast_error_mase);
Datum
forecast_error_mase(PG_FUNCTION_ARGS)
{
	ForecastErrorParts s;
	float8		scale = PG_GETARG_FLOAT8(1);

	if (!(scale > 0) || isinf(scale))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("MASE scale \"%s\" is out of range", float8out_internal(scale)),
				 errdetail("The scale is the in-sample mean absolute error of the naive forecast, a positive finite number.")));
	forecast_arg(fcinfo, &s);
	if (s.count == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(forecast_mean(&s, SUM_ABS_ERROR) / scale);
}

/* ---------- equality and ordering ---------- */

/*
 * Two forecast_error values are equal when their parts are (summary.h):
 * kind, count, zero actuals, the MAPE and sMAPE term sums and the four
 * money sums of their kind, every sum by its exact value.  The order is
 * lexicographic in that order.
 */
static int
forecast_compare(Datum a, Datum b)
{
	ForecastErrorParts x;
	ForecastErrorParts y;
	int			order;

	forecast_unpack(forecast_checked(PG_DETOAST_DATUM(a)), &x);
	forecast_unpack(forecast_checked(PG_DETOAST_DATUM(b)), &y);
	order = summary_cmp_int64(x.kind, y.kind);
	if (order == 0)
		order = summary_cmp_int64(x.count, y.count);
	if (order == 0)
		order = summary_cmp_int64(x.zero_actuals, y.zero_actuals);
	if (order == 0)
		order = float_sum_cmp(&x.floats[SUM_APE], &y.floats[SUM_APE]);
	if (order == 0)
		order = float_sum_cmp(&x.floats[SUM_SAPE], &y.floats[SUM_SAPE]);
	for (int i = 0; i < FORECAST_SUMS && order == 0; i++)
		order = x.kind == SUMMARY_FLOAT8 ? float_sum_cmp(&x.floats[i], &y.floats[i])
			: summary_cmp_exact(&x.exact[i], &y.exact[i]);
	return order;
}

/* The same parts, hashed as their types hash (equal values hash alike). */
static uint32
forecast_hash(Datum value)
{
	ForecastErrorParts x;
	uint32		hash;

	forecast_unpack(forecast_checked(PG_DETOAST_DATUM(value)), &x);
	hash = summary_hash_int64(0, x.kind);
	hash = summary_hash_int64(hash, x.count);
	hash = summary_hash_int64(hash, x.zero_actuals);
	hash = float_sum_hash(hash, &x.floats[SUM_APE]);
	hash = float_sum_hash(hash, &x.floats[SUM_SAPE]);
	for (int i = 0; i < FORECAST_SUMS; i++)
		hash = x.kind == SUMMARY_FLOAT8 ? float_sum_hash(hash, &x.floats[i])
			: summary_hash_exact(hash, &x.exact[i]);
	return hash;
}

/* forecast_error_eq, _ne, _lt, _le, _gt, _ge, _cmp and _hash */
SUMMARY_ORDERING_FUNCTIONS(forecast_error, forecast_compare, forecast_hash)
