/*
 * attainment.c
 *	  Quota attainment: the attainment summary type, its aggregate, rollup
 *	  and accessors (quota_attainment, pct_at_quota, reps, reps_at_quota,
 *	  median_attainment, total_achieved, total_quota, zero_quotas) and the
 *	  one-step aggregates quota_attainment() and pct_at_quota().
 *	  attainment_by_rep(), which sums raw deal and quota rows per rep before
 *	  it builds this summary, is in attainment_by_rep.c; the exact ratios
 *	  are fraction.c's.
 *
 * Input: one row per rep and period, (achieved, quota); kpi-definitions.md
 * section 4.  quota_attainment is the ratio of sums Σachieved / Σquota over
 * every row.  A row with quota 0 (a ramping rep) adds its achieved to the
 * numerator but has no ratio of its own.  The per-rep measures (reps,
 * reps_at_quota and pct_at_quota at any threshold, median_attainment) are
 * functions of the multiset of the ratios achieved / quota of the rows with
 * quota > 0, so the summary keeps those ratios, exactly:
 *
 *	- the two totals in ExactSumCore slots, as forecast.c does;
 *	- each ratio as a fraction of two int64 (16 bytes per rated row): a row
 *	  whose values read as scaled integers at a common scale s is
 *	  a/q = (a 10^s) / (q 10^s).  Comparisons cross-multiply in int128, so
 *	  "achieved >= threshold x quota" (with threshold::numeric) and the
 *	  median are exact, for any threshold asked after the fact;
 *	- a ratio that does not fit two int64 even in lowest terms (values of
 *	  more than 18 digits, or of very different scales), or the ratio of a
 *	  NaN or infinite achieved, as text after the fixed part ("wide"), read
 *	  with numeric arithmetic.
 *
 * Ratios are kept unsorted; the accessors count or sort a copy.  The text
 * form sorts them and writes each in lowest terms, so equal summaries print
 * equally whatever the row order or plan.
 *
 * Unlike the fixed-size summaries, attainment() and rollup() do not update
 * the stored form in place: their transition state is an expanded object
 * that collects ratios, wide texts and sums in growable arrays, so a row
 * costs amortized O(1) on every path, and the final function writes the
 * stored form once (see "the transition state" below).
 */
#include "attainment.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "libpq/pqformat.h"
#include "utils/expandeddatum.h"
#include "utils/float.h"
#include "utils/fmgrprotos.h"
#include "utils/memutils.h"

#include "fraction.h"
#include "probability.h"
#include "summary.h"

static const SummaryType attainment_type = {"attainment", "amount", "the achieved and quota columns",
SALESOPS_FORMAT_VERSION, SALESOPS_FORMAT_VERSION};

/* The two money totals, in storage and text order. */
typedef enum AttainmentSum
{
	SUM_ACHIEVED,				/* Σ achieved over every row */
	SUM_QUOTA,					/* Σ quota over every row */
	ATTAINMENT_SUMS
} AttainmentSum;

static const char *const attainment_sum_names[ATTAINMENT_SUMS] = {
	"total_achieved", "total_quota"
};

/* One rated row's achieved / quota, as a fraction (not necessarily in lowest terms). */
typedef struct AttainmentRatio
{
	int64		numerator;		/* > PG_INT64_MIN, so that it can be negated */
	int64		denominator;	/* > 0 */
} AttainmentRatio;

/*
 * The stored summary (ALIGNMENT = double; PostgreSQL's int128 is 8-aligned).
 * After ratio_capacity ratio slots comes the tail: the spill texts of the
 * sums whose bit is set in spill_mask (in sum order), then wide_count wide
 * ratio texts, all NUL-terminated.
 */
struct AttainmentSummary
{
	int32		vl_len_;
	uint8		version;
	uint8		spill_mask;		/* bit i: sum i has a spill text in the tail */
	uint8		reserved[2];	/* zero */
	int64		zero_quotas;	/* rows with quota 0: in the totals, without a ratio */
	int64		ratio_count;	/* ratio slots in use */
	int64		ratio_capacity; /* ratio slots; = ratio_count (older versions kept spare
								 * slots in transition states) */
	int64		wide_count;		/* ratios kept as text in the tail */
	ExactSumCore sums[ATTAINMENT_SUMS];
	AttainmentRatio ratios[FLEXIBLE_ARRAY_MEMBER];
};

#define ATTAINMENT_HEADER_SIZE	offsetof(AttainmentSummary, ratios)
#define ATTAINMENT_TAIL(summary) \
	((char *) (summary)->ratios + (summary)->ratio_capacity * sizeof(AttainmentRatio))

/* Ratio slots of a new transition state: a team's reps without regrowing. */
#define ATTAINMENT_INITIAL_RATIOS 8

/* Slots that fit one value (MaxAllocSize, 1 GB): about 67 million. */
#define ATTAINMENT_MAX_RATIOS \
	((int64) ((MaxAllocSize - ATTAINMENT_HEADER_SIZE) / sizeof(AttainmentRatio)))

#define PG_GETARG_ATTAINMENT_P(n) attainment_checked((AttainmentSummary *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

/*
 * A summary with its sums unpacked (spills read): for slow paths, I/O and
 * accessors.  The ratios and wide texts are not copied.
 */
typedef struct AttainmentParts
{
	int64		zero_quotas;
	ExactSum	sums[ATTAINMENT_SUMS];
	int64		ratio_count;
	const AttainmentRatio *ratios;
	int64		wide_count;
	const char *wide_texts;		/* wide_count NUL-terminated texts, back to back */
	Size		wide_texts_len;
} AttainmentParts;

/* ---------- the stored summary ---------- */

/*
 * The cheap checks of a value from outside (a stored value, a combine
 * input): header fields consistent with the size.  attainment_unpack reads
 * the tail.
 */
static AttainmentSummary *
attainment_checked(AttainmentSummary *summary)
{
	Size		size = VARSIZE(summary);

	summary_check_header(summary, ATTAINMENT_HEADER_SIZE, &attainment_type);
	if (summary->reserved[0] != 0 || summary->reserved[1] != 0 ||
		(summary->spill_mask & ~((1 << ATTAINMENT_SUMS) - 1)) != 0)
		summary_corrupt(&attainment_type, "Reserved bits are set.");
	if (summary->zero_quotas < 0 || summary->ratio_count < 0 || summary->wide_count < 0 ||
		summary->ratio_count > summary->ratio_capacity ||
		summary->ratio_capacity > (int64) ((size - ATTAINMENT_HEADER_SIZE) / sizeof(AttainmentRatio)) ||
		summary->wide_count > (int64) (size - ATTAINMENT_HEADER_SIZE))
		summary_corrupt(&attainment_type, "The ratio counts do not match the size of the value.");
	return summary;
}

