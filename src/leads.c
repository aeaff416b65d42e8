/*
 * leads.c
 *	  Lead KPIs (kpi-definitions.md section 15): the lead_summary type, its
 *	  aggregate, rollup and accessors.
 *
 * A row is one lead of a cohort (the caller filters the leads created in
 * the reporting period).  The summary counts the leads, the known and the
 * true values of "became an opportunity" and "became a customer" (a NULL
 * is left out of the ratio needing it, as avg() leaves it out), the leads
 * that became both, the marketing- and sales-sourced leads, and keeps the
 * response times: the first touch by a person minus the lead's creation,
 * in whole seconds (sub-second parts truncated), as an exact histogram
 * (day_histogram.h with seconds for days), so that the mean, median and
 * percentiles are exact and summaries merge exactly.  A lead never touched
 * is counted apart (it stays in the SLA denominator); a lead touched before
 * it was created (outbound: called first, entered after) has no response
 * clock and is counted apart too.  Every lead is exactly one of untouched,
 * pretouched or responded.
 *
 * The aggregates collect into an expanded object, as deal_summary does,
 * and store it once.
 */
#include "summary.h"

#include <math.h>

#include "common/int.h"
#include "datatype/timestamp.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/float.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "day_histogram.h"

typedef enum LeadCount
{
	LEAD_LEADS,
	LEAD_OPPORTUNITY_KNOWN,		/* opportunity not NULL */
	LEAD_OPPORTUNITIES,			/* opportunity true */
	LEAD_CUSTOMER_KNOWN,		/* customer not NULL */
	LEAD_CUSTOMERS,				/* customer true */
	LEAD_OPPORTUNITY_CUSTOMER_KNOWN,	/* opportunity true, customer not NULL */
	LEAD_OPPORTUNITY_CUSTOMERS, /* opportunity true, customer true */
	LEAD_MARKETING,				/* marketing_sourced true */
	LEAD_SALES,					/* marketing_sourced false */
	LEAD_UNTOUCHED,				/* no first touch */
	LEAD_PRETOUCHED,			/* first touch before creation */
	LEAD_COUNTS
} LeadCount;

static const char *const lead_count_names[LEAD_COUNTS] = {
	"leads", "opportunity_known", "opportunities", "customer_known", "customers",
	"opportunity_customer_known", "opportunity_customers", "marketing", "sales",
	"untouched", "pretouched"
};

static const SummaryType lead_type = {"lead_summary", "input", "the input columns",
SALESOPS_FORMAT_VERSION, SALESOPS_FORMAT_VERSION};

#define SECONDS_PER_HOUR 3600

/*
 * The stored summary: after the fixed part, the response histogram's
 * bins_used bins (seconds, each with a positive count), packed
 * (day_histogram.h): about 2 bytes a bin.  The packed bins are read one at
 * a time, checked as they are read.
 */
typedef struct LeadSummary
{
	int32		vl_len_;
	uint8		version;
	uint8		reserved[3];	/* zero */
	int32		bins_used;
	int32		reserved2;		/* zero */
	int64		counts[LEAD_COUNTS];
	uint8		bins[FLEXIBLE_ARRAY_MEMBER];	/* packed */
} LeadSummary;

#define LEAD_FIXED_SIZE offsetof(LeadSummary, bins)
#define LEAD_PACKED_SIZE(summary) (VARSIZE(summary) - LEAD_FIXED_SIZE)

#define PG_GETARG_LEAD_SUMMARY_P(n) lead_checked(PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

static LeadSummary *
lead_checked(void *value)
{
	LeadSummary *summary = (LeadSummary *) value;

	summary_check_header(value, LEAD_FIXED_SIZE, &lead_type);
	if (summary->bins_used < 0 || summary->bins_used > DAY_BIN_LIMIT ||
		LEAD_PACKED_SIZE(summary) < DAY_PACKED_BIN_MIN * (Size) summary->bins_used ||
		LEAD_PACKED_SIZE(summary) > DAY_PACKED_BIN_MAX * (Size) summary->bins_used ||
		summary->reserved[0] != 0 || summary->reserved[1] != 0 || summary->reserved[2] != 0 ||
		summary->reserved2 != 0)
		summary_corrupt(&lead_type, "Its size does not match its response histogram.");
	return summary;
}

