/*
 * deals.c
 *	  The deal_summary type: every opportunity KPI of a group in one pass
 *	  (win rates, pipelines, deal counts and amounts, deal size, sales cycle
 *	  mean/median/percentiles, velocity), storable and mergeable (rollup).
 *
 * A row is one opportunity: won true = closed won, false = closed lost,
 * NULL = open.  The summary keeps
 *   - the open, won and lost deal counts;
 *   - four money sums, each with the number of rows it covers (a sum over no
 *     row is NULL, as sum() gives): open pipeline (open rows' amounts),
 *     weighted pipeline (open rows' amount x probability), won amount, lost
 *     amount -- exact for numeric amounts (ExactSumCore slots updated in
 *     place, spills after the fixed part), float8 for float8 amounts;
 *   - the sales cycle of won deals as an exact histogram: sorted (days,
 *     deals) pairs.  Cycle lengths are whole days, so the median and every
 *     percentile are exact and histograms merge exactly;
 *   - the back-dated deals: those whose close date is before their created
 *     date (entered after the fact, common in CRM exports).  They count as
 *     deals everywhere but in the cycle measures, and do not stop the report.
 *
 * Dates come as date or timestamptz (timestamp arguments take PostgreSQL's
 * implicit cast to timestamptz); a timestamptz is taken as its date in the
 * session's time zone, so those transition functions are STABLE.
 *
 * Format 2 (0.7.0) added backdated_deals after lost_deals; format 1 values
 * (0.3.0 to 0.6.0) are read as format 2 values with no back-dated deal.
 *
 * The summary follows summary.h's discipline (its own transition state,
 * updated in place); the histogram keeps spare capacity while aggregating
 * and the final function stores it compact.
 */
#include "summary.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/int.h"
#include "miscadmin.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/float.h"
#include "utils/fmgrprotos.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "probability.h"

typedef enum DealSum
{
	DEAL_OPEN_PIPELINE,			/* Σ amount, open rows */
	DEAL_WEIGHTED_PIPELINE,		/* Σ amount x probability, open rows */
	DEAL_WON_AMOUNT,			/* Σ amount, won rows */
	DEAL_LOST_AMOUNT,			/* Σ amount, lost rows */
	DEAL_SUMS
} DealSum;

static const char *const deal_sum_names[DEAL_SUMS] = {
	"open_pipeline", "weighted_pipeline", "won_amount", "lost_amount"
};
static const char *const deal_sum_count_names[DEAL_SUMS] = {
	"open_pipeline_deals", "weighted_pipeline_deals", "won_amount_deals", "lost_amount_deals"
};

/* One histogram bin: how many won deals took this many days. */
typedef struct CycleBin
{
	int32		days;
	int32		reserved;		/* zero */
	int64		deals;
} CycleBin;

typedef struct DealSummary
{
	int32		vl_len_;
	uint8		version;
	uint8		kind;			/* SummaryKind of the amount column */
	uint8		spill_mask;		/* bit i: sum i has a spill text after the bins */
	uint8		reserved;		/* zero */
	int32		bins_used;
	int32		bins_allocated; /* == bins_used in stored values */
	int64		open_deals;
	int64		won_deals;
	int64		lost_deals;
	int64		backdated_deals;	/* closed before created: no cycle (format 2) */
	int64		sum_deals[DEAL_SUMS];	/* rows each sum covers */
	union
	{
		ExactSumCore exact[DEAL_SUMS];
		float8		approx[DEAL_SUMS];
	}			sums;
	CycleBin	bins[FLEXIBLE_ARRAY_MEMBER];	/* sorted by days (see DEAL_BINS_HASHED); then spill texts */
} DealSummary;

/* Unpacked: for slow paths, I/O and accessors. */
typedef struct DealParts
{
	SummaryKind kind;
	int64		open_deals;
	int64		won_deals;
	int64		lost_deals;
	int64		backdated_deals;
	int64		sum_deals[DEAL_SUMS];
	ExactSum	exact[DEAL_SUMS];
	float8		approx[DEAL_SUMS];
	int32		bins_used;
	CycleBin   *bins;
} DealParts;

static const SummaryType deal_type = {"deal_summary", "amount", "the amount column", 2, 1};

#define DEAL_BINS_OFFSET offsetof(DealSummary, bins)

/*
 * In a transition state the bins are an open-addressing hash table on days
 * (this bit set in spill_mask, whose low bits flag the sums' spills; a power
 * of two of slots, at most half in use, an empty slot has no deal), so that
 * a won deal costs O(1) whatever order the cycle lengths arrive in.  A
 * sorted array with a memmove per new length was quadratic: 100,000
 * distinct lengths arriving in descending order cost 50x the ascending ones.
 * Every reader unpacks the bins sorted; the final function stores them
 * sorted and compact, without the bit.
 */
#define DEAL_BINS_HASHED 0x80
/* Format 1 had no backdated_deals: everything after lost_deals sat 8 bytes earlier. */
#define DEAL_FORMAT1_GAP offsetof(DealSummary, backdated_deals)
#define DEAL_FORMAT1_BINS_OFFSET (DEAL_BINS_OFFSET - sizeof(int64))
#define DEAL_INITIAL_BINS 8

#define PG_GETARG_DEAL_SUMMARY_P(n) deal_checked(PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))
#define deal_writable(fcinfo, argno) deal_checked(summary_writable(fcinfo, argno))

/* A format 1 value as format 2 (a copy in the current context): no back-dated deal. */
static DealSummary *
deal_from_format1(const DealSummary *old)
{
	Size		size = VARSIZE(old) + sizeof(int64);
	DealSummary *summary = palloc0(size);

	memcpy(summary, old, DEAL_FORMAT1_GAP);
	memcpy((char *) summary + DEAL_FORMAT1_GAP + sizeof(int64), (const char *) old + DEAL_FORMAT1_GAP,
		   VARSIZE(old) - DEAL_FORMAT1_GAP);
	SET_VARSIZE(summary, size);
	summary->version = deal_type.version;
	return summary;
}

/*
 * The header checked (a format 1 value converted), and the histogram within
 * the value's size.
 */
static DealSummary *
deal_checked(void *value)
{
	DealSummary *summary = (DealSummary *) value;

	if (summary_check_header(summary, DEAL_FORMAT1_BINS_OFFSET, &deal_type) == 1)
		summary = deal_from_format1(summary);
	if (summary->bins_used < 0 || summary->bins_allocated < summary->bins_used ||
		DEAL_BINS_OFFSET + sizeof(CycleBin) * (Size) summary->bins_allocated > VARSIZE(summary) ||
		((summary->spill_mask & DEAL_BINS_HASHED) &&
		 (summary->bins_allocated <= 0 || (summary->bins_allocated & (summary->bins_allocated - 1)) != 0)))
		summary_corrupt(&deal_type, "The sales cycle histogram does not fit the value.");
	return summary;
}

static DealSummary *
deal_pack(const DealParts *unpacked, int32 bins_allocated, MemoryContext context)
{
	char	   *spill_text[DEAL_SUMS] = {0};
	Size		size;
	DealSummary *summary;

	Assert(bins_allocated >= unpacked->bins_used);
	size = DEAL_BINS_OFFSET + sizeof(CycleBin) * bins_allocated;
	if (unpacked->kind == SUMMARY_NUMERIC)
		size += summary_spills_size(unpacked->exact, DEAL_SUMS, spill_text);
	summary = MemoryContextAllocZero(context, size);
	SET_VARSIZE(summary, size);
	summary->version = deal_type.version;
	summary->kind = unpacked->kind;
	summary->bins_used = unpacked->bins_used;
	summary->bins_allocated = bins_allocated;
	summary->open_deals = unpacked->open_deals;
	summary->won_deals = unpacked->won_deals;
	summary->lost_deals = unpacked->lost_deals;
	summary->backdated_deals = unpacked->backdated_deals;
	memcpy(summary->sum_deals, unpacked->sum_deals, sizeof(summary->sum_deals));
	summary_sums_store(unpacked->kind, DEAL_SUMS, &summary->sums, unpacked->exact,
					   unpacked->approx);
	if (unpacked->bins_used > 0)
		memcpy(summary->bins, unpacked->bins, sizeof(CycleBin) * unpacked->bins_used);
	summary->spill_mask = summary_spills_write((char *) &summary->bins[bins_allocated],
											   spill_text, DEAL_SUMS);
	return summary;
}

static int
cycle_bin_cmp(const void *a, const void *b)
{
	int32		x = ((const CycleBin *) a)->days;
	int32		y = ((const CycleBin *) b)->days;

	return (x > y) - (x < y);
}

/* The used bins of a hashed histogram, sorted by days (a new array). */
static CycleBin *
deal_sorted_bins(const DealSummary *summary)
{
	CycleBin   *bins = palloc(sizeof(CycleBin) * Max(1, summary->bins_used));
	int32		n = 0;

	for (int32 i = 0; i < summary->bins_allocated; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (summary->bins[i].deals == 0)
			continue;
		if (n == summary->bins_used)
			summary_corrupt(&deal_type, "The sales cycle histogram holds more bins than it counts.");
		bins[n++] = summary->bins[i];
	}
	if (n != summary->bins_used)
		summary_corrupt(&deal_type, "The sales cycle histogram holds fewer bins than it counts.");
	qsort(bins, n, sizeof(CycleBin), cycle_bin_cmp);
	return bins;
}

