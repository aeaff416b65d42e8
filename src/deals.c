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
 *     amount -- exact sums of numeric amounts, or exact sums of float8
 *     amounts (float_sum.h: the same bit for bit on any plan), rounded once;
 *   - the sales cycle of won deals as an exact histogram: sorted (days,
 *     deals) pairs.  Cycle lengths are whole days, so the median and every
 *     percentile are exact and histograms merge exactly;
 *   - the won amounts as an exact histogram of (amount, deals), for the
 *     median deal size (format 3);
 *   - the back-dated deals: those whose close date is before their created
 *     date (entered after the fact, common in CRM exports).  They count as
 *     deals everywhere but in the cycle measures, and do not stop the report.
 *
 * Dates come as date or timestamptz (timestamp arguments take PostgreSQL's
 * implicit cast to timestamptz); a timestamptz is taken as its date in the
 * session's time zone, so those transition functions are STABLE.
 *
 * Format 3 (0.7.0) added the won amounts and made the sums of float8
 * amounts exact (FloatSumCore slots where format 1 had float8 running
 * sums), format 2 (0.7.0 development) backdated_deals; values of formats 1
 * (0.3.0 to 0.6.0) and 2 are read as format 3 with their won amounts
 * unknown (when they have any), for format 1 no back-dated deal, and their
 * float8 sums as one-term exact sums.
 *
 * The aggregates collect into an expanded-object transition state (see
 * "the transition state") and write the stored form once.
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
#include "utils/expandeddatum.h"
#include "utils/float.h"
#include "utils/fmgrprotos.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "day_histogram.h"
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

/*
 * One won-amount bin: how many won deals had this amount.  Numeric amounts
 * of up to 18 digits at scale <= 18 are digits / 10^scale (100.00 and 100
 * are two bins: each keeps its display scale), NaN and the infinities a
 * negative scale (AMOUNT_NINF and so on); float8 amounts are the value
 * (every NaN the same one).
 */
typedef struct AmountBin
{
	union
	{
		int64		digits;
		float8		value;
	}			amount;
	int32		scale;			/* numeric; 0 for float8 */
	int32		reserved;		/* zero */
	int64		deals;
} AmountBin;

/*
 * The stored summary, format 3.  After the fixed part: bins_used cycle
 * bins (sorted by days), amount_bins won-amount bins (sorted as numeric
 * sorts, then by scale: -Infinity, finite, Infinity, NaN), the spill texts
 * of the sums flagged in spill_mask, then wide_amounts NUL-terminated texts
 * of numeric won amounts wider than an AmountBin (sorted by value).
 */
typedef struct DealSummary
{
	int32		vl_len_;
	uint8		version;
	uint8		kind;			/* SummaryKind of the amount column */
	uint8		spill_mask;		/* bit i: sum i has a spill text */
	uint8		flags;			/* DEAL_AMOUNTS_UNKNOWN */
	int32		bins_used;
	int32		bins_allocated; /* == bins_used (formats 1 and 2 kept spare room) */
	int64		open_deals;
	int64		won_deals;
	int64		lost_deals;
	int64		backdated_deals;	/* closed before created: no cycle (format 2) */
	int64		sum_deals[DEAL_SUMS];	/* rows each sum covers */
	union
	{
		ExactSumCore exact[DEAL_SUMS];
		FloatSumCore approx[DEAL_SUMS]; /* format 3; float8 in formats 1 and 2 */
	}			sums;
	int64		amount_bins;	/* format 3 */
	int64		wide_amounts;	/* format 3 */
	DayBin	bins[FLEXIBLE_ARRAY_MEMBER];
} DealSummary;

/*
 * Summaries stored before format 3 kept no won amounts: read, they carry
 * this flag when they have a won amount, and so does a rollup with them.
 * median_deal_size of such a summary is an error; everything else reads.
 */
#define DEAL_AMOUNTS_UNKNOWN 0x01

/* The scale of a numeric won-amount bin holding a special value. */
#define AMOUNT_NINF (-1)
#define AMOUNT_PINF (-2)
#define AMOUNT_NAN (-3)

/* Unpacked: for I/O and accessors (bins and amounts sorted). */
typedef struct DealParts
{
	SummaryKind kind;
	bool		amounts_unknown;
	int64		open_deals;
	int64		won_deals;
	int64		lost_deals;
	int64		backdated_deals;
	int64		sum_deals[DEAL_SUMS];
	ExactSum	exact[DEAL_SUMS];
	FloatSum   *floats;			/* float8 amounts: DEAL_SUMS exact sums (else NULL) */
	float8		approx[DEAL_SUMS];	/* their values rounded once (deal_round_floats) */
	int32		bins_used;
	const DayBin *bins;
	int64		amount_bins;
	const AmountBin *amounts;
	int64		wide_amounts;
	const char *wide_texts;		/* wide_amounts NUL-terminated texts, back to back */
	Size		wide_texts_len;
} DealParts;

static const SummaryType deal_type = {"deal_summary", "amount", "the amount column", 3, 1};

#define DEAL_FIXED_SIZE offsetof(DealSummary, bins)

#define PG_GETARG_DEAL_SUMMARY_P(n) deal_checked(PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

/* The exact sums of float8 amounts: DEAL_SUMS empty ones, in 'context'. */
static FloatSum *
deal_floats_new(MemoryContext context)
{
	FloatSum   *floats = MemoryContextAlloc(context, sizeof(FloatSum) * DEAL_SUMS);

	for (int i = 0; i < DEAL_SUMS; i++)
		float_sum_init(&floats[i]);
	return floats;
}

/* approx[] from the exact float8 sums, for the checks and the accessors. */
static void
deal_round_floats(DealParts *parts)
{
	for (int i = 0; i < DEAL_SUMS; i++)
		parts->approx[i] = float_sum_result(&parts->floats[i]);
}

/* ---------- the stored summary ---------- */

/*
 * Formats 1 (0.3.0 to 0.6.0) and 2 (0.7.0 development) had no amount
 * fields: their bins began 16 bytes earlier, format 1 lacked
 * backdated_deals too, and a transition state of either (stored by a direct
 * call of the transition function) could keep spare bins, in format 2 as a
 * hash table (this bit in spill_mask).
 */
#define DEAL_OLD_BINS_HASHED 0x80
#define DEAL_FORMAT1_GAP offsetof(DealSummary, backdated_deals)
#define DEAL_FORMAT2_FIXED_SIZE offsetof(DealSummary, amount_bins)
#define DEAL_FORMAT1_FIXED_SIZE (DEAL_FORMAT2_FIXED_SIZE - sizeof(int64))

static void deal_unpack_old(const DealSummary *old, int version, DealParts *parts);
static DealSummary *deal_pack(const DealParts *parts);

/*
 * The header checked, a value of an older format converted (a copy), and
 * the regions within the value's size.
 */
static DealSummary *
deal_checked(void *value)
{
	DealSummary *summary = (DealSummary *) value;
	int			version = summary_check_header(summary, DEAL_FORMAT1_FIXED_SIZE, &deal_type);
	Size		size;

	if (version < 3)
	{
		DealParts	parts;

		deal_unpack_old(summary, version, &parts);
		return deal_pack(&parts);
	}
	size = VARSIZE(summary);
	if (size < DEAL_FIXED_SIZE || summary->bins_used < 0 || summary->bins_allocated != summary->bins_used ||
		summary->amount_bins < 0 || summary->wide_amounts < 0 ||
		(summary->flags & ~DEAL_AMOUNTS_UNKNOWN) != 0 ||
		(summary->spill_mask & ~((1 << DEAL_SUMS) - 1)) != 0 ||
		summary->amount_bins > (int64) (size / sizeof(AmountBin)) ||
		DEAL_FIXED_SIZE + sizeof(DayBin) * (Size) summary->bins_used +
		sizeof(AmountBin) * (Size) summary->amount_bins > size ||
		summary->wide_amounts > (int64) size)
		summary_corrupt(&deal_type, "The histograms do not fit the value.");
	return summary;
}

static inline const AmountBin *
deal_amounts(const DealSummary *summary)
{
	return (const AmountBin *) &summary->bins[summary->bins_used];
}

/* The parts point into 'summary' (a format 3 value, checked). */
static void
deal_unpack(const DealSummary *summary, DealParts *parts)
{
	const char *tail = (const char *) (deal_amounts(summary) + summary->amount_bins);
	const char *end = (const char *) summary + VARSIZE(summary);

	memset(parts, 0, sizeof(DealParts));
	parts->kind = summary->kind;
	parts->amounts_unknown = (summary->flags & DEAL_AMOUNTS_UNKNOWN) != 0;
	parts->open_deals = summary->open_deals;
	parts->won_deals = summary->won_deals;
	parts->lost_deals = summary->lost_deals;
	parts->backdated_deals = summary->backdated_deals;
	memcpy(parts->sum_deals, summary->sum_deals, sizeof(parts->sum_deals));
	parts->bins_used = summary->bins_used;
	parts->bins = summary->bins;
	parts->amount_bins = summary->amount_bins;
	parts->amounts = deal_amounts(summary);
	if (summary->kind == SUMMARY_NUMERIC)
	{
		summary_sums_load(DEAL_SUMS, summary->sums.exact, parts->exact);
		tail = summary_spills_read(tail, end, summary->spill_mask, parts->exact, DEAL_SUMS, &deal_type);
	}
	else
	{
		parts->floats = deal_floats_new(CurrentMemoryContext);
		summary_float_sums_load(summary->sums.approx, DEAL_SUMS, parts->floats, &deal_type);
		tail = summary_float_spills_read(tail, end, summary->spill_mask, parts->floats, DEAL_SUMS,
										 &deal_type);
		deal_round_floats(parts);
	}
	parts->wide_amounts = summary->wide_amounts;
	parts->wide_texts = tail;
	for (int64 i = 0; i < summary->wide_amounts; i++)
	{
		Size		len = strnlen(tail, end - tail);

		CHECK_FOR_INTERRUPTS();
		if (tail + len >= end)
			summary_corrupt(&deal_type, "A wide won amount is not terminated.");
		tail += len + 1;
	}
	parts->wide_texts_len = tail - parts->wide_texts;
}

