/*
 * win_rate.c
 *	  Win rate by count (#won / #closed) and by value (won amount / closed
 *	  amount).  NULL won = open deal: in neither numerator nor denominator.
 *
 * win_rate keeps a two-element array state updated in place, as core's
 * float8_accum does: a real type travels through Citus, and counts give an
 * exact inverse for moving window frames.  value_win_rate(float8) keeps two
 * exact float8 sums in a float_ratio_state (0.7.0; its float8[] functions
 * below serve the released definitions), so its result does not depend on
 * the plan, and rows leave a frame exactly.
 * value_win_rate(numeric) keeps two exact sums (numerator won, denominator
 * closed) in an exact_ratio_state, a real fixed-size type updated in place
 * (summary.h), for the same reason.
 *
 * Two aggregates of attainment.c are the same computations and use these C
 * functions under their own SQL names: pct_at_quota() counts {at quota,
 * rated} in win_rate's int8[2] state (combine and final functions), and
 * quota_attainment(numeric, numeric) is a ratio of two exact sums like
 * value_win_rate(numeric) (its exact_ratio_state, combine and final), as
 * are customers.c's net_ and gross_revenue_retention.
 */
#include "salesops.h"

#include "catalog/pg_type.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/float.h"

#include "summary.h"

/* Element indexes of the array states. */
#define WON		0
#define CLOSED	1

/* The two elements of an array state (salesops_array_pair). */
static inline ArrayType *
pair_state(FunctionCallInfo fcinfo, int argno, Oid element_type, bool for_update)
{
	return salesops_array_pair(fcinfo, argno, element_type, for_update, "win rate");
}

#define COUNTS(array)	((int64 *) ARR_DATA_PTR(array))
#define SUMS(array)		((float8 *) ARR_DATA_PTR(array))

/* win_rate(won boolean): STRICT with INITCOND '{0,0}', so open deals never get here */
PG_FUNCTION_INFO_V1(win_rate_trans);
Datum
win_rate_trans(PG_FUNCTION_ARGS)
{
	ArrayType  *state = pair_state(fcinfo, 0, INT8OID, true);

	COUNTS(state)[CLOSED]++;
	if (PG_GETARG_BOOL(1))
		COUNTS(state)[WON]++;
	PG_RETURN_ARRAYTYPE_P(state);
}

/* moving-window inverse: exact, since the state is two counts */
PG_FUNCTION_INFO_V1(win_rate_inv);
Datum
win_rate_inv(PG_FUNCTION_ARGS)
{
	ArrayType  *state = pair_state(fcinfo, 0, INT8OID, true);

	COUNTS(state)[CLOSED]--;
	if (PG_GETARG_BOOL(1))
		COUNTS(state)[WON]--;
	PG_RETURN_ARRAYTYPE_P(state);
}

PG_FUNCTION_INFO_V1(win_rate_combine);
Datum
win_rate_combine(PG_FUNCTION_ARGS)
{
	ArrayType  *into = pair_state(fcinfo, 0, INT8OID, true);
	ArrayType  *from = pair_state(fcinfo, 1, INT8OID, false);

	COUNTS(into)[WON] += COUNTS(from)[WON];
	COUNTS(into)[CLOSED] += COUNTS(from)[CLOSED];
	PG_RETURN_ARRAYTYPE_P(into);
}

PG_FUNCTION_INFO_V1(win_rate_final);
Datum
win_rate_final(PG_FUNCTION_ARGS)
{
	int64	   *counts = COUNTS(pair_state(fcinfo, 0, INT8OID, false));

	return count_ratio_result(fcinfo, counts[WON], counts[CLOSED]);
}

/*
 * value_win_rate(won boolean, amount float8) of the released scripts (0.1.0
 * to 0.6.0, until ALTER EXTENSION UPDATE): STRICT, INITCOND '{0,0}', float8
 * sums in input order.
 */
