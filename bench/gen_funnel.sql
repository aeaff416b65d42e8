-- bench/gen_funnel.sql: the rows of the funnel and lead aggregates (issue
-- 19): one row per deal for stage_funnel and stage_conversion
-- (bench.deal_stages, the funnel shapes), one per deal and stage for
-- stage_time (bench.stage_stays, the stays shapes), one per lead for
-- lead_summary (bench.leads, the leads shapes).  psql -v deals=N
-- -v stays=M -v leads=K; a count of 0 skips that table, so bench/run.sh
-- makes each table alone, only when a selected shape reads it, each in a
-- session of its own.  bench/run.sh passes ROWS / 2 deals, ROWS stays and
-- ROWS / 2 leads.
--
-- Same rows on every run: every "random" number is bench.u/bench.z of the
-- row id and a stream number (streams 500 and up for deals, 600 and up for
-- stays, 700 and up for leads, apart from the other generators').
--
-- bench.deal_stages: 20 teams of equal size, five open stages (Discovery 1
-- .. Negotiation 5); highest_stage is the highest stage the deal ever
-- entered.  ~22 % won (highest stage 5, 4, 3: ~80 % / 15 % / 1 %; 4 %
-- created as won, NULL), ~45 % lost (2 % before any stage:
-- NULL, left out by the funnel; the others skewed to the early stages,
-- stage 1 ~36 %, stage 5 ~13 %), ~33 % open (stage 1 ~28 %, stage 5 ~16 %).
-- amount_f (float8, log-normal, median 15,000, the last column) is the
-- sum(float8) floor's.
--
-- bench.stage_stays: one row per deal and stage it entered (the deal of
-- row i is (i + 2) / 3, its team as in deal_stages' hash), stages skewed
-- to the early ones (stage 1 ~34 %, 2 ~20 %, 3 ~17 %, 4 ~15 %, 5 ~14 %);
-- days the cumulative whole days spent there: NULL for ~8 % (still in the
-- stage), 0 for ~2 % (moved on the same day), else log-normal with a
-- median of 5, 8, 12, 15, 10 days by stage, at most 2000: about a
-- thousand distinct (stage, days) pairs.  days_f = days::float8 (NULL likewise, the
-- last column) is the floor's.
--
-- bench.leads: created in Q1 2026 (UTC), in whole seconds (CRM timestamps
-- carry seconds); first_touch_at NULL for ~7 % (never touched), ~4 % before
-- creation (called 1 hour .. 10 days before the lead was entered), ~1 % in
-- the same second (0 s), else created + a log-normal response (median ~2
-- hours, a long tail: 5 % over ~1.5 days; at most 60 days): ~165,000
-- distinct response times in seconds over 2.5M leads.  opportunity ~25 %
-- true, 2 % NULL; customer ~30 % of the opportunities and ~1 % of the others
-- (bought through another deal), 3 % NULL; marketing_sourced ~60 % true,
-- ~30 % false, ~10 % NULL (other).  score_f (float8, 0 .. 100, the last
-- column) is the floor's.
--
-- No index: every query scans the table.  The tables are created in the
-- loading transaction: with wal_level=minimal the load writes no WAL.

\set ON_ERROR_STOP on
SELECT :deals > 0 AS make_deals, :stays > 0 AS make_stays, :leads > 0 AS make_leads \gset

\if :make_deals
BEGIN;

CREATE TABLE bench.deal_stages (
    deal_id       bigint  NOT NULL,
    team          integer NOT NULL,
    highest_stage integer,              -- 1..5; NULL: no stage entered
    won           boolean,              -- NULL: open
    amount_f      float8  NOT NULL
);

INSERT INTO bench.deal_stages
SELECT x.i, x.team,
       CASE WHEN x.outcome < 0.22
            THEN CASE WHEN x.h < 0.04 THEN NULL WHEN x.h < 0.84 THEN 5 WHEN x.h < 0.99 THEN 4 ELSE 3 END
            WHEN x.outcome < 0.67
            THEN CASE WHEN x.h < 0.02 THEN NULL ELSE 1 + floor(5 * ((x.h - 0.02) / 0.98) ^ 1.6)::integer END
            ELSE 1 + floor(5 * x.h ^ 1.25)::integer
       END,
       CASE WHEN x.outcome < 0.22 THEN true WHEN x.outcome < 0.67 THEN false END,
       round(15000 * exp(1.1 * bench.z(x.i, 503)))
FROM (
    SELECT g.i, 1 + floor(20 * bench.u(g.i, 500))::integer AS team,
           bench.u(g.i, 501) AS outcome, bench.u(g.i, 502) AS h
    FROM generate_series(1, :deals::bigint) AS g(i)
    OFFSET 0
) AS x;

COMMIT;
\endif

\if :make_stays
BEGIN;

CREATE TABLE bench.stage_stays (
    deal_id  bigint  NOT NULL,
    team     integer NOT NULL,
    stage    integer NOT NULL,
    days     integer,                   -- NULL: still in the stage
    days_f   float8
);

INSERT INTO bench.stage_stays
SELECT y.deal, y.team, y.stage, y.days, y.days::float8
FROM (
    SELECT x.deal, x.team, x.stage,
           CASE WHEN x.d < 0.08 THEN NULL
                WHEN x.d < 0.10 THEN 0
                ELSE least(2000, greatest(1, round((ARRAY[5, 8, 12, 15, 10])[x.stage]
                                                   * exp(0.9 * bench.z(x.i, 603)))))::integer
           END AS days
    FROM (
        SELECT g.i, (g.i + 2) / 3 AS deal, 1 + floor(20 * bench.u((g.i + 2) / 3, 500))::integer AS team,
               1 + floor(5 * bench.u(g.i, 601) ^ 1.5)::integer AS stage,
               bench.u(g.i, 602) AS d
        FROM generate_series(1, :stays::bigint) AS g(i)
        OFFSET 0
    ) AS x
    OFFSET 0
) AS y;

COMMIT;
\endif

\if :make_leads
BEGIN;

CREATE TABLE bench.leads (
    lead_id           bigint  NOT NULL,
    team              integer NOT NULL,
    created_at        timestamptz NOT NULL,
    first_touch_at    timestamptz,      -- NULL: never touched
    opportunity       boolean,
    customer          boolean,
    marketing_sourced boolean,          -- NULL: other source
    score_f           float8  NOT NULL
);

INSERT INTO bench.leads
SELECT y.i, y.team, y.created_at,
       CASE WHEN y.t < 0.07 THEN NULL
            WHEN y.t < 0.11 THEN y.created_at - make_interval(secs => 3600 + floor(860400 * bench.u(y.i, 704)))
            WHEN y.t < 0.12 THEN y.created_at
            ELSE y.created_at + make_interval(secs => least(5184000, greatest(1, round(7200 * exp(1.5 * bench.z(y.i, 705))))))
       END,
       y.opportunity,
       CASE WHEN bench.u(y.i, 707) < 0.03 THEN NULL
            WHEN y.opportunity THEN bench.u(y.i, 708) < 0.30
            ELSE bench.u(y.i, 708) < 0.01 END,
       CASE WHEN y.m < 0.60 THEN true WHEN y.m < 0.90 THEN false END,
       round(100 * bench.u(y.i, 710))
FROM (
    SELECT g.i, 1 + floor(20 * bench.u(g.i, 700))::integer AS team,
           timestamptz '2026-01-01 00:00:00+00' + make_interval(secs => floor(7776000 * bench.u(g.i, 701))) AS created_at,
           bench.u(g.i, 702) AS t,
           CASE WHEN bench.u(g.i, 703) < 0.02 THEN NULL ELSE bench.u(g.i, 706) < 0.25 END AS opportunity,
           bench.u(g.i, 709) AS m
    FROM generate_series(1, :leads::bigint) AS g(i)
    OFFSET 0
) AS y;

COMMIT;
\endif
