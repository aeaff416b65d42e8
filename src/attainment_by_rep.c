/*
 * attainment_by_rep.c
 *	  attainment_by_rep(rep, achieved, quota): the attainment summary from raw
 *	  deal and quota rows, summed per rep first.
 *
 * attainment_by_rep(rep bigint, achieved numeric, quota numeric) takes the
 * raw rows of a period (won deals with their amounts, quota rows with their
 * quotas, in any mix and order) and sums achieved and quota per rep before
 * the summary is built: the step that analysts' SQL gets wrong (a GROUP BY
 * per rep and period, then a LEFT JOIN from the quotas with COALESCE).  The
 * final function feeds each rep's (Σ achieved, Σ quota) to the summary as
 * one attainment() row, so the result is the summary of that pre-aggregated
 * join, and everything that reads a summary reads it.
 *
 * The state is a hash table of reps (simplehash: open addressing, entries
 * inline).  A report grouped by quarter over 2000 reps keeps 2000 reps per
 * quarter, and each row lands on a random one, so the entry is kept to 32
 * bytes (the lookup is a cache miss; the smaller the table, the cheaper):
 * the two sums as int64 units of 10^-scale, the common case of money.  A
 * rep whose sums leave int64, or get NaN, infinite or wider values, moves
 * its sums to a pair of ExactSums in a side array, where they stay.
 */
#include "attainment.h"

#include "common/int.h"
#include "libpq/pqformat.h"

typedef struct RepTotals
{
	int64		rep;
	int64		achieved;		/* Σ achieved in units of 10^-achieved_scale, while fast */
	int64		quota;			/* Σ quota in units of 10^-quota_scale, while fast */
	int8		achieved_scale;
	int8		quota_scale;
	bool		has_quota;		/* a non-NULL quota was seen: the rep is rated */
	char		status;			/* simplehash's entry status */
	int32		slow;			/* index of the rep's ExactSums, or -1 while fast */
} RepTotals;

/* murmur3's 64-bit finalizer: every key bit reaches the bucket bits */
static inline uint32
rep_hash(int64 rep)
{
	uint64		h = (uint64) rep;

	h ^= h >> 33;
	h *= UINT64CONST(0xff51afd7ed558ccd);
	h ^= h >> 33;
	h *= UINT64CONST(0xc4ceb9fe1a85ec53);
	h ^= h >> 33;
	return (uint32) h;
}

#define SH_PREFIX		reptab
#define SH_ELEMENT_TYPE RepTotals
#define SH_KEY_TYPE		int64
#define SH_KEY			rep
#define SH_HASH_KEY(tb, key) rep_hash(key)
#define SH_EQUAL(tb, a, b) ((a) == (b))
#define SH_SCOPE		static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

/* Reps of a new state: a team's, before the table first grows. */
#define REP_TABLE_INITIAL_SIZE 64

typedef struct RepSlowSums
{
	ExactSum	achieved;
	ExactSum	quota;
} RepSlowSums;

typedef struct RepAttainmentState
{
	reptab_hash *reps;
	MemoryContext context;		/* where the state and its growth live */
	RepSlowSums *slow;			/* sums of the reps that left the fast path */
	int32		slow_count;
	int32		slow_capacity;
} RepAttainmentState;

static RepAttainmentState *
rep_state_new(MemoryContext context, uint32 size)
{
	RepAttainmentState *state = MemoryContextAllocZero(context, sizeof(RepAttainmentState));

	state->reps = reptab_create(context, size, NULL);
	state->context = context;
	return state;
}

/* A new rep's totals: sums 0, no quota. */
static void
rep_totals_init(RepTotals *totals)
{
	totals->achieved = 0;
	totals->quota = 0;
	totals->achieved_scale = 0;
	totals->quota_scale = 0;
	totals->has_quota = false;
	totals->slow = -1;
}

