-- rep_attainment(rep, achieved, quota): the storable, roll-up-able form of
-- attainment_by_rep.  It keeps each rep's exact sums (and whether the rep
-- has a quota row), so rollup() of summaries of any split of the rows (by
-- day, by shard, a rep's deals on one shard and its quota on another)
-- equals the summary of all rows; attainment(r) and every accessor then
-- read it as attainment_by_rep would over the same rows.
--
-- How checked: every literal below was computed independently in Python
-- (decimal.Decimal sums, fractions.Fraction ratios), never read back from
-- the extension: the rows of each fixture were regenerated in Python from
-- the same integer formulas, summed per rep by the rules of
-- attainment_by_rep (NULL rep or both amounts NULL: row skipped; a rep is
-- rated once it has a non-NULL quota; quota 0: zero_quotas, not in reps;
-- reps without quota left out of every figure), and the figures derived
-- exactly: reps_at_quota counts Fraction(achieved, quota) >= threshold
-- (NaN counts as at quota), median = the middle ratio or the mean of the
-- two middle ones (NaN sorted last), float8 literals = float(Fraction(...))
-- of the exact result (one rounding, as the extension rounds), numeric
-- sums keep the largest scale of their addends (Decimal does the same).
-- The issue's "wrong" number (rollup of per-shard attainment_by_rep) is
-- the figure of shard 0's rows alone: shards 1 and 2 hold no quota row, so
-- their attainment_by_rep is NULL.  Equalities between two plans (rollup vs
-- whole, parallel vs serial, r vs attainment_by_rep) are checked with = and
-- as text.  Text forms were written by hand from the format:
-- v1 key=<bigint|text|uuid> reps={key:achieved/quota,...} in key order,
-- "/quota" left out for a rep without quota.

CREATE FUNCTION pg_temp.table_mismatches(s rep_attainment, expected jsonb) RETURNS bigint
LANGUAGE sql AS $$
  SELECT count(*) FROM rep_attainment_table(s) WITH ORDINALITY AS t(rep, achieved, quota, n)
  FULL JOIN jsonb_array_elements(expected) WITH ORDINALITY AS e(v, n) USING (n)
  WHERE t.rep IS DISTINCT FROM e.v->>0 OR t.achieved IS DISTINCT FROM (e.v->>1)::numeric
     OR t.quota IS DISTINCT FROM (e.v->>2)::numeric $$;

-- 1. Hand fixture, bigint keys.  Per rep: 10: 100.5 + 200.25 = 300.75 / 250
--    (1.203); 2: quota only, 0 / 500.00 (0 %); -3: 700, no quota (left out
--    of every figure); 40: 400 + 100.50 = 500.50 / (300 + 200.5) = 500.5
--    (exactly 1); 5: 90 - 10 = 80 / 100 (0.8, one row with both amounts);
--    6: 50 / 0 (ramping: zero_quotas).  Skipped: NULL reps, both amounts NULL.
--    reps 4, at quota 2 (10, 40), at 0.8: 3, median (0.8 + 1) / 2 = 0.9,
--    total_achieved 300.75 + 0 + 500.50 + 80 + 50 = 931.25, total_quota 1350.50,
--    quota_attainment 931.25 / 1350.5 = 0.6895594224361348.
CREATE TABLE ra_hand (rep bigint, achieved numeric, quota numeric);
INSERT INTO ra_hand VALUES
    (10, 100.5, NULL), (10, 200.25, NULL), (10, NULL, 250),
    (2, NULL, 500.00),
    (-3, 700, NULL),
    (40, 400, NULL), (40, 100.50, NULL), (40, NULL, 300), (40, NULL, 200.5),
    (5, 90, 100), (5, -10, NULL),
    (6, 50, 0),
    (NULL, 1000, 1000), (7, NULL, NULL), (NULL, NULL, 5), (2, NULL, NULL);
CREATE TABLE ra_hand_s AS SELECT rep_attainment(rep, achieved, quota) AS r FROM ra_hand;
SELECT r::text = 'v1 key=bigint reps={-3:700,2:0/500.00,5:80/100,6:50/0,10:300.75/250,40:500.50/500.5}'
       AS text_form
FROM ra_hand_s;
SELECT reps(r) = 4 AS reps, zero_quotas(r) = 1 AS zero_quotas, reps_at_quota(r) = 2 AS at_quota,
       reps_at_quota(r, 0.8) = 3 AS at_80, reps_at_quota(r, 1.203) = 1 AS at_1203,
       reps_at_quota(r, 1.2030001) = 0 AS above_1203, reps_at_quota(r, 0) = 4 AS at_zero,
       pct_at_quota(r) = 0.5 AS pct, pct_at_quota(r, 0.8) = 0.75 AS pct_80, pct_at_quota(r, 0.0) = 1 AS pct_0,
       median_attainment(r) = 0.9::float8 AS median, total_achieved(r) = 931.25 AS total_achieved,
       total_quota(r) = 1350.50 AS total_quota, quota_attainment(r) = 0.6895594224361348::float8 AS attainment
FROM ra_hand_s;
-- attainment(r) is attainment_by_rep over the same rows: ratios 0, 4/5, 1, 1203/1000
SELECT attainment(r)::text = 'v1 reps=4 zero_quotas=1 total_achieved=931.25 total_quota=1350.50 ratios={0,4/5,1,1203/1000}'
       AS attainment_text,
       attainment(r) = (SELECT attainment_by_rep(rep, achieved, quota) FROM ra_hand) AS equals_attainment_by_rep,
       quota_attainment(r) = quota_attainment(attainment(r)) AND reps(r) = reps(attainment(r))
       AND reps_at_quota(r) = reps_at_quota(attainment(r)) AND reps_at_quota(r, 0.8) = reps_at_quota(attainment(r), 0.8)
       AND pct_at_quota(r) = pct_at_quota(attainment(r)) AND pct_at_quota(r, 0.8) = pct_at_quota(attainment(r), 0.8)
       AND median_attainment(r) = median_attainment(attainment(r)) AND zero_quotas(r) = zero_quotas(attainment(r))
       AND total_achieved(r) = total_achieved(attainment(r)) AND total_quota(r) = total_quota(attainment(r))
       AS accessors_equal_attainment
FROM ra_hand_s;
-- the table: one row per rep in numeric key order (-3 before 2 before 10),
-- exact sums at the scale of their addends, quota NULL for rep -3
SELECT pg_temp.table_mismatches(r, '[["-3",700,null],["2",0,500],["5",80,100],["6",50,0],
                                     ["10",300.75,250],["40",500.5,500.5]]') AS rows_differing,
       (SELECT array_agg(achieved::text || '/' || coalesce(quota::text, '-') ORDER BY n)
        FROM rep_attainment_table(r) WITH ORDINALITY AS t(rep, achieved, quota, n))
       = '{700/-,0/500.00,80/100,50/0,300.75/250,500.50/500.5}' AS display_scales
FROM ra_hand_s;
-- the text form reads back equal, and a stored one rolls up alone unchanged
SELECT (r::text)::rep_attainment = r AS text_round_trip, (r::text)::rep_attainment::text = r::text AS same_text,
       (SELECT rollup(r) FROM ra_hand_s)::text = r::text AS rollup_of_one
FROM ra_hand_s;

-- 2. The issue: 30 reps, 6 consecutive deals each (deal_id 1-180), one quota
--    row each; deals on shard deal_id % 3, quota rows on shard 0.  Python:
--    27 reps at quota, total 571115 / 418500 = 1.3646714456391875, median
--    466381/406000 = 1.1487216748768474.  rollup() of per-shard
--    attainment_by_rep only sees shard 0 (shards 1 and 2 have no quota: NULL):
--    3 reps at quota, 191705 / 418500 = 0.45807646356033455.  Wrong.
CREATE TABLE ra_team_deals AS
SELECT deal_id, 1 + (deal_id - 1) / 6 AS rep,
       ((deal_id * 7919) % 3001 + CASE WHEN deal_id % 17 = 0 THEN 12000 ELSE 1050 END)::numeric AS amount
FROM generate_series(1, 180) deal_id;
CREATE TABLE ra_team_quotas AS SELECT rep, (12500 + 500 * (rep % 7))::numeric AS quota FROM generate_series(1, 30) rep;
CREATE VIEW ra_team_rows AS
SELECT deal_id % 3 AS shard, rep, amount AS achieved, NULL::numeric AS quota FROM ra_team_deals
UNION ALL
SELECT 0, rep, NULL, quota FROM ra_team_quotas;
CREATE TABLE ra_team_shards AS
SELECT shard, rep_attainment(rep, achieved, quota) AS r, attainment_by_rep(rep, achieved, quota) AS a
FROM ra_team_rows GROUP BY shard;
SELECT count(r) AS shard_summaries, reps_at_quota(rollup(r)) = 27 AS at_quota_27, reps(rollup(r)) = 30 AS reps_30,
       rollup(r) = (SELECT rep_attainment(rep, achieved, quota) FROM ra_team_rows) AS equals_single_node,
       reps_at_quota(rollup(r)) = (SELECT reps_at_quota(attainment_by_rep(rep, achieved, quota)) FROM ra_team_rows)
       AS equals_attainment_by_rep,
       quota_attainment(rollup(r)) = 1.3646714456391875::float8 AS attainment,
       median_attainment(rollup(r)) = 1.1487216748768474::float8 AS median, pct_at_quota(rollup(r)) = 0.9 AS pct
FROM ra_team_shards;
SELECT count(a) AS shard_summaries, reps_at_quota(rollup(a)) = 3 AS by_rep_rollup_says_3,
       reps(rollup(a)) = 30 AS reps_30, quota_attainment(rollup(a)) = 0.45807646356033455::float8 AS wrong_attainment
FROM ra_team_shards;

-- 3. A larger fixture: 20,000 deal rows over reps i % 97 (NULL rep every
--    1009th row, NULL achieved every 11th, 16-decimal amounts every 7th),
--    then 3 quota rows for each of reps 0-89 (rep 89's are 0); reps 90-96
--    have no quota.  Python: 89 reps, 1 zero quota, 37 at quota, 52 at 0.8,
--    totals 842881.68 / 938505 = 0.8981110169897869, median 235046/263625
--    = 0.8915922238027502, pct 37/89, 52/89; all 97 reps' achieved 908723.41.
CREATE TABLE ra_big AS
SELECT i, CASE WHEN i % 1009 <> 0 THEN i % 97 END AS rep,
       CASE WHEN i % 11 = 0 THEN NULL
            WHEN i % 7 = 0 THEN ((i * 7919) % 10007) / 100.0
            ELSE ((i * 7919) % 10007) * 0.01 END AS achieved,
       NULL::numeric AS quota
FROM generate_series(1, 20000) i
UNION ALL
SELECT 20000 + j, (j - 1) % 90, NULL, CASE WHEN (j - 1) % 90 = 89 THEN 0 ELSE (j * 389) % 5000 + 1000 END
FROM generate_series(1, 270) j;
CREATE TABLE ra_big_s AS SELECT rep_attainment(rep, achieved, quota) AS r FROM ra_big;
SELECT reps(r) = 89 AS reps, zero_quotas(r) = 1 AS zero_quotas, reps_at_quota(r) = 37 AS at_quota,
       reps_at_quota(r, 0.8) = 52 AS at_80, total_achieved(r) = 842881.68 AS total_achieved,
       total_quota(r) = 938505 AS total_quota, quota_attainment(r) = 0.8981110169897869::float8 AS attainment,
       median_attainment(r) = 0.8915922238027502::float8 AS median,
       pct_at_quota(r) = 0.4157303370786517::float8 AS pct, pct_at_quota(r, 0.8) = 0.5842696629213483::float8 AS pct_80,
       attainment(r) = (SELECT attainment_by_rep(rep, achieved, quota) FROM ra_big) AS equals_attainment_by_rep
FROM ra_big_s;
SELECT count(*) AS table_rows, count(*) FILTER (WHERE quota IS NULL) AS without_quota,
       sum(achieved) = 908723.41 AS achieved_sum, bool_and(rep = (n - 1)::text) AS numeric_key_order
FROM ra_big_s, rep_attainment_table(r) WITH ORDINALITY AS t(rep, achieved, quota, n);
-- rollup over the splits i % 5 and i % 13 (a rep's deals and quota rows in
-- different parts) equals the whole, in any order, and rollup of rollups too
CREATE TABLE ra_big_parts AS
SELECT 5 AS m, i % 5 AS k, rep_attainment(rep, achieved, quota) AS r FROM ra_big GROUP BY i % 5
UNION ALL
SELECT 13, i % 13, rep_attainment(rep, achieved, quota) FROM ra_big GROUP BY i % 13;
SELECT m, count(*) AS parts, rollup(r) = (SELECT r FROM ra_big_s) AS rollup_equals_whole,
       rollup(r)::text = (SELECT r::text FROM ra_big_s) AS same_text,
       rollup(r ORDER BY k DESC)::text = rollup(r ORDER BY k)::text AS order_independent,
       reps_at_quota(rollup(r)) = 37 AS at_quota
FROM ra_big_parts GROUP BY m ORDER BY m;
SELECT rollup(r) = (SELECT r FROM ra_big_s) AS rollup_of_rollups
FROM (SELECT rollup(r) AS r FROM ra_big_parts WHERE m = 13 GROUP BY k % 3) x;

-- 4. Text keys: bytes decide ('A' and 'a' and 'a ' are three reps; '' is a
--    rep; a"b\c and multi-byte keys), ordered by bytes.  Per rep: '' 5/0
--    (zero quota); 'A' 10/20; 'Zoë' 44/40; 'a' 30/(20 + 10); 'a ' 1/1;
--    a"b\c 7.5, no quota; '日本' 3/4.  reps 5, at quota 3, median of
--    {1/2, 3/4, 1, 1, 11/10} = 1, totals 93 / 95 = 0.9789473684210527.
CREATE TABLE ra_text (rep text, achieved numeric, quota numeric);
INSERT INTO ra_text VALUES ('A', 10, 20), ('a', 30, 20), ('a', NULL, 10), ('', 5, NULL), ('', NULL, 0),
    ('a"b\c', 7.5, NULL), ('Zoë', NULL, 40), ('Zoë', 44, NULL), ('日本', 3, 4), ('a ', 1, 1), (NULL, 100, 100);
CREATE TABLE ra_text_s AS SELECT rep_attainment(rep, achieved, quota) AS r FROM ra_text;
SELECT r::text = 'v1 key=text reps={"":5/0,"A":10/20,"Zoë":44/40,"a":30/30,"a ":1/1,"a\"b\\c":7.5,"日本":3/4}' AS text_form,
       pg_temp.table_mismatches(r, '[["",5,0],["A",10,20],["Zoë",44,40],["a",30,30],["a ",1,1],
                                     ["a\"b\\c",7.5,null],["日本",3,4]]') AS rows_differing,
       reps(r) = 5 AS reps, zero_quotas(r) = 1 AS zero_quotas, reps_at_quota(r) = 3 AS at_quota,
       median_attainment(r) = 1 AS median, total_achieved(r) = 93 AS total_achieved,
       quota_attainment(r) = 0.9789473684210527::float8 AS attainment,
       attainment(r) = (SELECT attainment_by_rep(rep, achieved, quota) FROM ra_text) AS equals_attainment_by_rep,
       (r::text)::rep_attainment = r AS text_round_trip, (r::text)::rep_attainment::text = r::text AS same_text
FROM ra_text_s;
-- a text form written by hand reads as its reps
SELECT pg_temp.table_mismatches('v1 key=text reps={"005A":10/20,"a\"b\\c":1}',
                                '[["005A",10,20],["a\"b\\c",1,null]]') AS rows_differing,
       reps('v1 key=text reps={"005A":10/20,"a\"b\\c":1}'::rep_attainment) AS reps;
-- uuid keys, in uuid order; the upper-case spelling is the same rep.
-- 0000: 3, no quota; 018f: 0/8; a0ee: (5 + 1)/5; ffff: 1/2.  reps 3, at
-- quota 1, median 1/2, totals 7 / 15 = 0.4666666666666667.
CREATE TABLE ra_uuid (rep uuid, achieved numeric, quota numeric);
INSERT INTO ra_uuid VALUES ('ffffffff-ffff-ffff-ffff-ffffffffffff', 1, 2), ('00000000-0000-0000-0000-000000000000', 3, NULL),
    ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 5, 5), ('A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', 1, NULL),
    ('018f3c1e-7b2a-7c3d-8e4f-0123456789ab', NULL, 8), (NULL, 1, 1);
CREATE TABLE ra_uuid_s AS SELECT rep_attainment(rep, achieved, quota) AS r FROM ra_uuid;
SELECT r::text = 'v1 key=uuid reps={00000000-0000-0000-0000-000000000000:3,018f3c1e-7b2a-7c3d-8e4f-0123456789ab:0/8,'
                 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11:6/5,ffffffff-ffff-ffff-ffff-ffffffffffff:1/2}' AS text_form,
       pg_temp.table_mismatches(r, '[["00000000-0000-0000-0000-000000000000",3,null],
                                     ["018f3c1e-7b2a-7c3d-8e4f-0123456789ab",0,8],
                                     ["a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",6,5],
                                     ["ffffffff-ffff-ffff-ffff-ffffffffffff",1,2]]') AS rows_differing,
       reps(r) = 3 AS reps, reps_at_quota(r) = 1 AS at_quota, median_attainment(r) = 0.5 AS median,
       quota_attainment(r) = 0.4666666666666667::float8 AS attainment,
       attainment(r) = (SELECT attainment_by_rep(rep, achieved, quota) FROM ra_uuid) AS equals_attainment_by_rep,
       (r::text)::rep_attainment = r AS text_round_trip, (r::text)::rep_attainment::text = r::text AS same_text
FROM ra_uuid_s;

-- 5. Equality, ordering and hashing: sums compare as numbers (100.0 =
--    100.00), the rated flag counts (quota 0 is not "no quota"), key types
--    differ; <, =, > form one consistent total order over mixed values.
CREATE TABLE ra_cmp AS
SELECT 1 AS id, rep_attainment(1, 100.0, 50) AS r UNION ALL SELECT 2, rep_attainment(1, 100.00, 50.0)
UNION ALL SELECT 3, rep_attainment(1, 5, 0) UNION ALL SELECT 4, rep_attainment(1, 5, NULL)
UNION ALL SELECT 5, rep_attainment('1'::text, 100, 50) UNION ALL SELECT 6, rep_attainment(2, 100, 50)
UNION ALL SELECT 7, rep_attainment('00000000-0000-0000-0000-000000000001'::uuid, 100, 50);
SELECT (SELECT r FROM ra_cmp WHERE id = 1) = (SELECT r FROM ra_cmp WHERE id = 2) AS scale_ignored,
       (SELECT r FROM ra_cmp WHERE id = 3) <> (SELECT r FROM ra_cmp WHERE id = 4) AS rated_flag_counts,
       (SELECT r FROM ra_cmp WHERE id = 1) = (SELECT r FROM ra_cmp WHERE id = 5) AS bigint_equals_text,
       (SELECT count(DISTINCT r) FROM ra_cmp) AS distinct_values;
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE (a.r < b.r)::int + (a.r = b.r)::int + (a.r > b.r)::int = 1
                        AND (a.r < b.r) = (b.r > a.r) AND (a.r <= b.r) = (a.r < b.r OR a.r = b.r)
                        AND (a.r >= b.r) = NOT (a.r < b.r) AND (a.r <> b.r) = NOT (a.r = b.r)) AS consistent
