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
 *
 * The largest group.  A parallel worker hands its state to the leader
 * serialized, as one bytea, so a group's reps must fit the 1 GB of one
 * value (MaxAllocSize) in the compact form below (about 11 bytes per rep
 * with a bigint key and money sums, 28 with an 18-character text key).
 * So that a serial plan never succeeds where a parallel one would fail, the
 * transition and combine functions charge each new rep the most its
 * serialized form can take, whatever its sums become (REP_FAST_BYTES plus
 * its key: 28 bytes with a bigint key, 36 with a uuid, 21 plus the bytes
 * of a text key), and fail with "attainment_by_rep group is too large" as
 * soon as the group's charge passes 1 GB: a worker holds a part of the
 * group's reps, so its state is never larger than the group's charge.  A
 * rep whose sums leave 64 bits is charged more (their numeric text), as
 * the state at hand holds it: only there, near the limit, can a worker's
 * part whose sums left 64 bits where the whole group's did not (or the
 * other way round) count differently.  The summary the final function
 * builds holds up to about 67 million rated reps (16 bytes each,
 * attainment.c), more than any group within this limit can have (static
 * assertion below).
 */
#include "attainment.h"

#include "common/hashfn.h"
#include "common/int.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "port/pg_bitutils.h"
#include "utils/memutils.h"
#include "utils/uuid.h"

#include "summary.h"

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

/* The two sums of a rep, as indexes (RepSlowSums.spill_text). */
#define REP_ACHIEVED 0
#define REP_QUOTA 1

typedef struct RepSlowSums
{
	ExactSum	achieved;
	ExactSum	quota;
	uint32		spill_text[2];	/* characters of each spill's numeric text, as charged */
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
	uint64		serial_bound;	/* the most bytes the serialized state can take */
};

/*
 * The serialized state (a parallel worker's, never stored, so its format is
 * free to change; REP_STATE_FORMAT tells a leader and a worker of different
 * builds apart).  After salesops_begin_state's version byte: the format
 * byte, the key type byte, the rep count (uint32), then each rep:
 *
 *	flags			REP_HAS_QUOTA, REP_SLOW, REP_ACHIEVED_SCALE, REP_QUOTA_SCALE;
 *					bigint keys: the key's length (0-8 bytes) in the high nibble
 *	lengths			fast reps only: the byte lengths (0-8) of the two sums,
 *					achieved in the low nibble, quota in the high one
 *	key				bigint: zigzag-encoded, little-endian, in 'length' bytes;
 *					uuid: its 16 bytes; text: its length (varint), its bytes
 *	fast reps:		the achieved scale, then the quota scale, each one byte
 *					only when it differs from the previous fast rep's (both
 *					start at 0); then the two sums, zigzag-encoded int64 units,
 *					little-endian, in their lengths (0 bytes for 0)
 *	slow reps:		the two sums as NUL-terminated numeric texts (exact_sum_result)
 *
 * A rep without a quota (REP_HAS_QUOTA clear) has a quota of 0 at scale 0
 * (it is only ever added to with a quota): nothing of its quota is written.
 */
#define REP_STATE_FORMAT 2

#define REP_HAS_QUOTA		0x01
#define REP_SLOW			0x02
#define REP_ACHIEVED_SCALE	0x04
#define REP_QUOTA_SCALE		0x08
#define REP_KEY_LENGTH_SHIFT 4

/* varlena header, version, format, key type, rep count */
#define REP_SERIAL_HEADER_BYTES (VARHDRSZ + 3 + 4)

/* The most a fast rep takes besides its key: flags, lengths, 2 scales, 2 sums. */
#define REP_FAST_BYTES (1 + 1 + 2 + 2 * 8)

/* What a bigint and a uuid key take at most; a text key, its length and bytes. */
#define REP_BIGINT_KEY_BYTES 8
#define REP_UUID_KEY_BYTES UUID_LEN

/*
 * A slow sum's text: exact_sum_result is its core plus its spill, whose
 * text is at most as long as both texts together; the core (|units| <
 * 10^37 at a scale of at most 36) prints in at most 39 characters, NaN and
 * infinities in 9.  With the NUL: 40 plus the spill's text.
 */
#define REP_SLOW_SUM_BYTES 40

/* A slow rep: flags, two sum texts, instead of the fast rep's bytes. */
#define REP_SLOW_EXTRA_BYTES (1 + 2 * REP_SLOW_SUM_BYTES - REP_FAST_BYTES)

