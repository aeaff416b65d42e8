/*
 * attainment.h
 *	  The attainment summary as attainment_by_rep.c builds it: one row per
 *	  rep, read by the same code as attainment()'s rows, the summary packed
 *	  once at the end.
 */
#ifndef SALESOPS_ATTAINMENT_H
#define SALESOPS_ATTAINMENT_H

#include "exact.h"

typedef struct AttainmentSummary AttainmentSummary;
typedef struct AttainmentBuild AttainmentBuild;

extern AttainmentBuild *attainment_build_begin(void);
extern void attainment_build_add(AttainmentBuild *build, const ExactSum *achieved,
								 const ExactSum *quota);
extern AttainmentSummary *attainment_build_finish(AttainmentBuild *build);
extern bool quota_read(Money quota, NumericClass *class, ScaledValue *scaled);
extern void attainment_too_large(void) pg_attribute_noreturn();

#endif							/* SALESOPS_ATTAINMENT_H */