/* The rep's totals, made empty when it is new. */
static RepTotals *
rep_totals(RepAttainmentState *state, int64 rep)
{
	bool		found;
	RepTotals  *totals = reptab_insert(state->reps, rep, &found);

	if (!found)
		rep_totals_init(totals);
	return totals;
}

/*
 * Add digits / 10^scale to units / 10^*units_scale (both scales <= 18), at
 * the larger scale.  False, changing nothing, when int64 overflows.
 */
static inline bool
rep_units_add(int64 *units, int8 *units_scale, int64 digits, int scale)
{
	int64		total = *units;

	if (scale > *units_scale)
	{
		if (pg_mul_s64_overflow(total, scaled_powers_of_ten[scale - *units_scale], &total))
			return false;
	}
	else if (scale < *units_scale &&
			 pg_mul_s64_overflow(digits, scaled_powers_of_ten[*units_scale - scale], &digits))
		return false;
	if (pg_add_s64_overflow(total, digits, &total))
		return false;
	*units = total;
	*units_scale = Max(scale, *units_scale);
	return true;
}

/* The rep's ExactSums, made from its fast sums the first time. */
static RepSlowSums *
rep_slow_sums(RepAttainmentState *state, RepTotals *totals)
{
	RepSlowSums *sums;

	if (totals->slow >= 0)
		return &state->slow[totals->slow];
	if (state->slow_count == state->slow_capacity)
	{
		int32		capacity = state->slow_capacity == 0 ? 8 : 2 * state->slow_capacity;

		if (state->slow_count >= PG_INT32_MAX / 2)
			attainment_too_large();
		state->slow = state->slow == NULL ?
			MemoryContextAlloc(state->context, capacity * sizeof(RepSlowSums)) :
			repalloc_huge(state->slow, capacity * sizeof(RepSlowSums));
		state->slow_capacity = capacity;
	}
	totals->slow = state->slow_count++;
	sums = &state->slow[totals->slow];
	exact_sum_init(&sums->achieved);
	exact_sum_init(&sums->quota);
	exact_sum_add_scaled(&sums->achieved, totals->achieved, totals->achieved_scale, state->context);
	exact_sum_add_scaled(&sums->quota, totals->quota, totals->quota_scale, state->context);
	return sums;
}

/* The rep's two sums as ExactSums (copies; spills shared, not to be changed). */
static void
rep_exact_sums(const RepAttainmentState *state, const RepTotals *totals,
			   ExactSum *achieved, ExactSum *quota)
{
	if (totals->slow >= 0)
	{
		*achieved = state->slow[totals->slow].achieved;
		*quota = state->slow[totals->slow].quota;
		return;
	}
	exact_sum_init(achieved);
	exact_sum_init(quota);
	/* int64 units at scale <= 18 always fit the core */
	exact_core_add_scaled(&achieved->core, totals->achieved, totals->achieved_scale);
	exact_core_add_scaled(&quota->core, totals->quota, totals->quota_scale);
}

/* An ExactSum that fits int64 units at scale <= 18: its units. */
static bool
exact_sum_as_units(const ExactSum *sum, int64 *units, int *scale)
{
	if (sum->spill != NULL || sum->core.nan_count || sum->core.pinf_count || sum->core.ninf_count ||
		sum->core.scale > SCALED_MAX_SCALE || sum->core.scaled > PG_INT64_MAX ||
		sum->core.scaled < PG_INT64_MIN)
		return false;
	*units = (int64) sum->core.scaled;
	*scale = sum->core.scale;
	return true;
}

