/*
 * day_histogram.c
 *	  Exact histograms of whole days (see day_histogram.h).
 */
#include "day_histogram.h"

#include "exact.h"
#include "varint.h"

#include <math.h>

#include "miscadmin.h"
#include "port/pg_bitutils.h"
#include "utils/float.h"
#include "utils/memutils.h"

#define DAY_INITIAL_SLOTS 8

/*
 * The largest hash table: 32,768 slots of 16 bytes, 512 kB, in a core's
 * cache.  A histogram with more bins than half of that is kept sorted.  A
 * one-group table switches at 2,048 slots, 32 kB: its sorted form has a
 * window (below), where most rows cost less than a hash insert once many
 * groups' tables share the cache (lead responses per team: 20 tables); a
 * window spans one group, so a table of several keeps the larger hash.
 */
#define DAY_HASH_MAX_SLOTS 32768
#define DAY_HASH_MAX_SLOTS_ONE_GROUP 2048

static inline int32
day_hash_max_slots(const DayTable *table)
{
	return table->one_group ? DAY_HASH_MAX_SLOTS_ONE_GROUP : DAY_HASH_MAX_SLOTS;
}

/*
 * The sorted form's dense window: 131,072 keys (lead responses: 36 hours of
 * seconds) of 8-bit counters, 128 kB.  Small counters keep the window in
 * the cache and cheap to clear, scan and fault in (a parallel worker's
 * memory is all new); a key with more rows than a counter holds costs one
 * bin added in bulk per 256 rows.
 */
#define DAY_WINDOW_KEYS (1 << 17)

/* The smallest buffer of the sorted form, in keys or bins. */
#define DAY_BUFFER_MIN 1024

/* Interrupts are checked once per this many bins in the long loops. */
#define DAY_INTERRUPT_MASK 8191

static void
day_too_large(const DayTable *table)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("%s day histogram is too large", table->type_name),
			 errdetail("A summary holds at most %d distinct day counts.", DAY_BIN_LIMIT),
			 errhint("Summarize smaller groups, for example per team or per quarter, and roll them up.")));
}

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

/*
 * (group, days) as one unsigned number in day_bin_cmp's order: the sign
 * bits flipped, so that negative numbers come first.
 */
static inline uint64
day_key(int32 group, int32 days)
{
	return ((uint64) ((uint32) group ^ 0x80000000u) << 32) | ((uint32) days ^ 0x80000000u);
}

static inline uint64
day_bin_key(const DayBin *bin)
{
	return day_key(bin->group, bin->days);
}

/* The bin of a day_key() with 'count' rows. */
static inline DayBin
day_key_bin(uint64 key, int64 count)
{
	DayBin		bin;

	bin.group = (int32) ((uint32) (key >> 32) ^ 0x80000000u);
	bin.days = (int32) ((uint32) key ^ 0x80000000u);
	bin.count = count;
	return bin;
}

/* A one-group table's row: the low half of day_key(0, days). */
static inline uint32
day_days_key(int32 days)
{
	return (uint32) days ^ 0x80000000u;
}

/* What a buffer of the sorted form holds. */
typedef enum DayItems
{
	DAY_ITEMS_BINS,				/* DayBins added in bulk */
	DAY_ITEMS_KEYS,				/* rows, as uint64 day_key() */
	DAY_ITEMS_DAYS				/* a one-group table's rows, as uint32 day_days_key() */
} DayItems;

/* The day_key() of item i. */
static inline uint64
day_item_key(const void *items, int32 i, DayItems kind)
{
	switch (kind)
	{
		case DAY_ITEMS_BINS:
			return day_bin_key(&((const DayBin *) items)[i]);
		case DAY_ITEMS_KEYS:
			return ((const uint64 *) items)[i];
		case DAY_ITEMS_DAYS:
			break;
	}
	return ((uint64) day_days_key(0) << 32) | ((const uint32 *) items)[i];
}

/* The widest digit of the radix sort: 2,048 counters, in the cache. */
#define DAY_RADIX_BITS 11

/*
 * Sorts n items of the given kind by key: a least-significant-digit radix
 * sort through 'scratch' over only the bits that differ (a lead
 * histogram's seconds: 23 bits, three passes of 8), in digits of at most
 * DAY_RADIX_BITS.  Linear and stable; the sorted result is in *items or,
 * after an odd number of passes, in *scratch: the two are swapped so that
 * *items holds it.  Its callers pass 'kind' as a constant, so each gets its
 * own specialised copy.
 */
