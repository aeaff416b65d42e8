/*
 * flow.c
 *	  Pipeline flow: the waterfall of a target window's open pipeline
 *	  between two snapshots (kpi-definitions.md section 13), as the
 *	  pipeline_flow summary type, its aggregate, rollup and accessors.
 *
 * Each row is one deal: its (won, amount, close date) at the start and at
 * the end of the period, and its created date.  The deal gets one start
 * state (closed, in, out, none) and one end state (won, lost, in, out,
 * gone), and the pair of states decides which bars it adds to (the
 * contribution table of section 13).  Every class of deal balances on its
 * own, so for any set of deals
 *
 *	start + new + pulled_in + added + increased - decreased
 *		  - pushed_out - removed - won - lost = end
 *
 * holds exactly, for amounts (exact numeric sums) and for deal counts
 * (increased and decreased are not count flows).  Input of a stored value
 * checks it.
 *
 * The period and the target window are the same in every row and in every
 * summary that is rolled up: a summary records them, and rollup refuses
 * summaries of different periods (summed weekly waterfalls would count the
 * starts twice and report gross moves as net ones).
 *
 * The summary follows summary.h's discipline for fixed-size summaries (its
 * own transition state, updated in place; exact sums in ExactSumCore slots,
 * their rare spills after the fixed part).
 */
#include "summary.h"

#include "catalog/pg_type.h"
#include "libpq/pqformat.h"
#include "nodes/primnodes.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/fmgroids.h"
#include "utils/rangetypes.h"
#include "utils/typcache.h"

/* The bars, in waterfall order (the order of the text form and pipeline_changes). */
typedef enum FlowBar
{
	BAR_START,
	BAR_NEW,
	BAR_PULLED_IN,
	BAR_ADDED,
	BAR_INCREASED,
	BAR_DECREASED,
	BAR_PUSHED_OUT,
	BAR_REMOVED,
	BAR_WON,
	BAR_LOST,
	BAR_END,
	FLOW_BARS
} FlowBar;

/* Memo counts: deals that are in no bar, or in a bar for a reason worth counting. */
typedef enum FlowMemo
{
	MEMO_UNCHANGED,				/* in the pipeline at both ends, same amount */
	MEMO_UNVALUED_START,		/* open, dated in the target, no amount: at the start */
	MEMO_UNVALUED_END,			/* the same at the end */
	FLOW_MEMOS
} FlowMemo;

static const char *const flow_bar_names[FLOW_BARS] = {
	"start", "new", "pulled_in", "added", "increased", "decreased",
	"pushed_out", "removed", "won", "lost", "end"
};

static const char *const flow_memo_names[FLOW_MEMOS] = {
	"unchanged", "unvalued_start", "unvalued_end"
};

/* The close-date window whose pipeline is followed; either side may be unbounded. */
typedef DateWindow FlowWindow;

/* The constant parameters of a waterfall. */
typedef struct FlowParams
{
	DateADT		period_lower;	/* the start snapshot: the beginning of this day */
	DateADT		period_upper;	/* the end snapshot */
	FlowWindow	target;
} FlowParams;

/* target_bounds bits of the stored value */
#define FLOW_TARGET_LOWER 0x01
#define FLOW_TARGET_UPPER 0x02

/* The stored summary (ALIGNMENT = double; PostgreSQL's int128 is 8-aligned). */
typedef struct PipelineFlowSummary
{
	int32		vl_len_;
	uint8		version;
	uint8		target_bounds;	/* FLOW_TARGET_* bits: which target bounds exist */
	uint16		spill_mask;		/* bit i: bar i's amount has a spill text after the fixed part */
	DateADT		period_lower;
	DateADT		period_upper;
	DateADT		target_lower;	/* 0 when unbounded */
	DateADT		target_upper;	/* 0 when unbounded */
	int64		deals[FLOW_BARS];
	int64		memos[FLOW_MEMOS];
	ExactSumCore amounts[FLOW_BARS];
	/* spill texts, NUL-terminated, in bar order */
} PipelineFlowSummary;

/* A summary with its amounts unpacked: for slow paths, I/O and accessors. */
typedef struct PipelineFlowParts
{
	FlowParams	params;
	int64		deals[FLOW_BARS];
	int64		memos[FLOW_MEMOS];
	ExactSum	amounts[FLOW_BARS];
} PipelineFlowParts;

static const SummaryType flow_type = {"pipeline_flow", "amount", "the amount columns",
SALESOPS_FORMAT_VERSION, SALESOPS_FORMAT_VERSION};

#define PG_GETARG_PIPELINE_FLOW_P(n) flow_checked(PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))
#define flow_writable(fcinfo, argno) flow_checked(summary_writable(fcinfo, argno))

static PipelineFlowSummary *
flow_checked(void *value)
{
	PipelineFlowSummary *summary = (PipelineFlowSummary *) value;

	summary_check_header(value, sizeof(PipelineFlowSummary), &flow_type);
	if ((summary->target_bounds & ~(FLOW_TARGET_LOWER | FLOW_TARGET_UPPER)) != 0 ||
		(summary->spill_mask & ~((1 << FLOW_BARS) - 1)) != 0)
		summary_corrupt(&flow_type, "Its flag bytes have unknown bits set.");
	return summary;
}

static void
flow_params_of(const PipelineFlowSummary *summary, FlowParams *params)
{
	params->period_lower = summary->period_lower;
	params->period_upper = summary->period_upper;
	params->target.has_lower = (summary->target_bounds & FLOW_TARGET_LOWER) != 0;
	params->target.has_upper = (summary->target_bounds & FLOW_TARGET_UPPER) != 0;
	params->target.lower = summary->target_lower;
	params->target.upper = summary->target_upper;
}

