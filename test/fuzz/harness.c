/*
 * test/fuzz/harness.c
 *	  In-backend fuzz harness for salesops' parsers of untrusted bytes.
 *
 * Compiled ONLY into the sanitizer build (test/lib/sanitizer.sh), never into
 * the installed extension: the install scripts do not declare it, and the
 * fuzz driver (test/fuzz/fuzz.py) creates the SQL function by hand, as a
 * superuser, in its own scratch database.
 *
 *   salesops_fuzz_one(target text, input bytea,
 *                     OUT status text, OUT detail text, OUT coverage bytea,
 *                     OUT value text)
 *
 * runs one input through the real parser, inside the real backend (palloc,
 * ereport, numeric_in, float8in), under UBSan:
 *
 *   forecast_error_in, deal_summary_in,
 *   attainment_in, pipeline_flow_in,
 *   exact_ratio_state_in,
 *   float_ratio_state_in,
 *   stage_funnel_in, stage_time_in,
 *   lead_summary_in, rep_attainment_in       text input (bytes up to the first
 *                                            NUL, skipped unless valid in the
 *                                            server encoding, as the protocol
 *                                            guarantees)
 *   forecast_error_recv, deal_summary_recv,
 *   attainment_recv, pipeline_flow_recv,
 *   exact_ratio_state_recv,
 *   float_ratio_state_recv,
 *   stage_funnel_recv, stage_time_recv,
 *   lead_summary_recv, rep_attainment_recv   binary input, with the core's
 *                                            "all bytes consumed" check
 *
 * (exact_ratio_state, the state of value_win_rate, quota_attainment,
 * weighted_pipeline and the revenue retentions, goes through the summary
 * oracle with exact_ratio_state_combine as its rollup and the final
 * function as its accessor.  float_ratio_state, the state of
 * weighted_pipeline(float8, float8) and value_win_rate(boolean, float8), two
 * exact float8 sums, has float_ratio_state_combine as its rollup and the two
 * final functions as its accessors.  rep_attainment, attainment_by_rep's per-rep
 * sums, has rep_attainment_combine as its rollup, with
 * rep_attainment_final, and attainment(rep_attainment) as its accessor,
 * which may return NULL: a value without a rep with a quota.)
 *
 * and, when the parser accepts the input, checks what must then hold (the
 * "oracle"): text and binary output read back to the same value, rollup of
 * the value with itself is again a valid value, every accessor runs (an
 * accessor may raise a data exception, class 22, but nothing else; the
 * accessors that take a bar name, as pipeline_flow's flow_deals and
 * flow_amount do, run with every name; those that take a stage, as
 * stage_funnel's and stage_time's do, with every stage and with 0 and n + 1,
 * which must raise a data exception; lead_summary's responded_within, which
 * takes hours, with a few hours from 0 to +Infinity, and with -1 and NaN,
 * which must raise a data exception).
 * status is 'ok', 'rejected' (the parser raised an error; detail = SQLSTATE
 * and message), 'wrong' (an oracle failed; detail says which) or 'skipped'.
 * value is the text form of an accepted summary (NULL otherwise): the
 * driver checks the summary invariants on it through the SQL accessors
 * (test/fuzz/invariants.py, doc/summary-invariants.md).
 * A crash (UBSan abort, segfault, failed assertion) ends the backend: the driver sees
 * the connection drop.
 *
 * Errors are caught in an internal subtransaction, as PL/pgSQL's EXCEPTION
 * blocks do, so that every resource the failed call held is released.
 *
 * Coverage: the sanitizer build compiles every salesops source with
 * -fsanitize-coverage=inline-8bit-counters: one 8-bit counter per edge,
 * all in the library's __sancov_cntrs section.  We zero the counters before
 * each input and return them after it.  The driver keeps an input that reaches a new
 * (counter, bucket) pair: coverage-guided mutation fuzzing, as libFuzzer
 * does, but of the functions running in a real backend.
 */
#include "salesops.h"

#include "exact.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/resowner.h"

PG_FUNCTION_INFO_V1(salesops_fuzz_one);