FROM ra_cmp a, ra_cmp b;
SET enable_hashagg = off;
SELECT count(*) AS sorted_groups FROM (SELECT r FROM ra_cmp GROUP BY r) x;
RESET enable_hashagg;
SET enable_sort = off;
SELECT count(*) AS hashed_groups FROM (SELECT r FROM ra_cmp GROUP BY r) x;
RESET enable_sort;

-- 6. Parallel: 200,000 rows over reps i % 1999 (NULL achieved every 17th),
--    quota rows for reps 0-1899 among the first 1999 rows.  Python: reps
--    1900, at quota 883, totals 8951518.63 / 9411519 = 0.9511236847101939,
--    median 1176568343/1234813800 = 0.9528305749417443.  Serial and
--    parallel (two workers, no leader) are the same value, with bigint keys
--    and the same reps as text keys.
CREATE TABLE ra_par AS
SELECT i, i % 1999 AS rep,
       CASE WHEN i % 17 <> 0 THEN ((i * 7919) % 10007) * 0.01 END AS achieved,
       CASE WHEN i <= 1999 AND i % 1999 < 1900 THEN (i * 31) % 6000 + 2000 END::numeric AS quota
FROM generate_series(1, 200000) i;
ANALYZE ra_par;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE ra_par_serial AS
SELECT rep_attainment(rep, achieved, quota) AS b, rep_attainment(rep::text, achieved, quota) AS t FROM ra_par;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT rep_attainment(rep, achieved, quota) FROM ra_par;
CREATE TEMP TABLE ra_par_parallel AS
SELECT rep_attainment(rep, achieved, quota) AS b, rep_attainment(rep::text, achieved, quota) AS t FROM ra_par;
RESET ALL;
SELECT p.b = s.b AND p.b::text = s.b::text AS bigint_parallel_equals_serial,
       p.t = s.t AND p.t::text = s.t::text AS text_parallel_equals_serial,
       reps(p.b) = 1900 AND reps(p.t) = 1900 AS reps, reps_at_quota(p.b) = 883 AND reps_at_quota(p.t) = 883 AS at_quota,
       total_achieved(p.b) = 8951518.63 AND total_achieved(p.t) = 8951518.63 AS total_achieved,
       total_quota(p.b) = 9411519 AS total_quota, quota_attainment(p.b) = 0.9511236847101939::float8 AS attainment,
       median_attainment(p.b) = 0.9528305749417443::float8 AS median,
       (SELECT count(*) FROM rep_attainment_table(p.b)) AS table_rows