/* A format 1 or 2 value's parts (copies in the current context). */
static void
deal_unpack_old(const DealSummary *old, int version, DealParts *parts)
{
	Size		fixed = version == 1 ? DEAL_FORMAT1_FIXED_SIZE : DEAL_FORMAT2_FIXED_SIZE;
	const char *base = (const char *) old;
	const DayBin *slots = (const DayBin *) (base + fixed);
	const char *sums;
	DayBin   *bins;
	int32		n = 0;

	if (old->bins_used < 0 || old->bins_allocated < old->bins_used ||
		fixed + sizeof(DayBin) * (Size) old->bins_allocated > VARSIZE(old))
		summary_corrupt(&deal_type, "The sales cycle histogram does not fit the value.");
	memset(parts, 0, sizeof(DealParts));
	parts->kind = old->kind;
	parts->open_deals = old->open_deals;
	parts->won_deals = old->won_deals;
	parts->lost_deals = old->lost_deals;
	/* format 1: everything after lost_deals sits 8 bytes earlier */
	memcpy(&parts->backdated_deals, base + DEAL_FORMAT1_GAP, sizeof(int64));
	if (version == 1)
		parts->backdated_deals = 0;
	memcpy(parts->sum_deals, base + DEAL_FORMAT1_GAP + (version == 1 ? 0 : sizeof(int64)),
		   sizeof(parts->sum_deals));
	sums = base + DEAL_FORMAT1_GAP + (version == 1 ? 0 : sizeof(int64)) + sizeof(parts->sum_deals);
	if (old->kind == SUMMARY_NUMERIC)
	{
		summary_sums_load(DEAL_SUMS, (const ExactSumCore *) sums, parts->exact);
		summary_spills_read((const char *) (slots + old->bins_allocated), base + VARSIZE(old),
							old->spill_mask & ~DEAL_OLD_BINS_HASHED, parts->exact, DEAL_SUMS, &deal_type);
	}
	else
	{
		/* float8 running sums: each one term of an exact sum */
		parts->floats = deal_floats_new(CurrentMemoryContext);
		for (int i = 0; i < DEAL_SUMS; i++)
		{
			float8		value;

			memcpy(&value, sums + i * sizeof(float8), sizeof(float8));
			float_sum_add(&parts->floats[i], value, 1);
		}
		deal_round_floats(parts);
	}

	/* the used bins (a hash table's are the slots with deals), sorted */
	bins = palloc(sizeof(DayBin) * Max(1, old->bins_used));
	for (int32 i = 0; i < old->bins_allocated; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if ((old->spill_mask & DEAL_OLD_BINS_HASHED) ? slots[i].count == 0 : i >= old->bins_used)
			continue;
		if (n == old->bins_used)
			summary_corrupt(&deal_type, "The sales cycle histogram holds more bins than it counts.");
		bins[n++] = slots[i];
	}
	if (n != old->bins_used)
		summary_corrupt(&deal_type, "The sales cycle histogram holds fewer bins than it counts.");
	if (old->spill_mask & DEAL_OLD_BINS_HASHED)
		salesops_qsort(bins, n, sizeof(DayBin), day_bin_cmp);
	parts->bins = bins;
	parts->bins_used = n;
	parts->amounts_unknown = parts->sum_deals[DEAL_WON_AMOUNT] > 0;
}

/* The stored form of 'parts' (bins and amounts sorted), in the current context. */
static DealSummary *
deal_pack(const DealParts *parts)
{
	char	   *spill_text[DEAL_SUMS] = {0};
	Size		size = DEAL_FIXED_SIZE;
	Size		spills = 0;
	DealSummary *summary;
	char	   *tail;

	FloatSumCore float_cores[DEAL_SUMS];

	if (parts->kind == SUMMARY_NUMERIC)
		spills = summary_spills_size(parts->exact, DEAL_SUMS, spill_text);
	else
		spills = summary_float_sums_store(parts->floats, DEAL_SUMS, float_cores, spill_text);
	if ((Size) parts->bins_used > (MaxAllocSize - size) / sizeof(DayBin) ||
		(Size) parts->amount_bins > (MaxAllocSize - size - sizeof(DayBin) * parts->bins_used) / sizeof(AmountBin) ||
		spills + parts->wide_texts_len > MaxAllocSize - size - sizeof(DayBin) * parts->bins_used -
		sizeof(AmountBin) * parts->amount_bins)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("deal_summary is too large"),
				 errdetail("A summary holds up to 1 GB: 16 bytes per distinct sales cycle and 24 per distinct won amount."),
				 errhint("Summarize smaller groups, for example per team or per quarter, and roll them up.")));
	size += sizeof(DayBin) * parts->bins_used + sizeof(AmountBin) * parts->amount_bins +
		spills + parts->wide_texts_len;
	summary = palloc0(size);
	SET_VARSIZE(summary, size);
	summary->version = deal_type.version;
	summary->kind = parts->kind;
	summary->flags = parts->amounts_unknown ? DEAL_AMOUNTS_UNKNOWN : 0;
	summary->bins_used = parts->bins_used;
	summary->bins_allocated = parts->bins_used;
	summary->open_deals = parts->open_deals;
	summary->won_deals = parts->won_deals;
	summary->lost_deals = parts->lost_deals;
	summary->backdated_deals = parts->backdated_deals;
	memcpy(summary->sum_deals, parts->sum_deals, sizeof(summary->sum_deals));
	if (parts->kind == SUMMARY_NUMERIC)
		summary_sums_store(DEAL_SUMS, summary->sums.exact, parts->exact);
	else
		memcpy(summary->sums.approx, float_cores, sizeof(float_cores));
	summary->amount_bins = parts->amount_bins;
	summary->wide_amounts = parts->wide_amounts;
	if (parts->bins_used > 0)
		memcpy(summary->bins, parts->bins, sizeof(DayBin) * parts->bins_used);
	if (parts->amount_bins > 0)
		memcpy((AmountBin *) deal_amounts(summary), parts->amounts, sizeof(AmountBin) * parts->amount_bins);
	tail = (char *) (deal_amounts(summary) + parts->amount_bins);
	summary->spill_mask = summary_spills_write(tail, spill_text, DEAL_SUMS);
	tail += spills;
	if (parts->wide_texts_len > 0)
		memcpy(tail, parts->wide_texts, parts->wide_texts_len);
	return summary;
}

/* ---------- won amounts in order ---------- */

/* Where a numeric bin sorts: -Infinity, finite, Infinity, NaN. */
static inline int
amount_bin_rank(const AmountBin *bin)
{
	switch (bin->scale)
	{
		case AMOUNT_NINF:
			return 0;
		case AMOUNT_PINF:
			return 2;
		case AMOUNT_NAN:
			return 3;
		default:
			return 1;
	}
}

/* Numeric amount bins as numeric sorts, then by scale (100 before 100.00). */
static int
amount_bin_numeric_cmp(const void *a, const void *b)
{
	const AmountBin *x = a;
	const AmountBin *y = b;
	int			rank = amount_bin_rank(x) - amount_bin_rank(y);
	int			scale;
	int128		xv;
	int128		yv;

	if (rank != 0 || amount_bin_rank(x) != 1)
		return (rank > 0) - (rank < 0);
	scale = Max(x->scale, y->scale);
	xv = (int128) x->amount.digits * scaled_powers_of_ten[scale - x->scale];
	yv = (int128) y->amount.digits * scaled_powers_of_ten[scale - y->scale];
	if (xv != yv)
		return xv < yv ? -1 : 1;
	return (x->scale > y->scale) - (x->scale < y->scale);
}

/* Float8 amount bins as float8 sorts (NaN last); -0 before 0. */
static int
amount_bin_float8_cmp(const void *a, const void *b)
{
	float8		x = ((const AmountBin *) a)->amount.value;
	float8		y = ((const AmountBin *) b)->amount.value;
	int			order = float8_cmp_internal(x, y);

	if (order == 0 && x == 0.0)
		order = (int) (!signbit(x)) - (int) (!signbit(y));
	return order;
}

static int
wide_text_cmp(const void *a, const void *b)
{
	return salesops_numeric_cmp(salesops_numeric_in(*(char *const *) a),
								salesops_numeric_in(*(char *const *) b));
}

/*
 * 'count' wide won amounts (NUL-terminated texts, back to back) sorted by
 * value into parts->wide_texts: equal summaries store alike.
 */
static void
sort_wide_texts(const char *texts, int64 count, DealParts *parts)
{
	const char **sorted = palloc(sizeof(char *) * count);
	StringInfoData buf;

	for (int64 i = 0; i < count; i++)
	{
		CHECK_FOR_INTERRUPTS();
		sorted[i] = texts;
		texts += strlen(texts) + 1;
	}
	salesops_qsort(sorted, count, sizeof(char *), wide_text_cmp);
	initStringInfo(&buf);
	for (int64 i = 0; i < count; i++)
		appendBinaryStringInfo(&buf, sorted[i], strlen(sorted[i]) + 1);
	parts->wide_texts = buf.data;
	parts->wide_texts_len = buf.len;
}

static Numeric
amount_bin_numeric(const AmountBin *bin)
{
	switch (bin->scale)
	{
		case AMOUNT_NINF:
			return salesops_numeric_in("-Infinity");
		case AMOUNT_PINF:
			return salesops_numeric_in("Infinity");
		case AMOUNT_NAN:
			return salesops_numeric_in("NaN");
		default:
			return scaled_int128_to_numeric(bin->amount.digits, bin->scale);
	}
}

/* A won amount that is not a wide one: its bin. */
static inline void
amount_bin_of(NumericClass class, const ScaledValue *scaled, AmountBin *bin)
{
	memset(bin, 0, sizeof(AmountBin));
	switch (class)
	{
		case NUMERIC_CLASS_NINF:
			bin->scale = AMOUNT_NINF;
			break;
		case NUMERIC_CLASS_PINF:
			bin->scale = AMOUNT_PINF;
			break;
		case NUMERIC_CLASS_NAN:
			bin->scale = AMOUNT_NAN;
			break;
		default:
			bin->amount.digits = scaled->digits;
			bin->scale = scaled->scale;
	}
}

/* ---------- the transition state ---------- */