PG_FUNCTION_INFO_V1(value_win_rate_float8_trans);
Datum
value_win_rate_float8_trans(PG_FUNCTION_ARGS)
{
	ArrayType  *state = pair_state(fcinfo, 0, FLOAT8OID, true);
	float8	   *sums = SUMS(state);
	float8		amount = PG_GETARG_FLOAT8(2);

	sums[CLOSED] = float8_pl(sums[CLOSED], amount);
	if (PG_GETARG_BOOL(1))
		sums[WON] = float8_pl(sums[WON], amount);
	PG_RETURN_ARRAYTYPE_P(state);
}

PG_FUNCTION_INFO_V1(value_win_rate_float8_combine);
Datum
value_win_rate_float8_combine(PG_FUNCTION_ARGS)
{
	ArrayType  *into = pair_state(fcinfo, 0, FLOAT8OID, true);
	float8	   *from = SUMS(pair_state(fcinfo, 1, FLOAT8OID, false));

	SUMS(into)[WON] = float8_pl(SUMS(into)[WON], from[WON]);
	SUMS(into)[CLOSED] = float8_pl(SUMS(into)[CLOSED], from[CLOSED]);
	PG_RETURN_ARRAYTYPE_P(into);
}

PG_FUNCTION_INFO_V1(value_win_rate_float8_final);
Datum
value_win_rate_float8_final(PG_FUNCTION_ARGS)
{
	float8	   *sums = SUMS(pair_state(fcinfo, 0, FLOAT8OID, false));
	bool		isnull;
	float8		ratio = float8_sum_ratio(sums[WON], sums[CLOSED], &isnull);

	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(ratio);
}

/* ---------- exact_ratio_state (summary.h) ---------- */

static const SummaryType ratio_type = {"exact_ratio_state", "amount", "the amount column",
SALESOPS_FORMAT_VERSION, SALESOPS_FORMAT_VERSION};

static const char *const ratio_sum_names[RATIO_SUMS] = {"numerator", "denominator"};

StaticAssertDecl(offsetof(ExactRatioState, sums) == 8 && sizeof(ExactRatioState) == 8 + 2 * sizeof(ExactSumCore),
				 "exact_ratio_state's stored layout is 8 header bytes and two cores");

/* A stored value with its header checked (no spill bits but the two sums'). */
static ExactRatioState *
ratio_checked(void *value)
{
	ExactRatioState *state = (ExactRatioState *) value;

	summary_check_header(state, sizeof(ExactRatioState), &ratio_type);
	if (state->spill_mask & ~((1 << RATIO_SUMS) - 1))
		summary_corrupt(&ratio_type, "Unknown bits in the spill mask.");
	return state;
}

#define PG_GETARG_RATIO_STATE_P(n) ratio_checked(PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

/* The two sums with their spills read (current context). */
static void
ratio_unpack(const ExactRatioState *state, ExactSum *sums)
{
	summary_sums_load(RATIO_SUMS, state->sums, sums);
	summary_spills_read((const char *) state + sizeof(ExactRatioState),
						(const char *) state + VARSIZE(state),
						state->spill_mask, sums, RATIO_SUMS, &ratio_type);
}

/* A state holding the two sums, in the current context (see summary.h). */
static ExactRatioState *
ratio_pack(const ExactSum *sums)
{
	char	   *spill_text[RATIO_SUMS];
	Size		size = sizeof(ExactRatioState) + summary_spills_size(sums, RATIO_SUMS, spill_text);
	ExactRatioState *state = palloc0(size);

	SET_VARSIZE(state, size);
	state->version = SALESOPS_FORMAT_VERSION;
	summary_sums_store(RATIO_SUMS, state->sums, sums);
	state->spill_mask = summary_spills_write((char *) state + sizeof(ExactRatioState),
											 spill_text, RATIO_SUMS);
	return state;
}

ExactRatioState *
ratio_state_new(void)
{
	ExactRatioState *state = palloc0(sizeof(ExactRatioState));

	SET_VARSIZE(state, sizeof(ExactRatioState));
	state->version = SALESOPS_FORMAT_VERSION;
	return state;
}