FROM ra_par_parallel p, ra_par_serial s;

-- 7. Edges.  Empty input, only NULL reps, only rows with both amounts NULL:
--    NULL (and so every accessor).  Reps with deals and no quota anywhere: a
--    summary (its rows may meet their quota in a rollup), but attainment()
--    is NULL as attainment_by_rep's is, and so are its accessors.
SELECT (SELECT rep_attainment(1, 1, 1) FROM generate_series(1, 0)) IS NULL AS empty,
       (SELECT rep_attainment(rep, 1, 1) FROM (VALUES (NULL::bigint), (NULL)) v(rep)) IS NULL AS null_reps,
       (SELECT rep_attainment(rep, NULL::numeric, NULL::numeric) FROM (VALUES (1::bigint), (2)) v(rep)) IS NULL AS null_amounts,
       (SELECT rollup(r) FROM ra_cmp WHERE false) IS NULL AS empty_rollup,
       (SELECT rollup(r)::text FROM (SELECT r FROM ra_hand_s UNION ALL SELECT NULL) x) = (SELECT r::text FROM ra_hand_s)
       AS rollup_skips_null,
       reps(NULL::rep_attainment) IS NULL AS null_accessor;
SELECT r IS NOT NULL AS summary, attainment(r) IS NULL AS no_attainment, reps(r) IS NULL AS reps_null,
       quota_attainment(r) IS NULL AS attainment_null, pct_at_quota(r) IS NULL AS pct_null,
       pg_temp.table_mismatches(r, '[["1",150,null],["2",50,null]]') AS rows_differing,
       rollup(r) OVER ()::text = r::text AS rollup_alone,
       (SELECT rollup(x) FROM (SELECT r UNION ALL SELECT rep_attainment(1, NULL, 200)) y(x))
       = (SELECT rep_attainment(rep, a, q) FROM (VALUES (1, 150, 200), (2, 50, NULL)) w(rep, a, q))
       AS quota_arrives_later
