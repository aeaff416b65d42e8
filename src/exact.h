/*
 * exact.h
 *	  Exact money arithmetic shared by every family: numerics read as scaled
 *	  integers, exact sums, and the ratio rules of api.md.
 *
 * Every money KPI needs the same thing: an exact sum of numeric values (or
 * of amount x probability products) that is as fast as a float sum on the
 * common case of small-scale money, and exactly equal to numeric arithmetic
 * on every input.  ExactSum is that accumulator; the families only decide
 * which rows feed which sums.
 */
#ifndef SALESOPS_EXACT_H
#define SALESOPS_EXACT_H

#include "salesops.h"

#include "common/int.h"
#include "lib/stringinfo.h"
#include "utils/numeric.h"

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

extern void exact_init(void);
extern NumericClass numeric_classify(Datum value, ScaledValue *scaled);
extern Numeric scaled_int128_to_numeric(int128 value, int scale);

/*
 * A money argument: a numeric, or an integer column (smallint, integer or
 * bigint) read as whole currency units.  Integer amounts have overloads of their own, as
 * sum(bigint) has, because PostgreSQL would otherwise resolve them to the
 * float8 overloads (float8 is the preferred numeric type) and lose exactness
 * past 2^53.  The overloads share the numeric ones' C functions, which ask
 * money_arg for the argument's type.
 */
typedef enum MoneyType
{
	MONEY_NUMERIC,
	MONEY_INT2,
	MONEY_INT4,
	MONEY_INT8
} MoneyType;

typedef struct Money
{
	Datum		value;
	MoneyType	type;
} Money;

extern Money money_arg(FunctionCallInfo fcinfo, int argno);

static inline Money
money_of_numeric(Numeric value)
{
	Money		money = {NumericGetDatum(value), MONEY_NUMERIC};

	return money;
}

extern NumericClass money_classify(Money money, ScaledValue *scaled);
extern Numeric money_numeric(Money money);

/* The numeric wrappers every family uses (numeric_in/out/cmp through fmgr). */
extern Numeric salesops_numeric_in(const char *text);
extern char *salesops_numeric_out(Numeric value);
extern Numeric salesops_numeric_from_int64(int64 value);
extern Numeric numeric_copy_to(Numeric value, MemoryContext context);
extern int	salesops_numeric_cmp(Numeric a, Numeric b);
extern float8 salesops_numeric_float8(Numeric value);
extern int	salesops_numeric_sign(Numeric value);
extern bool is_numeric_literal(const char *s);

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
extern bool exact_core_is_finite(const ExactSumCore *core);
extern NumericClass exact_core_class(const ExactSumCore *core);
extern NumericClass float8_class(float8 value);
extern bool exact_core_count_special(ExactSumCore *core, NumericClass class);
extern void exact_core_merge_counts(ExactSumCore *into, const ExactSumCore *from,
									const char *type_name);
extern void exact_sum_init(ExactSum *sum);
extern void exact_sum_add_scaled(ExactSum *sum, int128 term, int scale,
								 MemoryContext aggcontext);
extern void exact_sum_add_numeric(ExactSum *sum, Numeric term,
								  MemoryContext aggcontext);
extern void exact_sum_add_money(ExactSum *sum, Money value,
								MemoryContext aggcontext);
extern void exact_sum_merge(ExactSum *into, const ExactSum *from,
							MemoryContext aggcontext);
extern bool exact_core_remove_scaled(ExactSumCore *core, int128 term, int scale);
extern bool exact_sum_remove_scaled(ExactSum *sum, int128 term, int scale);
extern bool exact_sum_remove_money(ExactSum *sum, Money value);
extern void exact_sum_set_numeric(ExactSum *sum, Numeric value);
extern Numeric exact_sum_result(const ExactSum *sum);
extern bool exact_sum_is_negative(const ExactSum *sum);
extern float8 exact_sum_ratio(const ExactSum *numerator,
							  const ExactSum *denominator, bool *isnull);

/* numerator / denominator (> 0) of two integers, rounded once, as exact_sum_ratio. */
extern float8 int128_ratio_float8(int128 numerator, int128 denominator);

/*
 * A ratio of two counts as a function's result: numerator / denominator
 * rounded once, SQL NULL when the denominator is not positive (win_rate's
 * rule for every count ratio).
 */
extern Datum count_ratio_result(FunctionCallInfo fcinfo, int64 numerator, int64 denominator);

/* exact_sum_ratio as a function's result: SQL NULL where the ratio is NULL */
extern Datum exact_sum_ratio_result(FunctionCallInfo fcinfo, const ExactSum *numerator,
									const ExactSum *denominator);
extern void exact_sum_serialize(StringInfo buf, const ExactSum *sum);
extern void exact_sum_deserialize(StringInfo buf, ExactSum *sum);

/* The ratio of two float8 sums under the same rules as exact_sum_ratio. */
extern float8 float8_sum_ratio(float8 numerator, float8 denominator,
							   bool *isnull);

/*
 * a + b for the counts of a summary being rolled up.  Aggregating rows can
 * never overflow an int64 count, but stored values can be made by hand (text
 * or binary input) with counts near 2^63: their sum is an error, not a
 * wrapped negative count.
 */
extern void counts_out_of_range(const char *type_name) pg_attribute_noreturn();

static inline int64
add_counts(int64 a, int64 b, const char *type_name)
{
	int64		result;

	if (unlikely(pg_add_s64_overflow(a, b, &result)))
		counts_out_of_range(type_name);
	return result;
}

/*
 * An exact sum over a moving-window frame: the sum, the rows in the frame
 * and how many of them have a term at the sum's display scale.  A term at a
 * larger scale raises the display scale; taking out the last term at the
 * display scale would have to lower it, which the sum cannot do in place,
 * so exact_window_remove_scaled refuses that one (PostgreSQL then sums the
 * frame again), and every frame prints as a fresh sum(numeric) would.
 */
typedef struct ExactWindowSum
{
	ExactSum	sum;
	int64		rows;
	int64		rows_at_scale;
} ExactWindowSum;

extern ExactWindowSum *exact_window_new(MemoryContext aggcontext);
extern void exact_window_add_scaled(ExactWindowSum *window, int128 term, int scale,
									MemoryContext aggcontext);
extern void exact_window_add_numeric(ExactWindowSum *window, Numeric term,
									 MemoryContext aggcontext);
extern bool exact_window_remove_scaled(ExactWindowSum *window, int128 term, int scale);

#endif							/* SALESOPS_EXACT_H */
