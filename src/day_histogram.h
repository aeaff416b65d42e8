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
 * 0) as long as it fits a core's cache (DAY_HASH_MAX_SLOTS).  Past that a
 * hash insert is a cache miss (lead response seconds: 165,000 distinct in
 * 2.5M leads; 40-70 ns a row), so the table becomes its bins sorted, in
 * place, and a buffer written in order: the rows' keys, radix-sorted when
 * full and merged into the sorted bins in one pass, in place.  The buffer
 * holds at least as many keys as there are sorted bins, so a merge costs
 * O(1) a row.  Bins added in bulk (rollup, combine) take a buffer of their
 * own, merged the same way; a stored summary's bins, already sorted, are
 * merged at once when there are enough of them.  Every row costs
 * amortized O(1) in any input order either way.  A one-group table (lead
 * responses, sales cycles) buffers a row as its 4-byte days instead of an
 * 8-byte (group, days) key: half the bytes sorted and merged.
 *
 * Most rows of a one-group histogram fall in a narrow range (lead
 * responses: 90 % within 18 hours, 65,536 seconds), so at the switch to
 * the sorted form (earlier for one group: 1,024 bins), if DAY_WINDOW_KEYS
 * consecutive keys hold at least half of the rows so far, those keys get a
 * dense window of 8-bit counters (128 kB): a buffered row there costs one
 * increment when the buffer is applied, no sort or merge; a counter that
 * wraps moves its count to the bins added in bulk.  Reading the table
 * walks the sorted bins and the window together.  The stored form is the
 * bins sorted by (group, days): DayBins (deal_summary, stage_time: the
 * table stays as it is) or packed (lead_summary, below: the table becomes
 * its packed bins, the rest freed).  A table of packed summaries merges
 * stored packed lists as they are (combine, rollup) and keeps them apart
 * from its other bins until read.
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

/* A counter of the sorted form's window (see DAY_WINDOW_KEYS). */
typedef uint8 DayCounter;

#define DAY_COUNTER_MAX PG_UINT8_MAX

/* The collecting form (all zero when empty). */
typedef struct DayTable
{
	DayBin	   *slots;			/* hashed: the table; sorted: the bins, in order */
	int32		capacity;		/* slots allocated (hashed: 0 or a power of two) */
	int32		used;			/* bins with a count (sorted: the merged ones) */
	bool		sorted;			/* the sorted form */
	bool		one_group;		/* set by the owner: every bin is in group 0 */
	/* the sorted form's buffers, allocated when first needed */
	void	   *keys;			/* rows not merged yet, as sort keys (uint32
								 * days when one_group, else uint64) */
	void	   *key_scratch;	/* the radix sort's second buffer */
	int32		keys_used;
	int32		keys_capacity;
	DayBin	   *pending;		/* bins added in bulk, not merged yet */
	DayBin	   *pending_scratch;
	int32		pending_used;
	int32		pending_capacity;
	/* the sorted form's dense window, if it has one (else window_keys 0) */
	DayCounter *window;			/* counts of keys window_base + 0 .. window_keys - 1 */
	uint64		window_base;	/* a day_key() */
	uint64		window_keys;
	/* a one-group table's bins merged from stored packed lists, kept packed */
	uint8	   *packed;
	Size		packed_size;
	int32		packed_bins;
	MemoryContext context;		/* where the table lives */
	const char *type_name;		/* the summary type, for errors */
} DayTable;

/* The most distinct bins a summary holds (a stored summary stays far below 1 GB). */
#define DAY_BIN_LIMIT (PG_INT32_MAX / 8)

/* The longest span dates allow: date '5874897-12-31' - date '4714-11-24 BC'. */
#define DAY_MAX_SPAN 2147483493

/*
 * Count 'count' more in bin (group, days), growing the table in 'context';
 * 'type_name' names the summary type in errors.  Group 0 only in a
 * one_group table.
 */
extern void day_table_add(DayTable *table, int32 group, int32 days, int64 count,
						  MemoryContext context, const char *type_name);

/*
 * The number of bins the table holds (what was buffered merged first), and
 * the bins themselves, sorted by (group, days), written to 'out' (room for
 * day_table_count's number; no day_table_add between the two calls).
 */
extern int32 day_table_count(DayTable *table);
extern void day_table_write(DayTable *table, DayBin *out);

/* The two at once: the bins in a new array (current context), their number in *count. */
extern DayBin *day_table_bins(DayTable *table, int32 *count);