FROM (SELECT rep_attainment(rep, achieved, NULL) AS r
      FROM (VALUES (1, 100), (1, 50), (2, 50)) v(rep, achieved)) x;
-- NaN achieved follows sum(numeric): rep 1 NaN + 5 = NaN over 10, a NaN
-- ratio that counts as at quota and sorts last; reps 2 (3/10) and 3
-- (12/10): at quota 2 of 3, median 6/5, totals NaN / 30.  Split apart (the
-- NaN row alone in one part), the rollup is the same.
CREATE TABLE ra_nan (part int, rep bigint, achieved numeric, quota numeric);
INSERT INTO ra_nan VALUES (1, 1, 'NaN', NULL), (2, 1, 5, NULL), (2, 1, NULL, 10), (1, 2, 3, 10), (2, 3, 12, 10);
SELECT reps(r) = 3 AS reps, reps_at_quota(r) = 2 AS at_quota, median_attainment(r) = 1.2::float8 AS median,
       total_achieved(r) = 'NaN' AS nan_total, total_quota(r) = 30 AS total_quota,
       quota_attainment(r) = 'NaN'::float8 AS nan_attainment,
       pg_temp.table_mismatches(r, '[["1","NaN",10],["2",3,10],["3",12,10]]') AS rows_differing,
       attainment(r) = (SELECT attainment_by_rep(rep, achieved, quota) FROM ra_nan) AS equals_attainment_by_rep,
       (SELECT rollup(s) FROM (SELECT rep_attainment(rep, achieved, quota) AS s FROM ra_nan GROUP BY part) p) = r
       AS rollup_equals_whole,
       (r::text)::rep_attainment = r AS text_round_trip
