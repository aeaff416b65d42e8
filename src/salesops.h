/*
 * salesops.h
 *	  Shared state and helpers of the salesops KPI families.
 *
 * Every money KPI needs the same thing: an exact sum of numeric values (or
 * of amount x probability products) that is as fast as a float sum on the
 * common case of small-scale money, and exactly equal to numeric arithmetic
 * on every input.  ExactSum is that accumulator; the families only decide
 * which rows feed which sums.
 */
#ifndef SALESOPS_H
#define SALESOPS_H

#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/numeric.h"

/*
 * The fast path multiplies two 18-digit scaled integers exactly; that needs
 * a 128-bit integer.  Every 64-bit platform Debian builds PostgreSQL for has
 * one (x86_64, arm64, ppc64el, s390x, riscv64).
 */
#ifndef HAVE_INT128
#error "salesops needs a compiler with a 128-bit integer type"
#endif

/* Version byte leading every serialized state and stored summary. */
#define SALESOPS_FORMAT_VERSION 1

/*
 * A finite numeric read as an exact scaled integer: value = digits / 10^scale,
 * where scale is the numeric's display scale.  Values of up to 18 digits at
 * scale <= 18 take this form; anything else goes through numeric arithmetic.
 */
#define SCALED_MAX_SCALE 18

typedef struct ScaledValue
{
	int64		digits;
	int			scale;
} ScaledValue;

typedef enum NumericClass
{
	NUMERIC_CLASS_SCALED,		/* read into a ScaledValue */
	NUMERIC_CLASS_WIDE,			/* finite, but too many digits for int64 */
	NUMERIC_CLASS_NAN,
	NUMERIC_CLASS_PINF,
	NUMERIC_CLASS_NINF
} NumericClass;

/* 10^0 .. 10^18: the scale factors of ScaledValue digits. */
extern const int64 scaled_powers_of_ten[SCALED_MAX_SCALE + 1];

extern NumericClass numeric_classify(Datum value, ScaledValue *scaled);
extern Numeric scaled_int128_to_numeric(int128 value, int scale);
extern Numeric salesops_numeric_in(const char *text);
extern char *salesops_numeric_out(Numeric value);

/*
 * Exact sum of numeric terms.
 *
 * ExactSumCore holds the sum of every term that fits, as an int128 in units
 * of 10^-scale, where scale is the largest display scale seen (the result's
 * display scale, as sum(numeric) gives).  It is kept below EXACT_SUM_LIMIT =
 * 10^37: each term is below 10^37 too, so one addition cannot overflow the
 * 1.7e38 range of int128 before the check.  NaN and infinities are counted,
 * as core's NumericAggState does, because NaN and +Inf + -Inf make the sum
 * NaN.  The core has no pointers, so summary types store it as it is and
 * update it in place.
 *
 * ExactSum adds the spill: an ordinary numeric holding what the core cannot
 * (totals past 10^37 units, values wider than 18 digits).
 */
typedef struct ExactSumCore
{
	int128		scaled;
	int64		nan_count;
	int64		pinf_count;
	int64		ninf_count;
	int32		scale;
	int32		reserved;		/* zero: no uninitialised bytes in stored summaries */
} ExactSumCore;

typedef struct ExactSum
{
	ExactSumCore core;
	Numeric		spill;			/* NULL, or palloc'd in the aggregate context */
} ExactSum;

extern bool exact_core_add_scaled(ExactSumCore *core, int128 term, int scale);
extern bool exact_core_is_nan(const ExactSumCore *core);
extern void exact_sum_init(ExactSum *sum);
extern void exact_sum_add_scaled(ExactSum *sum, int128 term, int scale,
								 MemoryContext aggcontext);
extern void exact_sum_add_numeric(ExactSum *sum, Numeric term,
								  MemoryContext aggcontext);
extern void exact_sum_add_datum(ExactSum *sum, Datum value,
								MemoryContext aggcontext);
