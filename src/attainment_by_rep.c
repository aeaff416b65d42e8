/*
 * attainment_by_rep.c
 *	  attainment_by_rep(rep, achieved, quota): the attainment summary from raw
 *	  deal and quota rows, summed per rep first; and rep_attainment, those
 *	  per-rep sums as a storable summary that rolls up.
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
 * rep_attainment(rep, achieved, quota) (0.7.0) stops before that last
 * step: its value is the per-rep sums themselves (with whether each rep has
 * a quota row), stored in the compact form below with the reps in key
 * order, so that rollup() adds them rep by rep however one rep's rows were
 * split across days or shards, and attainment(rep_attainment) rates the
 * reps once, at the end.  Since 0.7.0 it is attainment_by_rep's state too
 * (an expanded object, summary.h): a real type, so Citus splits both.  The
 * internal-state functions of 0.5.0 (attainment_by_rep_trans, _combine,
 * _serialize, _deserialize, _final over internal) remain for databases not
 * yet updated; they share everything but the way the state is passed.
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
 * The largest group.  A parallel worker hands its state to the leader as
 * one value (the stored rep_attainment; before 0.7.0 a serialized bytea),
 * and a stored value is one too, so a group's reps must fit the 1 GB of one
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
#include "varint.h"

#include "access/htup_details.h"
#include "common/hashfn.h"
#include "funcapi.h"
#include "common/int.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "port/pg_bitutils.h"
#include "utils/builtins.h"
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

/*
 * Reps of a new state before the table first grows (it doubles: a team's
 * reps cost a few doublings).  Small, since a GROUP BY per rep and day
 * holds many states of one rep each: 16 slots of 32 bytes.
 */
#define REP_TABLE_INITIAL_SIZE 8

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
	ExpandedObjectHeader header;	/* as rep_attainment's state (unused as an internal one) */
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
	bytea	   *flat;			/* the stored form, between get_flat_size and flatten_into */
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
		rep_charge(state, REP_FAST_BYTES + varint_length(length) + (uint64) length);
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

static const char *
rep_key_type_name(RepKeyType key_type)
{
	switch (key_type)
	{
		case REP_KEY_BIGINT:
			return "bigint";
		case REP_KEY_TEXT:
			return "text";
		case REP_KEY_UUID:
			return "uuid";
	}
	pg_unreachable();
}

/* Reps of two key types never meet: 'A' is not rep 65, nor a uuid. */
static void
rep_check_key_types(RepKeyType a, RepKeyType b)
{
	if (a != b)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("cannot combine rep_attainment values of rep key types %s and %s",
						rep_key_type_name(a), rep_key_type_name(b)),
				 errdetail("Reps are matched by key, and keys of different types never match."),
				 errhint("Aggregate every part with rep keys of one type, for example cast to text.")));
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
				charged += varint_length(key_length) + (uint64) key_length;
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
			out = (char *) varint_put((uint8 *) out, key_length);
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

/*
 * The reps of a state in the order of their keys: the stored form's order
 * (bigint keys as numbers, uuid and text keys as bytes, a shorter text
 * before a longer one it starts), so that equal values have one form.
 */
typedef struct RepSorted
{
	int64		bigint_key;
	const char *key_bytes;		/* uuid and text keys; NULL for bigint */
	uint32		key_length;
	RepSums    *totals;
} RepSorted;

static int
rep_bytes_cmp(const char *a, uint32 a_length, const char *b, uint32 b_length)
{
	int			order = 0;

	if (Min(a_length, b_length) > 0)
		order = memcmp(a, b, Min(a_length, b_length));
	if (order != 0)
		return order;
	return (a_length > b_length) - (a_length < b_length);
}

static int
rep_sorted_cmp(const void *a, const void *b)
{
	const RepSorted *x = (const RepSorted *) a;
	const RepSorted *y = (const RepSorted *) b;

	if (x->bigint_key != y->bigint_key)
		return x->bigint_key < y->bigint_key ? -1 : 1;
	return rep_bytes_cmp(x->key_bytes, x->key_length, y->key_bytes, y->key_length);
}

/*
 * Write every rep of a state: in the table's order for a worker's
 * serialized state, in key order for the stored form.
 */
static void
rep_send_all(StringInfo buf, const RepAttainmentState *state, bool in_key_order)
{
	uint32		count = rep_count(state);
	MemoryContext slow_context = NULL;
	RepSorted  *sorted = NULL;
	RepIterator iterator;
	RepSums    *totals;
	uint32		n = 0;
	int8		achieved_scale = 0;
	int8		quota_scale = 0;

	pq_sendint32(buf, count);
	/* the numerics of the slow reps' texts, freed after each */
	if (state->slow_count > 0)
		slow_context = AllocSetContextCreate(CurrentMemoryContext, "rep_attainment write",
											 ALLOCSET_SMALL_SIZES);
	if (in_key_order)
		sorted = palloc_extended(Max(count, 1) * sizeof(RepSorted), MCXT_ALLOC_HUGE);
	rep_start_iterate(state, &iterator);
	while ((totals = rep_iterate(&iterator)) != NULL)
	{
		if (!in_key_order)
		{
			rep_send(buf, state, totals, &achieved_scale, &quota_scale, slow_context);
			continue;
		}
		sorted[n].bigint_key = 0;
		sorted[n].key_bytes = NULL;
		sorted[n].key_length = 0;
		sorted[n].totals = totals;
		switch (state->key_type)
		{
			case REP_KEY_BIGINT:
				sorted[n].bigint_key = ((const RepTotals *) totals)->rep;
				break;
			case REP_KEY_UUID:
				sorted[n].key_bytes = (const char *) ((const RepUuidTotals *) totals)->rep.data;
				sorted[n].key_length = UUID_LEN;
				break;
			case REP_KEY_TEXT:
				sorted[n].key_bytes = state->arena + ((const RepTextTotals *) totals)->rep.offset;
				sorted[n].key_length = ((const RepTextTotals *) totals)->rep.length;
				break;
		}
		n++;
	}
	if (in_key_order)
	{
		salesops_qsort(sorted, n, sizeof(RepSorted), rep_sorted_cmp);
		for (uint32 i = 0; i < n; i++)
		{
			CHECK_FOR_INTERRUPTS();
			rep_send(buf, state, sorted[i].totals, &achieved_scale, &quota_scale, slow_context);
		}
		pfree(sorted);
	}
	if (slow_context != NULL)
		MemoryContextDelete(slow_context);
}