/*
 * The packed form of a one-group histogram's bins (lead_summary's stored
 * bins): each bin, in ascending order of days (0 or more), as two
 * varints (varint.h): its days less the previous bin's days less one (the
 * first bin: its days), then its count less one.  A lead response
 * histogram takes about 2 bytes a bin instead of a DayBin's 16, and parallel
 * plans copy partial summaries of ~20,000 bins several times over (sorted,
 * gathered, merged).  No packed list is out of order or has an empty bin.
 */
#define DAY_PACKED_BIN_MIN 2
#define DAY_PACKED_BIN_MAX 14	/* days: 5 bytes (31 bits); count: 9 (63) */

/*
 * The bytes of the table's packed bins, their number in *count; and the
 * packed bins themselves, copied to 'out' (that many bytes; no
 * day_table_add between the two calls).  The first packs the table: every
 * bin it holds (what was buffered merged first) in one walk, its other
 * forms freed; rows added later collect anew and are merged in at the next
 * read.
 */
extern Size day_table_packed_size(DayTable *table, int32 *count);
extern void day_table_write_packed(DayTable *table, uint8 *out);

/*
 * A stored list of bins, read one at a time: DayBins, or packed bins
 * (checked while read: a list that does not decode to exactly n bins in
 * 'size' bytes is ERROR 'corrupt <type_name> value').  day_bins_next reads
 * the next bin into 'bin', or returns false at the end.
 */
typedef struct DayBinReader
{
	const DayBin *bins;			/* DayBins: the next, or NULL when packed */
	const uint8 *packed;		/* packed: the next byte */
	const uint8 *packed_end;
	int32		left;			/* bins not read yet */
	DayBin		bin;			/* the bin read last (packed: days -1 before the first) */
	const char *type_name;
} DayBinReader;

extern DayBinReader day_bins_reader(const DayBin *bins, int32 n, const char *type_name);
extern DayBinReader day_packed_reader(const uint8 *packed, Size size, int32 n, const char *type_name);
extern void day_packed_next(DayBinReader *reader);
extern void day_packed_corrupt(const DayBinReader *reader) pg_attribute_noreturn();

static inline bool
day_bins_next(DayBinReader *reader)
{
	if (reader->left == 0)
	{
		if (reader->packed != reader->packed_end)
			day_packed_corrupt(reader); /* bytes past the last bin */
		return false;
	}
	reader->left--;
	if (reader->bins)
		reader->bin = *reader->bins++;
	else if (reader->packed_end - reader->packed >= 2 && reader->packed[0] < 0x80 &&
			 reader->packed[1] < 0x80 && reader->bin.days < PG_INT32_MAX - 0x80)
	{
		/* the usual bin: a gap and a count of one byte each */
		reader->bin.days += reader->packed[0] + 1;
		reader->bin.count = reader->packed[1] + 1;
		reader->packed += 2;
	}
	else
		day_packed_next(reader);
	return true;
}

/*
 * Counts n bins more (a stored summary's: sorted by (group, days), each
 * with a count; any other list is added bin by bin): a long sorted list
 * is merged in one pass.
 */
extern void day_table_add_bins(DayTable *table, const DayBin *bins, int32 n,
							   MemoryContext context, const char *type_name);

/*
 * The same for a packed list of n bins in 'size' bytes: merged with the
 * table's packed bins, packed, when at least half as long as they are (a
 * combine's partial summaries, rollup's parts alike: a few bytes a bin
 * where unpacked bins take 16; linear, since the list pays for the bins it
 * merges with), else unpacked and added as day_table_add_bins adds.
 */
extern void day_table_add_packed(DayTable *table, const uint8 *packed, Size size, int32 n,
								 MemoryContext context, const char *type_name);

extern int	day_bin_cmp(const void *a, const void *b);

/*
 * Σ days x count and Σ count of the bins a reader has left (exact: int128
 * cannot overflow here; a Σ count past int64 is an error).
 */
extern void day_bins_totals(const DayBinReader *bins, int128 *days, int64 *count);

/*
 * The value at fraction p of the 'count' values in the reader's bins (sorted), as
 * percentile_cont(p) defines it: rank p x (count - 1), interpolated between
 * its two neighbours, computed exactly, divided by 'divisor' (3600 turns
 * seconds into hours) and rounded once.  count > 0.
 */
extern float8 day_bins_percentile(const DayBinReader *bins, int64 count, float8 fraction,
								  int32 divisor);

/* A percentile argument outside [0, 1], or NaN, is ERROR 22003. */
extern void day_check_percentile(float8 fraction);

#endif							/* SALESOPS_DAY_HISTOGRAM_H */