static inline void
day_radix_sort(void **items, void **scratch, int32 n, DayItems kind)
{
#define DAY_ITEM_KEY(base, i) day_item_key(base, i, kind)
	uint64		first = DAY_ITEM_KEY(*items, 0);
	uint64		differ = 0;
	int			low;
	int			width;
	int			passes;
	int			digit_bits;
	uint32		histogram[(64 + DAY_RADIX_BITS - 1) / DAY_RADIX_BITS][1 << DAY_RADIX_BITS];

	for (int32 i = 0; i < n; i++)
	{
		if ((i & DAY_INTERRUPT_MASK) == 0)
			CHECK_FOR_INTERRUPTS();
		differ |= DAY_ITEM_KEY(*items, i) ^ first;
	}
	if (differ == 0)
		return;
	low = pg_rightmost_one_pos64(differ);
	width = pg_leftmost_one_pos64(differ) + 1 - low;
	passes = (width + DAY_RADIX_BITS - 1) / DAY_RADIX_BITS;
	digit_bits = (width + passes - 1) / passes;
	memset(histogram, 0, sizeof(uint32) * passes * (1 << DAY_RADIX_BITS));
	for (int32 i = 0; i < n; i++)
	{
		uint64		key = DAY_ITEM_KEY(*items, i) >> low;

		if ((i & DAY_INTERRUPT_MASK) == 0)
			CHECK_FOR_INTERRUPTS();
		for (int pass = 0; pass < passes; pass++)
			histogram[pass][(key >> (pass * digit_bits)) & ((1u << digit_bits) - 1)]++;
	}
	for (int pass = 0; pass < passes; pass++)
	{
		uint32		position = 0;
		int			shift = low + pass * digit_bits;
		uint32		mask = (1u << digit_bits) - 1;
		void	   *swap;

		for (uint32 digit = 0; digit <= mask; digit++)
		{
			uint32		here = histogram[pass][digit];

			histogram[pass][digit] = position;
			position += here;
		}
		for (int32 i = 0; i < n; i++)
		{
			uint32		to = histogram[pass][(DAY_ITEM_KEY(*items, i) >> shift) & mask]++;

			if ((i & DAY_INTERRUPT_MASK) == 0)
				CHECK_FOR_INTERRUPTS();
			if (kind == DAY_ITEMS_BINS)
				((DayBin *) *scratch)[to] = ((const DayBin *) *items)[i];
			else if (kind == DAY_ITEMS_KEYS)
				((uint64 *) *scratch)[to] = ((const uint64 *) *items)[i];
			else
				((uint32 *) *scratch)[to] = ((const uint32 *) *items)[i];
		}
		swap = *items;
		*items = *scratch;
		*scratch = swap;
	}
#undef DAY_ITEM_KEY
}

/* Grows the sorted bins to hold 'needed'. */
static void
day_sorted_reserve(DayTable *table, Size needed)
{
	Size		capacity;

	if (needed <= (Size) table->capacity)
		return;
	if (needed > DAY_BIN_LIMIT)
		day_too_large(table);
	capacity = Min(Max(needed, 2 * (Size) table->capacity), DAY_BIN_LIMIT);
	table->slots = repalloc_huge(table->slots, sizeof(DayBin) * capacity);
	table->capacity = (int32) capacity;
}

/*
 * Merges n items sorted by key (rows, each one row; or bins) into the
 * sorted bins, adding up equal ones, in place: a first pass counts the bins
 * the merge makes, a second fills them from the end, so that no bin is
 * written before it is read.  Specialised per caller like day_radix_sort.
 */
