-- Wide histograms: lead_summary, stage_time and deal_summary with more
-- distinct response seconds or days than their hash table holds (16,384
-- bins; 1,024 for the one-group tables of lead_summary and deal_summary;
-- day_histogram.h), so that they collect in the sorted form: rows
-- radix-sorted and merged in place, bins added in bulk (rollup, combine)
-- buffered and merged apart, a stored summary's sorted bins merged at once.
-- The one-group tables also count the rows of their densest range in a
-- window of 8-bit counters: the near leads and the deals have one (their
-- values span less than its 131,072 keys), each with a hot value whose
-- counter wraps many times (a third of the near leads answered in 90 s, a
-- quarter of the deals closed in 30 days) and that is already past a
-- counter's 255 when the window is placed; the far leads (the same times
-- 1,000 times as long) are too spread for one, so every row goes through
-- the sorted buffer; stage_time's tables (a window spans one stage) never
-- have one.
--
-- How the expected values were checked: each summary of a whole table (one
-- state, in the sorted form, as the first query of each part shows by its
-- distinct count) is compared with plain SQL: counts, the mean as sum
-- over count in float8 (both exact, so the division rounds once, as ours;
-- avg()'s numeric rounded to float8 is one unit off in stage 2),
-- percentile_cont(0.5), and the exact 90th percentile computed in numeric
-- from the float8 0.9's exact value (as leads.sql, funnel.sql and deals.sql
-- do; hours divided in numeric at scale 30 or more, so that the float8 is
-- rounded once: numeric's default 16 digits would round twice, one unit
-- off for the far leads' median, 50,937,500 s, 14149.305555555555 h, as
-- Python's Fraction confirms); then serial, descending input, two parallel workers, the rollup of
-- per-team summaries (stage_time's each below 16,384 bins: bulk adds
-- crossing into the sorted form; the others' merged whole), the rollup of
-- 40 smaller parts and of 400 tiny ones (bulk adds into a window), and the
-- text and binary round trips are one summary, bit for bit.  Corrupt stored
-- values (section 5) are checked against the intact pair (stays with bins
-- out of order) and for ERROR XX001 with the decoding check's detail
-- (lead summaries whose packed bins do not decode); with the order guard of
-- day_table_add_bins disabled, the swapped pair differs, and with the
-- check for bytes past the last bin disabled, that edit reads; 600 random
-- one-byte edits are tallied by outcome (a value, or XX001), none an
-- internal error, the sanitizer and valgrind stages watching.  The stored
-- sizes and the tally were checked apart from our code: the stays' 61,601
-- bins are SELECT DISTINCT stage, days (36 + 16 x 61,601 = 985,652 bytes);
-- the near leads' 33,226 bins and 66,554 bytes, and 5c's 801 bins and
-- 2,464 bytes, come from packing a GROUP BY histogram (5c: the generator's
-- seconds counted in Python) in Python; a Python decoder of the format
-- (doc/summary-invariants.md) read the 600 edited values and predicted
-- each one's outcome, agreeing on all 600 (322 read, 278 XX001) and on 595
-- values differing from the intact one.  Running
-- windows (section 7) are checked against GROUP BY over each frame's rows;
-- with a read dropping the bins packed before it, 16 of 17 frames differ.

SET client_min_messages = warning;
SET TimeZone = 'UTC';

-- 1. lead_summary: 60,000 leads twice, response times of up to 200,000
-- seconds (near, a third of them 90 s) and the same times 1,000 times as
-- long (far)
CREATE TABLE wide_leads AS
SELECT variant, id, id % 4 AS team, id % 40 AS part,
       timestamptz '2025-01-01' + id * interval '1 minute' AS created_at,
       CASE WHEN h % 19 = 0 THEN NULL
            WHEN h % 23 = 0 THEN timestamptz '2025-01-01' + id * interval '1 minute' - interval '1 hour'
            ELSE timestamptz '2025-01-01' + id * interval '1 minute'
                 + scale * CASE WHEN h % 3 = 1 THEN 90 ELSE (h >> 5) % 200000 END * interval '1 second' END AS first_touch_at,
       (h >> 3) % 3 = 0 AS opportunity, (h >> 4) % 5 = 0 AS customer, (h >> 6) % 2 = 0 AS marketing_sourced
FROM (SELECT id, abs(hashint4(id * 7 + 1)) AS h FROM generate_series(1, 60000) id) g,
     (VALUES ('near', 1), ('far', 1000)) v(variant, scale);
ANALYZE wide_leads;
SELECT variant, count(DISTINCT first_touch_at - created_at) FILTER (WHERE first_touch_at >= created_at) > 16384 AS sorted_form,
       count(*) FILTER (WHERE first_touch_at - created_at = 90 * scale * interval '1 second') > 10000 AS hot_value
FROM wide_leads JOIN (VALUES ('near', 1), ('far', 1000)) v(variant, scale) USING (variant)
GROUP BY variant ORDER BY variant;
SELECT variant, lead_count(s) = leads AND leads_untouched(s) = untouched AND leads_pretouched(s) = pretouched AS counts_equal,
       response_time_avg(s) = avg_h AS avg_equal,
       response_time_median(s) = median_h AS median_equal,
       response_time_percentile(s, 0.9) = p90_h AS p90_equal,
       responded_within(s, 1) = within_1h AS within_equal
FROM (SELECT variant, lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) AS s,
             count(*) AS leads, count(*) FILTER (WHERE first_touch_at IS NULL) AS untouched,
             count(*) FILTER (WHERE first_touch_at < created_at) AS pretouched,
             (sum(sec) FILTER (WHERE sec >= 0))::float8 / (3600 * count(sec) FILTER (WHERE sec >= 0))::float8 AS avg_h,
             ((percentile_cont(0.5) WITHIN GROUP (ORDER BY sec) FILTER (WHERE sec >= 0))::numeric(50, 30) / 3600)::float8 AS median_h,
             (count(*) FILTER (WHERE sec >= 0 AND sec <= 3600))::float8
               / count(*) FILTER (WHERE sec >= 0 OR first_touch_at IS NULL) AS within_1h,
             array_agg(sec ORDER BY sec) FILTER (WHERE sec >= 0) AS sorted
      FROM (SELECT *, extract(epoch FROM first_touch_at - created_at)::bigint AS sec FROM wide_leads) r
      GROUP BY variant) x,
     LATERAL (SELECT '0.90000000000000002220446049250313080847263336181640625'::numeric * (cardinality(sorted) - 1) AS r) rank,
     LATERAL (SELECT ((sorted[floor(r)::int + 1] + (sorted[floor(r)::int + 2] - sorted[floor(r)::int + 1]) * (r - floor(r)))::numeric(80, 60)
                      / 3600)::float8 AS p90_h) exact
ORDER BY variant;

-- 2. stage_time: 90,000 stays in 3 stages of up to 40,000 days
CREATE TABLE wide_stays AS
SELECT id, id % 4 AS team, id % 40 AS part, 1 + id % 3 AS stage,
       CASE WHEN h % 29 = 0 THEN NULL ELSE (h >> 4) % 40000 END::int AS days
FROM (SELECT id, abs(hashint4(id * 11 + 3)) AS h FROM generate_series(1, 90000) id) g;
ANALYZE wide_stays;
SELECT count(DISTINCT (stage, days)) FILTER (WHERE days IS NOT NULL) > 16384 AS sorted_form FROM wide_stays;
SELECT count(*) AS stages,
       count(*) FILTER (WHERE o.stays = p.stays AND o.in_progress = p.in_progress AND o.avg_days = p.avg_days
                        AND o.median_days = p.median_days AND o.p90_days = p.p90_days) AS equal
FROM (SELECT (stage_time_table(stage_time(stage, days, 3))).* FROM wide_stays) o
JOIN (SELECT stage, stays, in_progress, avg_days, median_days,
             (sorted[floor(r)::int + 1] + (sorted[floor(r)::int + 2] - sorted[floor(r)::int + 1]) * (r - floor(r)))::float8 AS p90_days
      FROM (SELECT stage, count(days) AS stays, count(*) - count(days) AS in_progress,
                   sum(days)::float8 / count(days) AS avg_days,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median_days,
                   array_agg(days ORDER BY days) FILTER (WHERE days IS NOT NULL) AS sorted,
                   '0.90000000000000002220446049250313080847263336181640625'::numeric * (count(days) - 1) AS r
            FROM wide_stays GROUP BY stage) s) p USING (stage);

-- 3. deal_summary: 60,000 deals with sales cycles of up to 40,000 days, a
-- quarter of them 30 days
CREATE TABLE wide_deals AS
SELECT id, id % 4 AS team, id % 40 AS part, date '1990-01-01' + (h % 1000) AS created_at,
       CASE h % 7 WHEN 0 THEN NULL WHEN 1 THEN false ELSE true END AS won,
       ((h >> 3) % 100000)::numeric AS amount, 0.5::float8 AS probability,
       CASE WHEN h % 4 = 3 THEN 30 ELSE (h >> 12) % 40000 END AS cycle
FROM (SELECT id, abs(hashint4(id * 13 + 5)) AS h FROM generate_series(1, 60000) id) g;
ALTER TABLE wide_deals ADD COLUMN closed_at date;
UPDATE wide_deals SET closed_at = created_at + cycle WHERE won IS NOT NULL;
ANALYZE wide_deals;
SELECT count(DISTINCT cycle) FILTER (WHERE won) > 16384 AS sorted_form,
       count(*) FILTER (WHERE won AND cycle = 30) > 10000 AS hot_value
FROM wide_deals;
SELECT avg_sales_cycle(s) = avg_c AS avg_equal, median_sales_cycle(s) = median_c AS median_equal,
       sales_cycle_percentile(s, 0.9) = p90_c AS p90_equal
FROM (SELECT deal_summary(won, amount, probability, created_at, closed_at) AS s,
             (sum(closed_at - created_at) FILTER (WHERE won))::float8 / count(*) FILTER (WHERE won) AS avg_c,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY closed_at - created_at) FILTER (WHERE won) AS median_c,
             array_agg(closed_at - created_at ORDER BY closed_at - created_at) FILTER (WHERE won) AS cycles
      FROM wide_deals) x,
     LATERAL (SELECT '0.90000000000000002220446049250313080847263336181640625'::numeric * (cardinality(cycles) - 1) AS r) rank,
     LATERAL (SELECT (cycles[floor(r)::int + 1] + (cycles[floor(r)::int + 2] - cycles[floor(r)::int + 1]) * (r - floor(r)))::float8 AS p90_c) exact;