FROM (SELECT rep_attainment(rep, achieved, quota) AS r FROM ra_nan) x;
-- sums past 64 bits stay exact: rep 1 1e30 + 1 over 3; rep 2
-- 9223372036854775807 + 1 (= 2^63) over 2^63 - 1; rep 3 1e-21 / 2e-21.
-- totals 1000000000009223372036854775809.000000000000000000001 /
-- 9223372036854775810.000000000000000000002 = 108420217249.55045; at
-- quota 2 (reps 1, 2), at 10 x quota 1; median 2^63 / (2^63 - 1) -> 1.0
CREATE TABLE ra_huge (part int, rep bigint, achieved numeric, quota numeric);
INSERT INTO ra_huge VALUES (1, 1, 1e30, NULL), (2, 1, 1, NULL), (3, 1, NULL, 3),
    (1, 2, 9223372036854775807, NULL), (2, 2, 1, NULL), (1, 2, NULL, 9223372036854775807),
    (3, 3, 0.000000000000000000001, 0.000000000000000000002);
SELECT total_achieved(r) = 1000000000009223372036854775809.000000000000000000001 AS total_achieved,
       total_quota(r) = 9223372036854775810.000000000000000000002 AS total_quota,
       quota_attainment(r) = 108420217249.55045::float8 AS attainment, reps_at_quota(r) = 2 AS at_quota,
       reps_at_quota(r, 10) = 1 AS at_10, median_attainment(r) = 1.0::float8 AS median,
       pg_temp.table_mismatches(r, '[["1",1000000000000000000000000000001,3],
                                     ["2",9223372036854775808,9223372036854775807],
                                     ["3",0.000000000000000000001,0.000000000000000000002]]') AS rows_differing,
       attainment(r) = (SELECT attainment_by_rep(rep, achieved, quota) FROM ra_huge) AS equals_attainment_by_rep,
       (SELECT rollup(s) FROM (SELECT rep_attainment(rep, achieved, quota) AS s FROM ra_huge GROUP BY part) p)::text
       = r::text AS rollup_equals_whole,
       (r::text)::rep_attainment = r AND (r::text)::rep_attainment::text = r::text AS text_round_trip
