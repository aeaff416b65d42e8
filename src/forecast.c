/*
 * forecast.c
 *	  Forecast accuracy: the forecast_error summary type, its aggregate,
 *	  rollup and accessors (MAE, RMSE, MAPE, WAPE, sMAPE, bias, ...).
 *
 * Notation of kpi-definitions.md section 3: pairs (F forecast, A actual),
 * d = F - A, so a positive bias means over-forecasting.
 *
 * The summary keeps, for n pairs: Σ|d|, Σd, Σd², Σ|A| (exact for numeric
 * input, float8 for float8 input), Σ|d|/|A| over A != 0 and
 * Σ2|d|/(|A|+|F|) (float8: per-row ratios), and the number of zero actuals.
 * Every measure is a function of these, so summaries merge exactly
 * (rollup) and the one-step aggregates are this aggregate with an accessor
 * as final function: PostgreSQL then shares one transition between mae(),
 * rmse() and wape() in the same query.
 *
 * The summary is its own transition state (a real type, so Citus can push
 * the aggregate down) and is updated in place in the aggregate context, as
 * core's float8_accum does.  Exact sums live in ExactSumCore slots; the
 * rare spill (values wider than 18 digits, totals past 10^37 units) is
 * stored after the fixed part as numeric text, and adding to it rebuilds
 * the summary.
 */
#include "salesops.h"

#include <math.h>

#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/fmgrprotos.h"

PG_FUNCTION_INFO_V1(forecast_error_in);
PG_FUNCTION_INFO_V1(forecast_error_out);
PG_FUNCTION_INFO_V1(forecast_error_recv);
PG_FUNCTION_INFO_V1(forecast_error_send);
PG_FUNCTION_INFO_V1(forecast_error_trans);
PG_FUNCTION_INFO_V1(forecast_error_float8_trans);
PG_FUNCTION_INFO_V1(forecast_error_combine);
PG_FUNCTION_INFO_V1(forecast_error_count);
PG_FUNCTION_INFO_V1(forecast_error_zero_actuals);
PG_FUNCTION_INFO_V1(forecast_error_mae);
PG_FUNCTION_INFO_V1(forecast_error_rmse);
PG_FUNCTION_INFO_V1(forecast_error_mape);
PG_FUNCTION_INFO_V1(forecast_error_wape);
PG_FUNCTION_INFO_V1(forecast_error_smape);
PG_FUNCTION_INFO_V1(forecast_error_bias);
PG_FUNCTION_INFO_V1(forecast_error_bias_pct);
PG_FUNCTION_INFO_V1(forecast_error_accuracy);
PG_FUNCTION_INFO_V1(forecast_error_tracking_signal);
PG_FUNCTION_INFO_V1(forecast_error_mase);

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

typedef enum ForecastInput
{
	FORECAST_NUMERIC = 1,
	FORECAST_FLOAT8 = 2
} ForecastInput;

/* The stored summary (ALIGNMENT = double; PostgreSQL's int128 is 8-aligned). */
typedef struct ForecastErrorSummary
{
	int32		vl_len_;
	uint8		version;
	uint8		input;			/* ForecastInput */
	uint8		spill_mask;		/* bit i: sum i has a spill text after the fixed part */
	uint8		reserved;		/* zero */
	int64		count;
	int64		zero_actuals;
	float8		sum_ape;		/* Σ|d|/|A| over A != 0 */
	float8		sum_sape;		/* Σ2|d|/(|A|+|F|), 0 when both are 0 */
	union
	{
		ExactSumCore exact[FORECAST_SUMS];	/* numeric input */
		float8		approx[FORECAST_SUMS];	/* float8 input */
	}			sums;
	/* spill texts, NUL-terminated, in sum order */
} ForecastErrorSummary;

/* A summary with its exact sums unpacked: for slow paths, I/O and accessors. */
typedef struct ForecastError
{
	ForecastInput input;
	int64		count;
	int64		zero_actuals;
	float8		sum_ape;
	float8		sum_sape;
	ExactSum	exact[FORECAST_SUMS];
	float8		approx[FORECAST_SUMS];
} ForecastError;