static PipelineFlowSummary *
flow_pack(const PipelineFlowParts *parts)
{
	char	   *spill_text[FLOW_BARS];
	Size		size = sizeof(PipelineFlowSummary) + summary_spills_size(parts->amounts, FLOW_BARS, spill_text);
	PipelineFlowSummary *summary = palloc0(size);

	SET_VARSIZE(summary, size);
	summary->version = SALESOPS_FORMAT_VERSION;
	summary->period_lower = parts->params.period_lower;
	summary->period_upper = parts->params.period_upper;
	if (parts->params.target.has_lower)
	{
		summary->target_bounds |= FLOW_TARGET_LOWER;
		summary->target_lower = parts->params.target.lower;
	}
	if (parts->params.target.has_upper)
	{
		summary->target_bounds |= FLOW_TARGET_UPPER;
		summary->target_upper = parts->params.target.upper;
	}
	memcpy(summary->deals, parts->deals, sizeof(summary->deals));
	memcpy(summary->memos, parts->memos, sizeof(summary->memos));
	summary_sums_store(FLOW_BARS, summary->amounts, parts->amounts);
	summary->spill_mask = summary_spills_write((char *) summary + sizeof(PipelineFlowSummary),
											   spill_text, FLOW_BARS);
	return summary;
}

static void
flow_unpack(const PipelineFlowSummary *summary, PipelineFlowParts *parts)
{
	memset(parts, 0, sizeof(PipelineFlowParts));
	flow_params_of(summary, &parts->params);
	memcpy(parts->deals, summary->deals, sizeof(parts->deals));
	memcpy(parts->memos, summary->memos, sizeof(parts->memos));
	summary_sums_load(FLOW_BARS, summary->amounts, parts->amounts);
	summary_spills_read((const char *) summary + sizeof(PipelineFlowSummary),
						(const char *) summary + VARSIZE(summary),
						summary->spill_mask, parts->amounts, FLOW_BARS, &flow_type);
}

/* ---------- the period and the target window ---------- */

static bool
flow_window_equal(const FlowWindow *a, const FlowWindow *b)
{
	return a->has_lower == b->has_lower && a->has_upper == b->has_upper &&
		(!a->has_lower || a->lower == b->lower) && (!a->has_upper || a->upper == b->upper);
}

static bool
flow_params_equal(const FlowParams *a, const FlowParams *b)
{
	return a->period_lower == b->period_lower && a->period_upper == b->period_upper &&
		flow_window_equal(&a->target, &b->target);
}

/* A close date in the target window (an undated deal is in none). */
static inline bool
flow_in_target(const FlowWindow *target, bool dated, DateADT close)
{
	return dated && (!target->has_lower || close >= target->lower) &&
		(!target->has_upper || close < target->upper);
}

/*
 * A date as ISO 8601 text whatever DateStyle is, so the text form of a
 * stored value reads back under any setting.
 */
static void
flow_append_date(StringInfo buf, DateADT date)
{
	int			year;
	int			month;
	int			day;

	if (DATE_IS_NOBEGIN(date))
	{
		appendStringInfoString(buf, "-infinity");
		return;
	}
	if (DATE_IS_NOEND(date))
	{
		appendStringInfoString(buf, "infinity");
		return;
	}
	j2date(date + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	if (year > 0)
		appendStringInfo(buf, "%04d-%02d-%02d", year, month, day);
	else
		appendStringInfo(buf, "%04d-%02d-%02d BC", 1 - year, month, day);
}

/* A window in daterange's canonical text form: [lower,upper), empty sides unbounded. */
static void
flow_append_window(StringInfo buf, bool has_lower, DateADT lower, bool has_upper, DateADT upper)
{
	appendStringInfoChar(buf, has_lower ? '[' : '(');
	if (has_lower)
		flow_append_date(buf, lower);
	appendStringInfoChar(buf, ',');
	if (has_upper)
		flow_append_date(buf, upper);
	appendStringInfoChar(buf, ')');
}

static char *
flow_period_text(const FlowParams *params)
{
	StringInfoData buf;

	initStringInfo(&buf);
	flow_append_window(&buf, true, params->period_lower, true, params->period_upper);
	return buf.data;
}

static char *
flow_target_text(const FlowParams *params)
{
	StringInfoData buf;

	initStringInfo(&buf);
	flow_append_window(&buf, params->target.has_lower, params->target.lower,
					   params->target.has_upper, params->target.upper);
	return buf.data;
}

/*
 * What is wrong with a period or target window, or NULL: a period is a
 * non-empty range with two finite bounds (the two snapshots); a target is
 * non-empty and may be unbounded (the rolling waterfall).
 */
static const char *
flow_params_problem(const FlowParams *params)
{
	if (DATE_NOT_FINITE(params->period_lower) || DATE_NOT_FINITE(params->period_upper) ||
		params->period_lower >= params->period_upper)
		return "period";
	if (params->target.has_lower && params->target.has_upper &&
		params->target.lower >= params->target.upper)
		return "target";
	return NULL;
}

static void
flow_bad_range(const char *which, Datum range)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("pipeline_flow %s \"%s\" is not valid", which,
					OidOutputFunctionCall(F_RANGE_OUT, range)),
			 strcmp(which, "period") == 0
			 ? errdetail("The period is the days between the two snapshots: a non-empty date range with two finite bounds.")
			 : errdetail("The target close-date window must not be empty; it may be unbounded on either side.")));
}

/*
 * The period and target of a row, checked.  The last pair read is cached
 * per call site with its bytes, so a query passing constants deserializes
 * them once; a row whose bytes differ is read again (equal ranges of other
 * bytes are still equal: the comparison with the state is by value).  When
 * the aggregate's own period and target arguments are constants (the usual
 * daterange('...', '...'), folded by the planner), every row passes the
 * same bytes, and the rows after the first skip even the comparison.
 */
typedef struct FlowParamsCache
{
	struct varlena *period_bytes;
	struct varlena *target_bytes;
	bool		constant;		/* the Aggref's period and target are Consts */
	FlowParams	params;
} FlowParamsCache;

/* Are arguments period_argno and target_argno of the calling aggregate constants? */
static bool
flow_params_constant(FunctionCallInfo fcinfo, int period_argno, int target_argno)
{
	Aggref	   *aggref = AggGetAggref(fcinfo);
	TargetEntry *period;
	TargetEntry *target;

	/* the transition's argument n is the Aggref's argument n - 1 (0 is the state) */
	if (aggref == NULL || list_length(aggref->args) < target_argno)
		return false;
	period = list_nth_node(TargetEntry, aggref->args, period_argno - 1);
	target = list_nth_node(TargetEntry, aggref->args, target_argno - 1);
	return !period->resjunk && !target->resjunk &&
		IsA(period->expr, Const) && IsA(target->expr, Const);
}