ExactRatioState *
ratio_state_arg(FunctionCallInfo fcinfo, int argno)
{
	if (PG_ARGISNULL(argno))
		return ratio_state_new();
	return ratio_checked(summary_writable(fcinfo, argno));
}

/* The spill callback of summary_add_*: unpack, add in numeric, repack. */
static Pointer
ratio_add_slow(Pointer summary, int which, Numeric term)
{
	ExactSum	sums[RATIO_SUMS];

	ratio_unpack((ExactRatioState *) summary, sums);
	exact_sum_add_numeric(&sums[which], term, CurrentMemoryContext);
	return (Pointer) ratio_pack(sums);
}

ExactRatioState *
ratio_state_add_money(ExactRatioState *state, RatioSum which, Money value)
{
	return (ExactRatioState *) summary_add_money((Pointer) state, &state->sums[which], which,
												 value, ratio_add_slow);
}

ExactRatioState *
ratio_state_add_scaled(ExactRatioState *state, RatioSum which, int128 term, int scale)
{
	return (ExactRatioState *) summary_add_scaled((Pointer) state, &state->sums[which], which,
												  term, scale, ratio_add_slow);
}

ExactRatioState *
ratio_state_add_numeric(ExactRatioState *state, RatioSum which, Numeric term)
{
	return (ExactRatioState *) ratio_add_slow((Pointer) state, which, term);
}

Numeric
ratio_state_sum(Datum state, RatioSum which)
{
	ExactSum	sums[RATIO_SUMS];

	ratio_unpack(ratio_checked(PG_DETOAST_DATUM(state)), sums);
	return exact_sum_result(&sums[which]);
}

/* As exact_sum_remove_money: never out of a sum with a spill. */
bool
ratio_state_remove_money(ExactRatioState *state, RatioSum which, Money value)
{
	ScaledValue scaled;

	if ((state->spill_mask & (1 << which)) ||
		money_classify(value, &scaled) != NUMERIC_CLASS_SCALED)
		return false;
	return exact_core_remove_scaled(&state->sums[which], scaled.digits, scaled.scale);
}

PG_FUNCTION_INFO_V1(exact_ratio_state_out);
Datum
exact_ratio_state_out(PG_FUNCTION_ARGS)
{
	ExactSum	sums[RATIO_SUMS];
	StringInfoData buf;

	ratio_unpack(PG_GETARG_RATIO_STATE_P(0), sums);
	initStringInfo(&buf);
	appendStringInfo(&buf, "v%d", SALESOPS_FORMAT_VERSION);
	for (int i = 0; i < RATIO_SUMS; i++)
		summary_append_exact(&buf, ratio_sum_names[i], &sums[i]);
	PG_RETURN_CSTRING(buf.data);
}

/*
 * Every pair of numbers is the state of some rows (amounts may be negative,
 * NaN or infinite), so input checks the form only.
 */
PG_FUNCTION_INFO_V1(exact_ratio_state_in);
Datum
exact_ratio_state_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	int			version;
	char	   *cursor = summary_text_begin(pstrdup(input), &ratio_type, input, &version);
	ExactSum	sums[RATIO_SUMS];

	for (int i = 0; i < RATIO_SUMS; i++)
		summary_parse_exact(&cursor, ratio_sum_names[i], &sums[i], &ratio_type, input);
	summary_parse_end(cursor, &ratio_type, input);
	PG_RETURN_POINTER(ratio_pack(sums));
}

static bytea *
ratio_send(ExactRatioState *state)
{
	ExactSum	sums[RATIO_SUMS];
	StringInfoData buf;

	ratio_unpack(state, sums);
	salesops_begin_state(&buf);
	for (int i = 0; i < RATIO_SUMS; i++)
		summary_send_exact(&buf, &sums[i]);
	return pq_endtypsend(&buf);
}