#define PG_GETARG_FORECAST_ERROR(n) ((ForecastErrorSummary *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))
#define forecast_writable(fcinfo, argno) ((ForecastErrorSummary *) summary_writable(fcinfo, argno))

static const char *const forecast_type = "forecast_error";

static ForecastErrorSummary *
forecast_pack(const ForecastError *unpacked, MemoryContext context)
{
	char	   *spill_text[FORECAST_SUMS] = {0};
	Size		size = sizeof(ForecastErrorSummary);
	ForecastErrorSummary *summary;

	if (unpacked->input == FORECAST_NUMERIC)
		size += summary_spills_size(unpacked->exact, FORECAST_SUMS, spill_text);
	summary = MemoryContextAllocZero(context, size);
	SET_VARSIZE(summary, size);
	summary->version = SALESOPS_FORMAT_VERSION;
	summary->input = unpacked->input;
	summary->count = unpacked->count;
	summary->zero_actuals = unpacked->zero_actuals;
	summary->sum_ape = unpacked->sum_ape;
	summary->sum_sape = unpacked->sum_sape;
	for (int i = 0; i < FORECAST_SUMS; i++)
	{
		if (unpacked->input == FORECAST_FLOAT8)
			summary->sums.approx[i] = unpacked->approx[i];
		else
			summary->sums.exact[i] = unpacked->exact[i].core;
	}
	summary->spill_mask = summary_spills_write((char *) summary + sizeof(ForecastErrorSummary),
											   spill_text, FORECAST_SUMS);
	return summary;
}

static void
forecast_unpack(const ForecastErrorSummary *summary, ForecastError *unpacked)
{
	if (VARSIZE(summary) < sizeof(ForecastErrorSummary))
		summary_corrupt(forecast_type, "The value is shorter than its fixed part.");
	if (summary->version != SALESOPS_FORMAT_VERSION)
		summary_version_error(forecast_type, summary->version);
	memset(unpacked, 0, sizeof(ForecastError));
	unpacked->input = summary->input;
	unpacked->count = summary->count;
	unpacked->zero_actuals = summary->zero_actuals;
	unpacked->sum_ape = summary->sum_ape;
	unpacked->sum_sape = summary->sum_sape;
	for (int i = 0; i < FORECAST_SUMS; i++)
	{
		if (summary->input == FORECAST_FLOAT8)
			unpacked->approx[i] = summary->sums.approx[i];
		else
			unpacked->exact[i].core = summary->sums.exact[i];
	}
	if (summary->input == FORECAST_NUMERIC)
		summary_spills_read((const char *) summary + sizeof(ForecastErrorSummary),
							(const char *) summary + VARSIZE(summary),
							summary->spill_mask, unpacked->exact, FORECAST_SUMS, forecast_type);
}

/*
 * A new, empty summary.  Made in the current (per-row) context: nodeAgg
 * copies a new by-reference state into the aggregate context itself, so
 * allocating it there too would leave a dead copy per group.
 */
static ForecastErrorSummary *
forecast_new(ForecastInput input)
{
	ForecastError empty;

	memset(&empty, 0, sizeof(empty));
	empty.input = input;
	return forecast_pack(&empty, CurrentMemoryContext);
}

static void
forecast_check_input(const ForecastErrorSummary *summary, ForecastInput input)
{
	if (summary->input != input)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("cannot combine forecast_error summaries of numeric and double precision inputs"),
				 errhint("Build every summary from the same input type, casting the forecast and actual columns if needed.")));
}

/*
 * The per-row float8 terms: |d|/|A| for MAPE (skipped, and counted, when
 * A = 0) and 2|d|/(|A|+|F|) for sMAPE (0 when both are 0).
 */