static bool
flow_same_bytes(struct varlena *cached, struct varlena *value)
{
	return cached != NULL && VARSIZE_ANY_EXHDR(cached) == VARSIZE_ANY_EXHDR(value) &&
		memcmp(VARDATA_ANY(cached), VARDATA_ANY(value), VARSIZE_ANY_EXHDR(value)) == 0;
}

static const FlowParams *
flow_row_params(FunctionCallInfo fcinfo, int period_argno, int target_argno)
{
	FlowParamsCache *cache = (FlowParamsCache *) fcinfo->flinfo->fn_extra;
	struct varlena *period_bytes;
	struct varlena *target_bytes;
	FlowWindow	period;
	FlowParams	params;

	if (PG_ARGISNULL(period_argno) || PG_ARGISNULL(target_argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("pipeline_flow %s must not be null",
						PG_ARGISNULL(period_argno) ? "period" : "target window"),
				 errdetail("The period and the target window are the same in every row: a null one is a mistake in the query, not missing data.")));
	if (cache && cache->constant)
		return &cache->params;
	period_bytes = pg_detoast_datum_packed((struct varlena *) PG_GETARG_POINTER(period_argno));
	target_bytes = pg_detoast_datum_packed((struct varlena *) PG_GETARG_POINTER(target_argno));
	if (cache && flow_same_bytes(cache->period_bytes, period_bytes) &&
		flow_same_bytes(cache->target_bytes, target_bytes))
		return &cache->params;

	if (!date_window_of_range(PointerGetDatum(PG_DETOAST_DATUM(PG_GETARG_DATUM(period_argno))),
							  &period) ||
		!period.has_lower || !period.has_upper)
		flow_bad_range("period", PG_GETARG_DATUM(period_argno));
	params.period_lower = period.lower;
	params.period_upper = period.upper;
	if (!date_window_of_range(PointerGetDatum(PG_DETOAST_DATUM(PG_GETARG_DATUM(target_argno))),
							  &params.target))
		flow_bad_range("target window", PG_GETARG_DATUM(target_argno));
	/* a non-empty daterange has lower < upper: what is left is an infinite period bound */
	if (flow_params_problem(&params))
		flow_bad_range("period", PG_GETARG_DATUM(period_argno));

	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(FlowParamsCache));
		fcinfo->flinfo->fn_extra = cache;
	}
	if (cache->period_bytes)
		pfree(cache->period_bytes);
	if (cache->target_bytes)
		pfree(cache->target_bytes);
	cache->period_bytes = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, VARSIZE_ANY(period_bytes));
	memcpy(cache->period_bytes, period_bytes, VARSIZE_ANY(period_bytes));
	cache->target_bytes = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, VARSIZE_ANY(target_bytes));
	memcpy(cache->target_bytes, target_bytes, VARSIZE_ANY(target_bytes));
	cache->params = params;
	cache->constant = flow_params_constant(fcinfo, period_argno, target_argno);
	return &cache->params;
}

/* Rows and summaries of one waterfall share its period and target. */
static void
flow_check_params(const FlowParams *have, const FlowParams *other, bool rollup)
{
	if (flow_params_equal(have, other))
		return;
	if (rollup)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot roll up pipeline_flow values of different periods or target windows"),
				 errdetail("One value covers period %s with target %s, another period %s with target %s.",
						   flow_period_text(have), flow_target_text(have),
						   flow_period_text(other), flow_target_text(other)),
				 errhint("A waterfall over a longer period comes from the snapshots at its two ends.")));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("pipeline_flow period and target window differ between rows"),
			 errdetail("One row has period %s with target %s, another period %s with target %s.",
					   flow_period_text(have), flow_target_text(have),
					   flow_period_text(other), flow_target_text(other)),
			 errhint("Pass the same period and target window to every row of a group; group by them for several waterfalls.")));
}

/* ---------- the transition ---------- */

/* A new summary with no deal (in the current context: see summary.h). */
static PipelineFlowSummary *
flow_new(const FlowParams *params)
{
	PipelineFlowParts empty;

	memset(&empty, 0, sizeof(empty));
	empty.params = *params;
	return flow_pack(&empty);
}

/* Add a term to bar 'which' the slow way (the spill callback): unpack, add, repack. */
static Pointer
flow_add_slow(Pointer summary, int which, Numeric term)
{
	PipelineFlowParts parts;

	flow_unpack((PipelineFlowSummary *) summary, &parts);
	exact_sum_add_numeric(&parts.amounts[which], term, CurrentMemoryContext);
	return (Pointer) flow_pack(&parts);
}

/*
 * One side of a deal: its state in a snapshot.  The amount is classified
 * (money_classify) when a bar first needs it: most deals (closed at both
 * ends, or open outside the target at both) add to no bar.
 */
typedef struct FlowSide
{
	bool		closed;
	bool		won;
	bool		valued;			/* amount not NULL */
	bool		dated;			/* close date not NULL */
	bool		classified;		/* class and scaled are set */
	DateADT		close;
	Money		amount;
	NumericClass class;			/* of amount, when valued and classified */
	ScaledValue scaled;			/* when class is NUMERIC_CLASS_SCALED */
} FlowSide;

/* salesops_date_arg, with the date form read in line (three dates a row) */
static inline DateADT
flow_date_arg(FunctionCallInfo fcinfo, int argno, bool timestamptz)
{
	return timestamptz ? salesops_date_arg(fcinfo, argno, true) : PG_GETARG_DATEADT(argno);
}

static void
flow_read_side(FunctionCallInfo fcinfo, int won_argno, bool timestamptz, FlowSide *side)
{
	int			amount_argno = won_argno + 1;
	int			close_argno = won_argno + 2;

	side->closed = !PG_ARGISNULL(won_argno);
	side->won = side->closed && PG_GETARG_BOOL(won_argno);
	side->valued = !PG_ARGISNULL(amount_argno);
	side->classified = false;
	if (side->valued)
	{
		side->amount.value = PG_GETARG_DATUM(amount_argno);
		side->amount.type = MONEY_NUMERIC;
	}
	side->dated = !PG_ARGISNULL(close_argno);
	if (side->dated)
		side->close = flow_date_arg(fcinfo, close_argno, timestamptz);
}