-- 4. every plan gives one summary per family, bit for bit
CREATE TABLE wide_results (plan text, l lead_summary, lf lead_summary, t stage_time, d deal_summary);
INSERT INTO wide_results
SELECT 'serial',
       (SELECT lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) FROM wide_leads WHERE variant = 'near'),
       (SELECT lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) FROM wide_leads WHERE variant = 'far'),
       (SELECT stage_time(stage, days, 3) FROM wide_stays),
       (SELECT deal_summary(won, amount, probability, created_at, closed_at) FROM wide_deals);
INSERT INTO wide_results
SELECT 'descending input',
       (SELECT lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced ORDER BY first_touch_at DESC) FROM wide_leads WHERE variant = 'near'),
       (SELECT lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced ORDER BY first_touch_at DESC) FROM wide_leads WHERE variant = 'far'),
       (SELECT stage_time(stage, days, 3 ORDER BY days DESC) FROM wide_stays),
       (SELECT deal_summary(won, amount, probability, created_at, closed_at ORDER BY closed_at DESC) FROM wide_deals);
INSERT INTO wide_results
SELECT 'rollup of teams',
       (SELECT rollup(s) FROM (SELECT lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) AS s
                               FROM wide_leads WHERE variant = 'near' GROUP BY team) x),
       (SELECT rollup(s) FROM (SELECT lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) AS s
                               FROM wide_leads WHERE variant = 'far' GROUP BY team) x),
       (SELECT rollup(s) FROM (SELECT stage_time(stage, days, 3) AS s FROM wide_stays GROUP BY team) x),
       (SELECT rollup(s) FROM (SELECT deal_summary(won, amount, probability, created_at, closed_at) AS s
                               FROM wide_deals GROUP BY team) x);
