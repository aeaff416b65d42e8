/*
 * summary.c
 *	  The storable summary types' toolkit (see summary.h): header checks,
 *	  in-place exact sums with their spills, and the pieces of the text and
 *	  binary forms that every type writes and reads the same way.
 */
#include "summary.h"

#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/memutils.h"

/* ---------- the stored value ---------- */

/*
 * A writable summary: the aggregate's own state in place, else a copy (also
 * when the state is a stored value copied as it was, compressed or with a
 * short header: rollup's first input).
 */
struct varlena *
summary_writable(FunctionCallInfo fcinfo, int argno)
{
	struct varlena *value = (struct varlena *) PG_GETARG_POINTER(argno);

	if (AggCheckCallContext(fcinfo, NULL) && !VARATT_IS_EXTENDED(value))
		return value;
	return PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(argno));
}


bool
summary_is_state(Datum value, const ExpandedObjectMethods *methods)
{
	return VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(value)) &&
		DatumGetEOHP(value)->eoh_methods == methods;
}

/*
 * Where the new states of an aggregate context live: one context, a child of
 * it, that every salesops state of that aggregate context shares.  A
 * context per state (the first design) made a GROUP BY of n groups cost
 * O(n^2): a hash aggregate adds up the memory of every child of its
 * context each time it makes a group (PostgreSQL 15: 10,000 deal_summary
 * groups took 0.46 s, 40,000 5.7 s).  nodeAgg keeps a read-write expanded
 * state whose context is a child of the aggregate context without a copy,
 * and never deletes one it keeps (salesops' transition functions return
 * the state they were given), so the states can share it; it goes when the
 * aggregate context is reset or deleted.  Found among the aggregate
 * context's children by name, which PostgreSQL's own accounting walks too.
 */
#define SUMMARY_SHARED_STATES "salesops summary states"

static MemoryContext
summary_shared_states(MemoryContext aggcontext)
{
	for (MemoryContext child = aggcontext->firstchild; child != NULL; child = child->nextchild)
	{
		CHECK_FOR_INTERRUPTS();
		if (strcmp(child->name, SUMMARY_SHARED_STATES) == 0)
			return child;
	}
	return AllocSetContextCreate(aggcontext, SUMMARY_SHARED_STATES, ALLOCSET_DEFAULT_SIZES);
}

ExpandedObjectHeader *
summary_state_of(FunctionCallInfo fcinfo, int argno, const ExpandedObjectMethods *methods,
				 MemoryContext *new_state_context)
{
	MemoryContext aggcontext;
	ExpandedObjectHeader *own = summary_own_state(fcinfo, argno, methods);

	if (own)
		return own;
	if (!AggCheckCallContext(fcinfo, &aggcontext))
	{
		/* a direct call: the state owns its context, as any expanded object */
		*new_state_context = AllocSetContextCreate(CurrentMemoryContext, "salesops summary state",
												   ALLOCSET_SMALL_SIZES);
		return NULL;
	}
	*new_state_context = summary_shared_states(aggcontext);
	return NULL;
}

/*
 * A value too short for the smallest fixed part of the formats the type
 * reads, or of a format this build cannot read, is refused; returns the
 * value's format version.
 */
int
summary_check_header(const void *summary, Size fixed_size, const SummaryType *type)
{
	int			version;

	if (VARSIZE(summary) < fixed_size)
		summary_corrupt(type, "The value is shorter than its fixed part.");
	/* every summary type's version byte follows its length word */
	version = ((const uint8 *) summary)[VARHDRSZ];
	if (version < type->oldest_version || version > type->version)
		summary_version_error(type, version);
	return version;
}

void
summary_version_error(const SummaryType *type, int version)
{
	if (type->oldest_version == type->version)
		salesops_version_error(type->name, version);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("unsupported %s format version %d", type->name, version),
			 errdetail("This build of salesops reads format versions %d to %d.",
					   type->oldest_version, type->version)));
}