/* The side's amount classified (a bar adds it: the side is valued). */
static inline void
flow_classify(FlowSide *side)
{
	if (!side->classified)
	{
		side->class = money_classify(side->amount, &side->scaled);
		side->classified = true;
	}
}

/* The deal enters bar 'bar' with its amount on 'side'. */
static PipelineFlowSummary *
flow_add(PipelineFlowSummary *summary, FlowBar bar, FlowSide *side)
{
	summary->deals[bar]++;
	flow_classify(side);
	if (side->class == NUMERIC_CLASS_SCALED)
		return (PipelineFlowSummary *) summary_add_scaled((Pointer) summary, &summary->amounts[bar], bar,
														  side->scaled.digits, side->scaled.scale,
														  flow_add_slow);
	return (PipelineFlowSummary *) summary_add_money((Pointer) summary, &summary->amounts[bar], bar,
													 side->amount, flow_add_slow);
}

static PipelineFlowSummary *
flow_add_term(PipelineFlowSummary *summary, FlowBar bar, int128 term, int scale)
{
	summary->deals[bar]++;
	return (PipelineFlowSummary *) summary_add_scaled((Pointer) summary, &summary->amounts[bar], bar,
													  term, scale, flow_add_slow);
}

/*
 * The change from amount 'from' to amount 'to' of a deal in the pipeline at
 * the start: increased or decreased by its magnitude, or unchanged (false).
 * A NaN difference is increased: numeric orders NaN above every number.
 */
static PipelineFlowSummary *
flow_add_change(PipelineFlowSummary *summary, FlowSide *from, FlowSide *to, bool *changed)
{
	*changed = true;
	flow_classify(from);
	flow_classify(to);
	if (from->class == NUMERIC_CLASS_SCALED && to->class == NUMERIC_CLASS_SCALED)
	{
		int			scale = Max(from->scaled.scale, to->scaled.scale);
		int128		a = from->scaled.digits;
		int128		b = to->scaled.digits;

		/* 18 digits shifted by at most 18 places: below 10^36 */
		for (int s = from->scaled.scale; s < scale; s++)
			a *= 10;
		for (int s = to->scaled.scale; s < scale; s++)
			b *= 10;
		if (b > a)
			return flow_add_term(summary, BAR_INCREASED, b - a, scale);
		if (b < a)
			return flow_add_term(summary, BAR_DECREASED, a - b, scale);
	}
	else
	{
		Numeric		d = numeric_sub_opt_error(money_numeric(to->amount), money_numeric(from->amount), NULL);
		int			sign = salesops_numeric_sign(d);
		FlowSide	change;

		memset(&change, 0, sizeof(change));
		if (sign < 0)
			d = DatumGetNumeric(DirectFunctionCall1(numeric_abs, NumericGetDatum(d)));
		change.amount = money_of_numeric(d);
		change.class = money_classify(change.amount, &change.scaled);
		change.classified = true;
		if (sign != 0)
			return flow_add(summary, sign > 0 ? BAR_INCREASED : BAR_DECREASED, &change);
	}
	*changed = false;
	return summary;
}

typedef enum FlowStartState
{
	START_CLOSED, START_IN, START_OUT, START_NONE
} FlowStartState;

typedef enum FlowEndState
{
	END_WON, END_LOST, END_IN, END_OUT, END_GONE
} FlowEndState;

/*
 * Add one deal: its start and end states (first matching rule wins), then
 * the contributions of section 13's table for that pair.
 */
static PipelineFlowSummary *
flow_add_deal(PipelineFlowSummary *summary, const FlowParams *params, FlowSide *start,
			  FlowSide *end, bool has_created, DateADT created)
{
	const FlowWindow *target = &params->target;
	bool		start_in_target = flow_in_target(target, start->dated, start->close);
	bool		end_in_target = flow_in_target(target, end->dated, end->close);
	FlowStartState from;
	FlowEndState to;
	FlowBar		entry;

	if (start->closed)
		from = START_CLOSED;
	else if (start->valued && start_in_target)
		from = START_IN;
	else if (start->valued && start->dated)
		from = START_OUT;
	else
		from = START_NONE;

	if (end->closed)
		to = end->won ? END_WON : END_LOST;
	else if (end->valued && end_in_target)
		to = END_IN;
	else if (end->valued && end->dated)
		to = END_OUT;
	else
		to = END_GONE;

	/* open, dated in the target, no amount: outside every bar, counted apart */
	if (!start->closed && !start->valued && start_in_target)
		summary->memos[MEMO_UNVALUED_START]++;
	if (!end->closed && !end->valued && end_in_target)
		summary->memos[MEMO_UNVALUED_END]++;

	if (from == START_IN)
	{
		bool		changed;

		summary = flow_add(summary, BAR_START, start);
		switch (to)
		{
			case END_IN:
				summary = flow_add(summary, BAR_END, end);
				summary = flow_add_change(summary, start, end, &changed);
				if (!changed)
					summary->memos[MEMO_UNCHANGED]++;
				return summary;
			case END_WON:
				{
					/* booked at the end amount; the re-pricing at closing is a change */
					FlowSide   *booked = end->valued ? end : start;

					summary = flow_add_change(summary, start, booked, &changed);
					return flow_add(summary, BAR_WON, booked);
				}
			case END_LOST:
				return flow_add(summary, BAR_LOST, start);
			case END_OUT:
				return flow_add(summary, BAR_PUSHED_OUT, start);
			case END_GONE:
				return flow_add(summary, BAR_REMOVED, start);
		}
	}

	/* not in the target's pipeline at the start: which door it came in by */
	if (from == START_OUT)
		entry = BAR_PULLED_IN;
	else if (from == START_NONE && has_created && created >= params->period_lower)
		entry = BAR_NEW;
	else
		entry = BAR_ADDED;		/* reopened, transferred in, amount filled in, created unknown */

	if (to == END_IN)
	{
		summary = flow_add(summary, entry, end);
		return flow_add(summary, BAR_END, end);
	}
	/* passed through: entered and closed inside the period, closing in the target */
	if ((to == END_WON || to == END_LOST) && from != START_CLOSED && end->valued && end_in_target)
	{
		summary = flow_add(summary, entry, end);
		return flow_add(summary, to == END_WON ? BAR_WON : BAR_LOST, end);
	}
	return summary;
}

