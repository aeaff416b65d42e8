-- Serial and parallel plans give the same results.
--
-- How checked: the parallel plan must show Partial Aggregate (so states are
-- serialized in workers and combined in the leader); its results are
-- compared with the serial plan's.  Exact results (numeric sums, counts,
-- ratios of exact sums) must be identical; float8 sums within 1e-12.

CREATE TABLE par AS
SELECT i, i % 7 AS team, i % 500 AS rep,
       CASE hashint4(i) % 3 WHEN 0 THEN true WHEN 1 THEN false END AS won,
       CASE WHEN i % 53 = 0 THEN NULL
            WHEN i % 1009 = 0 THEN -(i / 10.0)
            WHEN i % 4999 = 0 THEN 12345678901234567890.123::numeric
            ELSE round(((hashint4(i * 5) & 65535) * 7.31)::numeric, 2) END AS amount,
       CASE WHEN i % 61 = 0 THEN NULL
            WHEN i % 7 = 0 THEN ((hashint4(i * 11) & 1023) % 21) / 20.0  -- scale 20: the numeric path
            ELSE round(((hashint4(i * 11) & 1023) % 21) / 20.0, 2) END AS probability
FROM generate_series(1, 300000) i;
ANALYZE par;

-- serial
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_total AS
SELECT weighted_pipeline(amount, probability) AS wp, weighted_pipeline(amount, probability::float8) AS wpf,
       weighted_pipeline(amount::float8, probability::float8) AS wp8,
       win_rate(won) AS wr, value_win_rate(won, amount) AS vwr, value_win_rate(won, amount::float8) AS vwr8
FROM par;
CREATE TEMP TABLE serial_team AS
SELECT team, weighted_pipeline(amount, probability) FILTER (WHERE won IS NULL) AS wp,
       win_rate(won) AS wr, value_win_rate(won, amount) AS vwr, value_win_rate(won, amount::float8) AS vwr8
FROM par GROUP BY team;

-- parallel: make parallel plans free and keep the leader out of the scan
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;

EXPLAIN (COSTS OFF)
SELECT weighted_pipeline(amount, probability), weighted_pipeline(amount, probability::float8),
       weighted_pipeline(amount::float8, probability::float8),
       win_rate(won), value_win_rate(won, amount), value_win_rate(won, amount::float8)
FROM par;

-- workers really ran (row counts per loop are averages, so deterministic;
-- 18 prints them with two decimals, as 1.00, which the filter drops)
CREATE FUNCTION pg_temp.explain_analyze(query text) RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
  line text;
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF, BUFFERS OFF) ' || query LOOP
    RETURN NEXT regexp_replace(line, '(rows=\d+)\.00 ', '\1 ');
  END LOOP;
END
$$;
SELECT pg_temp.explain_analyze('SELECT weighted_pipeline(amount, probability), win_rate(won), value_win_rate(won, amount) FROM par') AS "QUERY PLAN";

SELECT s.wp = p.wp AS wp_equal, s.wp::text = p.wp::text AS wp_same_text, s.wpf = p.wpf AS wpf_equal,
       abs(s.wp8 - p.wp8) <= 1e-12 * abs(s.wp8) AS wp8_close,
       s.wr = p.wr AS wr_equal, s.vwr = p.vwr AS vwr_equal,
       abs(s.vwr8 - p.vwr8) <= 1e-12 * abs(s.vwr8) AS vwr8_close,
       p.wp = (SELECT sum(amount * probability) FROM par) AS wp_is_plain_sum
FROM serial_total s,
     (SELECT weighted_pipeline(amount, probability) AS wp, weighted_pipeline(amount, probability::float8) AS wpf,
             weighted_pipeline(amount::float8, probability::float8) AS wp8,
             win_rate(won) AS wr, value_win_rate(won, amount) AS vwr, value_win_rate(won, amount::float8) AS vwr8
      FROM par) p;

-- grouped, both with hash and with sort aggregation
EXPLAIN (COSTS OFF)
SELECT team, weighted_pipeline(amount, probability) FILTER (WHERE won IS NULL), win_rate(won),
       value_win_rate(won, amount), value_win_rate(won, amount::float8)
FROM par GROUP BY team;
CREATE TEMP TABLE parallel_team_hash AS
SELECT team, weighted_pipeline(amount, probability) FILTER (WHERE won IS NULL) AS wp,
       win_rate(won) AS wr, value_win_rate(won, amount) AS vwr, value_win_rate(won, amount::float8) AS vwr8
FROM par GROUP BY team;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF)
SELECT team, weighted_pipeline(amount, probability) FILTER (WHERE won IS NULL), win_rate(won),
       value_win_rate(won, amount), value_win_rate(won, amount::float8)
FROM par GROUP BY team;
CREATE TEMP TABLE parallel_team_sort AS
SELECT team, weighted_pipeline(amount, probability) FILTER (WHERE won IS NULL) AS wp,
       win_rate(won) AS wr, value_win_rate(won, amount) AS vwr, value_win_rate(won, amount::float8) AS vwr8
FROM par GROUP BY team;
RESET enable_hashagg;

SELECT count(*) AS teams,
       count(*) FILTER (WHERE s.wp = h.wp AND s.wp = o.wp AND s.wp::text = h.wp::text) AS wp_equal,
       count(*) FILTER (WHERE s.wr = h.wr AND s.wr = o.wr) AS wr_equal,
       count(*) FILTER (WHERE s.vwr = h.vwr AND s.vwr = o.vwr) AS vwr_equal,
       count(*) FILTER (WHERE abs(s.vwr8 - h.vwr8) <= 1e-12 AND abs(s.vwr8 - o.vwr8) <= 1e-12) AS vwr8_close
FROM serial_team s JOIN parallel_team_hash h USING (team) JOIN parallel_team_sort o USING (team);

-- many groups in parallel (500 reps): same as serial
CREATE TEMP TABLE parallel_rep AS
SELECT rep, weighted_pipeline(amount, probability) AS wp, value_win_rate(won, amount) AS vwr FROM par GROUP BY rep;
SET max_parallel_workers_per_gather = 0;
SELECT count(*) AS reps,
       count(*) FILTER (WHERE p.wp IS NOT DISTINCT FROM s.wp AND p.vwr IS NOT DISTINCT FROM s.vwr) AS equal
FROM parallel_rep p
JOIN (SELECT rep, weighted_pipeline(amount, probability) AS wp, value_win_rate(won, amount) AS vwr
      FROM par GROUP BY rep) s USING (rep);

RESET ALL;
