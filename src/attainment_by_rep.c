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
 *
 * The rep key is bigint, text or uuid (one aggregate each, sharing every
 * support function but the transition).  Each key type has its own table,
 * so the bigint entry stays at 32 bytes; the state records which table it
 * holds, and so does its serialized form, so that a state of one key type
 * never combines with another's.  A uuid entry keeps the 16 bytes inline
 * (40 bytes).  A text entry keeps the key's hash (hash_bytes, as hash_any),
 * its length and the offset of its bytes in an arena owned by the state (40
 * bytes): a rep's bytes are copied once, when it is first seen, and
 * compared with memcmp.
 * Text keys are ids, equal when their bytes are: collation plays no part,
 * and 'A' and 'a' are two reps.
 */
#include "attainment.h"

#include "common/hashfn.h"
#include "common/int.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/uuid.h"

/*
 * The per-rep sums, the common first fields of every key type's entry (as
 * every Node starts with its tag): code that reads or adds sums takes a
 * RepSums pointer to any entry.
 */
#define REP_SUMS_FIELDS \
	int64		achieved;		/* Σ achieved in units of 10^-achieved_scale, while fast */ \
	int64		quota;			/* Σ quota in units of 10^-quota_scale, while fast */ \
	int8		achieved_scale; \
	int8		quota_scale; \
	bool		has_quota;		/* a non-NULL quota was seen: the rep is rated */ \
	char		status;			/* simplehash's entry status */ \
	int32		slow;			/* index of the rep's ExactSums, or -1 while fast */

typedef struct RepSums
{
REP_SUMS_FIELDS
} RepSums;

typedef struct RepTotals
{
REP_SUMS_FIELDS
	int64		rep;
} RepTotals;

typedef struct RepUuidTotals
{
REP_SUMS_FIELDS
	pg_uuid_t	rep;
} RepUuidTotals;

/*
 * A text key: where its bytes are.  REP_TEXT_PROBE as offset stands for the
 * bytes being looked up (state->probe), not yet in the arena.
 */
typedef struct RepTextKey
{
	uint32		hash;
	uint32		length;
	uint64		offset;
} RepTextKey;

#define REP_TEXT_PROBE PG_UINT64_MAX

typedef struct RepTextTotals
{
REP_SUMS_FIELDS
	RepTextKey	rep;
} RepTextTotals;

StaticAssertDecl(sizeof(RepTotals) == 32, "bigint rep entries are 32 bytes");
StaticAssertDecl(sizeof(RepUuidTotals) == 40 && sizeof(RepTextTotals) == 40,
				 "uuid and text rep entries are 40 bytes");
StaticAssertDecl(offsetof(RepTotals, slow) == offsetof(RepSums, slow) &&
				 offsetof(RepUuidTotals, slow) == offsetof(RepSums, slow) &&
				 offsetof(RepTextTotals, slow) == offsetof(RepSums, slow),
				 "every entry starts with the sums");

/* murmur3's 64-bit finalizer: every key bit reaches the bucket bits */
static inline uint64
rep_mix64(uint64 h)
{
	h ^= h >> 33;
	h *= UINT64CONST(0xff51afd7ed558ccd);
	h ^= h >> 33;
	h *= UINT64CONST(0xc4ceb9fe1a85ec53);
	h ^= h >> 33;
	return h;
}