/*
 * pipeline_flow(start_won, start_amount, start_close, end_won, end_amount,
 * end_close, created_at, period, target) transition; timestamptz says how to
 * read the three dates.  Every row makes the summary exist, so a group whose
 * deals all stay outside the target window gives counts of 0, not NULL.
 */
static Datum
flow_add_row(FunctionCallInfo fcinfo, bool timestamptz)
{
	const FlowParams *params = flow_row_params(fcinfo, 8, 9);
	PipelineFlowSummary *summary;
	FlowParams	have;
	FlowSide	start;
	FlowSide	end;
	bool		has_created = !PG_ARGISNULL(7);

	if (PG_ARGISNULL(0))
		summary = flow_new(params);
	else
	{
		summary = flow_writable(fcinfo, 0);
		flow_params_of(summary, &have);
		flow_check_params(&have, params, false);
	}
	flow_read_side(fcinfo, 1, timestamptz, &start);
	flow_read_side(fcinfo, 4, timestamptz, &end);
	summary = flow_add_deal(summary, params, &start, &end, has_created,
							has_created ? flow_date_arg(fcinfo, 7, timestamptz) : 0);
	PG_RETURN_POINTER(summary);
}

PG_FUNCTION_INFO_V1(pipeline_flow_trans);
Datum
pipeline_flow_trans(PG_FUNCTION_ARGS)
{
	return flow_add_row(fcinfo, false);
}

PG_FUNCTION_INFO_V1(pipeline_flow_timestamptz_trans);
Datum
pipeline_flow_timestamptz_trans(PG_FUNCTION_ARGS)
{
	return flow_add_row(fcinfo, true);
}

/* ---------- combine (rollup across teams, owners, shards) ---------- */

PG_FUNCTION_INFO_V1(pipeline_flow_combine);
Datum
pipeline_flow_combine(PG_FUNCTION_ARGS)
{
	PipelineFlowSummary *into = flow_writable(fcinfo, 0);
	PipelineFlowSummary *from = PG_GETARG_PIPELINE_FLOW_P(1);
	FlowParams	into_params;
	FlowParams	from_params;

	flow_params_of(into, &into_params);
	flow_params_of(from, &from_params);
	flow_check_params(&into_params, &from_params, true);
	for (int i = 0; i < FLOW_BARS; i++)
		into->deals[i] = add_counts(into->deals[i], from->deals[i], flow_type.name);
	for (int i = 0; i < FLOW_MEMOS; i++)
		into->memos[i] = add_counts(into->memos[i], from->memos[i], flow_type.name);
	if (from->spill_mask == 0)
		into = (PipelineFlowSummary *) summary_add_cores((Pointer) into,
														 offsetof(PipelineFlowSummary, amounts),
														 from->amounts, FLOW_BARS, &flow_type,
														 flow_add_slow);
	else
	{
		PipelineFlowParts merged;
		PipelineFlowParts other;

		flow_unpack(into, &merged);
		flow_unpack(from, &other);
		summary_merge_sums(merged.amounts, other.amounts, FLOW_BARS, &flow_type);
		into = flow_pack(&merged);
	}
	PG_RETURN_POINTER(into);
}

/* ---------- text and binary I/O ---------- */

/*
 * Text form: v1 period=[2024-04-01,2024-04-08) target=[2024-04-01,2024-07-01)
 * start=8:145000 new=2:13000 ... end=8:92500 unchanged=1 unvalued_start=2
 * unvalued_end=1; a bar with no deal is "name=0" (its amount is NULL, as
 * sum() of no row).
 */
PG_FUNCTION_INFO_V1(pipeline_flow_out);
Datum
pipeline_flow_out(PG_FUNCTION_ARGS)
{
	PipelineFlowParts parts;
	StringInfoData buf;

	flow_unpack(PG_GETARG_PIPELINE_FLOW_P(0), &parts);
	initStringInfo(&buf);
	appendStringInfo(&buf, "v%d period=%s target=%s", SALESOPS_FORMAT_VERSION,
					 flow_period_text(&parts.params), flow_target_text(&parts.params));
	for (int i = 0; i < FLOW_BARS; i++)
	{
		appendStringInfo(&buf, " %s=" INT64_FORMAT, flow_bar_names[i], parts.deals[i]);
		if (parts.deals[i] > 0)
			appendStringInfo(&buf, ":%s", salesops_numeric_out(exact_sum_result(&parts.amounts[i])));
	}
	for (int i = 0; i < FLOW_MEMOS; i++)
		appendStringInfo(&buf, " %s=" INT64_FORMAT, flow_memo_names[i], parts.memos[i]);
	PG_RETURN_CSTRING(buf.data);
}

/*
 * What no aggregate can produce (doc/summary-invariants.md, W1 to W8), or
 * NULL.  Amounts that are NaN or infinite are outside the amount identity:
 * they make it NaN, as they make sum() NaN.
 */
