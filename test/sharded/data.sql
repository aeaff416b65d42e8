-- The rows of shard :shard of :shards (every row when :shard is -1), in
-- id order, for test/sharded.sh: a table or two per KPI family, each row's
-- column "shard" = id % :shards.  Deterministic (hashint4), so the shards'
-- tables together are exactly the single node's.
\set ON_ERROR_STOP 1
CREATE SCHEMA crm;

CREATE TABLE crm.deals AS
SELECT id, id % :shards AS shard, id % 7 AS team, won, amount, amount::float8 AS amount_f,
       probability, probability::float8 AS probability_f, created_at,
       CASE WHEN won IS NOT NULL THEN created_at + cycle END AS closed_at
FROM (SELECT id, CASE h % 5 WHEN 0 THEN NULL WHEN 1 THEN false WHEN 2 THEN false ELSE true END AS won,
             CASE WHEN id % 97 = 0 THEN 12345678901234567890.12
                  WHEN id % 89 = 0 THEN -250.5
                  ELSE round(((h >> 5) % 100000) * 1.37, 2) END AS amount,
             ((h >> 8) % 21) / 20.0 AS probability,
             date '2024-01-01' + (h >> 13) % 365 AS created_at,
             (h >> 17) % 240 AS cycle
      FROM (SELECT id, abs(hashint4(id)) AS h FROM generate_series(1, 20000) id) g) d
WHERE :shard < 0 OR id % :shards = :shard ORDER BY id;

CREATE TABLE crm.forecasts AS
SELECT id, id % :shards AS shard, id % 13 AS rep, forecast, actual,
       forecast::float8 AS forecast_f, actual::float8 AS actual_f
FROM (SELECT id, round(((h >> 3) % 50000) * 1.1, 2) AS forecast,
             CASE WHEN h % 17 = 0 THEN 0 ELSE round(((h >> 11) % 50000) * 1.3, 2) END AS actual
      FROM (SELECT id, abs(hashint4(id * 3 + 1)) AS h FROM generate_series(1, 20000) id) g) f
WHERE :shard < 0 OR id % :shards = :shard ORDER BY id;

-- one row per rep and quarter (the rep key is the id): each rep-quarter
-- lives wholly on one shard, which per-shard attainment summaries need
CREATE TABLE crm.quota AS
SELECT id, id % :shards AS shard, id % 5 AS team, achieved, quota
FROM (SELECT id, round(((h >> 3) % 300000) * 1.01, 2) AS achieved,
             CASE WHEN h % 23 = 0 THEN 0 ELSE 100000 + (h >> 9) % 100000 END::numeric AS quota
      FROM (SELECT id, abs(hashint4(id * 5 + 2)) AS h FROM generate_series(1, 3000) id) g) q
WHERE :shard < 0 OR id % :shards = :shard ORDER BY id;

-- raw per-rep rows for rep_attainment and attainment_by_rep, split by row
-- id, not by rep, so that one rep's rows land on several shards: ids
-- 1-300 the quota rows of reps 1-300 (quota 0 every 23rd: ramping), ids
-- 301-12000 deal rows of reps 1-310 (reps 301-310 have no quota: left
-- out), NULL rep every 211th deal, NULL achieved every 41st, a refund every
-- 53rd, a 16-decimal amount every 97th.  A rep's quota row is on shard
-- rep % :shards and its deals on every shard.  rep_t and rep_u: the same
-- reps as text (not in numeric order) and uuid keys.
CREATE TABLE crm.rep_rows AS
SELECT id, id % :shards AS shard, rep, 'rep-' || rep AS rep_t, md5('rep' || rep)::uuid AS rep_u, achieved, quota
FROM (SELECT id, id AS rep, NULL::numeric AS achieved,
             CASE WHEN id % 23 = 0 THEN 0 ELSE 250000 + (h >> 3) % 300000 END::numeric AS quota
      FROM (SELECT id, abs(hashint4(id * 29 + 9)) AS h FROM generate_series(1, 300) id) g
      UNION ALL
      SELECT id, CASE WHEN h % 211 = 0 THEN NULL ELSE 1 + h % 310 END,
             CASE WHEN id % 41 = 0 THEN NULL
                  WHEN id % 97 = 0 THEN 1234.5678901234567891
                  WHEN id % 53 = 0 THEN -round(((h >> 9) % 2000) * 1.07, 2)
                  ELSE round(((h >> 9) % 20000) * 1.07, 2) END,
             NULL
      FROM (SELECT id, abs(hashint4(id * 29 + 9)) AS h FROM generate_series(301, 12000) id) g) r
WHERE :shard < 0 OR id % :shards = :shard ORDER BY id;

