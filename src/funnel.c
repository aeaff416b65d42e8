/*
 * funnel.c
 *	  The stage funnel and time in stage (kpi-definitions.md section 14):
 *	  the stage_funnel and stage_time summary types, their aggregates,
 *	  rollup and accessors.
 *
 * Stages are the ordinals 1..n of an ordered list of open stages (won and
 * lost are outcomes, not stages); n is a constant parameter, the same in
 * every row and in every summary rolled up.
 *
 * stage_funnel takes one row per deal: the highest stage it ever entered
 * and its outcome.  It keeps the won deals and, per stage k, the open and
 * the lost deals whose highest stage is k.  Every count of the funnel
 * follows from those: reached(k) = won + the open and lost deals with a
 * highest stage >= k (skips count as reached, a regression does not undo a
 * stage, won deals reached every stage), advanced(k) = won + those above k,
 * dropped(k) = lost at k, open(k) = open at k.  Fixed size once n is known:
 * the type is its own transition state, updated in place.
 *
 * stage_time takes one row per deal and stage (or per visit): the whole
 * days spent there, NULL for a stay still running.  It keeps per stage an
 * exact histogram of the finished stays' days (day_histogram.h, the stage
 * as the bin's group) and the running stays' count; the aggregate collects
 * into an expanded object, as deal_summary does, and stores it once.
 */
#include "summary.h"

#include "common/int.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/memutils.h"

#include "day_histogram.h"

/* A stage ordinal fits the stored byte; 255 stages is beyond any CRM picklist. */
#define FUNNEL_MAX_STAGES 255

static const SummaryType funnel_type = {"stage_funnel", "stage", "the stage column",
SALESOPS_FORMAT_VERSION, SALESOPS_FORMAT_VERSION};
static const SummaryType time_type = {"stage_time", "stage", "the stage column",
SALESOPS_FORMAT_VERSION, SALESOPS_FORMAT_VERSION};

/* ---------- parameters shared by both types ---------- */

/* The n_stages argument of a row: NULL is 22004, outside 1..255 is 22023. */
static int
funnel_stages_arg(FunctionCallInfo fcinfo, int argno, const SummaryType *type)
{
	int32		stages;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("n_stages of %s must not be null", type->name),
				 errhint("Pass the number of open stages, the same in every row.")));
	stages = PG_GETARG_INT32(argno);
	if (stages < 1 || stages > FUNNEL_MAX_STAGES)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("n_stages of %s must be between 1 and %d, not %d",
						type->name, FUNNEL_MAX_STAGES, stages)));
	return stages;
}

/* n_stages of a row or summary against the one collected so far. */
static void
funnel_check_stages(int have, int other, bool rollup, const SummaryType *type)
{
	if (have != other)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 rollup
				 ? errmsg("cannot roll up %s summaries of %d and %d stages", type->name, have, other)
				 : errmsg("n_stages of %s must be the same in every row", type->name),
				 errdetail("One has %d stages, another %d.", have, other),
				 errhint("A funnel counts deals over one ordered list of stages; summarize each list apart.")));
}

/* A stage ordinal of a row: outside 1..n is 22003. */
static void
funnel_check_stage_arg(int32 stage, int stages, const SummaryType *type)
{
	if (stage < 1 || stage > stages)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("stage %d of %s is outside 1 to %d", stage, type->name, stages),
				 errhint("stage ordinals run from 1 to n_stages; map names with array_position()")));
}

/* The stage argument of an accessor (STRICT): outside 1..n is 22003. */
static int
funnel_accessor_stage(FunctionCallInfo fcinfo, int argno, int stages)
{
	int32		stage = PG_GETARG_INT32(argno);

	if (stage < 1 || stage > stages)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("stage %d is outside 1 to %d", stage, stages),
				 errdetail("The summary has %d stages.", stages)));
	return stage;
}

/* ================= stage_funnel ================= */

/*
 * The stored summary: after the fixed part, open[n] then lost[n] (the deals
 * whose highest stage is k, at index k - 1).  Every count and their total
 * fit an int64, so reached(1) does.
 */
typedef struct StageFunnelSummary
{
	int32		vl_len_;
	uint8		version;
	uint8		stages;
	uint8		reserved[2];	/* zero */
	int64		won;
	int64		counts[FLEXIBLE_ARRAY_MEMBER];
} StageFunnelSummary;

#define FUNNEL_SIZE(stages) (offsetof(StageFunnelSummary, counts) + 2 * sizeof(int64) * (stages))
#define FUNNEL_OPEN(s) ((s)->counts)
#define FUNNEL_LOST(s) ((s)->counts + (s)->stages)

#define PG_GETARG_STAGE_FUNNEL_P(n) funnel_checked(PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

static StageFunnelSummary *
funnel_checked(void *value)
{
	StageFunnelSummary *summary = (StageFunnelSummary *) value;

	summary_check_header(value, offsetof(StageFunnelSummary, counts), &funnel_type);
	if (summary->stages < 1 || VARSIZE(summary) != FUNNEL_SIZE(summary->stages) ||
		summary->reserved[0] != 0 || summary->reserved[1] != 0)
		summary_corrupt(&funnel_type, "Its size does not match its number of stages.");
	return summary;
}