static void
attainment_unpack(const AttainmentSummary *summary, AttainmentParts *unpacked)
{
	const char *tail = ATTAINMENT_TAIL(summary);
	const char *end = (const char *) summary + VARSIZE(summary);

	memset(unpacked, 0, sizeof(AttainmentParts));
	unpacked->zero_quotas = summary->zero_quotas;
	unpacked->ratio_count = summary->ratio_count;
	unpacked->ratios = summary->ratios;
	unpacked->wide_count = summary->wide_count;
	for (int i = 0; i < ATTAINMENT_SUMS; i++)
		unpacked->sums[i].core = summary->sums[i];
	tail = summary_spills_read(tail, end, summary->spill_mask, unpacked->sums, ATTAINMENT_SUMS,
							   &attainment_type);
	unpacked->wide_texts = tail;
	for (int64 i = 0; i < summary->wide_count; i++)
	{
		Size		len = strnlen(tail, end - tail);

		CHECK_FOR_INTERRUPTS();
		if (tail + len >= end)
			summary_corrupt(&attainment_type, "A wide ratio is not terminated.");
		tail += len + 1;
	}
	unpacked->wide_texts_len = tail - unpacked->wide_texts;
}

void
attainment_too_large(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("attainment summary is too large"),
			 errdetail("A summary holds at most " INT64_FORMAT " rows with a quota.",
					   ATTAINMENT_MAX_RATIOS),
			 errhint("Summarize smaller groups, for example per team or per period, and combine their figures.")));
}


/*
 * Bytes of the stored form of 'parts' (no spare ratio slots), with the
 * spill texts it needs in texts[].
 */
static Size
attainment_flat_size(const AttainmentParts *parts, char **spill_texts)
{
	Size		tail_len = summary_spills_size(parts->sums, ATTAINMENT_SUMS, spill_texts) +
		parts->wide_texts_len;

	if (parts->ratio_count > ATTAINMENT_MAX_RATIOS ||
		tail_len > MaxAllocSize - ATTAINMENT_HEADER_SIZE - parts->ratio_count * sizeof(AttainmentRatio))
		attainment_too_large();
	return ATTAINMENT_HEADER_SIZE + parts->ratio_count * sizeof(AttainmentRatio) + tail_len;
}

/* Write the stored form of 'parts' into 'summary' (size bytes, zeroed). */
static void
attainment_flat_write(const AttainmentParts *parts, char *const *spill_texts,
					  AttainmentSummary *summary, Size size)
{
	char	   *tail;

	SET_VARSIZE(summary, size);
	summary->version = SALESOPS_FORMAT_VERSION;
	summary->zero_quotas = parts->zero_quotas;
	summary->ratio_count = parts->ratio_count;
	summary->ratio_capacity = parts->ratio_count;
	summary->wide_count = parts->wide_count;
	if (parts->ratio_count > 0)
		memcpy(summary->ratios, parts->ratios, parts->ratio_count * sizeof(AttainmentRatio));
	for (int i = 0; i < ATTAINMENT_SUMS; i++)
		summary->sums[i] = parts->sums[i].core;
	tail = ATTAINMENT_TAIL(summary);
	summary->spill_mask = summary_spills_write(tail, spill_texts, ATTAINMENT_SUMS);
	for (int i = 0; i < ATTAINMENT_SUMS; i++)
		if (spill_texts[i])
			tail += strlen(spill_texts[i]) + 1;
	if (parts->wide_texts_len > 0)
		memcpy(tail, parts->wide_texts, parts->wide_texts_len);
}

/* The stored form of 'parts', in the current context. */
static AttainmentSummary *
attainment_flatten_parts(const AttainmentParts *parts)
{
	char	   *spill_texts[ATTAINMENT_SUMS];
	Size		size = attainment_flat_size(parts, spill_texts);
	AttainmentSummary *summary = palloc0(size);

	attainment_flat_write(parts, spill_texts, summary, size);
	return summary;
}

/* ---------- collecting parts ---------- */

/*
 * Parts being collected: by the transition state, by text and binary
 * input and by attainment_by_rep's final function.  The ratios grow in an
 * array that doubles, the wide texts in a StringInfo, so each addition is
 * amortized O(1) whatever the rows hold.  Everything lives in the context
 * that was current at attainment_collect_init.
 */
typedef struct AttainmentCollect
{
	AttainmentParts parts;		/* parts.ratios and parts.wide_texts point below */
	AttainmentRatio *ratios;
	int64		ratios_allocated;
	StringInfoData wide_texts;	/* made on the first wide ratio */
	bool		nonfinite_ratio;
	MemoryContext context;
} AttainmentCollect;

static void
attainment_collect_init(AttainmentCollect *collect, int64 expected_ratios)
{
	memset(collect, 0, sizeof(AttainmentCollect));
	collect->ratios_allocated = Max(expected_ratios, 1);
	collect->ratios = palloc_extended(collect->ratios_allocated * sizeof(AttainmentRatio), MCXT_ALLOC_HUGE);
	collect->parts.ratios = collect->ratios;
	collect->context = CurrentMemoryContext;
}

/* Room for 'extra' more fixed-width ratios. */
static void
attainment_collect_reserve(AttainmentCollect *collect, int64 extra)
{
	int64		needed = collect->parts.ratio_count + extra;

	if (needed > ATTAINMENT_MAX_RATIOS)
		attainment_too_large();
	if (needed <= collect->ratios_allocated)
		return;
	collect->ratios_allocated = Max(needed, Min(2 * collect->ratios_allocated, ATTAINMENT_MAX_RATIOS));
	collect->ratios = repalloc_huge(collect->ratios, collect->ratios_allocated * sizeof(AttainmentRatio));
	collect->parts.ratios = collect->ratios;
}

/* Wide ratio texts, NUL-terminated and back to back, 'count' of them. */
static void
attainment_collect_wide_texts(AttainmentCollect *collect, const char *texts, Size len, int64 count)
{
	if (collect->wide_texts.data == NULL)
	{
		MemoryContext outer = MemoryContextSwitchTo(collect->context);

		initStringInfo(&collect->wide_texts);
		MemoryContextSwitchTo(outer);
	}
	if (len > MaxAllocSize - 1 - (Size) collect->wide_texts.len)
		attainment_too_large();
	appendBinaryStringInfo(&collect->wide_texts, texts, len);
	collect->parts.wide_texts = collect->wide_texts.data;
	collect->parts.wide_texts_len = collect->wide_texts.len;
	collect->parts.wide_count += count;
}

/* Add one ratio: int64 when it fits (in lowest terms if need be), else wide. */
static void
attainment_collect_ratio(AttainmentCollect *collect, const ExactRatio *ratio)
{
	char	   *text;

	if (ratio->kind == RATIO_FINITE && !ratio->wide)
	{
		attainment_collect_reserve(collect, 1);
		collect->ratios[collect->parts.ratio_count].numerator = ratio->numerator;
		collect->ratios[collect->parts.ratio_count].denominator = ratio->denominator;
		collect->parts.ratio_count++;
		return;
	}
	if (ratio->kind != RATIO_FINITE)
		collect->nonfinite_ratio = true;
	text = ratio_text(ratio);
	attainment_collect_wide_texts(collect, text, strlen(text) + 1, 1);
	pfree(text);
}