/*
 * The summary aggregates collect into an expanded object
 * (utils/expandeddatum.h) in its own context under the aggregate context,
 * as attainment() does: the cycle histogram and the won amounts are
 * open-addressing hash tables (a power of two of slots, at most half in
 * use; an empty slot has no deal), the sums ExactSums with their spills
 * (numeric amounts) or FloatSumCores with a FloatSum each for the terms
 * they cannot hold (float8 amounts: 48 bytes a sum, so that a GROUP BY's
 * states stay small; parts.floats is unused), the wide won amounts a
 * StringInfo.  Every row and every merged summary
 * costs amortized O(1) plus its own size, in any input order; the stored
 * form (sorted, compact) is written once, by the final function or when
 * PostgreSQL flattens the state (parallel workers, disk-spilling hash
 * aggregates).
 */
typedef struct DealState
{
	ExpandedObjectHeader header;
	DealParts	parts;			/* counts, sums, kind; bins and amounts below */
	FloatSumCore float_cores[DEAL_SUMS];	/* float8 amounts */
	FloatSum   *float_spills;	/* made on the first term a core cannot hold */
	DayTable	cycles;			/* group 0 */
	AmountBin  *amount_slots;
	int64		amount_capacity;
	StringInfoData wide;		/* made on the first wide amount */
	DealSummary *flat;			/* between get_flat_size and flatten_into */
} DealState;

#define DEAL_INITIAL_SLOTS 8

static DealSummary *deal_state_pack(DealState *state);

static Size
deal_state_flat_size(ExpandedObjectHeader *header)
{
	DealState  *state = (DealState *) header;
	MemoryContext outer = MemoryContextSwitchTo(state->header.eoh_context);

	if (state->flat)
		pfree(state->flat);
	state->flat = deal_state_pack(state);
	MemoryContextSwitchTo(outer);
	return VARSIZE(state->flat);
}

static void
deal_state_flatten(ExpandedObjectHeader *header, void *result, Size allocated_size)
{
	DealState  *state = (DealState *) header;

	memcpy(result, state->flat, allocated_size);
	pfree(state->flat);
	state->flat = NULL;
}

static const ExpandedObjectMethods deal_state_methods = {
	deal_state_flat_size,
	deal_state_flatten
};

static DealState *
deal_state_new(SummaryKind kind, MemoryContext context)
{
	DealState  *state = MemoryContextAllocZero(context, sizeof(DealState));

	EOH_init_header(&state->header, &deal_state_methods, context);
	state->parts.kind = kind;
	for (int i = 0; i < DEAL_SUMS; i++)
		exact_sum_init(&state->parts.exact[i]);
	state->cycles.one_group = true;
	return state;
}

/* Count 'deals' won deals of 'days' days. */
static inline void
deal_state_add_cycle(DealState *state, int32 days, int64 deals)
{
	day_table_add(&state->cycles, 0, days, deals, state->header.eoh_context, deal_type.name);
}

static inline bool
amount_bin_same(const AmountBin *a, const AmountBin *b)
{
	return a->amount.digits == b->amount.digits && a->scale == b->scale;
}

/* The slot of 'key' in the amount table (digits and scale, or the float8's bits). */
static inline int64
amount_slot(const DealState *state, const AmountBin *key)
{
	uint64		mask = (uint64) state->amount_capacity - 1;
	uint64		hash = ((uint64) key->amount.digits ^ ((uint64) key->scale << 56)) * UINT64CONST(0x9E3779B97F4A7C15);
	uint64		slot = (hash >> 17) & mask;

	while (state->amount_slots[slot].deals != 0 && !amount_bin_same(&state->amount_slots[slot], key))
		slot = (slot + 1) & mask;
	return (int64) slot;
}

/* Count 'deals' won deals of the amount in 'key'. */
static void
deal_state_add_amount_bin(DealState *state, const AmountBin *key, int64 deals)
{
	AmountBin  *bin;

	if (2 * (state->parts.amount_bins + 1) > state->amount_capacity)
	{
		AmountBin  *old = state->amount_slots;
		int64		old_capacity = state->amount_capacity;

		if ((Size) (2 * Max(old_capacity, DEAL_INITIAL_SLOTS)) > MaxAllocSize / sizeof(AmountBin))
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("deal_summary won amounts are too many"),
					 errdetail("A summary holds at most " INT64_FORMAT " distinct won amounts.",
							   (int64) (MaxAllocSize / sizeof(AmountBin) / 2)),
					 errhint("Summarize smaller groups, for example per team or per quarter, and roll them up.")));
		state->amount_capacity = Max(DEAL_INITIAL_SLOTS, 2 * old_capacity);
		state->amount_slots = MemoryContextAllocZero(state->header.eoh_context,
													 sizeof(AmountBin) * state->amount_capacity);
		for (int64 i = 0; i < old_capacity; i++)
		{
			CHECK_FOR_INTERRUPTS();
			if (old[i].deals != 0)
				state->amount_slots[amount_slot(state, &old[i])] = old[i];
		}
		if (old)
			pfree(old);
	}
	bin = &state->amount_slots[amount_slot(state, key)];
	if (bin->deals == 0)
	{
		*bin = *key;
		bin->deals = 0;
		state->parts.amount_bins++;
	}
	bin->deals = add_counts(bin->deals, deals, deal_type.name);
}

/* 'count' wide won amounts, NUL-terminated texts back to back. */
static void
deal_state_add_wide(DealState *state, const char *texts, Size len, int64 count)
{
	if (state->wide.data == NULL)
	{
		MemoryContext outer = MemoryContextSwitchTo(state->header.eoh_context);

		initStringInfo(&state->wide);
		MemoryContextSwitchTo(outer);
	}
	if (len > MaxAllocSize - 1 - (Size) state->wide.len)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("deal_summary won amounts are too many"),
				 errdetail("The won amounts of more than 18 digits take more than 1 GB."),
				 errhint("Summarize smaller groups, for example per team or per quarter, and roll them up.")));
	appendBinaryStringInfo(&state->wide, texts, len);
	state->parts.wide_amounts += count;
}

/*
 * Add 'amount' to sum 'which' (counting the row); a won amount also goes
 * into the won-amount bins (or the wide texts).
 */
static void
deal_state_add_money(DealState *state, DealSum which, Money amount)
{
	state->parts.sum_deals[which]++;
	exact_sum_add_money(&state->parts.exact[which], amount, state->header.eoh_context);
	if (which == DEAL_WON_AMOUNT && !state->parts.amounts_unknown)
	{
		ScaledValue scaled;
		NumericClass class = money_classify(amount, &scaled);

		if (class == NUMERIC_CLASS_WIDE)
		{
			char	   *text = salesops_numeric_out(money_numeric(amount));

			deal_state_add_wide(state, text, strlen(text) + 1, 1);
			pfree(text);
		}
		else
		{
			AmountBin	key;

			amount_bin_of(class, &scaled, &key);
			deal_state_add_amount_bin(state, &key, 1);
		}
	}
}

/* Add an exact float8 sum to sum 'which': into its core if the total fits. */
static void
deal_state_merge_float(DealState *state, DealSum which, const FloatSum *sum)
{
	FloatSumCore core;

	if (float_core_from_sum(sum, &core) && float_core_merge(&state->float_cores[which], &core))
		return;
	if (state->float_spills == NULL)
		state->float_spills = deal_floats_new(state->header.eoh_context);
	float_sum_merge(&state->float_spills[which], sum);
}

/* A float8 amount: the exact sum, and for a won deal its bin. */
static void
deal_state_add_float8(DealState *state, DealSum which, float8 amount)
{
	state->parts.sum_deals[which]++;
	if (unlikely(!float_core_add(&state->float_cores[which], amount, 1)))
	{
		if (state->float_spills == NULL)
			state->float_spills = deal_floats_new(state->header.eoh_context);
		float_sum_add(&state->float_spills[which], amount, 1);
	}
	if (which == DEAL_WON_AMOUNT && !state->parts.amounts_unknown)
	{
		AmountBin	key = {{0}};

		key.amount.value = isnan(amount) ? get_float8_nan() : amount;
		deal_state_add_amount_bin(state, &key, 1);
	}
}

/* Merge a stored summary (checked, format 3) into the state. */
static void
deal_state_merge(DealState *state, const DealSummary *summary)
{
	DealParts	other;
	DealParts  *parts = &state->parts;

	deal_unpack(summary, &other);
	summary_check_kind(parts->kind, other.kind, &deal_type);
	parts->amounts_unknown |= other.amounts_unknown;
	parts->open_deals = add_counts(parts->open_deals, other.open_deals, deal_type.name);
	parts->won_deals = add_counts(parts->won_deals, other.won_deals, deal_type.name);
	parts->lost_deals = add_counts(parts->lost_deals, other.lost_deals, deal_type.name);
	parts->backdated_deals = add_counts(parts->backdated_deals, other.backdated_deals, deal_type.name);
	for (int k = 0; k < DEAL_SUMS; k++)
	{
		parts->sum_deals[k] = add_counts(parts->sum_deals[k], other.sum_deals[k], deal_type.name);
		if (parts->kind == SUMMARY_FLOAT8)
			deal_state_merge_float(state, k, &other.floats[k]);
		else
			exact_sum_merge(&parts->exact[k], &other.exact[k], state->header.eoh_context);
	}
	day_table_add_bins(&state->cycles, other.bins, other.bins_used, state->header.eoh_context,
					   deal_type.name);
	if (parts->amounts_unknown)
		return;
	for (int64 i = 0; i < other.amount_bins; i++)
	{
		CHECK_FOR_INTERRUPTS();
		deal_state_add_amount_bin(state, &other.amounts[i], other.amounts[i].deals);
	}
	if (other.wide_amounts > 0)
		deal_state_add_wide(state, other.wide_texts, other.wide_texts_len, other.wide_amounts);
}

/*
 * Argument 'argno' as a state to update in place: the aggregate's own
 * read-write state as it is; NULL, a new state of 'kind'; anything else
 * (the first summary rollup reads, a combine input, a direct call) copied
 * into a new state.
 */
