-- Real CRM exports (0.7.0): back-dated deals do not stop a report,
-- timestamptz (and timestamp) dates, percentages given as attainment
-- thresholds, and deal_summary values stored in format 1 (0.3.0 to 0.6.0).
-- How checked: every figure below is worked out by hand in the comment
-- beside its query, from the fixture in this file:
--   id won   amount prob created_at (timestamptz)      closed_at (date)  in Berlin
--   1  true  1000   1.0  2024-01-01 23:30 UTC           2024-01-12        created 01-02: cycle 10 (UTC: 11)
--   2  true  2000   1.0  2024-03-01 10:00+01            2024-03-31        cycle 30
--   3  true   500   1.0  2024-05-10 09:00+02            2024-05-01        back-dated (won)
--   4  false  700   0.0  2024-02-01 09:00+01            2024-01-15        back-dated (lost)
--   5  NULL  3000   0.5  2024-04-01 09:00+02            NULL              open
-- so in Europe/Berlin: open 1, won 3, lost 1, back-dated 2, won amount 3500,
-- cycles {10, 30}: mean 20, median 20; win rate 3/4 = 0.75; value win rate
-- 3500/4200 = 0.8333333333333334 (float8 of 5/6); average deal size
-- 3500/3 = 1166.6666666666666667; velocity = open x won amount x cycle deals
-- / (closed x cycle days) = 1 x 3500 x 2 / (4 x 40) = 43.75.

SET TimeZone = 'Europe/Berlin';
CREATE TABLE crm_opp (id int, won boolean, amount numeric, probability numeric,
                      created_at timestamptz, closed_at date);
INSERT INTO crm_opp VALUES
  (1, true, 1000, 1.0, '2024-01-01 23:30:00+00', '2024-01-12'),
  (2, true, 2000, 1.0, '2024-03-01 10:00:00+01', '2024-03-31'),
  (3, true, 500, 1.0, '2024-05-10 09:00:00+02', '2024-05-01'),
  (4, false, 700, 0.0, '2024-02-01 09:00:00+01', '2024-01-15'),
  (5, NULL, 3000, 0.5, '2024-04-01 09:00:00+02', NULL);

-- 1. Salesforce's mix (CreatedDate timestamptz, CloseDate date) resolves to
-- the timestamptz form; back-dated deals count as deals but not in the cycle
SELECT open_deals(s), won_deals(s), lost_deals(s), backdated_deals(s), won_amount(s),
       avg_sales_cycle(s), median_sales_cycle(s), win_rate(s), value_win_rate(s),
       avg_deal_size(s), sales_velocity(s)
FROM (SELECT deal_summary(won, amount, probability, created_at, closed_at) AS s FROM crm_opp) x;
-- the same in UTC: deal 1 was created on 2024-01-01, cycle 11: mean 20.5
SET TimeZone = 'UTC';
SELECT avg_sales_cycle(deal_summary(won, amount, probability, created_at, closed_at)) FROM crm_opp;
SET TimeZone = 'Europe/Berlin';
-- float8 amounts and probabilities take the same path: 2 back-dated, mean 20
SELECT backdated_deals(s), avg_sales_cycle(s), won_amount(s)
FROM (SELECT deal_summary(won, amount::float8, probability::float8, created_at, closed_at) AS s FROM crm_opp) x;

-- 2. one-step cycle aggregates skip back-dated deals: won deals 1 to 3 give {10, 30}
SELECT avg_sales_cycle(created_at, closed_at), median_sales_cycle(created_at, closed_at)
FROM crm_opp WHERE won;
-- a moving window over won deals, inverse transitions included: frames
-- {1} 10, {1,2} 20, {2,3} 30 (3 back-dated), {3,4} none won with a cycle, {4,5} none
SELECT id, avg_sales_cycle(created_at, closed_at) FILTER (WHERE won)
           OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS trailing_two
FROM crm_opp ORDER BY id;
-- the same frames as plain SQL over the rows with a cycle (the independent oracle)
SELECT id, avg((closed_at - created_at::date)::float8)
           FILTER (WHERE won AND closed_at >= created_at::date)
           OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS plain