static void
forecast_add_ratios(ForecastErrorSummary *summary, float8 d, float8 actual, float8 forecast)
{
	float8		abs_d = fabs(d);
	float8		denominator = fabs(actual) + fabs(forecast);

	if (actual == 0.0)
		summary->zero_actuals++;
	else
		summary->sum_ape = float8_pl(summary->sum_ape, float8_div(abs_d, fabs(actual)));
	if (denominator != 0.0)
		summary->sum_sape = float8_pl(summary->sum_sape,
									  float8_div(float8_mul(2.0, abs_d), denominator));
	summary->count++;
}

/*
 * Add 'term' to exact sum 'which' the slow way: unpack, add, repack.  The
 * new summary is made in the current (per-row) context; nodeAgg copies it
 * into the aggregate context and frees the old one.
 */
static ForecastErrorSummary *
forecast_add_slow(ForecastErrorSummary *summary, ForecastSum which, Numeric term)
{
	ForecastError unpacked;

	forecast_unpack(summary, &unpacked);
	exact_sum_add_numeric(&unpacked.exact[which], term, CurrentMemoryContext);
	return forecast_pack(&unpacked, CurrentMemoryContext);
}

static ForecastErrorSummary *
forecast_add_scaled(ForecastErrorSummary *summary, ForecastSum which, int128 term, int scale)
{
	if (exact_core_add_scaled(&summary->sums.exact[which], term, scale))
		return summary;
	return forecast_add_slow(summary, which, scaled_int128_to_numeric(term, scale));
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

/* Add one numeric pair, both read as scaled integers. */
static ForecastErrorSummary *
forecast_add_scaled_pair(ForecastErrorSummary *summary, ScaledValue forecast, ScaledValue actual)
{
	int			scale = Max(forecast.scale, actual.scale);
	int128		f = (int128) forecast.digits;
	int128		a = (int128) actual.digits;
	int128		d;
	int128		abs_d;
	int128		abs_a = actual.digits < 0 ? -(int128) actual.digits : actual.digits;

	/* both scales are <= 18, so each shifted value stays below 10^36 */
	for (int s = forecast.scale; s < scale; s++)
		f *= 10;
	for (int s = actual.scale; s < scale; s++)
		a *= 10;
	d = f - a;
	abs_d = d < 0 ? -d : d;

	summary = forecast_add_scaled(summary, SUM_ABS_ERROR, abs_d, scale);
	summary = forecast_add_scaled(summary, SUM_ERROR, d, scale);
	if (abs_d < SQUARE_SAFE_LIMIT && 2 * scale <= 2 * SCALED_MAX_SCALE)
		summary = forecast_add_scaled(summary, SUM_SQ_ERROR, abs_d * abs_d, 2 * scale);
	else
	{
		Numeric		dn = scaled_int128_to_numeric(d, scale);

		summary = forecast_add_slow(summary, SUM_SQ_ERROR, numeric_mul_opt_error(dn, dn, NULL));
	}
	summary = forecast_add_scaled(summary, SUM_ABS_ACTUAL, abs_a, actual.scale);
	forecast_add_ratios(summary, scaled_to_double(d, scale),
						scaled_to_double(actual.digits, actual.scale),
						scaled_to_double(forecast.digits, forecast.scale));
	return summary;
}

/* Add a numeric value to a sum: special values are counted in place. */
static ForecastErrorSummary *
forecast_add_numeric(ForecastErrorSummary *summary, ForecastSum which, Numeric value)
{
	ExactSumCore *core = &summary->sums.exact[which];

	if (numeric_is_nan(value))
		core->nan_count++;
	else if (numeric_is_inf(value))
	{
		if (DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(value))) > 0)
			core->pinf_count++;
		else
			core->ninf_count++;
	}
	else
		return forecast_add_slow(summary, which, value);
	return summary;
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
	forecast_add_ratios(summary,
						DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(d))),
						DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(actual))),
						DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(forecast))));
	return summary;
}