extern Datum forecast_error_in(PG_FUNCTION_ARGS);
extern Datum forecast_error_out(PG_FUNCTION_ARGS);
extern Datum forecast_error_recv(PG_FUNCTION_ARGS);
extern Datum forecast_error_send(PG_FUNCTION_ARGS);
extern Datum forecast_error_combine(PG_FUNCTION_ARGS);
extern Datum forecast_error_count(PG_FUNCTION_ARGS);
extern Datum forecast_error_zero_actuals(PG_FUNCTION_ARGS);
extern Datum forecast_error_mae(PG_FUNCTION_ARGS);
extern Datum forecast_error_rmse(PG_FUNCTION_ARGS);
extern Datum forecast_error_mape(PG_FUNCTION_ARGS);
extern Datum forecast_error_wape(PG_FUNCTION_ARGS);
extern Datum forecast_error_smape(PG_FUNCTION_ARGS);
extern Datum forecast_error_bias(PG_FUNCTION_ARGS);
extern Datum forecast_error_bias_pct(PG_FUNCTION_ARGS);
extern Datum forecast_error_accuracy(PG_FUNCTION_ARGS);
extern Datum forecast_error_tracking_signal(PG_FUNCTION_ARGS);
extern Datum forecast_error_mase(PG_FUNCTION_ARGS);
extern Datum deal_summary_in(PG_FUNCTION_ARGS);
extern Datum deal_summary_out(PG_FUNCTION_ARGS);
extern Datum deal_summary_recv(PG_FUNCTION_ARGS);
extern Datum deal_summary_send(PG_FUNCTION_ARGS);
extern Datum deal_summary_combine(PG_FUNCTION_ARGS);
extern Datum deal_summary_final(PG_FUNCTION_ARGS);
extern Datum deal_summary_win_rate(PG_FUNCTION_ARGS);
extern Datum deal_summary_value_win_rate(PG_FUNCTION_ARGS);
extern Datum deal_summary_weighted_pipeline(PG_FUNCTION_ARGS);
extern Datum deal_summary_open_pipeline(PG_FUNCTION_ARGS);
extern Datum deal_summary_won_amount(PG_FUNCTION_ARGS);
extern Datum deal_summary_lost_amount(PG_FUNCTION_ARGS);
extern Datum deal_summary_open_deals(PG_FUNCTION_ARGS);
extern Datum deal_summary_won_deals(PG_FUNCTION_ARGS);
extern Datum deal_summary_lost_deals(PG_FUNCTION_ARGS);
extern Datum deal_summary_avg_deal_size(PG_FUNCTION_ARGS);
extern Datum deal_summary_avg_sales_cycle(PG_FUNCTION_ARGS);
extern Datum deal_summary_median_sales_cycle(PG_FUNCTION_ARGS);
extern Datum deal_summary_sales_cycle_percentile(PG_FUNCTION_ARGS);
extern Datum deal_summary_sales_velocity(PG_FUNCTION_ARGS);
extern Datum attainment_in(PG_FUNCTION_ARGS);
extern Datum attainment_out(PG_FUNCTION_ARGS);
extern Datum attainment_recv(PG_FUNCTION_ARGS);
extern Datum attainment_send(PG_FUNCTION_ARGS);
extern Datum attainment_combine(PG_FUNCTION_ARGS);
extern Datum attainment_final(PG_FUNCTION_ARGS);
extern Datum attainment_quota_attainment(PG_FUNCTION_ARGS);
extern Datum attainment_pct_at_quota(PG_FUNCTION_ARGS);
extern Datum attainment_reps(PG_FUNCTION_ARGS);
extern Datum attainment_reps_at_quota(PG_FUNCTION_ARGS);
extern Datum attainment_median(PG_FUNCTION_ARGS);
extern Datum attainment_total_achieved(PG_FUNCTION_ARGS);
extern Datum attainment_total_quota(PG_FUNCTION_ARGS);
extern Datum attainment_zero_quotas(PG_FUNCTION_ARGS);
extern Datum pipeline_flow_in(PG_FUNCTION_ARGS);
extern Datum pipeline_flow_out(PG_FUNCTION_ARGS);
extern Datum pipeline_flow_recv(PG_FUNCTION_ARGS);
extern Datum pipeline_flow_send(PG_FUNCTION_ARGS);
extern Datum pipeline_flow_combine(PG_FUNCTION_ARGS);
extern Datum pipeline_flow_amount(PG_FUNCTION_ARGS);
extern Datum pipeline_flow_deals(PG_FUNCTION_ARGS);
extern Datum pipeline_flow_period(PG_FUNCTION_ARGS);
extern Datum pipeline_flow_target(PG_FUNCTION_ARGS);
extern Datum lead_summary_in(PG_FUNCTION_ARGS);
extern Datum lead_summary_out(PG_FUNCTION_ARGS);
extern Datum lead_summary_recv(PG_FUNCTION_ARGS);
extern Datum lead_summary_send(PG_FUNCTION_ARGS);
extern Datum lead_summary_combine(PG_FUNCTION_ARGS);
extern Datum lead_summary_final(PG_FUNCTION_ARGS);
extern Datum lead_summary_count(PG_FUNCTION_ARGS);
extern Datum lead_summary_untouched(PG_FUNCTION_ARGS);
extern Datum lead_summary_pretouched(PG_FUNCTION_ARGS);
extern Datum lead_summary_to_opportunity(PG_FUNCTION_ARGS);
extern Datum lead_summary_to_customer(PG_FUNCTION_ARGS);
extern Datum lead_summary_opportunity_to_customer(PG_FUNCTION_ARGS);
extern Datum lead_summary_marketing_share(PG_FUNCTION_ARGS);
extern Datum lead_summary_sales_share(PG_FUNCTION_ARGS);
extern Datum lead_summary_other_share(PG_FUNCTION_ARGS);
extern Datum lead_summary_response_avg(PG_FUNCTION_ARGS);
extern Datum lead_summary_response_median(PG_FUNCTION_ARGS);
extern Datum lead_summary_response_percentile(PG_FUNCTION_ARGS);
extern Datum lead_summary_responded_within(PG_FUNCTION_ARGS);
extern Datum stage_funnel_in(PG_FUNCTION_ARGS);
extern Datum stage_funnel_out(PG_FUNCTION_ARGS);
extern Datum stage_funnel_recv(PG_FUNCTION_ARGS);
extern Datum stage_funnel_send(PG_FUNCTION_ARGS);
extern Datum stage_funnel_combine(PG_FUNCTION_ARGS);
extern Datum stage_funnel_stages(PG_FUNCTION_ARGS);
extern Datum stage_funnel_reached(PG_FUNCTION_ARGS);
extern Datum stage_funnel_advanced(PG_FUNCTION_ARGS);
extern Datum stage_funnel_dropped(PG_FUNCTION_ARGS);
extern Datum stage_funnel_open(PG_FUNCTION_ARGS);
extern Datum stage_funnel_conversion(PG_FUNCTION_ARGS);
extern Datum stage_funnel_pass_rate(PG_FUNCTION_ARGS);
extern Datum stage_time_in(PG_FUNCTION_ARGS);
extern Datum stage_time_out(PG_FUNCTION_ARGS);
extern Datum stage_time_recv(PG_FUNCTION_ARGS);
extern Datum stage_time_send(PG_FUNCTION_ARGS);
extern Datum stage_time_combine(PG_FUNCTION_ARGS);
extern Datum stage_time_final(PG_FUNCTION_ARGS);
extern Datum stage_time_stages(PG_FUNCTION_ARGS);
extern Datum stage_time_avg(PG_FUNCTION_ARGS);
extern Datum stage_time_median(PG_FUNCTION_ARGS);
extern Datum stage_time_percentile(PG_FUNCTION_ARGS);
extern Datum stage_time_stays(PG_FUNCTION_ARGS);
extern Datum stage_time_in_progress(PG_FUNCTION_ARGS);
extern Datum exact_ratio_state_in(PG_FUNCTION_ARGS);
extern Datum exact_ratio_state_out(PG_FUNCTION_ARGS);
extern Datum exact_ratio_state_recv(PG_FUNCTION_ARGS);
extern Datum exact_ratio_state_send(PG_FUNCTION_ARGS);
extern Datum exact_ratio_state_combine(PG_FUNCTION_ARGS);
extern Datum value_win_rate_final(PG_FUNCTION_ARGS);
extern Datum float_ratio_state_in(PG_FUNCTION_ARGS);
extern Datum float_ratio_state_out(PG_FUNCTION_ARGS);
extern Datum float_ratio_state_recv(PG_FUNCTION_ARGS);
extern Datum float_ratio_state_send(PG_FUNCTION_ARGS);
extern Datum float_ratio_state_combine(PG_FUNCTION_ARGS);
extern Datum value_win_rate_float8_sum_final(PG_FUNCTION_ARGS);
extern Datum weighted_pipeline_float8_final(PG_FUNCTION_ARGS);
extern Datum rep_attainment_in(PG_FUNCTION_ARGS);
extern Datum rep_attainment_out(PG_FUNCTION_ARGS);
extern Datum rep_attainment_recv(PG_FUNCTION_ARGS);
extern Datum rep_attainment_send(PG_FUNCTION_ARGS);
extern Datum rep_attainment_combine(PG_FUNCTION_ARGS);
extern Datum rep_attainment_final(PG_FUNCTION_ARGS);
extern Datum rep_attainment_attainment(PG_FUNCTION_ARGS);

