/*
 * pipeline.c
 *	  Weighted pipeline: sum of amount x probability.
 *
 * numeric amounts: the exact sum of amount * probability::numeric, equal to
 * sum(amount * probability) on numeric, display scale included.  A row whose
 * amount and probability both read as scaled integers costs one 64x64->128
 * multiply; anything wider goes through numeric_mul.  The state is an
 * exact_ratio_state (0.7.0; summary.h) holding the sum as its numerator.
 *
 * float8 amounts: the exact sum of the float8 products amount * probability,
 * rounded once (float_sum.h), in a float_ratio_state (0.7.0; summary.h), so
 * the result is the same bit for bit on any plan; errors and NaN rules as
 * float8 arithmetic.
 *
 * Moving windows (OVER (... ROWS n PRECEDING)): the numeric forms have an
 * inverse transition, since an exact sum subtracts exactly; the state then
 * also counts the rows and the terms at the sum's display scale, so that the
 * frame's result prints with the scale sum(amount * probability) gives.  The
 * float8 form's exact sum subtracts exactly too.
 *
 * Pipeline coverage (open pipeline over the quota left to win) is a scalar
 * of this family.
 */
#include "salesops.h"

#include "libpq/pqformat.h"
#include "utils/float.h"
#include "utils/fmgrprotos.h"

#include "attainment.h"
#include "exact.h"
#include "probability.h"
#include "summary.h"

/*
 * One row of weighted_pipeline(amount numeric or integer, probability
 * numeric or float8): amount x probability added, exactly, to the state's
 * numerator (an exact_ratio_state whose denominator stays 0: one exact sum
 * in a real type, so that Citus splits the aggregate).  A NULL amount or
 * probability skips the row (the state stays NULL until a row counts, so
 * a group without one gives NULL, as sum() does); the probability is
 * checked before anything is added.
 */
static Datum
pipeline_add_row(FunctionCallInfo fcinfo, bool probability_is_float8)
{
	Probability probability;
	ExactRatioState *state;
	int128		term;
	int			scale;
	Numeric		product;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (probability_is_float8)
		probability_read_float8(fcinfo, PG_GETARG_DATUM(2), &probability);
	else
		probability_read_numeric(PG_GETARG_DATUM(2), &probability);
	state = ratio_state_arg(fcinfo, 0);
	if (weighted_amount(money_arg(fcinfo, 1), &probability, &term, &scale, &product))
		state = ratio_state_add_scaled(state, RATIO_NUMERATOR, term, scale);
	else
		state = ratio_state_add_numeric(state, RATIO_NUMERATOR, product);
	PG_RETURN_POINTER(state);
}

/* weighted_pipeline(amount numeric or integer, probability numeric) transition */
PG_FUNCTION_INFO_V1(weighted_pipeline_state_trans);
Datum
weighted_pipeline_state_trans(PG_FUNCTION_ARGS)
{
	return pipeline_add_row(fcinfo, false);
}

/* weighted_pipeline(amount numeric or integer, probability float8) transition */
PG_FUNCTION_INFO_V1(weighted_pipeline_float8_prob_state_trans);
Datum
weighted_pipeline_float8_prob_state_trans(PG_FUNCTION_ARGS)
{
	return pipeline_add_row(fcinfo, true);
}

/* The exact sum, with the display scale sum(amount * probability) gives. */
PG_FUNCTION_INFO_V1(weighted_pipeline_final);
Datum
weighted_pipeline_final(PG_FUNCTION_ARGS)
{
	PG_RETURN_NUMERIC(ratio_state_sum(PG_GETARG_DATUM(0), RATIO_NUMERATOR));
}

/*
 * The released scripts (0.1.0 to 0.6.0) declare weighted_pipeline(numeric,
 * numeric or float8) with an internal state and name the C functions
 * weighted_pipeline_trans, _float8_prob_trans, _combine, _serialize,
 * _deserialize and _final.  A database keeps those definitions until ALTER
 * EXTENSION UPDATE, so these serve them with this library, on the same
 * exact_ratio_state value, as win_rate.c does for value_win_rate.
 */
PG_FUNCTION_INFO_V1(weighted_pipeline_trans);
Datum
weighted_pipeline_trans(PG_FUNCTION_ARGS)
{
	return ratio_state_internal(fcinfo, pipeline_add_row(fcinfo, false), "weighted_pipeline_trans");
}

PG_FUNCTION_INFO_V1(weighted_pipeline_float8_prob_trans);
Datum
weighted_pipeline_float8_prob_trans(PG_FUNCTION_ARGS)
{
	return ratio_state_internal(fcinfo, pipeline_add_row(fcinfo, true), "weighted_pipeline_float8_prob_trans");
}

