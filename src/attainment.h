/*
 * attainment.h
 *	  The attainment summary as attainment_by_rep.c builds it: one summary
 *	  row per rep, made by the same code as attainment()'s rows.
 */
#ifndef SALESOPS_ATTAINMENT_H
#define SALESOPS_ATTAINMENT_H

#include "exact.h"

typedef struct AttainmentSummary AttainmentSummary;

extern AttainmentSummary *attainment_new(void);
extern AttainmentSummary *attainment_add_row(AttainmentSummary *summary, Datum achieved,
											 Datum quota);
extern bool quota_read(Datum quota, NumericClass *class, ScaledValue *scaled);
extern void attainment_too_large(void) pg_attribute_noreturn();

extern Datum attainment_final(PG_FUNCTION_ARGS);

#endif							/* SALESOPS_ATTAINMENT_H */