INSERT INTO wide_results
SELECT 'rollup of 40 parts',
       (SELECT rollup(s) FROM (SELECT lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) AS s
                               FROM wide_leads WHERE variant = 'near' GROUP BY part) x),
       (SELECT rollup(s) FROM (SELECT lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) AS s
                               FROM wide_leads WHERE variant = 'far' GROUP BY part) x),
       (SELECT rollup(s) FROM (SELECT stage_time(stage, days, 3) AS s FROM wide_stays GROUP BY part) x),
       (SELECT rollup(s) FROM (SELECT deal_summary(won, amount, probability, created_at, closed_at) AS s
                               FROM wide_deals GROUP BY part) x);
INSERT INTO wide_results
SELECT 'rollup of 400 parts',
       (SELECT rollup(s) FROM (SELECT lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) AS s
                               FROM wide_leads WHERE variant = 'near' GROUP BY id % 400) x),
       (SELECT rollup(s) FROM (SELECT lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) AS s
                               FROM wide_leads WHERE variant = 'far' GROUP BY id % 400) x),
       (SELECT rollup(s) FROM (SELECT stage_time(stage, days, 3) AS s FROM wide_stays GROUP BY id % 400) x),
       (SELECT rollup(s) FROM (SELECT deal_summary(won, amount, probability, created_at, closed_at) AS s
                               FROM wide_deals GROUP BY id % 400) x);
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) FROM wide_leads WHERE variant = 'near';
INSERT INTO wide_results
SELECT 'parallel',
       (SELECT lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) FROM wide_leads WHERE variant = 'near'),
       (SELECT lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) FROM wide_leads WHERE variant = 'far'),
       (SELECT stage_time(stage, days, 3) FROM wide_stays),
       (SELECT deal_summary(won, amount, probability, created_at, closed_at) FROM wide_deals);
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
INSERT INTO wide_results
SELECT 'text round trip', l::text::lead_summary, lf::text::lead_summary, t::text::stage_time, d::text::deal_summary
FROM wide_results WHERE plan = 'serial';
COPY (SELECT 'binary round trip', l, lf, t, d FROM wide_results WHERE plan = 'serial') TO '/tmp/salesops_wide_results.bin' (FORMAT binary);
COPY wide_results FROM '/tmp/salesops_wide_results.bin' (FORMAT binary);
SELECT count(*) AS plans,
       count(*) FILTER (WHERE l = sl AND l::text = sl::text) AS leads_equal,
       count(*) FILTER (WHERE lf = slf AND lf::text = slf::text) AS far_leads_equal,
       count(*) FILTER (WHERE t = st AND t::text = st::text) AS stays_equal,
       count(*) FILTER (WHERE d = sd AND d::text = sd::text) AS deals_equal