extern void exact_sum_merge(ExactSum *into, const ExactSum *from,
							MemoryContext aggcontext);
extern Numeric exact_sum_result(const ExactSum *sum);
extern float8 exact_sum_ratio(const ExactSum *numerator,
							  const ExactSum *denominator, bool *isnull);
extern void exact_sum_serialize(StringInfo buf, const ExactSum *sum);
extern void exact_sum_deserialize(StringInfo buf, ExactSum *sum);
extern void exact_sum_set_numeric(ExactSum *sum, Numeric value);

/*
 * Internal state of a ratio of two exact sums: value_win_rate(boolean,
 * numeric) and quota_attainment(numeric, numeric) share it, with its
 * combine, serialize, deserialize and final functions (win_rate.c).
 */
typedef struct ExactRatioState
{
	ExactSum	numerator;
	ExactSum	denominator;
} ExactRatioState;

extern ExactRatioState *exact_ratio_state_new(MemoryContext aggcontext);

/* The ratio of two float8 sums under the same rules as exact_sum_ratio. */
extern float8 float8_sum_ratio(float8 numerator, float8 denominator,
							   bool *isnull);

/* Probabilities: fractions in [0, 1]; anything else is an error. */
extern void probability_check_float8(float8 probability);
extern NumericClass probability_classify_numeric(Datum probability,
												 ScaledValue *scaled);
extern NumericClass probability_classify_float8(FunctionCallInfo fcinfo,
												float8 probability,
												ScaledValue *scaled);

/* A float8 as value::numeric reads it, memoized per call site. */
extern NumericClass float8_classify_numeric(FunctionCallInfo fcinfo, float8 value,
											ScaledValue *scaled);

extern bool weighted_amount(Datum amount, NumericClass probability_class,
							const ScaledValue *probability, Datum probability_datum,
							bool probability_is_float8, int128 *term, int *scale,
							Numeric *product);

/* Aggregate plumbing shared by every family. */
extern ArrayType *salesops_array_pair(FunctionCallInfo fcinfo, int argno, Oid element_type,
									  bool for_update, const char *what);
extern MemoryContext salesops_aggcontext(FunctionCallInfo fcinfo,
										 const char *funcname);
extern void salesops_begin_state(StringInfo buf);
extern void salesops_begin_read(StringInfo buf, bytea *serialized,
								const char *what);
extern void salesops_end_read(StringInfo buf);

/*
 * Storable summary types (see common.c): in-place updates, spills after the
 * fixed part, text form "v<version> key=value ...".
 */
extern struct varlena *summary_writable(FunctionCallInfo fcinfo, int argno);
extern void summary_version_error(const char *type_name, int version) pg_attribute_noreturn();
extern void summary_corrupt(const char *type_name, const char *detail) pg_attribute_noreturn();
extern Size summary_spills_size(const ExactSum *sums, int n, char **texts);
extern uint8 summary_spills_write(char *tail, char *const *texts, int n);
extern const char *summary_spills_read(const char *tail, const char *end, uint8 mask,
									   ExactSum *sums, int n, const char *type_name);
extern void summary_append_float8(StringInfo buf, const char *key, float8 value);
extern void summary_append_exact(StringInfo buf, const char *key, const ExactSum *sum);
extern void summary_bad_text(const char *type_name, const char *input,
							 const char *detail) pg_attribute_noreturn();
extern char *summary_text_begin(char *copy, const char *type_name, const char *input);
extern char *summary_next_value(char **cursor, const char *key, const char *type_name,
								const char *input);
extern int64 summary_parse_count(char *value, const char *key, const char *type_name,
								 const char *input);
extern bool is_numeric_literal(const char *s);
extern bool summary_parse_exact(const char *value, ExactSum *sum);
extern void summary_send_exact(StringInfo buf, const ExactSum *sum);
extern bool exact_sum_is_negative(const ExactSum *sum);
extern int64 summary_add_counts(int64 a, int64 b, const char *type_name);

#endif							/* SALESOPS_H */