static DealState *
deal_state_arg(FunctionCallInfo fcinfo, int argno, SummaryKind kind)
{
	MemoryContext new_state_context;
	DealState  *state = (DealState *) summary_state_of(fcinfo, argno, &deal_state_methods, &new_state_context);
	DealSummary *summary;

	if (state)
	{
		summary_check_kind(state->parts.kind, kind, &deal_type);
		return state;
	}
	if (PG_ARGISNULL(argno))
		return deal_state_new(kind, new_state_context);
	summary = PG_GETARG_DEAL_SUMMARY_P(argno);
	state = deal_state_new(summary->kind, new_state_context);
	deal_state_merge(state, summary);
	summary_check_kind(state->parts.kind, kind, &deal_type);
	return state;
}

/* The stored form of the state, in the current context (the state keeps its values). */
static DealSummary *
deal_state_pack(DealState *state)
{
	DealParts	parts = state->parts;
	DayBin	   *bins = day_table_bins(&state->cycles, &parts.bins_used);
	AmountBin  *amounts = palloc_extended(sizeof(AmountBin) * Max(1, parts.amount_bins), MCXT_ALLOC_HUGE);
	int64		n = 0;
	DealSummary *summary;

	for (int64 i = 0; i < state->amount_capacity; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (state->amount_slots[i].deals != 0)
			amounts[n++] = state->amount_slots[i];
	}
	salesops_qsort(amounts, n, sizeof(AmountBin),
		  parts.kind == SUMMARY_FLOAT8 ? amount_bin_float8_cmp : amount_bin_numeric_cmp);
	if (parts.kind == SUMMARY_FLOAT8)
	{
		/* each sum: its core and what it spilled */
		parts.floats = deal_floats_new(CurrentMemoryContext);
		for (int i = 0; i < DEAL_SUMS; i++)
		{
			float_core_add_to_sum(&state->float_cores[i], &parts.floats[i]);
			if (state->float_spills)
				float_sum_merge(&parts.floats[i], &state->float_spills[i]);
		}
	}
	parts.bins = bins;
	parts.amounts = amounts;
	if (parts.amounts_unknown)
	{
		/* amounts collected before a summary without them was merged */
		parts.amount_bins = 0;
		parts.wide_amounts = 0;
	}
	else if (parts.wide_amounts > 0)
		sort_wide_texts(state->wide.data, parts.wide_amounts, &parts);
	summary = deal_pack(&parts);
	pfree(bins);
	pfree(amounts);
	if (parts.floats)
		pfree(parts.floats);	/* pack runs in the state's context (flat_size) */
	return summary;
}

static inline Datum
deal_state_datum(DealState *state)
{
	return EOHPGetRWDatum(&state->header);
}

/* ---------- the summary aggregates ---------- */

/*
 * The sales cycle of a deal with both dates: true with *days =
 * closed_at - created_at (as date subtraction gives), or false for a
 * back-dated deal (closed before it was created), which has none.
 */
static bool
deal_cycle(FunctionCallInfo fcinfo, int created_argno, bool timestamptz, int32 *days)
{
	DateADT		created_at = salesops_date_arg(fcinfo, created_argno, timestamptz);
	DateADT		closed_at = salesops_date_arg(fcinfo, created_argno + 1, timestamptz);

	if (DATE_NOT_FINITE(created_at) || DATE_NOT_FINITE(closed_at))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("cannot subtract infinite dates")));
	if (closed_at < created_at)
		return false;
	*days = closed_at - created_at;
	return true;
}

/*
 * The dates of a row (arguments 4 and 5): whether it has a cycle, and
 * whether it is back-dated, which counts whatever its outcome.
 */
static bool
deal_read_dates(FunctionCallInfo fcinfo, DealState *state, bool timestamptz, int32 *cycle)
{
	if (PG_ARGISNULL(4) || PG_ARGISNULL(5))
		return false;
	if (deal_cycle(fcinfo, 4, timestamptz, cycle))
		return true;
	state->parts.backdated_deals++;
	return false;
}

/*
 * One opportunity with a numeric (or integer) amount.  probability_is_float8
 * says how to read argument 3, timestamptz how to read the dates; the cycle
 * is counted for won deals with both dates that are not back-dated.
 */
static Datum
deal_summary_add_row(FunctionCallInfo fcinfo, bool probability_is_float8, bool timestamptz)
{
	DealState  *state;
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

	state = deal_state_arg(fcinfo, 0, SUMMARY_NUMERIC);
	has_cycle = deal_read_dates(fcinfo, state, timestamptz, &cycle);

	if (PG_ARGISNULL(1))
	{
		state->parts.open_deals++;
		if (!PG_ARGISNULL(2))
		{
			Money		amount = money_arg(fcinfo, 2);

			deal_state_add_money(state, DEAL_OPEN_PIPELINE, amount);
			if (!PG_ARGISNULL(3))
			{
				int128		term;
				int			scale;
				Numeric		product;

				state->parts.sum_deals[DEAL_WEIGHTED_PIPELINE]++;
				if (weighted_amount(amount, &probability, &term, &scale, &product))
					exact_sum_add_scaled(&state->parts.exact[DEAL_WEIGHTED_PIPELINE], term, scale,
										 state->header.eoh_context);
				else
					exact_sum_add_numeric(&state->parts.exact[DEAL_WEIGHTED_PIPELINE], product,
										  state->header.eoh_context);
			}
		}
	}
	else if (PG_GETARG_BOOL(1))
	{
		state->parts.won_deals++;
		if (!PG_ARGISNULL(2))
			deal_state_add_money(state, DEAL_WON_AMOUNT, money_arg(fcinfo, 2));
		if (has_cycle)
			deal_state_add_cycle(state, cycle, 1);
	}
	else
	{
		state->parts.lost_deals++;
		if (!PG_ARGISNULL(2))
			deal_state_add_money(state, DEAL_LOST_AMOUNT, money_arg(fcinfo, 2));
	}
	PG_RETURN_DATUM(deal_state_datum(state));
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
	DealState  *state;
	bool		has_cycle;
	int32		cycle = 0;

	if (!PG_ARGISNULL(3))
		probability_check_float8(PG_GETARG_FLOAT8(3));

	state = deal_state_arg(fcinfo, 0, SUMMARY_FLOAT8);
	has_cycle = deal_read_dates(fcinfo, state, timestamptz, &cycle);

	if (PG_ARGISNULL(1))
	{
		state->parts.open_deals++;
		if (!PG_ARGISNULL(2))
		{
			deal_state_add_float8(state, DEAL_OPEN_PIPELINE, PG_GETARG_FLOAT8(2));
			if (!PG_ARGISNULL(3))
				deal_state_add_float8(state, DEAL_WEIGHTED_PIPELINE,
									  float8_mul(PG_GETARG_FLOAT8(2), PG_GETARG_FLOAT8(3)));
		}
	}
	else if (PG_GETARG_BOOL(1))
	{
		state->parts.won_deals++;
		if (!PG_ARGISNULL(2))
			deal_state_add_float8(state, DEAL_WON_AMOUNT, PG_GETARG_FLOAT8(2));
		if (has_cycle)
			deal_state_add_cycle(state, cycle, 1);
	}
	else
	{
		state->parts.lost_deals++;
		if (!PG_ARGISNULL(2))
			deal_state_add_float8(state, DEAL_LOST_AMOUNT, PG_GETARG_FLOAT8(2));
	}
	PG_RETURN_DATUM(deal_state_datum(state));
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
	DealState  *state;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	state = deal_state_arg(fcinfo, 0, SUMMARY_NUMERIC);
	state->parts.won_deals++;
	if (deal_cycle(fcinfo, 1, timestamptz, &cycle))
		deal_state_add_cycle(state, cycle, 1);
	else
		state->parts.backdated_deals++;
	PG_RETURN_DATUM(deal_state_datum(state));
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
	DealSummary *from = PG_GETARG_DEAL_SUMMARY_P(1);
	DealState  *state = deal_state_arg(fcinfo, 0, from->kind);

	deal_state_merge(state, from);
	PG_RETURN_DATUM(deal_state_datum(state));
}

/*
 * Final function of the summary aggregates: the stored form, written once
 * (read-only: a window aggregate calls it again on the same state).
 */
PG_FUNCTION_INFO_V1(deal_summary_final);
Datum
deal_summary_final(PG_FUNCTION_ARGS)
{
	if (summary_is_state(PG_GETARG_DATUM(0), &deal_state_methods))
		PG_RETURN_POINTER(deal_state_pack((DealState *) DatumGetEOHP(PG_GETARG_DATUM(0))));
	PG_RETURN_POINTER(PG_GETARG_DEAL_SUMMARY_P(0));
}

/* ---------- text and binary I/O ---------- */

/*
 * The won amounts in order, one call per bin or wide text with its deal
 * count (bins and wide texts merged by value: -Infinity, finite, Infinity,
 * NaN).  'emit' gets the value as text.
 */
typedef void (*DealAmountFn) (void *arg, const char *value, int64 deals);

static void
deal_each_amount(const DealParts *s, DealAmountFn emit, void *arg)
{
	const char *wide = s->wide_texts;
	int64		w = 0;

	if (s->kind == SUMMARY_FLOAT8)
	{
		for (int64 i = 0; i < s->amount_bins; i++)
		{
			CHECK_FOR_INTERRUPTS();
			emit(arg, float8out_internal(s->amounts[i].amount.value), s->amounts[i].deals);
		}
		return;
	}
	for (int64 i = 0; i < s->amount_bins || w < s->wide_amounts;)
	{
		CHECK_FOR_INTERRUPTS();
		if (w < s->wide_amounts &&
			(i >= s->amount_bins ||
			 salesops_numeric_cmp(salesops_numeric_in(wide), amount_bin_numeric(&s->amounts[i])) < 0))
		{
			emit(arg, wide, 1);
			wide += strlen(wide) + 1;
			w++;
		}
		else
		{
			emit(arg, salesops_numeric_out(amount_bin_numeric(&s->amounts[i])), s->amounts[i].deals);
			i++;
		}
	}
}

static void
deal_append_amount(void *arg, const char *value, int64 deals)
{
	StringInfo	buf = (StringInfo) arg;

	if (buf->data[buf->len - 1] != '{')
		appendStringInfoChar(buf, ',');
	appendStringInfo(buf, "%s:" INT64_FORMAT, value, deals);
}