FROM wide_results, (SELECT l, lf, t, d FROM wide_results WHERE plan = 'serial') serial(sl, slf, st, sd);

-- 5. stored summaries with bytes no aggregate writes (a corrupt page, a
-- hand-edited dump), read as bytea with the column's type switched in the
-- catalog (as crm_inputs.sql does: both are plain varlenas), edited, and
-- switched back.
--
-- 5a. The stays' serial summary on disk (3 stages: 36 fixed bytes, then 16
-- a bin: days, stage, count), twice, then with its first two bins swapped
-- (out of order), twice.  rollup() of a pair must add such a list bin by
-- bin instead of merging it as a sorted one (a merge of an unsorted list
-- would write out of place), so it gives the summary of the bins the values
-- hold: the intact pair's.  (A rollup of one value is that value: a strict
-- transition function takes the first input as its state, unchanged.)
CREATE TABLE wide_disk_stays (id int, s stage_time);
INSERT INTO wide_disk_stays SELECT 1, t FROM wide_results, generate_series(1, 2) WHERE plan = 'serial';
UPDATE pg_attribute SET atttypid = 'bytea'::regtype, attalign = 'i', attstorage = 'x'
WHERE attrelid = 'wide_disk_stays'::regclass AND attname = 's';
INSERT INTO wide_disk_stays
SELECT 2, overlay(s PLACING substr(s, 53, 16) || substr(s, 37, 16) FROM 37 FOR 32) FROM wide_disk_stays WHERE id = 1;
SELECT id, count(*) AS copies, min(length(s)) AS bytes, min((get_byte(s, 36) = get_byte(s, 52))::int) AS first_two_equal
FROM wide_disk_stays GROUP BY id ORDER BY id;
UPDATE pg_attribute SET atttypid = 'stage_time'::regtype, attalign = 'd', attstorage = 'x'
WHERE attrelid = 'wide_disk_stays'::regclass AND attname = 's';
SELECT id, rollup(s) = (SELECT rollup(s) FROM wide_disk_stays WHERE id = 1) AS same_as_intact_pair,
       rollup(s)::text = (SELECT rollup(t)::text FROM wide_results, generate_series(1, 2) WHERE plan = 'serial') AS same_text
