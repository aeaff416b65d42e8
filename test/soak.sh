#!/usr/bin/env bash
# Soak: many clients at once for minutes, every family, and the checks a
# long-running server needs.  Not part of test/run.sh (it takes minutes);
# bounded by SOAK_SECONDS:
#   bash test/soak.sh                      # 8 clients for 600 s
#   SOAK_SECONDS=120 SOAK_CLIENTS=4 bash test/soak.sh
#
# On the demo data set (about 30,000 deals, forecasts and quotas) in a
# throwaway cluster, pgbench runs a weighted mix, each client in its own
# session: the deal dashboard per team (deal_summary and its accessors,
# win_rate, value_win_rate, weighted_pipeline), the forecast measures, the
# quota report from raw rows (attainment_by_rep with bigint and text keys),
# rollups of stored daily summaries with DISTINCT on summary columns,
# trailing windows (the inverse transitions), and inserts of new stored
# summaries (the nightly job).  PASS needs: 0 failed transactions and no
# aborted client (pgbench's own count), no server process terminated or
# crashed in the server log, and flat memory: each sampled backend's
# resident set at the end within 1.5x (plus 16 MB) of its size after the
# first minute.
. "$(dirname "${BASH_SOURCE[0]}")/lib/cluster.sh"

seconds=${SOAK_SECONDS:-600}
clients=${SOAK_CLIENTS:-8}
salesops_install_deps
salesops_build_install
salesops_cluster_start -c max_connections=50 -c log_min_messages=warning

work=$(mktemp -d /tmp/salesops-soak.XXXXXX)
chmod 755 "$work"
trap 'salesops_cluster_stop; rm -rf "$work"' EXIT

say "demo data set"
psql_quiet -d postgres -c 'CREATE EXTENSION salesops' -f "$SALESOPS_ROOT/demo/schema.sql" \
	-f "$SALESOPS_ROOT/demo/generate.sql" >/dev/null
psql_quiet -d postgres <<'SQL' >/dev/null
CREATE TABLE crm.daily_deals AS
SELECT r.team_id, o.closed_at AS day,
       deal_summary(o.won, o.amount, o.probability, o.created_at, o.closed_at) AS s
FROM crm.opportunities o JOIN crm.reps r USING (rep_id)
WHERE o.closed_at IS NOT NULL GROUP BY 1, 2;
SQL

# the mix, one file per kind of work (pgbench -f file@weight)
cat >"$work/dashboard.sql" <<'SQL'
SELECT r.team_id, win_rate(s), value_win_rate(s), weighted_pipeline(s), open_pipeline(s),
       avg_deal_size(s), avg_sales_cycle(s), median_sales_cycle(s), sales_velocity(s), backdated_deals(s)
FROM (SELECT rep_id, deal_summary(won, amount, probability, created_at, closed_at) AS s
      FROM crm.opportunities GROUP BY rep_id) x JOIN crm.reps r USING (rep_id);
SELECT win_rate(won), value_win_rate(won, amount), weighted_pipeline(amount, probability) FILTER (WHERE won IS NULL)
FROM crm.opportunities;
SQL
cat >"$work/forecast.sql" <<'SQL'
SELECT rep_id, mae(forecast, actual), rmse(forecast, actual), wape(forecast, actual), mape(forecast, actual),
       forecast_accuracy(forecast_error(forecast, actual))
FROM crm.forecasts WHERE actual IS NOT NULL GROUP BY rep_id;
SQL
cat >"$work/quota.sql" <<'SQL'
SELECT quarter, quota_attainment(a), pct_at_quota(a), median_attainment(a)
FROM (SELECT quarter, attainment_by_rep(rep, achieved, quota) AS a
      FROM (SELECT rep_id::bigint AS rep, fiscal_quarter(closed_at, 2) AS quarter, amount AS achieved, NULL::numeric AS quota
            FROM crm.opportunities WHERE won
            UNION ALL
            SELECT rep_id, fiscal_quarter(month, 2), NULL, quota FROM crm.quotas) r
      GROUP BY quarter) q;
