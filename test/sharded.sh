#!/usr/bin/env bash
# Scale-out with PostgreSQL's own postgres_fdw: two shard clusters and a
# coordinator, each a throwaway cluster on a Unix socket, every family's
# aggregates pushed down to the shards and every summary rolled up on the
# coordinator, compared with the single node bit for bit
# (test/sharded/checks.sql says how).
#   bash test/sharded.sh      (run by test/run.sh)
#
# The coordinator's database holds every row (schema crm, the single node)
# and reaches the shards through servers with `extensions 'salesops'`, the
# option without which postgres_fdw ships no salesops function and fetches
# the rows instead.
. "$(dirname "$0")/lib/cluster.sh"

salesops_install_deps
salesops_build_install
salesops_cluster_start
cd "$SALESOPS_ROOT"
t0=$SECONDS
coordinator_dir=$SALESOPS_CLUSTER_DIR

# the shards: clusters in the coordinator's directory (so its clean-up
# removes them), stopped before it
shard_ports=()
stop_shards() {
	local k
	for k in 0 1; do
		[ -f "$coordinator_dir/shard$k/data/postmaster.pid" ] &&
			as_pg_owner "$PG_BIN/pg_ctl" -D "$coordinator_dir/shard$k/data" -m fast -w stop >/dev/null 2>&1
	done
	salesops_cluster_stop
}
trap stop_shards EXIT
for k in 0 1; do
	dir=$coordinator_dir/shard$k
	as_pg_owner mkdir -m 700 "$dir"
	as_pg_owner "$PG_BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
	started=
	for attempt in $(seq 1 20); do
		port=$((56000 + RANDOM % 2000))
		port_is_free "$port" || continue
		if as_pg_owner "$PG_BIN/pg_ctl" -D "$dir/data" -w -t 120 -l "$dir/server.log" \
			-o "-p $port -k $dir -c listen_addresses=''" start >/dev/null; then
			started=1
			break
		fi
	done
	if [ -z "$started" ]; then
		say "could not start shard $k; server log:"
		cat "$dir/server.log" >&2
		exit 1
	fi
	shard_ports+=("$port")
	say "shard $k on port $port in $dir"
	psql_quiet -h "$dir" -p "$port" -d postgres -c 'CREATE EXTENSION salesops' \
		-v shards=2 -v shard="$k" -f test/sharded/data.sql
done

psql_quiet -d postgres -c 'CREATE EXTENSION salesops' -c 'CREATE EXTENSION postgres_fdw' \
	-v shards=2 -v shard=-1 -f test/sharded/data.sql
for k in 0 1; do
	psql_quiet -d postgres <<SQL
CREATE SERVER shard$k FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host '$coordinator_dir/shard$k', port '${shard_ports[$k]}', dbname 'postgres',
             extensions 'salesops', fetch_size '10000');
CREATE USER MAPPING FOR postgres SERVER shard$k;
CREATE SCHEMA s$k;
IMPORT FOREIGN SCHEMA crm FROM SERVER shard$k INTO s$k;
SQL
done
# dist: each table partitioned by shard, the shards' tables its partitions
psql_quiet -d postgres <<'SQL'
CREATE SCHEMA dist;
DO $$
DECLARE
    t text;
BEGIN
    FOR t IN SELECT table_name FROM information_schema.tables WHERE table_schema = 'crm' LOOP
        EXECUTE format('CREATE TABLE dist.%1$I (LIKE crm.%1$I) PARTITION BY LIST (shard)', t);
        EXECUTE format('CREATE FOREIGN TABLE dist.%1$I_0 PARTITION OF dist.%1$I FOR VALUES IN (0) SERVER shard0 OPTIONS (schema_name ''crm'', table_name %1$L)', t);
        EXECUTE format('CREATE FOREIGN TABLE dist.%1$I_1 PARTITION OF dist.%1$I FOR VALUES IN (1) SERVER shard1 OPTIONS (schema_name ''crm'', table_name %1$L)', t);
    END LOOP;
END $$;
SQL
status=0
psql_quiet -d postgres -f test/sharded/checks.sql || status=1
say "sharded checks took $((SECONDS - t0)) s"
exit $status