static StageFunnelSummary *
funnel_new(int stages)
{
	StageFunnelSummary *summary = palloc0(FUNNEL_SIZE(stages));

	SET_VARSIZE(summary, FUNNEL_SIZE(stages));
	summary->version = funnel_type.version;
	summary->stages = (uint8) stages;
	return summary;
}

/* All deals of a summary, which must fit an int64 (reached(1) is their count). */
static int64
funnel_total(const StageFunnelSummary *summary)
{
	int128		total = summary->won;

	for (int i = 0; i < 2 * summary->stages; i++)
		total += summary->counts[i];
	if (total > PG_INT64_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("stage_funnel count out of range"),
				 errdetail("A count in a summary cannot exceed " INT64_FORMAT ".", PG_INT64_MAX)));
	return (int64) total;
}

/*
 * stage_funnel(highest_stage int, won boolean, n_stages int): one row per
 * deal.  Not strict: a NULL highest stage is a won deal created as won (it
 * reached every stage), else a deal never in a funnel stage (skipped).
 */
PG_FUNCTION_INFO_V1(stage_funnel_trans);
Datum
stage_funnel_trans(PG_FUNCTION_ARGS)
{
	int			stages = funnel_stages_arg(fcinfo, 3, &funnel_type);
	StageFunnelSummary *summary = NULL;
	bool		won = !PG_ARGISNULL(2) && PG_GETARG_BOOL(2);
	int32		highest = 0;

	if (!PG_ARGISNULL(0))
	{
		summary = funnel_checked(summary_writable(fcinfo, 0));
		funnel_check_stages(summary->stages, stages, false, &funnel_type);
	}
	if (!PG_ARGISNULL(1))
	{
		highest = PG_GETARG_INT32(1);
		funnel_check_stage_arg(highest, stages, &funnel_type);
	}
	else if (!won)
	{
		if (summary == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(summary);
	}
	if (summary == NULL)
		summary = funnel_new(stages);
	if (won)
		summary->won = add_counts(summary->won, 1, funnel_type.name);
	else if (PG_ARGISNULL(2))
		FUNNEL_OPEN(summary)[highest - 1] = add_counts(FUNNEL_OPEN(summary)[highest - 1], 1, funnel_type.name);
	else
		FUNNEL_LOST(summary)[highest - 1] = add_counts(FUNNEL_LOST(summary)[highest - 1], 1, funnel_type.name);
	PG_RETURN_POINTER(summary);
}

/* Adds two funnels of the same stages: combine function, rollup's transition. */
PG_FUNCTION_INFO_V1(stage_funnel_combine);
Datum
stage_funnel_combine(PG_FUNCTION_ARGS)
{
	StageFunnelSummary *into = funnel_checked(summary_writable(fcinfo, 0));
	StageFunnelSummary *from = PG_GETARG_STAGE_FUNNEL_P(1);

	funnel_check_stages(into->stages, from->stages, true, &funnel_type);
	into->won = add_counts(into->won, from->won, funnel_type.name);
	for (int i = 0; i < 2 * into->stages; i++)
		into->counts[i] = add_counts(into->counts[i], from->counts[i], funnel_type.name);
	(void) funnel_total(into);
	PG_RETURN_POINTER(into);
}

/* ---------- text and binary I/O ---------- */

static void
funnel_append_list(StringInfo buf, const char *key, const int64 *counts, int n)
{
	appendStringInfo(buf, " %s={", key);
	for (int i = 0; i < n; i++)
		appendStringInfo(buf, "%s" INT64_FORMAT, i > 0 ? "," : "", counts[i]);
	appendStringInfoChar(buf, '}');
}

/* Text form: v1 stages=4 won=3 open={1,0,1,0} lost={1,1,2,1} */
PG_FUNCTION_INFO_V1(stage_funnel_out);
Datum
stage_funnel_out(PG_FUNCTION_ARGS)
{
	StageFunnelSummary *summary = PG_GETARG_STAGE_FUNNEL_P(0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "v%d stages=%d won=" INT64_FORMAT, SALESOPS_FORMAT_VERSION,
					 summary->stages, summary->won);
	funnel_append_list(&buf, "open", FUNNEL_OPEN(summary), summary->stages);
	funnel_append_list(&buf, "lost", FUNNEL_LOST(summary), summary->stages);
	PG_RETURN_CSTRING(buf.data);
}

/* The next "key={c1,...,cn}" token: exactly n non-negative counts. */
static void
funnel_parse_list(char **cursor, const char *key, int64 *counts, int n,
				  const SummaryType *type, const char *text)
{
	char	   *value = summary_next_value(cursor, key, type, text);
	char	   *p = value + 1;
	const char *problem = psprintf("\"%s\" must be a list of %d non-negative counts, one per stage, such as {1,0,2}.", key, n);

	if (value[0] != '{')
		summary_bad_text(type, text, problem);
	for (int i = 0; i < n; i++)
	{
		char	   *end;
		long long	count;

		errno = 0;
		count = strtoll(p, &end, 10);
		if (end == p || !isdigit((unsigned char) *p) || errno != 0 ||
			*end != (i == n - 1 ? '}' : ','))
			summary_bad_text(type, text, problem);
		counts[i] = count;
		p = end + 1;
	}
	if (*p != '\0')
		summary_bad_text(type, text, problem);
}

/* The "stages=<n>" token: 1 to 255. */
static int
funnel_parse_stages(char **cursor, const SummaryType *type, const char *text)
{
	int64		stages = summary_parse_count(cursor, "stages", type, text);

	if (stages < 1 || stages > FUNNEL_MAX_STAGES)
		summary_invalid(type, text, psprintf("\"stages\" must be between 1 and %d.", FUNNEL_MAX_STAGES));
	return (int) stages;
}

/* What no aggregate can produce: a negative count, or more deals than an int64. */
static void
funnel_validate(const StageFunnelSummary *summary, const char *input)
{
	int128		total = summary->won;

	if (summary->won < 0)
		summary_invalid(&funnel_type, input, "\"won\" cannot be negative.");
	for (int i = 0; i < 2 * summary->stages; i++)
	{
		if (summary->counts[i] < 0)
			summary_invalid(&funnel_type, input, "A stage's deals cannot be negative.");
		total += summary->counts[i];
	}
	if (total > PG_INT64_MAX)
		summary_invalid(&funnel_type, input, "The deals reaching stage 1 (all of them) must fit a bigint.");
}

PG_FUNCTION_INFO_V1(stage_funnel_in);
Datum
stage_funnel_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	int			version;
	char	   *cursor = summary_text_begin(pstrdup(input), &funnel_type, input, &version);
	StageFunnelSummary *summary = funnel_new(funnel_parse_stages(&cursor, &funnel_type, input));

	summary->won = summary_parse_count(&cursor, "won", &funnel_type, input);
	funnel_parse_list(&cursor, "open", FUNNEL_OPEN(summary), summary->stages, &funnel_type, input);
	funnel_parse_list(&cursor, "lost", FUNNEL_LOST(summary), summary->stages, &funnel_type, input);
	summary_parse_end(cursor, &funnel_type, input);
	funnel_validate(summary, input);
	PG_RETURN_POINTER(summary);
}

