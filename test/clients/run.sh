#!/usr/bin/env bash
# Client tests: the KPI report of test/clients/queries.sql through the
# clients users point at PostgreSQL, each over TCP as they connect:
#   JDBC        Debian's libpostgresql-jdbc-java on the default headless JDK
#               (text results, then binary transfer of every type the driver
#               knows plus deal_summary and forecast_error)
#   psycopg2    Debian's python3-psycopg2 (text results only: psycopg2 has no
#               binary mode); client-side parameters and a server PREPARE
#   node-pg     `pg` from npm at the version in package-lock.json (text
#               results, named prepared statements, and binary mode, whose
#               known corruption is checked, see node/kpi_report.js)
# over the demo data set (demo/schema.sql + demo/generate.sql), and checks
# every value each one read against the same query in psql
# (test/clients/compare.py).  Run by test/run.sh; on its own:
#   bash test/clients/run.sh
# It starts its own throwaway cluster, listening on 127.0.0.1 (trust
# authentication, loopback only) besides its private Unix socket.
. "$(dirname "${BASH_SOURCE[0]}")/../lib/cluster.sh"

clients_dir=$SALESOPS_ROOT/test/clients
# Node.js and npm from Debian unless the machine has them already (a Node.js
# from elsewhere, such as NodeSource's, bundles its own npm and conflicts
# with Debian's npm package)
node_packages=()
command -v node >/dev/null 2>&1 || node_packages+=(nodejs)
command -v npm >/dev/null 2>&1 || node_packages+=(npm)
salesops_install_deps default-jdk-headless libpostgresql-jdbc-java python3-psycopg2 "${node_packages[@]}"
salesops_build_install
salesops_cluster_start -c listen_addresses=127.0.0.1

ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }

t0=$(date +%s%N)
export PGDATABASE=salesops_clients
psql_quiet -d postgres -c "CREATE DATABASE $PGDATABASE"
psql_quiet -c 'CREATE EXTENSION salesops' \
	-f "$SALESOPS_ROOT/demo/schema.sql" -f "$SALESOPS_ROOT/demo/generate.sql"
say "demo data set loaded in $(ms_since "$t0") ms"

out=$(mktemp -d /tmp/salesops-clients.XXXXXX)
trap 'rm -rf "$out"; salesops_cluster_stop' EXIT
failed=0
timings=()

# The clients connect over TCP, as a BI tool or a script on another machine
# would; psql (the reference) keeps the Unix socket.
run_client() {
	local name=$1
	shift
	local t
	t=$(date +%s%N)
	if PGHOST=127.0.0.1 "$@" >"$out/$name.tsv" 2>"$out/$name.err"; then
		timings+=("$name $(ms_since "$t") ms")
	else
		say "$name client failed:"
		cat "$out/$name.err" >&2
		failed=1
	fi
}

say "psycopg2 $(/usr/bin/python3 -c 'import psycopg2; print(psycopg2.__version__)')"
run_client python /usr/bin/python3 "$clients_dir/python/kpi_report.py"

say "node $(node --version), pg from package-lock.json (npm ci)"
t=$(date +%s%N)
if ! (cd "$clients_dir/node" && npm ci --no-audit --no-fund --loglevel=error >"$out/npm.log" 2>&1); then
	cat "$out/npm.log" >&2
	failed=1
else
	say "npm ci in $(ms_since "$t") ms: pg $(node -p "require('$clients_dir/node/node_modules/pg/package.json').version")"
	run_client node node "$clients_dir/node/kpi_report.js"
fi

jar=/usr/share/java/postgresql.jar
say "JDBC: $(readlink -f "$jar" | xargs basename), $(java -version 2>&1 | head -n 1)"
t=$(date +%s%N)
if javac -d "$out" -cp "$jar" "$clients_dir/jdbc/KpiReport.java" 2>"$out/javac.err"; then
	say "javac in $(ms_since "$t") ms"
	run_client jdbc java -cp "$jar:$out" KpiReport "$clients_dir/queries.sql"
else
	cat "$out/javac.err" >&2
	failed=1
fi

say "client run times: ${timings[*]}"
args=()
for c in python node jdbc; do
	[ -s "$out/$c.tsv" ] && args+=("$c=$out/$c.tsv")
done
[ ${#args[@]} -eq 3 ] || failed=1
if ! /usr/bin/python3 "$clients_dir/compare.py" "${args[@]}"; then
	failed=1
fi
# CLIENTS_OUT=dir keeps what each client printed, for a look
[ -z "${CLIENTS_OUT:-}" ] || { mkdir -p "$CLIENTS_OUT" && cp "$out"/*.tsv "$CLIENTS_OUT"/; }
exit "$failed"