/* Summaries of numeric and of float8 money do not mix (rollup, combine). */
void
summary_check_kind(SummaryKind into, SummaryKind from, const SummaryType *type)
{
	if (into != from)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("cannot combine %s values of numeric and double precision %ss",
						type->name, type->kind_of),
				 errhint("Build every summary from the same %s type, casting %s if needed.",
						 type->kind_of, type->kind_source)));
}

void
summary_corrupt(const SummaryType *type, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("corrupt %s value", type->name),
			 errdetail("%s", detail)));
}

Pointer
summary_add_scaled(Pointer summary, ExactSumCore *core, int which, int128 term, int scale,
				   SummarySpillFn spill)
{
	if (exact_core_add_scaled(core, term, scale))
		return summary;
	return spill(summary, which, scaled_int128_to_numeric(term, scale));
}

/* Add a money value: scaled values and NaN/infinity counts in place. */
Pointer
summary_add_money(Pointer summary, ExactSumCore *core, int which, Money value,
				  SummarySpillFn spill)
{
	ScaledValue scaled;
	NumericClass class = money_classify(value, &scaled);

	if (class == NUMERIC_CLASS_SCALED)
		return summary_add_scaled(summary, core, which, scaled.digits, scaled.scale, spill);
	if (exact_core_count_special(core, class))
		return summary;
	return spill(summary, which, money_numeric(value));
}

Pointer
summary_add_cores(Pointer summary, Size cores_offset, const ExactSumCore *from, int n,
				  const SummaryType *type, SummarySpillFn spill)
{
	for (int i = 0; i < n; i++)
	{
		ExactSumCore *core = (ExactSumCore *) (summary + cores_offset) + i;

		exact_core_merge_counts(core, &from[i], type->name);
		summary = summary_add_scaled(summary, core, i, from[i].scaled, from[i].scale, spill);
	}
	return summary;
}

void
summary_merge_sums(ExactSum *into, const ExactSum *from, int n, const SummaryType *type)
{
	for (int i = 0; i < n; i++)
	{
		exact_core_merge_counts(&into[i].core, &from[i].core, type->name);
		exact_sum_add_scaled(&into[i], from[i].core.scaled, from[i].core.scale, CurrentMemoryContext);
		if (from[i].spill)
			exact_sum_add_numeric(&into[i], from[i].spill, CurrentMemoryContext);
	}
}

void
summary_sums_store(int n, ExactSumCore *stored, const ExactSum *exact)
{
	for (int i = 0; i < n; i++)
		stored[i] = exact[i].core;
}

/* The spills are read apart (summary_spills_read). */
void
summary_sums_load(int n, const ExactSumCore *stored, ExactSum *exact)
{
	for (int i = 0; i < n; i++)
	{
		exact[i].core = stored[i];
		exact[i].spill = NULL;
	}
}

/* Bytes the spill texts of sums[0..n) take; texts[i] is set (or NULL). */
Size
summary_spills_size(const ExactSum *sums, int n, char **texts)
{
	Size		size = 0;

	for (int i = 0; i < n; i++)
	{
		texts[i] = NULL;
		if (sums[i].spill)
		{
			texts[i] = salesops_numeric_out(sums[i].spill);
			size += strlen(texts[i]) + 1;
		}
	}
	return size;
}

/* Writes the texts summary_spills_size found at 'tail'; returns the mask. */
uint32
summary_spills_write(char *tail, char *const *texts, int n)
{
	uint32		mask = 0;

	Assert(n <= 32);

	for (int i = 0; i < n; i++)
		if (texts[i])
		{
			mask |= (uint32) 1 << i;
			strcpy(tail, texts[i]);
			tail += strlen(texts[i]) + 1;
		}
	return mask;
}