PG_FUNCTION_INFO_V1(attainment_by_rep_serialize);
Datum
attainment_by_rep_serialize(PG_FUNCTION_ARGS)
{
	RepAttainmentState *state = (RepAttainmentState *) PG_GETARG_POINTER(0);
	StringInfoData buf;

	salesops_begin_state(&buf);
	pq_sendbyte(&buf, REP_STATE_FORMAT);
	pq_sendbyte(&buf, state->key_type);
	rep_send_all(&buf, state, false);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * The stored form (rep_attainment), made in the current context:
 *
 *	int32 vl_len_; uint8 version; uint8 key type; uint32 rep count (network
 *	order); then the reps in key order, each as in a serialized state.
 */
#define REP_ATTAINMENT_VERSION SALESOPS_FORMAT_VERSION
#define REP_ATTAINMENT_HEADER_BYTES (VARHDRSZ + 1 + 1 + 4)

static const SummaryType rep_attainment_type = {"rep_attainment", "amount", "the achieved and quota columns",
	REP_ATTAINMENT_VERSION, REP_ATTAINMENT_VERSION};

static bytea *
rep_state_stored(const RepAttainmentState *state)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, REP_ATTAINMENT_VERSION);
	pq_sendbyte(&buf, state->key_type);
	rep_send_all(&buf, state, true);
	return pq_endtypsend(&buf);
}

/* ---------- reading the compact form ---------- */

/*
 * A worker's serialized state or a stored rep_attainment being read: every
 * length is checked, so that a malformed value is an error (22P03, as for
 * any malformed binary value), never a read past its end.
 */
typedef struct RepInput
{
	StringInfoData buf;
	const char *what;			/* what the bytes are, for errors */
} RepInput;

static void rep_input_invalid(const RepInput *in, const char *detail) pg_attribute_noreturn();

static void
rep_input_invalid(const RepInput *in, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid %s", in->what),
			 errdetail("%s", detail)));
}

static inline const char *
rep_get_bytes(RepInput *in, uint32 length)
{
	const char *bytes = in->buf.data + in->buf.cursor;

	if (length > (uint32) (in->buf.len - in->buf.cursor))
		rep_input_invalid(in, "The value ends before its last field.");
	in->buf.cursor += length;
	return bytes;
}

static inline uint8
rep_get_byte(RepInput *in)
{
	return (uint8) *rep_get_bytes(in, 1);
}

static inline uint64
rep_get_uint(RepInput *in, int length)
{
	const uint8 *bytes = (const uint8 *) rep_get_bytes(in, length);
	uint64		value = 0;

	for (int i = 0; i < length; i++)
		value |= (uint64) bytes[i] << (8 * i);
	return value;
}

/* The rep count, as pq_sendint32 wrote it. */
static uint32
rep_get_count(RepInput *in)
{
	const uint8 *bytes = (const uint8 *) rep_get_bytes(in, 4);

	return (uint32) bytes[0] << 24 | (uint32) bytes[1] << 16 | (uint32) bytes[2] << 8 | bytes[3];
}

/* A text key's length, as varint_put wrote it. */
static uint32
rep_get_varint(RepInput *in)
{
	const uint8 *next = (const uint8 *) in->buf.data + in->buf.cursor;
	uint64		value;

	switch (varint_get(&next, (const uint8 *) in->buf.data + in->buf.len, 32, &value))
	{
		case VARINT_OK:
			break;
		case VARINT_TRUNCATED:
			rep_input_invalid(in, "The value ends before its last field.");
		case VARINT_TOO_WIDE:
			rep_input_invalid(in, "A text key's length is out of range.");
	}
	in->buf.cursor = (int) (next - (const uint8 *) in->buf.data);
	return (uint32) value;
}

static int8
rep_get_scale(RepInput *in)
{
	uint8		scale = rep_get_byte(in);

	if (scale > SCALED_MAX_SCALE)
		rep_input_invalid(in, psprintf("A scale of %d is out of range.", scale));
	return (int8) scale;
}

/* A slow sum's numeric text. */
static void
rep_get_slow_sum(RepInput *in, ExactSum *sum)
{
	const char *text = in->buf.data + in->buf.cursor;
	const char *end = memchr(text, '\0', in->buf.len - in->buf.cursor);

	if (end == NULL)
		rep_input_invalid(in, "A sum's text is not terminated.");
	in->buf.cursor += end - text + 1;
	if (!exact_sum_from_literal(text, sum))
		rep_input_invalid(in, "A sum's text is not a number.");
}

/* One rep as read: its key, and its sums as units (fast) or ExactSums (slow). */
typedef struct RepRead
{
	int64		bigint_key;
	pg_uuid_t	uuid_key;
	const char *text_key;		/* in the input's bytes */
	uint32		text_length;
	bool		has_quota;
	bool		slow;
	RepSums		fast;			/* sums and scales of a fast rep */
	ExactSum	achieved;		/* sums of a slow rep */
	ExactSum	quota;
} RepRead;

static void rep_quota_invalid(const RepInput *in) pg_attribute_noreturn();

static void
rep_quota_invalid(const RepInput *in)
{
	rep_input_invalid(in, "A rep's quota is not a finite amount of zero or more.");
}

/*
 * Read one rep, as rep_send wrote it.  'achieved_scale' and 'quota_scale'
 * are those of the last fast rep read (both 0 at the start), updated.
 */