static inline void
day_merge(DayTable *table, const void *items, int32 n, DayItems kind)
{
#define DAY_ITEM_KEY(i) day_item_key(items, i, kind)
	DayBin	   *slots;
	int32		merged = table->used;
	int32		sorted = 0;
	int32		out;
	int32		steps = 0;

	for (int32 i = 0; i < n;)
	{
		uint64		key = DAY_ITEM_KEY(i);

		if ((++steps & DAY_INTERRUPT_MASK) == 0)
			CHECK_FOR_INTERRUPTS();
		while (++i < n && DAY_ITEM_KEY(i) == key)
			;
		while (sorted < table->used && day_bin_key(&table->slots[sorted]) < key)
			sorted++;
		if (sorted < table->used && day_bin_key(&table->slots[sorted]) == key)
			sorted++;
		else
			merged++;
	}
	day_sorted_reserve(table, merged);
	slots = table->slots;
	sorted = table->used - 1;
	out = merged;
	for (int32 i = n - 1; i >= 0;)
	{
		uint64		key = DAY_ITEM_KEY(i);
		int64		count = 0;

		if ((++steps & DAY_INTERRUPT_MASK) == 0)
			CHECK_FOR_INTERRUPTS();
		/* the run of equal items: its rows, or its bins' counts */
		do
		{
			count = kind == DAY_ITEMS_BINS ?
				add_counts(count, ((const DayBin *) items)[i].count, table->type_name) : count + 1;
		} while (--i >= 0 && DAY_ITEM_KEY(i) == key);
		while (sorted >= 0 && day_bin_key(&slots[sorted]) > key)
			slots[--out] = slots[sorted--];
		if (sorted >= 0 && day_bin_key(&slots[sorted]) == key)
		{
			slots[--out] = slots[sorted--];
			slots[out].count = add_counts(slots[out].count, count, table->type_name);
		}
		else
			slots[--out] = day_key_bin(key, count);
	}
	Assert(out == sorted + 1);
	table->used = merged;
#undef DAY_ITEM_KEY
}

/* Sorts and merges the bins added in bulk. */
static void
day_pending_merge(DayTable *table)
{
	if (table->pending_used == 0)
		return;
	day_radix_sort((void **) &table->pending, (void **) &table->pending_scratch, table->pending_used,
				   DAY_ITEMS_BINS);
	day_merge(table, table->pending, table->pending_used, DAY_ITEMS_BINS);
	table->pending_used = 0;
}

/*
 * A buffer of the sorted form, just merged, or not there yet: make it hold
 * twice as many as there are sorted bins (and at least DAY_BUFFER_MIN), so
 * that a merge, which moves every sorted bin, costs at most half a bin
 * moved per buffered row.
 */
static void
day_buffer_room(DayTable *table, void **buffer, void **scratch, int32 *capacity, Size item_size)
{
	if ((Size) *capacity < Max(2 * (Size) table->used, DAY_BUFFER_MIN))
	{
		if (*buffer)
		{
			pfree(*buffer);
			pfree(*scratch);
		}
		*capacity = (int32) Min(Max(Max(2 * (Size) table->used, DAY_BUFFER_MIN), 2 * (Size) *capacity),
								2 * (Size) DAY_BIN_LIMIT);
		*buffer = MemoryContextAllocHuge(table->context, item_size * *capacity);
		*scratch = MemoryContextAllocHuge(table->context, item_size * *capacity);
	}
}

/* Adds a bin to the bins added in bulk, merging them first when full. */
static void
day_pending_add(DayTable *table, DayBin bin)
{
	if (table->pending_used == table->pending_capacity)
	{
		day_pending_merge(table);
		day_buffer_room(table, (void **) &table->pending, (void **) &table->pending_scratch,
						&table->pending_capacity, sizeof(DayBin));
	}
	table->pending[table->pending_used++] = bin;
}

/*
 * Counts the n buffered rows that fall in the window, one increment each
 * (a counter that wraps sends its DAY_COUNTER_MAX + 1 to the bins added in
 * bulk), and keeps the others, in order, at the buffer's front: how many.
 * The rows of all groups come interleaved; a group's rows applied together
 * find its window in the cache, where a row applied on arrival would miss
 * it (20 teams' windows: 2.5 MB).
 */
static inline int32
day_keys_to_window(DayTable *table, int32 n, DayItems kind)
{
	int32		kept = 0;

	for (int32 i = 0; i < n; i++)
	{
		uint64		key = day_item_key(table->keys, i, kind);
		uint64		offset = key - table->window_base;

		if ((i & DAY_INTERRUPT_MASK) == 0)
			CHECK_FOR_INTERRUPTS();
		if (offset < table->window_keys)
		{
			if (unlikely(++table->window[offset] == 0))
				day_pending_add(table, day_key_bin(key, DAY_COUNTER_MAX + 1));
		}
		else if (kind == DAY_ITEMS_DAYS)
			((uint32 *) table->keys)[kept++] = ((const uint32 *) table->keys)[i];
		else
			((uint64 *) table->keys)[kept++] = ((const uint64 *) table->keys)[i];
	}
	return kept;
}