/* Binary form: version byte, stages byte, won, open[n], lost[n] (int64). */
PG_FUNCTION_INFO_V1(stage_funnel_send);
Datum
stage_funnel_send(PG_FUNCTION_ARGS)
{
	StageFunnelSummary *summary = PG_GETARG_STAGE_FUNNEL_P(0);
	StringInfoData buf;

	salesops_begin_state(&buf);
	pq_sendbyte(&buf, summary->stages);
	pq_sendint64(&buf, summary->won);
	for (int i = 0; i < 2 * summary->stages; i++)
		pq_sendint64(&buf, summary->counts[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(stage_funnel_recv);
Datum
stage_funnel_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	StageFunnelSummary *summary;
	int			stages;

	(void) summary_recv_version(buf, &funnel_type);
	stages = summary_recv_byte(buf, &funnel_type);
	if (stages < 1)
		summary_invalid(&funnel_type, NULL, "A funnel has at least one stage.");
	summary = funnel_new(stages);
	summary->won = summary_recv_int64(buf, &funnel_type);
	for (int i = 0; i < 2 * stages; i++)
		summary->counts[i] = summary_recv_int64(buf, &funnel_type);
	funnel_validate(summary, NULL);
	PG_RETURN_POINTER(summary);
}

/* ---------- accessors ---------- */

typedef struct FunnelStage
{
	int64		reached;
	int64		advanced;
	int64		dropped;
	int64		open;
} FunnelStage;

/* The counts of stage k (the totals fit: input and rollup checked them). */
static void
funnel_stage(const StageFunnelSummary *summary, int stage, FunnelStage *counts)
{
	int64		above = summary->won;

	for (int i = stage; i < summary->stages; i++)
		above += FUNNEL_OPEN(summary)[i] + FUNNEL_LOST(summary)[i];
	counts->advanced = above;
	counts->open = FUNNEL_OPEN(summary)[stage - 1];
	counts->dropped = FUNNEL_LOST(summary)[stage - 1];
	counts->reached = above + counts->open + counts->dropped;
}

static void
funnel_stage_arg(FunctionCallInfo fcinfo, FunnelStage *counts)
{
	StageFunnelSummary *summary = PG_GETARG_STAGE_FUNNEL_P(0);

	funnel_stage(summary, funnel_accessor_stage(fcinfo, 1, summary->stages), counts);
}

PG_FUNCTION_INFO_V1(stage_funnel_reached);
Datum
stage_funnel_reached(PG_FUNCTION_ARGS)
{
	FunnelStage counts;

	funnel_stage_arg(fcinfo, &counts);
	PG_RETURN_INT64(counts.reached);
}

PG_FUNCTION_INFO_V1(stage_funnel_advanced);
Datum
stage_funnel_advanced(PG_FUNCTION_ARGS)
{
	FunnelStage counts;

	funnel_stage_arg(fcinfo, &counts);
	PG_RETURN_INT64(counts.advanced);
}

PG_FUNCTION_INFO_V1(stage_funnel_dropped);
Datum
stage_funnel_dropped(PG_FUNCTION_ARGS)
{
	FunnelStage counts;

	funnel_stage_arg(fcinfo, &counts);
	PG_RETURN_INT64(counts.dropped);
}

PG_FUNCTION_INFO_V1(stage_funnel_open);
Datum
stage_funnel_open(PG_FUNCTION_ARGS)
{
	FunnelStage counts;

	funnel_stage_arg(fcinfo, &counts);
	PG_RETURN_INT64(counts.open);
}

/* advanced / (advanced + dropped): the decided deals only, as win_rate */
PG_FUNCTION_INFO_V1(stage_funnel_conversion);
Datum
stage_funnel_conversion(PG_FUNCTION_ARGS)
{
	FunnelStage counts;

	funnel_stage_arg(fcinfo, &counts);
	return count_ratio_result(fcinfo, counts.advanced, counts.advanced + counts.dropped);
}

/* advanced / reached: the "entering" reading most funnel charts draw */
PG_FUNCTION_INFO_V1(stage_funnel_pass_rate);
Datum
stage_funnel_pass_rate(PG_FUNCTION_ARGS)
{
	FunnelStage counts;

	funnel_stage_arg(fcinfo, &counts);
	return count_ratio_result(fcinfo, counts.advanced, counts.reached);
}

PG_FUNCTION_INFO_V1(stage_funnel_stages);
Datum
stage_funnel_stages(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(PG_GETARG_STAGE_FUNNEL_P(0)->stages);
}

/* ---------- equality, hashing and ordering: stages, won, open[], lost[] ---------- */

static int
stage_funnel_order(Datum a, Datum b)
{
	StageFunnelSummary *x = funnel_checked(PG_DETOAST_DATUM(a));
	StageFunnelSummary *y = funnel_checked(PG_DETOAST_DATUM(b));
	int			order = summary_cmp_int64(x->stages, y->stages);

	if (order == 0)
		order = summary_cmp_int64(x->won, y->won);
	for (int i = 0; order == 0 && i < 2 * x->stages; i++)
		order = summary_cmp_int64(x->counts[i], y->counts[i]);
	return order;
}

static uint32
stage_funnel_hash_value(Datum value)
{
	StageFunnelSummary *summary = funnel_checked(PG_DETOAST_DATUM(value));
	uint32		hash = summary_hash_int64(0, summary->stages);

	hash = summary_hash_int64(hash, summary->won);
	for (int i = 0; i < 2 * summary->stages; i++)
		hash = summary_hash_int64(hash, summary->counts[i]);
	return hash;
}

SUMMARY_ORDERING_FUNCTIONS(stage_funnel, stage_funnel_order, stage_funnel_hash_value)

/* ================= stage_time ================= */

/*
 * The stored summary: after the fixed part, in_progress[n] (the running
 * stays of stage k at index k - 1), then bins_used DayBins sorted by
 * (stage, days), each with its stage in 'group' and a positive count.
 */
typedef struct StageTimeSummary
{
	int32		vl_len_;
	uint8		version;
	uint8		stages;
	uint8		reserved[2];	/* zero */
	int32		bins_used;
	int32		reserved2;		/* zero */
	int64		in_progress[FLEXIBLE_ARRAY_MEMBER];
} StageTimeSummary;

#define TIME_FIXED_SIZE(stages) (offsetof(StageTimeSummary, in_progress) + sizeof(int64) * (stages))
#define TIME_BINS(s) ((DayBin *) ((char *) (s) + TIME_FIXED_SIZE((s)->stages)))

#define PG_GETARG_STAGE_TIME_P(n) time_checked(PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

static StageTimeSummary *
time_checked(void *value)
{
	StageTimeSummary *summary = (StageTimeSummary *) value;

	summary_check_header(value, offsetof(StageTimeSummary, in_progress), &time_type);
	if (summary->stages < 1 || summary->bins_used < 0 || summary->bins_used > DAY_BIN_LIMIT ||
		VARSIZE(summary) != TIME_FIXED_SIZE(summary->stages) + sizeof(DayBin) * (Size) summary->bins_used ||
		summary->reserved[0] != 0 || summary->reserved[1] != 0 || summary->reserved2 != 0)
		summary_corrupt(&time_type, "Its size does not match its stages and bins.");
	return summary;
}

/* The stored form of n stages' running counts and their sorted bins, in the current context. */
static StageTimeSummary *
time_pack(int stages, const int64 *in_progress, const DayBin *bins, int32 bins_used)
{
	Size		size = TIME_FIXED_SIZE(stages) + sizeof(DayBin) * (Size) bins_used;
	StageTimeSummary *summary = palloc0(size);

	SET_VARSIZE(summary, size);
	summary->version = time_type.version;
	summary->stages = (uint8) stages;
	summary->bins_used = bins_used;
	memcpy(summary->in_progress, in_progress, sizeof(int64) * stages);
	if (bins_used > 0)
		memcpy(TIME_BINS(summary), bins, sizeof(DayBin) * bins_used);
	return summary;
}

/* ---------- the transition state ---------- */

/*
 * The expanded transition state: the running counts and one day table for
 * all stages (the stage as the bin's group).  Each row costs amortized O(1)
 * in any order; the stored form is written once (final function, or when
 * PostgreSQL flattens the state for a worker or a spilling hash aggregate).
 */
typedef struct StageTimeState
{
	ExpandedObjectHeader header;
	int			stages;
	int64	   *in_progress;	/* [stages] */
	int64	   *stays;			/* [stages]: finished stays, so that a stage's total stays an int64 */
	DayTable	days;
	StageTimeSummary *flat;		/* between get_flat_size and flatten_into */
} StageTimeState;

static StageTimeSummary *
time_state_pack(StageTimeState *state)
{
	int32		bins_used;
	DayBin	   *bins = day_table_bins(&state->days, &bins_used);
	StageTimeSummary *summary = time_pack(state->stages, state->in_progress, bins, bins_used);

	pfree(bins);
	return summary;
}

static Size
time_state_flat_size(ExpandedObjectHeader *header)
{
	StageTimeState *state = (StageTimeState *) header;
	MemoryContext outer = MemoryContextSwitchTo(state->header.eoh_context);

	if (state->flat)
		pfree(state->flat);
	state->flat = time_state_pack(state);
	MemoryContextSwitchTo(outer);
	return VARSIZE(state->flat);
}

static void
time_state_flatten(ExpandedObjectHeader *header, void *result, Size allocated_size)
{
	StageTimeState *state = (StageTimeState *) header;

	memcpy(result, state->flat, allocated_size);
	pfree(state->flat);
	state->flat = NULL;
}

static const ExpandedObjectMethods time_state_methods = {
	time_state_flat_size,
	time_state_flatten
};

static StageTimeState *
time_state_new(int stages, MemoryContext context)
{
	StageTimeState *state = MemoryContextAllocZero(context, sizeof(StageTimeState));

	EOH_init_header(&state->header, &time_state_methods, context);
	state->stages = stages;
	state->in_progress = MemoryContextAllocZero(context, sizeof(int64) * stages);
	state->stays = MemoryContextAllocZero(context, sizeof(int64) * stages);
	return state;
}

/* Merge a stored summary (checked, the same stages) into the state. */
static void
time_state_merge(StageTimeState *state, const StageTimeSummary *summary)
{
	const DayBin *bins = TIME_BINS(summary);

	for (int i = 0; i < state->stages; i++)
		state->in_progress[i] = add_counts(state->in_progress[i], summary->in_progress[i], time_type.name);
	for (int32 i = 0; i < summary->bins_used; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (bins[i].group < 1 || bins[i].group > state->stages)
			summary_corrupt(&time_type, "A bin's stage is outside the summary's stages.");
		state->stays[bins[i].group - 1] = add_counts(state->stays[bins[i].group - 1], bins[i].count,
													 time_type.name);
	}
	day_table_add_bins(&state->days, bins, summary->bins_used, state->header.eoh_context, time_type.name);
}

/*
 * Argument 0 as a state to update in place: the aggregate's own read-write
 * state as it is; NULL, a new state of 'stages'; a stored summary (the
 * first one rollup reads, a combine input, a direct call) copied into a
 * new state.  'rollup' says which error a different stage count gets.
 */
static StageTimeState *
time_state_arg(FunctionCallInfo fcinfo, int stages, bool rollup)
{
	MemoryContext new_state_context;
	StageTimeState *state = (StageTimeState *) summary_state_of(fcinfo, 0, &time_state_methods, &new_state_context);

	if (state == NULL && PG_ARGISNULL(0))
		return time_state_new(stages, new_state_context);
	if (state == NULL)
	{
		StageTimeSummary *summary = PG_GETARG_STAGE_TIME_P(0);

		state = time_state_new(summary->stages, new_state_context);
		time_state_merge(state, summary);
	}
	funnel_check_stages(state->stages, stages, rollup, &time_type);
	return state;
}

/*
 * stage_time(stage int, days int or bigint, n_stages int): one row per deal
 * and stage (or per visit).  Not strict: a NULL stage is skipped, NULL days
 * is a stay still running.  The bigint form takes sum() of date
 * differences as it comes; past the longest span dates allow is an error.
 */
static Datum
stage_time_add_row(FunctionCallInfo fcinfo, bool bigint_days)
{
	int			stages = funnel_stages_arg(fcinfo, 3, &time_type);
	StageTimeState *state;
	int32		stage;
	int64		days = 0;

	if (PG_ARGISNULL(1))
	{
		/* skipped, but a stored state's stage count is still checked */
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		state = time_state_arg(fcinfo, stages, false);
		PG_RETURN_DATUM(EOHPGetRWDatum(&state->header));
	}
	stage = PG_GETARG_INT32(1);
	funnel_check_stage_arg(stage, stages, &time_type);
	if (!PG_ARGISNULL(2))
	{
		days = bigint_days ? PG_GETARG_INT64(2) : PG_GETARG_INT32(2);
		if (days < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("days in stage cannot be negative"),
					 errdetail("Stage %d has " INT64_FORMAT " days.", stage, days),
					 errhint("A stay ends on or after the day it began; check the stage history's dates.")));
		if (days > DAY_MAX_SPAN)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("days in stage out of range"),
					 errdetail("Stage %d has " INT64_FORMAT " days; dates allow at most %d.",
							   stage, days, DAY_MAX_SPAN)));
	}
	state = time_state_arg(fcinfo, stages, false);
	if (PG_ARGISNULL(2))
		state->in_progress[stage - 1] = add_counts(state->in_progress[stage - 1], 1, time_type.name);
	else
	{
		state->stays[stage - 1] = add_counts(state->stays[stage - 1], 1, time_type.name);
		day_table_add(&state->days, stage, (int32) days, 1, state->header.eoh_context, time_type.name);
	}
	PG_RETURN_DATUM(EOHPGetRWDatum(&state->header));
}

