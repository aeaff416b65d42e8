/*
 * day_histogram.h
 *	  Exact histograms of whole units of time: deal_summary's sales cycle and
 *	  stage_time's days in stage (days), lead_summary's response times
 *	  (seconds, in the field named days).  A bin is (group, days, count);
 *	  deal_summary and lead_summary have one group (0), stage_time one per
 *	  stage.  Whole units make the mean, the median and every percentile
 *	  exact, and histograms merge exactly.
 *
 * While an aggregate collects, the bins are an open-addressing hash table
 * (a power of two of slots, at most half in use; an empty slot has count
 * 0), so every row costs amortized O(1) in any input order; the stored form
 * is the bins sorted by (group, days), written once.
 */
#ifndef SALESOPS_DAY_HISTOGRAM_H
#define SALESOPS_DAY_HISTOGRAM_H

#include "salesops.h"

/* One bin, as stored (16 bytes; no padding, so no uninitialised bytes). */
typedef struct DayBin
{
	int32		days;
	int32		group;			/* deal_summary: 0; stage_time: the stage */
	int64		count;
} DayBin;

/* The collecting form: a hash table of bins. */
typedef struct DayTable
{
	DayBin	   *slots;
	int32		capacity;		/* 0 or a power of two */
	int32		used;			/* bins with a count */
} DayTable;

/* The most distinct bins a summary holds (a stored summary stays far below 1 GB). */
#define DAY_BIN_LIMIT (PG_INT32_MAX / 8)

/* The longest span dates allow: date '5874897-12-31' - date '4714-11-24 BC'. */
#define DAY_MAX_SPAN 2147483493

/*
 * Count 'count' more in bin (group, days), growing the table in 'context';
 * 'type_name' names the summary type in errors.
 */
extern void day_table_add(DayTable *table, int32 group, int32 days, int64 count,
						  MemoryContext context, const char *type_name);

/* The table's bins sorted by (group, days), in the current context. */
extern DayBin *day_table_sorted(const DayTable *table);

extern int	day_bin_cmp(const void *a, const void *b);

/* Σ days x count and Σ count of bins[0..n) (exact: int128 cannot overflow here). */
extern void day_bins_totals(const DayBin *bins, int32 n, int128 *days, int64 *count);

/*
 * The value at fraction p of the 'count' values in bins[0..n) (sorted), as
 * percentile_cont(p) defines it: rank p x (count - 1), interpolated between
 * its two neighbours, computed exactly, divided by 'divisor' (3600 turns
 * seconds into hours) and rounded once.  count > 0.
 */
extern float8 day_bins_percentile(const DayBin *bins, int32 n, int64 count, float8 fraction,
								  int32 divisor);

/* A percentile argument outside [0, 1], or NaN, is ERROR 22003. */
extern void day_check_percentile(float8 fraction);

#endif							/* SALESOPS_DAY_HISTOGRAM_H */
