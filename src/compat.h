/*
 * compat.h
 *	  The server API differences between the PostgreSQL majors salesops
 *	  supports (13 to 18), in one place: each guard gives the older or newer
 *	  server the spelling the sources use.  Included from salesops.h.
 */
#ifndef SALESOPS_COMPAT_H
#define SALESOPS_COMPAT_H

#include "postgres.h"

#include "utils/float.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

/*
 * 13: no numeric infinities (14 added them, with numeric_is_inf and the
 * exported int64_to_numeric).  Every infinity branch is then dead: no
 * numeric 13 reads is infinite.
 */
#if PG_VERSION_NUM < 140000
static inline bool
numeric_is_inf(Numeric num)
{
	(void) num;
	return false;
}

static inline Numeric
int64_to_numeric(int64 val)
{
	return DatumGetNumeric(DirectFunctionCall1(int8_numeric, Int64GetDatum(val)));
}
#endif

/*
 * 16 added a soft-error context argument to float8in_internal; NULL (errors
 * are thrown, as before 16) is what the sources mean.  utils/float.h is
 * included above, so its declaration is read before this macro exists.
 */
#if PG_VERSION_NUM >= 160000
#define float8in_internal(num, endptr_p, type_name, orig_string) \
	float8in_internal((num), (endptr_p), (type_name), (orig_string), NULL)
#endif

/*
 * 18 removed pg_attribute_noreturn() (written after a declarator) in favour
 * of pg_noreturn (written before the declaration); GCC and clang, the
 * compilers Debian builds PostgreSQL and its bitcode with, take the
 * attribute after the declarator still.
 */
#if PG_VERSION_NUM >= 180000 && !defined(pg_attribute_noreturn)
#if defined(__GNUC__)
#define pg_attribute_noreturn() __attribute__((noreturn))
#else
#define pg_attribute_noreturn()
#endif
#endif

/*
 * 13: no strtoi64 (c.h defines it as a macro from 14 on); long long is 64
 * bits wherever PostgreSQL builds.
 */
#ifndef strtoi64
#define strtoi64(str, endptr, base) ((int64) strtoll((str), (endptr), (base)))
#endif

/* 16 added a soft-error context argument to make_range (utils/rangetypes.h). */
#if PG_VERSION_NUM >= 160000
#define salesops_make_range(typcache, lower, upper, empty) \
	make_range((typcache), (lower), (upper), (empty), NULL)
#else
#define salesops_make_range(typcache, lower, upper, empty) \
	make_range((typcache), (lower), (upper), (empty))
#endif

#endif							/* SALESOPS_COMPAT_H */