static void
rep_read(RepInput *in, RepKeyType key_type, int8 *achieved_scale, int8 *quota_scale, RepRead *rep)
{
	uint8		flags = rep_get_byte(in);
	int			key_length = flags >> REP_KEY_LENGTH_SHIFT;
	int			achieved_length = 0;
	int			quota_length = 0;

	rep->has_quota = (flags & REP_HAS_QUOTA) != 0;
	rep->slow = (flags & REP_SLOW) != 0;
	if ((key_type == REP_KEY_BIGINT ? key_length > REP_BIGINT_KEY_BYTES : key_length != 0) ||
		(rep->slow && (flags & (REP_ACHIEVED_SCALE | REP_QUOTA_SCALE))) ||
		(!rep->has_quota && (flags & REP_QUOTA_SCALE)))
		rep_input_invalid(in, psprintf("Invalid rep flags %d.", flags));
	if (!rep->slow)
	{
		achieved_length = rep_get_byte(in);
		quota_length = achieved_length >> 4;
		achieved_length &= 0x0F;
		if (achieved_length > 8 || quota_length > 8 || (!rep->has_quota && quota_length != 0))
			rep_input_invalid(in, "Invalid lengths of a rep's sums.");
	}
	switch (key_type)
	{
		case REP_KEY_BIGINT:
			rep->bigint_key = rep_unzigzag(rep_get_uint(in, key_length));
			break;
		case REP_KEY_UUID:
			memcpy(rep->uuid_key.data, rep_get_bytes(in, UUID_LEN), UUID_LEN);
			break;
		case REP_KEY_TEXT:
			rep->text_length = rep_get_varint(in);
			rep->text_key = rep_get_bytes(in, rep->text_length);
			/* a text value: no NUL, and valid in the server encoding (as textrecv checks) */
			if (memchr(rep->text_key, '\0', rep->text_length) != NULL ||
				!pg_verifymbstr(rep->text_key, rep->text_length, true))
				rep_input_invalid(in, "A text rep key is not a valid string in the server encoding.");
			break;
	}
	if (rep->slow)
	{
		rep_get_slow_sum(in, &rep->achieved);
		exact_sum_init(&rep->quota);
		/* each quota is checked as it is added: so is their sum */
		if (rep->has_quota)
		{
			rep_get_slow_sum(in, &rep->quota);
			if (!exact_core_is_finite(&rep->quota.core) || exact_sum_is_negative(&rep->quota))
				rep_quota_invalid(in);
		}
		return;
	}
	rep_totals_init(&rep->fast);
	if (flags & REP_ACHIEVED_SCALE)
		*achieved_scale = rep_get_scale(in);
	if (flags & REP_QUOTA_SCALE)
		*quota_scale = rep_get_scale(in);
	rep->fast.achieved = rep_unzigzag(rep_get_uint(in, achieved_length));
	rep->fast.achieved_scale = *achieved_scale;
	if (rep->has_quota)
	{
		rep->fast.quota = rep_unzigzag(rep_get_uint(in, quota_length));
		rep->fast.quota_scale = *quota_scale;
		if (rep->fast.quota < 0)
			rep_quota_invalid(in);
	}
}

/* A rep's sums as ExactSums (a slow rep's spills shared, not to be changed). */
static void
rep_read_sums(const RepRead *rep, ExactSum *achieved, ExactSum *quota)
{
	if (rep->slow)
	{
		*achieved = rep->achieved;
		*quota = rep->quota;
		return;
	}
	exact_sum_init(achieved);
	exact_sum_init(quota);
	/* int64 units at scale <= 18 always fit the core */
	exact_core_add_scaled(&achieved->core, rep->fast.achieved, rep->fast.achieved_scale);
	exact_core_add_scaled(&quota->core, rep->fast.quota, rep->fast.quota_scale);
}

/* The order of two reps' keys, as the stored form sorts them. */
static int
rep_read_key_cmp(RepKeyType key_type, const RepRead *a, const RepRead *b)
{
	switch (key_type)
	{
		case REP_KEY_BIGINT:
			return (a->bigint_key > b->bigint_key) - (a->bigint_key < b->bigint_key);
		case REP_KEY_UUID:
			return rep_bytes_cmp((const char *) a->uuid_key.data, UUID_LEN,
								 (const char *) b->uuid_key.data, UUID_LEN);
		case REP_KEY_TEXT:
			return rep_bytes_cmp(a->text_key, a->text_length, b->text_key, b->text_length);
	}
	pg_unreachable();
}

/* The entry in 'state' of the rep read. */
static RepSums *
rep_totals_of_read(RepAttainmentState *state, const RepRead *rep, bool *found)
{
	switch (state->key_type)
	{
		case REP_KEY_BIGINT:
			return rep_totals(state, rep->bigint_key, found);
		case REP_KEY_UUID:
			return rep_uuid_totals(state, &rep->uuid_key, found);
		case REP_KEY_TEXT:
			return rep_text_totals(state, rep->text_key, rep->text_length, found);
	}
	pg_unreachable();
}

/* Read one rep into a state that must not hold it yet (a value's reps are distinct). */
static void
rep_recv(RepInput *in, RepAttainmentState *state, int8 *achieved_scale, int8 *quota_scale)
{
	RepRead		rep;
	RepSums    *totals;
	bool		found;

	rep_read(in, state->key_type, achieved_scale, quota_scale, &rep);
	totals = rep_totals_of_read(state, &rep, &found);
	if (found)
		rep_input_invalid(in, "A rep appears twice.");
	totals->has_quota = rep.has_quota;
	if (rep.slow)
	{
		rep_add_exact(state, totals, &rep.achieved, &rep.quota);
		return;
	}
	totals->achieved = rep.fast.achieved;
	totals->achieved_scale = rep.fast.achieved_scale;
	totals->quota = rep.fast.quota;
	totals->quota_scale = rep.fast.quota_scale;
}

/*
 * A key type byte and a rep count, checked against the bytes left: each
 * rep takes 2 bytes at least, and was charged at least REP_FAST_BYTES and
 * its key, so a count beyond either is corrupt (and would size a table for
 * nothing).
 */