/* The buffered rows: those in the window counted, the others sorted and merged. */
static inline void
day_keys_apply(DayTable *table, DayItems kind)
{
	int32		n = table->keys_used;

	if (table->window_keys > 0)
		n = day_keys_to_window(table, n, kind);
	if (n > 0)
	{
		day_radix_sort(&table->keys, &table->key_scratch, n, kind);
		day_merge(table, table->keys, n, kind);
	}
	table->keys_used = 0;
}

static void
day_keys_merge(DayTable *table)
{
	if (table->one_group)
		day_keys_apply(table, DAY_ITEMS_DAYS);
	else
		day_keys_apply(table, DAY_ITEMS_KEYS);
}

/*
 * At the switch to the sorted form as the table grows (not when it is
 * read): the DAY_WINDOW_KEYS consecutive keys from a bin's that hold the
 * most rows (two pointers over the sorted bins), given a window if they
 * hold at least half of them.  Their bins move into it (those that fit a
 * counter), so that the sorted bins, and with them the buffers, keep only
 * the others.
 */
static void
day_window_place(DayTable *table)
{
	DayBin	   *bins = table->slots;
	int128		total = 0;
	int128		covered = 0;
	int128		most = 0;
	int32		most_from = 0;
	int32		end = 0;
	int32		kept = 0;

	for (int32 from = 0; from < table->used; from++)
	{
		uint64		first = day_bin_key(&bins[from]);

		if ((from & DAY_INTERRUPT_MASK) == 0)
			CHECK_FOR_INTERRUPTS();
		while (end < table->used && day_bin_key(&bins[end]) - first < DAY_WINDOW_KEYS)
			covered += bins[end++].count;
		if (covered > most)
		{
			most = covered;
			most_from = from;
		}
		covered -= bins[from].count;
		total += bins[from].count;
	}
	if (2 * most < total)
		return;
	table->window_base = day_bin_key(&bins[most_from]);
	table->window_keys = DAY_WINDOW_KEYS;
	table->window = MemoryContextAllocZero(table->context, sizeof(DayCounter) * DAY_WINDOW_KEYS);
	for (int32 i = 0; i < table->used; i++)
	{
		uint64		offset = day_bin_key(&bins[i]) - table->window_base;

		if ((i & DAY_INTERRUPT_MASK) == 0)
			CHECK_FOR_INTERRUPTS();
		if (offset < DAY_WINDOW_KEYS && bins[i].count <= DAY_COUNTER_MAX)
			table->window[offset] = (DayCounter) bins[i].count;
		else
			bins[kept++] = bins[i];
	}
	table->used = kept;
}

/*
 * The table's sorted form: the hash table's bins moved to its front and
 * sorted, in place (at most half its slots are in use).
 */
static void
day_table_make_sorted(DayTable *table)
{
	int32		n = 0;

	for (int32 i = 0; i < table->capacity; i++)
	{
		if ((i & DAY_INTERRUPT_MASK) == 0)
			CHECK_FOR_INTERRUPTS();
		if (table->slots[i].count != 0)
			table->slots[n++] = table->slots[i];
	}
	Assert(n == table->used);
	if (n > 1)
	{
		/* radix-sorted through the slots' unused half */
		void	   *bins = table->slots;
		void	   *scratch = table->slots + n;

		day_radix_sort(&bins, &scratch, n, DAY_ITEMS_BINS);
		if (bins != table->slots)
			memcpy(table->slots, bins, sizeof(DayBin) * n);
	}
	table->sorted = true;
}

/* The table has more bins than its hash table holds: the sorted form, with a window if one pays. */
static void
day_table_outgrow_hash(DayTable *table)
{
	day_table_make_sorted(table);
	day_window_place(table);
}

