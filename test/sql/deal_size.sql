-- Deal size in one step (0.7.0, issue 14): avg_deal_size(won, amount) and
-- median_deal_size(won, amount), numeric (and smallint, integer, bigint)
-- and float8 amounts, serial, parallel and over moving windows.
--
-- How checked: the small example is worked out by hand beside the query;
-- over generated rows every group is compared with core's own formulations
-- in the same query, which share no code with salesops: avg(amount)
-- FILTER (WHERE won) (as text, so the display scale must agree too),
-- percentile_cont(0.5) for float8 amounts (bit for bit), and for numeric
-- amounts the exact median written with row_number() over the sorted won
-- amounts ((a + b) * 0.5 of the two middle ones, or the middle one).

-- 1. By hand: won amounts 100.00, 250, 40.5, 1000 (the NULL amount, the
--    lost and the open rows are skipped).  Average 1390.50 / 4 = 347.625
--    (printed as avg() prints it); sorted 40.5, 100.00, 250, 1000: median
--    (100.00 + 250) x 0.5 = 175.000.  As float8, percentile_cont gives 175.
CREATE TABLE ds_deals (won boolean, amount numeric);
INSERT INTO ds_deals VALUES (true, 100.00), (true, 250), (false, 999), (NULL, 5), (true, NULL),
                            (true, 40.5), (true, 1000);
SELECT avg_deal_size(won, amount), median_deal_size(won, amount),
       median_deal_size(won, amount::float8) AS median_float8,
       avg_deal_size(won, amount::float8) AS avg_float8
FROM ds_deals;
-- an odd count: the middle amount itself; no won amount: NULL
SELECT median_deal_size(won, amount) AS odd FROM ds_deals WHERE amount <> 1000 OR amount IS NULL;
SELECT avg_deal_size(won, amount) AS no_won, median_deal_size(won, amount) AS no_won_median
FROM ds_deals WHERE won IS NOT TRUE;

-- 2. Integer amounts: exact past 2^53 (the float8 reading of both is 2^53).
SELECT median_deal_size(won, amount) AS median_bigint, avg_deal_size(won, amount) AS avg_bigint,
       pg_typeof(median_deal_size(won, amount)) AS type
FROM (VALUES (true, 9007199254740993::bigint), (true, 9007199254740992)) v(won, amount);

-- 3. NaN sorts as numeric sorts it (last; infinities: numeric_infinity.sql);
--    values wider than 18 digits take the numeric path: sorted 2, 3, 1e30,
--    NaN -> (3 + 1e30) x 0.5.
SELECT median_deal_size(true, amount) AS with_nan
FROM (VALUES (1e30), (2), ('NaN'::numeric), (3)) v(amount);

-- 4. Generated groups: every group equals core's formulations.
CREATE TABLE ds_rows AS
SELECT g % 40 AS team,
       CASE WHEN g % 7 = 0 THEN NULL ELSE g % 3 <> 0 END AS won,
       CASE WHEN g % 11 = 0 THEN NULL
            WHEN g % 5 = 0 THEN round((g * 37 % 100003)::numeric / 7, 4)
            ELSE (g * 7919 % 50021)::numeric / 100 END AS amount
FROM generate_series(1, 30000) g;
CREATE TEMP VIEW ds_reference AS
SELECT team, avg(amount) FILTER (WHERE won) AS avg_amount,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY amount::float8) FILTER (WHERE won) AS pc_float8,
       median_exact
FROM ds_rows
LEFT JOIN (SELECT team,
                  CASE WHEN n % 2 = 1 THEN max(amount) FILTER (WHERE rn = (n + 1) / 2)
                       ELSE (max(amount) FILTER (WHERE rn = n / 2) + max(amount) FILTER (WHERE rn = n / 2 + 1)) * 0.5
                  END AS median_exact
           FROM (SELECT team, amount, row_number() OVER (PARTITION BY team ORDER BY amount) AS rn,
                        count(*) OVER (PARTITION BY team) AS n
                 FROM ds_rows WHERE won AND amount IS NOT NULL) s
           GROUP BY team, n) m USING (team)
GROUP BY team, median_exact;
CREATE TABLE ds_serial AS
SELECT team, avg_deal_size(won, amount) AS a, median_deal_size(won, amount) AS m,
       median_deal_size(won, amount::float8) AS m8
FROM ds_rows GROUP BY team;
SELECT count(*) AS teams,
       count(*) FILTER (WHERE a::text IS DISTINCT FROM avg_amount::text) AS avg_differs,
       count(*) FILTER (WHERE m IS DISTINCT FROM median_exact) AS median_differs,
       count(*) FILTER (WHERE m8 IS DISTINCT FROM pc_float8) AS float8_median_differs
FROM ds_serial JOIN ds_reference USING (team);

-- 4b. The accessor median_deal_size(deal_summary) (format 3 keeps each
--     distinct won amount with its count): every team's summary, and the
--     rollup of per-amount-bucket summaries, equal the exact median; the
--     float8 summary equals percentile_cont as numeric.
SELECT count(*) FILTER (WHERE median_deal_size(s) IS DISTINCT FROM median_exact) AS summary_median_differs,
       count(*) FILTER (WHERE median_deal_size(s8) IS DISTINCT FROM pc_float8::numeric) AS float8_summary_differs
