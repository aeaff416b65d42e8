/*
 * customers.c
 *	  What customers are worth and what acquiring them costs: the unit
 *	  economics of kpi-definitions.md section 17 (CAC, CAC payback, LTV,
 *	  magic number, sales efficiency), churn and revenue retention
 *	  (section 10: churn_rate, net_revenue_retention,
 *	  gross_revenue_retention) and the turnover of the sales team itself
 *	  (section 16: rep_turnover, avg_headcount) further down.
 *
 * Their inputs come from different systems (finance spend, CRM counts,
 * billing MRR), already aggregated, so these are scalar functions, not
 * aggregates.  Their worth is in one place for the rules plain-SQL division
 * gets wrong: a zero denominator gives NULL (not error 22012), a negative
 * spend or count is an error, margins and churn rates are fractions (a
 * percentage is an error with the divide-by-100 hint), and every ratio is
 * exact and rounded once to float8 (ltv(100, 0.7, 0.07) is 1000, where
 * 100 * 0.7 / 0.07 in float8 is 999.9999999999999).  CAC is numeric, as
 * spend / new_customers::numeric prints it.  A float8 fraction enters the
 * exact arithmetic as fraction::numeric reads it, as probabilities do.
 */
#include "salesops.h"

#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/fmgroids.h"
#include "utils/fmgrprotos.h"

#include "probability.h"
#include "summary.h"

/* An amount that cannot be negative (a spend): NaN passes, as numeric compares it */
static void
check_not_negative(const char *what, Numeric value)
{
	if (salesops_numeric_sign(value) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s \"%s\" is out of range", what, salesops_numeric_out(value)),
				 errdetail("A %s is an amount of zero or more.", what)));
}

static Numeric
fraction_numeric(const char *what, const char *argument, float8 value)
{
	fraction_check_float8(what, argument, value);
	return DatumGetNumeric(DirectFunctionCall1(float8_numeric, Float8GetDatum(value)));
}

/* numerator / denominator, exact, rounded once; NULL when the denominator is not positive */
static Datum
exact_ratio_datum(FunctionCallInfo fcinfo, Numeric numerator, Numeric denominator)
{
	ExactSum	num;
	ExactSum	den;

	exact_sum_set_numeric(&num, numerator);
	exact_sum_set_numeric(&den, denominator);
	return exact_sum_ratio_result(fcinfo, &num, &den);
}

/* cac(spend, new_customers): spend per customer won; NULL with no new customer */
PG_FUNCTION_INFO_V1(unit_economics_cac);
Datum
unit_economics_cac(PG_FUNCTION_ARGS)
{
	Numeric		spend = PG_GETARG_NUMERIC(0);
	int64		new_customers = PG_GETARG_INT64(1);

	check_not_negative("spend", spend);
	if (new_customers < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("new customers " INT64_FORMAT " is out of range", new_customers),
				 errdetail("A count of new customers is zero or more.")));
	if (new_customers == 0)
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(numeric_div_opt_error(spend, int64_to_numeric(new_customers), NULL));
}

/*
 * cac_payback_months(spend, new_mrr, gross_margin): months of the new
 * customers' margin it takes to earn the spend back; NULL when their MRR
 * or the margin is not positive.
 */
PG_FUNCTION_INFO_V1(unit_economics_cac_payback_months);
Datum
unit_economics_cac_payback_months(PG_FUNCTION_ARGS)
{
	Numeric		spend = PG_GETARG_NUMERIC(0);
	Numeric		new_mrr = PG_GETARG_NUMERIC(1);
	Numeric		margin = fraction_numeric("gross margin", "gross_margin", PG_GETARG_FLOAT8(2));

	check_not_negative("spend", spend);
	return exact_ratio_datum(fcinfo, spend, numeric_mul_opt_error(new_mrr, margin, NULL));
}

/*
 * ltv(arpa, gross_margin, churn_rate): ARPA x margin over the churn rate of
 * the same time unit (1 / churn is the expected lifetime); NULL for a churn
 * of 0 (no finite lifetime), one period of margin for a churn of 1.
 */
PG_FUNCTION_INFO_V1(unit_economics_ltv);
Datum
unit_economics_ltv(PG_FUNCTION_ARGS)
{
	Numeric		arpa = PG_GETARG_NUMERIC(0);
	Numeric		margin = fraction_numeric("gross margin", "gross_margin", PG_GETARG_FLOAT8(1));
	Numeric		churn = fraction_numeric("churn rate", "churn_rate", PG_GETARG_FLOAT8(2));

	return exact_ratio_datum(fcinfo, numeric_mul_opt_error(arpa, margin, NULL), churn);
}