FROM (SELECT rep_attainment(rep, achieved, quota) AS r FROM ra_huge) x;

-- 8. Errors: a negative, NaN quota (as in attainment()); a rollup mixing
--    key types; a bad threshold; malformed or impossible text forms.
SELECT rep_attainment(rep, achieved, quota) FROM (VALUES (1, 100, -1)) v(rep, achieved, quota);
SELECT rep_attainment(rep, achieved, quota) FROM (VALUES ('a'::text, 100, 'NaN'::numeric)) v(rep, achieved, quota);
SELECT rollup(r) FROM ra_cmp WHERE id IN (1, 5);
SELECT pct_at_quota(r, -0.1) FROM ra_hand_s;
SELECT 'v1 key=bigint reps={1:2/3,1:4/5}'::rep_attainment;
SELECT 'v1 key=text reps={"A":2/3,"A":4/5}'::rep_attainment;
SELECT 'v1 key=float reps={}'::rep_attainment;
SELECT 'v2 key=bigint reps={}'::rep_attainment;
SELECT 'v1 key=bigint reps={1:2/-3}'::rep_attainment;
SELECT 'v1 key=bigint reps={1:2/NaN}'::rep_attainment;
SELECT 'v1 key=bigint reps={x:1/2}'::rep_attainment;
SELECT 'v1 key=uuid reps={not-a-uuid:1/2}'::rep_attainment;
SELECT 'v1 key=bigint reps={1:1/2'::rep_attainment;
SELECT 'v1 key=text reps={"A:1/2}'::rep_attainment;
SELECT 'v1 key=bigint reps={1:1/2} trailing'::rep_attainment;