/* forecast_error(forecast numeric, actual numeric) transition */
Datum
forecast_error_trans(PG_FUNCTION_ARGS)
{
	ForecastErrorSummary *summary;
	ScaledValue forecast;
	ScaledValue actual;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	summary = PG_ARGISNULL(0) ? forecast_new(FORECAST_NUMERIC) : forecast_writable(fcinfo, 0);
	forecast_check_input(summary, FORECAST_NUMERIC);

	if (numeric_classify(PG_GETARG_DATUM(1), &forecast) == NUMERIC_CLASS_SCALED &&
		numeric_classify(PG_GETARG_DATUM(2), &actual) == NUMERIC_CLASS_SCALED)
		summary = forecast_add_scaled_pair(summary, forecast, actual);
	else
		summary = forecast_add_numeric_pair(summary, PG_GETARG_NUMERIC(1), PG_GETARG_NUMERIC(2));
	PG_RETURN_POINTER(summary);
}

/* forecast_error(forecast float8, actual float8) transition: float8 arithmetic as avg() */
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
	summary = PG_ARGISNULL(0) ? forecast_new(FORECAST_FLOAT8) : forecast_writable(fcinfo, 0);
	forecast_check_input(summary, FORECAST_FLOAT8);

	forecast = PG_GETARG_FLOAT8(1);
	actual = PG_GETARG_FLOAT8(2);
	d = float8_mi(forecast, actual);
	summary->sums.approx[SUM_ABS_ERROR] = float8_pl(summary->sums.approx[SUM_ABS_ERROR], fabs(d));
	summary->sums.approx[SUM_ERROR] = float8_pl(summary->sums.approx[SUM_ERROR], d);
	summary->sums.approx[SUM_SQ_ERROR] = float8_pl(summary->sums.approx[SUM_SQ_ERROR], float8_mul(d, d));
	summary->sums.approx[SUM_ABS_ACTUAL] = float8_pl(summary->sums.approx[SUM_ABS_ACTUAL], fabs(actual));
	forecast_add_ratios(summary, d, actual, forecast);
	PG_RETURN_POINTER(summary);
}

/* rollup: merge two summaries (STRICT; the first is the aggregate's own state) */
Datum
forecast_error_combine(PG_FUNCTION_ARGS)
{
	ForecastErrorSummary *into = forecast_writable(fcinfo, 0);
	ForecastErrorSummary *from = PG_GETARG_FORECAST_ERROR(1);
	bool		fast = from->spill_mask == 0;

	forecast_check_input(into, from->input);
	if (VARSIZE(from) < sizeof(ForecastErrorSummary) || from->version != SALESOPS_FORMAT_VERSION)
	{
		ForecastError check;

		forecast_unpack(from, &check); /* reports what is wrong */
	}
	into->count = summary_add_counts(into->count, from->count, forecast_type);
	into->zero_actuals = summary_add_counts(into->zero_actuals, from->zero_actuals, forecast_type);
	into->sum_ape = float8_pl(into->sum_ape, from->sum_ape);
	into->sum_sape = float8_pl(into->sum_sape, from->sum_sape);
	for (int i = 0; i < FORECAST_SUMS; i++)
	{
		if (from->input == FORECAST_FLOAT8)
		{
			into->sums.approx[i] = float8_pl(into->sums.approx[i], from->sums.approx[i]);
			continue;
		}
		into->sums.exact[i].nan_count = summary_add_counts(into->sums.exact[i].nan_count,
														   from->sums.exact[i].nan_count, forecast_type);
		into->sums.exact[i].pinf_count = summary_add_counts(into->sums.exact[i].pinf_count,
															from->sums.exact[i].pinf_count, forecast_type);
		into->sums.exact[i].ninf_count = summary_add_counts(into->sums.exact[i].ninf_count,
															from->sums.exact[i].ninf_count, forecast_type);
		if (fast)
			into = forecast_add_scaled(into, i, from->sums.exact[i].scaled, from->sums.exact[i].scale);
	}
	if (!fast)
	{
		ForecastError merged;
		ForecastError other;

		forecast_unpack(into, &merged);
		forecast_unpack(from, &other);
		for (int i = 0; i < FORECAST_SUMS; i++)
		{
			exact_sum_add_scaled(&merged.exact[i], other.exact[i].core.scaled,
								 other.exact[i].core.scale, CurrentMemoryContext);
			if (other.exact[i].spill)
				exact_sum_add_numeric(&merged.exact[i], other.exact[i].spill, CurrentMemoryContext);
		}
		into = forecast_pack(&merged, CurrentMemoryContext);
	}
	PG_RETURN_POINTER(into);
}