CREATE TABLE crm.flow AS
SELECT id, id % :shards AS shard, id % 7 AS team,
       s_won, CASE WHEN s_exists THEN amount END AS s_amount, CASE WHEN s_exists THEN date '2024-03-01' + (h >> 9) % 150 END AS s_close,
       e_won, CASE WHEN e_exists THEN amount + ((h >> 12) % 7 - 3) * 100 END AS e_amount,
       CASE WHEN e_exists THEN date '2024-04-01' + (h >> 15) % 150 END AS e_close,
       date '2023-06-01' + (h >> 4) % 300 AS created_at
FROM (SELECT id, h, h % 11 <> 0 AS s_exists, h % 13 <> 0 AS e_exists,
             CASE WHEN h % 7 = 0 THEN true END AS s_won,
             CASE (h >> 2) % 6 WHEN 0 THEN true WHEN 1 THEN false END AS e_won,
             round(((h >> 6) % 40000) * 2.5, 2) AS amount
      FROM (SELECT id, abs(hashint4(id * 7 + 3)) AS h FROM generate_series(1, 20000) id) g) f
WHERE :shard < 0 OR id % :shards = :shard ORDER BY id;

CREATE TABLE crm.deal_stages AS
SELECT id, id % :shards AS shard, id % 7 AS team,
       CASE WHEN h % 11 = 0 THEN NULL ELSE 1 + h % 5 END AS highest_stage,
       CASE (h >> 4) % 3 WHEN 0 THEN NULL WHEN 1 THEN true ELSE false END AS won
FROM (SELECT id, abs(hashint4(id * 11 + 4)) AS h FROM generate_series(1, 20000) id) g
WHERE :shard < 0 OR id % :shards = :shard ORDER BY id;

CREATE TABLE crm.stays AS
SELECT id * 5 + k AS id, (id * 5 + k) % :shards AS shard, 1 + k AS stage,
       CASE WHEN (h >> k) % 13 = 0 THEN NULL ELSE ((h >> (3 * k)) % 97) * ((h >> 9) % 3 + 1) END::int AS days
FROM (SELECT id, abs(hashint4(id * 13 + 5)) AS h FROM generate_series(1, 8000) id) g, generate_series(0, 4) k
WHERE :shard < 0 OR (id * 5 + k) % :shards = :shard ORDER BY 1;

CREATE TABLE crm.leads AS
SELECT id, id % :shards AS shard, created_at,
       CASE WHEN h % 17 = 0 THEN NULL
            ELSE created_at + (((h >> 3) % 400000) - 20000) * interval '1 second' END AS first_touch_at,
       CASE (h >> 7) % 5 WHEN 0 THEN NULL ELSE (h >> 9) % 3 = 0 END AS opportunity,
       CASE (h >> 11) % 7 WHEN 0 THEN NULL ELSE (h >> 13) % 4 = 0 END AS customer,
       CASE (h >> 15) % 3 WHEN 0 THEN NULL ELSE (h >> 17) % 2 = 0 END AS marketing_sourced
FROM (SELECT id, abs(hashint4(id * 17 + 6)) AS h,
             timestamptz '2024-01-01 00:00:00+00' + (abs(hashint4(id)) % 100000) * interval '1 minute' AS created_at
      FROM generate_series(1, 20000) id) g
WHERE :shard < 0 OR id % :shards = :shard ORDER BY id;

CREATE TABLE crm.customers AS
SELECT id, id % :shards AS shard, active_at_start, churned, start_mrr,
       CASE WHEN churned THEN 0 ELSE round(((h >> 8) % 500) * 1.5, 2) END AS expansion,
       CASE WHEN churned THEN 0 ELSE least(start_mrr, round(((h >> 12) % 300) * 1.25, 2)) END AS contraction,
       CASE WHEN churned THEN start_mrr ELSE 0 END AS churned_mrr
FROM (SELECT id, h, h % 9 <> 0 AS active_at_start, (h >> 3) % 8 = 0 AS churned,
             round(100 + ((h >> 5) % 5000) * 1.7, 2) AS start_mrr
      FROM (SELECT id, abs(hashint4(id * 19 + 7)) AS h FROM generate_series(1, 10000) id) g) c
WHERE :shard < 0 OR id % :shards = :shard ORDER BY id;

CREATE TABLE crm.roster AS
SELECT id, id % :shards AS shard, hired_on,
       CASE WHEN h % 3 = 0 THEN hired_on + (h >> 4) % 900 END AS left_on
FROM (SELECT id, h, date '2022-01-01' + (h >> 14) % 1000 AS hired_on
      FROM (SELECT id, abs(hashint4(id * 23 + 8)) AS h FROM generate_series(1, 3000) id) g) r
WHERE :shard < 0 OR id % :shards = :shard ORDER BY id;
ANALYZE;