PG_FUNCTION_INFO_V1(deal_summary_out);
Datum
deal_summary_out(PG_FUNCTION_ARGS)
{
	DealParts	s;
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
		if (s.kind == SUMMARY_FLOAT8)
			float_sum_append_text(&buf, deal_sum_names[i], &s.floats[i]);
		else
			summary_append_exact(&buf, deal_sum_names[i], &s.exact[i]);
		appendStringInfo(&buf, " %s=" INT64_FORMAT, deal_sum_count_names[i], s.sum_deals[i]);
	}
	appendStringInfoString(&buf, " cycle_days={");
	for (int i = 0; i < s.bins_used; i++)
	{
		CHECK_FOR_INTERRUPTS();
		appendStringInfo(&buf, "%s%d:" INT64_FORMAT, i > 0 ? "," : "", s.bins[i].days, s.bins[i].count);
	}
	appendStringInfoChar(&buf, '}');
	if (s.amounts_unknown)
		appendStringInfoString(&buf, " won_amounts=unknown");
	else
	{
		appendStringInfoString(&buf, " won_amounts={");
		deal_each_amount(&s, deal_append_amount, &buf);
		appendStringInfoChar(&buf, '}');
	}
	PG_RETURN_CSTRING(buf.data);
}

/*
 * Won amounts read back from text or binary input: bins, wide texts and the
 * special values' counts, checked against the summary at the end.
 */
typedef struct DealAmountsInput
{
	SummaryKind kind;
	const char *text;			/* the whole input, for errors; NULL for binary */
	AmountBin  *bins;
	int64		bins_used;
	int64		bins_allocated;
	StringInfoData wide;
	int64		wide_amounts;
	int64		deals;			/* every count added */
} DealAmountsInput;

static void
deal_amounts_input_init(DealAmountsInput *in, SummaryKind kind, const char *text)
{
	memset(in, 0, sizeof(DealAmountsInput));
	in->kind = kind;
	in->text = text;
	in->bins_allocated = 16;
	in->bins = palloc(sizeof(AmountBin) * in->bins_allocated);
	initStringInfo(&in->wide);
}

/*
 * One value with its count.  'limit' is the won amount deal count: the
 * counts may not pass it (so a wide value's count bounds what it costs).
 */
static void
deal_amounts_input_add(DealAmountsInput *in, const char *value, int64 deals, int64 limit)
{
	const char *problem = "Each won amount needs a count of at least one deal, and the counts add up to \"won_amount_deals\".";

	if (deals < 1 || pg_add_s64_overflow(in->deals, deals, &in->deals) || in->deals > limit)
		summary_invalid(&deal_type, in->text, problem);
	if (in->kind == SUMMARY_FLOAT8)
	{
		AmountBin	bin = {{0}};
		char	   *end;
		float8		v;

		errno = 0;
		v = strtod(value, &end);
		if (end == value || *end != '\0' || (errno == ERANGE && v != 0 && !isinf(v)))
			summary_invalid(&deal_type, in->text, psprintf("Won amount \"%s\" is not a float8.", value));
		bin.amount.value = isnan(v) ? get_float8_nan() : v;
		bin.deals = deals;
		if (in->bins_used == in->bins_allocated)
		{
			in->bins_allocated *= 2;
			in->bins = repalloc_huge(in->bins, sizeof(AmountBin) * in->bins_allocated);
		}
		in->bins[in->bins_used++] = bin;
		return;
	}
	if (!is_numeric_literal(value))
		summary_invalid(&deal_type, in->text, psprintf("Won amount \"%s\" is not a number.", value));
	{
		Numeric		number = salesops_numeric_in(value);
		ScaledValue scaled;
		char	   *canonical;

		NumericClass class = numeric_classify(NumericGetDatum(number), &scaled);

		if (class == NUMERIC_CLASS_WIDE)
		{
			canonical = salesops_numeric_out(number);
			for (int64 i = 0; i < deals; i++)
			{
				CHECK_FOR_INTERRUPTS();
				appendBinaryStringInfo(&in->wide, canonical, strlen(canonical) + 1);
			}
			in->wide_amounts += deals;
			return;
		}
		if (in->bins_used == in->bins_allocated)
		{
			in->bins_allocated *= 2;
			in->bins = repalloc_huge(in->bins, sizeof(AmountBin) * in->bins_allocated);
		}
		amount_bin_of(class, &scaled, &in->bins[in->bins_used]);
		in->bins[in->bins_used++].deals = deals;
	}
}

/*
 * Sort the bins (a repeated value is refused) and check them against the
 * summary: their deals are the won amount deals and (numeric) their exact
 * total, NaN and infinities included, is the won amount.  Sets the parts.
 */
static void
deal_amounts_input_finish(DealAmountsInput *in, DealParts *s)
{
	const char *problem = NULL;

	salesops_qsort(in->bins, in->bins_used, sizeof(AmountBin),
		  in->kind == SUMMARY_FLOAT8 ? amount_bin_float8_cmp : amount_bin_numeric_cmp);
	for (int64 i = 1; i < in->bins_used && problem == NULL; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (amount_bin_same(&in->bins[i - 1], &in->bins[i]))
			problem = "A won amount is listed twice.";
	}
	if (problem == NULL && in->deals != s->sum_deals[DEAL_WON_AMOUNT])
		problem = "The won amounts' counts must add up to \"won_amount_deals\".";
	if (problem == NULL && in->kind == SUMMARY_NUMERIC)
	{
		ExactSum	total;
		const char *wide = in->wide.data;

		exact_sum_init(&total);
		for (int64 i = 0; i < in->bins_used; i++)
		{
			CHECK_FOR_INTERRUPTS();
			if (amount_bin_rank(&in->bins[i]) == 1)
				exact_sum_add_scaled(&total, (int128) in->bins[i].amount.digits * in->bins[i].deals,
									 in->bins[i].scale, CurrentMemoryContext);
			else
				exact_sum_add_numeric(&total, amount_bin_numeric(&in->bins[i]), CurrentMemoryContext);
		}
		for (int64 i = 0; i < in->wide_amounts; i++)
		{
			CHECK_FOR_INTERRUPTS();
			exact_sum_add_numeric(&total, salesops_numeric_in(wide), CurrentMemoryContext);
			wide += strlen(wide) + 1;
		}
		if (s->sum_deals[DEAL_WON_AMOUNT] > 0 &&
			summary_cmp_exact(&total, &s->exact[DEAL_WON_AMOUNT]) != 0)
			problem = "The won amounts must add up to \"won_amount\".";
	}
	if (problem)
		summary_invalid(&deal_type, in->text, problem);
	s->amount_bins = in->bins_used;
	s->amounts = in->bins;
	s->wide_amounts = in->wide_amounts;
	if (in->wide_amounts > 0)
		sort_wide_texts(in->wide.data, in->wide_amounts, s);
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
		if (s->bins[i].days < 0 || s->bins[i].count < 1 ||
			(i > 0 && s->bins[i].days <= s->bins[i - 1].days))
			problem = "Sales cycle bins must have increasing non-negative days and at least one deal each.";
		else if (pg_add_s64_overflow(cycle_deals, s->bins[i].count, &cycle_deals))
			problem = "The sales cycle histogram counts more deals than \"won_deals\".";
	}
	if (problem == NULL && cycle_deals > s->won_deals)
		problem = "The sales cycle histogram counts more deals than \"won_deals\".";
	/* a back-dated deal has no cycle */
	if (problem == NULL &&
		(int128) s->backdated_deals + cycle_deals > (int128) s->open_deals + s->won_deals + s->lost_deals)
		problem = "\"backdated_deals\" and the deals of the sales cycle histogram are more than the deals.";
	if (problem == NULL && s->bins_used > 0 && s->bins[s->bins_used - 1].days > DAY_MAX_SPAN)
		problem = "A sales cycle cannot be longer than the span of dates (2147483493 days).";
	for (int i = 0; i < DEAL_SUMS && problem == NULL; i++)
	{
		bool		zero = s->kind == SUMMARY_FLOAT8 ? s->approx[i] == 0.0
			: (exact_core_is_finite(&s->exact[i].core) &&
			   salesops_numeric_sign(exact_sum_result(&s->exact[i])) == 0);

		if (s->sum_deals[i] == 0 && !zero)
			problem = psprintf("\"%s\" must be 0 over no deal (\"%s\" = 0).",
							   deal_sum_names[i], deal_sum_count_names[i]);
	}
	if (problem == NULL &&
		(s->kind == SUMMARY_FLOAT8
		 ? float8_class(s->approx[DEAL_OPEN_PIPELINE]) == NUMERIC_CLASS_SCALED &&
		 float8_class(s->approx[DEAL_WEIGHTED_PIPELINE]) != NUMERIC_CLASS_SCALED
		 : exact_core_is_finite(&s->exact[DEAL_OPEN_PIPELINE].core) &&
		 !exact_core_is_finite(&s->exact[DEAL_WEIGHTED_PIPELINE].core)))
		problem = "A finite \"open_pipeline\" has a finite \"weighted_pipeline\" (amount x probability).";
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
	char	   *amounts_text = NULL;
	char	   *p;
	DealParts	s;
	DayBin   *bins;
	int			allocated = 8;

	memset(&s, 0, sizeof(s));
	s.kind = summary_parse_kind(&cursor, &deal_type, input);
	s.open_deals = summary_parse_count(&cursor, "open_deals", &deal_type, input);
	s.won_deals = summary_parse_count(&cursor, "won_deals", &deal_type, input);
	s.lost_deals = summary_parse_count(&cursor, "lost_deals", &deal_type, input);
	if (version >= 2)
		s.backdated_deals = summary_parse_count(&cursor, "backdated_deals", &deal_type, input);
	if (s.kind == SUMMARY_FLOAT8)
		s.floats = deal_floats_new(CurrentMemoryContext);
	/* a float8 sum: its terms (one float8 in formats 1 and 2) */
	for (int i = 0; i < DEAL_SUMS; i++)
	{
		if (s.kind == SUMMARY_FLOAT8)
			summary_parse_float_sum(&cursor, deal_sum_names[i], &s.floats[i], &deal_type, input);
		else
			summary_parse_exact(&cursor, deal_sum_names[i], &s.exact[i], &deal_type, input);
		s.sum_deals[i] = summary_parse_count(&cursor, deal_sum_count_names[i], &deal_type, input);
	}
	if (s.kind == SUMMARY_FLOAT8)
		deal_round_floats(&s);

	bins_text = summary_next_value(&cursor, "cycle_days", &deal_type, input);
	if (version >= 3)
		amounts_text = summary_next_value(&cursor, "won_amounts", &deal_type, input);
	summary_parse_end(cursor, &deal_type, input);
	if (bins_text[0] != '{' || bins_text[strlen(bins_text) - 1] != '}')
		summary_bad_text(&deal_type, input, "\"cycle_days\" must be a list such as {29:1,30:2}.");
	bins = palloc(sizeof(DayBin) * allocated);
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
			if (allocated >= DAY_BIN_LIMIT)
				summary_bad_text(&deal_type, input, "\"cycle_days\" has too many bins.");
			allocated *= 2;
			bins = repalloc(bins, sizeof(DayBin) * allocated);
		}
		bins[s.bins_used].days = (int32) days;
		bins[s.bins_used].group = 0;
		bins[s.bins_used++].count = deals;
		p = *end == ',' ? end + 1 : end;
	}
	/* the list ends at its first '}': nothing may follow it */
	if (p[1] != '\0')
		summary_bad_text(&deal_type, input, "\"cycle_days\" must be a list such as {29:1,30:2}.");
	s.bins = bins;
	deal_validate(&s, input);

	if (amounts_text == NULL || strcmp(amounts_text, "unknown") == 0)
		s.amounts_unknown = s.sum_deals[DEAL_WON_AMOUNT] > 0;
	else
	{
		DealAmountsInput amounts;
		size_t		len = strlen(amounts_text);

		if (len < 2 || amounts_text[0] != '{' || amounts_text[len - 1] != '}')
			summary_bad_text(&deal_type, input, "\"won_amounts\" must be a list such as {100.00:2,250:1}, or unknown.");
		amounts_text[len - 1] = '\0';
		deal_amounts_input_init(&amounts, s.kind, input);
		p = amounts_text + 1;
		while (*p != '\0')
		{
			char	   *comma = strchr(p, ',');
			char	   *colon;
			char	   *end;
			long long	deals;

			CHECK_FOR_INTERRUPTS();
			if (comma)
				*comma = '\0';
			colon = strrchr(p, ':');
			if (colon == NULL || colon == p || (comma && comma[1] == '\0'))
				summary_bad_text(&deal_type, input, "\"won_amounts\" must be a list such as {100.00:2,250:1}, or unknown.");
			*colon = '\0';
			errno = 0;
			deals = strtoll(colon + 1, &end, 10);
			if (end == colon + 1 || *end != '\0' || errno != 0)
				summary_bad_text(&deal_type, input, "\"won_amounts\" must be a list such as {100.00:2,250:1}, or unknown.");
			deal_amounts_input_add(&amounts, p, deals, s.sum_deals[DEAL_WON_AMOUNT]);
			p = comma ? comma + 1 : p + strlen(p);
			if (comma == NULL)
				break;
		}
		deal_amounts_input_finish(&amounts, &s);
	}
	PG_RETURN_POINTER(deal_pack(&s));
}