static uint32
rep_get_header(RepInput *in, RepKeyType *key_type)
{
	int			type = rep_get_byte(in);
	uint32		count;
	uint64		least_charge;

	if (type != REP_KEY_BIGINT && type != REP_KEY_TEXT && type != REP_KEY_UUID)
		rep_input_invalid(in, psprintf("Unknown rep key type %d.", type));
	*key_type = (RepKeyType) type;
	count = rep_get_count(in);
	least_charge = REP_FAST_BYTES + (type == REP_KEY_BIGINT ? REP_BIGINT_KEY_BYTES :
									 type == REP_KEY_UUID ? REP_UUID_KEY_BYTES : 1);
	if (count > (uint32) (in->buf.len - in->buf.cursor) / 2 ||
		count > (REP_SERIAL_LIMIT - REP_SERIAL_HEADER_BYTES) / least_charge)
		rep_input_invalid(in, psprintf("A rep count of %u does not match the size of the value.", count));
	return count;
}

/* Every rep of 'in' into a new state in 'context'. */
static RepAttainmentState *
rep_recv_all(RepInput *in, RepKeyType key_type, uint32 count, MemoryContext context)
{
	RepAttainmentState *state = rep_state_new(context, key_type, Max(count, REP_TABLE_INITIAL_SIZE));
	int8		achieved_scale = 0;
	int8		quota_scale = 0;

	for (uint32 i = 0; i < count; i++)
	{
		CHECK_FOR_INTERRUPTS();
		rep_recv(in, state, &achieved_scale, &quota_scale);
	}
	if (in->buf.cursor != in->buf.len)
		rep_input_invalid(in, "Bytes follow the last rep.");
	return state;
}

PG_FUNCTION_INFO_V1(attainment_by_rep_deserialize);
Datum
attainment_by_rep_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *serialized = PG_GETARG_BYTEA_PP(0);
	RepInput	in;
	RepKeyType	key_type;
	uint32		count;
	int			format;
	RepAttainmentState *state;

	in.what = "serialized attainment_by_rep state";
	if (VARSIZE_ANY_EXHDR(serialized) < REP_SERIAL_HEADER_BYTES - VARHDRSZ)
		rep_input_invalid(&in, "The value ends before its last field.");
	salesops_begin_read(&in.buf, serialized, "attainment_by_rep state");
	format = rep_get_byte(&in);
	if (format != REP_STATE_FORMAT)
		rep_input_invalid(&in, psprintf("Unknown state format %d (this build writes %d).", format, REP_STATE_FORMAT));
	count = rep_get_header(&in, &key_type);
	state = rep_recv_all(&in, key_type, count, CurrentMemoryContext);
	salesops_end_read(&in.buf);
	PG_RETURN_POINTER(state);
}

/* The attainment summary of a state's rated reps, one row each. */
static void
rep_state_build(const RepAttainmentState *state, AttainmentBuild *build)
{
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
}

static Datum
rep_attainment_result(AttainmentBuild *build, FunctionCallInfo fcinfo)
{
	AttainmentSummary *summary = attainment_build_finish(build);

	if (summary == NULL)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(summary);
}

/*
 * The final function of attainment_by_rep over an internal state (0.5.0
 * and 0.6.0 databases not yet updated): the summary of the reps with a
 * quota, one attainment() row each: (Σ achieved, 0 when the rep has no
 * deal; Σ quota).  A rep without a quota is left out, as attainment()
 * skips a NULL quota.  NULL when no rep has one.
 */
PG_FUNCTION_INFO_V1(attainment_by_rep_final);
Datum
attainment_by_rep_final(PG_FUNCTION_ARGS)
{
	AttainmentBuild *build = attainment_build_begin();

	rep_state_build((RepAttainmentState *) PG_GETARG_POINTER(0), build);
	return rep_attainment_result(build, fcinfo);
}

/* ---------- rep_attainment: the stored per-rep summary ---------- */

/*
 * A stored rep_attainment being read rep by rep, in key order: accessors,
 * output, comparison and rollup read it in place, without a table.
 */
typedef struct RepStoredReader
{
	RepInput	in;
	RepKeyType	key_type;
	uint32		count;
	uint32		done;
	int8		achieved_scale;
	int8		quota_scale;
} RepStoredReader;

static void
rep_stored_open(RepStoredReader *reader, const struct varlena *value, const char *what)
{
	int			version;

	reader->in.what = what;
	reader->in.buf.data = (char *) VARDATA_ANY(value);
	reader->in.buf.len = VARSIZE_ANY_EXHDR(value);
	reader->in.buf.maxlen = 0;
	reader->in.buf.cursor = 0;
	version = rep_get_byte(&reader->in);
	if (version != REP_ATTAINMENT_VERSION)
		summary_version_error(&rep_attainment_type, version);
	reader->count = rep_get_header(&reader->in, &reader->key_type);
	reader->done = 0;
	reader->achieved_scale = 0;
	reader->quota_scale = 0;
}

/* The next rep (false after the last); cancellable. */
static bool
rep_stored_next(RepStoredReader *reader, RepRead *rep)
{
	CHECK_FOR_INTERRUPTS();
	if (reader->done == reader->count)
	{
		if (reader->in.buf.cursor != reader->in.buf.len)
			rep_input_invalid(&reader->in, "Bytes follow the last rep.");
		return false;
	}
	rep_read(&reader->in, reader->key_type, &reader->achieved_scale, &reader->quota_scale, rep);
	reader->done++;
	return true;
}

/* A rep_attainment argument, flattened and detoasted, being read. */
static void
rep_stored_arg(RepStoredReader *reader, Datum value)
{
	rep_stored_open(reader, (const struct varlena *) PG_DETOAST_DATUM(value), "rep_attainment value");
}

/*
 * The transition state: a RepAttainmentState as an expanded object
 * (utils/expandeddatum.h) in its own context under the aggregate context,
 * so that nodeAgg keeps it without a copy and every row costs one hash
 * lookup; PostgreSQL asks for the stored form (sorted once) only when it
 * needs it: a parallel worker's result, a spilled hash aggregate, the
 * final function.
 */
