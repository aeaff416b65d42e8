-- lead_summary: lead KPIs (kpi-definitions.md section 15).
--
-- How the expected values were checked:
--  - section 15's worked example (ten leads, UTC), by hand there and by
--    lead_check.py: lead_to_opportunity 5/10 = 0.5, lead_to_customer 0.3,
--    opportunity_to_customer 3/5 = 0.6, shares 0.7, 0.2, 0.1; response
--    times 20, 150, 570, 5, 2880, 45, 3880, 50 minutes (L6 untouched, L9
--    pretouched): mean 7600 / 8 min = 95/6 h = 15.833333333333334, median
--    (50 + 150) / 2 min = 5/3 h = 1.6666666666666667, p90 2880 + 0.3 x 1000
--    min = 53 h, responded_within 1 h 4/9 = 0.4444444444444444, 5 min 1/9
--    = 0.1111111111111111;
--  - its business-hours variant through the interval form (L3 0, L5 960,
--    L8 40, L10 0 minutes): median 30 min = 0.5 h, mean 152.5 min =
--    2.5416666666666665 h (Python: 152.5 / 60);
--  - each edge case of section 15's table is one small set whose counts are
--    written beside it by hand;
--  - 50,000 random leads in 6 sources are compared with plain SQL (count
--    FILTER ratios, avg and percentile_cont of the hours, the exact 90th
--    percentile in numeric), serially, with two parallel workers, and as
--    the rollup of per-source summaries, bit for bit.

SET client_min_messages = warning;
SET TimeZone = 'UTC';

CREATE TABLE lead_fixture (id text, created_at timestamptz, first_touch_at timestamptz,
                           opportunity boolean, customer boolean, marketing_sourced boolean,
                           business_response interval);
INSERT INTO lead_fixture VALUES
 ('L1',  '2024-04-01 09:00', '2024-04-01 09:20', true,  true,  true,  '20 minutes'),
 ('L2',  '2024-04-01 10:00', '2024-04-01 12:30', true,  false, true,  '150 minutes'),
 ('L3',  '2024-04-01 23:00', '2024-04-02 08:30', false, false, true,  '0 minutes'),
 ('L4',  '2024-04-02 14:00', '2024-04-02 14:05', true,  true,  true,  '5 minutes'),
 ('L5',  '2024-04-03 09:00', '2024-04-05 09:00', false, false, true,  '960 minutes'),
 ('L6',  '2024-04-03 11:00', NULL,               false, false, true,  NULL),
 ('L7',  '2024-04-04 15:00', '2024-04-04 15:45', true,  false, NULL,  '45 minutes'),
 ('L8',  '2024-04-05 16:30', '2024-04-08 09:10', false, false, true,  '40 minutes'),
 ('L9',  '2024-04-08 10:00', '2024-04-05 14:00', true,  true,  false, '-3 days'),
 ('L10', '2024-04-09 08:00', '2024-04-09 08:50', false, false, false, '0 minutes');

-- 1. the worked example
SELECT lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) FROM lead_fixture;
SELECT lead_count(s) AS leads, leads_untouched(s) AS untouched, leads_pretouched(s) AS pretouched,
       lead_to_opportunity(s), lead_to_customer(s), opportunity_to_customer(s)
FROM (SELECT lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) AS s FROM lead_fixture) x;
SELECT marketing_sourced_share(s), sales_sourced_share(s), other_source_share(s),
       response_time_avg(s) AS avg_h, response_time_median(s) AS median_h, response_time_percentile(s, 0.9) AS p90_h,
       responded_within(s, 1) AS within_1h, responded_within(s, 5 / 60.0) AS within_5min
FROM (SELECT lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) AS s FROM lead_fixture) x;
-- the wall-clock durations as intervals: the same summary
SELECT lead_summary(first_touch_at - created_at, opportunity, customer, marketing_sourced)
       = (SELECT lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) FROM lead_fixture) AS interval_form_equal
FROM lead_fixture;
-- business hours, computed by the caller
SELECT response_time_median(s) AS median_h, response_time_avg(s) AS avg_h, leads_pretouched(s) AS pretouched
FROM (SELECT lead_summary(business_response, opportunity, customer, marketing_sourced) AS s FROM lead_fixture) x;
-- per source, rolled up: the cohort of the union
SELECT rollup(s) = (SELECT lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) FROM lead_fixture) AS rollup_equal
FROM (SELECT marketing_sourced, lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) AS s
      FROM lead_fixture GROUP BY marketing_sourced) x;