/* ---------- text and binary I/O ---------- */

Datum
forecast_error_out(PG_FUNCTION_ARGS)
{
	ForecastErrorSummary *summary = PG_GETARG_FORECAST_ERROR(0);
	ForecastError unpacked;
	StringInfoData buf;

	forecast_unpack(summary, &unpacked);
	initStringInfo(&buf);
	appendStringInfo(&buf, "v%d %s count=" INT64_FORMAT " zero_actuals=" INT64_FORMAT,
					 SALESOPS_FORMAT_VERSION,
					 unpacked.input == FORECAST_NUMERIC ? "numeric" : "float8",
					 unpacked.count, unpacked.zero_actuals);
	for (int i = 0; i < FORECAST_SUMS; i++)
	{
		if (unpacked.input == FORECAST_NUMERIC)
			summary_append_exact(&buf, forecast_sum_names[i], &unpacked.exact[i]);
		else
			summary_append_float8(&buf, forecast_sum_names[i], unpacked.approx[i]);
	}
	summary_append_float8(&buf, "sum_ape", unpacked.sum_ape);
	summary_append_float8(&buf, "sum_sape", unpacked.sum_sape);
	PG_RETURN_CSTRING(buf.data);
}

/* Checks shared by text and binary input: what no aggregate can produce. */
static void
forecast_validate(const ForecastError *unpacked, const char *input)
{
	const char *problem = NULL;

	if (unpacked->count < 1)
		problem = "A summary covers at least one pair.";
	else if (unpacked->zero_actuals < 0)
		problem = "\"zero_actuals\" cannot be negative.";
	else if (unpacked->zero_actuals > unpacked->count)
		problem = "\"zero_actuals\" cannot exceed \"count\".";
	else if (unpacked->sum_ape < 0 || unpacked->sum_sape < 0 ||
			 unpacked->sum_sape > 2.0 * unpacked->count * (1.0 + 1e-9))	/* terms are rounded */
		problem = "\"sum_ape\" must be non-negative and \"sum_sape\" between 0 and 2 x count.";
	else
		for (int i = 0; i < FORECAST_SUMS && problem == NULL; i++)
		{
			bool		negative;

			if (i == SUM_ERROR)
				continue;
			if (unpacked->input == FORECAST_FLOAT8)
				negative = unpacked->approx[i] < 0;
			else
				negative = exact_sum_is_negative(&unpacked->exact[i]);
			if (negative)
				problem = psprintf("\"%s\" cannot be negative.", forecast_sum_names[i]);
		}
	if (problem == NULL)
		return;
	if (input)
		summary_bad_text(forecast_type, input, problem);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary forecast_error value"),
			 errdetail("%s", problem)));
}