/* ---------- coverage ---------- */

/*
 * The linker gathers every instrumented function's counters into one
 * __sancov_cntrs section of this library and defines its bounds (hidden, so
 * they are this library's own).  Weak: NULL when built without coverage.
 */
extern uint8 __start___sancov_cntrs[] __attribute__((weak, visibility("hidden")));
extern uint8 __stop___sancov_cntrs[] __attribute__((weak, visibility("hidden")));

/* The compiler's module constructor calls this; the bounds above suffice. */
extern void __sanitizer_cov_8bit_counters_init(uint8 *start, uint8 *end);
__attribute__((visibility("hidden"))) void
__sanitizer_cov_8bit_counters_init(uint8 *start, uint8 *end)
{
}

#define counters_start __start___sancov_cntrs
#define counters_end __stop___sancov_cntrs

/* ---------- oracles ---------- */

/* An accessor f(summary, text name), run with each of its names. */
typedef struct NamedAccessor
{
	PGFunction	f;
	const char *const *names;	/* NULL-terminated */
} NamedAccessor;

/* The storable summary types and their functions. */
typedef struct SummaryType
{
	PGFunction	in;
	PGFunction	out;
	PGFunction	recv;
	PGFunction	send;
	PGFunction	combine;
	PGFunction	final;			/* of rollup(), or NULL */
	PGFunction	accessors[16];	/* f(summary), NULL-terminated */
	PGFunction	fraction_accessors[4];	/* f(summary, float8), NULL-terminated */
	NamedAccessor named_accessors[4];	/* f(summary, text), ended by a NULL f */
	/* types with stages: f(summary) giving n, f(summary, stage), f(summary, stage, float8) */
	PGFunction	stage_count;	/* or NULL */
	PGFunction	stage_accessors[8]; /* NULL-terminated */
	PGFunction	stage_fraction_accessors[2];	/* NULL-terminated */
	/* f(summary, float8 hours), as lead_summary's responded_within: run with each of hours[] */
	PGFunction	hours_accessors[2];	/* NULL-terminated */
} SummaryType;