void
day_table_add(DayTable *table, int32 group, int32 days, int64 count,
			  MemoryContext context, const char *type_name)
{
	DayBin	   *bin;

	Assert(group == 0 || !table->one_group);
	if (table->sorted)
	{
		uint64		offset;

		if (count == 1)
		{
			/* a row: its key, counted in the window or sorted with the next ones' */
			if (table->keys_used == table->keys_capacity)
			{
				day_keys_merge(table);
				day_buffer_room(table, &table->keys, &table->key_scratch, &table->keys_capacity,
								table->one_group ? sizeof(uint32) : sizeof(uint64));
			}
			if (table->one_group)
				((uint32 *) table->keys)[table->keys_used++] = day_days_key(days);
			else
				((uint64 *) table->keys)[table->keys_used++] = day_key(group, days);
			return;
		}
		/* bins added in bulk: into the window if they fit its counter */
		offset = day_key(group, days) - table->window_base;
		if (offset < table->window_keys && count <= DAY_COUNTER_MAX - table->window[offset])
			table->window[offset] += (DayCounter) count;
		else
			day_pending_add(table, (DayBin) {.days = days, .group = group, .count = count});
		return;
	}
	table->context = context;
	table->type_name = type_name;
	if (2 * ((Size) table->used + 1) > (Size) table->capacity)
	{
		DayBin	   *old = table->slots;
		int32		old_capacity = table->capacity;

		if (old_capacity == day_hash_max_slots(table))
		{
			day_table_outgrow_hash(table);
			day_table_add(table, group, days, count, context, type_name);
			return;
		}
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

void
day_table_add_bins(DayTable *table, const DayBin *bins, int32 n, MemoryContext context,
				   const char *type_name)
{
	bool		ascending = true;

	for (int32 i = 0; i < n && ascending; i++)
	{
		if ((i & DAY_INTERRUPT_MASK) == 0)
			CHECK_FOR_INTERRUPTS();
		ascending = bins[i].count > 0 && (bins[i].group == 0 || !table->one_group) &&
			(i == 0 || day_bin_key(&bins[i - 1]) < day_bin_key(&bins[i]));
	}
	/*
	 * A merge moves every bin the table has, so it pays for a list at least
	 * half as long; shorter ones, and lists a hash table still holds, are
	 * added bin by bin (into the hash table, the window or the buffer).
	 */
	if (!ascending || 2 * (Size) n < (Size) table->used ||
		(!table->sorted && (Size) table->used + n <= (Size) day_hash_max_slots(table) / 2))
	{
		for (int32 i = 0; i < n; i++)
		{
			if ((i & DAY_INTERRUPT_MASK) == 0)
				CHECK_FOR_INTERRUPTS();
			day_table_add(table, table->one_group ? 0 : bins[i].group, bins[i].days, bins[i].count,
						  context, type_name);
		}
		return;
	}
	table->context = context;
	table->type_name = type_name;
	if (table->slots == NULL)
	{
		/* an empty table takes the list as its sorted bins */
		table->slots = MemoryContextAllocHuge(context, sizeof(DayBin) * n);
		memcpy(table->slots, bins, sizeof(DayBin) * n);
		table->capacity = n;
		table->used = n;
		table->sorted = true;
		return;
	}
	if (!table->sorted)
		day_table_outgrow_hash(table);
	day_merge(table, bins, n, DAY_ITEMS_BINS);
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

/*
 * The first counter from w on that is not zero, or window_keys: read eight
 * at a time, the first nonzero one found by its bit position (a window is
 * mostly zeros, and its busy part mixed; its keys are a fixed number, so
 * the loop needs no interrupt check).
 */
static inline uint64
day_window_next(const DayTable *table, uint64 w)
{
	const uint64 per_word = sizeof(uint64) / sizeof(DayCounter);

	while (w + per_word <= table->window_keys)
	{
		uint64		word;

		memcpy(&word, &table->window[w], sizeof(word));
		if (word != 0)
#ifdef WORDS_BIGENDIAN
			return w + (63 - pg_leftmost_one_pos64(word)) / 8;
#else
			return w + pg_rightmost_one_pos64(word) / 8;
#endif
		w += per_word;
	}
	while (w < table->window_keys && table->window[w] == 0)
		w++;
	return w;
}

/* ---------- packed bins ---------- */

/* Packs one more bin after one of days *previous_days (-1 before the first). */
static inline uint8 *
day_packed_write(uint8 *out, int64 *previous_days, int32 days, int64 count)
{
	uint64		gap = (uint64) (days - *previous_days - 1);

	Assert(days > *previous_days && count > 0);
	*previous_days = days;
	return varint_put(varint_put(out, gap), (uint64) (count - 1));
}

DayBinReader
day_bins_reader(const DayBin *bins, int32 n, const char *type_name)
{
	return (DayBinReader) {.bins = bins, .left = n, .type_name = type_name};
}

DayBinReader
day_packed_reader(const uint8 *packed, Size size, int32 n, const char *type_name)
{
	/* (no pointer arithmetic on NULL: an empty table has no packed buffer) */
	return (DayBinReader) {.packed = packed, .packed_end = packed ? packed + size : NULL, .left = n,
		.bin = {.days = -1}, .type_name = type_name};
}

void
day_packed_corrupt(const DayBinReader *reader)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("corrupt %s value", reader->type_name),
			 errdetail("Its packed histogram does not hold the number of bins it lists.")));
}

