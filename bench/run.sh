#!/usr/bin/env bash
# The benchmark (make bench): our aggregates beside the best plain SQL and
# the executor's own floor, in one run on one throwaway cluster.
#
#   make bench                       # ROWS=10000000 RUNS=5
#   ROWS=1000000 RUNS=3 make bench   # quick run (about a minute)
#   SHAPES=flow,flow_team make bench # only these shapes (and only their tables)
#   SHAPES=cust,cust_seg,roster,roster_team make bench  # the customers family
#   SHAPES=funnel,funnel_team,stays,stays_team,leads,leads_team make bench  # funnel and leads
#   bash bench/run.sh                # the same without make
#
# Environment: ROWS (rows in each table, default 10000000; the two flow
# snapshots hold ROWS / 2 deals each, the rep roster ROWS / 10 spells, the
# funnel ROWS / 2 deals, ROWS stage stays and ROWS / 2 leads),
# RUNS (timed runs per query, default 5), SHAPES (comma-separated shapes of bench/shapes.tsv, default all),
# SHARED_BUFFERS (default 4GB; must hold the tables loaded), OUT (results
# directory, default bench/results).  See bench/README.md.
. "$(dirname "$0")/../test/lib/cluster.sh"

ROWS=${ROWS:-10000000}
RUNS=${RUNS:-5}
SHARED_BUFFERS=${SHARED_BUFFERS:-4GB}
OUT=${OUT:-$SALESOPS_ROOT/bench/results}
BENCH=$SALESOPS_ROOT/bench

SHAPES=${SHAPES:-}
for var in ROWS RUNS; do
	if ! [[ ${!var} =~ ^[1-9][0-9]*$ ]]; then
		say "$var must be a positive integer (got '${!var}')"
		exit 2
	fi
done

# The tables the selected shapes read (column 2 of bench/shapes.tsv), hence
# the generators to run: bench/gen_opportunities.sql also makes the quota
# tables, bench/gen_flow.sql the two snapshots, bench/gen_customers.sql the
# customer rows or the rep roster or both, bench/gen_funnel.sql any of the
# deals' highest stages, the stage stays and the leads.  Every shape by default.
declare -A shape_table=()
shape_names=()
while IFS=$'\t' read -r shape table _; do
	[[ -z $shape || $shape == \#* ]] && continue
	shape_table[$shape]=$table
	shape_names+=("$shape")
done <"$BENCH/shapes.tsv"
if [ -z "$SHAPES" ]; then
	tables=("${shape_table[@]}")
else
	tables=()
	IFS=, read -ra selected <<<"$SHAPES"
	for shape in "${selected[@]}"; do
		if [ -z "${shape_table[$shape]:-}" ]; then
			say "SHAPES: unknown shape '$shape' (bench/shapes.tsv has: ${shape_names[*]})"
			exit 2
		fi
		tables+=("${shape_table[$shape]}")
	done
fi
gen_opportunities= gen_forecasts= gen_flow= gen_customers= gen_reps= gen_deals= gen_stays= gen_leads=
for table in "${tables[@]}"; do
	case $table in
	bench.opportunities) gen_opportunities=1 ;;
	bench.forecasts) gen_forecasts=1 ;;
	bench.flow_start) gen_flow=1 ;;
	bench.customers) gen_customers=1 ;;
	bench.reps) gen_reps=1 ;;
	bench.deal_stages) gen_deals=1 ;;
	bench.stage_stays) gen_stays=1 ;;
	bench.leads) gen_leads=1 ;;
	*) say "bench/shapes.tsv: no generator makes $table"; exit 2 ;;
	esac
done

# gnuplot for the plot; pg_prewarm comes with the server package on Debian
# (postgresql-contrib-15 is a virtual package that postgresql-15 provides,
# so asking for it by name would make every run look for it with apt-get)
extra=(gnuplot-nox)
[ -e "/usr/share/postgresql/$PG_MAJOR/extension/pg_prewarm.control" ] ||
	extra+=("postgresql-contrib-$PG_MAJOR")
salesops_install_deps "${extra[@]}"
salesops_build_install

# Server settings, all stated in the output.  The machine this was written
# for has 2 cores and 24 GiB: shared_buffers holds every table (at 10M rows
# 850 MB + 650 MB, the quota tables, and 2 x 330 MB of flow snapshots), two
# parallel workers, no JIT (its compile time would swamp the per-row costs
# we compare), no autovacuum during timing.
# fsync/full_page_writes/synchronous_commit off and wal_level=minimal only
# speed up the load of a cluster that is thrown away; reads are unaffected.
settings=(
	"shared_buffers=$SHARED_BUFFERS"
	work_mem=64MB
	max_worker_processes=8
	max_parallel_workers=2
	max_parallel_workers_per_gather=2
	jit=off
	autovacuum=off
	fsync=off
	full_page_writes=off
	synchronous_commit=off
	wal_level=minimal
	max_wal_senders=0
	max_wal_size=16GB
	checkpoint_timeout=1h
)
server_args=()
for s in "${settings[@]}"; do server_args+=(-c "$s"); done
salesops_cluster_start "${server_args[@]}"