PG_FUNCTION_INFO_V1(stage_time_trans);
Datum
stage_time_trans(PG_FUNCTION_ARGS)
{
	return stage_time_add_row(fcinfo, false);
}

PG_FUNCTION_INFO_V1(stage_time_bigint_trans);
Datum
stage_time_bigint_trans(PG_FUNCTION_ARGS)
{
	return stage_time_add_row(fcinfo, true);
}

/* Merges two stage_time summaries of the same stages: combine function, rollup's transition. */
PG_FUNCTION_INFO_V1(stage_time_combine);
Datum
stage_time_combine(PG_FUNCTION_ARGS)
{
	StageTimeSummary *from = PG_GETARG_STAGE_TIME_P(1);
	StageTimeState *state = time_state_arg(fcinfo, from->stages, true);

	time_state_merge(state, from);
	PG_RETURN_DATUM(EOHPGetRWDatum(&state->header));
}

/* The final function: the summary stored compact. */
PG_FUNCTION_INFO_V1(stage_time_final);
Datum
stage_time_final(PG_FUNCTION_ARGS)
{
	if (summary_is_state(PG_GETARG_DATUM(0), &time_state_methods))
		PG_RETURN_POINTER(time_state_pack((StageTimeState *) DatumGetEOHP(PG_GETARG_DATUM(0))));
	PG_RETURN_POINTER(PG_GETARG_STAGE_TIME_P(0));
}