/* The response histogram of a stored summary, to read. */
static DayBinReader
lead_responses(const LeadSummary *summary)
{
	return day_packed_reader(summary->bins, LEAD_PACKED_SIZE(summary), summary->bins_used,
							 lead_type.name);
}

/*
 * The fixed part of a stored summary of bins_used bins in packed_size
 * bytes, written to 'summary': its bins follow.  The packed bins fill
 * their bytes, so zeroing the fixed part zeroes every byte not written.
 */
static void
lead_write_fixed(LeadSummary *summary, const int64 *counts, int32 bins_used, Size packed_size)
{
	memset(summary, 0, LEAD_FIXED_SIZE);
	SET_VARSIZE(summary, LEAD_FIXED_SIZE + packed_size);
	summary->version = lead_type.version;
	summary->bins_used = bins_used;
	memcpy(summary->counts, counts, sizeof(summary->counts));
}

/* ---------- the transition state ---------- */

typedef struct LeadState
{
	ExpandedObjectHeader header;
	int64		counts[LEAD_COUNTS];
	DayTable	responses;		/* seconds in 'days', group 0 */
	/* between get_flat_size and flatten_into: */
	int32		flat_bins;
	Size		flat_packed_size;
} LeadState;

static Size
lead_state_flat_size(ExpandedObjectHeader *header)
{
	LeadState  *state = (LeadState *) header;

	state->flat_packed_size = day_table_packed_size(&state->responses, &state->flat_bins);
	return LEAD_FIXED_SIZE + state->flat_packed_size;
}

/* The stored form is packed straight from the histogram, with no copy in between. */
static void
lead_state_flatten(ExpandedObjectHeader *header, void *result, Size allocated_size)
{
	LeadState  *state = (LeadState *) header;

	Assert(allocated_size == LEAD_FIXED_SIZE + state->flat_packed_size);
	lead_write_fixed((LeadSummary *) result, state->counts, state->flat_bins,
					 state->flat_packed_size);
	day_table_write_packed(&state->responses, ((LeadSummary *) result)->bins);
}

/* The stored form of a state, in the current context. */
static LeadSummary *
lead_state_pack(LeadState *state)
{
	LeadSummary *summary = palloc(lead_state_flat_size(&state->header));

	lead_state_flatten(&state->header, summary, LEAD_FIXED_SIZE + state->flat_packed_size);
	return summary;
}

static const ExpandedObjectMethods lead_state_methods = {
	lead_state_flat_size,
	lead_state_flatten
};

static LeadState *
lead_state_new(MemoryContext context)
{
	LeadState  *state = MemoryContextAllocZero(context, sizeof(LeadState));

	EOH_init_header(&state->header, &lead_state_methods, context);
	state->responses.one_group = true;
	return state;
}

static void
lead_state_merge(LeadState *state, const LeadSummary *summary)
{
	for (int i = 0; i < LEAD_COUNTS; i++)
		state->counts[i] = add_counts(state->counts[i], summary->counts[i], lead_type.name);
	day_table_add_packed(&state->responses, summary->bins, LEAD_PACKED_SIZE(summary),
						 summary->bins_used, state->header.eoh_context, lead_type.name);
}

/*
 * Argument 0 as a state to update in place: the aggregate's own read-write
 * state; NULL, a new state; a stored summary (rollup's first, a combine
 * input, a direct call) copied into a new one.
 */
static LeadState *
lead_state_arg(FunctionCallInfo fcinfo)
{
	MemoryContext new_state_context;
	LeadState  *state;

	/* every row after the first: the inline test (the call costs as much as counting the row) */
	state = (LeadState *) summary_own_state(fcinfo, 0, &lead_state_methods);
	if (state)
		return state;
	state = (LeadState *) summary_state_of(fcinfo, 0, &lead_state_methods, &new_state_context);
	if (state)
		return state;
	state = lead_state_new(new_state_context);
	if (!PG_ARGISNULL(0))
		lead_state_merge(state, PG_GETARG_LEAD_SUMMARY_P(0));
	return state;
}

/* ---------- the aggregates ---------- */

/*
 * One lead: its outcome flags (arguments opportunity_argno and the two
 * after it: opportunity, customer, marketing_sourced) and its response,
 * 'microseconds' from creation to first touch when 'touched'.
 *
 * This runs once a row, so the flags are counted without branches (a NULL
 * flag adds 0 to its known and to its true count, whatever its Datum
 * holds), and only "leads" is checked for overflow: every other count is
 * at most "leads" in any state (rows and valid summaries keep it so:
 * doc/summary-invariants.md LS2-LS4 and LS7), so none can overflow while
 * "leads" does not.
 */