FROM (SELECT team, deal_summary(won, amount, NULL::float8, NULL::date, NULL::date) AS s,
             deal_summary(won, amount::float8, NULL::float8, NULL::date, NULL::date) AS s8
      FROM ds_rows GROUP BY team) t JOIN ds_reference USING (team);
SELECT median_deal_size(rollup(s)) = (SELECT median_deal_size(won, amount) FROM ds_rows) AS rollup_median
FROM (SELECT deal_summary(won, amount, NULL::float8, NULL::date, NULL::date) AS s
      FROM ds_rows GROUP BY team, amount > 200) t;

-- 5. The same with two parallel workers (their states are serialized).
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT avg_deal_size(won, amount), median_deal_size(won, amount) FROM ds_rows;
SELECT avg_deal_size(won, amount)::text = (SELECT (avg(amount) FILTER (WHERE won))::text FROM ds_rows) AS avg_parallel,
       median_deal_size(won, amount) = (SELECT median_deal_size(won, amount) FROM ds_rows WHERE team >= 0) AS median_parallel,
       median_deal_size(won, amount::float8) = (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY amount::float8) FILTER (WHERE won) FROM ds_rows) AS float8_parallel
FROM ds_rows;
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;

-- 6. Moving windows: the average of every frame prints as avg() over the
--    same frame (amounts of scales 0 to 4 enter and leave the frame, so the
--    inverse must refuse to lower the display scale in place); the median
--    of every frame equals the exact one.
SELECT count(*) AS frames,
       count(*) FILTER (WHERE a::text IS DISTINCT FROM r::text) AS avg_frames_differ
FROM (SELECT avg_deal_size(won, amount) OVER w AS a, avg(amount) FILTER (WHERE won) OVER w AS r
      FROM ds_rows WHERE team = 3 WINDOW w AS (ORDER BY amount, won ROWS BETWEEN 5 PRECEDING AND CURRENT ROW)) t;
SELECT count(*) AS frames,
       count(*) FILTER (WHERE m IS DISTINCT FROM CASE WHEN x IS NULL THEN y ELSE (x + y) * 0.5 END) AS median_frames_differ
FROM (SELECT median_deal_size(true, v) OVER w AS m, lag(v) OVER (ORDER BY g) AS x, v AS y
      FROM (SELECT g, (g * 37 % 101)::numeric AS v FROM generate_series(1, 500) g) s
      WINDOW w AS (ORDER BY g ROWS 1 PRECEDING)) t;

-- 7. The state is bytea (0.7.0; internal before), so Citus splits the
--    aggregate: per-part states, made by the aggregate's own transition,
--    combined (directly, and after a text round trip of the bytea) and
--    finished, give each team's exact median (section 4's row_number()
--    formula) and percentile_cont's float8 one, for splits into 1, 3 and 7
--    parts; malformed states are errors.
CREATE AGGREGATE pg_temp.median_state(boolean, numeric) (
    SFUNC = deal_size_median_trans, STYPE = bytea);
CREATE AGGREGATE pg_temp.median_state(boolean, float8) (
    SFUNC = deal_size_median_trans, STYPE = bytea);
CREATE AGGREGATE pg_temp.median_combined(bytea) (
    SFUNC = deal_size_median_combine, STYPE = bytea);
CREATE TEMP TABLE ds_parts AS
SELECT parts, team, (row_number() OVER ()) % parts AS part, won, amount
FROM ds_rows, (VALUES (1), (3), (7)) v(parts);
CREATE TEMP TABLE ds_states AS
SELECT parts, team, part, pg_temp.median_state(won, amount) AS s, pg_temp.median_state(won, amount::float8) AS s8
FROM ds_parts GROUP BY parts, team, part;
SELECT parts, count(*) AS teams,
       count(*) FILTER (WHERE m IS DISTINCT FROM median_exact) AS median_differs,
       count(*) FILTER (WHERE m_text IS DISTINCT FROM median_exact) AS via_text_differs,
       count(*) FILTER (WHERE m8 IS DISTINCT FROM pc_float8) AS float8_median_differs
FROM (SELECT parts, team, deal_size_median_final(pg_temp.median_combined(s)) AS m,
             deal_size_median_final(pg_temp.median_combined(s::text::bytea)) AS m_text,
             deal_size_median_float8_final(pg_temp.median_combined(s8)) AS m8
      FROM ds_states GROUP BY parts, team) c
JOIN ds_reference USING (team) GROUP BY parts ORDER BY parts;
SELECT deal_size_median_final(set_byte((SELECT s FROM ds_states LIMIT 1), 0, 0)); -- unknown version
SELECT deal_size_median_final(set_byte((SELECT s FROM ds_states LIMIT 1), 1, 3)); -- unknown kind
SELECT deal_size_median_final(substr((SELECT s FROM ds_states LIMIT 1), 1, 30)); -- truncated
SELECT deal_size_median_final(''::bytea);                                        -- empty
SELECT deal_size_median_final((SELECT s FROM ds_states LIMIT 1) || '\x00'::bytea); -- a trailing byte
SELECT deal_size_median_final(deal_size_median_trans(NULL, true, 1e40) || ''::bytea); -- a wide amount reads back: 1e40
SELECT deal_size_median_combine((SELECT s FROM ds_states LIMIT 1), (SELECT s8 FROM ds_states LIMIT 1)); -- kinds differ
SELECT deal_size_median_final(deal_size_median_trans(NULL, true, 5));            -- a direct call: 5

DROP TABLE ds_deals, ds_rows, ds_serial CASCADE;