/* ---------- text and binary I/O ---------- */

/*
 * Text form: v1 stages=4 in_progress={1,1,0,0} days={1:{1:1,2:1},3:{3:1}}:
 * per stage with a finished stay, "stage:{days:stays,...}", both ascending.
 */
PG_FUNCTION_INFO_V1(stage_time_out);
Datum
stage_time_out(PG_FUNCTION_ARGS)
{
	StageTimeSummary *summary = PG_GETARG_STAGE_TIME_P(0);
	const DayBin *bins = TIME_BINS(summary);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "v%d stages=%d", SALESOPS_FORMAT_VERSION, summary->stages);
	funnel_append_list(&buf, "in_progress", summary->in_progress, summary->stages);
	appendStringInfoString(&buf, " days={");
	for (int32 i = 0; i < summary->bins_used; i++)
	{
		bool		first_of_stage = i == 0 || bins[i].group != bins[i - 1].group;

		CHECK_FOR_INTERRUPTS();
		if (first_of_stage)
			appendStringInfo(&buf, "%s%d:{", i > 0 ? "}," : "", bins[i].group);
		appendStringInfo(&buf, "%s%d:" INT64_FORMAT, first_of_stage ? "" : ",",
						 bins[i].days, bins[i].count);
	}
	appendStringInfoString(&buf, summary->bins_used > 0 ? "}}" : "}");
	PG_RETURN_CSTRING(buf.data);
}