/* The unpacked bins point into 'summary' (or, when hashed, to a sorted copy). */
static void
deal_unpack(const DealSummary *summary, DealParts *unpacked)
{
	memset(unpacked, 0, sizeof(DealParts));
	unpacked->kind = summary->kind;
	unpacked->open_deals = summary->open_deals;
	unpacked->won_deals = summary->won_deals;
	unpacked->lost_deals = summary->lost_deals;
	unpacked->backdated_deals = summary->backdated_deals;
	memcpy(unpacked->sum_deals, summary->sum_deals, sizeof(unpacked->sum_deals));
	summary_sums_load(summary->kind, DEAL_SUMS, &summary->sums, unpacked->exact,
					  unpacked->approx);
	unpacked->bins_used = summary->bins_used;
	unpacked->bins = (summary->spill_mask & DEAL_BINS_HASHED) ? deal_sorted_bins(summary)
		: (CycleBin *) summary->bins;
	if (summary->kind == SUMMARY_NUMERIC)
		summary_spills_read((const char *) &summary->bins[summary->bins_allocated],
							(const char *) summary + VARSIZE(summary),
							summary->spill_mask, unpacked->exact, DEAL_SUMS, &deal_type);
}

/* A new, empty transition state (in the current context: see summary.h). */
static DealSummary *
deal_new(SummaryKind kind)
{
	DealParts	empty;
	DealSummary *summary;

	memset(&empty, 0, sizeof(empty));
	empty.kind = kind;
	summary = deal_pack(&empty, DEAL_INITIAL_BINS, CurrentMemoryContext);
	summary->spill_mask |= DEAL_BINS_HASHED;	/* zeroed slots: an empty table */
	return summary;
}

/* A copy with room for 'bins' bins, made in the current context. */
static DealSummary *
deal_resize(const DealSummary *summary, int32 bins)
{
	DealParts unpacked;

	deal_unpack(summary, &unpacked);
	return deal_pack(&unpacked, bins, CurrentMemoryContext);
}

/*
 * A deal's created or closed date: a date argument, or the date of a
 * timestamptz in the session's time zone.
 */
static DateADT
deal_date_arg(FunctionCallInfo fcinfo, int argno, bool timestamptz)
{
	if (timestamptz)
		return DatumGetDateADT(DirectFunctionCall1(timestamptz_date, PG_GETARG_DATUM(argno)));
	return PG_GETARG_DATEADT(argno);
}

/*
 * The sales cycle of a deal with both dates: true with *days =
 * closed_at - created_at (as date subtraction gives), or false for a
 * back-dated deal (closed before it was created), which has none.
 */
static bool
deal_cycle(FunctionCallInfo fcinfo, int created_argno, bool timestamptz, int32 *days)
{
	DateADT		created_at = deal_date_arg(fcinfo, created_argno, timestamptz);
	DateADT		closed_at = deal_date_arg(fcinfo, created_argno + 1, timestamptz);

	if (DATE_NOT_FINITE(created_at) || DATE_NOT_FINITE(closed_at))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("cannot subtract infinite dates")));
	if (closed_at < created_at)
		return false;
	*days = closed_at - created_at;
	return true;
}

/* The slot of 'days' in a hashed histogram of 'capacity' (a power of two) slots. */
static inline int32
cycle_slot(const DealSummary *summary, int32 days)
{
	int32		mask = summary->bins_allocated - 1;
	int32		slot = (int32) (((uint32) days * UINT64CONST(0x9E3779B97F4A7C15)) >> 32) & mask;

	/* at most half the slots are used: an empty one comes */
	while (summary->bins[slot].deals != 0 && summary->bins[slot].days != days)
		slot = (slot + 1) & mask;
	return slot;
}

/*
 * A copy whose bins are a hash table of 'capacity' slots (a power of two,
 * more than twice the bins), in the current context.
 */
static DealSummary *
deal_rehash(const DealSummary *summary, int32 capacity)
{
	DealParts	unpacked;
	DealSummary *hashed;

	deal_unpack(summary, &unpacked);
	hashed = deal_pack(&unpacked, capacity, CurrentMemoryContext);
	memset(hashed->bins, 0, sizeof(CycleBin) * capacity);
	hashed->spill_mask |= DEAL_BINS_HASHED;
	for (int32 i = 0; i < unpacked.bins_used; i++)
	{
		CHECK_FOR_INTERRUPTS();
		hashed->bins[cycle_slot(hashed, unpacked.bins[i].days)] = unpacked.bins[i];
	}
	return hashed;
}

/* Count 'deals' won deals of 'days' days; may return a larger copy. */
static DealSummary *
deal_add_cycle(DealSummary *summary, int32 days, int64 deals)
{
	CycleBin   *bin;

	if (!(summary->spill_mask & DEAL_BINS_HASHED) ||
		2 * ((Size) summary->bins_used + 1) > (Size) summary->bins_allocated)
	{
		int32		capacity = DEAL_INITIAL_BINS;

		while (capacity < 2 * (summary->bins_used + 1))
		{
			if (capacity > PG_INT32_MAX / 4)
				ereport(ERROR,
						(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
						 errmsg("deal_summary sales cycle histogram is too large"),
						 errdetail("A summary holds at most %d distinct cycle lengths.", PG_INT32_MAX / 8)));
			capacity *= 2;
		}
		summary = deal_rehash(summary, capacity);
	}
	bin = &summary->bins[cycle_slot(summary, days)];
	if (bin->deals == 0)
	{
		bin->days = days;
		bin->reserved = 0;
		summary->bins_used++;
	}
	bin->deals += deals;
	return summary;
}

/*
 * Add a numeric to sum 'which' the slow way (the spill callback of
 * summary_add_scaled): unpack, add, repack in the current context.
 */
static Pointer
deal_add_slow(Pointer summary, int which, Numeric term)
{
	DealParts	unpacked;

	deal_unpack((DealSummary *) summary, &unpacked);
	exact_sum_add_numeric(&unpacked.exact[which], term, CurrentMemoryContext);
	return (Pointer) deal_pack(&unpacked, ((DealSummary *) summary)->bins_allocated,
							   CurrentMemoryContext);
}

static DealSummary *
deal_add_scaled(DealSummary *summary, DealSum which, int128 term, int scale)
{
	return (DealSummary *) summary_add_scaled((Pointer) summary, &summary->sums.exact[which],
											  which, term, scale, deal_add_slow);
}

/* Add a numeric value to sum 'which' (the caller counts the row). */
static DealSummary *
deal_add_value(DealSummary *summary, DealSum which, Money value)
{
	return (DealSummary *) summary_add_money((Pointer) summary, &summary->sums.exact[which],
											 which, value, deal_add_slow);
}

static DealSummary *
deal_add_amount(DealSummary *summary, DealSum which, Money amount)
{
	summary->sum_deals[which]++;
	return deal_add_value(summary, which, amount);
}

/*
 * The dates of a row (arguments 4 and 5): whether it has a cycle, and
 * whether it is back-dated, which counts whatever its outcome.
 */
static DealSummary *
deal_read_dates(FunctionCallInfo fcinfo, DealSummary *summary, bool timestamptz,
				bool *has_cycle, int32 *cycle)
{
	*has_cycle = false;
	if (PG_ARGISNULL(4) || PG_ARGISNULL(5))
		return summary;
	*has_cycle = deal_cycle(fcinfo, 4, timestamptz, cycle);
	if (!*has_cycle)
		summary->backdated_deals++;
	return summary;
}

/*
 * One opportunity with a numeric amount.  probability_is_float8 says how to
 * read argument 3, timestamptz how to read the dates; the cycle is counted
 * for won deals with both dates that are not back-dated.
 */
static Datum
deal_summary_add_row(FunctionCallInfo fcinfo, bool probability_is_float8, bool timestamptz)
{
	DealSummary *summary;
	bool		has_cycle;
	int32		cycle = 0;
	Probability probability;

	/* validate every row's inputs, whatever the KPIs use of them */
	if (!PG_ARGISNULL(3))
	{
		if (probability_is_float8)
			probability_read_float8(fcinfo, PG_GETARG_DATUM(3), &probability);
		else
			probability_read_numeric(PG_GETARG_DATUM(3), &probability);
	}

	summary = PG_ARGISNULL(0) ? deal_new(SUMMARY_NUMERIC) : deal_writable(fcinfo, 0);
	summary_check_kind(summary->kind, SUMMARY_NUMERIC, &deal_type);
	summary = deal_read_dates(fcinfo, summary, timestamptz, &has_cycle, &cycle);

	if (PG_ARGISNULL(1))
	{
		summary->open_deals++;
		if (!PG_ARGISNULL(2))
		{
			Money		amount = money_arg(fcinfo, 2);

			summary = deal_add_amount(summary, DEAL_OPEN_PIPELINE, amount);
			if (!PG_ARGISNULL(3))
			{
				int128		term;
				int			scale;
				Numeric		product;

				summary->sum_deals[DEAL_WEIGHTED_PIPELINE]++;
				if (weighted_amount(amount, &probability, &term, &scale, &product))
					summary = deal_add_scaled(summary, DEAL_WEIGHTED_PIPELINE, term, scale);
				else
					summary = deal_add_value(summary, DEAL_WEIGHTED_PIPELINE, money_of_numeric(product));
			}
		}
	}
	else if (PG_GETARG_BOOL(1))
	{
		summary->won_deals++;
		if (!PG_ARGISNULL(2))
			summary = deal_add_amount(summary, DEAL_WON_AMOUNT, money_arg(fcinfo, 2));
		if (has_cycle)
			summary = deal_add_cycle(summary, cycle, 1);
	}
	else
	{
		summary->lost_deals++;
		if (!PG_ARGISNULL(2))
			summary = deal_add_amount(summary, DEAL_LOST_AMOUNT, money_arg(fcinfo, 2));
	}
	PG_RETURN_POINTER(summary);
}