/* The spill text at *tail (NUL-terminated before 'end'); *tail moves past it. */
static const char *
summary_next_spill(const char **tail, const char *end, const SummaryType *type)
{
	const char *text = *tail;
	Size		len = text < end ? strnlen(text, end - text) : 0;

	if (text + len >= end)
		summary_corrupt(type, "A spilled sum is not terminated.");
	*tail = text + len + 1;
	return text;
}

/*
 * Reads the spills flagged in 'mask' from tail..end into sums[i].spill;
 * returns the end of their texts (where a type's own tail data may follow).
 */
const char *
summary_spills_read(const char *tail, const char *end, uint32 mask, ExactSum *sums, int n,
					const SummaryType *type)
{
	for (int i = 0; i < n; i++)
		if (mask & ((uint32) 1 << i))
			sums[i].spill = salesops_numeric_in(summary_next_spill(&tail, end, type));
	return tail;
}

bool
summary_merge_float_cores(FloatSumCore *into, const FloatSumCore *from, int n)
{
	FloatSumCore merged[32];

	Assert(n <= 32);
	for (int i = 0; i < n; i++)
	{
		merged[i] = into[i];
		if (!float_core_merge(&merged[i], &from[i]))
			return false;
	}
	memcpy(into, merged, n * sizeof(FloatSumCore));
	return true;
}

static void
summary_float_core_check(const FloatSumCore *core, const SummaryType *type)
{
	const int128 limit = (int128) 1 << FLOAT_CORE_LIMIT_BITS;

	if (core->scale < 0 || core->scale > 1074 || core->scaled >= limit || core->scaled <= -limit ||
		core->nan_count < 0 || core->pinf_count < 0 || core->ninf_count < 0)
		summary_corrupt(type, "A float8 sum is out of its bounds.");
}

float8
summary_float_core_value(const FloatSumCore *core, const SummaryType *type)
{
	summary_float_core_check(core, type);
	return float_core_result(core);
}

/* The spills are read apart (summary_float_spills_read). */
void
summary_float_sums_load(const FloatSumCore *cores, int n, FloatSum *sums, const SummaryType *type)
{
	for (int i = 0; i < n; i++)
	{
		summary_float_core_check(&cores[i], type);
		float_sum_init(&sums[i]);
		float_core_add_to_sum(&cores[i], &sums[i]);
	}
}

Size
summary_float_sums_store(const FloatSum *sums, int n, FloatSumCore *cores, char **texts)
{
	Size		size = 0;

	for (int i = 0; i < n; i++)
	{
		texts[i] = NULL;
		if (!float_core_from_sum(&sums[i], &cores[i]))
		{
			StringInfoData buf;
			FloatSum	finite = sums[i];

			finite.nan_count = finite.pinf_count = finite.ninf_count = 0;
			initStringInfo(&buf);
			float_sum_append_terms(&buf, &finite);
			texts[i] = buf.data;
			size += buf.len + 1;
		}
	}
	return size;
}

/* As summary_spills_read, for float sums: each spill's terms added to sums[i]. */
const char *
summary_float_spills_read(const char *tail, const char *end, uint32 mask, FloatSum *sums, int n,
						  const SummaryType *type)
{
	for (int i = 0; i < n; i++)
	{
		const char *text;
		FloatSum	spill;

		if (!(mask & ((uint32) 1 << i)))
			continue;
		text = summary_next_spill(&tail, end, type);
		if (!float_sum_parse(text, &spill, type->name, text))
			summary_corrupt(type, "A spilled float8 sum is not a list of float8 values.");
		float_sum_merge(&sums[i], &spill);
	}
	return tail;
}

/* ---------- text and binary forms ---------- */

/*
 * What no aggregate can produce, found by text input (22P02, quoting the
 * text) or binary input (22P03, text NULL).
 */
void
summary_invalid(const SummaryType *type, const char *text, const char *problem)
{
	if (text)
		summary_bad_text(type, text, problem);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary %s value", type->name),
			 errdetail("%s", problem)));
}