FROM crm_opp ORDER BY id;
-- only back-dated deals: no cycle (NULL), but counted
SELECT avg_sales_cycle(c, d) AS one_step, backdated_deals(deal_summary(true, 1::numeric, 1::float8, c, d))
FROM (VALUES ('2024-02-01'::date, '2024-01-31'::date)) v(c, d);
-- infinite dates are still an error (22008), as date subtraction raises
SELECT median_sales_cycle(c, d) FROM (VALUES ('2024-02-01'::timestamptz, 'infinity'::timestamptz)) v(c, d);

-- 3. rollup adds back-dated counts: deals {1, 3} and {2, 4, 5} give the whole
SELECT rollup(s)::text = (SELECT deal_summary(won, amount, probability, created_at, closed_at)::text FROM crm_opp)
       AS rollup_equals_whole, backdated_deals(rollup(s))
FROM (SELECT deal_summary(won, amount, probability, created_at, closed_at) AS s
      FROM crm_opp GROUP BY id IN (1, 3)) x;
-- and so does a parallel plan
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
CREATE TABLE crm_many AS
SELECT g AS id, (g % 3 = 0) AS won, (g % 97)::numeric AS amount,
       date '2024-01-01' + (g % 50) AS created_at, date '2024-01-01' + (g % 50) + (g % 7) - 2 AS closed_at
FROM generate_series(1, 30000) g;
ANALYZE crm_many;
-- back-dated: g % 7 = 0 or 1 (closed 2 or 1 days before created), every
-- outcome: 4285 values of g in 1..30000 with g % 7 = 0, 4286 with 1: 8571
SELECT backdated_deals(deal_summary(won, amount, 1::float8, created_at, closed_at)) AS parallel,
       count(*) FILTER (WHERE closed_at < created_at) AS plain
FROM crm_many;
RESET ALL;
SET TimeZone = 'Europe/Berlin';

