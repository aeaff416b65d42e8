-- demo/chart_data.sql: the data of the demo's PNG report (demo/chart.gp),
-- one tab-separated file per panel under the directory given as
-- -v out=DIR.  Per quarter (closed deals by close date) and team: win rate
-- and value win rate; forecast accuracy (1 - WAPE) from the monthly
-- forecast lines rolled up per quarter.  Columns: quarter, then one per
-- team, in team order, headed by the team's name.
\set ON_ERROR_STOP on
\set QUIET on

CREATE TEMP VIEW closed_by_quarter AS
SELECT date_trunc('quarter', o.closed_at)::date AS quarter, r.team_id,
       deal_summary(o.won, o.amount, o.probability, o.created_at, o.closed_at) AS s
FROM crm.opportunities AS o JOIN crm.reps AS r USING (rep_id)
WHERE o.won IS NOT NULL
GROUP BY 1, 2;

CREATE TEMP VIEW forecast_by_quarter AS
SELECT date_trunc('quarter', m.month)::date AS quarter, m.team_id, rollup(m.s) AS s
FROM (SELECT f.month, r.team_id, forecast_error(f.forecast, f.actual) AS s
      FROM crm.forecasts AS f JOIN crm.reps AS r USING (rep_id)
      GROUP BY f.month, r.team_id) AS m
GROUP BY 1, 2;

-- one row per quarter, one column per team (percentages, 0.1 precision)
CREATE FUNCTION pg_temp.wide(source regclass, kpi text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    cols text;
BEGIN
    SELECT string_agg(format('round((100 * %s(rollup(s) FILTER (WHERE team_id = %s)))::numeric, 1) AS %I',
                             kpi, team_id, name), ', ' ORDER BY team_id)
    INTO cols FROM crm.teams;
    RETURN format('SELECT to_char(quarter, ''YYYY "Q"Q'') AS quarter, %s FROM (SELECT quarter, team_id, s FROM %s) AS x GROUP BY quarter ORDER BY quarter',
                  cols, source);
END $$;

SELECT pg_temp.wide('closed_by_quarter', 'win_rate') AS win_rate_q,
       pg_temp.wide('closed_by_quarter', 'value_win_rate') AS value_win_rate_q,
       pg_temp.wide('forecast_by_quarter', 'forecast_accuracy') AS accuracy_q
\gset
\set win_rate_file :out '/win_rate.tsv'
\set value_file :out '/value_win_rate.tsv'
\set accuracy_file :out '/forecast_accuracy.tsv'
COPY (:win_rate_q) TO STDOUT WITH (FORMAT csv, DELIMITER E'\t', HEADER) \g :win_rate_file
COPY (:value_win_rate_q) TO STDOUT WITH (FORMAT csv, DELIMITER E'\t', HEADER) \g :value_file
COPY (:accuracy_q) TO STDOUT WITH (FORMAT csv, DELIMITER E'\t', HEADER) \g :accuracy_file