void
summary_bad_text(const SummaryType *type, const char *text, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"", type->name, text),
			 errdetail("%s", detail)));
}

static const char *
summary_kind_name(SummaryKind kind)
{
	return kind == SUMMARY_NUMERIC ? "numeric" : "float8";
}

void
summary_append_kind(StringInfo buf, SummaryKind kind)
{
	appendStringInfo(buf, " %s", summary_kind_name(kind));
}


void
summary_append_exact(StringInfo buf, const char *key, const ExactSum *sum)
{
	appendStringInfo(buf, " %s=%s", key, salesops_numeric_out(exact_sum_result(sum)));
}


/*
 * Checks the leading "v<version>" token (a version this build reads, into
 * *version) and returns the text after it.
 */
char *
summary_text_begin(char *copy, const SummaryType *type, const char *text, int *version)
{
	char	   *space = strchr(copy, ' ');

	if (copy[0] != 'v' || space == NULL)
		summary_bad_text(type, text,
						 psprintf("%s %s starts with its format version, as in \"v%d\".",
								  strchr("aeiou", type->name[0]) ? "An" : "A",
								  type->name, type->version));
	*space = '\0';
	*version = 0;
	for (int v = type->oldest_version; v <= type->version; v++)
		if (strcmp(copy + 1, psprintf("%d", v)) == 0)
			*version = v;
	if (*version == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("unsupported %s format version \"%s\"", type->name, copy),
				 type->oldest_version == type->version
				 ? errdetail("This build of salesops reads format version %d.", type->version)
				 : errdetail("This build of salesops reads format versions %d to %d.",
							 type->oldest_version, type->version)));
	return space + 1;
}

/* The "numeric" or "float8" token that follows the version. */
SummaryKind
summary_parse_kind(char **cursor, const SummaryType *type, const char *text)
{
	char	   *kind = *cursor;

	*cursor = strchrnul(kind, ' ');
	if (**cursor)
		*(*cursor)++ = '\0';
	if (strcmp(kind, "numeric") == 0)
		return SUMMARY_NUMERIC;
	if (strcmp(kind, "float8") == 0)
		return SUMMARY_FLOAT8;
	summary_bad_text(type, text,
					 psprintf("The %s type must be \"numeric\" or \"float8\".", type->kind_of));
}

/* The next "key=value" token at *cursor; the value, NUL-terminated. */
char *
summary_next_value(char **cursor, const char *key, const SummaryType *type, const char *text)
{
	char	   *token = *cursor;
	Size		keylen = strlen(key);
	char	   *end;

	if (strncmp(token, key, keylen) != 0 || token[keylen] != '=')
		summary_bad_text(type, text, psprintf("Expected \"%s=\" at \"%s\".", key, token));
	token += keylen + 1;
	end = strchr(token, ' ');
	if (end)
	{
		*end = '\0';
		*cursor = end + 1;
	}
	else
		*cursor = token + strlen(token);
	if (*token == '\0')
		summary_bad_text(type, text, psprintf("The value of \"%s\" is empty.", key));
	return token;
}

/* The next "key=<count>": a non-negative integer. */
int64
summary_parse_count(char **cursor, const char *key, const SummaryType *type, const char *text)
{
	char	   *value = summary_next_value(cursor, key, type, text);
	char	   *end;
	long long	parsed;

	errno = 0;
	parsed = strtoll(value, &end, 10);
	if (errno != 0 || *end != '\0' || parsed < 0 || !isdigit((unsigned char) *value))
		summary_bad_text(type, text, psprintf("\"%s\" must be a non-negative integer.", key));
	return (int64) parsed;
}


/* The next "key=<numeric literal>" into an exact sum. */
void
summary_parse_exact(char **cursor, const char *key, ExactSum *sum, const SummaryType *type,
					const char *text)
{
	if (!exact_sum_from_literal(summary_next_value(cursor, key, type, text), sum))
		summary_bad_text(type, text, psprintf("\"%s\" must be a number.", key));
}


