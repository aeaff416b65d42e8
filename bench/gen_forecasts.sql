-- bench/gen_forecasts.sql: bench.forecasts, :rows forecast lines (psql -v rows=N).
--
-- Line i is rep 1 + (i - 1) % 2000 in month (i - 1) / 2000 % 120 after
-- 2016-01 (so ~rows / 240,000 lines per rep and month: one per product or
-- account).  actual: 0 in 15 % of lines, else log-normal around 30,000;
-- forecast: the actual with the rep's bias (-10 % .. +15 %) and 25 % noise,
-- rounded to 100 and never negative (a random call when the actual is 0).
-- forecast_f and actual_f are the same values as float8.  The forecast
-- KPIs (wape(), forecast_error(), ...) are timed against the floors on this
-- table.

\set ON_ERROR_STOP on
BEGIN;

CREATE TABLE bench.forecasts (
    rep        integer NOT NULL,
    month      date    NOT NULL,
    forecast   numeric(14,2),
    actual     numeric(14,2),
    forecast_f float8,
    actual_f   float8
);

INSERT INTO bench.forecasts
SELECT f.rep, f.month, f.forecast, f.actual, f.forecast::float8, f.actual::float8
FROM (
    SELECT x.rep, x.month, x.actual,
           CASE WHEN x.actual > 0
                THEN greatest(0, round((x.actual::float8
                                        * (1 + x.bias + 0.25 * bench.z(x.i, 40)))::numeric, -2))
                ELSE round((20000 * bench.u(x.i, 41))::numeric, -2)
           END AS forecast
    FROM (
        SELECT g.i,
               1 + (g.i - 1) % 2000 AS rep,
               (date '2016-01-01' + ((g.i - 1) / 2000 % 120) * interval '1 month')::date AS month,
               CASE WHEN bench.u(g.i, 42) < 0.15 THEN 0
                    ELSE round((30000 * exp(0.9 * bench.z(g.i, 43)))::numeric, 2)
               END AS actual,
               0.25 * bench.u(1 + (g.i - 1) % 2000, 13) - 0.10 AS bias
        FROM generate_series(1, :rows::bigint) AS g(i)
        OFFSET 0
    ) AS x
) AS f;

COMMIT;
