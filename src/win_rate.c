/*
 * win_rate.c
 *	  Win rate by count (#won / #closed) and by value (won amount / closed
 *	  amount).  NULL won = open deal: in neither numerator nor denominator.
 *
 * win_rate and value_win_rate(float8) keep a two-element array state updated
 * in place, as core's float8_accum does: a real type travels through Citus,
 * and counts give an exact inverse for moving window frames.
 * value_win_rate(numeric) keeps two exact sums in an internal state
 * (ExactRatioState: numerator won, denominator closed).
 *
 * Two aggregates of attainment.c are the same computations and use these C
 * functions under their own SQL names: pct_at_quota() counts {at quota,
 * rated} in win_rate's int8[2] state (combine and final functions), and
 * quota_attainment(numeric, numeric) is a ratio of two exact sums like
 * value_win_rate(numeric) (combine, serialize, deserialize and final).
 */
#include "salesops.h"

#include "catalog/pg_type.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/float.h"

#include "exact.h"

/* Element indexes of the array states. */
#define WON		0
#define CLOSED	1

/* The two elements of an array state (salesops_array_pair). */
static inline ArrayType *
pair_state(FunctionCallInfo fcinfo, int argno, Oid element_type, bool for_update)
{
	return salesops_array_pair(fcinfo, argno, element_type, for_update, "win rate");
}

#define COUNTS(array)	((int64 *) ARR_DATA_PTR(array))
#define SUMS(array)		((float8 *) ARR_DATA_PTR(array))

/* win_rate(won boolean): STRICT with INITCOND '{0,0}', so open deals never get here */
PG_FUNCTION_INFO_V1(win_rate_trans);
Datum
win_rate_trans(PG_FUNCTION_ARGS)
{
	ArrayType  *state = pair_state(fcinfo, 0, INT8OID, true);

	COUNTS(state)[CLOSED]++;
	if (PG_GETARG_BOOL(1))
		COUNTS(state)[WON]++;
	PG_RETURN_ARRAYTYPE_P(state);
}

/* moving-window inverse: exact, since the state is two counts */
PG_FUNCTION_INFO_V1(win_rate_inv);
Datum
win_rate_inv(PG_FUNCTION_ARGS)
{
	ArrayType  *state = pair_state(fcinfo, 0, INT8OID, true);

	COUNTS(state)[CLOSED]--;
	if (PG_GETARG_BOOL(1))
		COUNTS(state)[WON]--;
	PG_RETURN_ARRAYTYPE_P(state);
}

PG_FUNCTION_INFO_V1(win_rate_combine);
Datum
win_rate_combine(PG_FUNCTION_ARGS)
{
	ArrayType  *into = pair_state(fcinfo, 0, INT8OID, true);
	ArrayType  *from = pair_state(fcinfo, 1, INT8OID, false);

	COUNTS(into)[WON] += COUNTS(from)[WON];
	COUNTS(into)[CLOSED] += COUNTS(from)[CLOSED];
	PG_RETURN_ARRAYTYPE_P(into);
}

