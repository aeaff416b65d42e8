-- attainment_by_rep(rep, achieved, quota): raw deal and quota rows, summed
-- per rep first, into an attainment summary.
--
-- How the expected values were checked:
-- * The quota report is the worked example of doc/quota-attainment.md,
--   worked out by hand there (East FY2025 Q1: 225,000 / 200,000 = 112.5 %,
--   1 of 2 at quota, median (110 + 95) / 2 = 102.5 %; ...); here it comes
--   from the raw rows, with no GROUP BY per rep and no LEFT JOIN.
-- * Every small case is worked out in the comment beside it; the wide and
--   past-2^63 totals and the ratio (1e20 + 1) / 1e-20 were re-checked with
--   Python's fractions (= 10000000000000000000100000000000000000000).
-- * The FY2024 Q4 row of the report is NULL by design: that quarter has a
--   deal (Ana's of 31 January) and no quota row, so no rep is rated.
-- * Larger sets are compared, as text (the canonical form: every stored
--   field), with attainment() over the pre-aggregated LEFT JOIN that
--   doc/quota-attainment.md teaches (sum() per rep and period, COALESCE),
--   serial, parallel and sorted, including reps whose sums leave 64 bits.
-- * Text and uuid keys (0.7.0): the worked report again, keyed by text ids,
--   must show the figures above; every group's summary with text or uuid
--   keys equals, as text, the bigint one over the same reps (relabelling
--   reps changes nothing); the many-group set is checked against
--   attainment() over the LEFT JOIN grouped on the text id itself.
-- * The compact serialized state (0.7.0): 3,002 reps in every encoding
--   (key lengths, scales, NaN, wide and past-2^63 sums), under the three key
--   types, serial and parallel, against core's count() and sum() and
--   attainment() over core's per-rep sum(), all computed in the same query;
--   its size against what the transition charges each rep (the 1 GB limit
--   itself takes tens of millions of reps, beyond a regression test).

CREATE TABLE byrep_quotas (rep_id int, quarter date, quota numeric);
INSERT INTO byrep_quotas VALUES
    (1, '2024-02-01', 100000), (2, '2024-02-01', 100000), (3, '2024-02-01', 0),
    (4, '2024-02-01', 120000), (5, '2024-02-01', 100000),
    (1, '2024-05-01', 100000), (2, '2024-05-01', 100000), (3, '2024-05-01', 50000),
    (4, '2024-05-01', 120000), (5, '2024-05-01', 100000);
CREATE TABLE byrep_deals (rep_id int, closed_at date, amount numeric);
INSERT INTO byrep_deals VALUES
    (1, '2024-01-31', 40000), (1, '2024-02-15', 60000), (1, '2024-04-30', 50000), (1, '2024-05-02', 30000),
    (2, '2024-03-10', 95000), (2, '2024-06-30', 120000),
    (3, '2024-04-01', 20000), (3, '2024-07-15', 45000),
    (4, '2024-02-01', 130000), (4, '2024-05-20', -10000), (4, '2024-06-01', 90000),
    (6, '2024-03-03', 70000);
CREATE TABLE byrep_reps (rep_id int, team text);
INSERT INTO byrep_reps VALUES (1, 'East'), (2, 'East'), (3, 'East'), (4, 'West'), (5, 'West'), (6, 'West');

-- the worked quota report from the raw rows: the figures of the documented
-- LEFT JOIN version (East Q1 112.5 / 50.0 / 102.5, East Q2 78.0 / 33.3 /
-- 90.0, West Q1 59.1 / 50.0 / 54.2, West Q2 36.4 / 0.0 / 33.3); Eli (rep 5)
-- has a quota and no deal and counts as 0 %, Fay (rep 6) has no quota and is
-- in no figure, Ana's deal of 31 January is in FY2024 Q4, which has no quota
SELECT team, fiscal_quarter_label(quarter, 2) AS quarter, reps(s), reps_at_quota(s) AS at_quota,
       round(100 * quota_attainment(s)::numeric, 1) AS "attainment %",
       round(100 * pct_at_quota(s)::numeric, 1) AS "% at quota",
       round(100 * median_attainment(s)::numeric, 1) AS "median %"
FROM (SELECT team, quarter, attainment_by_rep(rep_id, achieved, quota) AS s
      FROM (SELECT rep_id, fiscal_quarter(closed_at, 2) AS quarter, amount AS achieved, NULL AS quota
            FROM byrep_deals
            UNION ALL
            SELECT rep_id, quarter, NULL, quota FROM byrep_quotas) AS r
      JOIN byrep_reps USING (rep_id)
      GROUP BY team, quarter) AS x
ORDER BY team, x.quarter;

-- quotas given per month are summed per rep, and so are the deals: rep 1
-- 120000 / (30000 + 30000 + 40000) = 6/5; rep 2 has no deal: 0 / 50000 = 0;
-- rep 3 has deals and no quota: left out.  Totals 120000 / 150000 = 0.8.
SELECT attainment_by_rep(rep, achieved, quota) AS s
FROM (VALUES (1, 50000, NULL), (1, NULL, 30000), (1, 70000, NULL), (1, NULL, 30000), (1, NULL, 40000),
             (2, NULL, 50000), (3, 99000, NULL)) AS v(rep, achieved, quota);
-- a row may carry both amounts; a quota of 0 is a ramping rep (zero_quotas);
-- negative achieved is valid: rep 1 (-5000 + 2500) / 10000 = -1/4, rep 2 0/0
SELECT attainment_by_rep(rep, achieved, quota) AS s
FROM (VALUES (1, -5000, 10000), (1, 2500, NULL), (2, 7000, 0)) AS v(rep, achieved, quota);
-- NULL rep or both amounts NULL: the row is skipped; nothing left, or no
-- rep with a quota, or no rows at all: NULL
SELECT attainment_by_rep(rep, achieved, quota) IS NULL AS no_summary
FROM (VALUES (NULL::int, 100, 100), (1, NULL, NULL)) AS v(rep, achieved, quota);
SELECT attainment_by_rep(rep, achieved, quota) IS NULL AS no_summary
FROM (VALUES (1, 100, NULL::numeric), (2, 50, NULL)) AS v(rep, achieved, quota);
SELECT attainment_by_rep(1, 1, 1) IS NULL AS no_summary FROM generate_series(1, 0);
-- every accessor reads it; the display scale follows sum(): 0.5 + 1 + 0.25 = 1.75
SELECT quota_attainment(s), pct_at_quota(s), reps(s), total_achieved(s), total_quota(s)
FROM (SELECT attainment_by_rep(rep, achieved, quota) AS s
      FROM (VALUES (7, 0.5, NULL), (7, 1, 2), (7, 0.25, NULL)) AS v(rep, achieved, quota)) x;  -- 1.75 / 2 = 0.875, 0 of 1
-- bigint rep keys over the whole range, int keys too
SELECT reps(attainment_by_rep(rep, 1, 1)) AS reps
FROM (VALUES (-9223372036854775808), (9223372036854775807), (0), (-1), (0)) AS v(rep);   -- 4 distinct reps
-- a negative, NaN or infinite quota is an error, as in attainment()
SELECT attainment_by_rep(1, 100, -1);
SELECT attainment_by_rep(1, 100, 'NaN'::numeric);

-- sums that leave 64 bits move to exact numeric sums and stay exact:
-- 11 x 900000000000000000 = 9900000000000000000 (> 2^63 - 1 = 9223372036854775807);
-- quota 3 x 9e17 = 2.7e18: ratio 11/3
SELECT total_achieved(s), total_quota(s), s
FROM (SELECT attainment_by_rep(1, achieved, quota) AS s
      FROM (SELECT 900000000000000000::numeric AS achieved, CASE WHEN i <= 3 THEN 900000000000000000 END AS quota
            FROM generate_series(1, 11) i) v) x;
-- 19-digit and NaN achieved, and a wide quota: total 1e20 + 1 + 10 = 100000000000000000011 against
-- 1e-20 + 5 (two reps, ratios (1e20 + 1) / 1e-20 = 1e40 + 1e20 and 10/5 = 2); then NaN makes rep 3's
-- ratio NaN and the total NaN, rep 1 is 10/5 = 2, total quota 5 + 4 = 9
SELECT s FROM (SELECT attainment_by_rep(rep, achieved, quota) AS s
               FROM (VALUES (1, 100000000000000000000, NULL), (1, 1, NULL), (1, NULL, 0.00000000000000000001),
                            (2, 10, 5)) AS v(rep, achieved, quota)) x;
SELECT s FROM (SELECT attainment_by_rep(rep, achieved, quota) AS s
               FROM (VALUES (1, 10, 5), (3, 'NaN'::numeric, NULL), (3, NULL, 4)) AS v(rep, achieved, quota)) x;

-- many reps and quarters, serial, parallel and sorted: equal (as text) to
-- attainment() over the pre-aggregated LEFT JOIN from the quotas.  Reps
-- 1-250 have quotas in quarters 0-7 (0 for some), reps 251-300 never
-- have one (nor do reps <= 0); some deals have NULL amounts, some are
-- credit notes, some are 19 digits wide, and rep 42's deals of quarter 3
-- sum past 2^63 units (6e17 each, about 22 of them): the exact numeric
-- path, met in transition, combine and serialization.
CREATE TABLE byrep_many_deals AS
SELECT 1 + hashint4(i) % 150 + 150 AS rep, abs(hashint4(i * 3)) % 9 AS quarter,
       CASE WHEN i % 53 = 0 THEN NULL
            WHEN i % 29 = 0 THEN -round(((hashint4(i * 5) & 4095) * 1.5)::numeric, 2)
            WHEN i % 1000 = 17 THEN 900000000000000000.5
            ELSE round(((hashint4(i * 7) & 65535) * 1.37)::numeric, 2) END AS amount
FROM generate_series(1, 60000) i;
UPDATE byrep_many_deals SET rep = rep - 150 WHERE quarter % 2 = 0;
UPDATE byrep_many_deals SET rep = 42, amount = 600000000000000000 WHERE rep = 171 AND quarter = 3;
CREATE TABLE byrep_many_quotas AS
SELECT rep, quarter, CASE WHEN (rep + quarter) % 23 = 0 THEN 0 ELSE 50000 + 1000 * (rep % 9) END::numeric AS quota
FROM generate_series(1, 250) rep, generate_series(0, 7) quarter;
ANALYZE byrep_many_deals;
ANALYZE byrep_many_quotas;
CREATE TEMP TABLE byrep_join AS
SELECT q.quarter, attainment(coalesce(d.achieved, 0), q.quota) AS s
FROM byrep_many_quotas q
LEFT JOIN (SELECT rep, quarter, sum(amount) AS achieved FROM byrep_many_deals GROUP BY rep, quarter) d
       USING (rep, quarter)
GROUP BY q.quarter;
CREATE VIEW byrep_rows AS
SELECT rep, quarter, amount AS achieved, NULL::numeric AS quota FROM byrep_many_deals
UNION ALL
SELECT rep, quarter, NULL, quota FROM byrep_many_quotas;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE byrep_serial AS
SELECT quarter, attainment_by_rep(rep, achieved, quota) AS s FROM byrep_rows GROUP BY quarter;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT quarter, attainment_by_rep(rep, achieved, quota) FROM byrep_rows GROUP BY quarter;
CREATE TEMP TABLE byrep_parallel AS
SELECT quarter, attainment_by_rep(rep, achieved, quota) AS s FROM byrep_rows GROUP BY quarter;
-- one group: every worker's state of every rep is serialized and combined
CREATE TEMP TABLE byrep_parallel_all AS SELECT attainment_by_rep(rep, achieved, quota) AS s FROM byrep_rows;
SET enable_hashagg = off;
CREATE TEMP TABLE byrep_sorted AS
SELECT quarter, attainment_by_rep(rep, achieved, quota) AS s FROM byrep_rows GROUP BY quarter;
RESET ALL;
-- 8 quarters with quotas (quarter 8 has deals and no quota: NULL, and no join row)
SELECT count(*) AS quarters,
       count(*) FILTER (WHERE j.s::text = s.s::text) AS serial_equals_join,
       count(*) FILTER (WHERE j.s::text = p.s::text) AS parallel_equals_join,
       count(*) FILTER (WHERE j.s::text = o.s::text) AS sorted_equals_join
FROM byrep_join j JOIN byrep_serial s USING (quarter) JOIN byrep_parallel p USING (quarter)
JOIN byrep_sorted o USING (quarter);
SELECT quarter, s IS NULL AS no_quota FROM byrep_serial WHERE quarter NOT IN (SELECT quarter FROM byrep_join);
-- the sums that left 64 bits are there: rep 42's quarter 3
SELECT total_achieved(s) = (SELECT sum(amount) FROM byrep_many_deals d
                            WHERE quarter = 3 AND EXISTS (SELECT FROM byrep_many_quotas q
                                                           WHERE q.rep = d.rep AND q.quarter = 3)) AS exact_total,
       total_achieved(s) > 9223372036854775807 AS past_int64
FROM byrep_serial WHERE quarter = 3;
-- over all quarters, a rep is one row: its quotas and deals of every quarter summed
SELECT p.s::text = (SELECT attainment(coalesce(d.achieved, 0), q.quota)
                    FROM (SELECT rep, sum(quota) AS quota FROM byrep_many_quotas GROUP BY rep) q
                    LEFT JOIN (SELECT rep, sum(amount) AS achieved FROM byrep_many_deals GROUP BY rep) d USING (rep))::text
       AS one_group_parallel_equals_join
FROM byrep_parallel_all p;
-- rollup of per-quarter summaries = the summary of the rep-quarter rows
SELECT rollup(s)::text = (SELECT attainment(coalesce(d.achieved, 0), q.quota)
                          FROM byrep_many_quotas q
                          LEFT JOIN (SELECT rep, quarter, sum(amount) AS achieved FROM byrep_many_deals
                                     GROUP BY rep, quarter) d USING (rep, quarter))::text AS rollup_equals_rep_quarters
FROM byrep_serial;

-- text and uuid rep keys (0.7.0).  The same worked report with the reps
-- keyed as a CRM export has them: 18-char Salesforce-style ids, two of
-- which differ only in case (two reps: text keys are equal when their bytes
-- are), an owner name with spaces and non-ASCII letters, an empty string
-- (a key like any other) and a name with a quote.  The figures must be
-- those of the bigint report above (East Q1 112.5 / 50.0 / 102.5, East Q2
-- 78.0 / 33.3 / 90.0, West Q1 59.1 / 50.0 / 54.2, West Q2 36.4 / 0.0 /
-- 33.3), since the result does not depend on how reps are named.
CREATE TABLE byrep_ids (rep_id int, sf_id text, rep_uuid uuid);
INSERT INTO byrep_ids VALUES
    (1, '0055g00000A1b2CAAQ', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'),
    (2, '0055g00000A1b2cAAQ', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12'),
    (3, 'José Ñúñez Østergård', '00000000-0000-0000-0000-000000000000'),
    (4, '', 'ffffffff-ffff-ffff-ffff-ffffffffffff'),
    (5, 'Zoë Müller', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a15'),
    (6, 'Fay O''Brien', '018f3c1e-7b2a-7c3d-8e4f-0123456789ab');
SELECT team, fiscal_quarter_label(quarter, 2) AS quarter, reps(s), reps_at_quota(s) AS at_quota,
       round(100 * quota_attainment(s)::numeric, 1) AS "attainment %",
       round(100 * pct_at_quota(s)::numeric, 1) AS "% at quota",
       round(100 * median_attainment(s)::numeric, 1) AS "median %"
FROM (SELECT team, quarter, attainment_by_rep(sf_id, achieved, quota) AS s
      FROM (SELECT rep_id, fiscal_quarter(closed_at, 2) AS quarter, amount AS achieved, NULL AS quota
            FROM byrep_deals
            UNION ALL
            SELECT rep_id, quarter, NULL, quota FROM byrep_quotas) AS r
      JOIN byrep_reps USING (rep_id) JOIN byrep_ids USING (rep_id)
      GROUP BY team, quarter) AS x
ORDER BY team, x.quarter;
-- each group's summary, as text, equals the bigint one (text, then uuid keys)
CREATE VIEW byrep_keyed AS
SELECT team, quarter, rep_id, sf_id, rep_uuid, achieved, quota
FROM (SELECT rep_id, fiscal_quarter(closed_at, 2) AS quarter, amount AS achieved, NULL::numeric AS quota
      FROM byrep_deals
      UNION ALL
      SELECT rep_id, quarter, NULL, quota FROM byrep_quotas) AS r
JOIN byrep_reps USING (rep_id) JOIN byrep_ids USING (rep_id);
SELECT count(*) AS groups,
       count(*) FILTER (WHERE by_text IS NOT DISTINCT FROM by_bigint) AS text_equals_bigint,
       count(*) FILTER (WHERE by_uuid IS NOT DISTINCT FROM by_bigint) AS uuid_equals_bigint
FROM (SELECT attainment_by_rep(rep_id, achieved, quota)::text AS by_bigint,
             attainment_by_rep(sf_id, achieved, quota)::text AS by_text,
             attainment_by_rep(rep_uuid, achieved, quota)::text AS by_uuid
      FROM byrep_keyed GROUP BY team, quarter) x;
-- keys differing only in case, or in a trailing space, are different reps;
-- the empty string is a rep; NULL keys are skipped (4 reps: 'A', 'a', 'a ', '')
SELECT reps(attainment_by_rep(rep, 1, 1)) AS reps
FROM (VALUES ('A'), ('a'), ('a '), (''), (NULL), ('a'), ('')) AS v(rep);
SELECT reps(attainment_by_rep(rep, 1, 1)) AS reps
FROM (VALUES ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid), (NULL),
             ('A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'), ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12')) AS v(rep);  -- 2 reps
-- the NULL rules of the bigint form: NULL key or both amounts NULL skipped,
-- no rep with a quota or no rows: NULL; a NaN quota is an error
SELECT attainment_by_rep(rep, achieved, quota) IS NULL AS no_summary
FROM (VALUES (NULL::text, 100, 100), ('x', NULL, NULL), ('y', 5, NULL)) AS v(rep, achieved, quota);
SELECT attainment_by_rep(rep, achieved, quota) IS NULL AS no_summary
FROM (VALUES (NULL::uuid, 100, 100), ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', NULL, NULL)) AS v(rep, achieved, quota);
SELECT attainment_by_rep('x'::text, 1, 1) IS NULL AS no_summary FROM generate_series(1, 0);
SELECT attainment_by_rep('x'::text, 100, 'NaN'::numeric);
SELECT attainment_by_rep('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, 100, -1);
-- long keys, stored compressed or out of line, are read whole: two keys of
-- 100000 characters that differ in their last one are two reps; each
-- repeated is one.  rep 1: (1 + 2) / 4, rep 2: 5 / 10: ratios 3/4 and 1/2
CREATE TABLE byrep_long (rep text, achieved numeric, quota numeric);
INSERT INTO byrep_long VALUES
    (repeat('x', 99999) || '1', 1, NULL), (repeat('x', 99999) || '2', 5, 10),
    (repeat('x', 99999) || '1', 2, 4);
SELECT attainment_by_rep(rep, achieved, quota) AS s FROM byrep_long;
-- the same through a parallel worker: the long keys are serialized whole
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT attainment_by_rep(rep, achieved, quota) FROM byrep_long;
SELECT attainment_by_rep(rep, achieved, quota) AS s FROM byrep_long;
RESET ALL;
DROP TABLE byrep_long;

-- many groups, text and uuid keys: 20,000 deals over 2,000 reps in 10
-- quarters (reps 1801-2000 never have a quota), serial, parallel and
-- sorted, equal as text to attainment() over the pre-aggregated LEFT JOIN
-- (the plain SQL of doc/quota-attainment.md, grouped on the text id), and
-- to the bigint form over the same reps.  The text ids are 18 characters
-- (Salesforce-like), some differing from another only in case.
CREATE TABLE byrep_key_ids AS
SELECT rep, CASE WHEN rep % 7 = 0 THEN upper(id) ELSE id END AS sf_id,
       md5('uuid' || rep)::uuid AS rep_uuid
FROM (SELECT rep, '0055g' || substr(md5(rep::text), 1, 13) AS id FROM generate_series(1, 2000) rep) x;
-- reps 7 and 8 share an id but for the case
UPDATE byrep_key_ids SET sf_id = lower((SELECT sf_id FROM byrep_key_ids WHERE rep = 7)) WHERE rep = 8;
CREATE TABLE byrep_key_deals AS
SELECT 1 + abs(hashint4(i)) % 2000 AS rep, abs(hashint4(i * 3)) % 10 AS quarter,
       CASE WHEN i % 97 = 0 THEN NULL
            WHEN i % 31 = 0 THEN -round(((hashint4(i * 5) & 4095) * 1.5)::numeric, 2)
            ELSE round(((hashint4(i * 7) & 65535) * 1.37)::numeric, 2) END AS amount
FROM generate_series(1, 20000) i;
CREATE TABLE byrep_key_quotas AS
SELECT rep, quarter, CASE WHEN (rep + quarter) % 23 = 0 THEN 0 ELSE 50000 + 1000 * (rep % 9) END::numeric AS quota
FROM generate_series(1, 1800) rep, generate_series(0, 9) quarter;
ANALYZE byrep_key_ids;
ANALYZE byrep_key_deals;
ANALYZE byrep_key_quotas;
SELECT count(DISTINCT sf_id) AS text_ids, count(DISTINCT lower(sf_id)) AS ids_ignoring_case,
       count(DISTINCT rep_uuid) AS uuids, min(length(sf_id)) AS min_len, max(length(sf_id)) AS max_len
FROM byrep_key_ids;
CREATE TEMP TABLE byrep_key_join AS
SELECT q.quarter, attainment(coalesce(d.achieved, 0), q.quota) AS s
FROM (SELECT sf_id, quarter, sum(quota) AS quota FROM byrep_key_quotas JOIN byrep_key_ids USING (rep)
      GROUP BY sf_id, quarter) q
LEFT JOIN (SELECT sf_id, quarter, sum(amount) AS achieved FROM byrep_key_deals JOIN byrep_key_ids USING (rep)
           GROUP BY sf_id, quarter) d
       USING (sf_id, quarter)
GROUP BY q.quarter;
CREATE VIEW byrep_key_rows AS
SELECT rep, quarter, amount AS achieved, NULL::numeric AS quota FROM byrep_key_deals
UNION ALL
SELECT rep, quarter, NULL, quota FROM byrep_key_quotas;
CREATE VIEW byrep_key_rows_ids AS
SELECT rep, sf_id, rep_uuid, quarter, achieved, quota FROM byrep_key_rows JOIN byrep_key_ids USING (rep);
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE byrep_key_serial AS
SELECT quarter, attainment_by_rep(rep, achieved, quota) AS b, attainment_by_rep(sf_id, achieved, quota) AS t,
       attainment_by_rep(rep_uuid, achieved, quota) AS u
FROM byrep_key_rows_ids GROUP BY quarter;
-- the ids as they come in the rows themselves (no join): parallel plans
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
CREATE TABLE byrep_key_flat AS SELECT * FROM byrep_key_rows_ids;
ANALYZE byrep_key_flat;
EXPLAIN (COSTS OFF) SELECT quarter, attainment_by_rep(sf_id, achieved, quota) FROM byrep_key_flat GROUP BY quarter;
EXPLAIN (COSTS OFF) SELECT quarter, attainment_by_rep(rep_uuid, achieved, quota) FROM byrep_key_flat GROUP BY quarter;
CREATE TEMP TABLE byrep_key_parallel AS
SELECT quarter, attainment_by_rep(sf_id, achieved, quota) AS t FROM byrep_key_flat GROUP BY quarter;
CREATE TEMP TABLE byrep_key_parallel_u AS
SELECT quarter, attainment_by_rep(rep_uuid, achieved, quota) AS u FROM byrep_key_flat GROUP BY quarter;
-- one group: every worker's state of every rep is serialized and combined
CREATE TEMP TABLE byrep_key_parallel_all AS
SELECT attainment_by_rep(sf_id, achieved, quota) AS t, attainment_by_rep(rep_uuid, achieved, quota) AS u
FROM byrep_key_flat;
SET enable_hashagg = off;
CREATE TEMP TABLE byrep_key_sorted AS
SELECT quarter, attainment_by_rep(sf_id, achieved, quota) AS t, attainment_by_rep(rep_uuid, achieved, quota) AS u
FROM byrep_key_flat GROUP BY quarter;
RESET ALL;
-- 10 quarters, all equal: ids that differ only in case (reps 7 and 8) are
-- two reps, so the text form also equals the bigint form group by group
SELECT count(*) AS quarters,
       count(*) FILTER (WHERE j.s::text = s.t::text) AS text_serial_equals_join,
       count(*) FILTER (WHERE j.s::text = p.t::text) AS text_parallel_equals_join,
       count(*) FILTER (WHERE j.s::text = o.t::text) AS text_sorted_equals_join,
       count(*) FILTER (WHERE s.b::text = s.u::text) AS uuid_serial_equals_bigint,
       count(*) FILTER (WHERE s.b::text = pu.u::text) AS uuid_parallel_equals_bigint,
       count(*) FILTER (WHERE s.b::text = o.u::text) AS uuid_sorted_equals_bigint,
       count(*) FILTER (WHERE s.b::text = s.t::text) AS text_equals_bigint
FROM byrep_key_join j JOIN byrep_key_serial s USING (quarter) JOIN byrep_key_parallel p USING (quarter)
JOIN byrep_key_parallel_u pu USING (quarter) JOIN byrep_key_sorted o USING (quarter);
-- 1800 reps x 10 quarters with a quota, less the 780 with (rep + quarter) % 23 = 0,
-- whose quota is 0 (zero_quotas, not in reps): 17220
SELECT sum(reps(s)) AS rated_rep_quarters FROM byrep_key_join;
SELECT p.t::text = (SELECT attainment(coalesce(d.achieved, 0), q.quota)
                    FROM (SELECT sf_id, sum(quota) AS quota FROM byrep_key_quotas JOIN byrep_key_ids USING (rep)
                          GROUP BY sf_id) q
                    LEFT JOIN (SELECT sf_id, sum(amount) AS achieved FROM byrep_key_deals
                               JOIN byrep_key_ids USING (rep) GROUP BY sf_id) d USING (sf_id))::text
       AS text_one_group_parallel_equals_join,
       p.u::text = (SELECT attainment_by_rep(rep, achieved, quota) FROM byrep_key_rows)::text
       AS uuid_one_group_parallel_equals_bigint
FROM byrep_key_parallel_all p;

DROP VIEW byrep_keyed, byrep_key_rows_ids, byrep_key_rows;
DROP TABLE byrep_ids, byrep_key_ids, byrep_key_deals, byrep_key_quotas, byrep_key_flat;

DROP VIEW byrep_rows;
DROP TABLE byrep_quotas, byrep_deals, byrep_reps, byrep_many_deals, byrep_many_quotas;

-- The serialized state a parallel worker passes on (compact in 0.7.0:
-- variable-length keys and sums, a scale byte only when it changes, exact
-- numeric text for the sums that leave 64 bits).  3,002 reps under every
-- key type and encoding: bigint keys of every length (0 to 8 bytes, 0, the
-- ends of the range), an empty text key, one of 390 bytes (a 2-byte
-- length) and non-ASCII ones; sums at scales 0, 2, 3 and 18, credit notes,
-- reps without a quota and with quota 0; NaN amounts in group 1, 21- and
-- 22-digit amounts and quotas in group 2, sums past 2^63 units and
-- 19-digit amounts in group 3.  Serial and forced-parallel plans, for each
-- key type, must equal attainment() over the per-rep sums of core's sum(),
-- and their figures core's count() and sum() (group -1: all rows, one group).
CREATE TABLE byrep_wire_reps AS
SELECT r, CASE r % 5 WHEN 0 THEN r - 1500
                     WHEN 1 THEN r::bigint * 1000003
                     WHEN 2 THEN -r::bigint * 1000000000007
                     WHEN 3 THEN r::bigint * 3074457345618258
                     ELSE -r::bigint * 3074457345618258 END AS rep,
       CASE WHEN r = 2997 THEN '' WHEN r = 2998 THEN repeat('Zoë Müller ', 30)
            ELSE '0055g' || substr(md5(r::text), 1, 13) END AS sf_id,
       md5('uuid' || r)::uuid AS rep_uuid
FROM generate_series(1, 3000) r
UNION ALL VALUES (3001, -9223372036854775808, 'A', 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid),
                 (3002, 9223372036854775807, 'a', '00000000-0000-0000-0000-000000000000');
CREATE TABLE byrep_wire_rows (r int, g int, achieved numeric, quota numeric);
-- quotas: none for reps r % 10 = 0, some 0, at scales 0 and 2; 22 digits in group 2
INSERT INTO byrep_wire_rows
SELECT r, g, NULL, CASE WHEN (r + g) % 17 = 0 THEN 0
                        WHEN g = 2 AND r % 100 = 1 THEN 1234567890123456789012.5
                        WHEN r % 3 = 0 THEN 50000.00
                        ELSE 40000 + r % 7 * 1000 END
FROM generate_series(1, 3002) r, generate_series(0, 3) g WHERE r % 10 <> 0;
INSERT INTO byrep_wire_rows
SELECT 1 + abs(hashint4(i)) % 3002, abs(hashint4(i * 3)) % 4,
       CASE WHEN i % 53 = 0 THEN NULL
            WHEN i % 997 = 0 THEN 0.000000000000000001
            WHEN i % 29 = 0 THEN -round(((hashint4(i * 5) & 4095) * 1.5)::numeric, 2)
            WHEN i % 13 = 0 THEN round(((hashint4(i * 7) & 65535) * 1.37)::numeric, 3)
            WHEN i % 11 = 0 THEN (hashint4(i * 5) & 4095)::numeric
            ELSE round(((hashint4(i * 7) & 65535) * 1.37)::numeric, 2) END, NULL
FROM generate_series(1, 40000) i;
UPDATE byrep_wire_rows SET achieved = 'NaN' WHERE g = 1 AND achieved IS NOT NULL AND r % 250 = 7;
UPDATE byrep_wire_rows SET achieved = 100000000000000000000.25 WHERE g = 2 AND achieved IS NOT NULL AND r % 150 = 5;
INSERT INTO byrep_wire_rows SELECT r, 3, 900000000000000000, NULL FROM generate_series(3, 3002, 50) r, generate_series(1, 12);
INSERT INTO byrep_wire_rows SELECT r, 3, 900000000000000000.5, NULL FROM generate_series(4, 3002, 50) r, generate_series(1, 5);
CREATE TABLE byrep_wire AS
SELECT g, r, rep, sf_id, rep_uuid, achieved, quota FROM byrep_wire_rows JOIN byrep_wire_reps USING (r);
ANALYZE byrep_wire;
SELECT count(DISTINCT r) AS reps, count(DISTINCT rep) AS bigint_keys, count(DISTINCT sf_id) AS text_keys,
       count(DISTINCT rep_uuid) AS uuid_keys, count(DISTINCT octet_length(sf_id)) AS text_key_lengths
FROM byrep_wire;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE byrep_wire_serial AS
SELECT g, attainment_by_rep(rep, achieved, quota) AS b, attainment_by_rep(sf_id, achieved, quota) AS t,
       attainment_by_rep(rep_uuid, achieved, quota) AS u
FROM byrep_wire GROUP BY g
UNION ALL
SELECT -1, attainment_by_rep(rep, achieved, quota), attainment_by_rep(sf_id, achieved, quota),
       attainment_by_rep(rep_uuid, achieved, quota)
FROM byrep_wire;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT g, attainment_by_rep(rep, achieved, quota) AS b, attainment_by_rep(sf_id, achieved, quota) AS t,
       attainment_by_rep(rep_uuid, achieved, quota) AS u
FROM byrep_wire GROUP BY g
UNION ALL
SELECT -1, attainment_by_rep(rep, achieved, quota), attainment_by_rep(sf_id, achieved, quota),
       attainment_by_rep(rep_uuid, achieved, quota)
FROM byrep_wire;
CREATE TEMP TABLE byrep_wire_parallel AS
SELECT g, attainment_by_rep(rep, achieved, quota) AS b, attainment_by_rep(sf_id, achieved, quota) AS t,
       attainment_by_rep(rep_uuid, achieved, quota) AS u
FROM byrep_wire GROUP BY g
UNION ALL
SELECT -1, attainment_by_rep(rep, achieved, quota), attainment_by_rep(sf_id, achieved, quota),
       attainment_by_rep(rep_uuid, achieved, quota)
FROM byrep_wire;
RESET ALL;
-- per group: the reps with a quota > 0 (core's count()), how many of them
-- are at quota and how many have quota 0, the totals (core's sum()), and
-- how many of the six summaries (3 key types, serial and parallel) equal
-- them, and equal attainment() over the per-rep sums
CREATE TEMP TABLE byrep_wire_expected AS
WITH per_rep AS (SELECT g, r, sum(achieved) AS achieved, sum(quota) AS quota FROM byrep_wire GROUP BY g, r
                 UNION ALL
                 SELECT -1, r, sum(achieved), sum(quota) FROM byrep_wire GROUP BY r)
SELECT g, attainment(coalesce(achieved, 0), quota) AS s,
       count(*) FILTER (WHERE quota > 0) AS reps, count(*) FILTER (WHERE quota = 0) AS zero_quotas,
       count(*) FILTER (WHERE quota > 0 AND coalesce(achieved, 0) >= quota) AS at_quota,
       sum(coalesce(achieved, 0)) AS total_achieved, sum(quota) AS total_quota
FROM per_rep WHERE quota IS NOT NULL GROUP BY g;
SELECT e.g, e.reps, e.zero_quotas, e.total_achieved = 'NaN' AS nan_total,
       e.total_achieved <> 'NaN' AND e.total_achieved > 9223372036854775807 AS total_past_int64,
       e.total_quota > 9223372036854775807 AS quota_past_int64,
       count(*) FILTER (WHERE x.s::text = e.s::text) AS equal_to_join,
       count(*) FILTER (WHERE reps(x.s) = e.reps AND zero_quotas(x.s) = e.zero_quotas
                        AND reps_at_quota(x.s) = e.at_quota
                        AND total_achieved(x.s)::text = e.total_achieved::text
                        AND total_quota(x.s)::text = e.total_quota::text) AS equal_to_sums
FROM byrep_wire_expected e
JOIN (SELECT g, b AS s FROM byrep_wire_serial UNION ALL SELECT g, t FROM byrep_wire_serial
      UNION ALL SELECT g, u FROM byrep_wire_serial UNION ALL SELECT g, b FROM byrep_wire_parallel
      UNION ALL SELECT g, t FROM byrep_wire_parallel UNION ALL SELECT g, u FROM byrep_wire_parallel) x USING (g)
GROUP BY e.g, e.reps, e.zero_quotas, e.total_achieved, e.total_quota
ORDER BY e.g;
-- The state itself (since 0.7.0 the rep_attainment a parallel worker
-- passes on), its binary form's bytes over the groups of money only (no
-- sum leaves 64 bits): no larger than what the transition charges each rep
-- against the 1 GB limit (28 bytes with a bigint key, 36 with a uuid, 21
-- plus the key's bytes and one more for a text key of 128 bytes or more,
-- after 11 bytes of header), and far below the former format's 99, 113
-- and 107 bytes per rep.
WITH money AS (SELECT * FROM byrep_wire WHERE g = 0 AND achieved IS DISTINCT FROM 0.000000000000000001)
SELECT reps, b <= 11 + 28 * reps AS bigint_within_charge, t <= 11 + text_charge AS text_within_charge,
       u <= 11 + 36 * reps AS uuid_within_charge,
       b < 16 * reps AS bigint_under_16, t < 30 * reps AS text_under_30, u < 27 * reps AS uuid_under_27
FROM (SELECT count(*) AS reps, sum(21 + octet_length(sf_id) + (octet_length(sf_id) >= 128)::int) AS text_charge
      FROM (SELECT DISTINCT r, sf_id FROM money) k) c,
     (SELECT length(rep_attainment_send(rep_attainment(rep, achieved, quota))) AS b,
             length(rep_attainment_send(rep_attainment(sf_id, achieved, quota))) AS t,
             length(rep_attainment_send(rep_attainment(rep_uuid, achieved, quota))) AS u
      FROM money) l;
DROP TABLE byrep_wire_reps, byrep_wire_rows, byrep_wire;