static const SummaryType forecast_error_type = {
	forecast_error_in, forecast_error_out, forecast_error_recv, forecast_error_send,
	forecast_error_combine, NULL,
	{forecast_error_count, forecast_error_zero_actuals, forecast_error_mae,
		forecast_error_rmse, forecast_error_mape, forecast_error_wape, forecast_error_smape,
	forecast_error_bias, forecast_error_bias_pct, forecast_error_accuracy,
	forecast_error_tracking_signal, NULL},
	{forecast_error_mase, NULL}
};

static const SummaryType deal_summary_type = {
	deal_summary_in, deal_summary_out, deal_summary_recv, deal_summary_send,
	deal_summary_combine, deal_summary_final,
	{deal_summary_win_rate, deal_summary_value_win_rate, deal_summary_weighted_pipeline,
		deal_summary_open_pipeline, deal_summary_won_amount, deal_summary_lost_amount,
		deal_summary_open_deals, deal_summary_won_deals, deal_summary_lost_deals,
		deal_summary_avg_deal_size, deal_summary_avg_sales_cycle,
	deal_summary_median_sales_cycle, deal_summary_sales_velocity, NULL},
	{deal_summary_sales_cycle_percentile, NULL}
};

static const SummaryType attainment_type = {
	attainment_in, attainment_out, attainment_recv, attainment_send,
	attainment_combine, attainment_final,
	{attainment_quota_attainment, attainment_reps, attainment_median,
	attainment_total_achieved, attainment_total_quota, attainment_zero_quotas, NULL},
	{attainment_pct_at_quota, attainment_reps_at_quota, NULL}
};