static void
deal_send_amount(void *arg, const char *value, int64 deals)
{
	pq_sendstring((StringInfo) arg, value);
	pq_sendint64((StringInfo) arg, deals);
}

/*
 * Binary form: version, kind, the counts, each sum with its row count, the
 * cycle bins, then (format 3) whether the won amounts are unknown and each
 * distinct won amount as text with its deal count.
 */
PG_FUNCTION_INFO_V1(deal_summary_send);
Datum
deal_summary_send(PG_FUNCTION_ARGS)
{
	DealParts	s;
	StringInfoData buf;
	int64		distinct = 0;

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
		if (s.kind == SUMMARY_FLOAT8)
			float_sum_send(&buf, &s.floats[i]);
		else
			summary_send_exact(&buf, &s.exact[i]);
		pq_sendint64(&buf, s.sum_deals[i]);
	}
	pq_sendint32(&buf, s.bins_used);
	for (int i = 0; i < s.bins_used; i++)
	{
		CHECK_FOR_INTERRUPTS();
		pq_sendint32(&buf, s.bins[i].days);
		pq_sendint64(&buf, s.bins[i].count);
	}
	pq_sendbyte(&buf, s.amounts_unknown);
	if (!s.amounts_unknown)
		distinct = s.amount_bins + s.wide_amounts;	/* what deal_each_amount emits */
	pq_sendint64(&buf, distinct);
	if (!s.amounts_unknown)
		deal_each_amount(&s, deal_send_amount, &buf);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(deal_summary_recv);
Datum
deal_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	DealParts	s;
	DayBin   *bins;
	int			version = summary_recv_version(buf, &deal_type);

	memset(&s, 0, sizeof(s));
	s.kind = summary_recv_kind(buf, &deal_type);
	s.open_deals = summary_recv_int64(buf, &deal_type);
	s.won_deals = summary_recv_int64(buf, &deal_type);
	s.lost_deals = summary_recv_int64(buf, &deal_type);
	if (version >= 2)
		s.backdated_deals = summary_recv_int64(buf, &deal_type);
	if (s.kind == SUMMARY_FLOAT8)
		s.floats = deal_floats_new(CurrentMemoryContext);
	/* a float8 sum: its terms (format 3), one float8 (formats 1 and 2) */
	for (int i = 0; i < DEAL_SUMS; i++)
	{
		if (s.kind == SUMMARY_FLOAT8)
			summary_recv_float_sum(buf, version < 3, deal_sum_names[i], &s.floats[i], &deal_type);
		else
			summary_recv_exact(buf, deal_sum_names[i], &s.exact[i], &deal_type);
		s.sum_deals[i] = summary_recv_int64(buf, &deal_type);
	}
	if (s.kind == SUMMARY_FLOAT8)
		deal_round_floats(&s);
	s.bins_used = summary_recv_int32(buf, &deal_type);
	/* each bin takes 12 bytes: a count the message cannot hold is a lie */
	if (s.bins_used < 0 || (Size) s.bins_used > (Size) (buf->len - buf->cursor) / 12)
		summary_invalid(&deal_type, NULL, "The sales cycle histogram is longer than the message.");
	bins = palloc(sizeof(DayBin) * Max(1, s.bins_used));
	for (int i = 0; i < s.bins_used; i++)
	{
		CHECK_FOR_INTERRUPTS();
		bins[i].days = summary_recv_int32(buf, &deal_type);
		bins[i].group = 0;
		bins[i].count = summary_recv_int64(buf, &deal_type);
	}
	s.bins = bins;
	deal_validate(&s, NULL);
	if (version < 3)
		s.amounts_unknown = s.sum_deals[DEAL_WON_AMOUNT] > 0;
	else
	{
		int			unknown = summary_recv_byte(buf, &deal_type);
		int64		distinct = summary_recv_int64(buf, &deal_type);
		DealAmountsInput amounts;

		/* each amount takes at least 9 bytes */
		if (unknown > 1 || distinct < 0 || distinct > (buf->len - buf->cursor) / 9 ||
			(unknown && distinct > 0))
			summary_invalid(&deal_type, NULL, "The won amounts do not match the length of the value.");
		s.amounts_unknown = unknown;
		if (!unknown)
		{
			deal_amounts_input_init(&amounts, s.kind, NULL);
			for (int64 i = 0; i < distinct; i++)
			{
				const char *value = summary_recv_string(buf, &deal_type);
				int64		deals = summary_recv_int64(buf, &deal_type);

				CHECK_FOR_INTERRUPTS();
				deal_amounts_input_add(&amounts, value, deals, s.sum_deals[DEAL_WON_AMOUNT]);
			}
			deal_amounts_input_finish(&amounts, &s);
		}
	}
	PG_RETURN_POINTER(deal_pack(&s));
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

/* The k-th (from 0) won amount of a float8 summary, in float8 order. */
static float8
deal_nth_amount_float8(const DealParts *s, int64 k)
{
	for (int64 i = 0; i < s->amount_bins; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (k < s->amounts[i].deals)
			return s->amounts[i].amount.value;
		k -= s->amounts[i].deals;
	}
	summary_corrupt(&deal_type, "The won amounts count fewer deals than \"won_amount_deals\".");
}

/* The k-th (from 0) numeric won amount in order: -Infinity, finite, Infinity, NaN. */
static Numeric
deal_nth_amount(const DealParts *s, int64 k)
{
	const char *wide = s->wide_texts;
	int64		i = 0;
	int64		w = 0;

	while (i < s->amount_bins || w < s->wide_amounts)
	{
		CHECK_FOR_INTERRUPTS();
		if (w < s->wide_amounts &&
			(i >= s->amount_bins ||
			 salesops_numeric_cmp(salesops_numeric_in(wide), amount_bin_numeric(&s->amounts[i])) < 0))
		{
			if (k == 0)
				return salesops_numeric_in(wide);
			k--;
			wide += strlen(wide) + 1;
			w++;
		}
		else
		{
			if (k < s->amounts[i].deals)
				return amount_bin_numeric(&s->amounts[i]);
			k -= s->amounts[i].deals;
			i++;
		}
	}
	summary_corrupt(&deal_type, "The won amounts count fewer deals than \"won_amount_deals\".");
}

/*
 * The median won amount: the middle one, or the midpoint of the two middle
 * ones, as median_deal_size(won, amount) gives it over the same rows (for
 * float8 amounts percentile_cont's interpolation, as numeric).
 */
PG_FUNCTION_INFO_V1(deal_summary_median_deal_size);
Datum
deal_summary_median_deal_size(PG_FUNCTION_ARGS)
{
	DealParts	s;
	int64		deals;
	Numeric		a;
	Numeric		b;

	deal_arg(fcinfo, &s);
	deals = s.sum_deals[DEAL_WON_AMOUNT];
	if (s.amounts_unknown)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("deal_summary has no won amounts to take the median of"),
				 errdetail("Summaries stored before salesops 0.7.0, and rollups that include one, do not keep their won amounts."),
				 errhint("Aggregate the opportunity rows again with deal_summary(), or use median_deal_size(won, amount) over the rows.")));
	if (deals == 0)
		PG_RETURN_NULL();
	if (s.kind == SUMMARY_FLOAT8)
	{
		float8		x = deal_nth_amount_float8(&s, (deals - 1) / 2);
		float8		y = deal_nth_amount_float8(&s, deals / 2);

		/* percentile_cont's interpolation, then numeric as avg_deal_size gives it */
		return DirectFunctionCall1(float8_numeric, Float8GetDatum(deals % 2 ? x : x + (y - x) * 0.5));
	}
	a = deal_nth_amount(&s, (deals - 1) / 2);
	if (deals % 2 == 1)
		PG_RETURN_NUMERIC(a);
	b = deal_nth_amount(&s, deals / 2);
	if (salesops_numeric_cmp(a, b) == 0)
		PG_RETURN_NUMERIC(b);
	PG_RETURN_NUMERIC(numeric_mul_opt_error(numeric_add_opt_error(a, b, NULL),
											salesops_numeric_in("0.5"), NULL));
}