PG_FUNCTION_INFO_V1(win_rate_final);
Datum
win_rate_final(PG_FUNCTION_ARGS)
{
	int64	   *counts = COUNTS(pair_state(fcinfo, 0, INT8OID, false));

	if (counts[CLOSED] <= 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((float8) counts[WON] / (float8) counts[CLOSED]);
}

/* value_win_rate(won boolean, amount float8): STRICT, INITCOND '{0,0}' */
PG_FUNCTION_INFO_V1(value_win_rate_float8_trans);
Datum
value_win_rate_float8_trans(PG_FUNCTION_ARGS)
{
	ArrayType  *state = pair_state(fcinfo, 0, FLOAT8OID, true);
	float8	   *sums = SUMS(state);
	float8		amount = PG_GETARG_FLOAT8(2);

	sums[CLOSED] = float8_pl(sums[CLOSED], amount);
	if (PG_GETARG_BOOL(1))
		sums[WON] = float8_pl(sums[WON], amount);
	PG_RETURN_ARRAYTYPE_P(state);
}

PG_FUNCTION_INFO_V1(value_win_rate_float8_combine);
Datum
value_win_rate_float8_combine(PG_FUNCTION_ARGS)
{
	ArrayType  *into = pair_state(fcinfo, 0, FLOAT8OID, true);
	float8	   *from = SUMS(pair_state(fcinfo, 1, FLOAT8OID, false));

	SUMS(into)[WON] = float8_pl(SUMS(into)[WON], from[WON]);
	SUMS(into)[CLOSED] = float8_pl(SUMS(into)[CLOSED], from[CLOSED]);
	PG_RETURN_ARRAYTYPE_P(into);
}

PG_FUNCTION_INFO_V1(value_win_rate_float8_final);
Datum
value_win_rate_float8_final(PG_FUNCTION_ARGS)
{
	float8	   *sums = SUMS(pair_state(fcinfo, 0, FLOAT8OID, false));
	bool		isnull;
	float8		ratio = float8_sum_ratio(sums[WON], sums[CLOSED], &isnull);

	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(ratio);
}

/*
 * One row of value_win_rate(won boolean, amount numeric): won amount /
 * closed amount.  In a moving window (moving) the state exists from the
 * first row on, NULL rows included: PostgreSQL never inverts a NULL state.
 */
static Datum
value_win_rate_add_row(FunctionCallInfo fcinfo, const char *funcname, bool moving)
{
	MemoryContext aggcontext = salesops_aggcontext(fcinfo, funcname);
	ExactRatioState *state = PG_ARGISNULL(0) ? NULL : (ExactRatioState *) PG_GETARG_POINTER(0);

	if (state == NULL && (moving || (!PG_ARGISNULL(1) && !PG_ARGISNULL(2))))
		state = exact_ratio_state_new(aggcontext);
	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(2))
	{
		Money		amount = money_arg(fcinfo, 2);

		exact_sum_add_money(&state->denominator, amount, aggcontext);
		if (PG_GETARG_BOOL(1))
			exact_sum_add_money(&state->numerator, amount, aggcontext);
	}
	if (state == NULL)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(value_win_rate_trans);
Datum
value_win_rate_trans(PG_FUNCTION_ARGS)
{
	return value_win_rate_add_row(fcinfo, "value_win_rate_trans", false);
}

PG_FUNCTION_INFO_V1(value_win_rate_moving_trans);
Datum
value_win_rate_moving_trans(PG_FUNCTION_ARGS)
{
	return value_win_rate_add_row(fcinfo, "value_win_rate_moving_trans", true);
}

/*
 * Moving-window inverse: the row's amount out of both sums, exactly (NULL,
 * so that PostgreSQL recomputes the frame, for a NaN, infinite or wide
 * amount or a sum with a spill).
 */
PG_FUNCTION_INFO_V1(value_win_rate_inv);
Datum
value_win_rate_inv(PG_FUNCTION_ARGS)
{
	ExactRatioState *state = (ExactRatioState *) PG_GETARG_POINTER(0);

	(void) salesops_aggcontext(fcinfo, "value_win_rate_inv");
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(state);
	if (!exact_sum_remove_money(&state->denominator, money_arg(fcinfo, 2)) ||
		(PG_GETARG_BOOL(1) && !exact_sum_remove_money(&state->numerator, money_arg(fcinfo, 2))))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(value_win_rate_combine);
Datum
value_win_rate_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = salesops_aggcontext(fcinfo, "value_win_rate_combine");
	ExactRatioState *into = PG_ARGISNULL(0) ? NULL : (ExactRatioState *) PG_GETARG_POINTER(0);
	ExactRatioState *from;

	if (PG_ARGISNULL(1))
	{
		if (into == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(into);
	}
	from = (ExactRatioState *) PG_GETARG_POINTER(1);
	if (into == NULL)
		into = exact_ratio_state_new(aggcontext);
	exact_sum_merge(&into->numerator, &from->numerator, aggcontext);
	exact_sum_merge(&into->denominator, &from->denominator, aggcontext);
	PG_RETURN_POINTER(into);
}

PG_FUNCTION_INFO_V1(value_win_rate_serialize);
Datum
value_win_rate_serialize(PG_FUNCTION_ARGS)
{
	ExactRatioState *state = (ExactRatioState *) PG_GETARG_POINTER(0);
	StringInfoData buf;

	salesops_begin_state(&buf);
	exact_sum_serialize(&buf, &state->numerator);
	exact_sum_serialize(&buf, &state->denominator);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(value_win_rate_deserialize);
Datum
value_win_rate_deserialize(PG_FUNCTION_ARGS)
{
	ExactRatioState *state = palloc(sizeof(ExactRatioState));
	StringInfoData buf;

	salesops_begin_read(&buf, PG_GETARG_BYTEA_PP(0), "value_win_rate state");
	exact_sum_deserialize(&buf, &state->numerator);
	exact_sum_deserialize(&buf, &state->denominator);
	salesops_end_read(&buf);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(value_win_rate_final);
Datum
value_win_rate_final(PG_FUNCTION_ARGS)
{
	ExactRatioState *state = (ExactRatioState *) PG_GETARG_POINTER(0);
	bool		isnull;
	float8		ratio = exact_sum_ratio(&state->numerator, &state->denominator, &isnull);

	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(ratio);
}
