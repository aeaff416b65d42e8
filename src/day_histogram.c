/*
 * day_histogram.c
 *	  Exact histograms of whole days (see day_histogram.h).
 */
#include "day_histogram.h"

#include "exact.h"

#include <math.h>

#include "miscadmin.h"
#include "utils/float.h"
#include "utils/memutils.h"

#define DAY_INITIAL_SLOTS 8

/* The slot of (group, days): its bin, or the empty slot where it goes. */
static inline int32
day_slot(const DayTable *table, int32 group, int32 days)
{
	uint32		mask = (uint32) table->capacity - 1;
	uint64		key = ((uint64) (uint32) group << 32) | (uint32) days;
	uint32		slot = (uint32) ((key * UINT64CONST(0x9E3779B97F4A7C15)) >> 32) & mask;

	while (table->slots[slot].count != 0 &&
		   (table->slots[slot].days != days || table->slots[slot].group != group))
		slot = (slot + 1) & mask;
	return (int32) slot;
}

void
day_table_add(DayTable *table, int32 group, int32 days, int64 count,
			  MemoryContext context, const char *type_name)
{
	DayBin	   *bin;

	if (2 * ((Size) table->used + 1) > (Size) table->capacity)
	{
		DayBin	   *old = table->slots;
		int32		old_capacity = table->capacity;

		if (table->used >= DAY_BIN_LIMIT)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("%s day histogram is too large", type_name),
					 errdetail("A summary holds at most %d distinct day counts.", DAY_BIN_LIMIT),
					 errhint("Summarize smaller groups, for example per team or per quarter, and roll them up.")));
		table->capacity = Max(DAY_INITIAL_SLOTS, 2 * old_capacity);
		table->slots = MemoryContextAllocZero(context, sizeof(DayBin) * table->capacity);
		for (int32 i = 0; i < old_capacity; i++)
		{
			CHECK_FOR_INTERRUPTS();
			if (old[i].count != 0)
				table->slots[day_slot(table, old[i].group, old[i].days)] = old[i];
		}
		if (old)
			pfree(old);
	}
	bin = &table->slots[day_slot(table, group, days)];
	if (bin->count == 0)
	{
		bin->days = days;
		bin->group = group;
		table->used++;
	}
	bin->count = add_counts(bin->count, count, type_name);
}

int
day_bin_cmp(const void *a, const void *b)
{
	const DayBin *x = (const DayBin *) a;
	const DayBin *y = (const DayBin *) b;

	if (x->group != y->group)
		return (x->group > y->group) - (x->group < y->group);
	return (x->days > y->days) - (x->days < y->days);
}

DayBin *
day_table_sorted(const DayTable *table)
{
	DayBin	   *bins = palloc(sizeof(DayBin) * Max(1, table->used));
	int32		n = 0;

	for (int32 i = 0; i < table->capacity; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (table->slots[i].count != 0)
			bins[n++] = table->slots[i];
	}
	salesops_qsort(bins, n, sizeof(DayBin), day_bin_cmp);
	return bins;
}

void
day_bins_totals(const DayBin *bins, int32 n, int128 *days, int64 *count)
{
	*days = 0;
	*count = 0;
	for (int32 i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		*days += (int128) bins[i].days * bins[i].count;
		*count += bins[i].count;
	}
}

/* The days at rank 'rank' (0-based) of bins[0..n), sorted. */
static int32
day_bins_at_rank(const DayBin *bins, int32 n, int64 rank)
{
	int64		seen = 0;

	for (int32 i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		seen += bins[i].count;
		if (seen > rank)
			return bins[i].days;
	}
	return bins[n - 1].days;
}

float8
day_bins_percentile(const DayBin *bins, int32 n, int64 count, float8 fraction, int32 divisor)
{
	int			exponent;
	int			shift;
	int64		mantissa;
	int128		position;
	int64		lower_rank;
	int128		remainder;
	int32		lower_value;
	int32		upper_value;
	int128		numerator;

	/*
	 * percentile_cont interpolates at rank p x (count - 1) in float8, which
	 * can land one unit off (0.9 of 7 stays of 1..9 days: 7.200000000000001).
	 * The days are integers, so the interpolation is done exactly and
	 * rounded once: p = mantissa / 2^shift, the rank's integer part and
	 * remainder in int128, the value as one int128 numerator over 2^shift
	 * (and the divisor).  That takes shift <= 95 (p >= 2^-42); a smaller p
	 * is within one unit of the lowest ranks, and takes percentile_cont's
	 * float8 formula.
	 */
	mantissa = (int64) ldexp(frexp(fraction, &exponent), 53);
	shift = 53 - exponent;
	if (fraction == 0.0 || count == 1)
		return int128_ratio_float8(day_bins_at_rank(bins, n, 0), divisor);
	if (shift > 95)
	{
		float8		at = fraction * (float8) (count - 1);

		lower_rank = (int64) floor(at);
		lower_value = day_bins_at_rank(bins, n, lower_rank);
		upper_value = day_bins_at_rank(bins, n, Min(lower_rank + 1, count - 1));
		return (lower_value + (upper_value - lower_value) * (at - floor(at))) / divisor;
	}
	position = (int128) mantissa * (count - 1);
	lower_rank = (int64) (position >> shift);
	remainder = position - ((int128) lower_rank << shift);
	lower_value = day_bins_at_rank(bins, n, lower_rank);
	if (remainder == 0)
		return int128_ratio_float8(lower_value, divisor);
	upper_value = day_bins_at_rank(bins, n, lower_rank + 1);
	/* < upper_value x 2^shift <= 2^126: no overflow */
	numerator = ((int128) lower_value << shift) + (int128) (upper_value - lower_value) * remainder;
	if (divisor == 1)
		return ldexp((float8) numerator, -shift);	/* one rounding: the scaling is exact */
	return int128_ratio_float8(numerator, (int128) divisor << shift);
}

void
day_check_percentile(float8 fraction)
{
	if (!(fraction >= 0.0 && fraction <= 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("percentile value %s is not between 0 and 1", float8out_internal(fraction))));
}
