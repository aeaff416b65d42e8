/*
 * summary.h
 *	  The toolkit of the storable summary types (forecast_error, deal_summary,
 *	  attainment): what every one of them does the same way.
 *
 * A summary type is a flat varlena and its aggregates' transition state
 * type (a real type, so Citus can push the aggregate down).  The
 * fixed-size one (forecast_error) is updated in place in the aggregate
 * context as core's float8_accum does; the ones that grow with their input
 * (deal_summary's histograms, attainment's ratios) collect into an expanded
 * object (utils/expandeddatum.h) that PostgreSQL flattens to the stored
 * form when it needs it, so every path stays linear.  The stored layout:
 *
 *	int32 vl_len_; uint8 version; then the type's own header bytes and fixed
 *	fields; its exact sums as ExactSumCore slots (numeric money) and
 *	FloatSumCore slots (float8 money, float8 ratios); then a tail whose
 *	first part is the spill texts of those sums (NUL-terminated numeric
 *	texts or float8 term lists, in sum order, flagged in a bit mask).
 *
 * Vocabulary, the same in every family file:
 *	- XxxSummary: the stored value (the SQL type), PG_GETARG_XXX_P(n) reads
 *	  one with its header checked, xxx_writable() gives one to update in
 *	  place (forecast_error), XxxState is an expanded transition state;
 *	- XxxParts: the same value unpacked (sums with their spills read), for
 *	  slow paths, I/O and accessors; xxx_pack() and xxx_unpack() convert;
 *	- SummaryKind: whether money came in as numeric or float8 (both summed
 *	  exactly, so a summary is the same however its rows were grouped).
 *
 * A new summary, or a grown or repacked copy, is made in the current
 * (per-row) context: nodeAgg copies a new by-reference state into the
 * aggregate context itself, so allocating it there too would leave a dead
 * copy per group.
 *
 * The text form is "v<version> [kind] <key>=<value> ..." with keys in a
 * fixed order; text and binary input check everything the aggregate
 * guarantees, and report what is wrong as 22P02 (text) or 22P03 (binary).
 */
#ifndef SALESOPS_SUMMARY_H
#define SALESOPS_SUMMARY_H

#include "exact.h"
#include "float_sum.h"

#include "utils/expandeddatum.h"

/*
 * Expanded transition states (deal_summary, attainment, rep_attainment,
 * stage_time, lead_summary).  summary_state_of gives the read-write
 * expanded object of 'methods' that argument 'argno' is when the call is
 * the aggregate's own transition (to update in place), else NULL, and then
 * sets *new_state_context to the context a new state goes in (its
 * eoh_context): inside an aggregate, the one child of the aggregate
 * context that all of its salesops states share (nodeAgg keeps a state
 * whose context is a child of the aggregate context without a copy; one
 * context per state made a GROUP BY quadratic, summary.c); for a direct
 * call, a new context of the state's own.
 */
extern ExpandedObjectHeader *summary_state_of(FunctionCallInfo fcinfo, int argno,
											  const ExpandedObjectMethods *methods,
											  MemoryContext *new_state_context);
extern bool summary_is_state(Datum value, const ExpandedObjectMethods *methods);

/*
 * The aggregate's own read-write state of these methods in argument argno,
 * else NULL: summary_state_of's first test, inline, for transitions whose
 * per-row cost is about that of the call.
 */
static inline ExpandedObjectHeader *
summary_own_state(FunctionCallInfo fcinfo, int argno, const ExpandedObjectMethods *methods)
{
	if (!PG_ARGISNULL(argno) && VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(PG_GETARG_DATUM(argno))) &&
		DatumGetEOHP(PG_GETARG_DATUM(argno))->eoh_methods == methods &&
		AggCheckCallContext(fcinfo, NULL))
		return DatumGetEOHP(PG_GETARG_DATUM(argno));
	return NULL;
}