/* The next varint, at most 'bits' wide. */
static inline uint64
day_varint_read(DayBinReader *reader, int bits)
{
	uint64		value;

	if (varint_get(&reader->packed, reader->packed_end, bits, &value) != VARINT_OK)
		day_packed_corrupt(reader);
	return value;
}

void
day_packed_next(DayBinReader *reader)
{
	uint64		days = (uint64) ((int64) reader->bin.days + 1) + day_varint_read(reader, 32);
	uint64		count_less_one = day_varint_read(reader, 63);

	/* the days fit an int32, and the count (at most 2^63 - 1) an int64 */
	if (days > PG_INT32_MAX || count_less_one == PG_INT64_MAX)
		day_packed_corrupt(reader);
	reader->bin.days = (int32) days;
	reader->bin.count = (int64) count_less_one + 1;
}

/*
 * The table's packed bins merged with a packed list of n bins in 'size'
 * bytes (read, so checked), into a new buffer that replaces them.  The
 * result is never longer than the two: a merged bin's gap is at most its
 * gap in its own list, and a sum of two counts takes at most the bytes of
 * both.  An empty table's list is the list re-packed (checked, and packed
 * as this code packs: one value, one stored form).
 */
static void
day_packed_merge(DayTable *table, const uint8 *packed, Size size, int32 n)
{
	DayBinReader mine = day_packed_reader(table->packed, table->packed_size, table->packed_bins,
										  table->type_name);
	DayBinReader theirs = day_packed_reader(packed, size, n, table->type_name);
	uint8	   *merged = MemoryContextAllocHuge(table->context, Max(1, table->packed_size + size));
	uint8	   *out = merged;
	int64		previous_days = -1;
	int32		bins = 0;
	bool		have_mine = day_bins_next(&mine);
	bool		have_theirs = day_bins_next(&theirs);

	while (have_mine || have_theirs)
	{
		int32		days;
		int64		count;

		if ((bins & DAY_INTERRUPT_MASK) == 0)
			CHECK_FOR_INTERRUPTS();
		if (have_mine && (!have_theirs || mine.bin.days <= theirs.bin.days))
		{
			days = mine.bin.days;
			count = mine.bin.count;
			if (have_theirs && theirs.bin.days == days)
			{
				count = add_counts(count, theirs.bin.count, table->type_name);
				have_theirs = day_bins_next(&theirs);
			}
			have_mine = day_bins_next(&mine);
		}
		else
		{
			days = theirs.bin.days;
			count = theirs.bin.count;
			have_theirs = day_bins_next(&theirs);
		}
		if (bins == DAY_BIN_LIMIT)
			day_too_large(table);
		out = day_packed_write(out, &previous_days, days, count);
		bins++;
	}
	Assert((Size) (out - merged) <= table->packed_size + size);
	if (table->packed)
		pfree(table->packed);
	table->packed = merged;
	table->packed_size = out - merged;
	table->packed_bins = bins;
}

void
day_table_add_packed(DayTable *table, const uint8 *packed, Size size, int32 n,
					 MemoryContext context, const char *type_name)
{
	DayBinReader reader;
	DayBin	   *bins;

	Assert(table->one_group);
	table->context = context;
	table->type_name = type_name;
	if (2 * (Size) n >= (Size) table->packed_bins)
	{
		day_packed_merge(table, packed, size, n);
		return;
	}
	/* unpacked into a short-lived array (memory the next call reuses) */
	reader = day_packed_reader(packed, size, n, type_name);
	bins = palloc_extended(sizeof(DayBin) * Max(1, n), MCXT_ALLOC_HUGE);
	for (int32 i = 0; day_bins_next(&reader); i++)
	{
		if ((i & DAY_INTERRUPT_MASK) == 0)
			CHECK_FOR_INTERRUPTS();
		bins[i] = reader.bin;
	}
	day_table_add_bins(table, bins, n, context, type_name);
	pfree(bins);
}