static const char *
flow_impossible(const PipelineFlowParts *parts)
{
	const int64 *n = parts->deals;
	int128		balance;
	bool		finite = true;

	if (flow_params_problem(&parts->params))
		return strcmp(flow_params_problem(&parts->params), "period") == 0
			? "The period must have two finite bounds, the lower before the upper."
			: "The target window must not be empty.";
	for (int i = 0; i < FLOW_BARS; i++)
		if (n[i] < 0)
			return psprintf("The deals of \"%s\" cannot be negative.", flow_bar_names[i]);
	for (int i = 0; i < FLOW_MEMOS; i++)
		if (parts->memos[i] < 0)
			return psprintf("\"%s\" cannot be negative.", flow_memo_names[i]);
	for (int i = 0; i < FLOW_BARS; i++)
	{
		const ExactSumCore *core = &parts->amounts[i].core;

		if (n[i] == 0 && (core->scaled != 0 || core->scale != 0 || core->nan_count != 0 ||
						  core->pinf_count != 0 || core->ninf_count != 0 ||
						  parts->amounts[i].spill != NULL))
			return psprintf("\"%s\" has no deal, so it has no amount.", flow_bar_names[i]);
		finite &= exact_core_is_finite(core);
	}
	if (exact_sum_is_negative(&parts->amounts[BAR_INCREASED]) ||
		exact_sum_is_negative(&parts->amounts[BAR_DECREASED]))
		return "\"increased\" and \"decreased\" are magnitudes: they cannot be negative.";
	if ((int128) n[BAR_INCREASED] + n[BAR_DECREASED] + parts->memos[MEMO_UNCHANGED] +
		n[BAR_PUSHED_OUT] + n[BAR_REMOVED] > n[BAR_START])
		return "Each deal in the pipeline at the start is at most one of increased, decreased, unchanged, pushed out and removed, and no other deal is any of them: together they cannot exceed \"start\".";
	if (parts->memos[MEMO_UNCHANGED] > n[BAR_END])
		return "An unchanged deal is in the pipeline at the end: \"unchanged\" cannot exceed \"end\".";
	balance = (int128) n[BAR_START] + n[BAR_NEW] + n[BAR_PULLED_IN] + n[BAR_ADDED]
		- n[BAR_PUSHED_OUT] - n[BAR_REMOVED] - n[BAR_WON] - n[BAR_LOST] - n[BAR_END];
	if (balance != 0)
		return "The deals do not balance: start + new + pulled_in + added - pushed_out - removed - won - lost must equal end.";
	if (finite)
	{
		static const int sign[FLOW_BARS] = {1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1};
		ExactSum	total;

		exact_sum_init(&total);
		for (int i = 0; i < FLOW_BARS; i++)
		{
			Numeric		amount = exact_sum_result(&parts->amounts[i]);

			if (sign[i] < 0)
				amount = DatumGetNumeric(DirectFunctionCall1(numeric_uminus, NumericGetDatum(amount)));
			exact_sum_add_numeric(&total, amount, CurrentMemoryContext);
		}
		if (salesops_numeric_sign(exact_sum_result(&total)) != 0)
			return "The amounts do not balance: start + new + pulled_in + added + increased - decreased - pushed_out - removed - won - lost must equal end.";
	}
	return NULL;
}

static void
flow_validate(const PipelineFlowParts *parts, const char *input)
{
	const char *problem = flow_impossible(parts);

	if (problem)
		summary_invalid(&flow_type, input, problem);
}

/*
 * A day as flow_append_date writes it: ISO 8601 (four or more year digits,
 * " BC" for years before 1), "infinity" or "-infinity"; false if it is not
 * one, or not a date PostgreSQL has.
 */
static bool
flow_parse_date(const char *text, DateADT *date)
{
	const char *p = text;
	int			year = 0;
	int			month;
	int			day;
	int			digits = 0;
	int			julian;

	if (strcmp(text, "infinity") == 0 || strcmp(text, "-infinity") == 0)
	{
		if (text[0] == '-')
			DATE_NOBEGIN(*date);
		else
			DATE_NOEND(*date);
		return true;
	}
	for (; isdigit((unsigned char) *p) && digits < 8; p++, digits++)
		year = year * 10 + (*p - '0');
	if (digits < 4 || p[0] != '-' || !isdigit((unsigned char) p[1]) || !isdigit((unsigned char) p[2]) ||
		p[3] != '-' || !isdigit((unsigned char) p[4]) || !isdigit((unsigned char) p[5]))
		return false;
	month = (p[1] - '0') * 10 + (p[2] - '0');
	day = (p[4] - '0') * 10 + (p[5] - '0');
	p += 6;
	if (strcmp(p, " BC") == 0)
		year = 1 - year;		/* 1 BC is year 0 */
	else if (*p != '\0')
		return false;
	if (year < -4713 || year > 5874897 || month < 1 || month > 12 ||
		day < 1 || day > day_tab[isleap(year)][month - 1])
		return false;
	julian = date2j(year, month, day) - POSTGRES_EPOCH_JDATE;
	if (!IS_VALID_DATE(julian))
		return false;
	*date = julian;
	return true;
}

/*
 * The next "key=<window>" token, a period or target window as
 * flow_append_window writes it: "[lower,upper)", "(,upper)", "[lower,)" or
 * "(,)".  The token runs to its closing parenthesis (a BC date has a
 * space).  False for an empty window (upper not after lower).
 */
static bool
flow_parse_window(char **cursor, const char *key, FlowWindow *window, const char *text)
{
	char	   *value = *cursor;
	Size		keylen = strlen(key);
	char	   *comma;
	char	   *close;
	const char *problem = psprintf("\"%s\" must be a date range as daterange prints it, \"[lower,upper)\" with either side empty for no bound.", key);

	if (strncmp(value, key, keylen) != 0 || value[keylen] != '=')
		summary_bad_text(&flow_type, text, psprintf("Expected \"%s=\" at \"%s\".", key, value));
	value += keylen + 1;
	comma = strchr(value, ',');
	close = strchr(value, ')');
	if ((value[0] != '[' && value[0] != '(') || comma == NULL || close == NULL || close < comma ||
		(close[1] != ' ' && close[1] != '\0'))
		summary_bad_text(&flow_type, text, problem);
	*cursor = close[1] == ' ' ? close + 2 : close + 1;
	*comma = '\0';
	*close = '\0';
	window->has_lower = value[0] == '[';
	window->has_upper = comma[1] != '\0';
	window->lower = 0;
	window->upper = 0;
	if ((window->has_lower ? !flow_parse_date(value + 1, &window->lower) : value[1] != '\0') ||
		(window->has_upper && !flow_parse_date(comma + 1, &window->upper)))
		summary_bad_text(&flow_type, text, problem);
	return !(window->has_lower && window->has_upper && window->lower >= window->upper);
}