/*
 * The largest serialized state: a StringInfo (where pq_begintypsend puts the
 * varlena header too) holds at most MaxAllocSize - 1 bytes.
 */
#define REP_SERIAL_LIMIT ((uint64) MaxAllocSize - 1)

/*
 * The final summary takes 16 bytes per rated rep after a fixed part of 136
 * bytes (attainment.c), so a group within REP_SERIAL_LIMIT, at 21 bytes per
 * rep at least, always fits it: serialization is the limit that binds.
 */
StaticAssertDecl(REP_SERIAL_LIMIT / (REP_FAST_BYTES + 1) * 16 + 65536 < MaxAllocSize,
				 "a group that serializes fits an attainment summary");

static void rep_group_too_large(const RepAttainmentState *state) pg_attribute_noreturn();

/*
 * Charge 'bytes' more to the serialized state's bound, for a new rep (its
 * most) or a rep's slow sums: an error as soon as the group cannot be
 * serialized, on every plan alike.
 */
static inline void
rep_charge(RepAttainmentState *state, uint64 bytes)
{
	state->serial_bound += bytes;
	if (unlikely(state->serial_bound > REP_SERIAL_LIMIT))
		rep_group_too_large(state);
}

/* Bytes of a varint (7 bits a byte, low first), as text key lengths are written. */
static inline int
rep_varint_length(uint32 value)
{
	int			length = 1;

	while (value >= 0x80)
	{
		value >>= 7;
		length++;
	}
	return length;
}

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
	state->serial_bound = REP_SERIAL_HEADER_BYTES;
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

/*
 * A group whose reps cannot all be serialized (see the top of the file):
 * the same error in the transition of a serial plan, in a worker and in the
 * leader's combine.
 */
static void
rep_group_too_large(const RepAttainmentState *state)
{
	if (state->key_type == REP_KEY_TEXT)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("attainment_by_rep group is too large"),
				 errdetail("A group's reps must fit in 1 GB to pass between parallel workers: %d bytes per rep plus the bytes of its text key, more for keys of 128 bytes or longer and for sums that are NaN or infinite or do not fit 64-bit integers at up to 18 decimals. This group reached %u reps with " UINT64_FORMAT " bytes of keys.",
						   REP_FAST_BYTES + 1, rep_count(state), state->arena_used),
				 errhint("Summarize smaller groups, for example per team or per period, and combine their figures.")));
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("attainment_by_rep group is too large"),
			 errdetail("A group holds at most " UINT64_FORMAT " reps with %s keys, fewer if some sums are NaN or infinite or do not fit 64-bit integers at up to 18 decimals: its state must fit in 1 GB to pass between parallel workers.",
					   (REP_SERIAL_LIMIT - REP_SERIAL_HEADER_BYTES) /
					   (REP_FAST_BYTES + (state->key_type == REP_KEY_BIGINT ? REP_BIGINT_KEY_BYTES : REP_UUID_KEY_BYTES)),
					   state->key_type == REP_KEY_BIGINT ? "bigint" : "uuid"),
			 errhint("Summarize smaller groups, for example per team or per period, and combine their figures.")));
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

/* The rep's totals, made empty (and charged) when it is new. */
static inline RepSums *
rep_totals(RepAttainmentState *state, int64 rep, bool *found)
{
	RepTotals  *totals = reptab_insert(state->reps, rep, found);

	if (!*found)
	{
		rep_totals_init((RepSums *) totals);
		rep_charge(state, REP_FAST_BYTES + REP_BIGINT_KEY_BYTES);
	}
	return (RepSums *) totals;
}

static inline RepSums *
rep_uuid_totals(RepAttainmentState *state, const pg_uuid_t *rep, bool *found)
{
	RepUuidTotals *totals = repuuidtab_insert(state->uuid_reps, *rep, found);

	if (!*found)
	{
		rep_totals_init((RepSums *) totals);
		rep_charge(state, REP_FAST_BYTES + REP_UUID_KEY_BYTES);
	}
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
		rep_group_too_large(state);
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
		rep_charge(state, REP_FAST_BYTES + rep_varint_length(length) + (uint64) length);
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
			rep_group_too_large(state);
		state->slow = state->slow == NULL ?
			MemoryContextAlloc(state->context, capacity * sizeof(RepSlowSums)) :
			repalloc_huge(state->slow, capacity * sizeof(RepSlowSums));
		state->slow_capacity = capacity;
	}
	totals->slow = state->slow_count++;
	sums = &state->slow[totals->slow];
	exact_sum_init(&sums->achieved);
	exact_sum_init(&sums->quota);
	/* int64 units at scale <= 18 always fit the core: no spill yet */
	exact_sum_add_scaled(&sums->achieved, totals->achieved, totals->achieved_scale, state->context);
	exact_sum_add_scaled(&sums->quota, totals->quota, totals->quota_scale, state->context);
	sums->spill_text[REP_ACHIEVED] = 0;
	sums->spill_text[REP_QUOTA] = 0;
	rep_charge(state, REP_SLOW_EXTRA_BYTES);
	return sums;
}