/* What ratio_send wrote: the version byte and the two sums as numeric texts. */
static ExactRatioState *
ratio_recv(StringInfo buf)
{
	ExactSum	sums[RATIO_SUMS];

	(void) summary_recv_version(buf, &ratio_type);
	for (int i = 0; i < RATIO_SUMS; i++)
		summary_recv_exact(buf, ratio_sum_names[i], &sums[i], &ratio_type);
	return ratio_pack(sums);
}

PG_FUNCTION_INFO_V1(exact_ratio_state_send);
Datum
exact_ratio_state_send(PG_FUNCTION_ARGS)
{
	PG_RETURN_BYTEA_P(ratio_send(PG_GETARG_RATIO_STATE_P(0)));
}

PG_FUNCTION_INFO_V1(exact_ratio_state_recv);
Datum
exact_ratio_state_recv(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(ratio_recv((StringInfo) PG_GETARG_POINTER(0)));
}

/* ---------- value_win_rate(won boolean, amount numeric or integer) ---------- */

/*
 * One row: won amount / closed amount.  In a moving window (moving) the
 * state exists from the first row on, NULL rows included: PostgreSQL never
 * inverts a NULL state.
 */
static Datum
value_win_rate_add_row(FunctionCallInfo fcinfo, bool moving)
{
	ExactRatioState *state;
	Money		amount;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (!PG_ARGISNULL(0))
			PG_RETURN_DATUM(PG_GETARG_DATUM(0));
		if (!moving)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(ratio_state_new());
	}
	state = ratio_state_arg(fcinfo, 0);
	amount = money_arg(fcinfo, 2);
	state = ratio_state_add_money(state, RATIO_DENOMINATOR, amount);
	if (PG_GETARG_BOOL(1))
		state = ratio_state_add_money(state, RATIO_NUMERATOR, amount);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(value_win_rate_state_trans);
Datum
value_win_rate_state_trans(PG_FUNCTION_ARGS)
{
	return value_win_rate_add_row(fcinfo, false);
}

PG_FUNCTION_INFO_V1(value_win_rate_moving_trans);
Datum
value_win_rate_moving_trans(PG_FUNCTION_ARGS)
{
	return value_win_rate_add_row(fcinfo, true);
}

/*
 * Moving-window inverse: the row's amount out of both sums, exactly, in
 * place (NULL, so that PostgreSQL recomputes the frame, for a NaN, infinite
 * or wide amount or a sum with a spill).
 */
PG_FUNCTION_INFO_V1(value_win_rate_inv);
Datum
value_win_rate_inv(PG_FUNCTION_ARGS)
{
	ExactRatioState *state = ratio_state_arg(fcinfo, 0);

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(state);
	if (!ratio_state_remove_money(state, RATIO_DENOMINATOR, money_arg(fcinfo, 2)) ||
		(PG_GETARG_BOOL(1) && !ratio_state_remove_money(state, RATIO_NUMERATOR, money_arg(fcinfo, 2))))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(state);
}

/* 'from' added into 'into' (in place; repacked for a spill) */
static ExactRatioState *
ratio_combine(ExactRatioState *into, ExactRatioState *from)
{
	if (from->spill_mask == 0)
		return (ExactRatioState *) summary_add_cores((Pointer) into, offsetof(ExactRatioState, sums),
													 from->sums, RATIO_SUMS, &ratio_type,
													 ratio_add_slow);
	else
	{
		ExactSum	merged[RATIO_SUMS];
		ExactSum	other[RATIO_SUMS];

		ratio_unpack(into, merged);
		ratio_unpack(from, other);
		summary_merge_sums(merged, other, RATIO_SUMS, &ratio_type);
		return ratio_pack(merged);
	}
}

/*
 * Combine of value_win_rate, quota_attainment and the revenue retentions
 * (STRICT; the first argument is the aggregate's own state): the cores
 * added in place when 'from' has no spill, else through the unpacked sums.
 */
PG_FUNCTION_INFO_V1(exact_ratio_state_combine);
Datum
exact_ratio_state_combine(PG_FUNCTION_ARGS)
{
	ExactRatioState *into = ratio_state_arg(fcinfo, 0);

	PG_RETURN_POINTER(ratio_combine(into, PG_GETARG_RATIO_STATE_P(1)));
}

