/*
 * salesops.h
 *	  What every salesops source file includes: the server headers, the
 *	  format version of stored values, and the aggregate plumbing shared by
 *	  the families.  The shared arithmetic lives in small headers of its own:
 *	  exact.h (exact numeric sums), probability.h, fraction.h (exact ratios)
 *	  and summary.h (the storable summary types' toolkit).
 */
#ifndef SALESOPS_H
#define SALESOPS_H

#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/date.h"

#include "compat.h"

/*
 * The fast paths multiply two 18-digit scaled integers exactly; that needs
 * a 128-bit integer.  Every 64-bit platform Debian builds PostgreSQL for has
 * one (x86_64, arm64, ppc64el, s390x, riscv64).
 */
#ifndef HAVE_INT128
#error "salesops needs a compiler with a 128-bit integer type"
#endif

/* Version byte leading every serialized state and stored summary. */
#define SALESOPS_FORMAT_VERSION 1

/* The aggregate context of a transition or combine call; an error outside one. */
extern MemoryContext salesops_aggcontext(FunctionCallInfo fcinfo,
										 const char *funcname);

/*
 * The two elements of an int8[2] or float8[2] aggregate state, updated in
 * place inside an aggregate (a copy when called directly from SQL).
 */
extern ArrayType *salesops_array_pair(FunctionCallInfo fcinfo, int argno, Oid element_type,
									  bool for_update, const char *what);

/*
 * A date argument given as date or timestamptz (timestamp arguments take
 * PostgreSQL's implicit cast to timestamptz): a timestamptz is taken as its
 * date in the session's time zone, so functions reading one are STABLE.
 */
extern DateADT salesops_date_arg(FunctionCallInfo fcinfo, int argno, bool timestamptz);

/*
 * A date range as its two bounds, lower inclusive and upper exclusive
 * (daterange is canonical), either side possibly unbounded: the periods
 * and windows the families take as daterange arguments.
 */
typedef struct DateWindow
{
	bool		has_lower;
	bool		has_upper;
	DateADT		lower;			/* 0 when unbounded */
	DateADT		upper;			/* 0 when unbounded */
} DateWindow;

/* Reads a daterange datum into a window; false if it is empty. */
extern bool date_window_of_range(Datum range, DateWindow *window);

/* Serialized internal states: a version byte, then pq_send* fields. */
extern void salesops_begin_state(StringInfo buf);
extern void salesops_begin_read(StringInfo buf, bytea *serialized,
								const char *what);
extern void salesops_end_read(StringInfo buf);
extern void salesops_version_error(const char *what, int version) pg_attribute_noreturn();

/*
 * qsort that a cancel interrupts: the sorts of stored summaries' ratios and
 * amounts run over up to tens of millions of elements.  On PostgreSQL 13
 * and 14 (no qsort_interruptible), plain qsort.
 */
typedef int (*SalesopsCompareFn) (const void *a, const void *b);
extern void salesops_qsort(void *base, size_t count, size_t size, SalesopsCompareFn compare);

#endif							/* SALESOPS_H */