-- 9. Binary form: the send function's bytes are the stored form after its
--    length word, as documented: version 1, key type 'b', rep count 1
--    (network order), then the rep: flags 0x11 (has a quota; a 1-byte
--    zigzag key in the high nibble), lengths 0x11 (1-byte achieved and
--    quota), key zigzag(1) = 2, achieved zigzag(2) = 4, quota zigzag(3) = 6
--    (scales 0, the reader's start, so none written).  Stored values of
--    every key type survive binary COPY byte for byte; a hand-made value
--    with its reps out of key order reads back in key order; truncated,
--    future-version, duplicate-rep, negative-quota, unknown-key-type and
--    NUL-in-a-text-key values are errors.
SELECT rep_attainment_send('v1 key=bigint reps={1:2/3}') = '\x0162000000011111020406'::bytea AS send_format_as_documented;
CREATE TABLE ra_store (id int, r rep_attainment);
INSERT INTO ra_store SELECT 1, r FROM ra_hand_s UNION ALL SELECT 2, r FROM ra_text_s
UNION ALL SELECT 3, r FROM ra_uuid_s UNION ALL SELECT 4, r FROM ra_big_s
UNION ALL SELECT 5, rep_attainment(rep, achieved, quota) FROM ra_huge;
COPY ra_store TO '/tmp/salesops_rep_attainment_store.bin' (FORMAT binary);
CREATE TABLE ra_restored (LIKE ra_store);
COPY ra_restored FROM '/tmp/salesops_rep_attainment_store.bin' (FORMAT binary);
SELECT count(*) AS rows, count(*) FILTER (WHERE o.r::text = n.r::text AND o.r = n.r
                                          AND rep_attainment_send(o.r) = rep_attainment_send(n.r)) AS identical
FROM ra_store o JOIN ra_restored n USING (id);
CREATE FUNCTION pg_temp.binary_copy_file(field bytea) RETURNS bytea LANGUAGE sql AS $$
  SELECT '\x5047434f50590aff0d0a00'::bytea || '\x00000000'::bytea || '\x00000000'::bytea
         || '\x0001'::bytea || int4send(length(field)) || field || '\xffff'::bytea $$;
CREATE TABLE ra_one (r rep_attainment);
CREATE FUNCTION pg_temp.copy_in(field bytea) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lo_unlink(4243011) FROM pg_largeobject_metadata WHERE oid = 4243011;
  PERFORM lo_from_bytea(4243011, pg_temp.binary_copy_file(field));
  PERFORM lo_export(4243011, '/tmp/salesops_rep_attainment_one.bin');
  PERFORM lo_unlink(4243011);
  COPY ra_one FROM '/tmp/salesops_rep_attainment_one.bin' (FORMAT binary);
END $$;
\set SHOW_CONTEXT never
-- reps 2 (achieved 5, quota 6) then 1 (2 / 3): read back as 1 then 2
SELECT pg_temp.copy_in('\x0162000000021111040a0c1111020406'::bytea);
SELECT r::text = 'v1 key=bigint reps={1:2/3,2:5/6}' AS key_order FROM ra_one;
SELECT pg_temp.copy_in('\x016200000001111102'::bytea);                        -- truncated
SELECT pg_temp.copy_in('\x0262000000011111020406'::bytea);                    -- version 2
SELECT pg_temp.copy_in('\x01780000000111110204'::bytea);                      -- key type 'x'
SELECT pg_temp.copy_in('\x01620000000211110204061111020406'::bytea);          -- rep 1 twice
SELECT pg_temp.copy_in('\x0162000000011111020401'::bytea);                    -- quota zigzag 1 = -1
SELECT pg_temp.copy_in('\x016200000100111102040600'::bytea);                  -- count beyond the data
-- a text key with a NUL byte (found by the fuzzer: it was stored, and its
-- text form stopped at the NUL and did not read back)
SELECT pg_temp.copy_in('\x01740000000100010361006202'::bytea);                -- key 'a', NUL, 'b'
\set SHOW_CONTEXT errors
DROP TABLE ra_store, ra_restored, ra_one;

-- 10. As a window aggregate: the final function writes the stored form of
--     the same state again and again (running frame), and a sliding frame
--     recomputes (no inverse: a rep's quota flag cannot be taken back).
--     By hand, rows (day, rep, achieved, quota): (1, 1, -, 100), (2, 1, 50, -),
--     (3, 2, -, 10), (4, 2, 20, -), (5, 1, 60, -).  Running: reps 1 1 2 2 2,
--     at quota 0 0 0 1 2 (rep 1: 110 of 100 on day 5), achieved 0 50 50 70
--     130.  Two-row frames: day 1 {1: 0/100}; day 2 {1: 50/100}; day 3
--     {1: 50, no quota; 2: 0/10}: 1 rep, 0 achieved; day 4 {2: 20/10}: 1 at
--     quota; day 5 {2: 20, 1: 60, neither with a quota}: no rated rep, NULL.
CREATE TABLE ra_days (day int, rep bigint, achieved numeric, quota numeric);
INSERT INTO ra_days VALUES (1, 1, NULL, 100), (2, 1, 50, NULL), (3, 2, NULL, 10), (4, 2, 20, NULL), (5, 1, 60, NULL);
SELECT day, reps(r) AS running_reps, reps_at_quota(r) AS running_at_quota, total_achieved(r) AS running_achieved,
       reps(w) AS two_day_reps, reps_at_quota(w) AS two_day_at_quota, total_achieved(w) AS two_day_achieved
FROM (SELECT day, rep_attainment(rep, achieved, quota) OVER (ORDER BY day) AS r,
             rep_attainment(rep, achieved, quota) OVER (ORDER BY day ROWS 1 PRECEDING) AS w
      FROM ra_days) x
ORDER BY day;
DROP TABLE ra_days;

DROP VIEW ra_team_rows;
DROP TABLE ra_hand, ra_hand_s, ra_team_deals, ra_team_quotas, ra_team_shards, ra_big, ra_big_s, ra_big_parts,
    ra_text, ra_text_s, ra_uuid, ra_uuid_s, ra_cmp, ra_par, ra_nan, ra_huge;