/* pipeline_flow's bars, in waterfall order, and its memo counts */
static const char *const flow_bars[] = {
	"start", "new", "pulled_in", "added", "increased", "decreased",
	"pushed_out", "removed", "won", "lost", "end", NULL
};
static const char *const flow_bars_and_memos[] = {
	"start", "new", "pulled_in", "added", "increased", "decreased",
	"pushed_out", "removed", "won", "lost", "end",
	"unchanged", "unvalued_start", "unvalued_end", NULL
};

/* rollup(pipeline_flow) has the combine function as its transition and no final function */
static const SummaryType pipeline_flow_type = {
	pipeline_flow_in, pipeline_flow_out, pipeline_flow_recv, pipeline_flow_send,
	pipeline_flow_combine, NULL,
	{pipeline_flow_period, pipeline_flow_target, NULL},
	{NULL},
	{{pipeline_flow_deals, flow_bars_and_memos}, {pipeline_flow_amount, flow_bars}, {NULL, NULL}}
};

/* rollup(stage_funnel) has the combine function as its transition and no final function */
static const SummaryType stage_funnel_type = {
	stage_funnel_in, stage_funnel_out, stage_funnel_recv, stage_funnel_send,
	stage_funnel_combine, NULL,
	{stage_funnel_stages, NULL},
	{NULL},
	{{NULL, NULL}},
	stage_funnel_stages,
	{stage_funnel_reached, stage_funnel_advanced, stage_funnel_dropped, stage_funnel_open,
	stage_funnel_conversion, stage_funnel_pass_rate, NULL},
	{NULL}
};

static const SummaryType stage_time_type = {
	stage_time_in, stage_time_out, stage_time_recv, stage_time_send,
	stage_time_combine, stage_time_final,
	{stage_time_stages, NULL},
	{NULL},
	{{NULL, NULL}},
	stage_time_stages,
	{stage_time_avg, stage_time_median, stage_time_stays, stage_time_in_progress, NULL},
	{stage_time_percentile, NULL}
};

/* rollup(lead_summary) has the combine function as its transition and a final function */
static const SummaryType lead_summary_type = {
	lead_summary_in, lead_summary_out, lead_summary_recv, lead_summary_send,
	lead_summary_combine, lead_summary_final,
	{lead_summary_count, lead_summary_untouched, lead_summary_pretouched,
		lead_summary_to_opportunity, lead_summary_to_customer,
		lead_summary_opportunity_to_customer, lead_summary_marketing_share,
		lead_summary_sales_share, lead_summary_other_share, lead_summary_response_avg,
	lead_summary_response_median, NULL},
	{lead_summary_response_percentile, NULL},
	{{NULL, NULL}},
	NULL,
	{NULL},
	{NULL},
	{lead_summary_responded_within, NULL}
};

/* the state of the ratios of two exact sums: combine as rollup, the ratio as accessor */
static const SummaryType exact_ratio_state_type = {
	exact_ratio_state_in, exact_ratio_state_out, exact_ratio_state_recv, exact_ratio_state_send,
	exact_ratio_state_combine, NULL,
	{value_win_rate_final, NULL},
	{NULL}
};

/*
 * the two exact float8 sums of weighted_pipeline(float8, float8) and
 * value_win_rate(boolean, float8): no rollup() aggregate, so the combine
 * function (weighted_pipeline_combine and value_win_rate_combine in SQL) as
 * rollup, the two final functions (NULL without rows, or a ratio of a
 * denominator not positive) as accessors
 */
static const SummaryType float_ratio_state_type = {
	float_ratio_state_in, float_ratio_state_out, float_ratio_state_recv, float_ratio_state_send,
	float_ratio_state_combine, NULL,
	{value_win_rate_float8_sum_final, weighted_pipeline_float8_final, NULL},
	{NULL}
};

/*
 * attainment_by_rep's per-rep sums: rollup() has the combine function as its
 * transition (an expanded state outside an aggregate) and
 * rep_attainment_final, which writes the stored form; the accessor is
 * attainment(rep_attainment), NULL without a rated rep (the SQL accessors
 * all go through it: test/fuzz/invariants.py checks them)
 */
static const SummaryType rep_attainment_type = {
	rep_attainment_in, rep_attainment_out, rep_attainment_recv, rep_attainment_send,
	rep_attainment_combine, rep_attainment_final,
	{rep_attainment_attainment, NULL},
	{NULL}
};