Datum
forecast_error_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	char	   *cursor = summary_text_begin(pstrdup(input), forecast_type, input);
	char	   *kind = cursor;
	ForecastError unpacked;

	memset(&unpacked, 0, sizeof(unpacked));
	cursor = strchrnul(cursor, ' ');
	if (*cursor)
		*cursor++ = '\0';
	if (strcmp(kind, "numeric") == 0)
		unpacked.input = FORECAST_NUMERIC;
	else if (strcmp(kind, "float8") == 0)
		unpacked.input = FORECAST_FLOAT8;
	else
		summary_bad_text(forecast_type, input, "The input type must be \"numeric\" or \"float8\".");

	unpacked.count = summary_parse_count(summary_next_value(&cursor, "count", forecast_type, input),
										 "count", forecast_type, input);
	unpacked.zero_actuals = summary_parse_count(summary_next_value(&cursor, "zero_actuals", forecast_type, input),
												"zero_actuals", forecast_type, input);
	for (int i = 0; i < FORECAST_SUMS; i++)
	{
		char	   *value = summary_next_value(&cursor, forecast_sum_names[i], forecast_type, input);

		if (unpacked.input == FORECAST_FLOAT8)
			unpacked.approx[i] = float8in_internal(value, NULL, forecast_type, input);
		else if (!summary_parse_exact(value, &unpacked.exact[i]))
			summary_bad_text(forecast_type, input,
							 psprintf("\"%s\" must be a number.", forecast_sum_names[i]));
	}
	unpacked.sum_ape = float8in_internal(summary_next_value(&cursor, "sum_ape", forecast_type, input),
										 NULL, forecast_type, input);
	unpacked.sum_sape = float8in_internal(summary_next_value(&cursor, "sum_sape", forecast_type, input),
										  NULL, forecast_type, input);
	if (*cursor != '\0')
		summary_bad_text(forecast_type, input,
						 psprintf("Unexpected text after the last field: \"%s\".", cursor));
	forecast_validate(&unpacked, input);
	PG_RETURN_POINTER(forecast_pack(&unpacked, CurrentMemoryContext));
}

Datum
forecast_error_send(PG_FUNCTION_ARGS)
{
	ForecastErrorSummary *summary = PG_GETARG_FORECAST_ERROR(0);
	ForecastError unpacked;
	StringInfoData buf;

	forecast_unpack(summary, &unpacked);
	salesops_begin_state(&buf);
	pq_sendbyte(&buf, unpacked.input);
	pq_sendint64(&buf, unpacked.count);
	pq_sendint64(&buf, unpacked.zero_actuals);
	pq_sendfloat8(&buf, unpacked.sum_ape);
	pq_sendfloat8(&buf, unpacked.sum_sape);
	for (int i = 0; i < FORECAST_SUMS; i++)
	{
		if (unpacked.input == FORECAST_FLOAT8)
			pq_sendfloat8(&buf, unpacked.approx[i]);
		else
			summary_send_exact(&buf, &unpacked.exact[i]);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
forecast_error_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	ForecastError unpacked;
	int			version = pq_getmsgbyte(buf);

	if (version != SALESOPS_FORMAT_VERSION)
		summary_version_error(forecast_type, version);
	memset(&unpacked, 0, sizeof(unpacked));
	unpacked.input = pq_getmsgbyte(buf);
	if (unpacked.input != FORECAST_NUMERIC && unpacked.input != FORECAST_FLOAT8)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary forecast_error value"),
				 errdetail("Unknown input type %d.", unpacked.input)));
	unpacked.count = pq_getmsgint64(buf);
	unpacked.zero_actuals = pq_getmsgint64(buf);
	unpacked.sum_ape = pq_getmsgfloat8(buf);
	unpacked.sum_sape = pq_getmsgfloat8(buf);
	for (int i = 0; i < FORECAST_SUMS; i++)
	{
		if (unpacked.input == FORECAST_FLOAT8)
			unpacked.approx[i] = pq_getmsgfloat8(buf);
		else if (!summary_parse_exact(pq_getmsgstring(buf), &unpacked.exact[i]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary forecast_error value"),
					 errdetail("\"%s\" must be a number.", forecast_sum_names[i])));
	}
	forecast_validate(&unpacked, NULL);
	PG_RETURN_POINTER(forecast_pack(&unpacked, CurrentMemoryContext));
}

/* ---------- accessors ---------- */

/* sum / count for an exact or float8 sum; count > 0 */
static float8
forecast_mean(const ForecastError *unpacked, ForecastSum which)
{
	ExactSum	count;
	bool		isnull;

	if (unpacked->input == FORECAST_FLOAT8)
		return unpacked->approx[which] / (float8) unpacked->count;
	exact_sum_init(&count);
	count.core.scaled = unpacked->count;
	return exact_sum_ratio(&unpacked->exact[which], &count, &isnull);
}

