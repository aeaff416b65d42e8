-- demo/nightly_pg_cron.sql: schedule the nightly refresh of demo/nightly.sql
-- with pg_cron (Debian: postgresql-15-cron).  pg_cron runs in the server:
-- postgresql.conf needs
--     shared_preload_libraries = 'pg_cron'
--     cron.database_name = '<this database>'
-- and a restart; its schedules are in GMT (pg_cron 1.4, Debian bookworm).
-- Run this file in that database, as the role the job should run as.
CREATE EXTENSION IF NOT EXISTS pg_cron;

-- every night at 02:15 GMT: tonight's deal snapshot (kpi.deal_snapshot: a
-- deal edited after midnight shows its edit; schedule it earlier, or in the
-- org's time zone, to taste), yesterday's closed deals (and a week of late
-- edits), the pipeline summary snapshot, the last two forecast months
SELECT cron.schedule('salesops-nightly', '15 2 * * *', 'CALL kpi.refresh_nightly()');

-- see what ran and how long it took:
--   SELECT jobid, status, start_time, end_time - start_time AS took, return_message
--   FROM cron.job_run_details ORDER BY start_time DESC LIMIT 10;