SELECT quarter, reps(attainment_by_rep('rep-' || rep_id, amount, NULL::numeric))
FROM (SELECT rep_id, fiscal_quarter(closed_at, 2) AS quarter, amount FROM crm.opportunities WHERE won) w
GROUP BY quarter;
SQL
cat >"$work/rollup.sql" <<'SQL'
\set team random(1, 6)
SELECT date_trunc('month', day), win_rate(rollup(s)), avg_sales_cycle(rollup(s))
FROM crm.daily_deals WHERE team_id = :team GROUP BY 1;
SELECT count(DISTINCT s) FROM crm.daily_deals WHERE team_id = :team;
SQL
cat >"$work/window.sql" <<'SQL'
SELECT max(x) FROM (SELECT weighted_pipeline(amount, probability) OVER w AS x
                    FROM crm.opportunities WHERE rep_id < 20
                    WINDOW w AS (PARTITION BY rep_id ORDER BY created_at, opp_id ROWS 19 PRECEDING)) s;
SQL
cat >"$work/insert.sql" <<'SQL'
\set day random(0, 700)
INSERT INTO crm.daily_deals
SELECT r.team_id, date '2024-01-01' + :day,
       deal_summary(o.won, o.amount, o.probability, o.created_at, o.closed_at)
FROM crm.opportunities o JOIN crm.reps r USING (rep_id)
WHERE o.closed_at = date '2024-01-01' + :day GROUP BY 1;
SQL

# resident set (kB) of every client backend, by pid
rss_sample() {
	local pid
	for pid in $(psql_quiet -d postgres -At -c \
		"SELECT pid FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND application_name = 'pgbench'"); do
		awk -v p="$pid" '/^VmRSS:/ {print p, $2}' "/proc/$pid/status" 2>/dev/null || true
	done
}

say "pgbench: $clients clients for $seconds s"
as_pg_owner "$PG_BIN/pgbench" -h "$PGHOST" -p "$PGPORT" -U postgres -n -c "$clients" -j 2 -T "$seconds" \
	-f "$work/dashboard.sql@3" -f "$work/forecast.sql@2" -f "$work/quota.sql@2" \
	-f "$work/rollup.sql@3" -f "$work/window.sql@1" -f "$work/insert.sql@2" \
	postgres >"$work/pgbench.out" 2>&1 &
bench=$!
early=60
[ "$seconds" -lt 240 ] && early=$((seconds / 4))
sleep "$early"
rss_sample >"$work/rss.first"
wait_left=$((seconds - early - 10))
[ "$wait_left" -gt 0 ] && sleep "$wait_left"
rss_sample >"$work/rss.last"
status=0
wait "$bench" || status=$?

failed=0
cat "$work/pgbench.out" | grep -E "^(number of (transactions actually processed|failed transactions)|latency average|tps)" >&2 || true
if [ "$status" -ne 0 ] || grep -qiE "aborted|error" "$work/pgbench.out"; then
	say "pgbench reported errors or aborted clients:"
	grep -iE "aborted|error" "$work/pgbench.out" | head -20 >&2
	failed=1
fi
if grep -qE "number of failed transactions: [1-9]" "$work/pgbench.out"; then
	failed=1
fi
if grep -qE "terminated by signal|was terminated|PANIC|server process .* exited" "$SALESOPS_CLUSTER_DIR/server.log"; then
	say "the server log shows a crashed or terminated backend:"
	grep -E "terminated by signal|was terminated|PANIC|exited" "$SALESOPS_CLUSTER_DIR/server.log" | head >&2
	failed=1
fi
# flat memory: a backend sampled at both times stays within 1.5x + 16 MB
growth=$(join <(sort "$work/rss.first") <(sort "$work/rss.last") |
	awk '{n++; if ($3 > 1.5 * $2 + 16384) bad++; if ($3 / $2 > max) max = $3 / $2}
	     END {printf "%d %d %.2f", n, bad + 0, max}')
read -r sampled grew max_ratio <<<"$growth"
say "memory: $sampled backends sampled twice, largest growth x$max_ratio, $grew beyond 1.5x + 16 MB"
[ "${sampled:-0}" -eq 0 ] && { say "no backend was sampled twice"; failed=1; }
[ "${grew:-0}" -ne 0 ] && failed=1

if [ "$failed" -eq 0 ]; then
	echo "salesops soak: PASS ($clients clients, $seconds s)"
else
	echo "salesops soak: FAIL (see above)"
fi
exit "$failed"