-- 4. timestamps without time zone (HubSpot's createdate, closedate) take
-- the implicit cast to timestamptz: their own dates, in any time zone
SELECT avg_sales_cycle(c, d) FROM (VALUES ('2024-01-01 23:30'::timestamp, '2024-01-11 00:10'::timestamp)) v(c, d);  -- 10

-- 5. fiscal periods of a timestamptz: the date in the session's time zone.
-- 2024-01-31 23:30 UTC is 2024-02-01 00:30 in Berlin: first quarter of
-- FY2025 for a year starting in February; in UTC it is still the last of FY2024
SELECT fiscal_quarter(t, 2), fiscal_quarter_number(t, 2), fiscal_year(t, 2), fiscal_quarter_label(t, 2)
FROM (VALUES ('2024-01-31 23:30:00+00'::timestamptz)) v(t);
SET TimeZone = 'UTC';
SELECT fiscal_quarter(t, 2), fiscal_quarter_number(t, 2), fiscal_year(t, 2), fiscal_quarter_label(t, 2)
FROM (VALUES ('2024-01-31 23:30:00+00'::timestamptz)) v(t);
-- a timestamp without time zone: its own date (2024-01-31, FY2024 Q4)
SELECT fiscal_quarter_label('2024-01-31 23:30'::timestamp, 2);
SET TimeZone = 'Europe/Berlin';
-- the timestamptz forms are STABLE, the date forms IMMUTABLE
SELECT p.oid::regprocedure, p.provolatile FROM pg_proc p
WHERE p.proname = 'fiscal_year' ORDER BY 1;

-- 6. attainment thresholds above 10 (1,000 % of quota) are percentages: 22003;
-- 10 itself is allowed (achieved 1000 of quota 100 is exactly 10 x)
SELECT pct_at_quota(achieved, quota, 10) FROM (VALUES (1000::numeric, 100::numeric)) v(achieved, quota);
SELECT pct_at_quota(achieved, quota, 100) FROM (VALUES (1000::numeric, 100::numeric)) v(achieved, quota);
SELECT reps_at_quota(attainment(achieved, quota), 90) FROM (VALUES (1000::numeric, 100::numeric)) v(achieved, quota);

-- 7. deal_summary text and binary forms: format 2 added backdated_deals,
-- format 3 the won amounts; format 1 text (0.3.0 to 0.6.0, as pg_dump wrote
-- it) reads with no back-dated deal and, having a won amount, with its won
-- amounts unknown (the median of those is an error; all else reads)
SELECT 'v1 numeric open_deals=1 won_deals=1 lost_deals=0 open_pipeline=5 open_pipeline_deals=1 weighted_pipeline=1 weighted_pipeline_deals=1 won_amount=10 won_amount_deals=1 lost_amount=0 lost_amount_deals=0 cycle_days={3:1}'::deal_summary;
SELECT median_deal_size('v1 numeric open_deals=1 won_deals=1 lost_deals=0 open_pipeline=5 open_pipeline_deals=1 weighted_pipeline=1 weighted_pipeline_deals=1 won_amount=10 won_amount_deals=1 lost_amount=0 lost_amount_deals=0 cycle_days={3:1}'::deal_summary);
SELECT backdated_deals('v2 numeric open_deals=1 won_deals=1 lost_deals=0 backdated_deals=1 open_pipeline=5 open_pipeline_deals=1 weighted_pipeline=1 weighted_pipeline_deals=1 won_amount=10 won_amount_deals=1 lost_amount=0 lost_amount_deals=0 cycle_days={}'::deal_summary);
-- more back-dated deals than deals, or a format 2 text without the field: 22P02
SELECT 'v2 numeric open_deals=1 won_deals=1 lost_deals=0 backdated_deals=3 open_pipeline=5 open_pipeline_deals=1 weighted_pipeline=1 weighted_pipeline_deals=1 won_amount=10 won_amount_deals=1 lost_amount=0 lost_amount_deals=0 cycle_days={}'::deal_summary;
SELECT 'v2 numeric open_deals=1 won_deals=1 lost_deals=0 open_pipeline=5 open_pipeline_deals=1 weighted_pipeline=1 weighted_pipeline_deals=1 won_amount=10 won_amount_deals=1 lost_amount=0 lost_amount_deals=0 cycle_days={}'::deal_summary;
-- a format 1 binary value (0.6.0's send: no backdated_deals after lost_deals,
-- nothing after the cycle bins) made from format 3's by cutting those 8
-- bytes (bytes 27 to 34) and the won amounts at the end (9 bytes when there
-- is none: a flag and a count), and setting the version byte to 1, loaded
-- with binary COPY.  The won deals have no amount, so the two read alike.
CREATE TABLE crm_ds (s deal_summary);
INSERT INTO crm_ds SELECT deal_summary(won, CASE WHEN won THEN NULL ELSE amount END, probability,
                                       created_at::date, closed_at)
FROM crm_opp WHERE id IN (1, 2, 5);
CREATE FUNCTION pg_temp.binary_copy_file(field bytea) RETURNS bytea LANGUAGE sql AS $$
  SELECT '\x5047434f50590aff0d0a00'::bytea || '\x00000000'::bytea || '\x00000000'::bytea
         || '\x0001'::bytea || int4send(length(field)) || field || '\xffff'::bytea $$;
SELECT lo_from_bytea(4243101, pg_temp.binary_copy_file(
         set_byte(overlay(substring(deal_summary_send(s) FROM 1 FOR length(deal_summary_send(s)) - 9)
                          PLACING '' FROM 27 FOR 8), 0, 1))) AS lo FROM crm_ds;
SELECT lo_export(4243101, '/tmp/salesops_deal_format1.bin');
CREATE TABLE crm_ds_v1 (s deal_summary);
COPY crm_ds_v1 FROM '/tmp/salesops_deal_format1.bin' (FORMAT binary);
SELECT lo_unlink(4243101);
SELECT a.s::text = b.s::text AS format1_binary_reads_the_same FROM crm_ds a, crm_ds_v1 b;

-- 8. format 1 values on disk (stored by 0.3.0 to 0.6.0, read after
-- ALTER EXTENSION UPDATE or pg_upgrade).  Their bytes are made here from a
-- format 3 value without won amounts: read its on-disk bytes as bytea (the
-- column's type switched in the catalog: both are plain varlenas, and a
-- one-column row starts 8-aligned), cut the two won-amount counts format 3
-- added after the sums (bytes 269 to 284 after the 4-byte length word: the
-- fixed part of format 2 is 272 bytes with it) and backdated_deals (bytes
-- 37 to 44: version and three other bytes, two int32 counts of bins, and
-- three int64 deal counts come first) and set version 1, then switch the
-- column back.  A summary with numeric spills (values past 18 digits) and a
-- histogram checks that everything after the cuts moves with it.  Format 1
-- kept the sums of float8 amounts as float8s (the first 32 of the 192
-- bytes of the sums, bytes 77 to 268), where format 3 has exact sums: the
-- third summary's are written so (open 5, weighted 5 x 0.2 = 1, won 0,
-- lost 2.5, little-endian), and read back as format 3's exact sums.
CREATE TABLE crm_disk (id bigint, s deal_summary);
INSERT INTO crm_disk
SELECT 1, deal_summary(won, CASE WHEN won THEN NULL ELSE amount END, probability, created_at::date, closed_at)
FROM crm_opp WHERE id IN (1, 2, 5)
UNION ALL
SELECT 2, deal_summary(won, amount, probability, c, d)
FROM (VALUES (false, 123456789012345678901234.5::numeric, 0::numeric, date '2024-01-01', date '2024-01-08'),
             (true, NULL, 1, date '2024-01-01', date '2024-01-08'),
             (NULL, 0.000000000000000000001, 0.5, NULL, NULL)) v(won, amount, probability, c, d)