/* Add two exact sums to a rep's (combine and deserialize). */
static void
rep_add_exact(RepAttainmentState *state, RepTotals *totals,
			  const ExactSum *achieved, const ExactSum *quota)
{
	RepSlowSums *sums;

	if (totals->slow < 0)
	{
		int64		achieved_units = totals->achieved;
		int64		quota_units = totals->quota;
		int8		achieved_scale = totals->achieved_scale;
		int8		quota_scale = totals->quota_scale;
		int64		units;
		int			scale;

		/* on copies: both sums go fast, or both go slow */
		if (exact_sum_as_units(achieved, &units, &scale) &&
			rep_units_add(&achieved_units, &achieved_scale, units, scale) &&
			exact_sum_as_units(quota, &units, &scale) &&
			rep_units_add(&quota_units, &quota_scale, units, scale))
		{
			totals->achieved = achieved_units;
			totals->quota = quota_units;
			totals->achieved_scale = achieved_scale;
			totals->quota_scale = quota_scale;
			return;
		}
	}
	sums = rep_slow_sums(state, totals);
	exact_sum_merge(&sums->achieved, achieved, state->context);
	exact_sum_merge(&sums->quota, quota, state->context);
}

/*
 * Transition: a row with a NULL rep, or with both amounts NULL, is skipped;
 * a NULL achieved or quota adds nothing to that sum, so a deal row carries a
 * NULL quota and a quota row a NULL achieved.  Each quota is checked (a
 * negative, NaN or infinite quota is an error, as in attainment()).
 */
PG_FUNCTION_INFO_V1(attainment_by_rep_trans);
Datum
attainment_by_rep_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = salesops_aggcontext(fcinfo, "attainment_by_rep_trans");
	RepAttainmentState *state = PG_ARGISNULL(0) ? NULL : (RepAttainmentState *) PG_GETARG_POINTER(0);
	RepTotals  *totals;
	NumericClass class;
	ScaledValue value;

	if (PG_ARGISNULL(1) || (PG_ARGISNULL(2) && PG_ARGISNULL(3)))
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	if (state == NULL)
		state = rep_state_new(aggcontext, REP_TABLE_INITIAL_SIZE);
	totals = rep_totals(state, PG_GETARG_INT64(1));
	if (!PG_ARGISNULL(2))
	{
		class = numeric_classify(PG_GETARG_DATUM(2), &value);
		if (totals->slow >= 0 || class != NUMERIC_CLASS_SCALED ||
			!rep_units_add(&totals->achieved, &totals->achieved_scale, value.digits, value.scale))
			exact_sum_add_datum(&rep_slow_sums(state, totals)->achieved, PG_GETARG_DATUM(2), aggcontext);
	}
	if (!PG_ARGISNULL(3))
	{
		(void) quota_read(PG_GETARG_DATUM(3), &class, &value);
		if (totals->slow >= 0 || class != NUMERIC_CLASS_SCALED ||
			!rep_units_add(&totals->quota, &totals->quota_scale, value.digits, value.scale))
			exact_sum_add_datum(&rep_slow_sums(state, totals)->quota, PG_GETARG_DATUM(3), aggcontext);
		totals->has_quota = true;
	}
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(attainment_by_rep_combine);
Datum
attainment_by_rep_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = salesops_aggcontext(fcinfo, "attainment_by_rep_combine");
	RepAttainmentState *into = PG_ARGISNULL(0) ? NULL : (RepAttainmentState *) PG_GETARG_POINTER(0);
	RepAttainmentState *from = PG_ARGISNULL(1) ? NULL : (RepAttainmentState *) PG_GETARG_POINTER(1);
	reptab_iterator iterator;
	RepTotals  *source;

	if (from == NULL)
	{
		if (into == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(into);
	}
	/* 'from' may live in a shorter-lived context (a deserialized state): copy */
	if (into == NULL)
		into = rep_state_new(aggcontext, Max(from->reps->members, REP_TABLE_INITIAL_SIZE));
	reptab_start_iterate(from->reps, &iterator);
	while ((source = reptab_iterate(from->reps, &iterator)) != NULL)
	{
		RepTotals  *target = rep_totals(into, source->rep);
		ExactSum	achieved;
		ExactSum	quota;

		target->has_quota |= source->has_quota;
		rep_exact_sums(from, source, &achieved, &quota);
		rep_add_exact(into, target, &achieved, &quota);
	}
	PG_RETURN_POINTER(into);
}