static inline ExactSum *
rep_slow_sum(RepSlowSums *sums, int which)
{
	return which == REP_ACHIEVED ? &sums->achieved : &sums->quota;
}

/*
 * Charge a slow sum's spill as it is now (its numeric text); called only
 * when the spill may have changed, which is rare even among slow reps.
 */
static void
rep_charge_spill(RepAttainmentState *state, RepSlowSums *sums, int which)
{
	Numeric		spill = rep_slow_sum(sums, which)->spill;
	uint32		text = 0;

	if (spill != NULL)
	{
		char	   *digits = salesops_numeric_out(spill);

		text = strlen(digits);
		pfree(digits);
	}
	state->serial_bound -= sums->spill_text[which];
	sums->spill_text[which] = text;
	rep_charge(state, text);
}

/*
 * Add one row's amount, read as 'class' and 'value', to a slow sum: as
 * exact_sum_add_money, charging the spill when it changes.
 */
static void
rep_slow_add(RepAttainmentState *state, RepSlowSums *sums, int which, Money amount,
			 NumericClass class, const ScaledValue *value, MemoryContext aggcontext)
{
	ExactSum   *sum = rep_slow_sum(sums, which);

	if (class == NUMERIC_CLASS_SCALED)
	{
		if (exact_core_add_scaled(&sum->core, value->digits, value->scale))
			return;
		exact_sum_add_scaled(sum, value->digits, value->scale, aggcontext);
	}
	else if (exact_core_count_special(&sum->core, class))
		return;
	else
		exact_sum_add_numeric(sum, money_numeric(amount), aggcontext);
	rep_charge_spill(state, sums, which);
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
	/* a spill, once made, stays: without one now, none changed */
	if (sums->achieved.spill != NULL)
		rep_charge_spill(state, sums, REP_ACHIEVED);
	if (sums->quota.spill != NULL)
		rep_charge_spill(state, sums, REP_QUOTA);
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
			rep_slow_add(state, rep_slow_sums(state, totals), REP_ACHIEVED, achieved, class, &value,
						 aggcontext);
	}
	if (!PG_ARGISNULL(3))
	{
		Money		quota = money_arg(fcinfo, 3);

		(void) quota_read(quota, &class, &value);
		if (totals->slow >= 0 || class != NUMERIC_CLASS_SCALED ||
			!rep_units_add(&totals->quota, &totals->quota_scale, value.digits, value.scale))
			rep_slow_add(state, rep_slow_sums(state, totals), REP_QUOTA, quota, class, &value,
						 aggcontext);
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
	bool		found;

	if (state == NULL)
		RETURN_STATE_OF_SKIPPED_ROW();
	rep_add_row(state, rep_totals(state, PG_GETARG_INT64(1), &found), fcinfo, aggcontext);
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
			return rep_totals(into, ((const RepTotals *) source)->rep, &found);
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

/* ---------- the serialized state ---------- */

/* An int64 as a uint64 whose length grows with its magnitude: 0, -1, 1, -2, ... */
static inline uint64
rep_zigzag(int64 value)
{
	return ((uint64) value << 1) ^ (value < 0 ? PG_UINT64_MAX : 0);
}

static inline int64
rep_unzigzag(uint64 value)
{
	return (int64) ((value >> 1) ^ (0 - (value & 1)));
}

/* Bytes of a value written little-endian without its high zero bytes (0 for 0). */
static inline int
rep_uint_length(uint64 value)
{
	return value == 0 ? 0 : pg_leftmost_one_pos64(value) / 8 + 1;
}

static inline char *
rep_put_uint(char *out, uint64 value, int length)
{
	for (int i = 0; i < length; i++)
		*out++ = (char) (value >> (8 * i));
	return out;
}

static inline char *
rep_put_varint(char *out, uint32 value)
{
	while (value >= 0x80)
	{
		*out++ = (char) (value | 0x80);
		value >>= 7;
	}
	*out++ = (char) value;
	return out;
}

/* A slow sum as numeric text with its NUL. */
static void
rep_send_slow_sum(StringInfo buf, const ExactSum *sum)
{
	char	   *text = salesops_numeric_out(exact_sum_result(sum));

	appendBinaryStringInfo(buf, text, strlen(text) + 1);
}

/*
 * Write one rep.  'achieved_scale' and 'quota_scale' are the scales the
 * reader holds (those of the last fast rep written), updated.  The rep's
 * fast form is written in place, into room of at most what rep_charge
 * counted for it, so that a state within REP_SERIAL_LIMIT never asks the
 * buffer for more.
 */
static void
rep_send(StringInfo buf, const RepAttainmentState *state, const RepSums *totals,
		 int8 *achieved_scale, int8 *quota_scale, MemoryContext slow_context)
{
	uint8		flags = totals->has_quota ? REP_HAS_QUOTA : 0;
	uint64		bigint_key = 0;
	const char *key_bytes = NULL;
	uint32		key_length = 0;
	uint64		charged = REP_FAST_BYTES;
	char	   *start;
	char	   *out;
	uint64		achieved;
	uint64		quota;
	int			achieved_length;
	int			quota_length;

	switch (state->key_type)
	{
		case REP_KEY_BIGINT:
			bigint_key = rep_zigzag(((const RepTotals *) totals)->rep);
			key_length = rep_uint_length(bigint_key);
			flags |= key_length << REP_KEY_LENGTH_SHIFT;
			charged += REP_BIGINT_KEY_BYTES;
			break;
		case REP_KEY_UUID:
			key_bytes = (const char *) ((const RepUuidTotals *) totals)->rep.data;
			key_length = UUID_LEN;
			charged += REP_UUID_KEY_BYTES;
			break;
		case REP_KEY_TEXT:
			{
				RepTextKey	key = ((const RepTextTotals *) totals)->rep;

				key_bytes = state->arena + key.offset;
				key_length = key.length;
				charged += rep_varint_length(key_length) + (uint64) key_length;
			}
			break;
	}
	enlargeStringInfo(buf, (int) charged);
	start = buf->data + buf->len;
	out = start + (totals->slow >= 0 ? 1 : 2);	/* flags (and lengths) go in last */
	if (state->key_type == REP_KEY_BIGINT)
		out = rep_put_uint(out, bigint_key, key_length);
	else
	{
		if (state->key_type == REP_KEY_TEXT)
			out = rep_put_varint(out, key_length);
		memcpy(out, key_bytes, key_length);
		out += key_length;
	}

	if (totals->slow >= 0)
	{
		const RepSlowSums *sums = &state->slow[totals->slow];
		MemoryContext outer = MemoryContextSwitchTo(slow_context);

		start[0] = (char) (flags | REP_SLOW);
		buf->len = out - buf->data;
		rep_send_slow_sum(buf, &sums->achieved);
		if (totals->has_quota)
			rep_send_slow_sum(buf, &sums->quota);
		MemoryContextSwitchTo(outer);
		MemoryContextReset(slow_context);
		return;
	}

	achieved = rep_zigzag(totals->achieved);
	quota = totals->has_quota ? rep_zigzag(totals->quota) : 0;
	achieved_length = rep_uint_length(achieved);
	quota_length = rep_uint_length(quota);
	if (totals->achieved_scale != *achieved_scale)
	{
		flags |= REP_ACHIEVED_SCALE;
		*out++ = (char) totals->achieved_scale;
		*achieved_scale = totals->achieved_scale;
	}
	if (totals->has_quota && totals->quota_scale != *quota_scale)
	{
		flags |= REP_QUOTA_SCALE;
		*out++ = (char) totals->quota_scale;
		*quota_scale = totals->quota_scale;
	}
	out = rep_put_uint(out, achieved, achieved_length);
	out = rep_put_uint(out, quota, quota_length);
	start[0] = (char) flags;
	start[1] = (char) (achieved_length | quota_length << 4);
	buf->len = out - buf->data;
	buf->data[buf->len] = '\0';
}

PG_FUNCTION_INFO_V1(attainment_by_rep_serialize);
Datum
attainment_by_rep_serialize(PG_FUNCTION_ARGS)
{
	RepAttainmentState *state = (RepAttainmentState *) PG_GETARG_POINTER(0);
	MemoryContext slow_context = NULL;
	RepIterator iterator;
	RepSums    *totals;
	StringInfoData buf;
	int8		achieved_scale = 0;
	int8		quota_scale = 0;

	/* the numerics of the slow reps' texts, freed after each */
	if (state->slow_count > 0)
		slow_context = AllocSetContextCreate(CurrentMemoryContext, "attainment_by_rep serialize",
											 ALLOCSET_SMALL_SIZES);
	salesops_begin_state(&buf);
	pq_sendbyte(&buf, REP_STATE_FORMAT);
	pq_sendbyte(&buf, state->key_type);
	pq_sendint32(&buf, rep_count(state));
	rep_start_iterate(state, &iterator);
	while ((totals = rep_iterate(&iterator)) != NULL)
		rep_send(&buf, state, totals, &achieved_scale, &quota_scale, slow_context);
	if (slow_context != NULL)
		MemoryContextDelete(slow_context);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * What no worker writes: 22P03, as for any malformed binary value (the
 * readers below check every length, so that no pq_getmsg* call fails).
 */
static void
rep_state_invalid(const char *detail) pg_attribute_noreturn();

static void
rep_state_invalid(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid serialized attainment_by_rep state"),
			 errdetail("%s", detail)));
}