/* deal_summary(won, amount numeric, probability float8, created_at date, closed_at date) */
PG_FUNCTION_INFO_V1(deal_summary_trans);
Datum
deal_summary_trans(PG_FUNCTION_ARGS)
{
	return deal_summary_add_row(fcinfo, true, false);
}

/* deal_summary(won, amount numeric, probability numeric, created_at date, closed_at date) */
PG_FUNCTION_INFO_V1(deal_summary_numeric_prob_trans);
Datum
deal_summary_numeric_prob_trans(PG_FUNCTION_ARGS)
{
	return deal_summary_add_row(fcinfo, false, false);
}

/* deal_summary(won, amount numeric, probability float8, created_at timestamptz, closed_at timestamptz) */
PG_FUNCTION_INFO_V1(deal_summary_tstz_trans);
Datum
deal_summary_tstz_trans(PG_FUNCTION_ARGS)
{
	return deal_summary_add_row(fcinfo, true, true);
}

/* deal_summary(won, amount numeric, probability numeric, created_at timestamptz, closed_at timestamptz) */
PG_FUNCTION_INFO_V1(deal_summary_numeric_prob_tstz_trans);
Datum
deal_summary_numeric_prob_tstz_trans(PG_FUNCTION_ARGS)
{
	return deal_summary_add_row(fcinfo, false, true);
}

/* One opportunity with a float8 amount (probability float8). */
static Datum
deal_summary_add_float8_row(FunctionCallInfo fcinfo, bool timestamptz)
{
	DealSummary *summary;
	bool		has_cycle;
	int32		cycle = 0;
	float8	   *sums;

	if (!PG_ARGISNULL(3))
		probability_check_float8(PG_GETARG_FLOAT8(3));

	summary = PG_ARGISNULL(0) ? deal_new(SUMMARY_FLOAT8) : deal_writable(fcinfo, 0);
	summary_check_kind(summary->kind, SUMMARY_FLOAT8, &deal_type);
	summary = deal_read_dates(fcinfo, summary, timestamptz, &has_cycle, &cycle);
	sums = summary->sums.approx;

	if (PG_ARGISNULL(1))
	{
		summary->open_deals++;
		if (!PG_ARGISNULL(2))
		{
			summary->sum_deals[DEAL_OPEN_PIPELINE]++;
			sums[DEAL_OPEN_PIPELINE] = float8_pl(sums[DEAL_OPEN_PIPELINE], PG_GETARG_FLOAT8(2));
			if (!PG_ARGISNULL(3))
			{
				summary->sum_deals[DEAL_WEIGHTED_PIPELINE]++;
				sums[DEAL_WEIGHTED_PIPELINE] =
					float8_pl(sums[DEAL_WEIGHTED_PIPELINE],
							  float8_mul(PG_GETARG_FLOAT8(2), PG_GETARG_FLOAT8(3)));
			}
		}
	}
	else if (PG_GETARG_BOOL(1))
	{
		summary->won_deals++;
		if (!PG_ARGISNULL(2))
		{
			summary->sum_deals[DEAL_WON_AMOUNT]++;
			sums[DEAL_WON_AMOUNT] = float8_pl(sums[DEAL_WON_AMOUNT], PG_GETARG_FLOAT8(2));
		}
		if (has_cycle)
			summary = deal_add_cycle(summary, cycle, 1);
	}
	else
	{
		summary->lost_deals++;
		if (!PG_ARGISNULL(2))
		{
			summary->sum_deals[DEAL_LOST_AMOUNT]++;
			sums[DEAL_LOST_AMOUNT] = float8_pl(sums[DEAL_LOST_AMOUNT], PG_GETARG_FLOAT8(2));
		}
	}
	PG_RETURN_POINTER(summary);
}

/* deal_summary(won, amount float8, probability float8, created_at date, closed_at date) */
PG_FUNCTION_INFO_V1(deal_summary_float8_trans);
Datum
deal_summary_float8_trans(PG_FUNCTION_ARGS)
{
	return deal_summary_add_float8_row(fcinfo, false);
}

/* deal_summary(won, amount float8, probability float8, created_at timestamptz, closed_at timestamptz) */
PG_FUNCTION_INFO_V1(deal_summary_float8_tstz_trans);
Datum
deal_summary_float8_tstz_trans(PG_FUNCTION_ARGS)
{
	return deal_summary_add_float8_row(fcinfo, true);
}

/*
 * median_sales_cycle(created_at, closed_at): the rows given are taken as won
 * deals (callers filter), only their cycle is recorded; a NULL date skips
 * the row, a back-dated deal is counted as one without a cycle.
 */
static Datum
deal_summary_add_cycle_row(FunctionCallInfo fcinfo, bool timestamptz)
{
	int32		cycle;
	DealSummary *summary;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	summary = PG_ARGISNULL(0) ? deal_new(SUMMARY_NUMERIC) : deal_writable(fcinfo, 0);
	summary->won_deals++;
	if (!deal_cycle(fcinfo, 1, timestamptz, &cycle))
	{
		summary->backdated_deals++;
		PG_RETURN_POINTER(summary);
	}
	PG_RETURN_POINTER(deal_add_cycle(summary, cycle, 1));
}

PG_FUNCTION_INFO_V1(deal_summary_cycle_trans);
Datum
deal_summary_cycle_trans(PG_FUNCTION_ARGS)
{
	return deal_summary_add_cycle_row(fcinfo, false);
}

PG_FUNCTION_INFO_V1(deal_summary_cycle_tstz_trans);
Datum
deal_summary_cycle_tstz_trans(PG_FUNCTION_ARGS)
{
	return deal_summary_add_cycle_row(fcinfo, true);
}

/* rollup and parallel combine (STRICT; the first is the aggregate's own state) */
PG_FUNCTION_INFO_V1(deal_summary_combine);
Datum
deal_summary_combine(PG_FUNCTION_ARGS)
{
	DealSummary *into = PG_GETARG_DEAL_SUMMARY_P(0);
	DealSummary *from = PG_GETARG_DEAL_SUMMARY_P(1);
	DealParts merged;
	DealParts other;
	CycleBin   *bins;
	int			i = 0,
				j = 0,
				n = 0;

	deal_unpack(from, &other);
	summary_check_kind(into->kind, other.kind, &deal_type);
	deal_unpack(into, &merged);
	merged.open_deals = add_counts(merged.open_deals, other.open_deals, deal_type.name);
	merged.won_deals = add_counts(merged.won_deals, other.won_deals, deal_type.name);
	merged.lost_deals = add_counts(merged.lost_deals, other.lost_deals, deal_type.name);
	merged.backdated_deals = add_counts(merged.backdated_deals, other.backdated_deals, deal_type.name);
	for (int k = 0; k < DEAL_SUMS; k++)
	{
		merged.sum_deals[k] = add_counts(merged.sum_deals[k], other.sum_deals[k], deal_type.name);
		if (merged.kind == SUMMARY_FLOAT8)
			merged.approx[k] = float8_pl(merged.approx[k], other.approx[k]);
		else
			exact_sum_merge(&merged.exact[k], &other.exact[k], CurrentMemoryContext);
	}

	/* merge the two sorted histograms */
	bins = palloc(sizeof(CycleBin) * Max(1, merged.bins_used + other.bins_used));
	while (i < merged.bins_used || j < other.bins_used)
	{
		CHECK_FOR_INTERRUPTS();
		if (j >= other.bins_used ||
			(i < merged.bins_used && merged.bins[i].days < other.bins[j].days))
			bins[n++] = merged.bins[i++];
		else if (i >= merged.bins_used || other.bins[j].days < merged.bins[i].days)
			bins[n++] = other.bins[j++];
		else
		{
			bins[n] = merged.bins[i++];
			bins[n].deals = add_counts(bins[n].deals, other.bins[j++].deals, deal_type.name);
			n++;
		}
	}
	merged.bins = bins;
	merged.bins_used = n;
	PG_RETURN_POINTER(deal_pack(&merged, n, CurrentMemoryContext));
}

/* final function of the summary aggregates: store the histogram compact */
PG_FUNCTION_INFO_V1(deal_summary_final);
Datum
deal_summary_final(PG_FUNCTION_ARGS)
{
	DealSummary *summary = PG_GETARG_DEAL_SUMMARY_P(0);

	if (summary->bins_allocated == summary->bins_used && !(summary->spill_mask & DEAL_BINS_HASHED))
		PG_RETURN_POINTER(summary);
	PG_RETURN_POINTER(deal_resize(summary, summary->bins_used));
}

