/*
 * probability.c
 *	  Probabilities: fractions in [0, 1], checked once per row and read as
 *	  probability::numeric reads them; the exact amount x probability product.
 */
#include "probability.h"

#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/fmgrprotos.h"

static void
fraction_out_of_range(const char *what, const char *argument, const char *value) pg_attribute_noreturn();

static void
fraction_out_of_range(const char *what, const char *argument, const char *value)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s \"%s\" is out of range", what, value),
			 errdetail("A %s is a fraction from 0 to 1.", what),
			 errhint("Divide percentages by 100, for example %s / 100.0.", argument)));
}

static void
probability_out_of_range(const char *value) pg_attribute_noreturn();

static void
probability_out_of_range(const char *value)
{
	fraction_out_of_range("probability", "probability", value);
}

void
fraction_check_float8(const char *what, const char *argument, float8 value)
{
	/* written so that NaN fails too */
	if (!(value >= 0.0 && value <= 1.0))
		fraction_out_of_range(what, argument, float8out_internal(value));
}

void
probability_check_float8(float8 probability)
{
	fraction_check_float8("probability", "probability", probability);
}

/* A numeric probability, checked. */
void
probability_read_numeric(Datum probability, Probability *read)
{
	read->class = numeric_classify(probability, &read->scaled);
	read->datum = probability;
	read->is_float8 = false;
	if (read->class == NUMERIC_CLASS_SCALED)
	{
		if (read->scaled.digits >= 0 &&
			read->scaled.digits <= scaled_powers_of_ten[read->scaled.scale])
			return;
	}
	else if (read->class == NUMERIC_CLASS_WIDE)
	{
		/* in [0, 1]: neither p nor 1 - p is below zero */
		Numeric		value = DatumGetNumeric(probability);
		Numeric		complement = numeric_sub_opt_error(salesops_numeric_in("1"), value, NULL);

		if (salesops_numeric_sign(value) >= 0 && salesops_numeric_sign(complement) >= 0)
			return;
	}
	probability_out_of_range(salesops_numeric_out(DatumGetNumeric(probability)));
}

/*
 * A float8 as value::numeric would read it (float8_numeric, PostgreSQL's own
 * cast).  The cast prints the double, so results are memoized per call
 * site: CRM probabilities are a handful of stage defaults (0, 0.1, 0.25,
 * ..., 1), and an attainment threshold is one constant.  A direct-mapped
 * table on the raw bits maps the stage defaults onto the same slots;
 * Fibonacci hashing plus a short linear probe keeps them apart.
 */
#define FLOAT8_CACHE_BITS 8
#define FLOAT8_CACHE_SIZE (1 << FLOAT8_CACHE_BITS)
#define FLOAT8_CACHE_PROBES 4

typedef struct Float8CacheEntry
{
	uint64		bits;
	bool		valid;
	ScaledValue scaled;
} Float8CacheEntry;

NumericClass
float8_classify_numeric(FunctionCallInfo fcinfo, float8 value, ScaledValue *scaled)
{
	Float8CacheEntry *cache = fcinfo->flinfo->fn_extra;
	uint64		bits;
	uint32		home;
	Datum		converted;
	NumericClass class;

	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt,
									   sizeof(Float8CacheEntry) * FLOAT8_CACHE_SIZE);
		fcinfo->flinfo->fn_extra = cache;
	}
	memcpy(&bits, &value, sizeof(bits));
	home = (uint32) ((bits * UINT64CONST(0x9E3779B97F4A7C15)) >> (64 - FLOAT8_CACHE_BITS));
	for (int probe = 0; probe < FLOAT8_CACHE_PROBES; probe++)
	{
		Float8CacheEntry *entry = &cache[(home + probe) % FLOAT8_CACHE_SIZE];

		if (entry->valid && entry->bits == bits)
		{
			*scaled = entry->scaled;
			return NUMERIC_CLASS_SCALED;
		}
		if (!entry->valid)
			break;
	}

	converted = DirectFunctionCall1(float8_numeric, Float8GetDatum(value));
	class = numeric_classify(converted, scaled);
	if (class == NUMERIC_CLASS_SCALED)
	{
		Float8CacheEntry *entry = &cache[home];

		/* the first free slot of the probe run, else evict the home slot */
		for (int probe = 0; probe < FLOAT8_CACHE_PROBES; probe++)
			if (!cache[(home + probe) % FLOAT8_CACHE_SIZE].valid)
			{
				entry = &cache[(home + probe) % FLOAT8_CACHE_SIZE];
				break;
			}
		entry->bits = bits;
		entry->scaled = *scaled;
		entry->valid = true;
	}
	return class;
}

/* A float8 probability, checked, as probability::numeric would read it. */
void
probability_read_float8(FunctionCallInfo fcinfo, Datum probability, Probability *read)
{
	probability_check_float8(DatumGetFloat8(probability));
	read->class = float8_classify_numeric(fcinfo, DatumGetFloat8(probability), &read->scaled);
	read->datum = probability;
	read->is_float8 = true;
}

/*
 * amount x probability exactly as amount * probability::numeric computes it.
 * Returns true with the product as term / 10^scale when both read as scaled
 * integers (one 64x64->128 multiply); otherwise false with the numeric
 * product (numeric_mul: wide values, NaN, Infinity x 0 = NaN).
 */
bool
weighted_amount(Money amount, const Probability *probability,
				int128 *term, int *scale, Numeric *product)
{
	ScaledValue scaled_amount;
	Numeric		probability_numeric;

	if (money_classify(amount, &scaled_amount) == NUMERIC_CLASS_SCALED &&
		probability->class == NUMERIC_CLASS_SCALED)
	{
		*term = (int128) scaled_amount.digits * probability->scaled.digits;
		*scale = scaled_amount.scale + probability->scaled.scale;
		return true;
	}
	if (!probability->is_float8)
		probability_numeric = DatumGetNumeric(probability->datum);
	else if (probability->class == NUMERIC_CLASS_SCALED)
		probability_numeric = scaled_int128_to_numeric(probability->scaled.digits,
													   probability->scaled.scale);
	else
		probability_numeric = DatumGetNumeric(DirectFunctionCall1(float8_numeric, probability->datum));
	*product = numeric_mul_opt_error(money_numeric(amount), probability_numeric, NULL);
	return false;
}
