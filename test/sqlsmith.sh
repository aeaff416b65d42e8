#!/usr/bin/env bash
# Random SQL (sqlsmith) against the sample CRM with the extension, on the
# UBSan build (test/lib/sanitizer.sh), for a bounded number of queries:
#   SQLSMITH_QUERIES=20000 bash test/sqlsmith.sh
# Environment:
#   SQLSMITH_QUERIES   queries to generate (default 20000)
#   SQLSMITH_SEED      sqlsmith's seed (default 1)
# The database holds demo/schema.sql + demo/generate.sql (~30,000 deals)
# and tables of stored deal_summary / forecast_error / attainment values, so that the
# generated queries call our aggregates and accessors on real columns.
# sqlsmith runs as a role without superuser rights (it calls random
# built-in functions: as a superuser it could write files or stop
# backends) and with --exclude-catalog, every statement under a 2 s
# timeout.  Fails on a backend killed by a signal (a crash or a failed
# assertion), a sanitizer report, or an "internal error" (XX000) raised
# from our code.  Prints how many queries ran, how many named a salesops
# function, and the errors they met.
. "$(dirname "$0")/lib/cluster.sh"
. "$SALESOPS_ROOT/test/lib/sanitizer.sh"

QUERIES=${SQLSMITH_QUERIES:-20000}
SEED=${SQLSMITH_SEED:-1}
salesops_install_deps "${SALESOPS_SAN_PACKAGES[@]}" sqlsmith
salesops_build_install
salesops_sanitizer_build_install
salesops_sanitizer_cluster_start -c log_min_messages=error -c log_min_error_statement=panic \
	-c log_line_prefix=%e:
t0=$(date +%s)

say "loading the sample CRM"
psql_quiet -d postgres -c 'CREATE ROLE smith LOGIN' -c 'CREATE DATABASE smith OWNER smith'
psql_quiet -d smith -c 'CREATE EXTENSION salesops' \
	-f "$SALESOPS_ROOT/demo/schema.sql" -f "$SALESOPS_ROOT/demo/generate.sql"
psql_quiet -d smith <<'SQL'
CREATE TABLE crm.daily_deal_summaries AS
SELECT o.rep_id, o.created_at AS day,
       deal_summary(o.won, o.amount, o.probability::float8, o.created_at, o.closed_at) AS s
FROM crm.opportunities o GROUP BY 1, 2;
CREATE TABLE crm.monthly_forecast_errors AS
SELECT rep_id, month, forecast_error(forecast, actual) AS s, forecast_error(forecast::float8, actual::float8) AS s8
FROM crm.forecasts GROUP BY 1, 2;
CREATE TABLE crm.monthly_attainment AS
SELECT q.rep_id, q.month, attainment(coalesce(f.actual, 0), q.quota) AS s
FROM crm.quotas q LEFT JOIN crm.forecasts f USING (rep_id, month) GROUP BY 1, 2;
GRANT USAGE ON SCHEMA crm TO smith;
GRANT SELECT ON ALL TABLES IN SCHEMA crm TO smith;
ALTER DATABASE smith SET statement_timeout = '2s';
ANALYZE;
SQL

log=$(mktemp /tmp/salesops-sqlsmith.XXXXXX)
say "sqlsmith: $QUERIES queries, seed $SEED"
rc=0
# --dump-all-queries: every query on stdout, to count those that call us
as_pg_owner sqlsmith --target="host=$PGHOST port=$PGPORT user=smith dbname=smith" \
	--exclude-catalog --seed="$SEED" --max-queries="$QUERIES" --dump-all-queries --verbose \
	>"$log.queries" 2>"$log" || rc=$?

ours=$(psql_quiet -d smith -At -c "SELECT string_agg(DISTINCT p.proname, '|')
	FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
	WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'")
generated=$(grep -c ';$' "$log.queries" || true)
calling_us=$(grep -cE "\\b($ours)\\(" "$log.queries" || true)
# progress characters: . ok, e error, t timeout, S syntax error, C broken connection
progress=$(grep -E '^[.eStC]+$' "$log" | tr -d '\n')
count() { printf '%s' "$progress" | tr -cd "$1" | wc -c; }
say "sqlsmith exit status $rc; $generated queries: $(count .) ran, $(count e) errors, $(count t) timeouts, $(count S) syntax errors, $(count C) broken connections; $calling_us of them call a salesops function"
say "most frequent errors (sqlsmith's last report):"
awk '/^queries: /{block=""} /^[0-9]+\t/{block=block $0 "\n"} END{printf "%s", block}' "$log" | head -15 >&2 || true
grep -E '^error rate' "$log" | tail -1 >&2 || true

failed=0
[ "$rc" -eq 0 ] || failed=1
salesops_sanitizer_check || failed=1
# internal errors (XX000: elog, can't-happen) that name our code
if grep -E '^XX000:' "$SALESOPS_CLUSTER_DIR/server.log" | grep -iE 'salesops|forecast|deal|pipeline|win_rate|summary|cycle' >&2; then
	failed=1
fi
say "internal errors (XX000) in the server log: $(grep -cE '^XX000:' "$SALESOPS_CLUSTER_DIR/server.log" || true)"
grep -E '^XX000:' "$SALESOPS_CLUSTER_DIR/server.log" | sort | uniq -c | sort -rn | head -5 >&2 || true
[ "$(count C)" -eq 0 ] || failed=1
echo "sqlsmith: $generated queries ($calling_us calling salesops) in $(($(date +%s) - t0)) s, $([ "$failed" -eq 0 ] && echo "no crash, no sanitizer report" || echo FAILED)"
rm -f "$log" "$log.queries"
exit "$failed"