/*
 * magic_number(revenue, prev_revenue, prev_spend, annualize): the
 * recurring revenue gained over the previous period, annualized (x 4 for
 * quarters of MRR or revenue, x 1 for ARR), per unit of that period's
 * spend; negative when revenue fell; NULL when there was no spend.
 */
PG_FUNCTION_INFO_V1(unit_economics_magic_number);
Datum
unit_economics_magic_number(PG_FUNCTION_ARGS)
{
	Numeric		revenue = PG_GETARG_NUMERIC(0);
	Numeric		prev_revenue = PG_GETARG_NUMERIC(1);
	Numeric		prev_spend = PG_GETARG_NUMERIC(2);
	Numeric		annualize = PG_GETARG_NUMERIC(3);
	Numeric		gain;

	check_not_negative("spend", prev_spend);
	if (salesops_numeric_sign(annualize) <= 0 || numeric_is_nan(annualize) || numeric_is_inf(annualize))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("annualization factor \"%s\" is out of range", salesops_numeric_out(annualize)),
				 errdetail("The factor turns the period's revenue gain into a year's: a positive finite number."),
				 errhint("Use 4 for quarterly MRR or revenue, 12 for monthly, 1 for ARR.")));
	gain = numeric_sub_opt_error(revenue, prev_revenue, NULL);
	return exact_ratio_datum(fcinfo, numeric_mul_opt_error(gain, annualize, NULL), prev_spend);
}

/* sales_efficiency(new_arr, spend): new ARR booked per unit of spend; NULL with no spend */
PG_FUNCTION_INFO_V1(unit_economics_sales_efficiency);
Datum
unit_economics_sales_efficiency(PG_FUNCTION_ARGS)
{
	Numeric		new_arr = PG_GETARG_NUMERIC(0);
	Numeric		spend = PG_GETARG_NUMERIC(1);

	check_not_negative("spend", spend);
	return exact_ratio_datum(fcinfo, new_arr, spend);
}

/* ---------- churn and revenue retention (section 10) ---------- */

#define CHURNED		0
#define AT_START	1

/*
 * churn_rate(active_at_start, churned): customers lost among those active at
 * the period's start, in win_rate's int8[2] state {churned, active at start}
 * (its combine and final functions).  STRICT with INITCOND '{0,0}': a row
 * with either flag NULL is skipped; a customer not active at the start (won
 * inside the period) is not in the cohort, whatever became of it.
 */
static Datum
churn_rate_step(FunctionCallInfo fcinfo, int direction)
{
	ArrayType  *state = salesops_array_pair(fcinfo, 0, INT8OID, true, "churn rate");
	int64	   *counts = (int64 *) ARR_DATA_PTR(state);

	if (PG_GETARG_BOOL(1))
	{
		counts[AT_START] += direction;
		if (PG_GETARG_BOOL(2))
			counts[CHURNED] += direction;
	}
	PG_RETURN_ARRAYTYPE_P(state);
}

PG_FUNCTION_INFO_V1(churn_rate_trans);
Datum
churn_rate_trans(PG_FUNCTION_ARGS)
{
	return churn_rate_step(fcinfo, 1);
}

/* moving-window inverse: exact, the state being two counts */
PG_FUNCTION_INFO_V1(churn_rate_inv);
Datum
churn_rate_inv(PG_FUNCTION_ARGS)
{
	return churn_rate_step(fcinfo, -1);
}

/*
 * One customer row of net_revenue_retention / gross_revenue_retention:
 * starting MRR S, expansion E, contraction C, churned MRR X, each >= 0, and
 * C + X <= S (a customer cannot lose more than it had).  The state is
 * value_win_rate(numeric)'s exact_ratio_state (its combine and final
 * functions; a real type, so Citus can split these aggregates): numerator
 * S + E - C - X (net) or S - C - X (gross), denominator S.  A row with a NULL component is
 * skipped, as sum() skips NULLs; NaN follows numeric arithmetic.
 */
static void
retention_check(const char *what, Numeric value)
{
	if (salesops_numeric_sign(value) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s \"%s\" is out of range", what, salesops_numeric_out(value)),
				 errdetail("Starting MRR, expansion, contraction and churned MRR are amounts of zero or more."),
				 errhint("Give a contraction or a churn as a positive amount lost.")));
}
/*
 * The common row, four amounts of up to 18 digits at scale <= 18, read
 * without a numeric: aligned to the widest scale in int128 (< 10^37) and
 * checked; *kept = start - contraction - churned (+ expansion for NRR).
 * False leaves the row to the numeric path, which also raises the errors
 * with the amounts as given.
 */