static Size
rep_state_flat_size(ExpandedObjectHeader *header)
{
	RepAttainmentState *state = (RepAttainmentState *) header;
	MemoryContext outer = MemoryContextSwitchTo(state->context);

	if (state->flat != NULL)
		pfree(state->flat);
	state->flat = rep_state_stored(state);
	MemoryContextSwitchTo(outer);
	return VARSIZE(state->flat);
}

static void
rep_state_flatten(ExpandedObjectHeader *header, void *result, Size allocated_size)
{
	RepAttainmentState *state = (RepAttainmentState *) header;

	Assert(state->flat != NULL && allocated_size == VARSIZE(state->flat));
	memcpy(result, state->flat, allocated_size);
	pfree(state->flat);
	state->flat = NULL;
}

static const ExpandedObjectMethods rep_state_methods = {
	rep_state_flat_size,
	rep_state_flatten
};

static RepAttainmentState *
rep_state_new_expanded(MemoryContext context, RepKeyType key_type, uint32 size)
{
	RepAttainmentState *state = rep_state_new(context, key_type, size);

	EOH_init_header(&state->header, &rep_state_methods, context);
	return state;
}

/* Add every rep of 'from' to 'into' (of the same key type). */
static void
rep_state_merge(RepAttainmentState *into, const RepAttainmentState *from)
{
	RepIterator iterator;
	RepSums    *source;

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
}

/*
 * Combine of attainment_by_rep over an internal state (0.5.0 and 0.6.0
 * databases not yet updated).
 */
PG_FUNCTION_INFO_V1(attainment_by_rep_combine);
Datum
attainment_by_rep_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = salesops_aggcontext(fcinfo, "attainment_by_rep_combine");
	RepAttainmentState *into = PG_ARGISNULL(0) ? NULL : (RepAttainmentState *) PG_GETARG_POINTER(0);
	RepAttainmentState *from = PG_ARGISNULL(1) ? NULL : (RepAttainmentState *) PG_GETARG_POINTER(1);

	if (from == NULL)
	{
		if (into == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(into);
	}
	/* 'from' may live in a shorter-lived context (a deserialized state): copy */
	if (into == NULL)
		into = rep_state_new(aggcontext, from->key_type, Max(rep_count(from), REP_TABLE_INITIAL_SIZE));
	rep_state_merge(into, from);
	PG_RETURN_POINTER(into);
}

/* Add every rep of a rep_attainment value (expanded or stored) to 'into'. */
static void
rep_state_merge_value(RepAttainmentState *into, Datum value)
{
	RepStoredReader reader;
	RepRead		rep;

	if (summary_is_state(value, &rep_state_methods))
	{
		rep_state_merge(into, (const RepAttainmentState *) DatumGetEOHP(value));
		return;
	}
	rep_stored_arg(&reader, value);
	rep_check_key_types(into->key_type, reader.key_type);
	while (rep_stored_next(&reader, &rep))
	{
		bool		found;
		RepSums    *target = rep_totals_of_read(into, &rep, &found);
		ExactSum	achieved;
		ExactSum	quota;

		target->has_quota |= rep.has_quota;
		rep_read_sums(&rep, &achieved, &quota);
		rep_add_exact(into, target, &achieved, &quota);
	}
}

/*
 * Argument 0 as the state to update in place: the aggregate's own
 * read-write state as it is; NULL, a new state of 'key_type'; any other
 * value (the first summary rollup reads, a combine's first input, a direct
 * call) copied into a new state.
 */
static RepAttainmentState *
rep_state_arg(FunctionCallInfo fcinfo, RepKeyType key_type)
{
	MemoryContext new_state_context;
	RepAttainmentState *state = (RepAttainmentState *) summary_state_of(fcinfo, 0, &rep_state_methods,
																		  &new_state_context);
	RepStoredReader reader;

	if (state != NULL)
		return state;
	if (PG_ARGISNULL(0))
		return rep_state_new_expanded(new_state_context, key_type, REP_TABLE_INITIAL_SIZE);
	if (summary_is_state(PG_GETARG_DATUM(0), &rep_state_methods))
		key_type = ((const RepAttainmentState *) DatumGetEOHP(PG_GETARG_DATUM(0)))->key_type;
	else
	{
		rep_stored_arg(&reader, PG_GETARG_DATUM(0));
		key_type = reader.key_type;
	}
	state = rep_state_new_expanded(new_state_context, key_type, REP_TABLE_INITIAL_SIZE);
	rep_state_merge_value(state, PG_GETARG_DATUM(0));
	return state;
}

/*
 * rep_attainment(rep, achieved, quota) transition, one per key type, and
 * attainment_by_rep's: a row with a NULL rep, or with both amounts NULL, is
 * skipped; a NULL achieved or quota adds nothing to that sum, so a deal row
 * carries a NULL quota and a quota row a NULL achieved.
 */
static Datum
rep_attainment_add_row(FunctionCallInfo fcinfo, RepKeyType key_type)
{
	RepAttainmentState *state;
	RepSums    *totals = NULL;
	bool		found;

	if (rep_row_skipped(fcinfo))
		RETURN_STATE_OF_SKIPPED_ROW();
	state = rep_state_arg(fcinfo, key_type);
	rep_check_key_types(state->key_type, key_type);
	switch (key_type)
	{
		case REP_KEY_BIGINT:
			totals = rep_totals(state, PG_GETARG_INT64(1), &found);
			break;
		case REP_KEY_UUID:
			totals = rep_uuid_totals(state, PG_GETARG_UUID_P(1), &found);
			break;
		case REP_KEY_TEXT:
			{
				/* a short key is read in place; only a toasted one is copied (per row) */
				text	   *rep = PG_GETARG_TEXT_PP(1);

				totals = rep_text_totals(state, VARDATA_ANY(rep), VARSIZE_ANY_EXHDR(rep), &found);
			}
			break;
	}
	rep_add_row(state, totals, fcinfo, state->context);
	PG_RETURN_DATUM(EOHPGetRWDatum(&state->header));
}