static inline Datum
lead_add(FunctionCallInfo fcinfo, int opportunity_argno, bool touched, int64 microseconds)
{
	bool		opportunity_known = !PG_ARGISNULL(opportunity_argno);
	bool		customer_known = !PG_ARGISNULL(opportunity_argno + 1);
	bool		source_known = !PG_ARGISNULL(opportunity_argno + 2);
	bool		opportunity = opportunity_known & PG_GETARG_BOOL(opportunity_argno);
	bool		customer = customer_known & PG_GETARG_BOOL(opportunity_argno + 1);
	bool		marketing = PG_GETARG_BOOL(opportunity_argno + 2);
	int64		seconds = microseconds / USECS_PER_SEC;	/* truncated toward zero */
	LeadState  *state;
	int64	   *n;

	if (touched && microseconds >= 0 && seconds > PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("lead response time out of range"),
				 errdetail("A response time is at most %d seconds (68 years), not " INT64_FORMAT ".",
						   PG_INT32_MAX, seconds),
				 errhint("Check the lead's creation and first-touch timestamps.")));
	state = lead_state_arg(fcinfo);
	n = state->counts;
	n[LEAD_LEADS] = add_counts(n[LEAD_LEADS], 1, lead_type.name);
	n[LEAD_OPPORTUNITY_KNOWN] += opportunity_known;
	n[LEAD_OPPORTUNITIES] += opportunity;
	n[LEAD_CUSTOMER_KNOWN] += customer_known;
	n[LEAD_CUSTOMERS] += customer;
	n[LEAD_OPPORTUNITY_CUSTOMER_KNOWN] += opportunity & customer_known;
	n[LEAD_OPPORTUNITY_CUSTOMERS] += opportunity & customer;
	n[LEAD_MARKETING] += source_known & marketing;
	n[LEAD_SALES] += source_known & !marketing;
	if (!touched)
		n[LEAD_UNTOUCHED]++;
	else if (microseconds < 0)
		n[LEAD_PRETOUCHED]++;
	else
		day_table_add(&state->responses, 0, (int32) seconds, 1, state->header.eoh_context, lead_type.name);
	PG_RETURN_DATUM(EOHPGetRWDatum(&state->header));
}

/*
 * lead_summary(created_at, first_touch_at timestamptz, opportunity,
 * customer, marketing_sourced boolean): a lead without a creation time is
 * skipped; without a first touch it is untouched.
 */
PG_FUNCTION_INFO_V1(lead_summary_trans);
Datum
lead_summary_trans(PG_FUNCTION_ARGS)
{
	TimestampTz created_at;
	TimestampTz first_touch_at;
	int64		microseconds;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(EOHPGetRWDatum(&lead_state_arg(fcinfo)->header));
	}
	if (PG_ARGISNULL(2))
		return lead_add(fcinfo, 3, false, 0);
	created_at = PG_GETARG_TIMESTAMPTZ(1);
	first_touch_at = PG_GETARG_TIMESTAMPTZ(2);
	if (TIMESTAMP_NOT_FINITE(created_at) || TIMESTAMP_NOT_FINITE(first_touch_at))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("cannot subtract infinite timestamps"),
				 errhint("A lead's creation and first touch are finite timestamps; pass NULL for a lead never touched.")));
	if (pg_sub_s64_overflow(first_touch_at, created_at, &microseconds))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("lead response time out of range")));
	return lead_add(fcinfo, 3, true, microseconds);
}

/*
 * lead_summary(response interval, opportunity, customer, marketing_sourced):
 * a response the caller computed (business hours); NULL is untouched, a
 * negative one pretouched.  Days count as 24 hours, as extract(epoch)
 * takes them; months have no fixed length.
 */