/* ---------- reading the table ---------- */

/* What day_table_walk writes. */
typedef enum DayOutput
{
	DAY_OUT_NOTHING,			/* only counts the bins */
	DAY_OUT_BINS,				/* DayBins, to an array of day_table_count's length */
	DAY_OUT_PACKED				/* packed bins, to the table's packed buffer (day_table_pack) */
} DayOutput;

/*
 * Walks the sorted bins, the window's counters and the packed bins
 * together in key order, equal keys added up: the number of bins they
 * make, written as 'output' says.  Packed output (a one-group table's,
 * days 0 or more) goes to 'packed_out', 'packed_capacity' bytes allocated
 * in the table's context, doubled as needed: the new buffer and its bytes
 * in *packed_out and *packed_size.
 */
static inline int32
day_table_walk(DayTable *table, DayOutput output, DayBin *bins_out, uint8 **packed_out,
			   Size packed_capacity, Size *packed_size)
{
	DayBinReader packed = day_packed_reader(table->packed, table->packed_size, table->packed_bins,
											table->type_name);
	bool		have_packed = day_bins_next(&packed);
	int32		b = 0;
	uint64		w = 0;
	int32		made = 0;
	int64		previous_days = -1;
	Size		packed_bytes = 0;

	for (;;)
	{
		bool		from_bin;
		uint64		key;
		int64		count;
		DayBin		bin;

		w = day_window_next(table, w);
		if (b == table->used && w == table->window_keys && !have_packed)
			break;
		if ((made & DAY_INTERRUPT_MASK) == 0)
			CHECK_FOR_INTERRUPTS();
		from_bin = b < table->used &&
			(w == table->window_keys || day_bin_key(&table->slots[b]) <= table->window_base + w);
		key = from_bin ? day_bin_key(&table->slots[b]) :
			w < table->window_keys ? table->window_base + w : PG_UINT64_MAX;
		if (have_packed && day_bin_key(&packed.bin) < key)
		{
			key = day_bin_key(&packed.bin);
			count = packed.bin.count;
			have_packed = day_bins_next(&packed);
		}
		else
		{
			if (from_bin)
			{
				count = table->slots[b++].count;
				if (w < table->window_keys && key == table->window_base + w)
					count = add_counts(count, table->window[w++], table->type_name);
			}
			else
				count = table->window[w++];
			if (have_packed && day_bin_key(&packed.bin) == key)
			{
				count = add_counts(count, packed.bin.count, table->type_name);
				have_packed = day_bins_next(&packed);
			}
		}
		if (made == DAY_BIN_LIMIT)
			day_too_large(table);
		bin = day_key_bin(key, count);
		if (output == DAY_OUT_BINS)
			bins_out[made] = bin;
		else if (output == DAY_OUT_PACKED)
		{
			Assert(table->one_group && bin.days >= 0);
			if (packed_bytes + DAY_PACKED_BIN_MAX > packed_capacity)
			{
				packed_capacity *= 2;
				*packed_out = repalloc_huge(*packed_out, packed_capacity);
			}
			packed_bytes = day_packed_write(*packed_out + packed_bytes, &previous_days, bin.days,
											count) - *packed_out;
		}
		made++;
	}
	if (output == DAY_OUT_PACKED)
		*packed_size = packed_bytes;
	return made;
}

/* Merges what is buffered: the sorted form, ready to be walked. */
static void
day_table_settle(DayTable *table)
{
	if (table->slots == NULL)
		return;					/* no bins, or only packed ones */
	if (!table->sorted)
		day_table_make_sorted(table);
	day_keys_merge(table);
	day_pending_merge(table);
}

int32
day_table_count(DayTable *table)
{
	day_table_settle(table);
	return day_table_walk(table, DAY_OUT_NOTHING, NULL, NULL, 0, NULL);
}

void
day_table_write(DayTable *table, DayBin *out)
{
	day_table_walk(table, DAY_OUT_BINS, out, NULL, 0, NULL);
}