/* Format: version byte, rep count, then per rep: rep, has_quota, the two sums. */
PG_FUNCTION_INFO_V1(attainment_by_rep_serialize);
Datum
attainment_by_rep_serialize(PG_FUNCTION_ARGS)
{
	RepAttainmentState *state = (RepAttainmentState *) PG_GETARG_POINTER(0);
	reptab_iterator iterator;
	RepTotals  *totals;
	StringInfoData buf;

	salesops_begin_state(&buf);
	pq_sendint32(&buf, state->reps->members);
	reptab_start_iterate(state->reps, &iterator);
	while ((totals = reptab_iterate(state->reps, &iterator)) != NULL)
	{
		ExactSum	achieved;
		ExactSum	quota;

		rep_exact_sums(state, totals, &achieved, &quota);
		pq_sendint64(&buf, totals->rep);
		pq_sendbyte(&buf, totals->has_quota);
		exact_sum_serialize(&buf, &achieved);
		exact_sum_serialize(&buf, &quota);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(attainment_by_rep_deserialize);
Datum
attainment_by_rep_deserialize(PG_FUNCTION_ARGS)
{
	StringInfoData buf;
	uint32		count;
	RepAttainmentState *state;

	salesops_begin_read(&buf, PG_GETARG_BYTEA_PP(0), "attainment_by_rep state");
	count = pq_getmsgint(&buf, 4);
	/* each rep takes well over 16 bytes: a count beyond that is corrupt */
	if (count > (uint32) (buf.len - buf.cursor) / 16)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid rep count %u in serialized attainment_by_rep state", count)));
	state = rep_state_new(CurrentMemoryContext, Max(count, REP_TABLE_INITIAL_SIZE));
	for (uint32 i = 0; i < count; i++)
	{
		int64		rep = pq_getmsgint64(&buf);
		bool		found;
		RepTotals  *totals = reptab_insert(state->reps, rep, &found);
		ExactSum	achieved;
		ExactSum	quota;

		if (found)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("rep " INT64_FORMAT " appears twice in serialized attainment_by_rep state", rep)));
		rep_totals_init(totals);
		totals->has_quota = pq_getmsgbyte(&buf) != 0;
		exact_sum_deserialize(&buf, &achieved);
		exact_sum_deserialize(&buf, &quota);
		rep_add_exact(state, totals, &achieved, &quota);
	}
	salesops_end_read(&buf);
	PG_RETURN_POINTER(state);
}

/*
 * The summary of the reps with a quota, one attainment() row each:
 * (Σ achieved, 0 when the rep has no deal; Σ quota).  A rep without a quota
 * is left out, as attainment() skips a NULL quota.  NULL when no rep has one.
 */
PG_FUNCTION_INFO_V1(attainment_by_rep_final);
Datum
attainment_by_rep_final(PG_FUNCTION_ARGS)
{
	RepAttainmentState *state = (RepAttainmentState *) PG_GETARG_POINTER(0);
	AttainmentSummary *summary = NULL;
	reptab_iterator iterator;
	RepTotals  *totals;

	reptab_start_iterate(state->reps, &iterator);
	while ((totals = reptab_iterate(state->reps, &iterator)) != NULL)
	{
		ExactSum	achieved;
		ExactSum	quota;

		if (!totals->has_quota)
			continue;
		if (summary == NULL)
			summary = attainment_new();
		rep_exact_sums(state, totals, &achieved, &quota);
		summary = attainment_add_row(summary,
									 NumericGetDatum(exact_sum_result(&achieved)),
									 NumericGetDatum(exact_sum_result(&quota)));
	}
	if (summary == NULL)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(DirectFunctionCall1(attainment_final, PointerGetDatum(summary)));
}
