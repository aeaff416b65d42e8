/*
 * probability.h
 *	  Probabilities (and other fractions such as attainment thresholds):
 *	  checked once per row, read as value::numeric reads them, and the exact
 *	  amount x probability product that weighted pipelines sum.
 */
#ifndef SALESOPS_PROBABILITY_H
#define SALESOPS_PROBABILITY_H

#include "exact.h"

/*
 * A row's probability, read once: its class and scaled digits when it reads
 * as a scaled integer, and the argument itself for the slow path (a numeric,
 * or a float8 still to be cast to numeric).
 */
typedef struct Probability
{
	NumericClass class;
	ScaledValue scaled;
	Datum		datum;
	bool		is_float8;
} Probability;

/*
 * A fraction in [0, 1], else ERROR 22003 with the divide-by-100 hint; 'what'
 * names it in the message ("gross margin"), 'argument' in the hint's
 * example ("gross_margin / 100.0").
 */
extern void fraction_check_float8(const char *what, const char *argument, float8 value);
extern void probability_check_float8(float8 probability);
extern void probability_read_numeric(Datum probability, Probability *read);
extern void probability_read_float8(FunctionCallInfo fcinfo, Datum probability,
									Probability *read);

/* A float8 as value::numeric reads it, memoized per call site. */
extern NumericClass float8_classify_numeric(FunctionCallInfo fcinfo, float8 value,
											ScaledValue *scaled);

extern bool weighted_amount(Money amount, const Probability *probability,
							int128 *term, int *scale, Numeric *product);

#endif							/* SALESOPS_PROBABILITY_H */
