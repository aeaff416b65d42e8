/*
 * customers.c
 *	  What customers are worth and what acquiring them costs: the unit
 *	  economics of kpi-definitions.md section 17 (CAC, CAC payback, LTV,
 *	  magic number, sales efficiency).
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

#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

#include "exact.h"
#include "probability.h"

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
	bool		isnull;
	float8		ratio;

	exact_sum_set_numeric(&num, numerator);
	exact_sum_set_numeric(&den, denominator);
	ratio = exact_sum_ratio(&num, &den, &isnull);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(ratio);
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
