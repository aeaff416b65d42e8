#!/usr/bin/env bash
# Citus check for developers (not in CI, which has no Citus): every salesops
# aggregate over a table distributed by Citus, split on the workers or not,
# and its answer against the single node's.
#
#   CITUS_PG_BIN=/path/to/postgresql/15/bin bash test/citus.sh
#
# CITUS_PG_BIN is the bin directory of a PostgreSQL whose library directory
# holds a Citus build (citus.so): Debian ships no Citus package, so build one
# from Citus's source tree for the installed PostgreSQL, into a relocatable
# copy of it so that the system's stays untouched, for example:
#   cp -a /usr/lib/postgresql/15 /tmp/pg-citus/usr/lib/postgresql/  (and
#   /usr/share/postgresql/15 to /tmp/pg-citus/usr/share/postgresql/)
#   git clone https://github.com/citusdata/citus; cd citus; git checkout v13.2.2
#   ./configure PG_CONFIG=/tmp/pg-citus/usr/lib/postgresql/15/bin/pg_config \
#       --without-libcurl --without-lz4 --without-zstd
#   make -j2 && make install
# (Citus 13 supports PostgreSQL 15 to 17; 14 and later start at 16.)  Never
# vendor or commit it.  The script builds and installs salesops into that
# PostgreSQL, starts a coordinator and two workers (throwaway clusters on
# loopback, as the postgres user when run as root), distributes
# test/sharded/data.sql's tables by id (32 shards), and runs
# test/citus/checks.sql on the coordinator: for every aggregate call of
# test/sharded/calls.sql (and rollup() over a distributed table of stored
# rep_attainment summaries), whether EXPLAIN shows it split
# (worker_partial_agg on the workers, coord_combine_agg on the coordinator)
# or gathered (every row shipped to the coordinator), and whether its answer
# equals the single node's, as text.  Exit status 1 when an exact answer
# differs or an aggregate is gathered (every aggregate has a real state
# since 0.7.0).
set -euo pipefail
: "${CITUS_PG_BIN:?set CITUS_PG_BIN to the bin directory of a PostgreSQL with Citus installed}"
export SALESOPS_PG_BIN=$CITUS_PG_BIN
. "$(dirname "$0")/lib/cluster.sh"

if [ ! -e "$("$PG_CONFIG" --pkglibdir)/citus.so" ]; then
	say "no citus.so in $("$PG_CONFIG" --pkglibdir); build Citus for it first (see the top of this script)"
	exit 2
fi
salesops_install_deps
salesops_build_install
[ "$(id -u)" -eq 0 ] && chown -R postgres: "$("$PG_CONFIG" --pkglibdir)" 2>/dev/null || true
cd "$SALESOPS_ROOT"

work=$(mktemp -d /tmp/salesops-citus.XXXXXX)
chmod 700 "$work"
[ "$(id -u)" -eq 0 ] && chown postgres: "$work"
ports=()
stop_nodes() {
	local node
	for node in coordinator worker1 worker2; do
		[ -f "$work/$node/postmaster.pid" ] &&
			as_pg_owner "$PG_BIN/pg_ctl" -D "$work/$node" -m fast -w stop >/dev/null 2>&1
	done
	rm -rf "$work"
}
trap stop_nodes EXIT
for node in coordinator worker1 worker2; do
	as_pg_owner "$PG_BIN/initdb" -D "$work/$node" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
	started=
	for attempt in $(seq 1 20); do
		port=$((58000 + RANDOM % 2000))
		port_is_free "$port" || continue
		if as_pg_owner "$PG_BIN/pg_ctl" -D "$work/$node" -w -t 120 -l "$work/$node.log" \
			-o "-p $port -k $work -c listen_addresses=127.0.0.1 -c shared_preload_libraries=citus" \
			start >/dev/null; then
			started=1
			break
		fi
	done
	[ -n "$started" ] || { say "could not start $node:"; cat "$work/$node.log" >&2; exit 1; }
	ports+=("$port")
	say "$node on 127.0.0.1:$port"
done
coordinator() { psql_quiet -h "$work" -p "${ports[0]}" -U postgres -d postgres "$@"; }
for i in 1 2; do
	psql_quiet -h "$work" -p "${ports[$i]}" -U postgres -d postgres \
		-c 'CREATE EXTENSION citus' -c 'CREATE EXTENSION salesops'
done
coordinator -c 'CREATE EXTENSION citus' -c 'CREATE EXTENSION salesops' \
	-c "SELECT citus_set_coordinator_host('127.0.0.1', ${ports[0]})" \
	-c "SELECT citus_add_node('127.0.0.1', ${ports[1]})" \
	-c "SELECT citus_add_node('127.0.0.1', ${ports[2]})" >/dev/null
# crm: every row on the coordinator (the single node); dist: the same rows
# in distributed tables
coordinator -v shards=2 -v shard=-1 -f test/sharded/data.sql
coordinator <<'SQL'
CREATE SCHEMA dist;
DO $$
DECLARE
    t text;
BEGIN
    FOR t IN SELECT table_name FROM information_schema.tables WHERE table_schema = 'crm' ORDER BY 1 LOOP
        EXECUTE format('CREATE TABLE dist.%1$I (LIKE crm.%1$I)', t);
        PERFORM create_distributed_table(format('dist.%I', t), 'id');
        EXECUTE format('INSERT INTO dist.%1$I SELECT * FROM crm.%1$I', t);
    END LOOP;
END $$;
SQL
status=0
coordinator -f test/citus/checks.sql || status=1
exit $status
