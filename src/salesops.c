/*
 * salesops.c
 *	  The module: its magic block, load-time set-up, and the aggregate
 *	  plumbing every family shares (aggregate context, array pair states,
 *	  serialized internal states).
 */
#include "salesops.h"

#include "catalog/pg_type.h"
#include "libpq/pqformat.h"
#include "utils/rangetypes.h"
#include "utils/typcache.h"

#include "exact.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

void
_PG_init(void)
{
	exact_init();
}

DateADT
salesops_date_arg(FunctionCallInfo fcinfo, int argno, bool timestamptz)
{
	if (timestamptz)
		return DatumGetDateADT(DirectFunctionCall1(timestamptz_date, PG_GETARG_DATUM(argno)));
	return PG_GETARG_DATEADT(argno);
}

bool
date_window_of_range(Datum range, DateWindow *window)
{
	RangeType  *r = DatumGetRangeTypeP(range);
	TypeCacheEntry *typcache = lookup_type_cache(RangeTypeGetOid(r), TYPECACHE_RANGE_INFO);
	RangeBound	lower;
	RangeBound	upper;
	bool		empty;

	range_deserialize(typcache, r, &lower, &upper, &empty);
	if (empty)
		return false;
	window->has_lower = !lower.infinite;
	window->has_upper = !upper.infinite;
	window->lower = window->has_lower ? DatumGetDateADT(lower.val) : 0;
	window->upper = window->has_upper ? DatumGetDateADT(upper.val) : 0;
	return true;
}

/*
 * The two elements of an int8[2] or float8[2] aggregate state.  In an
 * aggregate the state is ours to update in place; called directly from SQL,
 * work on a copy.  A malformed array (a user calling the function by hand)
 * is an error.
 */
ArrayType *
salesops_array_pair(FunctionCallInfo fcinfo, int argno, Oid element_type,
					bool for_update, const char *what)
{
	ArrayType  *array = (for_update && !AggCheckCallContext(fcinfo, NULL))
		? PG_GETARG_ARRAYTYPE_P_COPY(argno)
		: PG_GETARG_ARRAYTYPE_P(argno);

	if (ARR_NDIM(array) != 1 || ARR_DIMS(array)[0] != 2 || ARR_HASNULL(array) ||
		ARR_ELEMTYPE(array) != element_type)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid %s state", what),
				 errdetail("The state must be a two-element %s array without NULLs.",
						   element_type == INT8OID ? "bigint" : "double precision")));
	return array;
}

MemoryContext
salesops_aggcontext(FunctionCallInfo fcinfo, const char *funcname)
{
	MemoryContext aggcontext;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "%s called in non-aggregate context", funcname);
	return aggcontext;
}

void
salesops_begin_state(StringInfo buf)
{
	pq_begintypsend(buf);
	pq_sendbyte(buf, SALESOPS_FORMAT_VERSION);
}

void
salesops_begin_read(StringInfo buf, bytea *serialized, const char *what)
{
	int			version;

	initStringInfo(buf);
	appendBinaryStringInfo(buf, VARDATA_ANY(serialized), VARSIZE_ANY_EXHDR(serialized));
	version = pq_getmsgbyte(buf);
	if (version != SALESOPS_FORMAT_VERSION)
		salesops_version_error(what, version);
}

/* A serialized state or stored value of a format this build cannot read. */
void
salesops_version_error(const char *what, int version)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("unsupported %s format version %d", what, version),
			 errdetail("This build of salesops reads format version %d.", SALESOPS_FORMAT_VERSION)));
}

void
salesops_end_read(StringInfo buf)
{
	pq_getmsgend(buf);
	pfree(buf->data);
}

#if PG_VERSION_NUM >= 150000
static int
salesops_qsort_call(const void *a, const void *b, void *arg)
{
	return (*(SalesopsCompareFn *) arg) (a, b);
}
#endif

void
salesops_qsort(void *base, size_t count, size_t size, SalesopsCompareFn compare)
{
#if PG_VERSION_NUM >= 150000
	qsort_interruptible(base, count, size, salesops_qsort_call, &compare);
#else
	qsort(base, count, size, compare);
#endif
}