static bool
retention_scaled(FunctionCallInfo fcinfo, bool net, int128 *kept, int128 *start, int *scale)
{
	ScaledValue parts[4];
	int128		amounts[4];
	int128		lost;

	*scale = 0;
	for (int i = 0; i < 4; i++)
	{
		if (numeric_classify(PG_GETARG_DATUM(i + 1), &parts[i]) != NUMERIC_CLASS_SCALED ||
			parts[i].digits < 0)
			return false;
		*scale = Max(*scale, parts[i].scale);
	}
	for (int i = 0; i < 4; i++)
		amounts[i] = (int128) parts[i].digits * scaled_powers_of_ten[*scale - parts[i].scale];
	lost = amounts[2] + amounts[3];
	if (lost > amounts[0])
		return false;
	*kept = amounts[0] - lost + (net ? amounts[1] : 0);
	*start = amounts[0];
	return true;
}


static Datum
retention_add_row(FunctionCallInfo fcinfo, bool net)
{
	ExactRatioState *state;
	Numeric		start;
	Numeric		expansion;
	Numeric		contraction;
	Numeric		churned;
	Numeric		lost;
	Numeric		kept;
	int128		scaled_kept;
	int128		scaled_start;
	int			scale;

	/*
	 * A row with a NULL amount is skipped; the first one gives an empty
	 * state (final: NULL), so that a moving window's inverse always has one.
	 */
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3) || PG_ARGISNULL(4))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_POINTER(ratio_state_new());
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (retention_scaled(fcinfo, net, &scaled_kept, &scaled_start, &scale))
	{
		state = ratio_state_arg(fcinfo, 0);
		state = ratio_state_add_scaled(state, RATIO_NUMERATOR, scaled_kept, scale);
		state = ratio_state_add_scaled(state, RATIO_DENOMINATOR, scaled_start, scale);
		PG_RETURN_POINTER(state);
	}
	start = PG_GETARG_NUMERIC(1);
	expansion = PG_GETARG_NUMERIC(2);
	contraction = PG_GETARG_NUMERIC(3);
	churned = PG_GETARG_NUMERIC(4);
	retention_check("starting MRR", start);
	retention_check("expansion", expansion);
	retention_check("contraction", contraction);
	retention_check("churned MRR", churned);
	lost = numeric_add_opt_error(contraction, churned, NULL);
	if (salesops_numeric_cmp(lost, start) > 0 && !numeric_is_nan(lost) && !numeric_is_nan(start))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("contraction and churned MRR (%s) exceed the starting MRR (%s)",
						salesops_numeric_out(lost), salesops_numeric_out(start)),
				 errdetail("A customer cannot lose more recurring revenue than it had at the start of the period."),
				 errhint("Leave customers won inside the period out of the cohort: their revenue is not starting MRR.")));
	kept = numeric_sub_opt_error(start, lost, NULL);
	if (net)
		kept = numeric_add_opt_error(kept, expansion, NULL);
	state = ratio_state_arg(fcinfo, 0);
	state = ratio_state_add_money(state, RATIO_NUMERATOR, money_of_numeric(kept));
	state = ratio_state_add_money(state, RATIO_DENOMINATOR, money_of_numeric(start));
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(net_revenue_retention_trans);
Datum
net_revenue_retention_trans(PG_FUNCTION_ARGS)
{
	return retention_add_row(fcinfo, true);
}

PG_FUNCTION_INFO_V1(gross_revenue_retention_trans);
Datum
gross_revenue_retention_trans(PG_FUNCTION_ARGS)
{
	return retention_add_row(fcinfo, false);
}

/*
 * Moving-window inverse: the row's kept and starting MRR out of the sums,
 * exactly, in place; NULL (PostgreSQL recomputes the frame) for a row the
 * scaled path cannot read or a sum with a spill.  A row with a NULL amount
 * was skipped, so there is nothing to take out.
 */
static Datum
retention_remove_row(FunctionCallInfo fcinfo, bool net)
{
	ExactRatioState *state = ratio_state_arg(fcinfo, 0);
	int128		kept;
	int128		start;
	int			scale;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3) || PG_ARGISNULL(4))
		PG_RETURN_POINTER(state);
	if (state->spill_mask != 0 || !retention_scaled(fcinfo, net, &kept, &start, &scale) ||
		!exact_core_remove_scaled(&state->sums[RATIO_NUMERATOR], kept, scale) ||
		!exact_core_remove_scaled(&state->sums[RATIO_DENOMINATOR], start, scale))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(net_revenue_retention_inv);