PG_FUNCTION_INFO_V1(weighted_pipeline_combine);
Datum
weighted_pipeline_combine(PG_FUNCTION_ARGS)
{
	return ratio_state_internal_combine(fcinfo, "weighted_pipeline_combine");
}

PG_FUNCTION_INFO_V1(weighted_pipeline_serialize);
Datum
weighted_pipeline_serialize(PG_FUNCTION_ARGS)
{
	return ratio_state_serialize(fcinfo);
}

PG_FUNCTION_INFO_V1(weighted_pipeline_deserialize);
Datum
weighted_pipeline_deserialize(PG_FUNCTION_ARGS)
{
	return ratio_state_deserialize(fcinfo);
}

/*
 * weighted_pipeline(amount float8, probability float8) transition of the
 * released scripts (0.1.0 to 0.6.0, a float8 state, until ALTER EXTENSION
 * UPDATE): a float8 sum in input order.  The state starts NULL, so a group without a usable row gives NULL as sum()
 * does; float8_mul/float8_pl raise the same overflow and underflow errors as
 * sum(amount * probability).
 */
PG_FUNCTION_INFO_V1(weighted_pipeline_float8_trans);
Datum
weighted_pipeline_float8_trans(PG_FUNCTION_ARGS)
{
	float8		product;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	probability_check_float8(PG_GETARG_FLOAT8(2));
	product = float8_mul(PG_GETARG_FLOAT8(1), PG_GETARG_FLOAT8(2));
	if (PG_ARGISNULL(0))
		PG_RETURN_FLOAT8(product);
	PG_RETURN_FLOAT8(float8_pl(PG_GETARG_FLOAT8(0), product));
}

PG_FUNCTION_INFO_V1(weighted_pipeline_float8_combine);
Datum
weighted_pipeline_float8_combine(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
	{
		if (PG_ARGISNULL(1))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(1));
	}
	if (PG_ARGISNULL(1))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	PG_RETURN_FLOAT8(float8_pl(PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1)));
}

/*
 * weighted_pipeline(amount float8, probability float8), 0.7.0 on: the exact
 * sum of the float8 products amount * probability (each rounded as float8
 * multiplication rounds it, with its overflow and underflow errors), kept
 * in a float_ratio_state's numerator and rounded once at the end, so the
 * result does not depend on the plan.  A row comes back out of a moving
 * frame exactly (direction -1).  The state stays NULL until a row counts
 * (moving: exists from the first row on, and rows says whether the frame
 * has one).
 */
static Datum
pipeline_float8_row(FunctionCallInfo fcinfo, bool moving, int64 direction)
{
	FloatRatioState *state;
	float8		product;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (!PG_ARGISNULL(0))
			PG_RETURN_DATUM(PG_GETARG_DATUM(0));
		if (!moving)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(float_ratio_state_arg(fcinfo, 0));
	}
	probability_check_float8(PG_GETARG_FLOAT8(2));
	product = float8_mul(PG_GETARG_FLOAT8(1), PG_GETARG_FLOAT8(2));
	state = float_ratio_state_arg(fcinfo, 0);
	state->rows += direction;
	float_sum_add(&state->sums[RATIO_NUMERATOR], product, direction);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(weighted_pipeline_float8_sum_trans);
Datum
weighted_pipeline_float8_sum_trans(PG_FUNCTION_ARGS)
{
	return pipeline_float8_row(fcinfo, false, 1);
}

PG_FUNCTION_INFO_V1(weighted_pipeline_float8_moving_trans);
Datum
weighted_pipeline_float8_moving_trans(PG_FUNCTION_ARGS)
{
	return pipeline_float8_row(fcinfo, true, 1);
}

PG_FUNCTION_INFO_V1(weighted_pipeline_float8_moving_inv);
Datum
weighted_pipeline_float8_moving_inv(PG_FUNCTION_ARGS)
{
	return pipeline_float8_row(fcinfo, true, -1);
}