void
summary_parse_float_sum(char **cursor, const char *key, FloatSum *sum, const SummaryType *type,
						const char *text)
{
	if (!float_sum_parse(summary_next_value(cursor, key, type, text), sum, type->name, text))
		summary_bad_text(type, text,
						 psprintf("\"%s\" must be float8 values separated by commas.", key));
}

/* Nothing may follow the last field. */
void
summary_parse_end(const char *cursor, const SummaryType *type, const char *text)
{
	if (*cursor != '\0')
		summary_bad_text(type, text,
						 psprintf("Unexpected text after the last field: \"%s\".", cursor));
}

/* Sets 'sum' from a numeric literal of a text or binary summary; false if malformed. */
bool
exact_sum_from_literal(const char *value, ExactSum *sum)
{
	if (!is_numeric_literal(value))
		return false;
	exact_sum_set_numeric(sum, salesops_numeric_in(value));
	return true;
}

void
summary_send_exact(StringInfo buf, const ExactSum *sum)
{
	pq_sendstring(buf, salesops_numeric_out(exact_sum_result(sum)));
}

/* 'bytes' more bytes in the message, else 22P03. */
static void
summary_recv_need(StringInfo buf, int bytes, const SummaryType *type)
{
	if (buf->cursor < 0 || bytes > buf->len - buf->cursor)
		summary_invalid(type, NULL, "The value ends before its last field.");
}

int
summary_recv_byte(StringInfo buf, const SummaryType *type)
{
	summary_recv_need(buf, 1, type);
	return pq_getmsgbyte(buf);
}

int32
summary_recv_int32(StringInfo buf, const SummaryType *type)
{
	summary_recv_need(buf, 4, type);
	return (int32) pq_getmsgint(buf, 4);
}

int64
summary_recv_int64(StringInfo buf, const SummaryType *type)
{
	summary_recv_need(buf, 8, type);
	return pq_getmsgint64(buf);
}

float8
summary_recv_float8(StringInfo buf, const SummaryType *type)
{
	summary_recv_need(buf, 8, type);
	return pq_getmsgfloat8(buf);
}

/* A NUL-terminated text field, as it is in the message (numeric literals: ASCII). */
const char *
summary_recv_string(StringInfo buf, const SummaryType *type)
{
	const char *start = buf->data + buf->cursor;

	summary_recv_need(buf, 1, type);
	if (memchr(start, '\0', buf->len - buf->cursor) == NULL)
		summary_invalid(type, NULL, "A text field of the value is not terminated.");
	buf->cursor += strlen(start) + 1;
	return start;
}


int
summary_recv_version(StringInfo buf, const SummaryType *type)
{
	int			version = summary_recv_byte(buf, type);

	if (version < type->oldest_version || version > type->version)
		summary_version_error(type, version);
	return version;
}

SummaryKind
summary_recv_kind(StringInfo buf, const SummaryType *type)
{
	int			kind = summary_recv_byte(buf, type);

	if (kind != SUMMARY_NUMERIC && kind != SUMMARY_FLOAT8)
		summary_invalid(type, NULL, psprintf("Unknown %s type %d.", type->kind_of, kind));
	return (SummaryKind) kind;
}

void
summary_recv_exact(StringInfo buf, const char *key, ExactSum *sum, const SummaryType *type)
{
	if (!exact_sum_from_literal(summary_recv_string(buf, type), sum))
		summary_invalid(type, NULL, psprintf("\"%s\" must be a number.", key));
}


void
summary_recv_float_sum(StringInfo buf, bool one_float8, const char *key, FloatSum *sum,
					   const SummaryType *type)
{
	if (one_float8)
	{
		float_sum_init(sum);
		float_sum_add(sum, summary_recv_float8(buf, type), 1);
	}
	else if (!float_sum_recv(buf, sum))
		summary_invalid(type, NULL, psprintf("\"%s\" ends early.", key));
}