/* Add a whole summary: its sums, counts, ratios and wide texts. */
static void
attainment_collect_summary(AttainmentCollect *collect, const AttainmentSummary *summary,
						   MemoryContext context)
{
	AttainmentParts other;

	attainment_unpack(summary, &other);
	collect->parts.zero_quotas = add_counts(collect->parts.zero_quotas, other.zero_quotas,
											attainment_type.name);
	for (int i = 0; i < ATTAINMENT_SUMS; i++)
		exact_sum_merge(&collect->parts.sums[i], &other.sums[i], context);
	attainment_collect_reserve(collect, other.ratio_count);
	if (other.ratio_count > 0)
		memcpy(collect->ratios + collect->parts.ratio_count, other.ratios,
			   other.ratio_count * sizeof(AttainmentRatio));
	collect->parts.ratio_count += other.ratio_count;
	if (other.wide_count > 0)
		attainment_collect_wide_texts(collect, other.wide_texts, other.wide_texts_len, other.wide_count);
}

/* ---------- reading rows ---------- */

static void
quota_out_of_range(Money quota) pg_attribute_noreturn();

static void
quota_out_of_range(Money quota)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("quota \"%s\" is out of range", salesops_numeric_out(money_numeric(quota))),
			 errdetail("A quota is a finite amount of zero or more."),
			 errhint("Give a rep without a quota a NULL quota, which skips the row, and a ramping rep a quota of 0.")));
}

/*
 * Classify a quota, checking it (negative, NaN or infinite is an error).
 * Returns whether it is positive: whether the row has a ratio.
 */
bool
quota_read(Money quota, NumericClass *class, ScaledValue *scaled)
{
	*class = money_classify(quota, scaled);
	if (*class == NUMERIC_CLASS_SCALED)
	{
		if (scaled->digits < 0)
			quota_out_of_range(quota);
		return scaled->digits > 0;
	}
	if (*class == NUMERIC_CLASS_WIDE)
	{
		int			sign = salesops_numeric_sign(money_numeric(quota));

		if (sign >= 0)
			return sign > 0;	/* a wide zero has more than 18 decimals */
	}
	quota_out_of_range(quota);
}

/* One (achieved, quota) row, read once. */
typedef struct AttainmentRow
{
	NumericClass achieved_class;
	ScaledValue achieved;
	NumericClass quota_class;
	ScaledValue quota;
	bool		rated;			/* quota > 0: the row has a ratio */
	ExactRatio	ratio;
} AttainmentRow;

static void
attainment_read_row(Money achieved, Money quota, AttainmentRow *row)
{
	row->rated = quota_read(quota, &row->quota_class, &row->quota);
	row->achieved_class = money_classify(achieved, &row->achieved);
	if (!row->rated)
		return;
	if (row->achieved_class == NUMERIC_CLASS_SCALED && row->quota_class == NUMERIC_CLASS_SCALED)
		ratio_from_scaled(row->achieved, row->quota, &row->ratio);
	else
		ratio_from_numerics(money_numeric(achieved), money_numeric(quota), &row->ratio);
}

/* The largest threshold: 10 x quota.  Above it, a percentage was meant. */
#define ATTAINMENT_MAX_THRESHOLD 10.0

/* A threshold as threshold::numeric reads it, checked. */
static void
threshold_read(FunctionCallInfo fcinfo, float8 threshold, ExactRatio *ratio)
{
	ScaledValue scaled;

	/* written so that NaN fails too */
	if (!(threshold >= 0.0) || isinf(threshold))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("attainment threshold \"%s\" is out of range", float8out_internal(threshold)),
				 errdetail("A threshold is a finite fraction of quota, zero or more."),
				 errhint("Write 1.0 for 100 %% of quota, 0.9 for 90 %%.")));
	/* 1,000 % of quota is no one's bar: a threshold above 10 is a percentage */
	if (threshold > ATTAINMENT_MAX_THRESHOLD)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("attainment threshold \"%s\" is out of range", float8out_internal(threshold)),
				 errdetail("A threshold is a fraction of quota from 0 to 10 (1,000 %% of quota): 1.0 is 100 %%."),
				 errhint("Divide percentages by 100, for example threshold / 100.0.")));
	if (float8_classify_numeric(fcinfo, threshold, &scaled) == NUMERIC_CLASS_SCALED)
		ratio_set_fast(ratio, scaled.digits, scaled_powers_of_ten[scaled.scale]);
	else
		ratio_from_numerics(DatumGetNumeric(DirectFunctionCall1(float8_numeric, Float8GetDatum(threshold))),
							salesops_numeric_in("1"), ratio);
}

/* ---------- the transition state ---------- */

/*
 * attainment() and rollup() collect into an expanded object
 * (utils/expandeddatum.h) in its own context under the aggregate context:
 * each row or merged summary is appended in amortized O(1) plus its own
 * size, on every path (a NaN or wide row included), and the stored form
 * is written once, by the final function or when PostgreSQL needs the flat
 * form (a parallel worker's result, a hash aggregate spilled to disk).
 * nodeAgg keeps a read-write expanded state whose context is a child of
 * the aggregate context without copying it.
 */
typedef struct AttainmentState
{
	ExpandedObjectHeader header;
	AttainmentCollect collect;
	/* between get_flat_size and flatten_into: the spill texts measured */
	char	   *spill_texts[ATTAINMENT_SUMS];
} AttainmentState;

static Size
attainment_state_flat_size(ExpandedObjectHeader *header)
{
	AttainmentState *state = (AttainmentState *) header;
	MemoryContext outer = MemoryContextSwitchTo(state->header.eoh_context);
	Size		size;

	for (int i = 0; i < ATTAINMENT_SUMS; i++)
		if (state->spill_texts[i])
			pfree(state->spill_texts[i]);
	size = attainment_flat_size(&state->collect.parts, state->spill_texts);
	MemoryContextSwitchTo(outer);
	return size;
}

static void
attainment_state_flatten(ExpandedObjectHeader *header, void *result, Size allocated_size)
{
	AttainmentState *state = (AttainmentState *) header;

	memset(result, 0, allocated_size);
	attainment_flat_write(&state->collect.parts, state->spill_texts, result, allocated_size);
}

static const ExpandedObjectMethods attainment_state_methods = {
	attainment_state_flat_size,
	attainment_state_flatten
};