/*
 * What no aggregate can produce: negative running counts; bins out of
 * (stage, days) order or repeated, a stage outside 1..n, negative days or
 * days no pair of dates gives, a count below 1, a stage's stays past an
 * int64.
 */
static void
time_validate(int stages, const int64 *in_progress, const DayBin *bins, int32 bins_used,
			  const char *input)
{
	int64		stays = 0;

	for (int i = 0; i < stages; i++)
		if (in_progress[i] < 0)
			summary_invalid(&time_type, input, "\"in_progress\" counts cannot be negative.");
	for (int32 i = 0; i < bins_used; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (bins[i].group < 1 || bins[i].group > stages)
			summary_invalid(&time_type, input, psprintf("A stage of \"days\" is outside 1 to %d.", stages));
		if (bins[i].days < 0 || bins[i].days > DAY_MAX_SPAN)
			summary_invalid(&time_type, input, psprintf("Days in stage run from 0 to %d.", DAY_MAX_SPAN));
		if (bins[i].count < 1)
			summary_invalid(&time_type, input, "Each listed day count has at least one stay.");
		if (i > 0 && day_bin_cmp(&bins[i - 1], &bins[i]) >= 0)
			summary_invalid(&time_type, input, "Stages and their day counts are listed once each, in ascending order.");
		if (i > 0 && bins[i].group != bins[i - 1].group)
			stays = 0;
		if (pg_add_s64_overflow(stays, bins[i].count, &stays))
			summary_invalid(&time_type, input, "The finished stays of a stage must fit a bigint.");
	}
}