UNION ALL
SELECT 3, deal_summary(won, amount, probability, c, d)
FROM (VALUES (NULL::boolean, 5::float8, 0.2::float8, date '2024-01-01', NULL::date),
             (true, NULL, 1, date '2024-01-01', date '2024-01-08'),
             (false, 2.5, 0, date '2024-01-02', date '2024-01-09')) v(won, amount, probability, c, d);
CREATE FUNCTION pg_temp.le(b bytea) RETURNS bytea LANGUAGE sql AS $$
  SELECT string_agg(substr(b, i, 1), ''::bytea ORDER BY i DESC) FROM generate_series(1, length(b)) i $$;
CREATE TABLE crm_disk_expected AS SELECT id, s::text AS text FROM crm_disk;
CREATE TABLE crm_disk_raw (id bigint, b bytea);
UPDATE pg_attribute SET atttypid = 'bytea'::regtype, attalign = 'i', attstorage = 'x'
WHERE attrelid = 'crm_disk'::regclass AND attname = 's';
INSERT INTO crm_disk_raw
SELECT id, set_byte(overlay(overlay(CASE WHEN id = 3
                                          THEN overlay(s PLACING pg_temp.le(float8send(5)) || pg_temp.le(float8send(1))
                                                                 || pg_temp.le(float8send(0)) || pg_temp.le(float8send(2.5))
                                                                 || ('\x' || repeat('00', 160))::bytea FROM 77 FOR 192)
                                          ELSE s END
                                     PLACING '' FROM 269 FOR 16) PLACING '' FROM 37 FOR 8), 0, 1) FROM crm_disk;
-- format 1 bytes: version 1, each value 24 bytes shorter than its format 3 form
SELECT r.id, get_byte(r.b, 0) AS version, length(d.s) - length(r.b) AS bytes_less
FROM crm_disk_raw r JOIN crm_disk d USING (id) ORDER BY r.id;
UPDATE pg_attribute SET atttypid = 'deal_summary'::regtype, attalign = 'd', attstorage = 'm'
WHERE attrelid = 'crm_disk'::regclass AND attname = 's';
UPDATE pg_attribute SET atttypid = 'deal_summary'::regtype, attalign = 'd', attstorage = 'm'
WHERE attrelid = 'crm_disk_raw'::regclass AND attname = 'b';
-- read back: the same text, accessors and rollup as the format 3 values
SELECT r.id, r.b::text = e.text AS same_text, lost_amount(r.b), open_pipeline(r.b), backdated_deals(r.b)
FROM crm_disk_raw r JOIN crm_disk_expected e USING (id) ORDER BY r.id;
SELECT rollup(b)::text = (SELECT rollup(s)::text FROM crm_disk WHERE id < 3) AS rollup_same
FROM crm_disk_raw WHERE id < 3;

DROP TABLE crm_opp, crm_many, crm_ds, crm_ds_v1, crm_disk, crm_disk_expected, crm_disk_raw;
RESET TimeZone;