static inline const char *
rep_get_bytes(StringInfo buf, uint32 length)
{
	const char *bytes = buf->data + buf->cursor;

	if (length > (uint32) (buf->len - buf->cursor))
		rep_state_invalid("The state ends before its last field.");
	buf->cursor += length;
	return bytes;
}

static inline uint8
rep_get_byte(StringInfo buf)
{
	return (uint8) *rep_get_bytes(buf, 1);
}

static inline uint64
rep_get_uint(StringInfo buf, int length)
{
	const uint8 *bytes = (const uint8 *) rep_get_bytes(buf, length);
	uint64		value = 0;

	for (int i = 0; i < length; i++)
		value |= (uint64) bytes[i] << (8 * i);
	return value;
}

static uint32
rep_get_varint(StringInfo buf)
{
	uint64		value = 0;

	for (int shift = 0; shift < 35; shift += 7)
	{
		uint8		byte = rep_get_byte(buf);

		value |= (uint64) (byte & 0x7F) << shift;
		if ((byte & 0x80) == 0)
		{
			if (value > PG_UINT32_MAX)
				break;
			return (uint32) value;
		}
	}
	rep_state_invalid("A text key's length is out of range.");
}

static int8
rep_get_scale(StringInfo buf)
{
	uint8		scale = rep_get_byte(buf);

	if (scale > SCALED_MAX_SCALE)
		rep_state_invalid(psprintf("A scale of %d is out of range.", scale));
	return (int8) scale;
}