/* Parse "{s:{d:c,...},...}" into bins (grown as needed). */
static DayBin *
time_parse_days(char *value, int32 *bins_used, const char *input)
{
	const char *problem = "\"days\" must be a list such as {1:{3:2,5:1},2:{4:1}}: per stage its days and stays.";
	int32		allocated = 8;
	DayBin	   *bins = palloc(sizeof(DayBin) * allocated);
	char	   *p = value;
	int32		n = 0;

	if (*p++ != '{')
		summary_bad_text(&time_type, input, problem);
	while (*p != '}')
	{
		char	   *end;
		long		stage;

		errno = 0;
		stage = strtol(p, &end, 10);
		if (end == p || !isdigit((unsigned char) *p) || errno != 0 || stage > FUNNEL_MAX_STAGES ||
			end[0] != ':' || end[1] != '{' || end[2] == '}')
			summary_bad_text(&time_type, input, problem);
		p = end + 2;
		for (;;)
		{
			long		days;
			long long	count;

			CHECK_FOR_INTERRUPTS();
			days = strtol(p, &end, 10);
			if (end == p || !isdigit((unsigned char) *p) || errno != 0 || days > PG_INT32_MAX || *end != ':')
				summary_bad_text(&time_type, input, problem);
			p = end + 1;
			count = strtoll(p, &end, 10);
			if (end == p || !isdigit((unsigned char) *p) || errno != 0 || (*end != ',' && *end != '}'))
				summary_bad_text(&time_type, input, problem);
			if (n == allocated)
			{
				if (allocated >= DAY_BIN_LIMIT)
					summary_bad_text(&time_type, input, "\"days\" has too many bins.");
				allocated *= 2;
				bins = repalloc_huge(bins, sizeof(DayBin) * allocated);
			}
			bins[n].group = (int32) stage;
			bins[n].days = (int32) days;
			bins[n++].count = count;
			p = end + 1;
			if (*end == '}')
				break;
		}
		if (*p == ',' && p[1] != '}')
			p++;
		else if (*p != '}')
			summary_bad_text(&time_type, input, problem);
	}
	if (p[1] != '\0')
		summary_bad_text(&time_type, input, problem);
	*bins_used = n;
	return bins;
}

PG_FUNCTION_INFO_V1(stage_time_in);
Datum
stage_time_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	int			version;
	char	   *cursor = summary_text_begin(pstrdup(input), &time_type, input, &version);
	int			stages = funnel_parse_stages(&cursor, &time_type, input);
	int64		in_progress[FUNNEL_MAX_STAGES];
	DayBin	   *bins;
	int32		bins_used;

	funnel_parse_list(&cursor, "in_progress", in_progress, stages, &time_type, input);
	bins = time_parse_days(summary_next_value(&cursor, "days", &time_type, input), &bins_used, input);
	summary_parse_end(cursor, &time_type, input);
	time_validate(stages, in_progress, bins, bins_used, input);
	PG_RETURN_POINTER(time_pack(stages, in_progress, bins, bins_used));
}

/*
 * Binary form: version byte, stages byte, in_progress[n] (int64), the bin
 * count (int32), then per bin its stage and days (int32) and stays (int64).
 */