FROM wide_disk_stays GROUP BY id ORDER BY id;

-- 5b. The near leads' serial summary on disk: 100 fixed bytes (version,
-- reserved, bins at bytes 4 to 7, reserved, 11 counts), then its bins
-- packed, two varints each (doc/summary-invariants.md, lead_summary).  Its first
-- bin's varints are one byte each (checked below).  Edited five ways, none
-- of which any list of bins packs to: the last byte continued past the end;
-- one byte past the last bin; one bin more listed than packed; the first
-- bin's seconds 2^32 - 1 (ff ff ff ff 0f, past int32); its count 2^63 (a
-- count less one of 2^63 - 1: nine ff-and-7f bytes).  Every reader of the
-- bins (rollup, text, binary, the mean, the median, responded_within,
-- equality, hashing) must stop at each with ERROR XX001, not read past the
-- value or give a number.  lead_count reads no bin.
CREATE TABLE wide_disk_leads (edit text, s lead_summary);
INSERT INTO wide_disk_leads SELECT 'intact', l FROM wide_results WHERE plan = 'serial';
UPDATE pg_attribute SET atttypid = 'bytea'::regtype, attalign = 'i', attstorage = 'x'
WHERE attrelid = 'wide_disk_leads'::regclass AND attname = 's';
SELECT length(s) AS bytes, get_byte(s, 4) + 256 * get_byte(s, 5) + 65536 * get_byte(s, 6) AS bins,
       get_byte(s, 100) < 128 AND get_byte(s, 101) < 128 AS first_bin_one_byte_each