static inline uint32
rep_hash(int64 rep)
{
	return (uint32) rep_mix64((uint64) rep);
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

/* uuids may be random or counters: both halves mixed */
static inline uint32
rep_uuid_hash(const pg_uuid_t *rep)
{
	uint64		high;
	uint64		low;

	memcpy(&high, rep->data, 8);
	memcpy(&low, rep->data + 8, 8);
	return (uint32) rep_mix64(rep_mix64(high) ^ low);
}

#define SH_PREFIX		repuuidtab
#define SH_ELEMENT_TYPE RepUuidTotals
#define SH_KEY_TYPE		pg_uuid_t
#define SH_KEY			rep
#define SH_HASH_KEY(tb, key) rep_uuid_hash(&(key))
#define SH_EQUAL(tb, a, b) (memcmp((a).data, (b).data, UUID_LEN) == 0)
#define SH_SCOPE		static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

typedef struct RepAttainmentState RepAttainmentState;
static inline bool rep_text_equal(const RepAttainmentState *state, RepTextKey stored, RepTextKey probe);

#define SH_PREFIX		reptexttab
#define SH_ELEMENT_TYPE RepTextTotals
#define SH_KEY_TYPE		RepTextKey
#define SH_KEY			rep
#define SH_HASH_KEY(tb, key) ((key).hash)
#define SH_EQUAL(tb, a, b) rep_text_equal((tb)->private_data, a, b)
#define SH_STORE_HASH
#define SH_GET_HASH(tb, a) ((a)->rep.hash)
#define SH_SCOPE		static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

/* Reps of a new state: a team's, before the table first grows. */
#define REP_TABLE_INITIAL_SIZE 64

/* The key type of a state, recorded in its serialized form too. */
typedef enum RepKeyType
{
	REP_KEY_BIGINT = 'b',
	REP_KEY_TEXT = 't',
	REP_KEY_UUID = 'u'
} RepKeyType;

typedef struct RepSlowSums
{
	ExactSum	achieved;
	ExactSum	quota;
} RepSlowSums;

struct RepAttainmentState
{
	RepKeyType	key_type;
	reptab_hash *reps;			/* the table of the key type; the others NULL */
	repuuidtab_hash *uuid_reps;
	reptexttab_hash *text_reps;
	MemoryContext context;		/* where the state and its growth live */
	RepSlowSums *slow;			/* sums of the reps that left the fast path */
	int32		slow_count;
	int32		slow_capacity;
	char	   *arena;			/* the bytes of the text keys, each once */
	uint64		arena_used;
	uint64		arena_size;
	const char *probe;			/* the bytes of the text key being looked up */
};

static inline const char *
rep_text_bytes(const RepAttainmentState *state, RepTextKey key)
{
	return key.offset == REP_TEXT_PROBE ? state->probe : state->arena + key.offset;
}

static inline bool
rep_text_equal(const RepAttainmentState *state, RepTextKey stored, RepTextKey probe)
{
	return stored.length == probe.length &&
		memcmp(rep_text_bytes(state, stored), rep_text_bytes(state, probe), probe.length) == 0;
}

static RepAttainmentState *
rep_state_new(MemoryContext context, RepKeyType key_type, uint32 size)
{
	RepAttainmentState *state = MemoryContextAllocZero(context, sizeof(RepAttainmentState));

	state->key_type = key_type;
	state->context = context;
	switch (key_type)
	{
		case REP_KEY_BIGINT:
			state->reps = reptab_create(context, size, NULL);
			break;
		case REP_KEY_UUID:
			state->uuid_reps = repuuidtab_create(context, size, NULL);
			break;
		case REP_KEY_TEXT:
			state->text_reps = reptexttab_create(context, size, state);
			break;
	}
	return state;
}

static uint32
rep_count(const RepAttainmentState *state)
{
	switch (state->key_type)
	{
		case REP_KEY_BIGINT:
			return state->reps->members;
		case REP_KEY_UUID:
			return state->uuid_reps->members;
		case REP_KEY_TEXT:
			return state->text_reps->members;
	}
	pg_unreachable();
}

/* A new rep's totals: sums 0, no quota. */
static inline void
rep_totals_init(RepSums *totals)
{
	totals->achieved = 0;
	totals->quota = 0;
	totals->achieved_scale = 0;
	totals->quota_scale = 0;
	totals->has_quota = false;
	totals->slow = -1;
}

/* The rep's totals, made empty when it is new. */
static inline RepSums *
rep_totals(RepAttainmentState *state, int64 rep)
{
	bool		found;
	RepTotals  *totals = reptab_insert(state->reps, rep, &found);

	if (!found)
		rep_totals_init((RepSums *) totals);
	return (RepSums *) totals;
}

static inline RepSums *
rep_uuid_totals(RepAttainmentState *state, const pg_uuid_t *rep, bool *found)
{
	RepUuidTotals *totals = repuuidtab_insert(state->uuid_reps, *rep, found);

	if (!*found)
		rep_totals_init((RepSums *) totals);
	return (RepSums *) totals;
}

/* Room for more key bytes in the arena (doubling: linear in all). */
static void
rep_arena_reserve(RepAttainmentState *state, uint32 length)
{
	uint64		size = state->arena_size == 0 ? 1024 : state->arena_size;

	/* allocated even for an empty first key: no NULL pointer arithmetic */
	if (state->arena != NULL && state->arena_used + length <= state->arena_size)
		return;
	while (size < state->arena_used + length)
		size *= 2;
	if (size > MaxAllocHugeSize)
		attainment_too_large();
	state->arena = state->arena == NULL ?
		MemoryContextAllocHuge(state->context, size) :
		repalloc_huge(state->arena, size);
	state->arena_size = size;
}

/* The text rep's totals; a new rep's bytes are copied to the arena. */
static inline RepSums *
rep_text_totals(RepAttainmentState *state, const char *bytes, uint32 length, bool *found)
{
	RepTextKey	key;
	RepTextTotals *totals;

	key.hash = hash_bytes((const unsigned char *) bytes, length);
	key.length = length;
	key.offset = REP_TEXT_PROBE;
	state->probe = bytes;
	totals = reptexttab_insert_hash(state->text_reps, key, key.hash, found);
	if (!*found)
	{
		/* the entry holds the probe: point it at a copy before anything else */
		rep_arena_reserve(state, length);
		if (length > 0)
			memcpy(state->arena + state->arena_used, bytes, length);
		totals->rep.offset = state->arena_used;
		state->arena_used += length;
		rep_totals_init((RepSums *) totals);
	}
	state->probe = NULL;
	return (RepSums *) totals;
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
rep_slow_sums(RepAttainmentState *state, RepSums *totals)
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
rep_exact_sums(const RepAttainmentState *state, const RepSums *totals,
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
rep_add_exact(RepAttainmentState *state, RepSums *totals,
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
 * Add one row's amounts to its rep's sums.  Each quota is checked (a
 * negative, NaN or infinite quota is an error, as in attainment()).
 */
static inline void
rep_add_row(RepAttainmentState *state, RepSums *totals, FunctionCallInfo fcinfo,
			MemoryContext aggcontext)
{
	NumericClass class;
	ScaledValue value;

	if (!PG_ARGISNULL(2))
	{
		Money		achieved = money_arg(fcinfo, 2);

		class = money_classify(achieved, &value);
		if (totals->slow >= 0 || class != NUMERIC_CLASS_SCALED ||
			!rep_units_add(&totals->achieved, &totals->achieved_scale, value.digits, value.scale))
			exact_sum_add_money(&rep_slow_sums(state, totals)->achieved, achieved, aggcontext);
	}
	if (!PG_ARGISNULL(3))
	{
		Money		quota = money_arg(fcinfo, 3);

		(void) quota_read(quota, &class, &value);
		if (totals->slow >= 0 || class != NUMERIC_CLASS_SCALED ||
			!rep_units_add(&totals->quota, &totals->quota_scale, value.digits, value.scale))
			exact_sum_add_money(&rep_slow_sums(state, totals)->quota, quota, aggcontext);
		totals->has_quota = true;
	}
}

/* A row with a NULL rep, or with both amounts NULL, is skipped. */
static inline bool
rep_row_skipped(FunctionCallInfo fcinfo)
{
	return PG_ARGISNULL(1) || (PG_ARGISNULL(2) && PG_ARGISNULL(3));
}

/*
 * The state a transition adds this row to, made on the first row; NULL when
 * the row is skipped (a NULL rep, or both amounts NULL): the caller then
 * returns the state as it is.
 */
static RepAttainmentState *
rep_state_for_row(FunctionCallInfo fcinfo, const char *funcname, RepKeyType key_type,
				  MemoryContext *aggcontext)
{
	*aggcontext = salesops_aggcontext(fcinfo, funcname);
	if (rep_row_skipped(fcinfo))
		return NULL;
	if (PG_ARGISNULL(0))
		return rep_state_new(*aggcontext, key_type, REP_TABLE_INITIAL_SIZE);
	return (RepAttainmentState *) PG_GETARG_POINTER(0);
}

/* The unchanged state of a skipped row (NULL before the first row). */
#define RETURN_STATE_OF_SKIPPED_ROW() \
	do { if (PG_ARGISNULL(0)) PG_RETURN_NULL(); PG_RETURN_DATUM(PG_GETARG_DATUM(0)); } while (0)

/*
 * Transition: a row with a NULL rep, or with both amounts NULL, is skipped;
 * a NULL achieved or quota adds nothing to that sum, so a deal row carries a
 * NULL quota and a quota row a NULL achieved.  One function per key type.
 */
PG_FUNCTION_INFO_V1(attainment_by_rep_trans);
Datum
attainment_by_rep_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	RepAttainmentState *state = rep_state_for_row(fcinfo, "attainment_by_rep_trans", REP_KEY_BIGINT,
												  &aggcontext);

	if (state == NULL)
		RETURN_STATE_OF_SKIPPED_ROW();
	rep_add_row(state, rep_totals(state, PG_GETARG_INT64(1)), fcinfo, aggcontext);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(attainment_by_rep_text_trans);
Datum
attainment_by_rep_text_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	RepAttainmentState *state = rep_state_for_row(fcinfo, "attainment_by_rep_text_trans", REP_KEY_TEXT,
												  &aggcontext);
	text	   *rep;
	bool		found;

	if (state == NULL)
		RETURN_STATE_OF_SKIPPED_ROW();
	/* a short key is read in place; only a toasted one is copied (per row) */
	rep = PG_GETARG_TEXT_PP(1);
	rep_add_row(state, rep_text_totals(state, VARDATA_ANY(rep), VARSIZE_ANY_EXHDR(rep), &found),
				fcinfo, aggcontext);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(attainment_by_rep_uuid_trans);
Datum
attainment_by_rep_uuid_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	RepAttainmentState *state = rep_state_for_row(fcinfo, "attainment_by_rep_uuid_trans", REP_KEY_UUID,
												  &aggcontext);
	bool		found;

	if (state == NULL)
		RETURN_STATE_OF_SKIPPED_ROW();
	rep_add_row(state, rep_uuid_totals(state, PG_GETARG_UUID_P(1), &found), fcinfo, aggcontext);
	PG_RETURN_POINTER(state);
}

/* Iteration over the reps of a state of any key type. */
typedef struct RepIterator
{
	const RepAttainmentState *state;
	union
	{
		reptab_iterator bigint;
		repuuidtab_iterator uuid;
		reptexttab_iterator text;
	}			it;
} RepIterator;

static void
rep_start_iterate(const RepAttainmentState *state, RepIterator *iterator)
{
	iterator->state = state;
	switch (state->key_type)
	{
		case REP_KEY_BIGINT:
			reptab_start_iterate(state->reps, &iterator->it.bigint);
			break;
		case REP_KEY_UUID:
			repuuidtab_start_iterate(state->uuid_reps, &iterator->it.uuid);
			break;
		case REP_KEY_TEXT:
			reptexttab_start_iterate(state->text_reps, &iterator->it.text);
			break;
	}
}

/* The next rep's entry (its sums first), or NULL; cancellable. */
static RepSums *
rep_iterate(RepIterator *iterator)
{
	const RepAttainmentState *state = iterator->state;

	CHECK_FOR_INTERRUPTS();
	switch (state->key_type)
	{
		case REP_KEY_BIGINT:
			return (RepSums *) reptab_iterate(state->reps, &iterator->it.bigint);
		case REP_KEY_UUID:
			return (RepSums *) repuuidtab_iterate(state->uuid_reps, &iterator->it.uuid);
		case REP_KEY_TEXT:
			return (RepSums *) reptexttab_iterate(state->text_reps, &iterator->it.text);
	}
	pg_unreachable();
}

/* The entry in 'into' of the rep of 'from' whose entry is 'source'. */
static RepSums *
rep_totals_like(RepAttainmentState *into, const RepAttainmentState *from, const RepSums *source)
{
	bool		found;

	switch (from->key_type)
	{
		case REP_KEY_BIGINT:
			return rep_totals(into, ((const RepTotals *) source)->rep);
		case REP_KEY_UUID:
			return rep_uuid_totals(into, &((const RepUuidTotals *) source)->rep, &found);
		case REP_KEY_TEXT:
			{
				RepTextKey	key = ((const RepTextTotals *) source)->rep;

				return rep_text_totals(into, from->arena + key.offset, key.length, &found);
			}
	}
	pg_unreachable();
}

static void
rep_check_key_types(RepKeyType a, RepKeyType b)
{
	if (a != b)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("cannot combine attainment_by_rep states of rep key types \"%c\" and \"%c\"", a, b)));
}

PG_FUNCTION_INFO_V1(attainment_by_rep_combine);
Datum
attainment_by_rep_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = salesops_aggcontext(fcinfo, "attainment_by_rep_combine");
	RepAttainmentState *into = PG_ARGISNULL(0) ? NULL : (RepAttainmentState *) PG_GETARG_POINTER(0);
	RepAttainmentState *from = PG_ARGISNULL(1) ? NULL : (RepAttainmentState *) PG_GETARG_POINTER(1);
	RepIterator iterator;
	RepSums    *source;

	if (from == NULL)
	{
		if (into == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(into);
	}
	/* 'from' may live in a shorter-lived context (a deserialized state): copy */
	if (into == NULL)
		into = rep_state_new(aggcontext, from->key_type, Max(rep_count(from), REP_TABLE_INITIAL_SIZE));
	rep_check_key_types(into->key_type, from->key_type);
	rep_start_iterate(from, &iterator);
	while ((source = rep_iterate(&iterator)) != NULL)
	{
		RepSums    *target = rep_totals_like(into, from, source);
		ExactSum	achieved;
		ExactSum	quota;

		target->has_quota |= source->has_quota;
		rep_exact_sums(from, source, &achieved, &quota);
		rep_add_exact(into, target, &achieved, &quota);
	}
	PG_RETURN_POINTER(into);
}

static void
rep_send_key(StringInfo buf, const RepAttainmentState *state, const RepSums *totals)
{
	switch (state->key_type)
	{
		case REP_KEY_BIGINT:
			pq_sendint64(buf, ((const RepTotals *) totals)->rep);
			break;
		case REP_KEY_UUID:
			pq_sendbytes(buf, (const char *) ((const RepUuidTotals *) totals)->rep.data, UUID_LEN);
			break;
		case REP_KEY_TEXT:
			{
				RepTextKey	key = ((const RepTextTotals *) totals)->rep;

				pq_sendint32(buf, key.length);
				pq_sendbytes(buf, state->arena + key.offset, key.length);
			}
			break;
	}
}

/*
 * Format: version byte, key type byte ('b', 't' or 'u'), rep count, then per
 * rep: the key (int64; int32 length and the bytes; 16 bytes), has_quota, the
 * two sums.
 */
PG_FUNCTION_INFO_V1(attainment_by_rep_serialize);
Datum
attainment_by_rep_serialize(PG_FUNCTION_ARGS)
{
	RepAttainmentState *state = (RepAttainmentState *) PG_GETARG_POINTER(0);
	RepIterator iterator;
	RepSums    *totals;
	StringInfoData buf;

	salesops_begin_state(&buf);
	pq_sendbyte(&buf, state->key_type);
	pq_sendint32(&buf, rep_count(state));
	rep_start_iterate(state, &iterator);
	while ((totals = rep_iterate(&iterator)) != NULL)
	{
		ExactSum	achieved;
		ExactSum	quota;

		rep_exact_sums(state, totals, &achieved, &quota);
		rep_send_key(&buf, state, totals);
		pq_sendbyte(&buf, totals->has_quota);
		exact_sum_serialize(&buf, &achieved);
		exact_sum_serialize(&buf, &quota);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static void
rep_duplicate_error(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("a rep appears twice in serialized attainment_by_rep state")));
}

/* Read one rep's key and make its (new) entry. */
static RepSums *
rep_recv_key(StringInfo buf, RepAttainmentState *state)
{
	bool		found = false;
	RepSums    *totals = NULL;

	switch (state->key_type)
	{
		case REP_KEY_BIGINT:
			{
				int64		rep = pq_getmsgint64(buf);

				totals = (RepSums *) reptab_insert(state->reps, rep, &found);
				if (found)
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
							 errmsg("rep " INT64_FORMAT " appears twice in serialized attainment_by_rep state", rep)));
				rep_totals_init(totals);
			}
			break;
		case REP_KEY_UUID:
			{
				pg_uuid_t	rep;

				pq_copymsgbytes(buf, (char *) rep.data, UUID_LEN);
				totals = rep_uuid_totals(state, &rep, &found);
			}
			break;
		case REP_KEY_TEXT:
			{
				uint32		length = pq_getmsgint(buf, 4);

				if (length > (uint32) (buf->len - buf->cursor))
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
							 errmsg("invalid rep key length %u in serialized attainment_by_rep state", length)));
				totals = rep_text_totals(state, pq_getmsgbytes(buf, length), length, &found);
			}
			break;
	}
	if (found)
		rep_duplicate_error();
	return totals;
}