typedef struct FuzzTarget
{
	const char *name;
	const SummaryType *type;	/* a summary type's text or binary input */
	bool		is_text;		/* else binary (recv) */
} FuzzTarget;

static const FuzzTarget targets[] = {
	{"forecast_error_in", &forecast_error_type, true},
	{"deal_summary_in", &deal_summary_type, true},
	{"attainment_in", &attainment_type, true},
	{"pipeline_flow_in", &pipeline_flow_type, true},
	{"exact_ratio_state_in", &exact_ratio_state_type, true},
	{"forecast_error_recv", &forecast_error_type, false},
	{"deal_summary_recv", &deal_summary_type, false},
	{"attainment_recv", &attainment_type, false},
	{"pipeline_flow_recv", &pipeline_flow_type, false},
	{"exact_ratio_state_recv", &exact_ratio_state_type, false},
	{"stage_funnel_in", &stage_funnel_type, true},
	{"stage_funnel_recv", &stage_funnel_type, false},
	{"stage_time_in", &stage_time_type, true},
	{"stage_time_recv", &stage_time_type, false},
	{"lead_summary_in", &lead_summary_type, true},
	{"lead_summary_recv", &lead_summary_type, false},
	{"rep_attainment_in", &rep_attainment_type, true},
	{"rep_attainment_recv", &rep_attainment_type, false},
	{"float_ratio_state_in", &float_ratio_state_type, true},
	{"float_ratio_state_recv", &float_ratio_state_type, false},
};

/* Set by the oracle steps; an error after parsing names the failing step. */
static const char *volatile fuzz_step;

static void
oracle_failed(const char *what) pg_attribute_noreturn();

static void
oracle_failed(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INTERNAL_ERROR),
			 errmsg("salesops fuzz oracle: %s", what)));
}

static Datum
summary_recv_bytes(PGFunction recv, bytea *bytes)
{
	StringInfoData buf;
	Datum		value;

	initStringInfo(&buf);
	appendBinaryStringInfo(&buf, VARDATA_ANY(bytes), VARSIZE_ANY_EXHDR(bytes));
	value = DirectFunctionCall1(recv, PointerGetDatum(&buf));
	if (buf.cursor != buf.len)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("incorrect binary data format")));
	return value;
}

/*
 * Call f(a0[, a1[, a2]]) where a data exception (class 22: float8 or count
 * overflow, a stage out of range, ...) is a legitimate outcome; anything
 * else is wrong.
 */
static void
call_allowing_data_errors3(PGFunction f, int nargs, Datum a0, Datum a1, Datum a2, const char *what)
{
	MemoryContext context = CurrentMemoryContext;
	ResourceOwner owner = CurrentResourceOwner;

	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(context);
	PG_TRY();
	{
		LOCAL_FCINFO(fcinfo, 3);
		FmgrInfo	flinfo;

		/* as a call from SQL has: some accessors cache in fn_extra */
		memset(&flinfo, 0, sizeof(flinfo));
		flinfo.fn_mcxt = CurrentMemoryContext;
		flinfo.fn_nargs = nargs;
		InitFunctionCallInfoData(*fcinfo, &flinfo, nargs, InvalidOid, NULL, NULL);
		fcinfo->args[0].value = a0;
		fcinfo->args[0].isnull = false;
		fcinfo->args[1].value = a1;
		fcinfo->args[1].isnull = false;
		fcinfo->args[2].value = a2;
		fcinfo->args[2].isnull = false;
		(void) f(fcinfo);
		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(context);
		CurrentResourceOwner = owner;
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(context);
		edata = CopyErrorData();
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(context);
		CurrentResourceOwner = owner;
		if (ERRCODE_TO_CATEGORY(edata->sqlerrcode) != ERRCODE_DATA_EXCEPTION)
			oracle_failed(psprintf("%s raised %s: %s", what,
								   unpack_sql_state(edata->sqlerrcode), edata->message));
	}
	PG_END_TRY();
}

static void
call_allowing_data_errors(PGFunction f, int nargs, Datum a0, Datum a1, const char *what)
{
	call_allowing_data_errors3(f, nargs, a0, a1, (Datum) 0, what);
}

/*
 * The accessors that take a stage, with every stage 1..n and with 0 and
 * n + 1 (a data exception, 22003); the fraction accessors with each fraction.
 */