/*
 * numerator / denominator under the ratio rules: NULL when the denominator
 * is not positive.  Also the final function of the internal-state
 * definitions below (a pointer to the same value).
 */
PG_FUNCTION_INFO_V1(value_win_rate_final);
Datum
value_win_rate_final(PG_FUNCTION_ARGS)
{
	ExactSum	sums[RATIO_SUMS];

	ratio_unpack(PG_GETARG_RATIO_STATE_P(0), sums);
	return exact_sum_ratio_result(fcinfo, &sums[RATIO_NUMERATOR], &sums[RATIO_DENOMINATOR]);
}

/* ---------- float_ratio_state (summary.h) ---------- */

static const SummaryType float_ratio_type = {"float_ratio_state", "amount", "the amount column",
SALESOPS_FORMAT_VERSION, SALESOPS_FORMAT_VERSION};

StaticAssertDecl(offsetof(FloatRatioState, sums) == 16 &&
				 sizeof(FloatRatioState) == 16 + RATIO_SUMS * sizeof(FloatSum),
				 "float_ratio_state's layout is 16 header bytes and two float sums");

static FloatRatioState *
float_ratio_checked(void *value)
{
	FloatRatioState *state = (FloatRatioState *) value;

	summary_check_header(state, sizeof(FloatRatioState), &float_ratio_type);
	if (VARSIZE(state) != sizeof(FloatRatioState))
		summary_corrupt(&float_ratio_type, "The value is longer than its fixed size.");
	return state;
}

FloatRatioState *
float_ratio_state_get(FunctionCallInfo fcinfo, int argno)
{
	return float_ratio_checked(PG_DETOAST_DATUM(PG_GETARG_DATUM(argno)));
}

static FloatRatioState *
float_ratio_state_new(void)
{
	FloatRatioState *state = palloc0(sizeof(FloatRatioState));

	SET_VARSIZE(state, sizeof(FloatRatioState));
	state->version = SALESOPS_FORMAT_VERSION;
	for (int i = 0; i < RATIO_SUMS; i++)
		float_sum_init(&state->sums[i]);
	return state;
}

FloatRatioState *
float_ratio_state_arg(FunctionCallInfo fcinfo, int argno)
{
	if (PG_ARGISNULL(argno))
		return float_ratio_state_new();
	return float_ratio_checked(summary_writable(fcinfo, argno));
}

/* No finite term and no NaN or infinity counted. */
static bool
float_sum_holds_nothing(const FloatSum *sum)
{
	return float_sum_is_zero(sum) && sum->nan_count == 0 && sum->pinf_count == 0 &&
		sum->ninf_count == 0;
}

/* A frame without rows holds nothing (what input accepts). */
static void
float_ratio_check_rows(const FloatRatioState *state, const char *text)
{
	if (state->rows < 0 ||
		(state->rows == 0 && !(float_sum_holds_nothing(&state->sums[RATIO_NUMERATOR]) &&
							   float_sum_holds_nothing(&state->sums[RATIO_DENOMINATOR]))))
		summary_invalid(&float_ratio_type, text,
						"A float_ratio_state without rows has zero sums.");
}