PG_FUNCTION_INFO_V1(lead_summary_interval_trans);
Datum
lead_summary_interval_trans(PG_FUNCTION_ARGS)
{
	Interval   *response;
	int64		microseconds;

	if (PG_ARGISNULL(1))
		return lead_add(fcinfo, 2, false, 0);
	response = PG_GETARG_INTERVAL_P(1);
	if (response->month != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("interval with months has no fixed length"),
				 errdetail("A response time of %s was given.",
						   DatumGetCString(DirectFunctionCall1(interval_out, PointerGetDatum(response)))),
				 errhint("Give response times in days, hours, minutes and seconds (justify_hours(), not justify_interval()).")));
	if (pg_mul_s64_overflow(response->day, USECS_PER_DAY, &microseconds) ||
		pg_add_s64_overflow(microseconds, response->time, &microseconds))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("lead response time out of range")));
	return lead_add(fcinfo, 2, true, microseconds);
}

/* Merges two lead summaries: combine function, rollup's transition. */
PG_FUNCTION_INFO_V1(lead_summary_combine);
Datum
lead_summary_combine(PG_FUNCTION_ARGS)
{
	LeadSummary *from = PG_GETARG_LEAD_SUMMARY_P(1);
	LeadState  *state = lead_state_arg(fcinfo);

	lead_state_merge(state, from);
	PG_RETURN_DATUM(EOHPGetRWDatum(&state->header));
}

PG_FUNCTION_INFO_V1(lead_summary_final);
Datum
lead_summary_final(PG_FUNCTION_ARGS)
{
	if (summary_is_state(PG_GETARG_DATUM(0), &lead_state_methods))
		PG_RETURN_POINTER(lead_state_pack((LeadState *) DatumGetEOHP(PG_GETARG_DATUM(0))));
	PG_RETURN_POINTER(PG_GETARG_LEAD_SUMMARY_P(0));
}

/* ---------- text and binary I/O ---------- */

/* The stored form of checked counts and bins (text or binary input), in the current context. */
static LeadSummary *
lead_pack(const int64 *counts, const DayBin *bins, int32 bins_used)
{
	LeadState  *state = lead_state_new(CurrentMemoryContext);

	memcpy(state->counts, counts, sizeof(state->counts));
	day_table_add_bins(&state->responses, bins, bins_used, CurrentMemoryContext, lead_type.name);
	return lead_state_pack(state);
}

/*
 * Text form: v1 leads=10 opportunity_known=10 opportunities=5 ...
 * pretouched=1 response_seconds={300:1,1200:1}: the counts in
 * lead_count_names order, then each response time in seconds with its
 * leads, ascending.
 */