static void
call_stage_accessors(const SummaryType *type, Datum value, const float8 *fractions, int nfractions)
{
	int32		stages = DatumGetInt32(DirectFunctionCall1(type->stage_count, value));

	if (stages < 1 || stages > 255)
		oracle_failed(psprintf("the summary has %d stages", stages));
	for (int32 stage = 0; stage <= stages + 1; stage++)
	{
		for (int i = 0; type->stage_accessors[i] != NULL; i++)
			call_allowing_data_errors(type->stage_accessors[i], 2, value, Int32GetDatum(stage), "accessor");
		for (int i = 0; type->stage_fraction_accessors[i] != NULL; i++)
			for (int j = 0; j < nfractions; j++)
				call_allowing_data_errors3(type->stage_fraction_accessors[i], 3, value, Int32GetDatum(stage),
										   Float8GetDatum(fractions[j]), "accessor");
	}
}

static void
call_accessor(PGFunction f, Datum value, bool with_fraction, float8 fraction)
{
	call_allowing_data_errors(f, with_fraction ? 2 : 1, value, Float8GetDatum(fraction), "accessor");
}

/*
 * rollup(v, v): what a user gets by rolling up two stored copies.  It may
 * fail with a data exception (float8 or count overflow: class 22), which
 * gives (Datum) 0; anything else is wrong.
 */
static Datum
rollup_self(const SummaryType *type, Datum value)
{
	MemoryContext context = CurrentMemoryContext;
	ResourceOwner owner = CurrentResourceOwner;
	volatile Datum merged = (Datum) 0;

	fuzz_step = "rollup of the value with itself";
	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(context);
	PG_TRY();
	{
		merged = DirectFunctionCall2(type->combine, value, value);
		if (type->final)
			merged = DirectFunctionCall1(type->final, merged);
		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(context);
		CurrentResourceOwner = owner;
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(context);
		edata = CopyErrorData();
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(context);
		CurrentResourceOwner = owner;
		if (ERRCODE_TO_CATEGORY(edata->sqlerrcode) != ERRCODE_DATA_EXCEPTION)
			oracle_failed(psprintf("rollup raised %s: %s",
								   unpack_sql_state(edata->sqlerrcode), edata->message));
		merged = (Datum) 0;
	}
	PG_END_TRY();
	return merged;
}

/* The oracle of an accepted summary; returns its text form. */
static char *
check_summary(const SummaryType *type, Datum value)
{
	static const float8 fractions[] = {0.0, 0.1, 0.5, 0.9, 1.0, 2.5};

	/*
	 * hours: none, 300 s (the float8 nearest 1/12), one hour, a day, the
	 * longest response (2^31 - 1 s) and past it, +Infinity, and the two
	 * refused ones (22023)
	 */
	const float8 hours[] = {0.0, 5 / 60.0, 1.0, 24.0, 2147483647 / 3600.0, 1e9,
	get_float8_infinity(), -1.0, get_float8_nan()};
	char	   *text1;
	char	   *text2;
	Datum		again;
	Datum		merged;

	fuzz_step = "text output";
	text1 = DatumGetCString(DirectFunctionCall1(type->out, value));
	/* as every text a client gets: rep_attainment's text keys come from binary input */
	if (!pg_verifymbstr(text1, strlen(text1), true))
		oracle_failed("the text output is not valid in the server encoding");
	fuzz_step = "text input of the text output";
	again = DirectFunctionCall1(type->in, CStringGetDatum(text1));
	text2 = DatumGetCString(DirectFunctionCall1(type->out, again));
	if (strcmp(text1, text2) != 0)
		oracle_failed(psprintf("text round trip changed \"%s\" into \"%s\"", text1, text2));

	fuzz_step = "binary round trip";
	again = summary_recv_bytes(type->recv, DatumGetByteaPP(DirectFunctionCall1(type->send, value)));
	text2 = DatumGetCString(DirectFunctionCall1(type->out, again));
	if (strcmp(text1, text2) != 0)
		oracle_failed(psprintf("binary round trip changed \"%s\" into \"%s\"", text1, text2));

	merged = rollup_self(type, value);
	if (merged != (Datum) 0)
	{
		text2 = DatumGetCString(DirectFunctionCall1(type->out, merged));
		fuzz_step = "text input of the rollup";
		(void) DirectFunctionCall1(type->in, CStringGetDatum(text2));
	}

	fuzz_step = "accessors";
	for (int i = 0; type->accessors[i] != NULL; i++)
	{
		call_accessor(type->accessors[i], value, false, 0);
		if (merged != (Datum) 0)
			call_accessor(type->accessors[i], merged, false, 0);
	}
	for (int i = 0; type->fraction_accessors[i] != NULL; i++)
		for (size_t j = 0; j < lengthof(fractions); j++)
			call_accessor(type->fraction_accessors[i], value, true, fractions[j]);
	for (int i = 0; type->named_accessors[i].f != NULL; i++)
		for (int j = 0; type->named_accessors[i].names[j] != NULL; j++)
		{
			Datum		name = CStringGetTextDatum(type->named_accessors[i].names[j]);

			call_allowing_data_errors(type->named_accessors[i].f, 2, value, name, "accessor");
			if (merged != (Datum) 0)
				call_allowing_data_errors(type->named_accessors[i].f, 2, merged, name, "accessor");
		}
	for (int i = 0; type->hours_accessors[i] != NULL; i++)
		for (size_t j = 0; j < lengthof(hours); j++)
		{
			call_accessor(type->hours_accessors[i], value, true, hours[j]);
			if (merged != (Datum) 0)
				call_accessor(type->hours_accessors[i], merged, true, hours[j]);
		}
	if (type->stage_count != NULL)
	{
		call_stage_accessors(type, value, fractions, lengthof(fractions));
		if (merged != (Datum) 0)
			call_stage_accessors(type, merged, fractions, lengthof(fractions));
	}
	return text1;
}