/* A slow sum's numeric text. */
static void
rep_get_slow_sum(StringInfo buf, ExactSum *sum)
{
	const char *text = buf->data + buf->cursor;
	const char *end = memchr(text, '\0', buf->len - buf->cursor);

	if (end == NULL)
		rep_state_invalid("A sum's text is not terminated.");
	buf->cursor += end - text + 1;
	if (!exact_sum_from_literal(text, sum))
		rep_state_invalid("A sum's text is not a number.");
}

/* Read one rep's key and make its (new) entry. */
static RepSums *
rep_recv_key(StringInfo buf, RepAttainmentState *state, int key_length)
{
	bool		found = false;
	RepSums    *totals = NULL;

	switch (state->key_type)
	{
		case REP_KEY_BIGINT:
			totals = rep_totals(state, rep_unzigzag(rep_get_uint(buf, key_length)), &found);
			break;
		case REP_KEY_UUID:
			{
				pg_uuid_t	rep;

				memcpy(rep.data, rep_get_bytes(buf, UUID_LEN), UUID_LEN);
				totals = rep_uuid_totals(state, &rep, &found);
			}
			break;
		case REP_KEY_TEXT:
			{
				uint32		length = rep_get_varint(buf);

				totals = rep_text_totals(state, rep_get_bytes(buf, length), length, &found);
			}
			break;
	}
	if (found)
		rep_state_invalid("A rep appears twice.");
	return totals;
}

