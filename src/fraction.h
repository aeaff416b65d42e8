/*
 * fraction.h
 *	  Exact ratios (fractions of two integers) and their ordering, text and
 *	  float8 value: what attainment needs to keep each rep's achieved / quota
 *	  exactly, compare it with any threshold, and take an exact median.
 */
#ifndef SALESOPS_FRACTION_H
#define SALESOPS_FRACTION_H

#include "exact.h"

/*
 * The kinds of ratio, in the order ORDER BY sorts their float8 values:
 * NaN above everything, as PostgreSQL orders NaN.
 */
typedef enum RatioKind
{
	RATIO_NEG_INF,
	RATIO_FINITE,
	RATIO_POS_INF,
	RATIO_NAN
} RatioKind;

/*
 * A ratio being compared: a row's achieved / quota, or a threshold.  Finite
 * ratios are numerator / denominator with denominator > 0, in int64 or, when
 * wide, in integer numerics.
 */
typedef struct ExactRatio
{
	RatioKind	kind;
	bool		wide;
	int64		numerator;
	int64		denominator;
	Numeric		wide_numerator;
	Numeric		wide_denominator;
} ExactRatio;


/* Compare two fractions with positive denominators, exactly. */
static inline int
fraction_cmp(int64 numerator1, int64 denominator1, int64 numerator2, int64 denominator2)
{
	/* |products| < 2^126: no overflow */
	int128		left = (int128) numerator1 * denominator2;
	int128		right = (int128) numerator2 * denominator1;

	return (left > right) - (left < right);
}

extern void ratio_set_fast(ExactRatio *ratio, int64 numerator, int64 denominator);
extern void ratio_from_int128(int128 numerator, int128 denominator, ExactRatio *ratio);
extern void ratio_from_scaled(ScaledValue numerator, ScaledValue denominator, ExactRatio *ratio);
extern void ratio_from_numerics(Numeric numerator, Numeric denominator, ExactRatio *ratio);
extern int	ratio_cmp(const ExactRatio *x, const ExactRatio *y);
extern int	ratio_qsort_cmp(const void *x, const void *y);
extern float8 ratio_to_float8(const ExactRatio *ratio);
extern float8 ratio_midpoint_float8(const ExactRatio *x, const ExactRatio *y);
extern void ratio_append_text(StringInfo buf, const ExactRatio *ratio);
extern char *ratio_text(const ExactRatio *ratio);
extern bool ratio_parse(char *text, ExactRatio *ratio);

#endif							/* SALESOPS_FRACTION_H */