DayBin *
day_table_bins(DayTable *table, int32 *count)
{
	DayBin	   *bins;

	*count = day_table_count(table);
	bins = palloc_extended(sizeof(DayBin) * Max(1, *count), MCXT_ALLOC_HUGE);
	day_table_write(table, bins);
	return bins;
}

/*
 * Packs every bin the table holds into its packed bins, in one walk, and
 * frees the rest (hash table or sorted bins, buffers, window): a table read
 * for its stored form is a packed one from then on.  Rows added after
 * collect anew, and the next read merges them in.
 */
static void
day_table_pack(DayTable *table)
{
	DayTable	packed_only = {0};
	Size		capacity;
	uint8	   *packed;

	day_table_settle(table);
	/* a first guess (the window's bins are not counted), doubled as needed */
	capacity = DAY_PACKED_BIN_MIN * ((Size) table->used + table->packed_bins) + 1024;
	packed = MemoryContextAllocHuge(table->context, capacity);
	packed_only.packed_bins = day_table_walk(table, DAY_OUT_PACKED, NULL, &packed, capacity,
											 &packed_only.packed_size);
	packed_only.packed = packed;
	/* the table keeps its settings and its bins, packed; the rest starts anew */
	packed_only.one_group = table->one_group;
	packed_only.context = table->context;
	packed_only.type_name = table->type_name;
	{
		void	   *collecting[] = {table->slots, table->keys, table->key_scratch, table->pending,
		table->pending_scratch, table->window, table->packed};

		for (Size i = 0; i < lengthof(collecting); i++)
			if (collecting[i])
				pfree(collecting[i]);
	}
	*table = packed_only;
}

Size
day_table_packed_size(DayTable *table, int32 *count)
{
	if (table->slots != NULL)
		day_table_pack(table);
	*count = table->packed_bins;
	return table->packed_size;
}

void
day_table_write_packed(DayTable *table, uint8 *out)
{
	Assert(table->slots == NULL);
	if (table->packed_size > 0)
		memcpy(out, table->packed, table->packed_size);
}

void
day_bins_totals(const DayBinReader *bins, int128 *days, int64 *count)
{
	DayBinReader reader = *bins;

	*days = 0;
	*count = 0;
	while (day_bins_next(&reader))
	{
		if ((reader.left & DAY_INTERRUPT_MASK) == 0)
			CHECK_FOR_INTERRUPTS();
		*days += (int128) reader.bin.days * reader.bin.count;
		*count = add_counts(*count, reader.bin.count, reader.type_name);
	}
}

/*
 * The days at ranks 'rank' and rank + 1 (0-based; past the last value, the
 * last value) of the reader's bins, sorted, in one pass.
 */
static void
day_bins_at_ranks(const DayBinReader *bins, int64 rank, int32 *at_rank, int32 *at_next)
{
	DayBinReader reader = *bins;
	int64		seen = 0;
	bool		found = false;

	while (day_bins_next(&reader))
	{
		if ((reader.left & DAY_INTERRUPT_MASK) == 0)
			CHECK_FOR_INTERRUPTS();
		seen += reader.bin.count;
		if (!found && seen > rank)
		{
			*at_rank = reader.bin.days;
			found = true;
		}
		if (seen > rank + 1)
			break;
	}
	if (!found)
		*at_rank = reader.bin.days;
	*at_next = reader.bin.days;
}

float8
day_bins_percentile(const DayBinReader *bins, int64 count, float8 fraction, int32 divisor)
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
	{
		day_bins_at_ranks(bins, 0, &lower_value, &upper_value);
		return int128_ratio_float8(lower_value, divisor);
	}
	if (shift > 95)
	{
		float8		at = fraction * (float8) (count - 1);

		lower_rank = (int64) floor(at);
		day_bins_at_ranks(bins, lower_rank, &lower_value, &upper_value);
		return (lower_value + (upper_value - lower_value) * (at - floor(at))) / divisor;
	}
	position = (int128) mantissa * (count - 1);
	lower_rank = (int64) (position >> shift);
	remainder = position - ((int128) lower_rank << shift);
	day_bins_at_ranks(bins, lower_rank, &lower_value, &upper_value);
	if (remainder == 0)
		return int128_ratio_float8(lower_value, divisor);
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