static AttainmentState *
attainment_state_new(MemoryContext context)
{
	MemoryContext outer = MemoryContextSwitchTo(context);
	AttainmentState *state = palloc0(sizeof(AttainmentState));

	EOH_init_header(&state->header, &attainment_state_methods, context);
	attainment_collect_init(&state->collect, ATTAINMENT_INITIAL_RATIOS);
	MemoryContextSwitchTo(outer);
	return state;
}

/*
 * Argument 'argno' as a state to update in place: the aggregate's own
 * read-write state as it is; anything else (the first summary rollup reads,
 * a combine input, a direct call) copied into a new state.
 */
static AttainmentState *
attainment_state_arg(FunctionCallInfo fcinfo, int argno)
{
	MemoryContext new_state_context;
	AttainmentState *state = (AttainmentState *) summary_state_of(fcinfo, argno, &attainment_state_methods,
																  &new_state_context);

	if (state)
		return state;
	state = attainment_state_new(new_state_context);
	if (PG_ARGISNULL(argno))
		return state;
	attainment_collect_summary(&state->collect, PG_GETARG_ATTAINMENT_P(argno), state->header.eoh_context);
	return state;
}

/* Add one row: sums, then its ratio (or its zero quota). */
static void
attainment_state_add_row(AttainmentState *state, Money achieved, Money quota)
{
	AttainmentCollect *collect = &state->collect;
	AttainmentRow row;

	attainment_read_row(achieved, quota, &row);
	exact_sum_add_money(&collect->parts.sums[SUM_ACHIEVED], achieved, state->header.eoh_context);
	exact_sum_add_money(&collect->parts.sums[SUM_QUOTA], quota, state->header.eoh_context);
	if (row.rated)
		attainment_collect_ratio(collect, &row.ratio);
	else
		collect->parts.zero_quotas++;
}

/* ---------- aggregate support ---------- */

/* attainment(achieved numeric, quota numeric) transition; NULL rows skipped */
PG_FUNCTION_INFO_V1(attainment_trans);
Datum
attainment_trans(PG_FUNCTION_ARGS)
{
	AttainmentState *state;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	state = attainment_state_arg(fcinfo, 0);
	attainment_state_add_row(state, money_arg(fcinfo, 1), money_arg(fcinfo, 2));
	PG_RETURN_DATUM(EOHPGetRWDatum(&state->header));
}

/*
 * Merge two summaries: rollup's transition function and the combine function
 * of every attainment aggregate (STRICT; the first is the aggregate's own
 * state).
 */
PG_FUNCTION_INFO_V1(attainment_combine);
Datum
attainment_combine(PG_FUNCTION_ARGS)
{
	AttainmentState *state = attainment_state_arg(fcinfo, 0);

	attainment_collect_summary(&state->collect, PG_GETARG_ATTAINMENT_P(1), state->header.eoh_context);
	PG_RETURN_DATUM(EOHPGetRWDatum(&state->header));
}

/*
 * Final function of attainment() and rollup(): the stored form, written
 * once (read-only: a window aggregate calls it again on the same state).
 * A flat state (a summary made by a direct call of the transition
 * function in an older version) loses its spare ratio slots.
 */
PG_FUNCTION_INFO_V1(attainment_final);
Datum
attainment_final(PG_FUNCTION_ARGS)
{
	AttainmentParts parts;

	if (summary_is_state(PG_GETARG_DATUM(0), &attainment_state_methods))
		PG_RETURN_POINTER(attainment_flatten_parts(&((AttainmentState *) DatumGetEOHP(PG_GETARG_DATUM(0)))->collect.parts));
	attainment_unpack(PG_GETARG_ATTAINMENT_P(0), &parts);
	PG_RETURN_POINTER(attainment_flatten_parts(&parts));
}

/* ---------- reading the ratios of a summary ---------- */

/* Every ratio of a summary, fixed-width ones and wide ones, unsorted. */
static ExactRatio *
attainment_all_ratios(const AttainmentParts *unpacked, int64 *count)
{
	int64		total = unpacked->ratio_count + unpacked->wide_count;
	ExactRatio *ratios = palloc_extended(Max(total, 1) * sizeof(ExactRatio), MCXT_ALLOC_HUGE);
	const char *text = unpacked->wide_texts;

	for (int64 i = 0; i < unpacked->ratio_count; i++)
	{
		CHECK_FOR_INTERRUPTS();
		ratio_set_fast(&ratios[i], unpacked->ratios[i].numerator, unpacked->ratios[i].denominator);
	}
	for (int64 i = 0; i < unpacked->wide_count; i++)
	{
		char	   *copy = pstrdup(text);

		CHECK_FOR_INTERRUPTS();
		if (!ratio_parse(copy, &ratios[unpacked->ratio_count + i]))
			summary_corrupt(&attainment_type, psprintf("Invalid wide ratio \"%s\".", text));
		text += strlen(text) + 1;
	}
	*count = total;
	return ratios;
}

/* Ratios >= threshold: the rows with achieved >= threshold x quota. */
static int64
attainment_count_at_threshold(const AttainmentParts *unpacked, const ExactRatio *threshold)
{
	int64		count = 0;
	const char *text = unpacked->wide_texts;

	if (!threshold->wide)
	{
		for (int64 i = 0; i < unpacked->ratio_count; i++)
		{
			CHECK_FOR_INTERRUPTS();
			if (fraction_cmp(unpacked->ratios[i].numerator, unpacked->ratios[i].denominator,
							 threshold->numerator, threshold->denominator) >= 0)
				count++;
		}
	}
	else
	{
		for (int64 i = 0; i < unpacked->ratio_count; i++)
		{
			ExactRatio	ratio;

			CHECK_FOR_INTERRUPTS();
			ratio_set_fast(&ratio, unpacked->ratios[i].numerator, unpacked->ratios[i].denominator);
			if (ratio_cmp(&ratio, threshold) >= 0)
				count++;
		}
	}
	for (int64 i = 0; i < unpacked->wide_count; i++)
	{
		char	   *copy = pstrdup(text);
		ExactRatio	ratio;

		CHECK_FOR_INTERRUPTS();
		if (!ratio_parse(copy, &ratio))
			summary_corrupt(&attainment_type, psprintf("Invalid wide ratio \"%s\".", text));
		if (ratio_cmp(&ratio, threshold) >= 0)
			count++;
		text += strlen(text) + 1;
	}
	return count;
}

/* ---------- text and binary I/O ---------- */