/* How money entered a summary: exact numeric sums or float8 sums. */
typedef enum SummaryKind
{
	SUMMARY_NUMERIC = 1,
	SUMMARY_FLOAT8 = 2
} SummaryKind;

/* What a summary type is called in its text form and its errors. */
typedef struct SummaryType
{
	const char *name;			/* the SQL type, as in "deal_summary" */
	const char *kind_of;		/* what its kind is the type of: "amount", "input" */
	const char *kind_source;	/* the columns a hint tells to cast */
	int			version;		/* the format version this build writes */
	int			oldest_version; /* the oldest it still reads (converted on read) */
} SummaryType;

/* ---------- the stored value ---------- */

extern struct varlena *summary_writable(FunctionCallInfo fcinfo, int argno);
extern int	summary_check_header(const void *summary, Size fixed_size, const SummaryType *type);
extern void summary_version_error(const SummaryType *type, int version) pg_attribute_noreturn();
extern void summary_check_kind(SummaryKind into, SummaryKind from, const SummaryType *type);
extern void summary_corrupt(const SummaryType *type, const char *detail) pg_attribute_noreturn();

/*
 * Add to exact slot 'core' of a summary in place; when the core cannot take
 * the value (a total past 10^37 units, a value of more than 18 digits), call
 * 'spill', which returns a repacked summary with the value in the slot's
 * spill.  The callback runs on that rare path only.
 */
typedef Pointer (*SummarySpillFn) (Pointer summary, int which, Numeric term);

extern Pointer summary_add_scaled(Pointer summary, ExactSumCore *core, int which,
								  int128 term, int scale, SummarySpillFn spill);
extern Pointer summary_add_money(Pointer summary, ExactSumCore *core, int which,
								 Money value, SummarySpillFn spill);

/*
 * rollup's fast path: add the n cores 'from' (of a summary without spills)
 * to the n slots that start 'cores_offset' bytes into 'summary', in place,
 * through 'spill' for a total that leaves its core.  Returns the summary,
 * repacked if a spill happened.
 */
extern Pointer summary_add_cores(Pointer summary, Size cores_offset, const ExactSumCore *from,
								 int n, const SummaryType *type, SummarySpillFn spill);

/* rollup's slow path: into[i] += from[i] for unpacked sums (spills in the current context). */
extern void summary_merge_sums(ExactSum *into, const ExactSum *from, int n, const SummaryType *type);

/* A summary's n exact sums as stored (their cores) and unpacked. */
extern void summary_sums_store(int n, ExactSumCore *stored, const ExactSum *exact);
extern void summary_sums_load(int n, const ExactSumCore *stored, ExactSum *exact);

/* The spill texts of sums[0..n) in a summary's tail. */
extern Size summary_spills_size(const ExactSum *sums, int n, char **texts);
extern uint32 summary_spills_write(char *tail, char *const *texts, int n);
extern const char *summary_spills_read(const char *tail, const char *end, uint32 mask,
									   ExactSum *sums, int n, const SummaryType *type);

/*
 * Exact float8 sums in a summary: FloatSumCore slots updated in place, and
 * for a sum whose value a core cannot hold, a spill text after the fixed
 * part (its finite canonical terms, "t1,t2,..."; the counts stay in the
 * core), in the same bit mask and tail as the exact sums' spills.  Unpacked,
 * each is a FloatSum.  'spill' adds a term that did not fit the slow way
 * and returns the repacked summary.
 */
typedef Pointer (*SummaryFloatSpillFn) (Pointer summary, int which, float8 term);

static inline Pointer
summary_add_float(Pointer summary, FloatSumCore *core, int which, float8 value,
				  SummaryFloatSpillFn spill)
{
	if (likely(float_core_add(core, value, 1)))
		return summary;
	return spill(summary, which, value);
}

/* into[i] += from[i] for every i when all fit (true); else false, 'into' unchanged. */
extern bool summary_merge_float_cores(FloatSumCore *into, const FloatSumCore *from, int n);
/* The exact sums of n stored cores (a core out of its bounds is corrupt data). */
extern void summary_float_sums_load(const FloatSumCore *cores, int n, FloatSum *sums,
									const SummaryType *type);