/* numerator sum / denominator sum under the ratio rules (NULL when <= 0) */
static float8
forecast_ratio(const ForecastError *unpacked, ForecastSum numerator, ForecastSum denominator,
			   bool *isnull)
{
	if (unpacked->input == FORECAST_FLOAT8)
		return float8_sum_ratio(unpacked->approx[numerator], unpacked->approx[denominator], isnull);
	return exact_sum_ratio(&unpacked->exact[numerator], &unpacked->exact[denominator], isnull);
}

static void
forecast_arg(FunctionCallInfo fcinfo, ForecastError *unpacked)
{
	forecast_unpack(PG_GETARG_FORECAST_ERROR(0), unpacked);
}

#define RETURN_RATIO(value, isnull) \
	do { float8 result_ = (value); if (isnull) PG_RETURN_NULL(); PG_RETURN_FLOAT8(result_); } while (0)

Datum
forecast_error_count(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_FORECAST_ERROR(0)->count);
}

Datum
forecast_error_zero_actuals(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_FORECAST_ERROR(0)->zero_actuals);
}

Datum
forecast_error_mae(PG_FUNCTION_ARGS)
{
	ForecastError s;

	forecast_arg(fcinfo, &s);
	if (s.count == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(forecast_mean(&s, SUM_ABS_ERROR));
}

Datum
forecast_error_rmse(PG_FUNCTION_ARGS)
{
	ForecastError s;

	forecast_arg(fcinfo, &s);
	if (s.count == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(sqrt(forecast_mean(&s, SUM_SQ_ERROR)));
}

Datum
forecast_error_mape(PG_FUNCTION_ARGS)
{
	ForecastErrorSummary *summary = PG_GETARG_FORECAST_ERROR(0);
	int64		rated = summary->count - summary->zero_actuals;

	if (rated <= 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(summary->sum_ape / (float8) rated);
}

Datum
forecast_error_wape(PG_FUNCTION_ARGS)
{
	ForecastError s;
	bool		isnull;

	forecast_arg(fcinfo, &s);
	RETURN_RATIO(forecast_ratio(&s, SUM_ABS_ERROR, SUM_ABS_ACTUAL, &isnull), isnull);
}

Datum
forecast_error_smape(PG_FUNCTION_ARGS)
{
	ForecastErrorSummary *summary = PG_GETARG_FORECAST_ERROR(0);

	if (summary->count == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(summary->sum_sape / (float8) summary->count);
}

Datum
forecast_error_bias(PG_FUNCTION_ARGS)
{
	ForecastError s;

	forecast_arg(fcinfo, &s);
	if (s.count == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(forecast_mean(&s, SUM_ERROR));
}

Datum
forecast_error_bias_pct(PG_FUNCTION_ARGS)
{
	ForecastError s;
	bool		isnull;

	forecast_arg(fcinfo, &s);
	RETURN_RATIO(forecast_ratio(&s, SUM_ERROR, SUM_ABS_ACTUAL, &isnull), isnull);
}

Datum
forecast_error_accuracy(PG_FUNCTION_ARGS)
{
	ForecastError s;
	bool		isnull;
	float8		wape;

	forecast_arg(fcinfo, &s);
	wape = forecast_ratio(&s, SUM_ABS_ERROR, SUM_ABS_ACTUAL, &isnull);
	RETURN_RATIO(1.0 - wape, isnull);
}

/* Σd / MAE = count x Σd / Σ|d|; NULL when MAE is 0 */
Datum
forecast_error_tracking_signal(PG_FUNCTION_ARGS)
{
	ForecastError s;
	bool		isnull;
	float8		ratio;

	forecast_arg(fcinfo, &s);
	ratio = forecast_ratio(&s, SUM_ERROR, SUM_ABS_ERROR, &isnull);
	RETURN_RATIO(ratio * (float8) s.count, isnull);
}

/* MAE / scale, scale being the caller's in-sample naive MAE */
Datum
forecast_error_mase(PG_FUNCTION_ARGS)
{
	ForecastError s;
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
