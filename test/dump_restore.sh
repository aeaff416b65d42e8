#!/usr/bin/env bash
# Stored summaries survive pg_dump / pg_restore into a fresh database, and
# binary COPY out and in.
#
# A source database gets the extension in a non-default schema (kpi, under
# a search_path without it, so the dump must qualify everything) and tables
# of stored summaries of every kind the text and binary forms must carry:
# numeric and float8 inputs, NaN and infinities, sums wider than 18 digits
# and past 10^37 units (the spill), negative sums, empty and long sales
# cycle histograms, attainment ratios (fixed-width and wide); arrays of
# summaries; a view and a materialized view
# calling the aggregates and accessors.  Then:
#   1. pg_dump -Fc | pg_restore into a new database,
#   2. pg_dump -Fp | psql into another (plain SQL, what most backups are),
#   3. COPY (FORMAT binary) of every table out to a file and into a copy,
# and every value must come back identical: text form, binary form (send),
# and every accessor.
#   bash test/dump_restore.sh      (run by test/run.sh)
. "$(dirname "$0")/lib/cluster.sh"

salesops_install_deps
salesops_build_install
salesops_cluster_start
t0=$(date +%s)

work=$(mktemp -d /tmp/salesops-dump.XXXXXX)
chmod 755 "$work"
[ "$(id -u)" -eq 0 ] && chown postgres: "$work"

psql_quiet -d postgres -c 'CREATE DATABASE dump_src' -c 'CREATE DATABASE dump_custom' \
	-c 'CREATE DATABASE dump_plain'
psql_quiet -d dump_src <<'SQL'
CREATE SCHEMA kpi;
CREATE EXTENSION salesops SCHEMA kpi;
CREATE SCHEMA crm;
SET search_path = crm;

CREATE TABLE crm.forecasts AS
SELECT i, (hashint4(i) % 7) AS rep,
       CASE WHEN i % 97 = 0 THEN 12345678901234567890.123456::numeric
            WHEN i % 89 = 0 THEN -0.000000000000000000000123::numeric
            ELSE round(((hashint4(i) & 65535) * 1.37)::numeric, 2) END AS f,
       CASE WHEN i % 13 = 0 THEN 0 ELSE round(((hashint4(i * 3) & 65535) * 1.11)::numeric, 3) END AS a
FROM generate_series(1, 3000) i;

CREATE TABLE crm.forecast_store (k text PRIMARY KEY, s kpi.forecast_error);
INSERT INTO crm.forecast_store
SELECT 'rep ' || rep, kpi.forecast_error(f, a) FROM crm.forecasts GROUP BY rep
UNION ALL SELECT 'float8 rep ' || rep, kpi.forecast_error(f::float8, a::float8) FROM crm.forecasts GROUP BY rep
UNION ALL SELECT 'nan', kpi.forecast_error(f, a) FROM (VALUES (1::numeric, 2::numeric), ('NaN', 1)) v(f, a)
UNION ALL SELECT 'infinity', kpi.forecast_error(f, a) FROM (VALUES (1::numeric, 'Infinity'::numeric), (2, 1)) v(f, a)
UNION ALL SELECT 'float8 special', kpi.forecast_error(f, a) FROM (VALUES (1::float8, 'NaN'::float8), ('-Infinity', 1)) v(f, a)
UNION ALL SELECT 'past 10^37', kpi.forecast_error(f, a)
          FROM (VALUES (99999999999999999999999999999999999999999.99::numeric, 0::numeric),
                       (99999999999999999999999999999999999999999.99, -1.5)) v(f, a)
UNION ALL SELECT 'literal', 'v1 numeric count=6 zero_actuals=2 sum_abs_error=45 sum_error=5 sum_sq_error=625 sum_abs_actual=500 sum_ape=0.4 sum_sape=2.3823194349510137';

CREATE TABLE crm.deals AS
SELECT i, i % 11 AS team,
       CASE hashint4(i) % 3 WHEN 0 THEN true WHEN 1 THEN false END AS won,
       CASE WHEN i % 71 = 0 THEN NULL WHEN i % 83 = 0 THEN -round((i * 3.7)::numeric, 2)
            WHEN i % 997 = 0 THEN 123456789012345678901234.5::numeric
            ELSE round(((hashint4(i * 7) & 65535) * 2.31)::numeric, 2) END AS amount,
       ((hashint4(i * 5) & 1023) % 21) / 20.0 AS probability,
       date '2024-01-01' + (i % 300) AS created_at,
       date '2024-01-01' + (i % 300) + (hashint4(i * 13) & 127) AS closed_at
FROM generate_series(1, 5000) i;