/* A stored core's value rounded once (checked as summary_float_sums_load does). */
extern float8 summary_float_core_value(const FloatSumCore *core, const SummaryType *type);
/* The cores of sums[0..n), and the spill texts of those that need one (texts[i] or NULL); their bytes. */
extern Size summary_float_sums_store(const FloatSum *sums, int n, FloatSumCore *cores, char **texts);
extern const char *summary_float_spills_read(const char *tail, const char *end, uint32 mask,
											 FloatSum *sums, int n, const SummaryType *type);

/* ---------- text and binary forms ---------- */

extern void summary_invalid(const SummaryType *type, const char *text,
							const char *problem) pg_attribute_noreturn();
extern void summary_bad_text(const SummaryType *type, const char *text,
							 const char *detail) pg_attribute_noreturn();

extern void summary_append_kind(StringInfo buf, SummaryKind kind);
extern void summary_append_exact(StringInfo buf, const char *key, const ExactSum *sum);

extern char *summary_text_begin(char *copy, const SummaryType *type, const char *text,
								int *version);
extern SummaryKind summary_parse_kind(char **cursor, const SummaryType *type, const char *text);
extern char *summary_next_value(char **cursor, const char *key, const SummaryType *type,
								const char *text);
extern int64 summary_parse_count(char **cursor, const char *key, const SummaryType *type,
								 const char *text);
extern void summary_parse_exact(char **cursor, const char *key, ExactSum *sum,
								const SummaryType *type, const char *text);
/* The next "key=t1,t2,..." (float_sum.h's terms; one float8 is a list) into an exact sum. */
extern void summary_parse_float_sum(char **cursor, const char *key, FloatSum *sum,
									const SummaryType *type, const char *text);
extern void summary_parse_end(const char *cursor, const SummaryType *type, const char *text);
extern bool exact_sum_from_literal(const char *value, ExactSum *sum);

/*
 * Binary readers: a value that ends early, or a text field without its
 * terminator, is 22P03 (invalid binary representation) like every other
 * malformed value, not the protocol's 08P01 of pq_getmsg*.
 */
extern int	summary_recv_byte(StringInfo buf, const SummaryType *type);
extern int32 summary_recv_int32(StringInfo buf, const SummaryType *type);
extern int64 summary_recv_int64(StringInfo buf, const SummaryType *type);
extern float8 summary_recv_float8(StringInfo buf, const SummaryType *type);
extern const char *summary_recv_string(StringInfo buf, const SummaryType *type);

extern void summary_send_exact(StringInfo buf, const ExactSum *sum);
extern int	summary_recv_version(StringInfo buf, const SummaryType *type);
extern SummaryKind summary_recv_kind(StringInfo buf, const SummaryType *type);
extern void summary_recv_exact(StringInfo buf, const char *key, ExactSum *sum,
							   const SummaryType *type);
/* An exact float8 sum as float_sum_send writes it, or (one_float8) a format's single float8. */
extern void summary_recv_float_sum(StringInfo buf, bool one_float8, const char *key, FloatSum *sum,
								   const SummaryType *type);

/* ---------- equality, hashing and ordering ---------- */

#include "miscadmin.h"			/* CHECK_FOR_INTERRUPTS in the families' loops over bins and ratios */

/*
 * Two summaries are equal when every accessor gives equal results, so the
 * family files compare and hash logical content, never bytes: counts as
 * integers, exact sums numerically (100.0 = 100.00, NaN = NaN, as numeric
 * compares them; hashed by hash_numeric, which ignores the display scale),
 * float8 sums as float8 compares them (NaN = NaN, -0 = 0; hashed by
 * hashfloat8).  The ordering is lexicographic over a family's parts, in a
 * fixed order: a total order whose "equal" is that equality.
 */
