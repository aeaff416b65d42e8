/*
 * fiscal.c
 *	  Fiscal periods: the fiscal quarter and fiscal year of a date, for a
 *	  fiscal year starting on the first day of any month.
 *
 * Quotas are set per fiscal period, so won deals must be bucketed by the
 * same periods before they are compared with them.  A fiscal year starting
 * in month m runs from the 1st of m to the day before the next 1st of m; its
 * quarters are the three-month blocks from its start.  It is named by the
 * calendar year in which it ENDS (a year starting 1 February 2024 is
 * FY2025), as most companies do; a fiscal year starting in January is the
 * calendar year.
 *
 * The date forms are IMMUTABLE: they depend on nothing but their arguments,
 * so they can be used in GROUP BY, joins, indexes and partition keys.  The
 * timestamptz forms (Salesforce's CreatedDate, HubSpot's dates; timestamp
 * arguments reach them by PostgreSQL's implicit cast) take the date in the
 * session's time zone, so they are STABLE.
 */
#include "salesops.h"

#include "datatype/timestamp.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/timestamp.h"

/* A date's place in its fiscal year. */
typedef struct FiscalPeriod
{
	int			year;			/* the fiscal year, astronomical: 0 is 1 BC */
	int			quarter;		/* 1..4 */
	int			quarter_start_year;		/* calendar year and month of the quarter's first day */
	int			quarter_start_month;
} FiscalPeriod;

static void
check_fy_start_month(int32 fy_start_month)
{
	if (fy_start_month < 1 || fy_start_month > 12)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("fiscal year start month \"%d\" is out of range", fy_start_month),
				 errdetail("The start month is a month number from 1 (January) to 12 (December)."),
				 errhint("For a fiscal year starting on 1 February, pass 2.")));
}

static void
fiscal_period_of(DateADT date, int fy_start_month, FiscalPeriod *period)
{
	int			year;
	int			month;
	int			day;
	int			months_in;

	j2date(date + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	months_in = (month - fy_start_month + 12) % 12;	/* months since the fiscal year began */
	period->quarter = months_in / 3 + 1;
	/* named by the calendar year it ends in: later if it began this calendar year */
	period->year = (fy_start_month > 1 && month >= fy_start_month) ? year + 1 : year;
	period->quarter_start_year = year;
	period->quarter_start_month = month - months_in % 3;
	if (period->quarter_start_month < 1)
	{
		period->quarter_start_month += 12;
		period->quarter_start_year--;
	}
}

/* The year as EXTRACT(YEAR) numbers it: no year 0, 1 BC is -1. */
static int
display_year(int astronomical_year)
{
	return astronomical_year > 0 ? astronomical_year : astronomical_year - 1;
}

/* Argument 0: a date, or the date of a timestamptz in the session's time zone. */
static DateADT
fiscal_date_arg(FunctionCallInfo fcinfo, bool timestamptz)
{
	if (timestamptz)
		return DatumGetDateADT(DirectFunctionCall1(timestamptz_date, PG_GETARG_DATUM(0)));
	return PG_GETARG_DATEADT(0);
}

/* The fiscal period of a finite date; infinite dates have none. */
static void
fiscal_period_finite(FunctionCallInfo fcinfo, bool timestamptz, FiscalPeriod *period)
{
	DateADT		date = fiscal_date_arg(fcinfo, timestamptz);
	int32		fy_start_month = PG_GETARG_INT32(1);

	check_fy_start_month(fy_start_month);
	if (DATE_NOT_FINITE(date))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("cannot compute the fiscal period of an infinite date")));
	fiscal_period_of(date, fy_start_month, period);
}

/*
 * fiscal_quarter(date, fy_start_month): the first day of the fiscal quarter
 * holding the date.  An infinite date stays as it is, as date_trunc() keeps
 * infinite timestamps.
 */
static Datum
fiscal_quarter_start_of(FunctionCallInfo fcinfo, bool timestamptz)
{
	DateADT		date = fiscal_date_arg(fcinfo, timestamptz);
	int32		fy_start_month = PG_GETARG_INT32(1);
	FiscalPeriod period;
	DateADT		result;

	check_fy_start_month(fy_start_month);
	if (DATE_NOT_FINITE(date))
		PG_RETURN_DATEADT(date);
	fiscal_period_of(date, fy_start_month, &period);
	if (!IS_VALID_JULIAN(period.quarter_start_year, period.quarter_start_month, 1))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date out of range")));
	result = date2j(period.quarter_start_year, period.quarter_start_month, 1) - POSTGRES_EPOCH_JDATE;
	if (!IS_VALID_DATE(result))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date out of range")));
	PG_RETURN_DATEADT(result);
}

/* fiscal_quarter_number(date, fy_start_month): 1..4 */
static Datum
fiscal_quarter_number_of(FunctionCallInfo fcinfo, bool timestamptz)
{
	FiscalPeriod period;

	fiscal_period_finite(fcinfo, timestamptz, &period);
	PG_RETURN_INT32(period.quarter);
}

/* fiscal_year(date, fy_start_month): named by the calendar year it ends in */
static Datum
fiscal_year_of(FunctionCallInfo fcinfo, bool timestamptz)
{
	FiscalPeriod period;

	fiscal_period_finite(fcinfo, timestamptz, &period);
	PG_RETURN_INT32(display_year(period.year));
}

/* fiscal_quarter_label(date, fy_start_month): 'FY2025 Q1' */
static Datum
fiscal_quarter_label_of(FunctionCallInfo fcinfo, bool timestamptz)
{
	FiscalPeriod period;

	fiscal_period_finite(fcinfo, timestamptz, &period);
	PG_RETURN_TEXT_P(cstring_to_text(psprintf("FY%d Q%d", display_year(period.year), period.quarter)));
}

/* The SQL functions: (date, int) and (timestamptz, int) of each. */
PG_FUNCTION_INFO_V1(fiscal_quarter_start);
Datum
fiscal_quarter_start(PG_FUNCTION_ARGS)
{
	return fiscal_quarter_start_of(fcinfo, false);
}

PG_FUNCTION_INFO_V1(fiscal_quarter_start_tstz);
Datum
fiscal_quarter_start_tstz(PG_FUNCTION_ARGS)
{
	return fiscal_quarter_start_of(fcinfo, true);
}

PG_FUNCTION_INFO_V1(fiscal_quarter_number);
Datum
fiscal_quarter_number(PG_FUNCTION_ARGS)
{
	return fiscal_quarter_number_of(fcinfo, false);
}

PG_FUNCTION_INFO_V1(fiscal_quarter_number_tstz);
Datum
fiscal_quarter_number_tstz(PG_FUNCTION_ARGS)
{
	return fiscal_quarter_number_of(fcinfo, true);
}

PG_FUNCTION_INFO_V1(fiscal_year);
Datum
fiscal_year(PG_FUNCTION_ARGS)
{
	return fiscal_year_of(fcinfo, false);
}

PG_FUNCTION_INFO_V1(fiscal_year_tstz);
Datum
fiscal_year_tstz(PG_FUNCTION_ARGS)
{
	return fiscal_year_of(fcinfo, true);
}

PG_FUNCTION_INFO_V1(fiscal_quarter_label);
Datum
fiscal_quarter_label(PG_FUNCTION_ARGS)
{
	return fiscal_quarter_label_of(fcinfo, false);
}

PG_FUNCTION_INFO_V1(fiscal_quarter_label_tstz);
Datum
fiscal_quarter_label_tstz(PG_FUNCTION_ARGS)
{
	return fiscal_quarter_label_of(fcinfo, true);
}