PG_FUNCTION_INFO_V1(attainment_out);
Datum
attainment_out(PG_FUNCTION_ARGS)
{
	AttainmentSummary *summary = PG_GETARG_ATTAINMENT_P(0);
	AttainmentParts unpacked;
	ExactRatio *ratios;
	int64		count;
	StringInfoData buf;

	attainment_unpack(summary, &unpacked);
	ratios = attainment_all_ratios(&unpacked, &count);
	salesops_qsort(ratios, count, sizeof(ExactRatio), ratio_qsort_cmp);

	initStringInfo(&buf);
	appendStringInfo(&buf, "v%d reps=" INT64_FORMAT " zero_quotas=" INT64_FORMAT,
					 SALESOPS_FORMAT_VERSION, count, unpacked.zero_quotas);
	for (int i = 0; i < ATTAINMENT_SUMS; i++)
		summary_append_exact(&buf, attainment_sum_names[i], &unpacked.sums[i]);
	appendStringInfoString(&buf, " ratios={");
	for (int64 i = 0; i < count; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (i > 0)
			appendStringInfoChar(&buf, ',');
		ratio_append_text(&buf, &ratios[i]);
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

/* A finite ratio's numerator and denominator as numerics. */
static void
ratio_numerics(const ExactRatio *ratio, Numeric *numerator, Numeric *denominator)
{
	if (ratio->wide)
	{
		*numerator = ratio->wide_numerator;
		*denominator = ratio->wide_denominator;
	}
	else
	{
		*numerator = salesops_numeric_from_int64(ratio->numerator);
		*denominator = salesops_numeric_from_int64(ratio->denominator);
	}
}

/*
 * What the ratios say about total_achieved (doc/summary-invariants.md, A6
 * to A8): a NaN ratio, or +Infinity and -Infinity ones, make it NaN, an
 * infinite one that infinity (or NaN, when a zero-quota row added one);
 * when every row has a ratio (no zero quota) it is exactly what they make,
 * and if they are finite Σ achieved = Σ ratio x quota lies between the
 * smallest and the largest ratio times Σ quota.  NULL, or the problem.
 */
static const char *
attainment_ratios_impossible(const AttainmentParts *parts)
{
	NumericClass achieved = exact_core_class(&parts->sums[SUM_ACHIEVED].core);
	NumericClass expected;
	bool		nan = false,
				pinf = false,
				ninf = false;
	ExactRatio	lo,
				hi;
	bool		any_finite = false;
	const char *text = parts->wide_texts;

	for (int64 i = 0; i < parts->ratio_count; i++)
	{
		ExactRatio	ratio;

		CHECK_FOR_INTERRUPTS();
		ratio_set_fast(&ratio, parts->ratios[i].numerator, parts->ratios[i].denominator);
		if (!any_finite || ratio_cmp(&ratio, &lo) < 0)
			lo = ratio;
		if (!any_finite || ratio_cmp(&ratio, &hi) > 0)
			hi = ratio;
		any_finite = true;
	}
	for (int64 i = 0; i < parts->wide_count; i++)
	{
		ExactRatio	ratio;

		CHECK_FOR_INTERRUPTS();
		if (!ratio_parse(pstrdup(text), &ratio))
			return psprintf("Ratio \"%s\" is not a number or a fraction with a positive denominator.", text);
		text += strlen(text) + 1;
		nan |= ratio.kind == RATIO_NAN;
		pinf |= ratio.kind == RATIO_POS_INF;
		ninf |= ratio.kind == RATIO_NEG_INF;
		if (ratio.kind != RATIO_FINITE)
			continue;
		if (!any_finite || ratio_cmp(&ratio, &lo) < 0)
			lo = ratio;
		if (!any_finite || ratio_cmp(&ratio, &hi) > 0)
			hi = ratio;
		any_finite = true;
	}
	expected = nan || (pinf && ninf) ? NUMERIC_CLASS_NAN
		: pinf ? NUMERIC_CLASS_PINF : ninf ? NUMERIC_CLASS_NINF : NUMERIC_CLASS_SCALED;
	if (expected != NUMERIC_CLASS_SCALED && achieved != expected && achieved != NUMERIC_CLASS_NAN)
		return "\"total_achieved\" must be NaN or the infinity of its infinite ratios (NaN with a NaN ratio, or with both infinities).";
	if (parts->zero_quotas > 0)
		return NULL;
	if (achieved != expected)
		return "With no zero quota, \"total_achieved\" is finite, infinite or NaN exactly as its ratios are.";
	if (expected == NUMERIC_CLASS_SCALED && any_finite)
	{
		Numeric		total_achieved = exact_sum_result(&parts->sums[SUM_ACHIEVED]);
		Numeric		total_quota = exact_sum_result(&parts->sums[SUM_QUOTA]);
		Numeric		numerator;
		Numeric		denominator;

		ratio_numerics(&lo, &numerator, &denominator);
		if (salesops_numeric_cmp(numeric_mul_opt_error(total_achieved, denominator, NULL),
								 numeric_mul_opt_error(numerator, total_quota, NULL)) < 0)
			return "With no zero quota, \"total_achieved\" cannot be below the smallest ratio times \"total_quota\".";
		ratio_numerics(&hi, &numerator, &denominator);
		if (salesops_numeric_cmp(numeric_mul_opt_error(total_achieved, denominator, NULL),
								 numeric_mul_opt_error(numerator, total_quota, NULL)) > 0)
			return "With no zero quota, \"total_achieved\" cannot exceed the largest ratio times \"total_quota\".";
	}
	return NULL;
}

/* Checks shared by text and binary input: what no aggregate can produce. */
static AttainmentSummary *
attainment_collect_finish(AttainmentCollect *input, int64 reps, const char *text)
{
	AttainmentParts *parts = &input->parts;
	const ExactSum *quota = &parts->sums[SUM_QUOTA];
	const ExactSum *achieved = &parts->sums[SUM_ACHIEVED];
	int64		rated = parts->ratio_count + parts->wide_count;
	const char *problem = NULL;
	int			quota_sign = 0;

	if (exact_core_is_finite(&quota->core))
		quota_sign = salesops_numeric_sign(exact_sum_result(quota));
	if (rated != reps)
		problem = psprintf("\"reps\" is " INT64_FORMAT " but " INT64_FORMAT " ratios follow.", reps, rated);
	else if (rated == 0 && parts->zero_quotas == 0)	/* no sum: each may be near 2^63 */
		problem = "A summary covers at least one row.";
	else if (!exact_core_is_finite(&quota->core) || quota_sign < 0)
		problem = "\"total_quota\" must be a finite amount of zero or more.";
	else if ((quota_sign > 0) != (rated > 0))
		problem = "\"total_quota\" is positive exactly when there are ratios.";
	else if (input->nonfinite_ratio && exact_core_is_finite(&achieved->core))
		problem = "A NaN or infinite ratio needs a NaN or infinite \"total_achieved\".";
	else
		problem = attainment_ratios_impossible(parts);
	if (problem)
		summary_invalid(&attainment_type, text, problem);
	return attainment_flatten_parts(parts);
}

PG_FUNCTION_INFO_V1(attainment_in);
Datum
attainment_in(PG_FUNCTION_ARGS)
{
	char	   *text = PG_GETARG_CSTRING(0);
	int			version;
	char	   *cursor = summary_text_begin(pstrdup(text), &attainment_type, text, &version);
	AttainmentCollect input;
	int64		reps;
	int64		zero_quotas;
	char	   *list;
	Size		list_len;

	reps = summary_parse_count(&cursor, "reps", &attainment_type, text);
	zero_quotas = summary_parse_count(&cursor, "zero_quotas", &attainment_type, text);
	attainment_collect_init(&input, Min(reps, 1024));
	input.parts.zero_quotas = zero_quotas;
	for (int i = 0; i < ATTAINMENT_SUMS; i++)
		summary_parse_exact(&cursor, attainment_sum_names[i], &input.parts.sums[i], &attainment_type, text);
	list = summary_next_value(&cursor, "ratios", &attainment_type, text);
	summary_parse_end(cursor, &attainment_type, text);

	list_len = strlen(list);
	if (list[0] != '{' || list[list_len - 1] != '}' || list_len < 2)
		summary_bad_text(&attainment_type, text, "\"ratios\" must be a list in braces, as in \"{1/2,3/4}\".");
	list[list_len - 1] = '\0';
	list++;
	while (*list != '\0')
	{
		char	   *comma = strchr(list, ',');
		char	   *token = list;
		ExactRatio	ratio;

		CHECK_FOR_INTERRUPTS();
		if (comma)
			*comma = '\0';
		list = comma ? comma + 1 : token + strlen(token);
		if (!ratio_parse(pstrdup(token), &ratio))
			summary_bad_text(&attainment_type, text,
							 psprintf("Ratio \"%s\" is not a number or a fraction with a positive denominator.", token));
		attainment_collect_ratio(&input, &ratio);
		if (comma && *list == '\0')
			summary_bad_text(&attainment_type, text, "\"ratios\" ends with a comma.");
	}
	PG_RETURN_POINTER(attainment_collect_finish(&input, reps, text));
}

/*
 * A summary built row by row from exact totals (attainment_by_rep's final
 * function: one row per rep): collected as attainment() collects rows and
 * packed once at the end.  Each row's numerics live in a context reset
 * after the row.
 */
struct AttainmentBuild
{
	AttainmentCollect input;
	MemoryContext row_context;
	int64		rows;
};

AttainmentBuild *
attainment_build_begin(void)
{
	AttainmentBuild *build = palloc0(sizeof(AttainmentBuild));

	attainment_collect_init(&build->input, 1024);
	build->row_context = AllocSetContextCreate(CurrentMemoryContext, "attainment build row",
											   ALLOCSET_SMALL_SIZES);
	return build;
}

/* One row of exact totals; the quota was checked when it was summed. */
void
attainment_build_add(AttainmentBuild *build, const ExactSum *achieved, const ExactSum *quota)
{
	MemoryContext outer = MemoryContextSwitchTo(build->row_context);
	AttainmentRow row;

	attainment_read_row(money_of_numeric(exact_sum_result(achieved)),
						money_of_numeric(exact_sum_result(quota)), &row);
	MemoryContextSwitchTo(outer);
	if (row.rated)
		attainment_collect_ratio(&build->input, &row.ratio);
	else
		build->input.parts.zero_quotas++;
	exact_sum_merge(&build->input.parts.sums[SUM_ACHIEVED], achieved, outer);
	exact_sum_merge(&build->input.parts.sums[SUM_QUOTA], quota, outer);
	MemoryContextReset(build->row_context);
	build->rows++;
}

/* The summary of the rows added, stored compact; NULL without a row. */
AttainmentSummary *
attainment_build_finish(AttainmentBuild *build)
{
	MemoryContextDelete(build->row_context);
	if (build->rows == 0)
		return NULL;
	return attainment_collect_finish(&build->input,
								   build->input.parts.ratio_count + build->input.parts.wide_count,
								   NULL);
}

/*
 * Binary form: version byte, zero_quotas, the two totals as numeric text,
 * then the fixed-width ratios (count, then numerator and denominator each),
 * then the wide ratios (count, then each as text).
 */
PG_FUNCTION_INFO_V1(attainment_send);
Datum
attainment_send(PG_FUNCTION_ARGS)
{
	AttainmentSummary *summary = PG_GETARG_ATTAINMENT_P(0);
	AttainmentParts unpacked;
	StringInfoData buf;
	const char *text;

	attainment_unpack(summary, &unpacked);
	salesops_begin_state(&buf);
	pq_sendint64(&buf, unpacked.zero_quotas);
	for (int i = 0; i < ATTAINMENT_SUMS; i++)
		summary_send_exact(&buf, &unpacked.sums[i]);
	pq_sendint64(&buf, unpacked.ratio_count);
	for (int64 i = 0; i < unpacked.ratio_count; i++)
	{
		CHECK_FOR_INTERRUPTS();
		pq_sendint64(&buf, unpacked.ratios[i].numerator);
		pq_sendint64(&buf, unpacked.ratios[i].denominator);
	}
	pq_sendint64(&buf, unpacked.wide_count);
	text = unpacked.wide_texts;
	for (int64 i = 0; i < unpacked.wide_count; i++)
	{
		CHECK_FOR_INTERRUPTS();
		pq_sendstring(&buf, text);
		text += strlen(text) + 1;
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(attainment_recv);
Datum
attainment_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	AttainmentCollect input;
	int64		zero_quotas;
	int64		count;

	(void) summary_recv_version(buf, &attainment_type);
	zero_quotas = summary_recv_int64(buf, &attainment_type);
	if (zero_quotas < 0)
		summary_invalid(&attainment_type, NULL, "\"zero_quotas\" must be a non-negative integer.");
	attainment_collect_init(&input, 0);
	input.parts.zero_quotas = zero_quotas;
	for (int i = 0; i < ATTAINMENT_SUMS; i++)
		summary_recv_exact(buf, attainment_sum_names[i], &input.parts.sums[i], &attainment_type);

	/* counts are checked against the bytes left before anything is allocated */
	count = summary_recv_int64(buf, &attainment_type);
	if (count < 0 || count > (buf->len - buf->cursor) / (int64) (2 * sizeof(int64)))
		summary_invalid(&attainment_type, NULL, "The ratio count does not match the length of the value.");
	for (int64 i = 0; i < count; i++)
	{
		ExactRatio	ratio;
		int64		numerator = summary_recv_int64(buf, &attainment_type);
		int64		denominator = summary_recv_int64(buf, &attainment_type);

		CHECK_FOR_INTERRUPTS();
		if (denominator <= 0 || numerator == PG_INT64_MIN)
			summary_invalid(&attainment_type, NULL, "A ratio needs a positive denominator.");
		ratio_set_fast(&ratio, numerator, denominator);
		attainment_collect_ratio(&input, &ratio);
	}
	count = summary_recv_int64(buf, &attainment_type);
	if (count < 0 || count > buf->len - buf->cursor)
		summary_invalid(&attainment_type, NULL, "The wide ratio count does not match the length of the value.");
	for (int64 i = 0; i < count; i++)
	{
		const char *text = summary_recv_string(buf, &attainment_type);
		ExactRatio	ratio;

		CHECK_FOR_INTERRUPTS();
		if (!ratio_parse(pstrdup(text), &ratio))
			summary_invalid(&attainment_type, NULL, psprintf("Ratio \"%s\" is not a number or a fraction with a positive denominator.", text));
		attainment_collect_ratio(&input, &ratio);
	}
	PG_RETURN_POINTER(attainment_collect_finish(&input, input.parts.ratio_count + input.parts.wide_count, NULL));
}

/* ---------- accessors ---------- */

/* Σ achieved / Σ quota; NULL when Σ quota = 0 (NaN first) */
PG_FUNCTION_INFO_V1(attainment_quota_attainment);
Datum
attainment_quota_attainment(PG_FUNCTION_ARGS)
{
	AttainmentParts unpacked;
	bool		isnull;
	float8		ratio;

	attainment_unpack(PG_GETARG_ATTAINMENT_P(0), &unpacked);
	ratio = exact_sum_ratio(&unpacked.sums[SUM_ACHIEVED], &unpacked.sums[SUM_QUOTA], &isnull);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(ratio);
}

/* rows with quota > 0 */
PG_FUNCTION_INFO_V1(attainment_reps);
Datum
attainment_reps(PG_FUNCTION_ARGS)
{
	AttainmentSummary *summary = PG_GETARG_ATTAINMENT_P(0);

	PG_RETURN_INT64(summary->ratio_count + summary->wide_count);
}

PG_FUNCTION_INFO_V1(attainment_zero_quotas);
Datum
attainment_zero_quotas(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_ATTAINMENT_P(0)->zero_quotas);
}

static int64
attainment_reps_at(FunctionCallInfo fcinfo, const AttainmentParts *unpacked)
{
	ExactRatio	threshold;

	threshold_read(fcinfo, PG_GETARG_FLOAT8(1), &threshold);
	return attainment_count_at_threshold(unpacked, &threshold);
}

/* rows with achieved >= threshold x quota (threshold DEFAULT 1.0) */
PG_FUNCTION_INFO_V1(attainment_reps_at_quota);
Datum
attainment_reps_at_quota(PG_FUNCTION_ARGS)
{
	AttainmentParts unpacked;

	attainment_unpack(PG_GETARG_ATTAINMENT_P(0), &unpacked);
	PG_RETURN_INT64(attainment_reps_at(fcinfo, &unpacked));
}

/* reps_at_quota / reps; NULL without rated rows */
PG_FUNCTION_INFO_V1(attainment_pct_at_quota);
Datum
attainment_pct_at_quota(PG_FUNCTION_ARGS)
{
	AttainmentParts unpacked;
	int64		reps;
	int64		at_quota;

	attainment_unpack(PG_GETARG_ATTAINMENT_P(0), &unpacked);
	at_quota = attainment_reps_at(fcinfo, &unpacked);
	reps = unpacked.ratio_count + unpacked.wide_count;
	if (reps == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((float8) at_quota / (float8) reps);
}

/*
 * Median of achieved / quota over the rated rows, as percentile_cont(0.5):
 * the middle ratio, or the mean of the two middle ones, computed exactly
 * and rounded once.  NULL without rated rows.
 */
PG_FUNCTION_INFO_V1(attainment_median);
Datum
attainment_median(PG_FUNCTION_ARGS)
{
	AttainmentParts unpacked;
	ExactRatio *ratios;
	int64		count;

	attainment_unpack(PG_GETARG_ATTAINMENT_P(0), &unpacked);
	ratios = attainment_all_ratios(&unpacked, &count);
	if (count == 0)
		PG_RETURN_NULL();
	salesops_qsort(ratios, count, sizeof(ExactRatio), ratio_qsort_cmp);
	if (count % 2 == 1)
		PG_RETURN_FLOAT8(ratio_to_float8(&ratios[count / 2]));
	PG_RETURN_FLOAT8(ratio_midpoint_float8(&ratios[count / 2 - 1], &ratios[count / 2]));
}

PG_FUNCTION_INFO_V1(attainment_total_achieved);
Datum
attainment_total_achieved(PG_FUNCTION_ARGS)
{
	AttainmentParts unpacked;

	attainment_unpack(PG_GETARG_ATTAINMENT_P(0), &unpacked);
	PG_RETURN_NUMERIC(exact_sum_result(&unpacked.sums[SUM_ACHIEVED]));
}

PG_FUNCTION_INFO_V1(attainment_total_quota);
Datum
attainment_total_quota(PG_FUNCTION_ARGS)
{
	AttainmentParts unpacked;

	attainment_unpack(PG_GETARG_ATTAINMENT_P(0), &unpacked);
	PG_RETURN_NUMERIC(exact_sum_result(&unpacked.sums[SUM_QUOTA]));
}

/* ---------- one-step aggregates ---------- */

/*
 * quota_attainment(achieved numeric, quota numeric) transition: the two
 * exact sums of value_win_rate(boolean, numeric)'s exact_ratio_state, whose
 * combine and final functions it shares (win_rate.c).  The ratios are not
 * kept: this aggregate does not need them.  In a moving window (moving)
 * the state exists from the first row on: never NULL.
 */
static Datum
quota_attainment_add_row(FunctionCallInfo fcinfo, bool moving)
{
	ExactRatioState *state;
	Money		quota_money;
	NumericClass quota_class;
	ScaledValue quota;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (!PG_ARGISNULL(0))
			PG_RETURN_DATUM(PG_GETARG_DATUM(0));
		if (!moving)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(ratio_state_new());
	}
	quota_money = money_arg(fcinfo, 2);
	(void) quota_read(quota_money, &quota_class, &quota);
	state = ratio_state_arg(fcinfo, 0);
	state = ratio_state_add_money(state, RATIO_NUMERATOR, money_arg(fcinfo, 1));
	if (quota_class == NUMERIC_CLASS_SCALED)
		state = ratio_state_add_scaled(state, RATIO_DENOMINATOR, quota.digits, quota.scale);
	else
		state = ratio_state_add_money(state, RATIO_DENOMINATOR, quota_money);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(quota_attainment_state_trans);
Datum
quota_attainment_state_trans(PG_FUNCTION_ARGS)
{
	return quota_attainment_add_row(fcinfo, false);
}

/* the internal-state definition of 0.4.0 to 0.6.0 (win_rate.c) */
PG_FUNCTION_INFO_V1(quota_attainment_trans);
Datum
quota_attainment_trans(PG_FUNCTION_ARGS)
{
	return ratio_state_internal(fcinfo, quota_attainment_add_row(fcinfo, false), "quota_attainment_trans");
}

PG_FUNCTION_INFO_V1(quota_attainment_moving_trans);
Datum
quota_attainment_moving_trans(PG_FUNCTION_ARGS)
{
	return quota_attainment_add_row(fcinfo, true);
}

/*
 * Moving-window inverse: the row out of both sums, exactly, in place (NULL,
 * so that PostgreSQL recomputes the frame, for a value that is not a plain
 * scaled amount, or a sum with a spill).  The quota was checked when it
 * came in.
 */
PG_FUNCTION_INFO_V1(quota_attainment_inv);
Datum
quota_attainment_inv(PG_FUNCTION_ARGS)
{
	ExactRatioState *state = ratio_state_arg(fcinfo, 0);

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(state);
	if (!ratio_state_remove_money(state, RATIO_NUMERATOR, money_arg(fcinfo, 1)) ||
		!ratio_state_remove_money(state, RATIO_DENOMINATOR, money_arg(fcinfo, 2)))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(state);
}

/* Element indexes of pct_at_quota's state, those of win_rate's {won, closed}. */
#define AT_QUOTA	0
#define RATED		1

/*
 * pct_at_quota(achieved numeric, quota numeric [, threshold float8])
 * transition: STRICT with INITCOND '{0,0}', so NULL rows never get here.
 * Counts {at quota, rated} in place; win_rate's combine and final functions
 * (win_rate.c) do the rest, as the share is the same ratio of two counts.
 */
static Datum
pct_at_quota_step(FunctionCallInfo fcinfo, int direction)
{
	ArrayType  *state = salesops_array_pair(fcinfo, 0, INT8OID, true, "pct_at_quota");
	int64	   *counts = (int64 *) ARR_DATA_PTR(state);
	AttainmentRow row;
	ExactRatio	threshold;

	threshold_read(fcinfo, PG_NARGS() > 3 ? PG_GETARG_FLOAT8(3) : 1.0, &threshold);
	attainment_read_row(money_arg(fcinfo, 1), money_arg(fcinfo, 2), &row);
	if (row.rated)
	{
		counts[RATED] += direction;
		if (ratio_cmp(&row.ratio, &threshold) >= 0)
			counts[AT_QUOTA] += direction;
	}
	PG_RETURN_ARRAYTYPE_P(state);
}

PG_FUNCTION_INFO_V1(pct_at_quota_trans);
Datum
pct_at_quota_trans(PG_FUNCTION_ARGS)
{
	return pct_at_quota_step(fcinfo, 1);
}

/* moving-window inverse: exact, since the state is two counts */
PG_FUNCTION_INFO_V1(pct_at_quota_inv);
Datum
pct_at_quota_inv(PG_FUNCTION_ARGS)
{
	return pct_at_quota_step(fcinfo, -1);
}

/* ---------- equality and ordering ---------- */

/* Every ratio of a summary, sorted (ratio_cmp order: exact, NaN last). */
static ExactRatio *
attainment_sorted_ratios(const AttainmentParts *unpacked, int64 *count)
{
	ExactRatio *ratios = attainment_all_ratios(unpacked, count);

	salesops_qsort(ratios, *count, sizeof(ExactRatio), ratio_qsort_cmp);
	return ratios;
}

/*
 * Two attainment values are equal when their parts are (summary.h): the
 * number of rated rows, the zero quotas, the two totals (numerically), and
 * the ratios as a multiset of exact fractions (both sorted, then compared
 * one by one with ratio_cmp, wide ratios included: 1/2 = 2/4).  The order
 * is lexicographic in that order.
 */
static int
attainment_compare(Datum a, Datum b)
{
	AttainmentParts x;
	AttainmentParts y;
	ExactRatio *x_ratios;
	ExactRatio *y_ratios;
	int64		count;
	int			order;

	attainment_unpack(attainment_checked((AttainmentSummary *) PG_DETOAST_DATUM(a)), &x);
	attainment_unpack(attainment_checked((AttainmentSummary *) PG_DETOAST_DATUM(b)), &y);
	order = summary_cmp_int64(x.ratio_count + x.wide_count, y.ratio_count + y.wide_count);
	if (order == 0)
		order = summary_cmp_int64(x.zero_quotas, y.zero_quotas);
	if (order == 0)
		order = summary_cmp_sums(ATTAINMENT_SUMS, x.sums, y.sums);
	if (order != 0)
		return order;
	x_ratios = attainment_sorted_ratios(&x, &count);
	y_ratios = attainment_sorted_ratios(&y, &count);
	for (int64 i = 0; i < count && order == 0; i++)
	{
		CHECK_FOR_INTERRUPTS();
		order = ratio_cmp(&x_ratios[i], &y_ratios[i]);
	}
	return order;
}

static int64
gcd_int64(int64 a, int64 b)
{
	if (a < 0)
		a = -a;					/* a > PG_INT64_MIN: a ratio's numerator */
	while (b != 0)
	{
		int64		r = a % b;

		a = b;
		b = r;
	}
	return a;
}

/*
 * The hash of one ratio's value: its kind, and a finite ratio in lowest
 * terms.  A fixed-width ratio is reduced here; a wide one is made in lowest
 * terms, and only when those do not fit int64 (fraction.c), so each value
 * has one form.
 */
static uint32
attainment_ratio_hash(const ExactRatio *ratio)
{
	uint32		hash = summary_hash_int64(0, ratio->kind);
	int64		divisor;

	if (ratio->kind != RATIO_FINITE)
		return hash;
	if (ratio->wide)
		return summary_hash_numeric(summary_hash_numeric(hash, ratio->wide_numerator),
									ratio->wide_denominator);
	divisor = gcd_int64(ratio->numerator, ratio->denominator);
	hash = summary_hash_int64(hash, ratio->numerator / divisor);
	return summary_hash_int64(hash, ratio->denominator / divisor);
}

/*
 * The same parts hashed; the ratios as a multiset: the sum of their hashes,
 * whatever their order.
 */
static uint32
attainment_hash_value(Datum value)
{
	AttainmentParts x;
	ExactRatio *ratios;
	int64		count;
	uint32		hash;
	uint32		ratios_hash = 0;

	attainment_unpack(attainment_checked((AttainmentSummary *) PG_DETOAST_DATUM(value)), &x);
	hash = summary_hash_int64(0, x.ratio_count + x.wide_count);
	hash = summary_hash_int64(hash, x.zero_quotas);
	hash = summary_hash_sums(hash, ATTAINMENT_SUMS, x.sums);
	ratios = attainment_all_ratios(&x, &count);
	for (int64 i = 0; i < count; i++)
	{
		CHECK_FOR_INTERRUPTS();
		ratios_hash += attainment_ratio_hash(&ratios[i]);
	}
	return summary_hash_int64(hash, ratios_hash);
}

/* attainment_eq, _ne, _lt, _le, _gt, _ge, _cmp and _hash */
SUMMARY_ORDERING_FUNCTIONS(attainment, attainment_compare, attainment_hash_value)