extern int	summary_cmp_int64(int64 a, int64 b);
extern int	summary_cmp_float8(float8 a, float8 b);
extern int	summary_cmp_exact(const ExactSum *a, const ExactSum *b);
extern int	summary_cmp_sums(int n, const ExactSum *a, const ExactSum *b);
extern uint32 summary_hash_int64(uint32 hash, int64 value);
extern uint32 summary_hash_float8(uint32 hash, float8 value);
extern uint32 summary_hash_numeric(uint32 hash, Numeric value);
extern uint32 summary_hash_exact(uint32 hash, const ExactSum *sum);
extern uint32 summary_hash_sums(uint32 hash, int n, const ExactSum *sums);

/*
 * A family's comparison of two summary datums (-1, 0, 1) and hash of one.
 * summary_compare_call and summary_hash_call run them in a scratch context
 * reset after each call, so a sort or a hash join that calls them per row
 * does not keep what they allocate (detoasted values, numerics, sorted
 * ratios).
 */
typedef int (*SummaryCompareFn) (Datum a, Datum b);
typedef uint32 (*SummaryHashFn) (Datum value);

extern int	summary_compare_call(FunctionCallInfo fcinfo, SummaryCompareFn compare);
extern uint32 summary_hash_call(FunctionCallInfo fcinfo, SummaryHashFn hash);

/*
 * The SQL-callable <type>_eq, _ne, _lt, _le, _gt, _ge (bool), _cmp (int4,
 * the btree support function) and _hash (int4, the hash support function)
 * of a summary type, from its family's compare and hash functions.
 */
#define SUMMARY_COMPARISON_FUNCTION(name, compare, result) \
	PG_FUNCTION_INFO_V1(name); \
	Datum \
	name(PG_FUNCTION_ARGS) \
	{ \
		int			order_ = summary_compare_call(fcinfo, compare); \
\
		result; \
	}