-- 2. edge cases (section 15's table), expected values written by hand
-- created_at NULL: skipped; every row skipped: NULL, as empty input
SELECT lead_count(lead_summary(c, t, true, true, true)) AS leads
FROM (VALUES (NULL::timestamptz, now()), ('2024-01-01', '2024-01-01 01:00')) v(c, t);   -- expect 1
SELECT lead_summary(c, t, true, true, true) IS NULL AS all_skipped FROM (VALUES (NULL::timestamptz, now())) v(c, t);
SELECT lead_summary(NULL::interval, true, true, true) IS NULL AS untouched_counts;          -- a lead: not NULL (f)
-- opportunity / customer NULL: left out of the ratios needing them
SELECT lead_to_opportunity(s) AS to_opp, lead_to_customer(s) AS to_cust, opportunity_to_customer(s) AS opp_to_cust
FROM (SELECT lead_summary(r, o, c, NULL) AS s
      FROM (VALUES ('1 hour'::interval, true, NULL::boolean), ('1 hour', NULL, true), ('1 hour', false, false),
                   ('1 hour', true, true)) v(r, o, c)) x;   -- expect 2/3, 2/3, 1/1
-- a customer without an opportunity: in lead_to_customer, not in opportunity_to_customer
SELECT lead_to_customer(s) AS to_cust, opportunity_to_customer(s) IS NULL AS no_opportunity
FROM (SELECT lead_summary('1 hour'::interval, false, true, true) AS s) x;     -- expect 1, t
-- nobody touched at or after creation: response statistics NULL; SLA over the untouched
SELECT response_time_avg(s) IS NULL AS avg_null, response_time_median(s) IS NULL AS median_null,
       response_time_percentile(s, 0.5) IS NULL AS p50_null, responded_within(s, 1) AS within
FROM (SELECT lead_summary(r, true, true, true) AS s
      FROM (VALUES (NULL::interval), ('-1 hour')) v(r)) x;                     -- expect t, t, t, 0
SELECT responded_within(lead_summary('-1 hour'::interval, true, true, true), 1) IS NULL AS no_clock;
-- sub-second parts truncated; days count as 24 hours (a DST change is no matter: timestamptz is absolute)
SELECT lead_summary(r, true, true, true)
FROM (VALUES ('59.9 seconds'::interval), ('1 day 00:00:01')) v(r);
SELECT response_time_avg(lead_summary(c, t, NULL, NULL, NULL)) AS hours_over_dst
FROM (VALUES ('2024-03-30 12:00 Europe/Berlin'::timestamptz, '2024-03-31 12:00 Europe/Berlin'::timestamptz)) v(c, t);  -- 23
-- responded_within at the boundary and at infinity
SELECT responded_within(s, 0) AS within_0, responded_within(s, 1 / 60.0) AS within_1min,
       responded_within(s, 'Infinity') AS within_ever
FROM (SELECT lead_summary(r, NULL, NULL, NULL) AS s
      FROM (VALUES ('0 seconds'::interval), ('60 seconds'), ('61 seconds'), (NULL)) v(r)) x;   -- 1/4, 2/4, 3/4

-- percentiles that take the wide (int128) division: all responses 0 at p = 0.3
-- (0, not a hang), and an exact tie between two float8 values rounded to
-- even (0 and 3 h at p = 0.9009004917506227: 2.7027014752518683, Python
-- float(Fraction(0.9009004917506227) * 10800 / 3600))
SELECT response_time_percentile(lead_summary(r, NULL, NULL, NULL), 0.3) AS all_zero
FROM (VALUES (interval '0'), (interval '0')) v(r);
SELECT response_time_percentile(lead_summary(r, NULL, NULL, NULL), 0.9009004917506227) AS tie_to_even
FROM (VALUES (interval '0'), (interval '3 hours')) v(r);
-- the errors
SELECT lead_summary('1 mon'::interval, true, true, true);
SELECT lead_summary('-infinity'::timestamptz, now(), true, true, true);
SELECT lead_summary('2024-01-01'::timestamptz, '2100-01-01'::timestamptz, true, true, true);
SELECT responded_within(lead_summary('1 hour'::interval, true, true, true), -1);
SELECT responded_within(lead_summary('1 hour'::interval, true, true, true), 'NaN');
SELECT response_time_percentile(lead_summary('1 hour'::interval, true, true, true), 1.01);
SELECT response_time_percentile(lead_summary('1 hour'::interval, true, true, true), 'NaN');

-- 3. 50,000 random leads in 6 sources against plain SQL
CREATE TABLE lead_random AS
SELECT id, 'source ' || (id % 6) AS source,
       timestamptz '2024-01-01' + (h % 100000) * interval '1 minute' AS created_at,
       CASE WHEN h % 17 = 0 THEN NULL
            ELSE timestamptz '2024-01-01' + (h % 100000) * interval '1 minute'
                 + (((h >> 3) % 400000) - 20000) * interval '1 second' + ((h >> 5) % 1000) * interval '1 millisecond' END AS first_touch_at,
       CASE (h >> 7) % 5 WHEN 0 THEN NULL ELSE (h >> 9) % 3 = 0 END AS opportunity,
       CASE (h >> 11) % 7 WHEN 0 THEN NULL ELSE (h >> 13) % 4 = 0 END AS customer,
       CASE (h >> 15) % 3 WHEN 0 THEN NULL ELSE (h >> 17) % 2 = 0 END AS marketing_sourced
FROM (SELECT id, abs(hashint4(id * 31)) AS h FROM generate_series(1, 50000) id) g;
ANALYZE lead_random;
SELECT count(*) AS sources,
       count(*) FILTER (WHERE lead_count(s) = leads AND leads_untouched(s) = untouched AND leads_pretouched(s) = pretouched
                        AND lead_to_opportunity(s) IS NOT DISTINCT FROM to_opp
                        AND lead_to_customer(s) IS NOT DISTINCT FROM to_cust
                        AND opportunity_to_customer(s) IS NOT DISTINCT FROM opp_to_cust
                        AND marketing_sourced_share(s) = mkt AND sales_sourced_share(s) = sales AND other_source_share(s) = other
                        AND response_time_avg(s) IS NOT DISTINCT FROM avg_h
                        AND response_time_median(s) IS NOT DISTINCT FROM median_h
                        AND response_time_percentile(s, 0.9) IS NOT DISTINCT FROM p90_h
                        AND responded_within(s, 1) IS NOT DISTINCT FROM within_1h) AS equal
FROM (SELECT source, lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) AS s,
             count(*) AS leads, count(*) FILTER (WHERE first_touch_at IS NULL) AS untouched,
             count(*) FILTER (WHERE first_touch_at < created_at) AS pretouched,
             (count(*) FILTER (WHERE opportunity))::float8 / nullif(count(opportunity), 0) AS to_opp,
             (count(*) FILTER (WHERE customer))::float8 / nullif(count(customer), 0) AS to_cust,
             (count(*) FILTER (WHERE opportunity AND customer))::float8
               / nullif(count(*) FILTER (WHERE opportunity AND customer IS NOT NULL), 0) AS opp_to_cust,
             (count(*) FILTER (WHERE marketing_sourced))::float8 / count(*) AS mkt,
             (count(*) FILTER (WHERE NOT marketing_sourced))::float8 / count(*) AS sales,
             (count(*) FILTER (WHERE marketing_sourced IS NULL))::float8 / count(*) AS other,
             (sum(sec) FILTER (WHERE sec >= 0) / (3600 * count(sec) FILTER (WHERE sec >= 0))::numeric)::float8 AS avg_h,
             ((percentile_cont(0.5) WITHIN GROUP (ORDER BY sec) FILTER (WHERE sec >= 0))::numeric / 3600)::float8 AS median_h,
             (count(*) FILTER (WHERE sec >= 0 AND sec::float8 / 3600 <= 1))::float8
               / nullif(count(*) FILTER (WHERE sec >= 0 OR first_touch_at IS NULL), 0) AS within_1h,
             array_agg(sec ORDER BY sec) FILTER (WHERE sec >= 0) AS sorted
      FROM (SELECT *, trunc(extract(epoch FROM first_touch_at - created_at))::bigint AS sec FROM lead_random) r
      GROUP BY source) x,
     LATERAL (SELECT '0.90000000000000002220446049250313080847263336181640625'::numeric * (cardinality(sorted) - 1) AS r) rank,
     LATERAL (SELECT ((sorted[floor(r)::int + 1] + (sorted[least(floor(r)::int + 2, cardinality(sorted))] - sorted[floor(r)::int + 1])
                      * (r - floor(r))) / 3600)::float8 AS p90_h) exact;