PG_FUNCTION_INFO_V1(lead_summary_out);
Datum
lead_summary_out(PG_FUNCTION_ARGS)
{
	LeadSummary *summary = PG_GETARG_LEAD_SUMMARY_P(0);
	DayBinReader responses = lead_responses(summary);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "v%d", SALESOPS_FORMAT_VERSION);
	for (int i = 0; i < LEAD_COUNTS; i++)
		appendStringInfo(&buf, " %s=" INT64_FORMAT, lead_count_names[i], summary->counts[i]);
	appendStringInfoString(&buf, " response_seconds={");
	for (int32 i = 0; day_bins_next(&responses); i++)
	{
		CHECK_FOR_INTERRUPTS();
		appendStringInfo(&buf, "%s%d:" INT64_FORMAT, i > 0 ? "," : "",
						 responses.bin.days, responses.bin.count);
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

/* What no aggregate can produce (doc/summary-invariants.md, LS1 to LS7), or NULL. */
static const char *
lead_impossible(const int64 *n, const DayBin *bins, int32 bins_used)
{
	int128		responded = 0;

	for (int i = 0; i < LEAD_COUNTS; i++)
		if (n[i] < 0)
			return psprintf("\"%s\" cannot be negative.", lead_count_names[i]);
	if (n[LEAD_OPPORTUNITIES] > n[LEAD_OPPORTUNITY_KNOWN] || n[LEAD_OPPORTUNITY_KNOWN] > n[LEAD_LEADS] ||
		n[LEAD_CUSTOMERS] > n[LEAD_CUSTOMER_KNOWN] || n[LEAD_CUSTOMER_KNOWN] > n[LEAD_LEADS])
		return "Each outcome's true leads are among its known leads, and those among all leads.";
	if (n[LEAD_OPPORTUNITY_CUSTOMER_KNOWN] > n[LEAD_OPPORTUNITIES] ||
		n[LEAD_OPPORTUNITY_CUSTOMER_KNOWN] > n[LEAD_CUSTOMER_KNOWN] ||
		n[LEAD_OPPORTUNITY_CUSTOMERS] > n[LEAD_OPPORTUNITY_CUSTOMER_KNOWN] ||
		n[LEAD_OPPORTUNITY_CUSTOMERS] > n[LEAD_CUSTOMERS])
		return "The leads that became an opportunity and a customer are among both.";
	if ((int128) n[LEAD_MARKETING] + n[LEAD_SALES] > n[LEAD_LEADS])
		return "Marketing- and sales-sourced leads together cannot exceed the leads.";
	for (int32 i = 0; i < bins_used; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (bins[i].group != 0 || bins[i].days < 0 || bins[i].count < 1)
			return "Each listed response time is 0 seconds or more and has at least one lead.";
		if (i > 0 && bins[i].days <= bins[i - 1].days)
			return "Response times are listed once each, in ascending order.";
		responded += bins[i].count;
	}
	if ((int128) n[LEAD_UNTOUCHED] + n[LEAD_PRETOUCHED] + responded != n[LEAD_LEADS])
		return "Every lead is untouched, pretouched or has a response time: they must add up to \"leads\".";
	return NULL;
}

static void
lead_validate(const int64 *counts, const DayBin *bins, int32 bins_used, const char *input)
{
	const char *problem = lead_impossible(counts, bins, bins_used);

	if (problem)
		summary_invalid(&lead_type, input, problem);
}

/* Parse "{s:c,...}" into bins (grown as needed). */
static DayBin *
lead_parse_responses(char *value, int32 *bins_used, const char *input)
{
	const char *problem = "\"response_seconds\" must be a list such as {300:2,1200:1}: each response time in seconds with its leads.";
	int32		allocated = 8;
	DayBin	   *bins = palloc(sizeof(DayBin) * allocated);
	char	   *p = value;
	int32		n = 0;

	if (*p++ != '{')
		summary_bad_text(&lead_type, input, problem);
	while (*p != '}')
	{
		char	   *end;
		long		seconds;
		long long	count;

		CHECK_FOR_INTERRUPTS();
		errno = 0;
		seconds = strtol(p, &end, 10);
		if (end == p || !isdigit((unsigned char) *p) || errno != 0 || seconds > PG_INT32_MAX || *end != ':')
			summary_bad_text(&lead_type, input, problem);
		p = end + 1;
		count = strtoll(p, &end, 10);
		if (end == p || !isdigit((unsigned char) *p) || errno != 0 || (*end != ',' && *end != '}') ||
			(*end == ',' && end[1] == '}'))
			summary_bad_text(&lead_type, input, problem);
		if (n == allocated)
		{
			if (allocated >= DAY_BIN_LIMIT)
				summary_bad_text(&lead_type, input, "\"response_seconds\" has too many bins.");
			allocated *= 2;
			bins = repalloc_huge(bins, sizeof(DayBin) * allocated);
		}
		bins[n].days = (int32) seconds;
		bins[n].group = 0;
		bins[n++].count = count;
		p = *end == ',' ? end + 1 : end;
	}
	if (p[1] != '\0')
		summary_bad_text(&lead_type, input, problem);
	*bins_used = n;
	return bins;
}

PG_FUNCTION_INFO_V1(lead_summary_in);
Datum
lead_summary_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	int			version;
	char	   *cursor = summary_text_begin(pstrdup(input), &lead_type, input, &version);
	int64		counts[LEAD_COUNTS];
	DayBin	   *bins;
	int32		bins_used;

	for (int i = 0; i < LEAD_COUNTS; i++)
		counts[i] = summary_parse_count(&cursor, lead_count_names[i], &lead_type, input);
	bins = lead_parse_responses(summary_next_value(&cursor, "response_seconds", &lead_type, input),
								&bins_used, input);
	summary_parse_end(cursor, &lead_type, input);
	lead_validate(counts, bins, bins_used, input);
	PG_RETURN_POINTER(lead_pack(counts, bins, bins_used));
}

/*
 * Binary form: version byte, the counts (int64, lead_count_names order),
 * the bin count (int32), then per bin its seconds (int32) and leads (int64).
 */
