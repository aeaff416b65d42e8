#!/usr/bin/env bash
# The scheduled-reports recipe (doc/scheduled-reports.md, demo/nightly.sql),
# tested: on the demo data set made larger (NIGHTLY_SCALE copies of every
# opportunity and of its history, default 20: about 590,000 deals), it fills
# the stored daily summaries and deal snapshots, checks every one against
# the raw deals and the history (test/nightly/check.sql),
# times a dashboard read from the raw deals and from the stored summaries
# (test/nightly/timing.sql; printed, not asserted), and, with pg_cron
# installed (Debian's postgresql-15-cron, installed here when run as root),
# schedules the refresh with demo/nightly_pg_cron.sql and checks that a
# pg_cron job really runs it.  Run by test/run.sh; on its own:
#   bash test/nightly/run.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/cluster.sh"

scale=${NIGHTLY_SCALE:-20}
cron_pkg=postgresql-$PG_MAJOR-cron
if [ "$(id -u)" -eq 0 ]; then
	salesops_install_deps "$cron_pkg"
else
	salesops_install_deps
fi
salesops_build_install
cron_args=()
if [ -f "$("$PG_CONFIG" --pkglibdir)/pg_cron.so" ]; then
	# pg_cron's scheduler is a background worker of the cluster; its jobs run
	# in background workers too (no connection, no password needed)
	cron_args=(-c shared_preload_libraries=pg_cron -c cron.database_name=postgres
		-c cron.use_background_workers=on -c max_worker_processes=16)
else
	say "pg_cron is not installed ($cron_pkg): its part is skipped"
fi
salesops_cluster_start "${cron_args[@]}"

ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }
psql_run() { psql_quiet -d postgres "$@"; }

t=$(date +%s%N)
psql_run -c 'CREATE EXTENSION salesops' -f "$SALESOPS_ROOT/demo/schema.sql" -f "$SALESOPS_ROOT/demo/generate.sql"
psql_run <<SQL
-- $scale copies of every opportunity (new ids, same rep, dates and values),
-- and of its history; copies of rows that passed the foreign keys: no need
-- to check them again
SET session_replication_role = replica;
INSERT INTO crm.opportunities
SELECT o.opp_id + k * 10000000, o.account_id, o.rep_id, o.stage, o.won, o.amount, o.probability,
       o.forecast_category, o.created_at, o.closed_at, o.expected_close
FROM crm.opportunities AS o, generate_series(1, $scale - 1) AS k;
INSERT INTO crm.opportunity_history
SELECT h.opp_id + k * 10000000, h.account_id, h.rep_id, h.stage, h.won, h.amount, h.probability,
       h.forecast_category, h.created_at, h.closed_at, h.expected_close, h.valid_from, h.valid_to
FROM crm.opportunity_history AS h, generate_series(1, $scale - 1) AS k;
RESET session_replication_role;
VACUUM ANALYZE crm.opportunities, crm.opportunity_history;
SQL
say "demo data set x $scale: $(psql_run -Atc 'SELECT count(*) FROM crm.opportunities') opportunities, loaded in $(ms_since "$t") ms"

t=$(date +%s%N)
psql_run -f "$SALESOPS_ROOT/demo/nightly.sql"
psql_run -c 'ANALYZE kpi.deals_closed_daily, kpi.deal_snapshot'
say "demo/nightly.sql (schema kpi, history filled: $(psql_run -Atc 'SELECT count(*) FROM kpi.deals_closed_daily') daily summaries, $(psql_run -Atc 'SELECT count(*) FROM kpi.deal_snapshot') deal snapshot rows) in $(ms_since "$t") ms"

failed=0
say "a dashboard's deal KPIs per team: raw deals vs stored daily summaries (median of 5 runs)"
psql_run -f "$SALESOPS_ROOT/test/nightly/timing.sql" || failed=1

cron=
if [ ${#cron_args[@]} -gt 0 ]; then
	cron=1
	psql_run -f "$SALESOPS_ROOT/demo/nightly_pg_cron.sql" >/dev/null
	psql_run -Atc "SELECT 'pg_cron ' || extversion || ': job ' || j.jobname || ' at ' || j.schedule || ': ' || j.command
	               FROM cron.job AS j, pg_extension WHERE extname = 'pg_cron' AND j.jobname = 'salesops-nightly'" |
		grep . >&2 || { say "the nightly job is not scheduled"; exit 1; }
	# a job that runs now (pg_cron 1.4's finest schedule is a minute): it
	# must put back the days deleted here
	psql_run -c "DELETE FROM kpi.deals_closed_daily WHERE day > '2025-12-28'" \
		-c "SELECT cron.schedule('salesops-test', '* * * * *', \$\$CALL kpi.refresh('2025-12-31', 3)\$\$)" >/dev/null
	cron_t0=$(date +%s)
fi

if [ -n "$cron" ]; then
	say "waiting for pg_cron to run the test job (at the start of the next minute)"
	status=
	for _ in $(seq 1 90); do
		status=$(psql_run -Atc "SELECT d.status || ' in ' || round(extract(epoch FROM d.end_time - d.start_time) * 1000) || ' ms'
		                       FROM cron.job_run_details AS d JOIN cron.job AS j USING (jobid)
		                       WHERE j.jobname = 'salesops-test' AND d.status IN ('succeeded', 'failed')
		                       ORDER BY d.start_time LIMIT 1")
		[ -n "$status" ] && break
		sleep 1
	done
	say "pg_cron job after $(($(date +%s) - cron_t0)) s: ${status:-did not run}"
	psql_run -c "SELECT cron.unschedule('salesops-test')" >/dev/null
	if [[ $status != succeeded* ]]; then
		psql_run -c 'SELECT * FROM cron.job_run_details' >&2
		failed=1
	else
		differ=$(psql_run -Atc "SELECT count(*) FILTER (WHERE t.summary::text IS DISTINCT FROM r.s::text) || ' of ' || count(*)
		                        FROM kpi.deals_closed_daily AS t
		                        FULL JOIN (SELECT closed_at AS day, rep_id,
		                                          deal_summary(won, amount, probability, created_at, closed_at) AS s
		                                   FROM crm.opportunities WHERE closed_at > '2025-12-28'
		                                   GROUP BY closed_at, rep_id) AS r USING (day, rep_id)
		                        WHERE t.day > '2025-12-28' OR r.day IS NOT NULL")
		if [[ $differ =~ ^0\ of\ [1-9] ]]; then
			say "the pg_cron job refreshed the deleted days: $differ summaries (day x rep) differ from the raw deals"
		else
			say "the days the pg_cron job refreshed differ from the raw deals: $differ"
			failed=1
		fi
	fi
fi
say "stored summaries against the raw deals"
psql_run -f "$SALESOPS_ROOT/test/nightly/check.sql" || failed=1
exit "$failed"