Datum
salesops_fuzz_one(PG_FUNCTION_ARGS)
{
	char	   *target_name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	bytea	   *input = PG_GETARG_BYTEA_PP(1);
	const FuzzTarget *t = NULL;
	MemoryContext context = CurrentMemoryContext;
	ResourceOwner owner = CurrentResourceOwner;
	const char *volatile status = "ok";
	char	   *volatile detail = NULL;
	char	   *volatile accepted = NULL;
	TupleDesc	tupdesc;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};
	Size		ncounters;
	bytea	   *coverage;

	for (size_t i = 0; i < lengthof(targets); i++)
		if (strcmp(targets[i].name, target_name) == 0)
			t = &targets[i];
	if (t == NULL)
		elog(ERROR, "unknown fuzz target \"%s\"", target_name);
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "salesops_fuzz_one must return a record");

	if (counters_start != NULL)
		memset(counters_start, 0, counters_end - counters_start);

	fuzz_step = NULL;
	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(context);
	PG_TRY();
	{
		const char *data = VARDATA_ANY(input);
		int			len = VARSIZE_ANY_EXHDR(input);
		Datum		value;

		if (t->is_text)
		{
			char	   *cstring = pnstrdup(data, len);

			if (!pg_verifymbstr(cstring, strlen(cstring), true))
				status = "skipped";
			else
			{
				value = DirectFunctionCall1(t->type->in, CStringGetDatum(cstring));
				accepted = check_summary(t->type, value);
			}
		}
		else
		{
			value = summary_recv_bytes(t->type->recv, input);
			accepted = check_summary(t->type, value);
		}
		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(context);
		CurrentResourceOwner = owner;
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(context);
		edata = CopyErrorData();
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(context);
		CurrentResourceOwner = owner;
		accepted = NULL;
		if (fuzz_step == NULL)
		{
			status = "rejected";
			detail = psprintf("%s %s", unpack_sql_state(edata->sqlerrcode), edata->message);
		}
		else
		{
			status = "wrong";
			detail = psprintf("%s: %s %s", fuzz_step, unpack_sql_state(edata->sqlerrcode),
							  edata->message);
		}
	}
	PG_END_TRY();

	ncounters = counters_start ? counters_end - counters_start : 0;
	coverage = palloc(VARHDRSZ + ncounters);
	SET_VARSIZE(coverage, VARHDRSZ + ncounters);
	if (ncounters > 0)
		memcpy(VARDATA(coverage), counters_start, ncounters);

	values[0] = CStringGetTextDatum(status);
	values[1] = detail ? CStringGetTextDatum(detail) : (Datum) 0;
	nulls[1] = detail == NULL;
	values[2] = PointerGetDatum(coverage);
	values[3] = accepted ? CStringGetTextDatum(accepted) : (Datum) 0;
	nulls[3] = accepted == NULL;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(tupdesc), values, nulls)));
}