/* ---------- text and binary I/O ---------- */

PG_FUNCTION_INFO_V1(deal_summary_out);
Datum
deal_summary_out(PG_FUNCTION_ARGS)
{
	DealParts s;
	StringInfoData buf;

	deal_unpack(PG_GETARG_DEAL_SUMMARY_P(0), &s);
	initStringInfo(&buf);
	appendStringInfo(&buf, "v%d", deal_type.version);
	summary_append_kind(&buf, s.kind);
	appendStringInfo(&buf, " open_deals=" INT64_FORMAT " won_deals=" INT64_FORMAT
					 " lost_deals=" INT64_FORMAT " backdated_deals=" INT64_FORMAT,
					 s.open_deals, s.won_deals, s.lost_deals, s.backdated_deals);
	for (int i = 0; i < DEAL_SUMS; i++)
	{
		summary_append_sum(&buf, s.kind, deal_sum_names[i], &s.exact[i], s.approx[i]);
		appendStringInfo(&buf, " %s=" INT64_FORMAT, deal_sum_count_names[i], s.sum_deals[i]);
	}
	appendStringInfoString(&buf, " cycle_days={");
	for (int i = 0; i < s.bins_used; i++)
	{
		CHECK_FOR_INTERRUPTS();
		appendStringInfo(&buf, "%s%d:" INT64_FORMAT, i > 0 ? "," : "", s.bins[i].days, s.bins[i].deals);
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

/* Checks shared by text and binary input: what no aggregate can produce. */
static void
deal_validate(const DealParts *s, const char *input)
{
	const char *problem = NULL;
	int64		cycle_deals = 0;
	const int64 covered[DEAL_SUMS] = {s->open_deals, s->sum_deals[DEAL_OPEN_PIPELINE],
	s->won_deals, s->lost_deals};

	/* no sum of the three counts: rollup() can make each near 2^63 */
	if (s->open_deals < 0 || s->won_deals < 0 || s->lost_deals < 0 ||
		(s->open_deals == 0 && s->won_deals == 0 && s->lost_deals == 0))
		problem = "A summary covers at least one deal, and deal counts cannot be negative.";
	else if (s->backdated_deals < 0 ||
			 s->backdated_deals > (int128) s->open_deals + s->won_deals + s->lost_deals)
		problem = "\"backdated_deals\" must be between 0 and the number of deals.";
	for (int i = 0; i < DEAL_SUMS && problem == NULL; i++)
		if (s->sum_deals[i] < 0 || s->sum_deals[i] > covered[i])
			problem = psprintf("\"%s\" must be between 0 and the deals it sums over.",
							   deal_sum_count_names[i]);
	for (int i = 0; i < s->bins_used && problem == NULL; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (s->bins[i].days < 0 || s->bins[i].deals < 1 ||
			(i > 0 && s->bins[i].days <= s->bins[i - 1].days))
			problem = "Sales cycle bins must have increasing non-negative days and at least one deal each.";
		else if (pg_add_s64_overflow(cycle_deals, s->bins[i].deals, &cycle_deals))
			problem = "The sales cycle histogram counts more deals than \"won_deals\".";
	}
	if (problem == NULL && cycle_deals > s->won_deals)
		problem = "The sales cycle histogram counts more deals than \"won_deals\".";
	if (problem)
		summary_invalid(&deal_type, input, problem);
}

PG_FUNCTION_INFO_V1(deal_summary_in);
Datum
deal_summary_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	int			version;
	char	   *cursor = summary_text_begin(pstrdup(input), &deal_type, input, &version);
	char	   *bins_text;
	char	   *p;
	DealParts s;
	int			allocated = DEAL_INITIAL_BINS;

	memset(&s, 0, sizeof(s));
	s.kind = summary_parse_kind(&cursor, &deal_type, input);
	s.open_deals = summary_parse_count(&cursor, "open_deals", &deal_type, input);
	s.won_deals = summary_parse_count(&cursor, "won_deals", &deal_type, input);
	s.lost_deals = summary_parse_count(&cursor, "lost_deals", &deal_type, input);
	if (version >= 2)
		s.backdated_deals = summary_parse_count(&cursor, "backdated_deals", &deal_type, input);
	for (int i = 0; i < DEAL_SUMS; i++)
	{
		summary_parse_sum(&cursor, s.kind, deal_sum_names[i], &s.exact[i], &s.approx[i],
						  &deal_type, input);
		s.sum_deals[i] = summary_parse_count(&cursor, deal_sum_count_names[i], &deal_type, input);
	}

	bins_text = summary_next_value(&cursor, "cycle_days", &deal_type, input);
	summary_parse_end(cursor, &deal_type, input);
	if (bins_text[0] != '{' || bins_text[strlen(bins_text) - 1] != '}')
		summary_bad_text(&deal_type, input, "\"cycle_days\" must be a list such as {29:1,30:2}.");
	s.bins = palloc(sizeof(CycleBin) * allocated);
	p = bins_text + 1;
	while (*p != '}')
	{
		long		days;
		long long	deals;
		char	   *end;

		CHECK_FOR_INTERRUPTS();
		errno = 0;
		days = strtol(p, &end, 10);
		if (end == p || *end != ':' || errno != 0 || days < 0 || days > PG_INT32_MAX)
			summary_bad_text(&deal_type, input, "\"cycle_days\" must be a list such as {29:1,30:2}.");
		p = end + 1;
		deals = strtoll(p, &end, 10);
		if (end == p || (*end != ',' && *end != '}') || errno != 0 || (*end == ',' && end[1] == '}'))
			summary_bad_text(&deal_type, input, "\"cycle_days\" must be a list such as {29:1,30:2}.");
		if (s.bins_used == allocated)
		{
			allocated *= 2;
			s.bins = repalloc(s.bins, sizeof(CycleBin) * allocated);
		}
		s.bins[s.bins_used].days = (int32) days;
		s.bins[s.bins_used].reserved = 0;
		s.bins[s.bins_used++].deals = deals;
		p = *end == ',' ? end + 1 : end;
	}
	/* the list ends at its first '}': nothing may follow it */
	if (p[1] != '\0')
		summary_bad_text(&deal_type, input, "\"cycle_days\" must be a list such as {29:1,30:2}.");
	deal_validate(&s, input);
	PG_RETURN_POINTER(deal_pack(&s, s.bins_used, CurrentMemoryContext));
}

PG_FUNCTION_INFO_V1(deal_summary_send);
Datum
deal_summary_send(PG_FUNCTION_ARGS)
{
	DealParts s;
	StringInfoData buf;

	deal_unpack(PG_GETARG_DEAL_SUMMARY_P(0), &s);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, deal_type.version);
	pq_sendbyte(&buf, s.kind);
	pq_sendint64(&buf, s.open_deals);
	pq_sendint64(&buf, s.won_deals);
	pq_sendint64(&buf, s.lost_deals);
	pq_sendint64(&buf, s.backdated_deals);
	for (int i = 0; i < DEAL_SUMS; i++)
	{
		summary_send_sum(&buf, s.kind, &s.exact[i], s.approx[i]);
		pq_sendint64(&buf, s.sum_deals[i]);
	}
	pq_sendint32(&buf, s.bins_used);
	for (int i = 0; i < s.bins_used; i++)
	{
		CHECK_FOR_INTERRUPTS();
		pq_sendint32(&buf, s.bins[i].days);
		pq_sendint64(&buf, s.bins[i].deals);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(deal_summary_recv);
Datum
deal_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	DealParts	s;

	int			version = summary_recv_version(buf, &deal_type);

	memset(&s, 0, sizeof(s));
	s.kind = summary_recv_kind(buf, &deal_type);
	s.open_deals = summary_recv_int64(buf, &deal_type);
	s.won_deals = summary_recv_int64(buf, &deal_type);
	s.lost_deals = summary_recv_int64(buf, &deal_type);
	if (version >= 2)
		s.backdated_deals = summary_recv_int64(buf, &deal_type);
	for (int i = 0; i < DEAL_SUMS; i++)
	{
		summary_recv_sum(buf, s.kind, deal_sum_names[i], &s.exact[i], &s.approx[i], &deal_type);
		s.sum_deals[i] = summary_recv_int64(buf, &deal_type);
	}
	s.bins_used = summary_recv_int32(buf, &deal_type);
	/* each bin takes 12 bytes: a count the message cannot hold is a lie */
	if (s.bins_used < 0 || (Size) s.bins_used > (Size) (buf->len - buf->cursor) / 12)
		summary_invalid(&deal_type, NULL, "The sales cycle histogram is longer than the message.");
	s.bins = palloc(sizeof(CycleBin) * Max(1, s.bins_used));
	for (int i = 0; i < s.bins_used; i++)
	{
		CHECK_FOR_INTERRUPTS();
		s.bins[i].days = summary_recv_int32(buf, &deal_type);
		s.bins[i].reserved = 0;
		s.bins[i].deals = summary_recv_int64(buf, &deal_type);
	}
	deal_validate(&s, NULL);
	PG_RETURN_POINTER(deal_pack(&s, s.bins_used, CurrentMemoryContext));
}

/* ---------- accessors ---------- */

static void
deal_arg(FunctionCallInfo fcinfo, DealParts *s)
{
	deal_unpack(PG_GETARG_DEAL_SUMMARY_P(0), s);
}

/* Sum 'which' as numeric (float8 sums through PostgreSQL's cast); NULL over no rows. */
static Datum
deal_sum_numeric(FunctionCallInfo fcinfo, DealSum which)
{
	DealParts s;

	deal_arg(fcinfo, &s);
	if (s.sum_deals[which] == 0)
		PG_RETURN_NULL();
	if (s.kind == SUMMARY_FLOAT8)
		return DirectFunctionCall1(float8_numeric, Float8GetDatum(s.approx[which]));
	PG_RETURN_NUMERIC(exact_sum_result(&s.exact[which]));
}

PG_FUNCTION_INFO_V1(deal_summary_weighted_pipeline);
Datum
deal_summary_weighted_pipeline(PG_FUNCTION_ARGS)
{
	return deal_sum_numeric(fcinfo, DEAL_WEIGHTED_PIPELINE);
}

PG_FUNCTION_INFO_V1(deal_summary_open_pipeline);
Datum
deal_summary_open_pipeline(PG_FUNCTION_ARGS)
{
	return deal_sum_numeric(fcinfo, DEAL_OPEN_PIPELINE);
}

PG_FUNCTION_INFO_V1(deal_summary_won_amount);
Datum
deal_summary_won_amount(PG_FUNCTION_ARGS)
{
	return deal_sum_numeric(fcinfo, DEAL_WON_AMOUNT);
}

PG_FUNCTION_INFO_V1(deal_summary_lost_amount);
Datum
deal_summary_lost_amount(PG_FUNCTION_ARGS)
{
	return deal_sum_numeric(fcinfo, DEAL_LOST_AMOUNT);
}

PG_FUNCTION_INFO_V1(deal_summary_open_deals);
Datum
deal_summary_open_deals(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_DEAL_SUMMARY_P(0)->open_deals);
}