CREATE TABLE crm.deal_store (k text PRIMARY KEY, s kpi.deal_summary, history kpi.deal_summary[]);
INSERT INTO crm.deal_store
SELECT 'team ' || team, kpi.deal_summary(won, amount, probability::float8, created_at, closed_at),
       ARRAY[kpi.deal_summary(won, amount, probability::float8, created_at, closed_at) FILTER (WHERE i % 2 = 0),
             kpi.deal_summary(won, amount, probability::float8, created_at, closed_at) FILTER (WHERE i % 2 = 1)]
FROM crm.deals GROUP BY team
UNION ALL
SELECT 'float8 team ' || team, kpi.deal_summary(won, amount::float8, probability::float8, created_at, closed_at), NULL
FROM crm.deals GROUP BY team
UNION ALL
SELECT 'open only', kpi.deal_summary(NULL, 10, 0.5::float8, NULL, NULL), '{}'
UNION ALL
SELECT 'numeric probability', kpi.deal_summary(won, amount, probability, created_at, closed_at), NULL
FROM crm.deals WHERE i < 100;

CREATE TABLE crm.attainment_store (k text PRIMARY KEY, s kpi.attainment);
INSERT INTO crm.attainment_store
SELECT 'rep ' || rep, kpi.attainment(a, CASE WHEN i % 17 = 0 THEN 0 ELSE abs(f) END) FROM crm.forecasts GROUP BY rep
UNION ALL SELECT 'wide', kpi.attainment(a, q)
          FROM (VALUES (1000000000000000000000000000000::numeric, 3::numeric), (1, 3), ('NaN', 1), (5, 0)) v(a, q)
UNION ALL SELECT 'literal', 'v1 reps=3 zero_quotas=0 total_achieved=12500 total_quota=30000 ratios={-1/2,1/4,3/2}';

CREATE TABLE crm.flow_store (k text PRIMARY KEY, f kpi.pipeline_flow);
INSERT INTO crm.flow_store
SELECT 'team ' || team, kpi.pipeline_flow(CASE WHEN i % 11 = 0 THEN won END, CASE WHEN i % 5 > 0 THEN amount END,
                                          date '2024-01-01' + (i % 200), won, amount, date '2024-01-01' + (i % 300),
                                          created_at, '[2024-04-01,2024-04-08)', '[2024-04-01,2024-07-01)')
FROM crm.deals GROUP BY team
UNION ALL
SELECT 'rolling', kpi.pipeline_flow(NULL, amount, closed_at, won, amount * 2, closed_at, created_at,
                                    '[2024-03-01,2024-06-01)', '(,)')
FROM crm.deals WHERE i < 500
UNION ALL
SELECT 'nan and wide', kpi.pipeline_flow(NULL, a, date '2024-05-01', NULL, b, date '2024-05-02', date '2024-01-01',
                                         '[2024-04-01,2024-04-08)', '[2024-04-01,2024-07-01)')
FROM (VALUES ('NaN'::numeric, 1::numeric), (1, 99999999999999999999999999999999999999.5)) v(a, b);

CREATE VIEW crm.team_kpis AS
SELECT team, kpi.weighted_pipeline(amount, probability) FILTER (WHERE won IS NULL) AS wp,
       kpi.win_rate(won) AS wr, kpi.median_sales_cycle(created_at, closed_at) FILTER (WHERE won) AS median_cycle
FROM crm.deals GROUP BY team;
CREATE MATERIALIZED VIEW crm.monthly AS
SELECT rep, kpi.forecast_error(f, a) AS s FROM crm.forecasts GROUP BY rep;
SQL