/* The next "bar=<deals>" or "bar=<deals>:<amount>" token. */
static void
flow_parse_bar(char **cursor, int bar, PipelineFlowParts *parts, const char *text)
{
	const char *key = flow_bar_names[bar];
	char	   *value = summary_next_value(cursor, key, &flow_type, text);
	char	   *colon = strchr(value, ':');
	char	   *end;
	long long	deals;

	if (colon)
		*colon = '\0';
	errno = 0;
	deals = strtoll(value, &end, 10);
	if (errno != 0 || *end != '\0' || deals < 0 || !isdigit((unsigned char) *value))
		summary_bad_text(&flow_type, text,
						 psprintf("The deals of \"%s\" must be a non-negative integer.", key));
	parts->deals[bar] = deals;
	if (deals > 0 && colon == NULL)
		summary_bad_text(&flow_type, text,
						 psprintf("\"%s\" has deals, so it needs an amount: \"%s=<deals>:<amount>\".", key, key));
	if (deals == 0 && colon != NULL)
		summary_bad_text(&flow_type, text, psprintf("\"%s\" has no deal, so it has no amount.", key));
	if (colon && !exact_sum_from_literal(colon + 1, &parts->amounts[bar]))
		summary_bad_text(&flow_type, text, psprintf("The amount of \"%s\" must be a number.", key));
}

PG_FUNCTION_INFO_V1(pipeline_flow_in);
Datum
pipeline_flow_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	int			version;
	char	   *cursor = summary_text_begin(pstrdup(input), &flow_type, input, &version);
	PipelineFlowParts parts;
	FlowWindow	period;

	memset(&parts, 0, sizeof(parts));
	if (!flow_parse_window(&cursor, "period", &period, input) || !period.has_lower || !period.has_upper)
		summary_invalid(&flow_type, input, "The period must be a non-empty date range with two bounds.");
	parts.params.period_lower = period.lower;
	parts.params.period_upper = period.upper;
	if (!flow_parse_window(&cursor, "target", &parts.params.target, input))
		summary_invalid(&flow_type, input, "The target window must not be empty.");
	for (int i = 0; i < FLOW_BARS; i++)
		flow_parse_bar(&cursor, i, &parts, input);
	for (int i = 0; i < FLOW_MEMOS; i++)
		parts.memos[i] = summary_parse_count(&cursor, flow_memo_names[i], &flow_type, input);
	summary_parse_end(cursor, &flow_type, input);
	flow_validate(&parts, input);
	PG_RETURN_POINTER(flow_pack(&parts));
}

/*
 * Binary form: version byte, period bounds (int32 days since 2000-01-01),
 * target bounds byte (FLOW_TARGET_*) and its two bounds, then per bar the
 * deals (int64) and, when there are any, the amount; then the memos.
 */
PG_FUNCTION_INFO_V1(pipeline_flow_send);
Datum
pipeline_flow_send(PG_FUNCTION_ARGS)
{
	PipelineFlowSummary *summary = PG_GETARG_PIPELINE_FLOW_P(0);
	PipelineFlowParts parts;
	StringInfoData buf;

	flow_unpack(summary, &parts);
	salesops_begin_state(&buf);
	pq_sendint32(&buf, summary->period_lower);
	pq_sendint32(&buf, summary->period_upper);
	pq_sendbyte(&buf, summary->target_bounds);
	pq_sendint32(&buf, summary->target_lower);
	pq_sendint32(&buf, summary->target_upper);
	for (int i = 0; i < FLOW_BARS; i++)
	{
		pq_sendint64(&buf, parts.deals[i]);
		if (parts.deals[i] > 0)
			summary_send_exact(&buf, &parts.amounts[i]);
	}
	for (int i = 0; i < FLOW_MEMOS; i++)
		pq_sendint64(&buf, parts.memos[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* A day of the binary form: a date PostgreSQL has, or +-infinity (as date_recv takes) */
static bool
flow_day_valid(DateADT day)
{
	return DATE_NOT_FINITE(day) || IS_VALID_DATE(day);
}

PG_FUNCTION_INFO_V1(pipeline_flow_recv);
Datum
pipeline_flow_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	PipelineFlowParts parts;
	int			bounds;

	(void) summary_recv_version(buf, &flow_type);
	memset(&parts, 0, sizeof(parts));
	parts.params.period_lower = summary_recv_int32(buf, &flow_type);
	parts.params.period_upper = summary_recv_int32(buf, &flow_type);
	bounds = summary_recv_byte(buf, &flow_type);
	if ((bounds & ~(FLOW_TARGET_LOWER | FLOW_TARGET_UPPER)) != 0)
		summary_invalid(&flow_type, NULL, "The target bounds byte has unknown bits set.");
	parts.params.target.has_lower = (bounds & FLOW_TARGET_LOWER) != 0;
	parts.params.target.has_upper = (bounds & FLOW_TARGET_UPPER) != 0;
	parts.params.target.lower = summary_recv_int32(buf, &flow_type);
	parts.params.target.upper = summary_recv_int32(buf, &flow_type);
	if ((!parts.params.target.has_lower && parts.params.target.lower != 0) ||
		(!parts.params.target.has_upper && parts.params.target.upper != 0))
		summary_invalid(&flow_type, NULL, "An unbounded side of the target window has the date 0.");
	if (!flow_day_valid(parts.params.period_lower) || !flow_day_valid(parts.params.period_upper) ||
		!flow_day_valid(parts.params.target.lower) || !flow_day_valid(parts.params.target.upper))
		summary_invalid(&flow_type, NULL, "A period or target day is not a date.");
	for (int i = 0; i < FLOW_BARS; i++)
	{
		parts.deals[i] = summary_recv_int64(buf, &flow_type);
		if (parts.deals[i] > 0)
			summary_recv_exact(buf, flow_bar_names[i], &parts.amounts[i], &flow_type);
	}
	for (int i = 0; i < FLOW_MEMOS; i++)
		parts.memos[i] = summary_recv_int64(buf, &flow_type);
	flow_validate(&parts, NULL);
	PG_RETURN_POINTER(flow_pack(&parts));
}

/* ---------- accessors ---------- */

/* The bar (or, with memos, memo) a name gives; an unknown name is an error. */
static int
flow_bar_of(text *name, bool memos)
{
	char	   *bar = text_to_cstring(name);

	for (int i = 0; i < FLOW_BARS; i++)
		if (strcmp(bar, flow_bar_names[i]) == 0)
			return i;
	for (int i = 0; memos && i < FLOW_MEMOS; i++)
		if (strcmp(bar, flow_memo_names[i]) == 0)
			return FLOW_BARS + i;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown pipeline_flow bar \"%s\"", bar),
			 memos
			 ? errhint("The bars are start, new, pulled_in, added, increased, decreased, pushed_out, removed, won, lost and end; the memos unchanged, unvalued_start and unvalued_end.")
			 : errhint("The bars are start, new, pulled_in, added, increased, decreased, pushed_out, removed, won, lost and end.")));
	pg_unreachable();
}