PG_FUNCTION_INFO_V1(rep_attainment_trans);
Datum
rep_attainment_trans(PG_FUNCTION_ARGS)
{
	return rep_attainment_add_row(fcinfo, REP_KEY_BIGINT);
}

PG_FUNCTION_INFO_V1(rep_attainment_text_trans);
Datum
rep_attainment_text_trans(PG_FUNCTION_ARGS)
{
	return rep_attainment_add_row(fcinfo, REP_KEY_TEXT);
}

PG_FUNCTION_INFO_V1(rep_attainment_uuid_trans);
Datum
rep_attainment_uuid_trans(PG_FUNCTION_ARGS)
{
	return rep_attainment_add_row(fcinfo, REP_KEY_UUID);
}

/*
 * Add the reps of two summaries by key: rollup()'s transition function and
 * the combine function of every rep_attainment state (STRICT).
 */
PG_FUNCTION_INFO_V1(rep_attainment_combine);
Datum
rep_attainment_combine(PG_FUNCTION_ARGS)
{
	RepAttainmentState *state = rep_state_arg(fcinfo, REP_KEY_BIGINT);

	rep_state_merge_value(state, PG_GETARG_DATUM(1));
	PG_RETURN_DATUM(EOHPGetRWDatum(&state->header));
}

/*
 * Final function of rep_attainment() and rollup(): the stored form, written
 * once (read-only: a window aggregate calls it again on the same state).
 */
PG_FUNCTION_INFO_V1(rep_attainment_final);
Datum
rep_attainment_final(PG_FUNCTION_ARGS)
{
	if (summary_is_state(PG_GETARG_DATUM(0), &rep_state_methods))
		PG_RETURN_BYTEA_P(rep_state_stored((const RepAttainmentState *) DatumGetEOHP(PG_GETARG_DATUM(0))));
	PG_RETURN_DATUM(PointerGetDatum(PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(0))));
}

/*
 * attainment(rep_attainment), and the final function of attainment_by_rep:
 * the summary of the reps with a quota, one attainment() row each:
 * (Σ achieved, 0 when the rep has no deal; Σ quota).  A rep without a
 * quota is left out, as attainment() skips a NULL quota.  NULL when no rep
 * has one.
 */
PG_FUNCTION_INFO_V1(rep_attainment_attainment);
Datum
rep_attainment_attainment(PG_FUNCTION_ARGS)
{
	AttainmentBuild *build = attainment_build_begin();
	RepStoredReader reader;
	RepRead		rep;

	if (summary_is_state(PG_GETARG_DATUM(0), &rep_state_methods))
	{
		rep_state_build((const RepAttainmentState *) DatumGetEOHP(PG_GETARG_DATUM(0)), build);
		return rep_attainment_result(build, fcinfo);
	}
	rep_stored_arg(&reader, PG_GETARG_DATUM(0));
	while (rep_stored_next(&reader, &rep))
	{
		ExactSum	achieved;
		ExactSum	quota;

		if (!rep.has_quota)
			continue;
		rep_read_sums(&rep, &achieved, &quota);
		attainment_build_add(build, &achieved, &quota);
	}
	return rep_attainment_result(build, fcinfo);
}

/* ---------- text and binary I/O ---------- */

static const RepKeyType rep_key_types[] = {REP_KEY_BIGINT, REP_KEY_TEXT, REP_KEY_UUID};

/* A rep's key as text: a bigint or uuid as its type prints it, a text key as itself. */
static char *
rep_key_text(RepKeyType key_type, const RepRead *rep)
{
	switch (key_type)
	{
		case REP_KEY_BIGINT:
			return psprintf(INT64_FORMAT, rep->bigint_key);
		case REP_KEY_UUID:
			return DatumGetCString(DirectFunctionCall1(uuid_out, UUIDPGetDatum(&rep->uuid_key)));
		case REP_KEY_TEXT:
			return pnstrdup(rep->text_key, rep->text_length);
	}
	pg_unreachable();
}

static void
rep_append_sum(StringInfo buf, const ExactSum *sum)
{
	char	   *digits = salesops_numeric_out(exact_sum_result(sum));

	appendStringInfoString(buf, digits);
	pfree(digits);
}

/*
 * Text form: "v1 key=<bigint|text|uuid> reps={<rep>:<achieved>[/<quota>],...}"
 * in key order, "/<quota>" only for a rep with a quota; a text key in
 * double quotes, with \" and \\ for its quotes and backslashes.
 */