/* Read one rep, as rep_send wrote it. */
static void
rep_recv(StringInfo buf, RepAttainmentState *state, int8 *achieved_scale, int8 *quota_scale)
{
	uint8		flags = rep_get_byte(buf);
	int			key_length = flags >> REP_KEY_LENGTH_SHIFT;
	bool		has_quota = (flags & REP_HAS_QUOTA) != 0;
	RepSums    *totals;
	int			achieved_length;
	int			quota_length;

	if ((state->key_type == REP_KEY_BIGINT ? key_length > REP_BIGINT_KEY_BYTES : key_length != 0) ||
		((flags & REP_SLOW) && (flags & (REP_ACHIEVED_SCALE | REP_QUOTA_SCALE))) ||
		(!has_quota && (flags & REP_QUOTA_SCALE)))
		rep_state_invalid(psprintf("Invalid rep flags %d.", flags));
	if (flags & REP_SLOW)
	{
		ExactSum	achieved;
		ExactSum	quota;

		totals = rep_recv_key(buf, state, key_length);
		totals->has_quota = has_quota;
		rep_get_slow_sum(buf, &achieved);
		exact_sum_init(&quota);
		if (has_quota)
		{
			rep_get_slow_sum(buf, &quota);
			/* each quota is checked as it is added: so is their sum */
			if (!exact_core_is_finite(&quota.core) || exact_sum_is_negative(&quota))
				rep_state_invalid("A rep's quota is not a finite amount of zero or more.");
		}
		rep_add_exact(state, totals, &achieved, &quota);
		return;
	}

	achieved_length = rep_get_byte(buf);
	quota_length = achieved_length >> 4;
	achieved_length &= 0x0F;
	if (achieved_length > 8 || quota_length > 8 || (!has_quota && quota_length != 0))
		rep_state_invalid("Invalid lengths of a rep's sums.");
	totals = rep_recv_key(buf, state, key_length);
	if (flags & REP_ACHIEVED_SCALE)
		*achieved_scale = rep_get_scale(buf);
	if (flags & REP_QUOTA_SCALE)
		*quota_scale = rep_get_scale(buf);
	totals->achieved = rep_unzigzag(rep_get_uint(buf, achieved_length));
	totals->achieved_scale = *achieved_scale;
	totals->has_quota = has_quota;
	if (has_quota)
	{
		totals->quota = rep_unzigzag(rep_get_uint(buf, quota_length));
		totals->quota_scale = *quota_scale;
		if (totals->quota < 0)
			rep_state_invalid("A rep's quota is not a finite amount of zero or more.");
	}
}

PG_FUNCTION_INFO_V1(attainment_by_rep_deserialize);
Datum
attainment_by_rep_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *serialized = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	int			format;
	int			key_type;
	uint32		count;
	uint64		least_charge;
	int8		achieved_scale = 0;
	int8		quota_scale = 0;
	RepAttainmentState *state;

	if (VARSIZE_ANY_EXHDR(serialized) < REP_SERIAL_HEADER_BYTES - VARHDRSZ)
		rep_state_invalid("The state ends before its last field.");
	salesops_begin_read(&buf, serialized, "attainment_by_rep state");
	format = rep_get_byte(&buf);
	if (format != REP_STATE_FORMAT)
		rep_state_invalid(psprintf("Unknown state format %d (this build writes %d).", format, REP_STATE_FORMAT));
	key_type = rep_get_byte(&buf);
	if (key_type != REP_KEY_BIGINT && key_type != REP_KEY_TEXT && key_type != REP_KEY_UUID)
		rep_state_invalid(psprintf("Unknown rep key type %d.", key_type));
	count = pq_getmsgint(&buf, 4);	/* there: the length was checked */
	/*
	 * Each rep takes 2 bytes at least, and was charged at least
	 * REP_FAST_BYTES and its key: a count beyond either is corrupt (and would
	 * size the table for nothing).
	 */
	least_charge = REP_FAST_BYTES + (key_type == REP_KEY_BIGINT ? REP_BIGINT_KEY_BYTES :
									 key_type == REP_KEY_UUID ? REP_UUID_KEY_BYTES : 1);
	if (count > (uint32) (buf.len - buf.cursor) / 2 ||
		count > (REP_SERIAL_LIMIT - REP_SERIAL_HEADER_BYTES) / least_charge)
		rep_state_invalid(psprintf("A rep count of %u does not match the size of the state.", count));
	state = rep_state_new(CurrentMemoryContext, (RepKeyType) key_type, Max(count, REP_TABLE_INITIAL_SIZE));
	for (uint32 i = 0; i < count; i++)
	{
		CHECK_FOR_INTERRUPTS();
		rep_recv(&buf, state, &achieved_scale, &quota_scale);
	}
	if (buf.cursor != buf.len)
		rep_state_invalid("Bytes follow the last rep.");
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