CREATE TABLE lead_results (plan text, s lead_summary);
INSERT INTO lead_results SELECT 'serial', lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) FROM lead_random;
INSERT INTO lead_results SELECT 'descending input', lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced ORDER BY id DESC) FROM lead_random;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) FROM lead_random;
INSERT INTO lead_results SELECT 'parallel', lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) FROM lead_random;
INSERT INTO lead_results
SELECT 'rollup of sources, parallel', rollup(s)
FROM (SELECT source, lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) AS s FROM lead_random GROUP BY source) x;
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
INSERT INTO lead_results
SELECT 'rollup of sources, serial', rollup(s)
FROM (SELECT source, lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) AS s FROM lead_random GROUP BY source) x;
SELECT count(*) AS plans, count(DISTINCT s::text) AS distinct_summaries,
       bool_and(s = (SELECT s FROM lead_results WHERE plan = 'serial')) AS all_equal
FROM lead_results;

-- 4. text and binary forms
SELECT s::text::lead_summary = s AS text_round_trip, s::text = s::text::lead_summary::text AS text_stable
FROM lead_results WHERE plan = 'serial';
COPY lead_results TO '/tmp/salesops_lead_results.bin' (FORMAT binary);
CREATE TABLE lead_restored (LIKE lead_results);
COPY lead_restored FROM '/tmp/salesops_lead_results.bin' (FORMAT binary);
SELECT count(*) AS rows, count(*) FILTER (WHERE r.s = o.s AND r.s::text = o.s::text) AS equal
FROM lead_restored r JOIN lead_results o USING (plan);
-- refused: each breaks one rule
SELECT 'v1 leads=1 opportunity_known=2 opportunities=0 customer_known=0 customers=0 opportunity_customer_known=0 opportunity_customers=0 marketing=0 sales=0 untouched=1 pretouched=0 response_seconds={}'::lead_summary;
SELECT 'v1 leads=1 opportunity_known=1 opportunities=1 customer_known=1 customers=0 opportunity_customer_known=1 opportunity_customers=1 marketing=0 sales=0 untouched=1 pretouched=0 response_seconds={}'::lead_summary;
SELECT 'v1 leads=1 opportunity_known=0 opportunities=0 customer_known=0 customers=0 opportunity_customer_known=0 opportunity_customers=0 marketing=1 sales=1 untouched=1 pretouched=0 response_seconds={}'::lead_summary;
SELECT 'v1 leads=2 opportunity_known=0 opportunities=0 customer_known=0 customers=0 opportunity_customer_known=0 opportunity_customers=0 marketing=0 sales=0 untouched=1 pretouched=0 response_seconds={}'::lead_summary;
SELECT 'v1 leads=2 opportunity_known=0 opportunities=0 customer_known=0 customers=0 opportunity_customer_known=0 opportunity_customers=0 marketing=0 sales=0 untouched=0 pretouched=0 response_seconds={9:1,5:1}'::lead_summary;
SELECT 'v1 leads=1 opportunity_known=0 opportunities=0 customer_known=0 customers=0 opportunity_customer_known=0 opportunity_customers=0 marketing=0 sales=0 untouched=0 pretouched=0 response_seconds={5:0}'::lead_summary;
SELECT 'v1 leads=1 opportunity_known=0 opportunities=0 customer_known=0 customers=0 opportunity_customer_known=0 opportunity_customers=0 marketing=0 sales=0 untouched=-1 pretouched=2 response_seconds={}'::lead_summary;
SELECT 'v1 leads=1 opportunity_known=0 opportunities=0 customer_known=0 customers=0 opportunity_customer_known=0 opportunity_customers=0 marketing=0 sales=0 untouched=0 pretouched=0 response_seconds={2147483648:1}'::lead_summary;
SELECT 'v1 leads=1 opportunity_known=0 opportunities=0 customer_known=0 customers=0 opportunity_customer_known=0 opportunity_customers=0 marketing=0 sales=0 untouched=1 pretouched=0'::lead_summary;
-- accepted: the largest response time, and no lead at all
SELECT response_time_avg('v1 leads=1 opportunity_known=0 opportunities=0 customer_known=0 customers=0 opportunity_customer_known=0 opportunity_customers=0 marketing=0 sales=0 untouched=0 pretouched=0 response_seconds={2147483647:1}'::lead_summary) AS hours,
       lead_to_opportunity('v1 leads=0 opportunity_known=0 opportunities=0 customer_known=0 customers=0 opportunity_customer_known=0 opportunity_customers=0 marketing=0 sales=0 untouched=0 pretouched=0 response_seconds={}'::lead_summary) IS NULL AS no_lead;
CREATE FUNCTION pg_temp.binary_copy_file(field bytea) RETURNS bytea LANGUAGE sql AS $$
    SELECT '\x5047434f50590aff0d0a00'::bytea || '\x00000000'::bytea || '\x00000000'::bytea
           || '\x0001'::bytea || int4send(length(field)) || field || '\xffff'::bytea
$$;
CREATE TABLE lead_one (s lead_summary);
SELECT lo_from_bytea(4245201, pg_temp.binary_copy_file(substr(lead_summary_send(s), 1, length(lead_summary_send(s)) - 4))) AS lo
FROM lead_results WHERE plan = 'serial';
SELECT lo_export(4245201, '/tmp/salesops_lead_truncated.bin');
\set SHOW_CONTEXT never
COPY lead_one FROM '/tmp/salesops_lead_truncated.bin' (FORMAT binary);
\set SHOW_CONTEXT errors
SELECT lo_unlink(4245201);

DROP TABLE lead_fixture, lead_random, lead_results, lead_restored, lead_one;