/* The cycle histogram's reader, and its totals. */
static inline DayBinReader
cycle_totals(const DealParts *s, int128 *days, int64 *deals)
{
	DayBinReader cycles = day_bins_reader(s->bins, s->bins_used, deal_type.name);

	day_bins_totals(&cycles, days, deals);
	return cycles;
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
	PG_RETURN_FLOAT8(int128_ratio_float8(days, deals));
}

PG_FUNCTION_INFO_V1(deal_summary_median_sales_cycle);
Datum
deal_summary_median_sales_cycle(PG_FUNCTION_ARGS)
{
	DealParts s;
	DayBinReader cycles;
	int128		days;
	int64		deals;

	deal_arg(fcinfo, &s);
	cycles = cycle_totals(&s, &days, &deals);
	if (deals == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(day_bins_percentile(&cycles, deals, 0.5, 1));
}

PG_FUNCTION_INFO_V1(deal_summary_sales_cycle_percentile);
Datum
deal_summary_sales_cycle_percentile(PG_FUNCTION_ARGS)
{
	DealParts s;
	DayBinReader cycles;
	int128		days;
	int64		deals;
	float8		fraction = PG_GETARG_FLOAT8(1);

	day_check_percentile(fraction);
	deal_arg(fcinfo, &s);
	cycles = cycle_totals(&s, &days, &deals);
	if (deals == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(day_bins_percentile(&cycles, deals, fraction, 1));
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
	DealState  *state;

	if (PG_ARGISNULL(1) || !PG_GETARG_BOOL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	state = deal_state_arg(fcinfo, 0, kind);
	/* an average needs no won amount kept: the summary does not collect them */
	state->parts.amounts_unknown = true;
	state->parts.won_deals++;
	if (kind == SUMMARY_NUMERIC)
		deal_state_add_money(state, DEAL_WON_AMOUNT, money_arg(fcinfo, 2));
	else
		deal_state_add_float8(state, DEAL_WON_AMOUNT, PG_GETARG_FLOAT8(2));
	PG_RETURN_DATUM(deal_state_datum(state));
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
 * midpoint when they differ (the upper one when they are equal).  Numeric
 * amounts give the exact numeric midpoint ((a + b) x 0.5, one more decimal
 * than a + b); float8 amounts give percentile_cont's own float8
 * a + (b - a) x 0.5.
 *
 * The state keeps every won amount: a numeric one as a ScaledValue (16
 * bytes) when it has at most 18 digits, otherwise (wider, rare) as a
 * numeric; NaN and infinities as counts, in numeric's order (-Infinity,
 * finite, Infinity, NaN).  The final function sorts a copy (n log n).  A
 * group holds at most DEAL_SIZE_MAX_AMOUNTS won amounts, serially and in
 * parallel alike (the flat form, 9 bytes per amount, stays below 1 GB).
 *
 * The state type is bytea (0.7.0; internal before): a real type, so that
 * Citus splits the aggregate.  While the aggregate runs the state is an
 * expanded object (the lists above, in the shared states context of
 * summary.c); its flat form, which PostgreSQL makes when it must (parallel
 * workers, a spilling hash aggregate, Citus), is the bytea written by
 * deal_size_median_write, and every function reads it back, checked.
 */
typedef struct DealSizeMedian
{
	ExpandedObjectHeader header;
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
	bytea	   *flat;			/* between get_flat_size and flatten_into */
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

static void
deal_size_bad_state(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid median_deal_size state"),
			 errdetail("The value is not a state that median_deal_size wrote for amounts of this type.")));
}

static bytea *deal_size_median_write(const DealSizeMedian *state);

static Size
deal_size_median_flat_size(ExpandedObjectHeader *header)
{
	DealSizeMedian *state = (DealSizeMedian *) header;
	MemoryContext outer = MemoryContextSwitchTo(state->header.eoh_context);

	if (state->flat)
		pfree(state->flat);
	state->flat = deal_size_median_write(state);
	MemoryContextSwitchTo(outer);
	return VARSIZE(state->flat);
}

static void
deal_size_median_flatten(ExpandedObjectHeader *header, void *result, Size allocated_size)
{
	DealSizeMedian *state = (DealSizeMedian *) header;

	memcpy(result, state->flat, allocated_size);
	pfree(state->flat);
	state->flat = NULL;
}

static const ExpandedObjectMethods deal_size_median_methods = {
	deal_size_median_flat_size,
	deal_size_median_flatten
};

static DealSizeMedian *
deal_size_median_new(SummaryKind kind, MemoryContext context)
{
	DealSizeMedian *state = MemoryContextAllocZero(context, sizeof(DealSizeMedian));

	EOH_init_header(&state->header, &deal_size_median_methods, context);
	state->kind = kind;
	return state;
}

/* Room for 'extra' more values in scaled[] or approx[] (doubling). */
static void
deal_size_reserve(DealSizeMedian *state, int64 extra)
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
		: MemoryContextAlloc(state->header.eoh_context, state->allocated * width);
	if (state->kind == SUMMARY_FLOAT8)
		state->approx = values;
	else
		state->scaled = values;
}

static void
deal_size_add_wide(DealSizeMedian *state, Numeric value)
{
	if (state->count + state->wide_count >= DEAL_SIZE_MAX_AMOUNTS)
		deal_size_too_many();
	if (state->wide_count == state->wide_allocated)
	{
		state->wide_allocated = Max(2 * state->wide_allocated, 4);
		state->wide = state->wide ? repalloc(state->wide, state->wide_allocated * sizeof(Numeric))
			: MemoryContextAlloc(state->header.eoh_context, state->wide_allocated * sizeof(Numeric));
	}
	state->wide[state->wide_count++] = numeric_copy_to(value, state->header.eoh_context);
}

/* One numeric won amount, by its class. */
static void
deal_size_add_numeric(DealSizeMedian *state, NumericClass class, const ScaledValue *scaled,
					  Numeric value)
{
	switch (class)
	{
		case NUMERIC_CLASS_SCALED:
			deal_size_reserve(state, 1);
			state->scaled[state->count++] = *scaled;
			break;
		case NUMERIC_CLASS_WIDE:
			deal_size_add_wide(state, value);
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

/* Merge 'from' into 'into' (same kind). */
static void
deal_size_median_merge(DealSizeMedian *into, const DealSizeMedian *from)
{
	if (into->kind != from->kind)
		deal_size_bad_state();
	deal_size_reserve(into, from->count);
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
		deal_size_add_wide(into, from->wide[i]);
	}
	into->ninf_count = add_counts(into->ninf_count, from->ninf_count, "median_deal_size state");
	into->pinf_count = add_counts(into->pinf_count, from->pinf_count, "median_deal_size state");
	into->nan_count = add_counts(into->nan_count, from->nan_count, "median_deal_size state");
}

/*
 * The flat form: the version byte, kind, the special counts, then each
 * scaled value as its digits and scale (or each float8), then each wide
 * value as text.
 */
static bytea *
deal_size_median_write(const DealSizeMedian *state)
{
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
	return pq_endtypsend(&buf);
}

/* A flat form read into a new state in 'context', every field checked. */
static DealSizeMedian *
deal_size_median_read(bytea *flat, MemoryContext context)
{
	StringInfoData buf;
	DealSizeMedian *state;
	int			kind;
	int64		count;
	int64		remaining;

	/* the fixed part: version, kind, three special counts, the count */
	if (VARSIZE_ANY_EXHDR(flat) < 2 + 4 * (int64) sizeof(int64))
		deal_size_bad_state();
	salesops_begin_read(&buf, flat, "median_deal_size state");
	kind = pq_getmsgbyte(&buf);
	if (kind != SUMMARY_NUMERIC && kind != SUMMARY_FLOAT8)
		deal_size_bad_state();
	state = deal_size_median_new((SummaryKind) kind, context);
	state->ninf_count = pq_getmsgint64(&buf);
	state->pinf_count = pq_getmsgint64(&buf);
	state->nan_count = pq_getmsgint64(&buf);
	count = pq_getmsgint64(&buf);
	/* each amount 8 bytes (float8) or 9 (digits and scale), then the wide count */
	remaining = buf.len - buf.cursor - (int64) sizeof(int64);
	if (state->ninf_count < 0 || state->pinf_count < 0 || state->nan_count < 0 || count < 0 ||
		remaining < 0 || count > remaining / (kind == SUMMARY_FLOAT8 ? 8 : 9))
		deal_size_bad_state();
	deal_size_reserve(state, count);
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
		if (memchr(buf.data + buf.cursor, '\0', buf.len - buf.cursor) == NULL)
			deal_size_bad_state();
		deal_size_add_wide(state, salesops_numeric_in(pq_getmsgstring(&buf)));
	}
	if (buf.cursor != buf.len)
		deal_size_bad_state();
	salesops_end_read(&buf);
	return state;
}

/* A state to read: an expanded one as it is, a flat one read (current context). */
static DealSizeMedian *
deal_size_median_of(Datum value)
{
	if (summary_is_state(value, &deal_size_median_methods))
		return (DealSizeMedian *) DatumGetEOHP(value);
	return deal_size_median_read(DatumGetByteaPP(value), CurrentMemoryContext);
}

/*
 * Argument 'argno' as a state to update in place: the aggregate's own
 * expanded state as it is; NULL, a new state of 'kind'; anything else (a
 * flat state, a direct call) copied into a new state, which must be of
 * 'kind'.
 */
static DealSizeMedian *
deal_size_median_arg(FunctionCallInfo fcinfo, int argno, SummaryKind kind)
{
	MemoryContext new_state_context;
	DealSizeMedian *state = (DealSizeMedian *) summary_own_state(fcinfo, argno, &deal_size_median_methods);

	/* every row after the first has its own state: the inline test above */
	if (state == NULL)
		state = (DealSizeMedian *) summary_state_of(fcinfo, argno, &deal_size_median_methods,
													&new_state_context);
	if (state == NULL)
	{
		state = deal_size_median_new(kind, new_state_context);
		if (!PG_ARGISNULL(argno))
			deal_size_median_merge(state, deal_size_median_of(PG_GETARG_DATUM(argno)));
	}
	if (state->kind != kind)
		deal_size_bad_state();
	return state;
}

static Datum
deal_size_median_add_row(FunctionCallInfo fcinfo, SummaryKind kind)
{
	DealSizeMedian *state;

	if (PG_ARGISNULL(1) || !PG_GETARG_BOOL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	state = deal_size_median_arg(fcinfo, 0, kind);
	if (kind == SUMMARY_FLOAT8)
	{
		deal_size_reserve(state, 1);
		state->approx[state->count++] = PG_GETARG_FLOAT8(2);
	}
	else
	{
		Money		amount = money_arg(fcinfo, 2);
		ScaledValue scaled;
		NumericClass class = money_classify(amount, &scaled);

		deal_size_add_numeric(state, class, &scaled,
							  class == NUMERIC_CLASS_WIDE ? money_numeric(amount) : NULL);
	}
	PG_RETURN_DATUM(EOHPGetRWDatum(&state->header));
}

PG_FUNCTION_INFO_V1(deal_size_median_trans);
Datum
deal_size_median_trans(PG_FUNCTION_ARGS)
{
	return deal_size_median_add_row(fcinfo, SUMMARY_NUMERIC);
}

PG_FUNCTION_INFO_V1(deal_size_median_float8_trans);
Datum
deal_size_median_float8_trans(PG_FUNCTION_ARGS)
{
	return deal_size_median_add_row(fcinfo, SUMMARY_FLOAT8);
}

PG_FUNCTION_INFO_V1(deal_size_median_combine);
Datum
deal_size_median_combine(PG_FUNCTION_ARGS)
{
	DealSizeMedian *from;
	DealSizeMedian *into;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	from = deal_size_median_of(PG_GETARG_DATUM(1));
	into = deal_size_median_arg(fcinfo, 0, from->kind);
	deal_size_median_merge(into, from);
	PG_RETURN_DATUM(EOHPGetRWDatum(&into->header));
}

/* Scaled values in numeric order, cross-multiplied in int128 (< 10^36). */
static int
scaled_value_cmp(const void *a, const void *b)
{
	const ScaledValue *x = a;
	const ScaledValue *y = b;
	int			scale = Max(x->scale, y->scale);
	int128		xv = (int128) x->digits * scaled_powers_of_ten[scale - x->scale];
	int128		yv = (int128) y->digits * scaled_powers_of_ten[scale - y->scale];

	if (xv != yv)
		return xv < yv ? -1 : 1;
	/* equal values: the smaller display scale first, as the summary sorts them */
	return (x->scale > y->scale) - (x->scale < y->scale);
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
		salesops_qsort(state->scaled, state->count, sizeof(ScaledValue), scaled_value_cmp);
		return NULL;
	}
	all = palloc_extended(n * sizeof(Numeric), MCXT_ALLOC_HUGE);
	for (int64 i = 0; i < state->count; i++)
	{
		CHECK_FOR_INTERRUPTS();
		all[i] = scaled_int128_to_numeric(state->scaled[i].digits, state->scaled[i].scale);
	}
	memcpy(all + state->count, state->wide, state->wide_count * sizeof(Numeric));
	salesops_qsort(all, n, sizeof(Numeric), numeric_pointer_cmp);
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
	DealSizeMedian *state = deal_size_median_of(PG_GETARG_DATUM(0));
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
		salesops_qsort(state->approx, state->count, sizeof(float8), float8_value_cmp);
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
		if (salesops_numeric_cmp(a, b) == 0)
			PG_RETURN_NUMERIC(b);
		PG_RETURN_NUMERIC(numeric_mul_opt_error(numeric_add_opt_error(a, b, NULL),
												salesops_numeric_in("0.5"), NULL));
	}
}