PG_FUNCTION_INFO_V1(float_ratio_state_out);
Datum
float_ratio_state_out(PG_FUNCTION_ARGS)
{
	FloatRatioState *state = float_ratio_state_get(fcinfo, 0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "v%d rows=" INT64_FORMAT, SALESOPS_FORMAT_VERSION, state->rows);
	for (int i = 0; i < RATIO_SUMS; i++)
		float_sum_append_text(&buf, ratio_sum_names[i], &state->sums[i]);
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(float_ratio_state_in);
Datum
float_ratio_state_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	int			version;
	char	   *cursor = summary_text_begin(pstrdup(input), &float_ratio_type, input, &version);
	FloatRatioState *state = float_ratio_state_new();

	state->rows = summary_parse_count(&cursor, "rows", &float_ratio_type, input);
	for (int i = 0; i < RATIO_SUMS; i++)
		summary_parse_float_sum(&cursor, ratio_sum_names[i], &state->sums[i], &float_ratio_type, input);
	summary_parse_end(cursor, &float_ratio_type, input);
	float_ratio_check_rows(state, input);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(float_ratio_state_send);
Datum
float_ratio_state_send(PG_FUNCTION_ARGS)
{
	FloatRatioState *state = float_ratio_state_get(fcinfo, 0);
	StringInfoData buf;

	salesops_begin_state(&buf);
	pq_sendint64(&buf, state->rows);
	for (int i = 0; i < RATIO_SUMS; i++)
		float_sum_send(&buf, &state->sums[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(float_ratio_state_recv);
Datum
float_ratio_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	FloatRatioState *state = float_ratio_state_new();

	(void) summary_recv_version(buf, &float_ratio_type);
	state->rows = summary_recv_int64(buf, &float_ratio_type);
	for (int i = 0; i < RATIO_SUMS; i++)
		if (!float_sum_recv(buf, &state->sums[i]))
			summary_invalid(&float_ratio_type, NULL, "The value ends inside a sum.");
	float_ratio_check_rows(state, NULL);
	PG_RETURN_POINTER(state);
}

/*
 * Combine of value_win_rate and weighted_pipeline(float8, ...) (STRICT).  A
 * merged sum past float8's range is an overflow error here, as a float8
 * rollup's is: the state must stay writable as text and binary (Citus
 * ships partial states as text), so no plan returns a value another plan
 * cannot.
 */
PG_FUNCTION_INFO_V1(float_ratio_state_combine);
Datum
float_ratio_state_combine(PG_FUNCTION_ARGS)
{
	FloatRatioState *into = float_ratio_state_arg(fcinfo, 0);
	FloatRatioState *from = float_ratio_state_get(fcinfo, 1);

	into->rows = add_counts(into->rows, from->rows, float_ratio_type.name);
	for (int i = 0; i < RATIO_SUMS; i++)
	{
		float_sum_merge(&into->sums[i], &from->sums[i]);
		float_sum_check_range(&into->sums[i]);
	}
	PG_RETURN_POINTER(into);
}

/* ---------- value_win_rate(won boolean, amount float8) ---------- */

/*
 * One row, added (direction 1) or taken out of a moving frame (-1), exactly.
 * A NULL won or amount skips the row; outside a moving window the state
 * stays NULL until a row counts.
 */
static Datum
value_win_rate_float8_row(FunctionCallInfo fcinfo, bool moving, int64 direction)
{
	FloatRatioState *state;
	float8		amount;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (!PG_ARGISNULL(0))
			PG_RETURN_DATUM(PG_GETARG_DATUM(0));
		if (!moving)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(float_ratio_state_new());
	}
	state = float_ratio_state_arg(fcinfo, 0);
	amount = PG_GETARG_FLOAT8(2);
	state->rows += direction;
	float_sum_add(&state->sums[RATIO_DENOMINATOR], amount, direction);
	if (PG_GETARG_BOOL(1))
		float_sum_add(&state->sums[RATIO_NUMERATOR], amount, direction);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(value_win_rate_float8_sum_trans);
Datum
value_win_rate_float8_sum_trans(PG_FUNCTION_ARGS)
{
	return value_win_rate_float8_row(fcinfo, false, 1);
}

PG_FUNCTION_INFO_V1(value_win_rate_float8_moving_trans);
Datum
value_win_rate_float8_moving_trans(PG_FUNCTION_ARGS)
{
	return value_win_rate_float8_row(fcinfo, true, 1);
}

/* Moving-window inverse: exact, so never a recomputation. */
PG_FUNCTION_INFO_V1(value_win_rate_float8_inv);
Datum
value_win_rate_float8_inv(PG_FUNCTION_ARGS)
{
	return value_win_rate_float8_row(fcinfo, true, -1);
}

/* won / closed, each sum rounded once, under the ratio rules of float8 sums. */
PG_FUNCTION_INFO_V1(value_win_rate_float8_sum_final);
Datum
value_win_rate_float8_sum_final(PG_FUNCTION_ARGS)
{
	FloatRatioState *state = float_ratio_state_get(fcinfo, 0);
	bool		isnull;
	float8		ratio = float8_sum_ratio(float_sum_result(&state->sums[RATIO_NUMERATOR]),
										 float_sum_result(&state->sums[RATIO_DENOMINATOR]),
										 &isnull);

	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(ratio);
}

/* ---------- the internal-state definitions of 0.1.0 to 0.6.0 ---------- */

/*
 * The released scripts declare value_win_rate(boolean, numeric) and
 * quota_attainment(numeric, numeric) with an internal state and name the C
 * functions value_win_rate_trans, value_win_rate_combine, _serialize,
 * _deserialize, _final and quota_attainment_trans.  A database keeps those
 * definitions until ALTER EXTENSION UPDATE, so these functions keep
 * serving them with this library: the state is the same exact_ratio_state
 * value, which for an internal state the function itself keeps in the
 * aggregate context (PostgreSQL copies a new state of a real type there,
 * never an internal one); serialize and deserialize are its binary form.
 */
Datum
ratio_state_internal(FunctionCallInfo fcinfo, Datum result, const char *funcname)
{
	MemoryContext aggcontext = salesops_aggcontext(fcinfo, funcname);
	Pointer		old = PG_ARGISNULL(0) ? NULL : PG_GETARG_POINTER(0);
	Pointer		state = DatumGetPointer(result);
	Pointer		kept;

	if (fcinfo->isnull || state == old)
		return result;
	kept = MemoryContextAlloc(aggcontext, VARSIZE(state));
	memcpy(kept, state, VARSIZE(state));
	if (old)
		pfree(old);
	return PointerGetDatum(kept);
}

PG_FUNCTION_INFO_V1(value_win_rate_trans);
Datum
value_win_rate_trans(PG_FUNCTION_ARGS)
{
	return ratio_state_internal(fcinfo, value_win_rate_add_row(fcinfo, false), "value_win_rate_trans");
}

/* The combine function of an internal-state definition: not STRICT there, either state may be NULL. */
Datum
ratio_state_internal_combine(FunctionCallInfo fcinfo, const char *funcname)
{
	ExactRatioState *from;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	from = PG_GETARG_RATIO_STATE_P(1);
	if (PG_ARGISNULL(0))
		return ratio_state_internal(fcinfo, PointerGetDatum(from), funcname);
	return ratio_state_internal(fcinfo, PointerGetDatum(ratio_combine(ratio_state_arg(fcinfo, 0), from)),
								funcname);
}

Datum
ratio_state_serialize(FunctionCallInfo fcinfo)
{
	PG_RETURN_BYTEA_P(ratio_send(PG_GETARG_RATIO_STATE_P(0)));
}

Datum
ratio_state_deserialize(FunctionCallInfo fcinfo)
{
	bytea	   *serialized = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	ExactRatioState *state;

	initStringInfo(&buf);
	appendBinaryStringInfo(&buf, VARDATA_ANY(serialized), VARSIZE_ANY_EXHDR(serialized));
	state = ratio_recv(&buf);
	if (buf.cursor != buf.len)
		summary_invalid(&ratio_type, NULL, "Bytes follow the last field.");
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(value_win_rate_combine);
Datum
value_win_rate_combine(PG_FUNCTION_ARGS)
{
	return ratio_state_internal_combine(fcinfo, "value_win_rate_combine");
}

PG_FUNCTION_INFO_V1(value_win_rate_serialize);
Datum
value_win_rate_serialize(PG_FUNCTION_ARGS)
{
	return ratio_state_serialize(fcinfo);
}

PG_FUNCTION_INFO_V1(value_win_rate_deserialize);
Datum
value_win_rate_deserialize(PG_FUNCTION_ARGS)
{
	return ratio_state_deserialize(fcinfo);
}