Datum
net_revenue_retention_inv(PG_FUNCTION_ARGS)
{
	return retention_remove_row(fcinfo, true);
}

PG_FUNCTION_INFO_V1(gross_revenue_retention_inv);
Datum
gross_revenue_retention_inv(PG_FUNCTION_ARGS)
{
	return retention_remove_row(fcinfo, false);
}

/* ---------- rep turnover (section 16) ---------- */

/*
 * rep_turnover and avg_headcount over spells (one row per rep and
 * employment: hired_on, the first day, and left_on, the last day employed,
 * inclusive; NULL = still there), in an int8[4] state {rep-days,
 * separations, period lower, period upper}: a real type, so Citus can
 * split it, and additive across teams.  The period is the same in every
 * row and every state combined.
 */
#define REP_DAYS		0
#define SEPARATIONS		1
#define PERIOD_LOWER	2
#define PERIOD_UPPER	3
#define TURNOVER_STATE	4

static int64 *
turnover_counts(ArrayType *state)
{
	if (ARR_NDIM(state) != 1 || ARR_DIMS(state)[0] != TURNOVER_STATE || ARR_HASNULL(state) ||
		ARR_ELEMTYPE(state) != INT8OID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rep turnover state must be an array of four bigints")));
	return (int64 *) ARR_DATA_PTR(state);
}

/* The period of a row: a non-empty daterange with two finite bounds. */
static DateWindow
turnover_period(FunctionCallInfo fcinfo, int argno, const char *name)
{
	DateWindow	period;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s period must not be null", name),
				 errdetail("The period is the same in every row: a null one is a mistake in the query, not missing data.")));
	if (!date_window_of_range(PointerGetDatum(PG_DETOAST_DATUM(PG_GETARG_DATUM(argno))), &period) ||
		!period.has_lower || !period.has_upper ||
		DATE_NOT_FINITE(period.lower) || DATE_NOT_FINITE(period.upper))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s period \"%s\" is not valid", name,
						OidOutputFunctionCall(F_RANGE_OUT, PG_GETARG_DATUM(argno))),
				 errdetail("The period is a non-empty date range with two finite bounds.")));
	return period;
}

static char *
date_text(int64 day)
{
	return DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum((DateADT) day)));
}

static void
turnover_check_period(const int64 *counts, DateWindow period, const char *name)
{
	if (counts[PERIOD_LOWER] != period.lower || counts[PERIOD_UPPER] != period.upper)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s period differs between rows", name),
				 errdetail("One row has the period [%s,%s), another [%s,%s).",
						   date_text(counts[PERIOD_LOWER]), date_text(counts[PERIOD_UPPER]),
						   date_text(period.lower), date_text(period.upper)),
				 errhint("Pass the same period to every row of a group; group by it for several periods.")));
}

/*
 * One spell: its days employed inside the period (hired_on to left_on,
 * both inclusive, clipped to [lower, upper)) and whether it separates in
 * the period (lower <= left_on < upper, when counts_as_left).
 */
static Datum
turnover_add_spell(FunctionCallInfo fcinfo, bool timestamptz, bool has_left_counts, const char *name)
{
	int			period_argno = has_left_counts ? 4 : 3;
	DateWindow	period = turnover_period(fcinfo, period_argno, name);
	ArrayType  *state;
	int64	   *counts;
	DateADT		hired;
	int64		first;
	int64		end;

	if (PG_ARGISNULL(0))
	{
		Datum		initial[TURNOVER_STATE] = {Int64GetDatum(0), Int64GetDatum(0),
		Int64GetDatum(period.lower), Int64GetDatum(period.upper)};

		state = construct_array(initial, TURNOVER_STATE, INT8OID, sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
	}
	else
		state = AggCheckCallContext(fcinfo, NULL) ? PG_GETARG_ARRAYTYPE_P(0) : PG_GETARG_ARRAYTYPE_P_COPY(0);
	counts = turnover_counts(state);
	turnover_check_period(counts, period, name);
	if (PG_ARGISNULL(1))
		PG_RETURN_ARRAYTYPE_P(state);	/* no hire date: not a spell */

	hired = salesops_date_arg(fcinfo, 1, timestamptz);
	first = Max((int64) hired, (int64) period.lower);
	end = period.upper;
	if (!PG_ARGISNULL(2))
	{
		DateADT		left = salesops_date_arg(fcinfo, 2, timestamptz);

		if (left < hired)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s spell ends before it starts", name),
					 errdetail("left_on %s is before hired_on %s.", date_text(left), date_text(hired)),
					 errhint("left_on is the last day employed; a rep hired again has a second spell.")));
		end = Min(end, (int64) left + 1);
		if (left >= period.lower && left < period.upper &&
			(!has_left_counts || (!PG_ARGISNULL(3) && PG_GETARG_BOOL(3))))
			counts[SEPARATIONS]++;
	}
	if (end > first)
		counts[REP_DAYS] += end - first;
	PG_RETURN_ARRAYTYPE_P(state);
}