PG_FUNCTION_INFO_V1(deal_summary_won_deals);
Datum
deal_summary_won_deals(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_DEAL_SUMMARY_P(0)->won_deals);
}

PG_FUNCTION_INFO_V1(deal_summary_lost_deals);
Datum
deal_summary_lost_deals(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_DEAL_SUMMARY_P(0)->lost_deals);
}

/* deals closed before they were created: left out of the cycle measures */
PG_FUNCTION_INFO_V1(deal_summary_backdated_deals);
Datum
deal_summary_backdated_deals(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_DEAL_SUMMARY_P(0)->backdated_deals);
}

PG_FUNCTION_INFO_V1(deal_summary_win_rate);
Datum
deal_summary_win_rate(PG_FUNCTION_ARGS)
{
	DealSummary *summary = PG_GETARG_DEAL_SUMMARY_P(0);
	int128		closed = (int128) summary->won_deals + summary->lost_deals;	/* each may be near 2^63 */

	if (closed == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((float8) summary->won_deals / (float8) closed);
}

/* won amount / (won + lost amount), as value_win_rate(won, amount) */
PG_FUNCTION_INFO_V1(deal_summary_value_win_rate);
Datum
deal_summary_value_win_rate(PG_FUNCTION_ARGS)
{
	DealParts s;
	ExactSum	closed;
	bool		isnull;
	float8		ratio;

	deal_arg(fcinfo, &s);
	if (s.sum_deals[DEAL_WON_AMOUNT] == 0 && s.sum_deals[DEAL_LOST_AMOUNT] == 0)
		PG_RETURN_NULL();
	if (s.kind == SUMMARY_FLOAT8)
		ratio = float8_sum_ratio(s.approx[DEAL_WON_AMOUNT],
								 float8_pl(s.approx[DEAL_WON_AMOUNT], s.approx[DEAL_LOST_AMOUNT]),
								 &isnull);
	else
	{
		exact_sum_init(&closed);
		exact_sum_merge(&closed, &s.exact[DEAL_WON_AMOUNT], CurrentMemoryContext);
		exact_sum_merge(&closed, &s.exact[DEAL_LOST_AMOUNT], CurrentMemoryContext);
		ratio = exact_sum_ratio(&s.exact[DEAL_WON_AMOUNT], &closed, &isnull);
	}
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(ratio);
}

/* won amount / won deals with an amount, as avg(amount) FILTER (WHERE won) */
PG_FUNCTION_INFO_V1(deal_summary_avg_deal_size);
Datum
deal_summary_avg_deal_size(PG_FUNCTION_ARGS)
{
	DealParts s;
	int64		deals;

	deal_arg(fcinfo, &s);
	deals = s.sum_deals[DEAL_WON_AMOUNT];
	if (deals == 0)
		PG_RETURN_NULL();
	if (s.kind == SUMMARY_FLOAT8)
		return DirectFunctionCall1(float8_numeric,
								   Float8GetDatum(s.approx[DEAL_WON_AMOUNT] / (float8) deals));
	PG_RETURN_NUMERIC(numeric_div_opt_error(exact_sum_result(&s.exact[DEAL_WON_AMOUNT]),
											salesops_numeric_from_int64(deals), NULL));
}

/* Σ days and Σ deals of the histogram (exact: int128 cannot overflow here). */
static void
cycle_totals(const DealParts *s, int128 *days, int64 *deals)
{
	*days = 0;
	*deals = 0;
	for (int i = 0; i < s->bins_used; i++)
	{
		CHECK_FOR_INTERRUPTS();
		*days += (int128) s->bins[i].days * s->bins[i].deals;
		*deals += s->bins[i].deals;
	}
}

PG_FUNCTION_INFO_V1(deal_summary_avg_sales_cycle);
Datum
deal_summary_avg_sales_cycle(PG_FUNCTION_ARGS)
{
	DealParts s;
	int128		days;
	int64		deals;

	deal_arg(fcinfo, &s);
	cycle_totals(&s, &days, &deals);
	if (deals == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((float8) days / (float8) deals);
}

/*
 * The cycle at fraction p of the won deals, as percentile_cont(p): the
 * value at rank p x (n - 1), interpolated between its two neighbours.
 */
static float8
cycle_percentile(const DealParts *s, int64 deals, float8 fraction)
{
	float8		position = fraction * (float8) (deals - 1);

	/*
	 * Ranks as float8: exact below 2^53 deals, and no out-of-range cast to
	 * int64 for the hand-made histograms of ~2^63 deals text input accepts.
	 */
	float8		lower_rank = floor(position);
	float8		upper_rank = ceil(position);
	float8		lower = 0,
				upper = 0;
	int64		seen = 0;

	for (int i = 0; i < s->bins_used; i++)
	{
		CHECK_FOR_INTERRUPTS();
		seen += s->bins[i].deals;
		if ((float8) seen > lower_rank && lower_rank >= (float8) (seen - s->bins[i].deals))
			lower = s->bins[i].days;
		if ((float8) seen > upper_rank)
		{
			upper = s->bins[i].days;
			break;
		}
	}
	return lower + (upper - lower) * (position - lower_rank);
}

static void
check_percentile(float8 fraction)
{
	if (!(fraction >= 0.0 && fraction <= 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("percentile value %s is not between 0 and 1", float8out_internal(fraction))));
}

PG_FUNCTION_INFO_V1(deal_summary_median_sales_cycle);
Datum
deal_summary_median_sales_cycle(PG_FUNCTION_ARGS)
{
	DealParts s;
	int128		days;
	int64		deals;

	deal_arg(fcinfo, &s);
	cycle_totals(&s, &days, &deals);
	if (deals == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(cycle_percentile(&s, deals, 0.5));
}

PG_FUNCTION_INFO_V1(deal_summary_sales_cycle_percentile);
Datum
deal_summary_sales_cycle_percentile(PG_FUNCTION_ARGS)
{
	DealParts s;
	int128		days;
	int64		deals;
	float8		fraction = PG_GETARG_FLOAT8(1);

	check_percentile(fraction);
	deal_arg(fcinfo, &s);
	cycle_totals(&s, &days, &deals);
	if (deals == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(cycle_percentile(&s, deals, fraction));
}

/*
 * Sales velocity per day: open deals x win rate x average deal size / average
 * cycle = open x won amount x cycle deals / (closed x Σ cycle days), divided
 * once from exact parts (kpi-definitions.md section 7).
 */
PG_FUNCTION_INFO_V1(deal_summary_sales_velocity);
Datum
deal_summary_sales_velocity(PG_FUNCTION_ARGS)
{
	DealParts s;
	int128		days;
	int64		cycle_deals;
	int128		closed;			/* won + lost: each may be near 2^63 */
	ExactSum	numerator;
	ExactSum	denominator;
	Numeric		won_amount;
	bool		isnull;
	float8		velocity;

	deal_arg(fcinfo, &s);
	cycle_totals(&s, &days, &cycle_deals);
	closed = (int128) s.won_deals + s.lost_deals;
	if (closed == 0 || s.won_deals == 0 || s.sum_deals[DEAL_WON_AMOUNT] == 0 ||
		cycle_deals == 0 || days == 0)
		PG_RETURN_NULL();
	if (s.open_deals == 0)
		PG_RETURN_FLOAT8(0.0);

	if (s.kind == SUMMARY_FLOAT8)
		PG_RETURN_FLOAT8(s.approx[DEAL_WON_AMOUNT] * (float8) s.open_deals * (float8) cycle_deals /
						 ((float8) closed * (float8) days));
	won_amount = numeric_mul_opt_error(exact_sum_result(&s.exact[DEAL_WON_AMOUNT]),
									   salesops_numeric_from_int64(s.open_deals), NULL);
	won_amount = numeric_mul_opt_error(won_amount, salesops_numeric_from_int64(cycle_deals), NULL);
	exact_sum_init(&numerator);
	exact_sum_add_numeric(&numerator, won_amount, CurrentMemoryContext);
	exact_sum_init(&denominator);
	exact_sum_add_numeric(&denominator,
						  numeric_mul_opt_error(scaled_int128_to_numeric(closed, 0),
												scaled_int128_to_numeric(days, 0), NULL),
						  CurrentMemoryContext);
	velocity = exact_sum_ratio(&numerator, &denominator, &isnull);
	if (isnull)
		PG_RETURN_NULL();			/* a non-positive won amount */
	PG_RETURN_FLOAT8(velocity);
}

/* sales_velocity(open deals, win rate, avg deal size, cycle days): inputs from any windows */
PG_FUNCTION_INFO_V1(sales_velocity_scalar);
Datum
sales_velocity_scalar(PG_FUNCTION_ARGS)
{
	int64		deals = PG_GETARG_INT64(0);
	float8		win_rate = PG_GETARG_FLOAT8(1);
	float8		deal_size = salesops_numeric_float8(PG_GETARG_NUMERIC(2));
	float8		cycle_days = PG_GETARG_FLOAT8(3);

	if (deals < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("number of open deals cannot be negative")));
	if (!(win_rate >= 0.0 && win_rate <= 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("win rate \"%s\" is out of range", float8out_internal(win_rate)),
				 errdetail("A win rate is a fraction from 0 to 1."),
				 errhint("Divide percentages by 100.")));
	if (!(cycle_days >= 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("sales cycle \"%s\" is out of range", float8out_internal(cycle_days)),
				 errdetail("The sales cycle is a number of days, zero or more.")));
	if (cycle_days == 0.0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((float8) deals * win_rate * deal_size / cycle_days);
}

/*
 * avg_sales_cycle(created_at, closed_at): a {days, deals} int8[2] state,
 * STRICT with INITCOND '{0,0}' (NULL dates skip the row, a back-dated deal
 * is left out); exact inverse for moving windows.
 */
static inline ArrayType *
cycle_pair(FunctionCallInfo fcinfo, int argno, bool for_update)
{
	return salesops_array_pair(fcinfo, argno, INT8OID, for_update, "sales cycle");
}

static Datum
sales_cycle_avg_step(FunctionCallInfo fcinfo, int direction, bool timestamptz)
{
	ArrayType  *state = cycle_pair(fcinfo, 0, true);
	int64	   *totals = (int64 *) ARR_DATA_PTR(state);
	int32		days;

	/* days < 2^23 per deal: the total overflows only past 10^12 deals */
	if (deal_cycle(fcinfo, 1, timestamptz, &days))
	{
		totals[0] += direction * (int64) days;
		totals[1] += direction;
	}
	PG_RETURN_ARRAYTYPE_P(state);
}

PG_FUNCTION_INFO_V1(sales_cycle_avg_trans);
Datum
sales_cycle_avg_trans(PG_FUNCTION_ARGS)
{
	return sales_cycle_avg_step(fcinfo, 1, false);
}

PG_FUNCTION_INFO_V1(sales_cycle_avg_inv);
Datum
sales_cycle_avg_inv(PG_FUNCTION_ARGS)
{
	return sales_cycle_avg_step(fcinfo, -1, false);
}

PG_FUNCTION_INFO_V1(sales_cycle_avg_tstz_trans);
Datum
sales_cycle_avg_tstz_trans(PG_FUNCTION_ARGS)
{
	return sales_cycle_avg_step(fcinfo, 1, true);
}

PG_FUNCTION_INFO_V1(sales_cycle_avg_tstz_inv);
Datum
sales_cycle_avg_tstz_inv(PG_FUNCTION_ARGS)
{
	return sales_cycle_avg_step(fcinfo, -1, true);
}

PG_FUNCTION_INFO_V1(sales_cycle_avg_combine);
Datum
sales_cycle_avg_combine(PG_FUNCTION_ARGS)
{
	ArrayType  *into = cycle_pair(fcinfo, 0, true);
	int64	   *from = (int64 *) ARR_DATA_PTR(cycle_pair(fcinfo, 1, false));

	((int64 *) ARR_DATA_PTR(into))[0] += from[0];
	((int64 *) ARR_DATA_PTR(into))[1] += from[1];
	PG_RETURN_ARRAYTYPE_P(into);
}

PG_FUNCTION_INFO_V1(sales_cycle_avg_final);
Datum
sales_cycle_avg_final(PG_FUNCTION_ARGS)
{
	int64	   *totals = (int64 *) ARR_DATA_PTR(cycle_pair(fcinfo, 0, false));

	if (totals[1] <= 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((float8) totals[0] / (float8) totals[1]);
}

/* ---------- deal size, one step ---------- */

/*
 * avg_deal_size(won, amount): the won rows' amounts into a deal_summary
 * (the state; its final function is the accessor avg_deal_size, so the
 * result is avg(amount) FILTER (WHERE won) exactly, and parallel and
 * distributed plans combine it as any deal_summary).  Other rows are
 * skipped.
 */
static Datum
deal_size_add_row(FunctionCallInfo fcinfo, SummaryKind kind)
{
	DealSummary *summary;

	if (PG_ARGISNULL(1) || !PG_GETARG_BOOL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	summary = PG_ARGISNULL(0) ? deal_new(kind) : deal_writable(fcinfo, 0);
	summary_check_kind(summary->kind, kind, &deal_type);
	summary->won_deals++;
	if (kind == SUMMARY_NUMERIC)
		PG_RETURN_POINTER(deal_add_amount(summary, DEAL_WON_AMOUNT, money_arg(fcinfo, 2)));
	summary->sum_deals[DEAL_WON_AMOUNT]++;
	summary->sums.approx[DEAL_WON_AMOUNT] = float8_pl(summary->sums.approx[DEAL_WON_AMOUNT],
													  PG_GETARG_FLOAT8(2));
	PG_RETURN_POINTER(summary);
}

PG_FUNCTION_INFO_V1(deal_size_trans);
Datum
deal_size_trans(PG_FUNCTION_ARGS)
{
	return deal_size_add_row(fcinfo, SUMMARY_NUMERIC);
}

PG_FUNCTION_INFO_V1(deal_size_float8_trans);
Datum
deal_size_float8_trans(PG_FUNCTION_ARGS)
{
	return deal_size_add_row(fcinfo, SUMMARY_FLOAT8);
}

/*
 * Moving windows of avg_deal_size (numeric amounts): an ExactWindowSum of
 * the won amounts, whose inverse keeps the display scale a fresh average
 * of the frame would have (exact.h).
 */
static Datum
deal_size_window_row(FunctionCallInfo fcinfo, const char *funcname, int direction)
{
	MemoryContext aggcontext = salesops_aggcontext(fcinfo, funcname);
	ExactWindowSum *window = PG_ARGISNULL(0) ? exact_window_new(aggcontext)
		: (ExactWindowSum *) PG_GETARG_POINTER(0);
	Money		amount;
	ScaledValue scaled;

	if (PG_ARGISNULL(1) || !PG_GETARG_BOOL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(window);
	amount = money_arg(fcinfo, 2);
	if (money_classify(amount, &scaled) == NUMERIC_CLASS_SCALED)
	{
		if (direction > 0)
			exact_window_add_scaled(window, scaled.digits, scaled.scale, aggcontext);
		else if (!exact_window_remove_scaled(window, scaled.digits, scaled.scale))
			PG_RETURN_NULL();
	}
	else if (direction > 0)
		exact_window_add_numeric(window, money_numeric(amount), aggcontext);
	else
		PG_RETURN_NULL();
	PG_RETURN_POINTER(window);
}

PG_FUNCTION_INFO_V1(deal_size_moving_trans);
Datum
deal_size_moving_trans(PG_FUNCTION_ARGS)
{
	return deal_size_window_row(fcinfo, "deal_size_moving_trans", 1);
}

PG_FUNCTION_INFO_V1(deal_size_moving_inv);
Datum
deal_size_moving_inv(PG_FUNCTION_ARGS)
{
	return deal_size_window_row(fcinfo, "deal_size_moving_inv", -1);
}

/* Σ / deals as avg(numeric) divides; NULL for a frame without a won amount */
PG_FUNCTION_INFO_V1(deal_size_moving_final);
Datum
deal_size_moving_final(PG_FUNCTION_ARGS)
{
	ExactWindowSum *window = (ExactWindowSum *) PG_GETARG_POINTER(0);

	if (window->rows == 0)
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(numeric_div_opt_error(exact_sum_result(&window->sum),
											salesops_numeric_from_int64(window->rows), NULL));
}

/*
 * median_deal_size(won, amount): the median of the won rows' amounts, as
 * percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) FILTER (WHERE won)
 * orders and picks them: the middle amount, or the two middle ones'
 * midpoint.  Numeric amounts give the exact numeric midpoint ((a + b) x
 * 0.5, one more decimal than a + b); float8 amounts give percentile_cont's
 * own float8 a + (b - a) x 0.5.
 *
 * The state keeps every won amount: a numeric one as a ScaledValue (16
 * bytes) when it has at most 18 digits, otherwise (wider, rare) as a
 * numeric; NaN and infinities as counts, in numeric's order (-Infinity,
 * finite, Infinity, NaN).  The final function sorts a copy (n log n).  A
 * group holds at most DEAL_SIZE_MAX_AMOUNTS won amounts, serially and in
 * parallel alike (the serialized state, 9 bytes per amount, stays below
 * 1 GB).
 */
typedef struct DealSizeMedian
{
	SummaryKind kind;
	int64		count;			/* scaled[] or approx[] in use */
	int64		allocated;
	ScaledValue *scaled;		/* numeric */
	float8	   *approx;			/* float8 */
	int64		wide_count;		/* numeric only: wider than a ScaledValue */
	int64		wide_allocated;
	Numeric    *wide;
	int64		ninf_count;
	int64		pinf_count;
	int64		nan_count;
} DealSizeMedian;

#define DEAL_SIZE_MAX_AMOUNTS ((int64) (MaxAllocSize / sizeof(ScaledValue)))
#define DEAL_SIZE_INITIAL_AMOUNTS 16

static void
deal_size_too_many(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("too many won deals for median_deal_size"),
			 errdetail("One group holds at most " INT64_FORMAT " won amounts.", DEAL_SIZE_MAX_AMOUNTS),
			 errhint("Compute the median over smaller groups, for example per team or per quarter.")));
}

static DealSizeMedian *
deal_size_median_new(SummaryKind kind, MemoryContext aggcontext)
{
	DealSizeMedian *state = MemoryContextAllocZero(aggcontext, sizeof(DealSizeMedian));

	state->kind = kind;
	return state;
}

/* Room for 'extra' more values in scaled[] or approx[] (doubling). */
static void
deal_size_reserve(DealSizeMedian *state, int64 extra, MemoryContext aggcontext)
{
	int64		needed = state->count + extra;
	Size		width = state->kind == SUMMARY_FLOAT8 ? sizeof(float8) : sizeof(ScaledValue);
	void	   *values = state->kind == SUMMARY_FLOAT8 ? (void *) state->approx : (void *) state->scaled;

	if (needed + state->wide_count > DEAL_SIZE_MAX_AMOUNTS)
		deal_size_too_many();
	if (needed <= state->allocated)
		return;
	state->allocated = Min(Max(needed, Max(2 * state->allocated, DEAL_SIZE_INITIAL_AMOUNTS)),
						   DEAL_SIZE_MAX_AMOUNTS);
	values = values ? repalloc(values, state->allocated * width)
		: MemoryContextAlloc(aggcontext, state->allocated * width);
	if (state->kind == SUMMARY_FLOAT8)
		state->approx = values;
	else
		state->scaled = values;
}

static void
deal_size_add_wide(DealSizeMedian *state, Numeric value, MemoryContext aggcontext)
{
	if (state->count + state->wide_count >= DEAL_SIZE_MAX_AMOUNTS)
		deal_size_too_many();
	if (state->wide_count == state->wide_allocated)
	{
		state->wide_allocated = Max(2 * state->wide_allocated, 4);
		state->wide = state->wide ? repalloc(state->wide, state->wide_allocated * sizeof(Numeric))
			: MemoryContextAlloc(aggcontext, state->wide_allocated * sizeof(Numeric));
	}
	state->wide[state->wide_count++] = numeric_copy_to(value, aggcontext);
}

/* One numeric won amount, by its class. */
static void
deal_size_add_numeric(DealSizeMedian *state, NumericClass class, const ScaledValue *scaled,
					  Numeric value, MemoryContext aggcontext)
{
	switch (class)
	{
		case NUMERIC_CLASS_SCALED:
			deal_size_reserve(state, 1, aggcontext);
			state->scaled[state->count++] = *scaled;
			break;
		case NUMERIC_CLASS_WIDE:
			deal_size_add_wide(state, value, aggcontext);
			break;
		case NUMERIC_CLASS_NAN:
			state->nan_count++;
			break;
		case NUMERIC_CLASS_PINF:
			state->pinf_count++;
			break;
		case NUMERIC_CLASS_NINF:
			state->ninf_count++;
			break;
	}
}

static Datum
deal_size_median_add_row(FunctionCallInfo fcinfo, SummaryKind kind, const char *funcname)
{
	MemoryContext aggcontext = salesops_aggcontext(fcinfo, funcname);
	DealSizeMedian *state = PG_ARGISNULL(0) ? NULL : (DealSizeMedian *) PG_GETARG_POINTER(0);

	if (!PG_ARGISNULL(1) && PG_GETARG_BOOL(1) && !PG_ARGISNULL(2))
	{
		if (state == NULL)
			state = deal_size_median_new(kind, aggcontext);
		if (kind == SUMMARY_FLOAT8)
		{
			deal_size_reserve(state, 1, aggcontext);
			state->approx[state->count++] = PG_GETARG_FLOAT8(2);
		}
		else
		{
			Money		amount = money_arg(fcinfo, 2);
			ScaledValue scaled;
			NumericClass class = money_classify(amount, &scaled);

			deal_size_add_numeric(state, class, &scaled,
								  class == NUMERIC_CLASS_WIDE ? money_numeric(amount) : NULL, aggcontext);
		}
	}
	if (state == NULL)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(deal_size_median_trans);
Datum
deal_size_median_trans(PG_FUNCTION_ARGS)
{
	return deal_size_median_add_row(fcinfo, SUMMARY_NUMERIC, "deal_size_median_trans");
}

PG_FUNCTION_INFO_V1(deal_size_median_float8_trans);
Datum
deal_size_median_float8_trans(PG_FUNCTION_ARGS)
{
	return deal_size_median_add_row(fcinfo, SUMMARY_FLOAT8, "deal_size_median_float8_trans");
}

/* Merge 'from' into 'into' (same kind: one aggregate's states). */
static void
deal_size_median_merge(DealSizeMedian *into, const DealSizeMedian *from, MemoryContext aggcontext)
{
	deal_size_reserve(into, from->count, aggcontext);
	if (from->count > 0)
	{
		if (into->kind == SUMMARY_FLOAT8)
			memcpy(into->approx + into->count, from->approx, from->count * sizeof(float8));
		else
			memcpy(into->scaled + into->count, from->scaled, from->count * sizeof(ScaledValue));
	}
	into->count += from->count;
	for (int64 i = 0; i < from->wide_count; i++)
	{
		CHECK_FOR_INTERRUPTS();
		deal_size_add_wide(into, from->wide[i], aggcontext);
	}
	into->ninf_count += from->ninf_count;
	into->pinf_count += from->pinf_count;
	into->nan_count += from->nan_count;
}

PG_FUNCTION_INFO_V1(deal_size_median_combine);
Datum
deal_size_median_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = salesops_aggcontext(fcinfo, "deal_size_median_combine");
	DealSizeMedian *into = PG_ARGISNULL(0) ? NULL : (DealSizeMedian *) PG_GETARG_POINTER(0);
	DealSizeMedian *from = PG_ARGISNULL(1) ? NULL : (DealSizeMedian *) PG_GETARG_POINTER(1);

	if (from == NULL)
		PG_RETURN_POINTER(into);
	if (into == NULL)
		into = deal_size_median_new(from->kind, aggcontext);
	deal_size_median_merge(into, from, aggcontext);
	PG_RETURN_POINTER(into);
}

/*
 * Serialized: kind, the special counts, then each scaled value as its
 * digits and scale (or each float8), then each wide value as text.
 */
PG_FUNCTION_INFO_V1(deal_size_median_serialize);
Datum
deal_size_median_serialize(PG_FUNCTION_ARGS)
{
	DealSizeMedian *state = (DealSizeMedian *) PG_GETARG_POINTER(0);
	StringInfoData buf;

	salesops_begin_state(&buf);
	pq_sendbyte(&buf, (uint8) state->kind);
	pq_sendint64(&buf, state->ninf_count);
	pq_sendint64(&buf, state->pinf_count);
	pq_sendint64(&buf, state->nan_count);
	pq_sendint64(&buf, state->count);
	for (int64 i = 0; i < state->count; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (state->kind == SUMMARY_FLOAT8)
			pq_sendfloat8(&buf, state->approx[i]);
		else
		{
			pq_sendint64(&buf, state->scaled[i].digits);
			pq_sendbyte(&buf, (uint8) state->scaled[i].scale);
		}
	}
	pq_sendint64(&buf, state->wide_count);
	for (int64 i = 0; i < state->wide_count; i++)
	{
		CHECK_FOR_INTERRUPTS();
		pq_sendstring(&buf, salesops_numeric_out(state->wide[i]));
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static void
deal_size_bad_state(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid serialized state of median_deal_size")));
}

PG_FUNCTION_INFO_V1(deal_size_median_deserialize);
Datum
deal_size_median_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = salesops_aggcontext(fcinfo, "deal_size_median_deserialize");
	StringInfoData buf;
	DealSizeMedian *state;
	int			kind;
	int64		count;

	salesops_begin_read(&buf, PG_GETARG_BYTEA_PP(0), "median_deal_size state");
	kind = pq_getmsgbyte(&buf);
	if (kind != SUMMARY_NUMERIC && kind != SUMMARY_FLOAT8)
		deal_size_bad_state();
	state = deal_size_median_new((SummaryKind) kind, aggcontext);
	state->ninf_count = pq_getmsgint64(&buf);
	state->pinf_count = pq_getmsgint64(&buf);
	state->nan_count = pq_getmsgint64(&buf);
	count = pq_getmsgint64(&buf);
	if (state->ninf_count < 0 || state->pinf_count < 0 || state->nan_count < 0 ||
		count < 0 || count > (buf.len - buf.cursor) / (int64) sizeof(float8))
		deal_size_bad_state();
	deal_size_reserve(state, count, aggcontext);
	for (int64 i = 0; i < count; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (state->kind == SUMMARY_FLOAT8)
			state->approx[i] = pq_getmsgfloat8(&buf);
		else
		{
			state->scaled[i].digits = pq_getmsgint64(&buf);
			state->scaled[i].scale = pq_getmsgbyte(&buf);
			if (state->scaled[i].scale > SCALED_MAX_SCALE)
				deal_size_bad_state();
		}
	}
	state->count = count;
	count = pq_getmsgint64(&buf);
	if (count < 0 || count > buf.len - buf.cursor)
		deal_size_bad_state();
	for (int64 i = 0; i < count; i++)
	{
		CHECK_FOR_INTERRUPTS();
		deal_size_add_wide(state, salesops_numeric_in(pq_getmsgstring(&buf)), aggcontext);
	}
	salesops_end_read(&buf);
	PG_RETURN_POINTER(state);
}

/* Scaled values in numeric order: cross-multiplied in int128 (< 10^36). */
static int
scaled_value_cmp(const void *a, const void *b)
{
	const ScaledValue *x = a;
	const ScaledValue *y = b;
	int			scale = Max(x->scale, y->scale);
	int128		xv = (int128) x->digits * scaled_powers_of_ten[scale - x->scale];
	int128		yv = (int128) y->digits * scaled_powers_of_ten[scale - y->scale];

	return (xv > yv) - (xv < yv);
}

static int
numeric_pointer_cmp(const void *a, const void *b)
{
	return salesops_numeric_cmp(*(const Numeric *) a, *(const Numeric *) b);
}

static int
float8_value_cmp(const void *a, const void *b)
{
	return float8_cmp_internal(*(const float8 *) a, *(const float8 *) b);
}

/*
 * The finite numeric amounts sorted: returned as numerics when some are
 * wide (rare), else sorted in place as ScaledValues (NULL returned).
 */
static Numeric *
deal_size_sorted_finite(DealSizeMedian *state)
{
	Numeric    *all;
	int64		n = state->count + state->wide_count;

	if (state->wide_count == 0)
	{
		qsort(state->scaled, state->count, sizeof(ScaledValue), scaled_value_cmp);
		return NULL;
	}
	all = palloc_extended(n * sizeof(Numeric), MCXT_ALLOC_HUGE);
	for (int64 i = 0; i < state->count; i++)
	{
		CHECK_FOR_INTERRUPTS();
		all[i] = scaled_int128_to_numeric(state->scaled[i].digits, state->scaled[i].scale);
	}
	memcpy(all + state->count, state->wide, state->wide_count * sizeof(Numeric));
	qsort(all, n, sizeof(Numeric), numeric_pointer_cmp);
	return all;
}

/* The k-th (from 0) numeric won amount in numeric order. */
static Numeric
deal_size_nth(const DealSizeMedian *state, const Numeric *finite, int64 k)
{
	int64		finite_count = state->count + state->wide_count;

	if (k < state->ninf_count)
		return salesops_numeric_in("-Infinity");
	k -= state->ninf_count;
	if (k < finite_count)
		return finite ? finite[k] : scaled_int128_to_numeric(state->scaled[k].digits, state->scaled[k].scale);
	k -= finite_count;
	return salesops_numeric_in(k < state->pinf_count ? "Infinity" : "NaN");
}

/*
 * The median.  Sorting happens in place in the state (the final function
 * may run again on it, for a window: the order does not matter to anyone
 * else), so repeated calls cost n log n on sorted input at most.
 */
PG_FUNCTION_INFO_V1(deal_size_median_final);
Datum
deal_size_median_final(PG_FUNCTION_ARGS)
{
	DealSizeMedian *state = (DealSizeMedian *) PG_GETARG_POINTER(0);
	int64		total = state->ninf_count + state->count + state->wide_count +
		state->pinf_count + state->nan_count;
	int64		low = (total - 1) / 2;
	int64		high = total / 2;

	if (state->kind == SUMMARY_FLOAT8)
	{
		float8		a;
		float8		b;

		if (state->count == 0)
			PG_RETURN_NULL();
		qsort(state->approx, state->count, sizeof(float8), float8_value_cmp);
		a = state->approx[(state->count - 1) / 2];
		b = state->approx[state->count / 2];
		/* percentile_cont's interpolation, bit for bit */
		PG_RETURN_FLOAT8(state->count % 2 ? a : a + (b - a) * 0.5);
	}
	else
	{
		Numeric    *finite;
		Numeric		a;
		Numeric		b;

		if (total == 0)
			PG_RETURN_NULL();
		finite = deal_size_sorted_finite(state);
		a = deal_size_nth(state, finite, low);
		if (low == high)
			PG_RETURN_NUMERIC(a);
		b = deal_size_nth(state, finite, high);
		PG_RETURN_NUMERIC(numeric_mul_opt_error(numeric_add_opt_error(a, b, NULL),
												salesops_numeric_in("0.5"), NULL));
	}
}

/* ---------- equality and ordering ---------- */

/*
 * Two deal_summary values are equal when their parts are (summary.h): kind,
 * the open, won, lost and back-dated deal counts, the rows each sum covers,
 * the four money sums of their kind, and the cycle histogram bin by bin
 * (bins are sorted by days and hold at least one deal each, so equal
 * histograms have equal bins; the spare capacity of a transition state is
 * not compared).  The order is lexicographic in that order, a shorter
 * histogram first.
 */
static int
deal_compare(Datum a, Datum b)
{
	DealParts	x;
	DealParts	y;
	int			order;

	deal_unpack(deal_checked(PG_DETOAST_DATUM(a)), &x);
	deal_unpack(deal_checked(PG_DETOAST_DATUM(b)), &y);
	order = summary_cmp_int64(x.kind, y.kind);
	if (order == 0)
		order = summary_cmp_int64(x.open_deals, y.open_deals);
	if (order == 0)
		order = summary_cmp_int64(x.won_deals, y.won_deals);
	if (order == 0)
		order = summary_cmp_int64(x.lost_deals, y.lost_deals);
	if (order == 0)
		order = summary_cmp_int64(x.backdated_deals, y.backdated_deals);
	for (int i = 0; i < DEAL_SUMS && order == 0; i++)
		order = summary_cmp_int64(x.sum_deals[i], y.sum_deals[i]);
	if (order == 0)
		order = summary_cmp_sums(x.kind, DEAL_SUMS, x.exact, x.approx, y.exact, y.approx);
	if (order == 0)
		order = summary_cmp_int64(x.bins_used, y.bins_used);
	for (int i = 0; i < x.bins_used && order == 0; i++)
	{
		CHECK_FOR_INTERRUPTS();
		order = summary_cmp_int64(x.bins[i].days, y.bins[i].days);
		if (order == 0)
			order = summary_cmp_int64(x.bins[i].deals, y.bins[i].deals);
	}
	return order;
}

/* The same parts, hashed as their types hash (equal values hash alike). */
static uint32
deal_hash(Datum value)
{
	DealParts	x;
	uint32		hash;

	deal_unpack(deal_checked(PG_DETOAST_DATUM(value)), &x);
	hash = summary_hash_int64(0, x.kind);
	hash = summary_hash_int64(hash, x.open_deals);
	hash = summary_hash_int64(hash, x.won_deals);
	hash = summary_hash_int64(hash, x.lost_deals);
	hash = summary_hash_int64(hash, x.backdated_deals);
	for (int i = 0; i < DEAL_SUMS; i++)
		hash = summary_hash_int64(hash, x.sum_deals[i]);
	hash = summary_hash_sums(hash, x.kind, DEAL_SUMS, x.exact, x.approx);
	hash = summary_hash_int64(hash, x.bins_used);
	for (int i = 0; i < x.bins_used; i++)
	{
		CHECK_FOR_INTERRUPTS();
		hash = summary_hash_int64(hash, x.bins[i].days);
		hash = summary_hash_int64(hash, x.bins[i].deals);
	}
	return hash;
}

/* deal_summary_eq, _ne, _lt, _le, _gt, _ge, _cmp and _hash */
SUMMARY_ORDERING_FUNCTIONS(deal_summary, deal_compare, deal_hash)