/* flow_amount(f, bar): the bar's exact amount; NULL when no deal is in it, as sum() */
PG_FUNCTION_INFO_V1(pipeline_flow_amount);
Datum
pipeline_flow_amount(PG_FUNCTION_ARGS)
{
	PipelineFlowParts parts;
	int			bar = flow_bar_of(PG_GETARG_TEXT_PP(1), false);

	flow_unpack(PG_GETARG_PIPELINE_FLOW_P(0), &parts);
	if (parts.deals[bar] == 0)
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(exact_sum_result(&parts.amounts[bar]));
}

/* flow_deals(f, bar): the deals in a bar, or a memo count */
PG_FUNCTION_INFO_V1(pipeline_flow_deals);
Datum
pipeline_flow_deals(PG_FUNCTION_ARGS)
{
	PipelineFlowSummary *summary = PG_GETARG_PIPELINE_FLOW_P(0);
	int			bar = flow_bar_of(PG_GETARG_TEXT_PP(1), true);

	if (bar >= FLOW_BARS)
		PG_RETURN_INT64(summary->memos[bar - FLOW_BARS]);
	PG_RETURN_INT64(summary->deals[bar]);
}

static Datum
flow_daterange(bool has_lower, DateADT lower, bool has_upper, DateADT upper)
{
	TypeCacheEntry *typcache = lookup_type_cache(DATERANGEOID, TYPECACHE_RANGE_INFO);
	RangeBound	low = {DateADTGetDatum(lower), !has_lower, true, true};
	RangeBound	high = {DateADTGetDatum(upper), !has_upper, false, false};

	return RangeTypePGetDatum(salesops_make_range(typcache, &low, &high, false));
}

PG_FUNCTION_INFO_V1(pipeline_flow_period);
Datum
pipeline_flow_period(PG_FUNCTION_ARGS)
{
	PipelineFlowSummary *summary = PG_GETARG_PIPELINE_FLOW_P(0);

	PG_RETURN_DATUM(flow_daterange(true, summary->period_lower, true, summary->period_upper));
}

PG_FUNCTION_INFO_V1(pipeline_flow_target);
Datum
pipeline_flow_target(PG_FUNCTION_ARGS)
{
	PipelineFlowSummary *summary = PG_GETARG_PIPELINE_FLOW_P(0);
	FlowParams	params;

	flow_params_of(summary, &params);
	PG_RETURN_DATUM(flow_daterange(params.target.has_lower, params.target.lower,
								   params.target.has_upper, params.target.upper));
}

/* ---------- equality and ordering ---------- */

/*
 * Two pipeline_flow values are equal when their parts are (summary.h):
 * period, target (an unbounded side before any date), the deals of every
 * bar, the memos and the bar amounts compared numerically, in that order.
 */
static int
flow_compare_window(const FlowWindow *a, const FlowWindow *b)
{
	int			order = summary_cmp_int64(a->has_lower, b->has_lower);

	if (order == 0 && a->has_lower)
		order = summary_cmp_int64(a->lower, b->lower);
	if (order == 0)
		order = summary_cmp_int64(a->has_upper, b->has_upper);
	if (order == 0 && a->has_upper)
		order = summary_cmp_int64(a->upper, b->upper);
	return order;
}

static int
flow_compare(Datum a, Datum b)
{
	PipelineFlowParts x;
	PipelineFlowParts y;
	int			order;

	flow_unpack(flow_checked(PG_DETOAST_DATUM(a)), &x);
	flow_unpack(flow_checked(PG_DETOAST_DATUM(b)), &y);
	order = summary_cmp_int64(x.params.period_lower, y.params.period_lower);
	if (order == 0)
		order = summary_cmp_int64(x.params.period_upper, y.params.period_upper);
	if (order == 0)
		order = flow_compare_window(&x.params.target, &y.params.target);
	for (int i = 0; i < FLOW_BARS && order == 0; i++)
		order = summary_cmp_int64(x.deals[i], y.deals[i]);
	for (int i = 0; i < FLOW_MEMOS && order == 0; i++)
		order = summary_cmp_int64(x.memos[i], y.memos[i]);
	if (order == 0)
		order = summary_cmp_sums(FLOW_BARS, x.amounts, y.amounts);
	return order;
}

static uint32
flow_hash(Datum value)
{
	PipelineFlowParts x;
	uint32		hash;

	flow_unpack(flow_checked(PG_DETOAST_DATUM(value)), &x);
	hash = summary_hash_int64(0, x.params.period_lower);
	hash = summary_hash_int64(hash, x.params.period_upper);
	hash = summary_hash_int64(hash, x.params.target.has_lower ? x.params.target.lower : PG_INT64_MIN);
	hash = summary_hash_int64(hash, x.params.target.has_upper ? x.params.target.upper : PG_INT64_MAX);
	for (int i = 0; i < FLOW_BARS; i++)
		hash = summary_hash_int64(hash, x.deals[i]);
	for (int i = 0; i < FLOW_MEMOS; i++)
		hash = summary_hash_int64(hash, x.memos[i]);
	return summary_hash_sums(hash, FLOW_BARS, x.amounts);
}

/* pipeline_flow_eq, _ne, _lt, _le, _gt, _ge, _cmp and _hash */
SUMMARY_ORDERING_FUNCTIONS(pipeline_flow, flow_compare, flow_hash)