PG_FUNCTION_INFO_V1(rep_attainment_out);
Datum
rep_attainment_out(PG_FUNCTION_ARGS)
{
	RepStoredReader reader;
	RepRead		rep;
	StringInfoData buf;
	bool		first = true;

	rep_stored_arg(&reader, PG_GETARG_DATUM(0));
	initStringInfo(&buf);
	appendStringInfo(&buf, "v%d key=%s reps={", REP_ATTAINMENT_VERSION, rep_key_type_name(reader.key_type));
	while (rep_stored_next(&reader, &rep))
	{
		ExactSum	achieved;
		ExactSum	quota;

		if (!first)
			appendStringInfoChar(&buf, ',');
		first = false;
		if (reader.key_type == REP_KEY_TEXT)
		{
			appendStringInfoChar(&buf, '"');
			for (uint32 i = 0; i < rep.text_length; i++)
			{
				if (rep.text_key[i] == '"' || rep.text_key[i] == '\\')
					appendStringInfoChar(&buf, '\\');
				appendStringInfoChar(&buf, rep.text_key[i]);
			}
			appendStringInfoChar(&buf, '"');
		}
		else
		{
			char	   *key = rep_key_text(reader.key_type, &rep);

			appendStringInfoString(&buf, key);
			pfree(key);
		}
		appendStringInfoChar(&buf, ':');
		rep_read_sums(&rep, &achieved, &quota);
		rep_append_sum(&buf, &achieved);
		if (rep.has_quota)
		{
			appendStringInfoChar(&buf, '/');
			rep_append_sum(&buf, &quota);
		}
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

/* A number of the text form, up to the next '/', ',' or '}'. */
static void
rep_parse_sum(char **cursor, ExactSum *sum, const char *what, const char *text)
{
	char	   *end = *cursor + strcspn(*cursor, "/,}");
	char		stop = *end;

	*end = '\0';
	if (**cursor == '\0' || !exact_sum_from_literal(*cursor, sum))
		summary_bad_text(&rep_attainment_type, text,
						 psprintf("The %s \"%s\" is not a number.", what, *cursor));
	*end = stop;
	*cursor = end;
}

/* A rep's key in the text form, up to its ':', read into 'rep'. */
static void
rep_parse_key(char **cursor, RepKeyType key_type, RepRead *rep, StringInfo key_buf, const char *text)
{
	char	   *start = *cursor;
	char	   *end;

	if (key_type == REP_KEY_TEXT)
	{
		if (*start != '"')
			summary_bad_text(&rep_attainment_type, text, "A text rep key is written in double quotes.");
		resetStringInfo(key_buf);
		for (end = start + 1; *end != '"'; end++)
		{
			if (*end == '\\' && (end[1] == '"' || end[1] == '\\'))
				end++;
			else if (*end == '\\' || *end == '\0')
				summary_bad_text(&rep_attainment_type, text,
								 "A text rep key ends at its closing quote; inside it, only \\\" and \\\\ are escapes.");
			appendStringInfoChar(key_buf, *end);
		}
		rep->text_key = key_buf->data;
		rep->text_length = key_buf->len;
		end++;
	}
	else
	{
		char		stop;

		end = start + strcspn(start, ":,}");
		stop = *end;
		*end = '\0';
		if (key_type == REP_KEY_UUID)
		{
			pg_uuid_t  *uuid = DatumGetUUIDP(DirectFunctionCall1(uuid_in, CStringGetDatum(start)));

			rep->uuid_key = *uuid;
		}
		else
		{
			char	   *digits_end;

			errno = 0;
			rep->bigint_key = strtoi64(start, &digits_end, 10);
			if (*start == '\0' || *digits_end != '\0' || errno != 0)
				summary_bad_text(&rep_attainment_type, text,
								 psprintf("The rep key \"%s\" is not a bigint.", start));
		}
		*end = stop;
	}
	if (*end != ':')
		summary_bad_text(&rep_attainment_type, text, "Each rep is written as <rep>:<achieved>[/<quota>].");
	*cursor = end + 1;
}

PG_FUNCTION_INFO_V1(rep_attainment_in);
Datum
rep_attainment_in(PG_FUNCTION_ARGS)
{
	const char *text = PG_GETARG_CSTRING(0);
	char	   *cursor;
	int			version;
	RepKeyType	key_type = REP_KEY_BIGINT;
	bool		known = false;
	RepAttainmentState *state;
	StringInfoData key_buf;

	cursor = summary_text_begin(pstrdup(text), &rep_attainment_type, text, &version);
	if (strncmp(cursor, "key=", 4) == 0)
	{
		cursor += 4;
		for (int i = 0; i < (int) lengthof(rep_key_types) && !known; i++)
		{
			const char *name = rep_key_type_name(rep_key_types[i]);
			size_t		length = strlen(name);

			if (strncmp(cursor, name, length) == 0 && cursor[length] == ' ')
			{
				key_type = rep_key_types[i];
				cursor += length + 1;
				known = true;
			}
		}
	}
	if (!known)
		summary_bad_text(&rep_attainment_type, text,
						 "The version is followed by the rep key type: \"key=bigint\", \"key=text\" or \"key=uuid\".");
	if (strncmp(cursor, "reps={", 6) != 0)
		summary_bad_text(&rep_attainment_type, text, "The key type is followed by \"reps={\".");
	cursor += 6;
	if (*cursor == '}')
		summary_bad_text(&rep_attainment_type, text,
						 "A rep_attainment value holds one rep at least: an aggregate over no rows is NULL.");
	state = rep_state_new(CurrentMemoryContext, key_type, REP_TABLE_INITIAL_SIZE);
	initStringInfo(&key_buf);
	for (;;)
	{
		RepRead		rep;
		RepSums    *totals;
		ExactSum	achieved;
		ExactSum	quota;
		bool		found;

		CHECK_FOR_INTERRUPTS();
		rep_parse_key(&cursor, key_type, &rep, &key_buf, text);
		rep_parse_sum(&cursor, &achieved, "achieved sum", text);
		exact_sum_init(&quota);
		rep.has_quota = *cursor == '/';
		if (rep.has_quota)
		{
			cursor++;
			rep_parse_sum(&cursor, &quota, "quota sum", text);
			if (!exact_core_is_finite(&quota.core) || exact_sum_is_negative(&quota))
				summary_bad_text(&rep_attainment_type, text,
								 "A rep's quota is a finite amount of zero or more, as every quota is.");
		}
		totals = rep_totals_of_read(state, &rep, &found);
		if (found)
			summary_bad_text(&rep_attainment_type, text, "A rep appears twice.");
		totals->has_quota = rep.has_quota;
		rep_add_exact(state, totals, &achieved, &quota);
		if (*cursor == '}')
			break;
		if (*cursor != ',')
			summary_bad_text(&rep_attainment_type, text, "Reps are separated by commas and end with \"}\".");
		cursor++;
	}
	if (cursor[1] != '\0')
		summary_bad_text(&rep_attainment_type, text, "Nothing follows the reps' closing \"}\".");
	PG_RETURN_BYTEA_P(rep_state_stored(state));
}

/* Binary form: the stored form after its length word. */
PG_FUNCTION_INFO_V1(rep_attainment_send);
Datum
rep_attainment_send(PG_FUNCTION_ARGS)
{
	bytea	   *value = (bytea *) PG_DETOAST_DATUM(PG_GETARG_DATUM(0));
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbytes(&buf, VARDATA(value), VARSIZE(value) - VARHDRSZ);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * Binary input: every rep read and checked into a table (a rep twice is
 * refused), then written again in key order.
 */
PG_FUNCTION_INFO_V1(rep_attainment_recv);
Datum
rep_attainment_recv(PG_FUNCTION_ARGS)
{
	StringInfo	message = (StringInfo) PG_GETARG_POINTER(0);
	RepInput	in;
	RepKeyType	key_type;
	uint32		count;
	int			version;

	in.what = "binary rep_attainment value";
	in.buf.data = message->data + message->cursor;
	in.buf.len = message->len - message->cursor;
	in.buf.maxlen = 0;
	in.buf.cursor = 0;
	message->cursor = message->len;
	version = rep_get_byte(&in);
	if (version != REP_ATTAINMENT_VERSION)
		summary_version_error(&rep_attainment_type, version);
	count = rep_get_header(&in, &key_type);
	if (count == 0)
		rep_input_invalid(&in, "A rep_attainment value holds one rep at least.");
	PG_RETURN_BYTEA_P(rep_state_stored(rep_recv_all(&in, key_type, count, CurrentMemoryContext)));
}

/* ---------- accessors ---------- */

/*
 * rep_attainment_table(r): one row per rep in key order (rep as text,
 * achieved, quota; NULL quota for a rep without one), read one rep per call.
 */
typedef struct RepTableScan
{
	RepStoredReader reader;
	TupleDesc	descriptor;
} RepTableScan;

PG_FUNCTION_INFO_V1(rep_attainment_table);
Datum
rep_attainment_table(PG_FUNCTION_ARGS)
{
	FuncCallContext *call;
	RepTableScan *scan;
	RepRead		rep;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext outer;
		TupleDesc	descriptor;

		call = SRF_FIRSTCALL_INIT();
		outer = MemoryContextSwitchTo(call->multi_call_memory_ctx);
		if (get_call_result_type(fcinfo, NULL, &descriptor) != TYPEFUNC_COMPOSITE)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("rep_attainment_table must be called where a set of rows is expected")));
		scan = palloc(sizeof(RepTableScan));
		scan->descriptor = BlessTupleDesc(descriptor);
		/* the value is detoasted (or flattened) once, in the call's context */
		rep_stored_open(&scan->reader, (const struct varlena *) PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(0)),
						"rep_attainment value");
		call->user_fctx = scan;
		MemoryContextSwitchTo(outer);
	}
	call = SRF_PERCALL_SETUP();
	scan = (RepTableScan *) call->user_fctx;
	if (rep_stored_next(&scan->reader, &rep))
	{
		Datum		values[3];
		bool		nulls[3] = {false, false, !rep.has_quota};
		ExactSum	achieved;
		ExactSum	quota;
		char	   *key = rep_key_text(scan->reader.key_type, &rep);

		rep_read_sums(&rep, &achieved, &quota);
		values[0] = PointerGetDatum(cstring_to_text(key));
		values[1] = NumericGetDatum(exact_sum_result(&achieved));
		values[2] = rep.has_quota ? NumericGetDatum(exact_sum_result(&quota)) : (Datum) 0;
		SRF_RETURN_NEXT(call, HeapTupleGetDatum(heap_form_tuple(scan->descriptor, values, nulls)));
	}
	SRF_RETURN_DONE(call);
}