PG_FUNCTION_INFO_V1(rep_turnover_trans);
Datum
rep_turnover_trans(PG_FUNCTION_ARGS)
{
	return turnover_add_spell(fcinfo, false, false, "rep turnover");
}

PG_FUNCTION_INFO_V1(rep_turnover_timestamptz_trans);
Datum
rep_turnover_timestamptz_trans(PG_FUNCTION_ARGS)
{
	return turnover_add_spell(fcinfo, true, false, "rep turnover");
}

PG_FUNCTION_INFO_V1(rep_turnover_left_counts_trans);
Datum
rep_turnover_left_counts_trans(PG_FUNCTION_ARGS)
{
	return turnover_add_spell(fcinfo, false, true, "rep turnover");
}

PG_FUNCTION_INFO_V1(rep_turnover_left_counts_timestamptz_trans);
Datum
rep_turnover_left_counts_timestamptz_trans(PG_FUNCTION_ARGS)
{
	return turnover_add_spell(fcinfo, true, true, "rep turnover");
}

PG_FUNCTION_INFO_V1(rep_turnover_combine);
Datum
rep_turnover_combine(PG_FUNCTION_ARGS)
{
	ArrayType  *into;
	int64	   *counts;
	const int64 *from;
	DateWindow	period;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (PG_ARGISNULL(0))
		PG_RETURN_DATUM(PG_GETARG_DATUM(1));
	into = AggCheckCallContext(fcinfo, NULL) ? PG_GETARG_ARRAYTYPE_P(0) : PG_GETARG_ARRAYTYPE_P_COPY(0);
	counts = turnover_counts(into);
	from = turnover_counts(PG_GETARG_ARRAYTYPE_P(1));
	period.lower = from[PERIOD_LOWER];
	period.upper = from[PERIOD_UPPER];
	turnover_check_period(counts, period, "rep turnover");
	counts[REP_DAYS] = add_counts(counts[REP_DAYS], from[REP_DAYS], "rep turnover");
	counts[SEPARATIONS] = add_counts(counts[SEPARATIONS], from[SEPARATIONS], "rep turnover");
	PG_RETURN_ARRAYTYPE_P(into);
}

/* a / b as float8 with one rounding (integers; NULL when b is 0) */
static Datum
integer_ratio(FunctionCallInfo fcinfo, int128 a, int128 b)
{
	ExactSum	num;
	ExactSum	den;

	exact_sum_init(&num);
	exact_sum_init(&den);
	exact_sum_add_scaled(&num, a, 0, CurrentMemoryContext);
	exact_sum_add_scaled(&den, b, 0, CurrentMemoryContext);
	return exact_sum_ratio_result(fcinfo, &num, &den);
}

/* separations / (rep-days / days) = separations x days / rep-days; NULL with no rep-day */
PG_FUNCTION_INFO_V1(rep_turnover_final);
Datum
rep_turnover_final(PG_FUNCTION_ARGS)
{
	const int64 *counts = turnover_counts(PG_GETARG_ARRAYTYPE_P(0));

	return integer_ratio(fcinfo, (int128) counts[SEPARATIONS] * (counts[PERIOD_UPPER] - counts[PERIOD_LOWER]),
						 counts[REP_DAYS]);
}

/* rep-days / days: the mean daily headcount */
PG_FUNCTION_INFO_V1(avg_headcount_final);
Datum
avg_headcount_final(PG_FUNCTION_ARGS)
{
	const int64 *counts = turnover_counts(PG_GETARG_ARRAYTYPE_P(0));

	/* no rep-day in the period: NULL, as rep_turnover (section 16), not 0 */
	if (counts[REP_DAYS] == 0)
		PG_RETURN_NULL();
	return integer_ratio(fcinfo, counts[REP_DAYS], counts[PERIOD_UPPER] - counts[PERIOD_LOWER]);
}