PG_FUNCTION_INFO_V1(lead_summary_send);
Datum
lead_summary_send(PG_FUNCTION_ARGS)
{
	LeadSummary *summary = PG_GETARG_LEAD_SUMMARY_P(0);
	DayBinReader responses = lead_responses(summary);
	StringInfoData buf;

	salesops_begin_state(&buf);
	for (int i = 0; i < LEAD_COUNTS; i++)
		pq_sendint64(&buf, summary->counts[i]);
	pq_sendint32(&buf, summary->bins_used);
	while (day_bins_next(&responses))
	{
		CHECK_FOR_INTERRUPTS();
		pq_sendint32(&buf, responses.bin.days);
		pq_sendint64(&buf, responses.bin.count);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(lead_summary_recv);
Datum
lead_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int64		counts[LEAD_COUNTS];
	int32		bins_used;
	DayBin	   *bins;

	(void) summary_recv_version(buf, &lead_type);
	for (int i = 0; i < LEAD_COUNTS; i++)
		counts[i] = summary_recv_int64(buf, &lead_type);
	bins_used = summary_recv_int32(buf, &lead_type);
	/* each bin takes 12 bytes: a count the message cannot hold is a lie */
	if (bins_used < 0 || (Size) bins_used > (Size) (buf->len - buf->cursor) / 12)
		summary_invalid(&lead_type, NULL, "The response histogram is longer than the message.");
	bins = palloc_extended(sizeof(DayBin) * Max(1, bins_used), MCXT_ALLOC_HUGE);
	for (int32 i = 0; i < bins_used; i++)
	{
		CHECK_FOR_INTERRUPTS();
		bins[i].days = summary_recv_int32(buf, &lead_type);
		bins[i].group = 0;
		bins[i].count = summary_recv_int64(buf, &lead_type);
	}
	lead_validate(counts, bins, bins_used, NULL);
	PG_RETURN_POINTER(lead_pack(counts, bins, bins_used));
}

/* ---------- accessors ---------- */

static Datum
lead_count_result(FunctionCallInfo fcinfo, LeadCount which)
{
	PG_RETURN_INT64(PG_GETARG_LEAD_SUMMARY_P(0)->counts[which]);
}

PG_FUNCTION_INFO_V1(lead_summary_count);
Datum
lead_summary_count(PG_FUNCTION_ARGS)
{
	return lead_count_result(fcinfo, LEAD_LEADS);
}

PG_FUNCTION_INFO_V1(lead_summary_untouched);
Datum
lead_summary_untouched(PG_FUNCTION_ARGS)
{
	return lead_count_result(fcinfo, LEAD_UNTOUCHED);
}

PG_FUNCTION_INFO_V1(lead_summary_pretouched);
Datum
lead_summary_pretouched(PG_FUNCTION_ARGS)
{
	return lead_count_result(fcinfo, LEAD_PRETOUCHED);
}

/* The ratios of two counts (count_ratio_result: NULL for no lead in the denominator). */
#define LEAD_RATIO_ACCESSOR(name, numerator, denominator) \
	PG_FUNCTION_INFO_V1(name); \
	Datum \
	name(PG_FUNCTION_ARGS) \
	{ \
		const int64 *n = PG_GETARG_LEAD_SUMMARY_P(0)->counts; \
\
		return count_ratio_result(fcinfo, (numerator), (denominator)); \
	}

LEAD_RATIO_ACCESSOR(lead_summary_to_opportunity, n[LEAD_OPPORTUNITIES], n[LEAD_OPPORTUNITY_KNOWN])
LEAD_RATIO_ACCESSOR(lead_summary_to_customer, n[LEAD_CUSTOMERS], n[LEAD_CUSTOMER_KNOWN])
LEAD_RATIO_ACCESSOR(lead_summary_opportunity_to_customer, n[LEAD_OPPORTUNITY_CUSTOMERS],
					n[LEAD_OPPORTUNITY_CUSTOMER_KNOWN])
LEAD_RATIO_ACCESSOR(lead_summary_marketing_share, n[LEAD_MARKETING], n[LEAD_LEADS])
LEAD_RATIO_ACCESSOR(lead_summary_sales_share, n[LEAD_SALES], n[LEAD_LEADS])
LEAD_RATIO_ACCESSOR(lead_summary_other_share, n[LEAD_LEADS] - n[LEAD_MARKETING] - n[LEAD_SALES], n[LEAD_LEADS])

/* Mean response in hours: Σ seconds / (responded x 3600), rounded once. */
PG_FUNCTION_INFO_V1(lead_summary_response_avg);
Datum
lead_summary_response_avg(PG_FUNCTION_ARGS)
{
	DayBinReader responses = lead_responses(PG_GETARG_LEAD_SUMMARY_P(0));
	int128		seconds;
	int64		responded;

	day_bins_totals(&responses, &seconds, &responded);
	if (responded == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(int128_ratio_float8(seconds, (int128) responded * SECONDS_PER_HOUR));
}

static Datum
lead_response_percentile(FunctionCallInfo fcinfo, float8 fraction)
{
	DayBinReader responses = lead_responses(PG_GETARG_LEAD_SUMMARY_P(0));
	int128		seconds;
	int64		responded;

	day_bins_totals(&responses, &seconds, &responded);
	if (responded == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(day_bins_percentile(&responses, responded, fraction, SECONDS_PER_HOUR));
}

PG_FUNCTION_INFO_V1(lead_summary_response_median);
Datum
lead_summary_response_median(PG_FUNCTION_ARGS)
{
	return lead_response_percentile(fcinfo, 0.5);
}

PG_FUNCTION_INFO_V1(lead_summary_response_percentile);
Datum
lead_summary_response_percentile(PG_FUNCTION_ARGS)
{
	float8		fraction = PG_GETARG_FLOAT8(1);

	day_check_percentile(fraction);
	return lead_response_percentile(fcinfo, fraction);
}

/*
 * The SLA share: leads whose response, in hours as float8 (the value the
 * response accessors would give for that lead alone), is at most 'hours',
 * over the leads with a running clock (responded or untouched).  Comparing
 * the float8 hours makes responded_within(s, 5 / 60.0) count a response of
 * exactly 300 seconds: both are the float8 nearest 1/12.
 */
PG_FUNCTION_INFO_V1(lead_summary_responded_within);
Datum
lead_summary_responded_within(PG_FUNCTION_ARGS)
{
	LeadSummary *s = PG_GETARG_LEAD_SUMMARY_P(0);
	DayBinReader responses = lead_responses(s);
	float8		hours = PG_GETARG_FLOAT8(1);
	int64		within = 0;
	int64		responded = 0;

	if (isnan(hours) || hours < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("hours of responded_within must be zero or more, not %s", float8out_internal(hours))));
	while (day_bins_next(&responses))
	{
		CHECK_FOR_INTERRUPTS();
		responded = add_counts(responded, responses.bin.count, lead_type.name);
		if ((float8) responses.bin.days / SECONDS_PER_HOUR <= hours)
			within += responses.bin.count;
	}
	return count_ratio_result(fcinfo, within,
							  add_counts(responded, s->counts[LEAD_UNTOUCHED], lead_type.name));
}

/* ---------- equality, hashing and ordering: the counts, then the bins ---------- */

static int
lead_order(Datum a, Datum b)
{
	LeadSummary *x = lead_checked(PG_DETOAST_DATUM(a));
	LeadSummary *y = lead_checked(PG_DETOAST_DATUM(b));
	DayBinReader x_responses = lead_responses(x);
	DayBinReader y_responses = lead_responses(y);
	int			order = 0;

	for (int i = 0; order == 0 && i < LEAD_COUNTS; i++)
		order = summary_cmp_int64(x->counts[i], y->counts[i]);
	while (order == 0 && day_bins_next(&x_responses) && day_bins_next(&y_responses))
	{
		CHECK_FOR_INTERRUPTS();
		order = summary_cmp_int64(x_responses.bin.days, y_responses.bin.days);
		if (order == 0)
			order = summary_cmp_int64(x_responses.bin.count, y_responses.bin.count);
	}
	if (order == 0)
		order = summary_cmp_int64(x->bins_used, y->bins_used);
	return order;
}

static uint32
lead_hash_value(Datum value)
{
	LeadSummary *s = lead_checked(PG_DETOAST_DATUM(value));
	DayBinReader responses = lead_responses(s);
	uint32		hash = 0;

	for (int i = 0; i < LEAD_COUNTS; i++)
		hash = summary_hash_int64(hash, s->counts[i]);
	while (day_bins_next(&responses))
	{
		CHECK_FOR_INTERRUPTS();
		hash = summary_hash_int64(hash, responses.bin.days);
		hash = summary_hash_int64(hash, responses.bin.count);
	}
	return hash;
}

SUMMARY_ORDERING_FUNCTIONS(lead_summary, lead_order, lead_hash_value)