# Every value as text, as binary (send) and through every accessor, ordered.
# The binary form of a value holding a float8 NaN is left out: the NaN's
# sign bit (x86 makes negative NaNs, e.g. for Inf - Inf) does not survive
# the text form, exactly as for a float8 column, and every NaN reads as NaN.
snapshot() {
	psql_quiet -d "$1" -At <<'SQL'
SET search_path = crm;
SELECT 'fc', k, s::text, CASE WHEN s::text LIKE '%NaN%' THEN 'NaN bits' ELSE md5(kpi.forecast_error_send(s)) END, kpi.forecast_count(s), kpi.mae(s), kpi.rmse(s),
       kpi.mape(s), kpi.wape(s), kpi.smape(s), kpi.bias(s), kpi.bias_pct(s), kpi.forecast_accuracy(s),
       kpi.tracking_signal(s), kpi.zero_actuals(s)
FROM crm.forecast_store ORDER BY k;
SELECT 'deal', k, s::text, CASE WHEN s::text LIKE '%NaN%' THEN 'NaN bits' ELSE md5(kpi.deal_summary_send(s)) END, history::text, kpi.win_rate(s), kpi.value_win_rate(s),
       kpi.weighted_pipeline(s), kpi.open_pipeline(s), kpi.won_amount(s), kpi.lost_amount(s), kpi.open_deals(s),
       kpi.won_deals(s), kpi.lost_deals(s), kpi.avg_deal_size(s), kpi.avg_sales_cycle(s),
       kpi.median_sales_cycle(s), kpi.sales_cycle_percentile(s, 0.9), kpi.sales_velocity(s)
FROM crm.deal_store ORDER BY k;
SELECT 'rollup', kpi.rollup(s)::text FROM crm.deal_store WHERE k LIKE 'team %';
-- attainment keeps its ratios in row order and unreduced, and its text form
-- sorts and reduces them: the binary form is compared in that canonical form
SELECT 'attainment', k, s::text, md5(kpi.attainment_send(s::text::kpi.attainment)),
       kpi.quota_attainment(s), kpi.pct_at_quota(s), kpi.pct_at_quota(s, 0.5), kpi.reps(s), kpi.reps_at_quota(s),
       kpi.median_attainment(s), kpi.total_achieved(s), kpi.total_quota(s), kpi.zero_quotas(s)
FROM crm.attainment_store ORDER BY k;
SELECT 'flow', k, f::text, CASE WHEN f::text LIKE '%NaN%' THEN 'NaN bits' ELSE md5(kpi.pipeline_flow_send(f)) END,
       kpi.flow_period(f), kpi.flow_target(f), kpi.flow_amount(f, 'end'), kpi.flow_deals(f, 'unchanged'),
       kpi.pipeline_coverage(f, 1000000)
FROM crm.flow_store ORDER BY k;
SELECT 'view', * FROM crm.team_kpis ORDER BY team;
SELECT 'matview', rep, s::text FROM crm.monthly ORDER BY rep;
SQL
}

failed=0
compare() {
	if cmp -s "$work/src.txt" "$work/$1.txt"; then
		say "dump/restore: $2: $(wc -l <"$work/src.txt") rows identical"
	else
		say "dump/restore: $2 differs:"
		diff "$work/src.txt" "$work/$1.txt" | head -20 >&2 || true
		failed=1
	fi
}

snapshot dump_src >"$work/src.txt"
[ "$(grep -c . "$work/src.txt")" -gt 40 ] || { say "dump/restore: source snapshot too small"; exit 1; }

# 1. custom format, pg_restore (the search_path of the restoring session
#    does not have kpi: the dump must qualify the types)
as_pg_owner "$PG_BIN/pg_dump" -h "$PGHOST" -p "$PGPORT" -U postgres -Fc -f "$work/src.dump" dump_src
as_pg_owner "$PG_BIN/pg_restore" -h "$PGHOST" -p "$PGPORT" -U postgres --exit-on-error \
	-d dump_custom "$work/src.dump"
snapshot dump_custom >"$work/custom.txt"
compare custom "pg_dump -Fc | pg_restore"

# 2. plain SQL through psql
as_pg_owner "$PG_BIN/pg_dump" -h "$PGHOST" -p "$PGPORT" -U postgres -Fp -f "$work/src.sql" dump_src
psql_quiet -d dump_plain -f "$work/src.sql" >/dev/null
snapshot dump_plain >"$work/plain.txt"
compare plain "pg_dump -Fp | psql"

# 3. binary COPY of every table out, and into the same schema restored empty
as_pg_owner "$PG_BIN/pg_dump" -h "$PGHOST" -p "$PGPORT" -U postgres -Fc --schema-only -f "$work/schema.dump" dump_src
psql_quiet -d postgres -c 'CREATE DATABASE dump_binary'
as_pg_owner "$PG_BIN/pg_restore" -h "$PGHOST" -p "$PGPORT" -U postgres --exit-on-error \
	-d dump_binary "$work/schema.dump"
for table in forecasts forecast_store deals deal_store attainment_store flow_store; do
	psql_quiet -d dump_src -c "COPY crm.$table TO '$work/$table.bin' (FORMAT binary)"
	psql_quiet -d dump_binary -c "COPY crm.$table FROM '$work/$table.bin' (FORMAT binary)"
done
psql_quiet -d dump_binary -c 'REFRESH MATERIALIZED VIEW crm.monthly'
snapshot dump_binary >"$work/binary.txt"
compare binary "COPY (FORMAT binary) out and in"

rm -rf "$work"
if [ "$failed" -eq 0 ]; then
	echo "dump/restore: 3 passed, 0 failed ($(($(date +%s) - t0)) s)"
else
	echo "dump/restore: some checks failed"
fi
exit "$failed"