/* ---------- equality and ordering ---------- */

/*
 * The won amounts as runs of equal values (100 and 100.00 are one run, as
 * are -0 and 0, every NaN): what the accessors can tell apart.
 */
typedef struct AmountRuns
{
	SummaryKind kind;
	int64		count;
	int64		allocated;
	Numeric    *values;			/* numeric */
	float8	   *approx;			/* float8 */
	int64	   *deals;
} AmountRuns;

static void
amount_runs_add(void *arg, const char *value, int64 deals)
{
	AmountRuns *runs = (AmountRuns *) arg;
	Numeric		number = NULL;
	float8		approx = 0;

	if (runs->kind == SUMMARY_FLOAT8)
		approx = float8in_internal((char *) value, NULL, "double precision", value);
	else
		number = salesops_numeric_in(value);
	if (runs->count > 0 &&
		(runs->kind == SUMMARY_FLOAT8 ? summary_cmp_float8(runs->approx[runs->count - 1], approx) == 0
		 : salesops_numeric_cmp(runs->values[runs->count - 1], number) == 0))
	{
		runs->deals[runs->count - 1] += deals;
		return;
	}
	if (runs->count == runs->allocated)
	{
		runs->allocated = Max(16, 2 * runs->allocated);
		runs->values = repalloc_huge(runs->values, sizeof(Numeric) * runs->allocated);
		runs->approx = repalloc_huge(runs->approx, sizeof(float8) * runs->allocated);
		runs->deals = repalloc_huge(runs->deals, sizeof(int64) * runs->allocated);
	}
	runs->values[runs->count] = number;
	runs->approx[runs->count] = approx;
	runs->deals[runs->count++] = deals;
}

static void
amount_runs(const DealParts *s, AmountRuns *runs)
{
	memset(runs, 0, sizeof(AmountRuns));
	runs->kind = s->kind;
	runs->values = palloc(sizeof(Numeric));
	runs->approx = palloc(sizeof(float8));
	runs->deals = palloc(sizeof(int64));
	if (!s->amounts_unknown)
		deal_each_amount(s, amount_runs_add, runs);
}

/*
 * Two deal_summary values are equal when their parts are (summary.h): kind,
 * the open, won, lost and back-dated deal counts, the rows each sum covers,
 * the four money sums of their kind, the cycle histogram bin by bin (bins
 * are sorted by days and hold at least one deal each), whether the won
 * amounts are known, and the won amounts as runs of equal values.  The
 * order is lexicographic in that order, a shorter list first.
 */
static int
deal_compare(Datum a, Datum b)
{
	DealParts	x;
	DealParts	y;
	AmountRuns	xr;
	AmountRuns	yr;
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
	for (int i = 0; i < DEAL_SUMS && order == 0; i++)
		order = x.kind == SUMMARY_FLOAT8 ? float_sum_cmp(&x.floats[i], &y.floats[i])
			: summary_cmp_exact(&x.exact[i], &y.exact[i]);
	if (order == 0)
		order = summary_cmp_int64(x.bins_used, y.bins_used);
	for (int i = 0; i < x.bins_used && order == 0; i++)
	{
		CHECK_FOR_INTERRUPTS();
		order = summary_cmp_int64(x.bins[i].days, y.bins[i].days);
		if (order == 0)
			order = summary_cmp_int64(x.bins[i].count, y.bins[i].count);
	}
	if (order == 0)
		order = summary_cmp_int64(x.amounts_unknown, y.amounts_unknown);
	if (order != 0)
		return order;
	amount_runs(&x, &xr);
	amount_runs(&y, &yr);
	order = summary_cmp_int64(xr.count, yr.count);
	for (int64 i = 0; i < xr.count && order == 0; i++)
	{
		CHECK_FOR_INTERRUPTS();
		order = x.kind == SUMMARY_FLOAT8 ? summary_cmp_float8(xr.approx[i], yr.approx[i])
			: salesops_numeric_cmp(xr.values[i], yr.values[i]);
		if (order == 0)
			order = summary_cmp_int64(xr.deals[i], yr.deals[i]);
	}
	return order;
}

/* The same parts, hashed as their types hash (equal values hash alike). */
static uint32
deal_hash(Datum value)
{
	DealParts	x;
	AmountRuns	runs;
	uint32		hash;

	deal_unpack(deal_checked(PG_DETOAST_DATUM(value)), &x);
	hash = summary_hash_int64(0, x.kind);
	hash = summary_hash_int64(hash, x.open_deals);
	hash = summary_hash_int64(hash, x.won_deals);
	hash = summary_hash_int64(hash, x.lost_deals);
	hash = summary_hash_int64(hash, x.backdated_deals);
	for (int i = 0; i < DEAL_SUMS; i++)
		hash = summary_hash_int64(hash, x.sum_deals[i]);
	for (int i = 0; i < DEAL_SUMS; i++)
		hash = x.kind == SUMMARY_FLOAT8 ? float_sum_hash(hash, &x.floats[i])
			: summary_hash_exact(hash, &x.exact[i]);
	hash = summary_hash_int64(hash, x.bins_used);
	for (int i = 0; i < x.bins_used; i++)
	{
		CHECK_FOR_INTERRUPTS();
		hash = summary_hash_int64(hash, x.bins[i].days);
		hash = summary_hash_int64(hash, x.bins[i].count);
	}
	hash = summary_hash_int64(hash, x.amounts_unknown);
	amount_runs(&x, &runs);
	for (int64 i = 0; i < runs.count; i++)
	{
		CHECK_FOR_INTERRUPTS();
		hash = x.kind == SUMMARY_FLOAT8 ? summary_hash_float8(hash, runs.approx[i])
			: summary_hash_numeric(hash, runs.values[i]);
		hash = summary_hash_int64(hash, runs.deals[i]);
	}
	return hash;
}

/* deal_summary_eq, _ne, _lt, _le, _gt, _ge, _cmp and _hash */
SUMMARY_ORDERING_FUNCTIONS(deal_summary, deal_compare, deal_hash)