PG_FUNCTION_INFO_V1(attainment_by_rep_deserialize);
Datum
attainment_by_rep_deserialize(PG_FUNCTION_ARGS)
{
	StringInfoData buf;
	int			key_type;
	uint32		count;
	RepAttainmentState *state;

	salesops_begin_read(&buf, PG_GETARG_BYTEA_PP(0), "attainment_by_rep state");
	key_type = pq_getmsgbyte(&buf);
	if (key_type != REP_KEY_BIGINT && key_type != REP_KEY_TEXT && key_type != REP_KEY_UUID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid rep key type %d in serialized attainment_by_rep state", key_type)));
	count = pq_getmsgint(&buf, 4);
	/* each rep takes well over 16 bytes: a count beyond that is corrupt */
	if (count > (uint32) (buf.len - buf.cursor) / 16)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid rep count %u in serialized attainment_by_rep state", count)));
	state = rep_state_new(CurrentMemoryContext, (RepKeyType) key_type, Max(count, REP_TABLE_INITIAL_SIZE));
	for (uint32 i = 0; i < count; i++)
	{
		RepSums    *totals;
		ExactSum	achieved;
		ExactSum	quota;

		CHECK_FOR_INTERRUPTS();
		totals = rep_recv_key(&buf, state);
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
	AttainmentBuild *build = attainment_build_begin();
	AttainmentSummary *summary;
	RepIterator iterator;
	RepSums    *totals;

	rep_start_iterate(state, &iterator);
	while ((totals = rep_iterate(&iterator)) != NULL)
	{
		ExactSum	achieved;
		ExactSum	quota;

		if (!totals->has_quota)
			continue;
		rep_exact_sums(state, totals, &achieved, &quota);
		attainment_build_add(build, &achieved, &quota);
	}
	summary = attainment_build_finish(build);
	if (summary == NULL)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(summary);
}