/* ---------- equality, hashing and ordering ---------- */

int
summary_cmp_int64(int64 a, int64 b)
{
	return (a > b) - (a < b);
}

/* As float8's btree comparison: NaN equals NaN and sorts last, -0 = 0. */
int
summary_cmp_float8(float8 a, float8 b)
{
	return float8_cmp_internal(a, b);
}

/* As numeric compares the two sums' values: the display scale is not compared. */
int
summary_cmp_exact(const ExactSum *a, const ExactSum *b)
{
	/* the common case, two plain cores at one scale, without a numeric */
	if (a->spill == NULL && b->spill == NULL && exact_core_is_finite(&a->core) &&
		exact_core_is_finite(&b->core) && a->core.scale == b->core.scale)
		return (a->core.scaled > b->core.scaled) - (a->core.scaled < b->core.scaled);
	return salesops_numeric_cmp(exact_sum_result(a), exact_sum_result(b));
}

/* The n exact sums of two summaries, in sum order. */
int
summary_cmp_sums(int n, const ExactSum *a, const ExactSum *b)
{
	for (int i = 0; i < n; i++)
	{
		int			order = summary_cmp_exact(&a[i], &b[i]);

		if (order != 0)
			return order;
	}
	return 0;
}

uint32
summary_hash_int64(uint32 hash, int64 value)
{
	return hash_combine(hash, DatumGetUInt32(DirectFunctionCall1(hashint8, Int64GetDatum(value))));
}

uint32
summary_hash_float8(uint32 hash, float8 value)
{
	return hash_combine(hash, DatumGetUInt32(DirectFunctionCall1(hashfloat8, Float8GetDatum(value))));
}

/* As numeric hashes: equal values hash alike whatever their display scale. */
uint32
summary_hash_numeric(uint32 hash, Numeric value)
{
	return hash_combine(hash, DatumGetUInt32(DirectFunctionCall1(hash_numeric, NumericGetDatum(value))));
}

uint32
summary_hash_exact(uint32 hash, const ExactSum *sum)
{
	return summary_hash_numeric(hash, exact_sum_result(sum));
}

uint32
summary_hash_sums(uint32 hash, int n, const ExactSum *sums)
{
	for (int i = 0; i < n; i++)
		hash = summary_hash_exact(hash, &sums[i]);
	return hash;
}

/*
 * The scratch context of a comparison or hash function: made once per
 * FmgrInfo (its fn_extra), reset after each call.  Called without one
 * (DirectFunctionCall), the function runs in the caller's context.
 */
static MemoryContext
summary_scratch_context(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo == NULL)
		return NULL;
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra = AllocSetContextCreate(fcinfo->flinfo->fn_mcxt,
														 "salesops summary comparison",
														 ALLOCSET_SMALL_SIZES);
	return (MemoryContext) fcinfo->flinfo->fn_extra;
}

int
summary_compare_call(FunctionCallInfo fcinfo, SummaryCompareFn compare)
{
	MemoryContext scratch = summary_scratch_context(fcinfo);
	MemoryContext caller;
	int			order;

	if (scratch == NULL)
		return compare(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1));
	caller = MemoryContextSwitchTo(scratch);
	order = compare(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1));
	MemoryContextSwitchTo(caller);
	MemoryContextReset(scratch);
	return order;
}

uint32
summary_hash_call(FunctionCallInfo fcinfo, SummaryHashFn hash)
{
	MemoryContext scratch = summary_scratch_context(fcinfo);
	MemoryContext caller;
	uint32		result;

	if (scratch == NULL)
		return hash(PG_GETARG_DATUM(0));
	caller = MemoryContextSwitchTo(scratch);
	result = hash(PG_GETARG_DATUM(0));
	MemoryContextSwitchTo(caller);
	MemoryContextReset(scratch);
	return result;
}