/* The sum rounded once; NULL for a moving frame without a row. */
PG_FUNCTION_INFO_V1(weighted_pipeline_float8_final);
Datum
weighted_pipeline_float8_final(PG_FUNCTION_ARGS)
{
	FloatRatioState *state = float_ratio_state_get(fcinfo, 0);

	if (state->rows == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(float_sum_result(&state->sums[RATIO_NUMERATOR]));
}

/* ---------- moving windows ---------- */

/*
 * The moving-aggregate state of the numeric forms is an ExactWindowSum of
 * amount x probability over the rows with both.  Add (direction 1) or take
 * out (-1) one row; false when taking it out is not exact in place (the
 * inverse then returns NULL: PostgreSQL recomputes).
 */
static bool
pipeline_window_step(FunctionCallInfo fcinfo, ExactWindowSum *window, bool probability_is_float8,
					 int direction, MemoryContext aggcontext)
{
	Probability probability;
	int128		term;
	int			scale;
	Numeric		product;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		return true;
	if (probability_is_float8)
		probability_read_float8(fcinfo, PG_GETARG_DATUM(2), &probability);
	else
		probability_read_numeric(PG_GETARG_DATUM(2), &probability);
	if (!weighted_amount(money_arg(fcinfo, 1), &probability, &term, &scale, &product))
	{
		if (direction < 0)
			return false;
		exact_window_add_numeric(window, product, aggcontext);
		return true;
	}
	if (direction > 0)
	{
		exact_window_add_scaled(window, term, scale, aggcontext);
		return true;
	}
	return exact_window_remove_scaled(window, term, scale);
}

/* Moving transition (1) or inverse (-1): the state is never NULL. */
static Datum
pipeline_window_row(FunctionCallInfo fcinfo, const char *funcname, bool probability_is_float8,
					int direction)
{
	MemoryContext aggcontext = salesops_aggcontext(fcinfo, funcname);
	ExactWindowSum *window = PG_ARGISNULL(0) ? NULL : (ExactWindowSum *) PG_GETARG_POINTER(0);

	if (window == NULL)
		window = exact_window_new(aggcontext);
	if (!pipeline_window_step(fcinfo, window, probability_is_float8, direction, aggcontext))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(window);
}

PG_FUNCTION_INFO_V1(weighted_pipeline_moving_trans);
Datum
weighted_pipeline_moving_trans(PG_FUNCTION_ARGS)
{
	return pipeline_window_row(fcinfo, "weighted_pipeline_moving_trans", false, 1);
}

PG_FUNCTION_INFO_V1(weighted_pipeline_moving_inv);
Datum
weighted_pipeline_moving_inv(PG_FUNCTION_ARGS)
{
	return pipeline_window_row(fcinfo, "weighted_pipeline_moving_inv", false, -1);
}

PG_FUNCTION_INFO_V1(weighted_pipeline_float8_prob_moving_trans);
Datum
weighted_pipeline_float8_prob_moving_trans(PG_FUNCTION_ARGS)
{
	return pipeline_window_row(fcinfo, "weighted_pipeline_float8_prob_moving_trans", true, 1);
}

PG_FUNCTION_INFO_V1(weighted_pipeline_float8_prob_moving_inv);
Datum
weighted_pipeline_float8_prob_moving_inv(PG_FUNCTION_ARGS)
{
	return pipeline_window_row(fcinfo, "weighted_pipeline_float8_prob_moving_inv", true, -1);
}

/* NULL for a frame without a row, as sum() gives */
PG_FUNCTION_INFO_V1(weighted_pipeline_moving_final);
Datum
weighted_pipeline_moving_final(PG_FUNCTION_ARGS)
{
	ExactWindowSum *window = (ExactWindowSum *) PG_GETARG_POINTER(0);

	if (window->rows == 0)
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(exact_sum_result(&window->sum));
}

/*
 * pipeline_coverage(open_pipeline, quota, closed_won): open pipeline over
 * the quota still to win, quota - closed_won (kpi-definitions.md section
 * 8), so that mid-quarter coverage measures what is left; closed_won
 * defaults to 0 (the plain pipeline / quota ratio).  NULL when the quota is
 * met (nothing left to cover); the quota is checked as attainment checks it
 * (negative, NaN or infinite: an error).  The caller passes unweighted or
 * weighted pipeline.  The exact ratio, rounded once to float8.
 */
PG_FUNCTION_INFO_V1(pipeline_coverage);
Datum
pipeline_coverage(PG_FUNCTION_ARGS)
{
	Numeric		open_pipeline = PG_GETARG_NUMERIC(0);
	Numeric		quota = PG_GETARG_NUMERIC(1);
	Numeric		closed_won = PG_GETARG_NUMERIC(2);
	NumericClass quota_class;
	ScaledValue quota_scaled;
	ExactSum	pipeline;
	ExactSum	remaining;

	(void) quota_read(money_of_numeric(quota), &quota_class, &quota_scaled);
	exact_sum_set_numeric(&pipeline, open_pipeline);
	exact_sum_set_numeric(&remaining, numeric_sub_opt_error(quota, closed_won, NULL));
	return exact_sum_ratio_result(fcinfo, &pipeline, &remaining);
}