#define SUMMARY_ORDERING_FUNCTIONS(prefix, compare, hash) \
	SUMMARY_COMPARISON_FUNCTION(prefix##_eq, compare, PG_RETURN_BOOL(order_ == 0)) \
	SUMMARY_COMPARISON_FUNCTION(prefix##_ne, compare, PG_RETURN_BOOL(order_ != 0)) \
	SUMMARY_COMPARISON_FUNCTION(prefix##_lt, compare, PG_RETURN_BOOL(order_ < 0)) \
	SUMMARY_COMPARISON_FUNCTION(prefix##_le, compare, PG_RETURN_BOOL(order_ <= 0)) \
	SUMMARY_COMPARISON_FUNCTION(prefix##_gt, compare, PG_RETURN_BOOL(order_ > 0)) \
	SUMMARY_COMPARISON_FUNCTION(prefix##_ge, compare, PG_RETURN_BOOL(order_ >= 0)) \
	SUMMARY_COMPARISON_FUNCTION(prefix##_cmp, compare, PG_RETURN_INT32(order_)) \
	PG_FUNCTION_INFO_V1(prefix##_hash); \
	Datum \
	prefix##_hash(PG_FUNCTION_ARGS) \
	{ \
		PG_RETURN_UINT32(summary_hash_call(fcinfo, hash)); \
	}

/* ---------- exact_ratio_state: two exact sums (win_rate.c) ---------- */

/*
 * The state of the aggregates that are a ratio of two exact sums:
 * value_win_rate (won / closed amount), quota_attainment (achieved /
 * quota), net_ and gross_revenue_retention (kept / starting MRR), with
 * numeric or integer money; and of weighted_pipeline of numeric or integer
 * amounts, its one sum the numerator (the denominator stays 0).  A real type (so Citus can split these
 * aggregates, which it cannot do for an internal state), fixed-size and
 * updated in place as forecast_error is; the stored layout is summary.h's:
 *
 *	int32 vl_len_; uint8 version; uint8 spill_mask; uint8 reserved[2];
 *	ExactSumCore sums[2] (numerator, denominator; 8 + 2 x 48 = 104 bytes);
 *	then the spill texts of the sums whose bit is set in spill_mask.
 *
 * Text form: "v1 numerator=<numeric> denominator=<numeric>".
 */
typedef enum RatioSum
{
	RATIO_NUMERATOR,
	RATIO_DENOMINATOR,
	RATIO_SUMS
} RatioSum;

typedef struct ExactRatioState
{
	int32		vl_len_;
	uint8		version;
	uint8		spill_mask;		/* bit i: sum i has a spill text after the fixed part */
	uint8		reserved[2];	/* zero */
	ExactSumCore sums[RATIO_SUMS];
	/* spill texts, NUL-terminated, in sum order */
} ExactRatioState;

/*
 * Argument 'argno' as a state to update: the aggregate's own state in place
 * (a copy outside an aggregate), a new empty state (current context) for NULL.
 */
extern ExactRatioState *ratio_state_arg(FunctionCallInfo fcinfo, int argno);
extern ExactRatioState *ratio_state_new(void);

/* Add to a sum, in place; a spill repacks the state (current context). */
extern ExactRatioState *ratio_state_add_money(ExactRatioState *state, RatioSum which, Money value);
extern ExactRatioState *ratio_state_add_scaled(ExactRatioState *state, RatioSum which,
											   int128 term, int scale);
/* A term wider than 18 digits, NaN or infinite: through the unpacked sums (repacked). */
extern ExactRatioState *ratio_state_add_numeric(ExactRatioState *state, RatioSum which, Numeric term);

/* One sum of a state, as a numeric (current context). */
extern Numeric ratio_state_sum(Datum state, RatioSum which);

/* Take a money value back out of a sum in place; false where that is not exact (see exact.h). */
extern bool ratio_state_remove_money(ExactRatioState *state, RatioSum which, Money value);

/*
 * A transition's result under the internal-state definitions of the
 * released scripts (0.1.0 to 0.6.0, until ALTER EXTENSION UPDATE): a new
 * or repacked state copied into the aggregate context, the old one freed.
 */
extern Datum ratio_state_internal(FunctionCallInfo fcinfo, Datum result, const char *funcname);

/* Their combine, serialize and deserialize functions. */
extern Datum ratio_state_internal_combine(FunctionCallInfo fcinfo, const char *funcname);
extern Datum ratio_state_serialize(FunctionCallInfo fcinfo);
extern Datum ratio_state_deserialize(FunctionCallInfo fcinfo);

/* ---------- float_ratio_state: two exact float8 sums (win_rate.c) ---------- */

/*
 * The state of value_win_rate(boolean, float8) (won / closed amount) and of
 * weighted_pipeline(float8, float8) (its one sum the numerator): two exact
 * float8 sums (float_sum.h), so that the result is the same bit for bit on
 * any plan, and a frame's rows come back out of it exactly.  A real type,
 * fixed-size and updated in place as exact_ratio_state is:
 *
 *	int32 vl_len_; uint8 version; uint8 reserved[3]; int64 rows;
 *	FloatSum sums[2] (numerator, denominator): 16 + 2 x 576 = 1,168 bytes.
 *
 * rows counts the rows added and not taken out (a moving frame without one
 * is NULL).  Text form: "v1 rows=<n> numerator=<terms> denominator=<terms>"
 * (float_sum.h's terms); binary: the version byte, rows, and each sum's
 * terms.
 */
typedef struct FloatRatioState
{
	int32		vl_len_;
	uint8		version;
	uint8		reserved[3];	/* zero */
	int64		rows;
	FloatSum	sums[RATIO_SUMS];
} FloatRatioState;

/* As ratio_state_arg: the aggregate's own state in place, a new one for NULL. */
extern FloatRatioState *float_ratio_state_arg(FunctionCallInfo fcinfo, int argno);
extern FloatRatioState *float_ratio_state_get(FunctionCallInfo fcinfo, int argno);

#endif							/* SALESOPS_SUMMARY_H */