PG_FUNCTION_INFO_V1(stage_time_send);
Datum
stage_time_send(PG_FUNCTION_ARGS)
{
	StageTimeSummary *summary = PG_GETARG_STAGE_TIME_P(0);
	const DayBin *bins = TIME_BINS(summary);
	StringInfoData buf;

	salesops_begin_state(&buf);
	pq_sendbyte(&buf, summary->stages);
	for (int i = 0; i < summary->stages; i++)
		pq_sendint64(&buf, summary->in_progress[i]);
	pq_sendint32(&buf, summary->bins_used);
	for (int32 i = 0; i < summary->bins_used; i++)
	{
		CHECK_FOR_INTERRUPTS();
		pq_sendint32(&buf, bins[i].group);
		pq_sendint32(&buf, bins[i].days);
		pq_sendint64(&buf, bins[i].count);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(stage_time_recv);
Datum
stage_time_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int64		in_progress[FUNNEL_MAX_STAGES];
	int			stages;
	int32		bins_used;
	DayBin	   *bins;

	(void) summary_recv_version(buf, &time_type);
	stages = summary_recv_byte(buf, &time_type);
	if (stages < 1)
		summary_invalid(&time_type, NULL, "A funnel has at least one stage.");
	for (int i = 0; i < stages; i++)
		in_progress[i] = summary_recv_int64(buf, &time_type);
	bins_used = summary_recv_int32(buf, &time_type);
	/* each bin takes 16 bytes: a count the message cannot hold is a lie */
	if (bins_used < 0 || (Size) bins_used > (Size) (buf->len - buf->cursor) / 16)
		summary_invalid(&time_type, NULL, "The day histogram is longer than the message.");
	bins = palloc_extended(sizeof(DayBin) * Max(1, bins_used), MCXT_ALLOC_HUGE);
	for (int32 i = 0; i < bins_used; i++)
	{
		CHECK_FOR_INTERRUPTS();
		bins[i].group = summary_recv_int32(buf, &time_type);
		bins[i].days = summary_recv_int32(buf, &time_type);
		bins[i].count = summary_recv_int64(buf, &time_type);
	}
	time_validate(stages, in_progress, bins, bins_used, NULL);
	PG_RETURN_POINTER(time_pack(stages, in_progress, bins, bins_used));
}

/* ---------- accessors ---------- */

/* The bins of one stage within a summary's sorted bins. */
typedef struct StageDays
{
	DayBinReader bins;			/* the stage's */
	int64		stays;
	int128		days;
	int64		in_progress;
} StageDays;

static void
time_stage_arg(FunctionCallInfo fcinfo, StageDays *stage_days)
{
	StageTimeSummary *summary = PG_GETARG_STAGE_TIME_P(0);
	int			stage = funnel_accessor_stage(fcinfo, 1, summary->stages);
	const DayBin *bins = TIME_BINS(summary);
	int32		lo = 0,
				hi = summary->bins_used;

	/* the first bin of the stage: bins are sorted by stage */
	while (lo < hi)
	{
		int32		mid = lo + (hi - lo) / 2;

		if (bins[mid].group < stage)
			lo = mid + 1;
		else
			hi = mid;
	}
	hi = lo;
	while (hi < summary->bins_used && bins[hi].group == stage)
		hi++;
	stage_days->bins = day_bins_reader(bins + lo, hi - lo, time_type.name);
	stage_days->in_progress = summary->in_progress[stage - 1];
	day_bins_totals(&stage_days->bins, &stage_days->days, &stage_days->stays);
}

PG_FUNCTION_INFO_V1(stage_time_avg);
Datum
stage_time_avg(PG_FUNCTION_ARGS)
{
	StageDays	s;

	time_stage_arg(fcinfo, &s);
	if (s.stays == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(int128_ratio_float8(s.days, s.stays));
}

PG_FUNCTION_INFO_V1(stage_time_median);
Datum
stage_time_median(PG_FUNCTION_ARGS)
{
	StageDays	s;

	time_stage_arg(fcinfo, &s);
	if (s.stays == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(day_bins_percentile(&s.bins, s.stays, 0.5, 1));
}

PG_FUNCTION_INFO_V1(stage_time_percentile);
Datum
stage_time_percentile(PG_FUNCTION_ARGS)
{
	StageDays	s;
	float8		fraction = PG_GETARG_FLOAT8(2);

	day_check_percentile(fraction);
	time_stage_arg(fcinfo, &s);
	if (s.stays == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(day_bins_percentile(&s.bins, s.stays, fraction, 1));
}

PG_FUNCTION_INFO_V1(stage_time_stays);
Datum
stage_time_stays(PG_FUNCTION_ARGS)
{
	StageDays	s;

	time_stage_arg(fcinfo, &s);
	PG_RETURN_INT64(s.stays);
}

PG_FUNCTION_INFO_V1(stage_time_in_progress);
Datum
stage_time_in_progress(PG_FUNCTION_ARGS)
{
	StageDays	s;

	time_stage_arg(fcinfo, &s);
	PG_RETURN_INT64(s.in_progress);
}

PG_FUNCTION_INFO_V1(stage_time_stages);
Datum
stage_time_stages(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(PG_GETARG_STAGE_TIME_P(0)->stages);
}

/* ---------- equality, hashing and ordering: stages, in_progress[], bins ---------- */

static int
stage_time_order(Datum a, Datum b)
{
	StageTimeSummary *x = time_checked(PG_DETOAST_DATUM(a));
	StageTimeSummary *y = time_checked(PG_DETOAST_DATUM(b));
	const DayBin *xb = TIME_BINS(x);
	const DayBin *yb = TIME_BINS(y);
	int			order = summary_cmp_int64(x->stages, y->stages);

	for (int i = 0; order == 0 && i < x->stages; i++)
		order = summary_cmp_int64(x->in_progress[i], y->in_progress[i]);
	for (int32 i = 0; order == 0 && i < Min(x->bins_used, y->bins_used); i++)
	{
		CHECK_FOR_INTERRUPTS();
		order = day_bin_cmp(&xb[i], &yb[i]);
		if (order == 0)
			order = summary_cmp_int64(xb[i].count, yb[i].count);
	}
	if (order == 0)
		order = summary_cmp_int64(x->bins_used, y->bins_used);
	return order;
}

static uint32
stage_time_hash_value(Datum value)
{
	StageTimeSummary *summary = time_checked(PG_DETOAST_DATUM(value));
	const DayBin *bins = TIME_BINS(summary);
	uint32		hash = summary_hash_int64(0, summary->stages);

	for (int i = 0; i < summary->stages; i++)
		hash = summary_hash_int64(hash, summary->in_progress[i]);
	for (int32 i = 0; i < summary->bins_used; i++)
	{
		CHECK_FOR_INTERRUPTS();
		hash = summary_hash_int64(hash, ((int64) bins[i].group << 32) | (uint32) bins[i].days);
		hash = summary_hash_int64(hash, bins[i].count);
	}
	return hash;
}

SUMMARY_ORDERING_FUNCTIONS(stage_time, stage_time_order, stage_time_hash_value)