/* ---------- equality, hashing and ordering ---------- */

/*
 * Two values are equal when they have the same key type and the same reps
 * with the same rated flags and numerically equal sums (100.0 = 100.00).
 * Both are in key order, so they compare rep by rep: the order is that of
 * the key types, then lexicographic over the reps (key, rated flag,
 * achieved, quota), a value before a longer one it starts.
 */
static int
rep_attainment_compare(Datum a, Datum b)
{
	RepStoredReader x;
	RepStoredReader y;
	RepRead		x_rep;
	RepRead		y_rep;
	int			order;

	rep_stored_arg(&x, a);
	rep_stored_arg(&y, b);
	order = summary_cmp_int64(x.key_type, y.key_type);
	while (order == 0)
	{
		bool		x_more = rep_stored_next(&x, &x_rep);
		bool		y_more = rep_stored_next(&y, &y_rep);
		ExactSum	x_sums[2];
		ExactSum	y_sums[2];

		if (!x_more || !y_more)
			return (int) x_more - (int) y_more;
		order = rep_read_key_cmp(x.key_type, &x_rep, &y_rep);
		if (order == 0)
			order = summary_cmp_int64(x_rep.has_quota, y_rep.has_quota);
		if (order != 0)
			break;
		rep_read_sums(&x_rep, &x_sums[0], &x_sums[1]);
		rep_read_sums(&y_rep, &y_sums[0], &y_sums[1]);
		order = summary_cmp_sums(2, x_sums, y_sums);
	}
	return order;
}

static uint32
rep_attainment_hash_value(Datum value)
{
	RepStoredReader reader;
	RepRead		rep;
	uint32		hash;

	rep_stored_arg(&reader, value);
	hash = summary_hash_int64(0, reader.key_type);
	while (rep_stored_next(&reader, &rep))
	{
		ExactSum	sums[2];

		switch (reader.key_type)
		{
			case REP_KEY_BIGINT:
				hash = summary_hash_int64(hash, rep.bigint_key);
				break;
			case REP_KEY_UUID:
				hash = summary_hash_int64(hash, hash_bytes(rep.uuid_key.data, UUID_LEN));
				break;
			case REP_KEY_TEXT:
				hash = summary_hash_int64(hash, hash_bytes((const unsigned char *) rep.text_key,
														   rep.text_length));
				break;
		}
		hash = summary_hash_int64(hash, rep.has_quota);
		rep_read_sums(&rep, &sums[0], &sums[1]);
		hash = summary_hash_sums(hash, 2, sums);
	}
	return hash;
}

/* rep_attainment_eq, _ne, _lt, _le, _gt, _ge, _cmp and _hash */
SUMMARY_ORDERING_FUNCTIONS(rep_attainment, rep_attainment_compare, rep_attainment_hash_value)