FROM wide_disk_leads;
INSERT INTO wide_disk_leads
SELECT 'continued past the end', set_byte(s, length(s) - 1, get_byte(s, length(s) - 1) | 128) FROM wide_disk_leads
UNION ALL
SELECT 'a byte past the last bin', s || '\x00'::bytea FROM wide_disk_leads
UNION ALL
SELECT 'one bin more listed', set_byte(s, 4, get_byte(s, 4) + 1) FROM wide_disk_leads
UNION ALL
SELECT 'seconds past int32', overlay(s PLACING '\xffffffff0f'::bytea FROM 101 FOR 1) FROM wide_disk_leads
UNION ALL
SELECT 'count past int64', overlay(s PLACING '\xffffffffffffffff7f'::bytea FROM 102 FOR 1) FROM wide_disk_leads;
UPDATE pg_attribute SET atttypid = 'lead_summary'::regtype, attalign = 'd', attstorage = 'x'
WHERE attrelid = 'wide_disk_leads'::regclass AND attname = 's';
CREATE FUNCTION wide_sqlstate(query text, edit text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE query USING edit;
  RETURN 'read';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE;
END $$;
SELECT edit,
       wide_sqlstate('SELECT rollup(s) FROM wide_disk_leads WHERE edit IN ($1, ''intact'')', edit) AS rollup,
       wide_sqlstate('SELECT s::text FROM wide_disk_leads WHERE edit = $1', edit) AS text,
       wide_sqlstate('SELECT lead_summary_send(s) FROM wide_disk_leads WHERE edit = $1', edit) AS binary,
       wide_sqlstate('SELECT response_time_avg(s) FROM wide_disk_leads WHERE edit = $1', edit) AS avg,
       wide_sqlstate('SELECT response_time_median(s) FROM wide_disk_leads WHERE edit = $1', edit) AS median,
       wide_sqlstate('SELECT responded_within(s, 1) FROM wide_disk_leads WHERE edit = $1', edit) AS within,
       wide_sqlstate('SELECT s = s FROM wide_disk_leads WHERE edit = $1', edit) AS equal,
       wide_sqlstate('SELECT lead_summary_hash(s) FROM wide_disk_leads WHERE edit = $1', edit) AS hash,
       lead_count(s) = (SELECT lead_count(l) FROM wide_results WHERE plan = 'serial') AS counts_read
FROM wide_disk_leads ORDER BY edit;
-- the check that refused each: the bins' decoding (the size check, which
-- all five pass, has a detail of its own)
CREATE FUNCTION wide_error_detail(edit text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  detail text;
BEGIN
  PERFORM s::text FROM wide_disk_leads WHERE wide_disk_leads.edit = wide_error_detail.edit;
  RETURN NULL;
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
  RETURN SQLERRM || ': ' || detail;
END $$;
SELECT edit, wide_error_detail(edit) FROM wide_disk_leads WHERE edit <> 'intact' ORDER BY edit;
DROP FUNCTION wide_sqlstate(text, text), wide_error_detail(text);

-- 5c. 600 random one-byte edits of a small stored lead summary (1,000
-- leads: 800 response times, gaps and counts of one to three varint bytes;
-- setseed: the same edits each run), anywhere in its 100 fixed bytes or its
-- packed bins, each read by text output, rollup() with the intact value,
-- the 90th percentile, responded_within, equality, hashing and binary
-- output.  Every read either gives a value or stops with an error of its
-- own (XX001 corrupt, 22P03 an unknown format version, 22003 a count past
-- int64 in the rollup), never with an internal error; the sanitizer and
-- valgrind stages run this too, so that no edit reads past the value.
SELECT setseed(0.5);
-- (over 2 kB, so that both tables store their values out of line and every
-- read gets its own aligned copy: inline, a value written while its column
-- is bytea would be laid out for bytea's 4-byte alignment, not
-- lead_summary's 8, and misread through the other layout)
CREATE TABLE wide_small_lead (s lead_summary);
ALTER TABLE wide_small_lead ALTER COLUMN s SET STORAGE EXTERNAL;
INSERT INTO wide_small_lead
SELECT lead_summary(interval '1 second' * (CASE WHEN i % 5 = 0 THEN 777 ELSE (i * i * 37) % 3000000 END), true, i % 3 = 0, i % 2 = 0)
FROM generate_series(1, 1000) i;
CREATE TABLE wide_edits (e int, s lead_summary, outcome text);
ALTER TABLE wide_edits ALTER COLUMN s SET STORAGE EXTERNAL;
UPDATE pg_attribute SET atttypid = 'bytea'::regtype
WHERE attrelid IN ('wide_small_lead'::regclass, 'wide_edits'::regclass) AND attname = 's';
INSERT INTO wide_edits (e, s)
SELECT e, set_byte(s, (random() * (length(s) - 1))::int, (random() * 255)::int)
FROM wide_small_lead, generate_series(1, 600) e;
SELECT length(s) AS bytes, get_byte(s, 4) + 256 * get_byte(s, 5) AS bins,
       (SELECT count(DISTINCT s) FROM wide_edits WHERE s <> w.s) AS distinct_edits,
       (SELECT pg_relation_size(reltoastrelid) > 0 FROM pg_class WHERE oid = 'wide_edits'::regclass) AS out_of_line
FROM wide_small_lead w;
UPDATE pg_attribute SET atttypid = 'lead_summary'::regtype
WHERE attrelid IN ('wide_small_lead'::regclass, 'wide_edits'::regclass) AND attname = 's';
DO $$
DECLARE
  r record;
  state text;
BEGIN
  FOR r IN SELECT e FROM wide_edits ORDER BY e LOOP
    BEGIN
      PERFORM s::text, response_time_percentile(s, 0.9), responded_within(s, 1), s = s,
              lead_summary_hash(s), lead_summary_send(s)
      FROM wide_edits WHERE e = r.e;
      PERFORM rollup(s) FROM (SELECT s FROM wide_edits WHERE e = r.e UNION ALL SELECT s FROM wide_small_lead) x;
      state := 'read';
    EXCEPTION WHEN OTHERS THEN
      state := SQLSTATE;
    END;
    UPDATE wide_edits SET outcome = state WHERE e = r.e;
  END LOOP;
END
$$;
SELECT outcome, count(*) AS edits FROM wide_edits GROUP BY outcome ORDER BY outcome;

-- 6. random histograms against GROUP BY: 72 configurations of 3,000 to
-- 150,000 response times (setseed: the same rows each run), spread over
-- 500 to 2e9 seconds (all in a window, partly, or too spread for one),
-- none, 30 % or 90 % of them on one hot value (counters wrapping up to
-- 527 times), in 1, 3 or 17 groups (hash tables only, or many switching to
-- the sorted form), fed in ascending, descending or random order.  Every
-- group's histogram, as lead_summary's text prints it, must equal the one
-- plain SQL counts (GROUP BY the second, string_agg in order), serially
-- and rolled up from 37 parts (bulk adds, merges of sorted bins).
SELECT setseed(0.19);
CREATE TABLE wide_random_configs AS
SELECT c, (ARRAY[3000, 20000, 80000, 150000])[1 + c % 4] AS n,
       (ARRAY[500, 5000, 100000, 200000, 5000000, 2000000000])[1 + (c / 4) % 6] AS spread,
       (ARRAY[0, 0.3, 0.9])[1 + (c / 24) % 3] AS hot,
       (ARRAY[1, 3, 17])[1 + c % 3] AS groups,
       (ARRAY['sec', 'sec DESC', 'random()'])[1 + (c / 3) % 3] AS input_order
FROM generate_series(0, 71) c;
CREATE TABLE wide_random_results (c int, plan text, differ int, groups int);
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT * FROM wide_random_configs ORDER BY c LOOP
        DROP TABLE IF EXISTS wide_random;
        EXECUTE format('CREATE TABLE wide_random AS
            SELECT i %% %s AS g, i %% 37 AS part,
                   CASE WHEN random() < %s THEN 777 ELSE (random() * %s)::bigint END AS sec
            FROM generate_series(1, %s) i', r.groups, r.hot, r.spread, r.n);
        CREATE TEMP TABLE wide_random_plain ON COMMIT DROP AS
        SELECT g, '{' || string_agg(sec || ':' || k, ',' ORDER BY sec) || '}' AS hist
        FROM (SELECT g, sec, count(*) AS k FROM wide_random GROUP BY g, sec) x GROUP BY g;
        EXECUTE format('INSERT INTO wide_random_results
            SELECT %s, ''serial'', count(*) FILTER (WHERE o.hist IS DISTINCT FROM p.hist), count(*)
            FROM wide_random_plain p FULL JOIN
                 (SELECT g, substring(lead_summary(interval ''1 second'' * sec, true, true, true ORDER BY %s)::text
                                      FROM ''response_seconds=(.*)$'') AS hist
                  FROM wide_random GROUP BY g) o USING (g)', r.c, r.input_order);
        INSERT INTO wide_random_results
        SELECT r.c, 'rollup of 37 parts', count(*) FILTER (WHERE o.hist IS DISTINCT FROM p.hist), count(*)
        FROM wide_random_plain p FULL JOIN
             (SELECT g, substring(rollup(s)::text FROM 'response_seconds=(.*)$') AS hist
              FROM (SELECT g, part, lead_summary(interval '1 second' * sec, true, true, true) AS s
                    FROM wide_random GROUP BY g, part) x GROUP BY g) o USING (g);
        DROP TABLE wide_random_plain;
    END LOOP;
END
$$;
SELECT plan, count(*) AS configurations, sum(groups) AS groups, sum(differ) AS differ
FROM wide_random_results GROUP BY plan ORDER BY plan;

-- 7. running windows: lead_summary as a window aggregate, whose final
-- function runs on a state that then takes more rows.  Reading a state
-- packs it (its hash table or sorted bins and window freed), and the rows
-- after collect anew: here 4,000 rows between reads (ORDER BY g: a RANGE
-- frame adds a whole group before each read; past 1,024 distinct seconds,
-- the sorted form and a window again), and one row between reads (ROWS
-- UNBOUNDED PRECEDING over 3,000 rows, every 250th frame compared).  Each
-- frame's histogram must equal plain SQL's GROUP BY over the same rows.
SELECT setseed(0.7);
CREATE TABLE wide_running AS
SELECT i, i % 5 AS g, CASE WHEN random() < 0.3 THEN 777 ELSE (random() * 100000)::bigint END AS sec
FROM generate_series(1, 20000) i;
CREATE FUNCTION wide_plain_histogram(max_g int, max_i int) RETURNS text LANGUAGE sql AS $$
  SELECT '{' || string_agg(sec || ':' || k, ',' ORDER BY sec) || '}'
  FROM (SELECT sec, count(*) AS k FROM wide_running WHERE g <= max_g AND i <= max_i GROUP BY sec) x
$$;
SELECT 'groups' AS frames, count(*) AS compared,
       count(*) FILTER (WHERE hist IS DISTINCT FROM wide_plain_histogram(g, 20000)) AS differ
FROM (SELECT DISTINCT g, substring(s::text FROM 'response_seconds=(.*)$') AS hist
      FROM (SELECT g, lead_summary(interval '1 second' * sec, true, true, true) OVER (ORDER BY g) AS s
            FROM wide_running) w) x
UNION ALL
SELECT 'rows', count(*), count(*) FILTER (WHERE hist IS DISTINCT FROM wide_plain_histogram(4, i))
FROM (SELECT i, substring(s::text FROM 'response_seconds=(.*)$') AS hist
      FROM (SELECT i, lead_summary(interval '1 second' * sec, true, true, true)
                      OVER (ORDER BY i ROWS UNBOUNDED PRECEDING) AS s
            FROM wide_running WHERE i <= 3000) w
      WHERE i % 250 = 0) x;
DROP FUNCTION wide_plain_histogram(int, int);

DROP TABLE wide_leads, wide_stays, wide_deals, wide_results, wide_disk_stays, wide_disk_leads,
           wide_random, wide_random_configs, wide_random_results, wide_running, wide_small_lead, wide_edits;