started=$(date +%s)
psql_quiet -f "$BENCH/schema.sql"
# the tables load at the same time (one generator per core; with all three
# the flow snapshots share the cores with the other two)
pids=() loaded=()
if [ -n "$gen_opportunities" ]; then
	say "generating ROWS=$ROWS opportunities"
	psql_quiet -v rows="$ROWS" -f "$BENCH/gen_opportunities.sql" &
	pids+=($!)
	loaded+=(bench.opportunities bench.quotas bench.won_deals_keyed bench.quotas_keyed bench.rep_attainment_daily bench.won_by_rep_daily)
fi
if [ -n "$gen_forecasts" ]; then
	say "generating ROWS=$ROWS forecast lines"
	psql_quiet -v rows="$ROWS" -f "$BENCH/gen_forecasts.sql" &
	pids+=($!)
	loaded+=(bench.forecasts)
fi
if [ -n "$gen_flow" ]; then
	say "generating two pipeline snapshots of ROWS/2=$((ROWS / 2)) deals"
	psql_quiet -v deals="$((ROWS / 2))" -f "$BENCH/gen_flow.sql" &
	pids+=($!)
	loaded+=(bench.flow_start bench.flow_end)
fi
# customers and reps: one file, each table in a session of its own
if [ -n "$gen_customers" ]; then
	say "generating ROWS=$ROWS customer rows"
	psql_quiet -v customers="$ROWS" -v reps=0 -f "$BENCH/gen_customers.sql" &
	pids+=($!)
	loaded+=(bench.customers)
fi
if [ -n "$gen_reps" ]; then
	say "generating a rep roster of ROWS/10=$((ROWS / 10)) spells"
	psql_quiet -v customers=0 -v reps="$((ROWS / 10))" -f "$BENCH/gen_customers.sql" &
	pids+=($!)
	loaded+=(bench.reps)
fi
# the funnel and lead tables: one file, each table in a session of its own
if [ -n "$gen_deals" ]; then
	say "generating ROWS/2=$((ROWS / 2)) deals' highest stages"
	psql_quiet -v deals="$((ROWS / 2))" -v stays=0 -v leads=0 -f "$BENCH/gen_funnel.sql" &
	pids+=($!)
	loaded+=(bench.deal_stages)
fi
if [ -n "$gen_stays" ]; then
	say "generating ROWS=$ROWS stage stays"
	psql_quiet -v deals=0 -v stays="$ROWS" -v leads=0 -f "$BENCH/gen_funnel.sql" &
	pids+=($!)
	loaded+=(bench.stage_stays)
fi
if [ -n "$gen_leads" ]; then
	say "generating ROWS/2=$((ROWS / 2)) leads"
	psql_quiet -v deals=0 -v stays=0 -v leads="$((ROWS / 2))" -f "$BENCH/gen_funnel.sql" &
	pids+=($!)
	loaded+=(bench.leads)
fi
for pid in "${pids[@]}"; do
	wait "$pid"
done
say "loaded in $(($(date +%s) - started)) s; VACUUM (FREEZE, ANALYZE) and pg_prewarm"
# FREEZE also sets every hint bit and the visibility map, so no timed scan
# writes a page; then the tables (heap only, there are no indexes) are read
# into shared_buffers
for table in "${loaded[@]}"; do
	psql_quiet -c "VACUUM (FREEZE, ANALYZE) $table" -c "SELECT pg_prewarm('$table')" >/dev/null
done

# the flow shapes: the plain SQL must give the waterfall pipeline_flow gives
if [ -n "$gen_flow" ]; then
	say "checking that plain SQL and pipeline_flow give the same bars"
	python3 "$BENCH/check_flow.py" --psql "$PG_BIN/psql" \
		--queries "$BENCH/queries.tsv" --shapes "$BENCH/shapes.tsv" --only "$SHAPES"
fi

# the customer and roster shapes: the plain SQL must give ours' figures
if [ -n "$gen_customers$gen_reps" ]; then
	say "checking that plain SQL and ours give the same customer and roster figures"
	python3 "$BENCH/check_equal.py" --psql "$PG_BIN/psql" --tables bench.customers,bench.reps \
		--queries "$BENCH/queries.tsv" --shapes "$BENCH/shapes.tsv" --only "$SHAPES"
fi

# the funnel and lead shapes likewise, each figure within 1e-12 relative:
# percentile_cont interpolates in float8 where ours interpolates exactly and
# rounds once; the check names every column not equal bit for bit
if [ -n "$gen_deals$gen_stays$gen_leads" ]; then
	say "checking that plain SQL and ours give the same funnel, stage time and lead figures"
	python3 "$BENCH/check_equal.py" --psql "$PG_BIN/psql" \
		--tables bench.deal_stages,bench.stage_stays,bench.leads --rel-tol 1e-12 \
		--queries "$BENCH/queries.tsv" --shapes "$BENCH/shapes.tsv" --only "$SHAPES"
fi

mkdir -p "$OUT"
revision=$(git -C "$SALESOPS_ROOT" describe --always --dirty 2>/dev/null || echo unknown)
python3 "$BENCH/bench.py" --rows "$ROWS" --runs "$RUNS" --out "$OUT" \
	--psql "$PG_BIN/psql" --settings "${settings[*]}" --revision "$revision" \
	--queries "$BENCH/queries.tsv" --shapes "$BENCH/shapes.tsv" --only "$SHAPES"
say "benchmark done in $(($(date +%s) - started)) s after the cluster start"
