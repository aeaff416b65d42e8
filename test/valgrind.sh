#!/usr/bin/env bash
# Memory check of the extension under valgrind memcheck.
#
#   bash test/valgrind.sh
#
# On Debian bookworm, as root (or as a user with the packages installed and
# sudo for `make install`), like test/run.sh:
#   1. installs what is missing (test/lib/cluster.sh's list plus valgrind),
#      builds and installs the extension;
#   2. starts a throwaway PostgreSQL 15 cluster (postgres user, free port,
#      directory under /tmp) whose postmaster runs under
#        valgrind --tool=memcheck --trace-children=yes --error-exitcode=1
#                 --suppressions=test/valgrind/postgres.supp
#      so every backend and parallel worker is checked;
#   3. runs (a) the whole pg_regress suite against it (`make installcheck`;
#      results go under /tmp, not into the tree), (b) test/valgrind/workload.sql:
#      every aggregate and signature over VALGRIND_ROWS rows in VALGRIND_GROUPS
#      groups (default 200,000 in 50,000) with wide numerics, NaN, Infinity and NULLs, under
#      serial and parallel, hashed, sorted and disk-spilling plans, plus a
#      moving window, each result cross-checked, and (c) test/valgrind/memory.sql:
#      bytes per group of each aggregate's state (HashAggregate memory for
#      10,000 vs 100,000 groups against count()) and no growth per row;
#   4. stops the cluster, reads every process's valgrind log
#      (test/valgrind/summarize.py) and prints one summary line.
#
# Exit status: non-zero when valgrind reported an error with a salesops
# frame on its stack (the stack is printed), or when the suite, the
# workload's cross-checks or the memory limits failed.  Also, by default,
# when an error outside salesops frames was not suppressed: an
# uninitialised value made by salesops is reported where it is first used,
# and at -O2 that is often inside PostgreSQL (say, int4out printing a
# returned Datum), with no salesops frame on the stack.  Such errors are
# printed, with ready-made suppressions in <log dir>/unsuppressed.supp for
# the ones that turn out to be PostgreSQL noise; VALGRIND_LAX=1 fails only
# on salesops frames.  Logs stay in /tmp/salesops-valgrind.*/ (path printed).
#
# What memcheck can and cannot see here: Debian's PostgreSQL is not built
# with USE_VALGRIND, so palloc'd chunks inside a memory-context block are
# not separately tracked.  Reads or writes past a palloc'd chunk that stay
# inside its block, and use of freed palloc memory, go unnoticed; reads of
# never-written memory (uninitialised bytes, including struct padding sent
# to disk or a socket), accesses outside malloc'd blocks, bad frees and
# overlapping memcpy are reported (a deliberately broken module built like
# salesops had its read past a 20,000-byte palloc caught and attributed to
# its source line).  The memory-per-group check (c) covers the growth that
# leak checking cannot (memory contexts own everything; --leak-check=no).
#
# Knobs: VALGRIND_ROWS, VALGRIND_GROUPS (workload size), VALGRIND_LAX=1,
# VALGRIND_PARTS (default "regress workload memory": the steps to run),
# VALGRIND_DEADLINE (seconds for the whole run, default 3600: a step still
# running then is stopped and counts as failed),
# VALGRIND_ERROR_EXITCODE (default 1, see below), VALGRIND_TRACK_ORIGINS=yes
# (where uninitialised values were created; about 1.5x slower).
# About 31 minutes on 2 cores (Debian bookworm, PostgreSQL 15.20, 27
# regress tests, VALGRIND_ROWS=20000, 2026-12-06), most of it the pg_regress
# suite, which grows with the project; on a loaded machine, up to twice that.
. "$(dirname "$0")/lib/cluster.sh"

VG_SUPPORT=$SALESOPS_ROOT/test/valgrind
VALGRIND_ROWS=${VALGRIND_ROWS:-200000}
VALGRIND_GROUPS=${VALGRIND_GROUPS:-50000}
# a hard bound on the whole run: each step gets what is left of it
VALGRIND_DEADLINE=${VALGRIND_DEADLINE:-3600}
VALGRIND_PARTS=${VALGRIND_PARTS:-regress workload memory}
# where uninitialised values come from: about 1.5x slower, so off unless asked
VALGRIND_TRACK_ORIGINS=${VALGRIND_TRACK_ORIGINS:-no}
# A process with errors exits 1, as after a FATAL error: the postmaster
# does not take it for a crash, so one error does not abort every session
# and the run collects all of them (the logs decide the verdict).  128, as
# the buildfarm uses, turns each such exit into a crash-restart instead.
VG_ERROR_EXITCODE=${VALGRIND_ERROR_EXITCODE:-1}
started=$SECONDS

salesops_install_deps valgrind
salesops_build_install

# --- the cluster under valgrind ---------------------------------------------
VG_RUN_DIR=$(mktemp -d /tmp/salesops-valgrind.XXXXXX)
chmod 755 "$VG_RUN_DIR"
VG_LOG_DIR=$VG_RUN_DIR/valgrind
SALESOPS_CLUSTER_DIR=$VG_RUN_DIR/cluster	# salesops_cluster_stop removes only this
mkdir -p "$VG_LOG_DIR" "$SALESOPS_CLUSTER_DIR" "$VG_RUN_DIR/regress"
# valgrind runs as postgres: give it its own copy of the suppressions
cp "$VG_SUPPORT/postgres.supp" "$VG_RUN_DIR/postgres.supp"
[ "$(id -u)" -eq 0 ] && chown postgres: "$VG_LOG_DIR" "$SALESOPS_CLUSTER_DIR"
VG_PID=

vg_cluster_stop() {
	local rc=0
	if [ -n "$VG_PID" ]; then
		as_pg_owner "$PG_BIN/pg_ctl" -D "$SALESOPS_CLUSTER_DIR/data" -m fast -w -t 300 \
			stop >/dev/null 2>&1 || kill -QUIT "$VG_PID" 2>/dev/null || true
		wait "$VG_PID" || rc=$?
		VG_PID=
	fi
	salesops_cluster_stop	# removes the data directory; logs stay
	return "$rc"
}
trap vg_cluster_stop EXIT

as_pg_owner "$PG_BIN/initdb" -D "$SALESOPS_CLUSTER_DIR/data" -U postgres \
	-A trust -E UTF8 --locale=C.UTF-8 >/dev/null

vg_cluster_start() {
	local port i
	for port in $(seq $((54000 + RANDOM % 900)) 55999); do
		port_is_free "$port" || continue
		# jit off: LLVM under valgrind is slow and is not our code.
		# Autovacuum stays on, as in test/run.sh, but with a naptime of a
		# day it starts no worker during the run: its launcher must hold
		# its usual backend slot, since expected outputs print temporary
		# schema names (pg_temp_3) that follow the session's slot.
		as_pg_owner valgrind --tool=memcheck --trace-children=yes \
			--error-exitcode=$VG_ERROR_EXITCODE \
			--suppressions="$VG_RUN_DIR/postgres.supp" \
			--leak-check=no --track-origins="$VALGRIND_TRACK_ORIGINS" --num-callers=40 \
			--error-markers=VALGRINDERROR-BEGIN,VALGRINDERROR-END \
			--gen-suppressions=all --fullpath-after="$SALESOPS_ROOT/" \
			--log-file="$VG_LOG_DIR/vg.%p.log" \
			"$PG_BIN/postgres" -D "$SALESOPS_CLUSTER_DIR/data" -p "$port" \
			-k "$SALESOPS_CLUSTER_DIR" -c listen_addresses=127.0.0.1 \
			-c jit=off -c huge_pages=off -c autovacuum_naptime=1d -c fsync=off \
			-c shared_buffers=64MB -c max_connections=20 \
			-c log_line_prefix='%m [%p] %b ' \
			>"$VG_RUN_DIR/server.log" 2>&1 &
		VG_PID=$!
		for i in $(seq 240); do
			if "$PG_BIN/pg_isready" -q -h "$SALESOPS_CLUSTER_DIR" -p "$port" -U postgres -d postgres; then
				export PGHOST=$SALESOPS_CLUSTER_DIR PGPORT=$port PGUSER=postgres PGDATABASE=postgres
				say "postmaster under valgrind memcheck on port $port in $VG_RUN_DIR (ready after ${i}s)"
				return 0
			fi
			kill -0 "$VG_PID" 2>/dev/null || break
			sleep 1
		done
		if kill -0 "$VG_PID" 2>/dev/null || ! grep -q 'could not bind' "$VG_RUN_DIR/server.log"; then
			say "the postmaster did not start under valgrind; server log:"
			cat "$VG_RUN_DIR/server.log" >&2
			exit 1
		fi
		wait "$VG_PID" || true	# the port was taken meanwhile: next one
		VG_PID=
	done
	say "no free port"
	exit 1
}
vg_cluster_start

# seconds left before the deadline (at least 30, to stop cleanly)
time_left() {
	local left=$((VALGRIND_DEADLINE - (SECONDS - started)))
	echo $((left > 30 ? left : 30))
}
want() { case " $VALGRIND_PARTS " in *" $1 "*) return 0 ;; esac; return 1; }
export PGOPTIONS="-c statement_timeout=${VALGRIND_DEADLINE}s"
failed=()
psql_quiet -c 'CREATE DATABASE salesops_valgrind' -c '\c salesops_valgrind' -c 'CREATE EXTENSION salesops'

# --- (a) the pg_regress suite -------------------------------------------------
if want regress; then
	say "(a) pg_regress suite under valgrind"
	step=$SECONDS
	# cancel.sql is left out: it times seconds-long statements by design
	# (minutes under valgrind), a check of latency, not of memory
	regress_list=$(sed -n 's/^REGRESS = //p' "$SALESOPS_ROOT/Makefile" | sed 's/ cancel\b//')
	if ! (cd "$SALESOPS_ROOT" && timeout "$(time_left)" make -s PG_CONFIG="$PG_CONFIG" installcheck \
		REGRESS="$regress_list" EXTRA_REGRESS_OPTS="--outputdir=$VG_RUN_DIR/regress"); then
		[ -f "$VG_RUN_DIR/regress/regression.diffs" ] && head -100 "$VG_RUN_DIR/regress/regression.diffs"
		failed+=("pg_regress")
	fi
	say "(a) took $((SECONDS - step))s"
fi

# --- (b) many groups, every aggregate, serial and parallel ----------------------
if want workload; then
	say "(b) $VALGRIND_ROWS rows in $VALGRIND_GROUPS groups, every aggregate, serial and parallel plans"
	step=$SECONDS
	if timeout "$(time_left)" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -d salesops_valgrind \
		-v rows="$VALGRIND_ROWS" -v groups="$VALGRIND_GROUPS" -f "$VG_SUPPORT/workload.sql" \
		>"$VG_RUN_DIR/workload.out" 2>&1; then
		cat "$VG_RUN_DIR/workload.out"
		grep -q 'workload check: PASS' "$VG_RUN_DIR/workload.out" || failed+=("workload cross-checks")
	else
		cat "$VG_RUN_DIR/workload.out"
		failed+=("workload")
	fi
	say "(b) took $((SECONDS - step))s"
fi

# --- (c) memory per group -----------------------------------------------------
: >"$VG_RUN_DIR/memory.out"
if want memory; then
	say "(c) memory per group: HashAggregate memory, 10,000 vs 100,000 groups"
	step=$SECONDS
	if ! timeout "$(time_left)" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -d salesops_valgrind \
		-f "$VG_SUPPORT/memory.sql" >"$VG_RUN_DIR/memory.out" 2>&1; then
		failed+=("memory measurement")
	fi
	grep -v '^MEMROW|' "$VG_RUN_DIR/memory.out" || true
	grep -q '^memory check: PASS' "$VG_RUN_DIR/memory.out" || failed+=("memory per group")
	say "(c) took $((SECONDS - step))s"
fi

# --- stop, then read the logs -------------------------------------------------
say "stopping the cluster (valgrind writes each process's summary at its exit)"
postmaster_rc=0
vg_cluster_stop || postmaster_rc=$?
trap - EXIT

echo
echo "==================== valgrind memcheck report ===================="
set +e
python3 "$VG_SUPPORT/summarize.py" "$VG_LOG_DIR" "$SALESOPS_ROOT/src" \
	$([ "${VALGRIND_LAX:-0}" = 1 ] && echo --lax) | tee "$VG_RUN_DIR/summary.txt"
vg_rc=${PIPESTATUS[0]}
set -e
if want memory; then
	echo
	echo "memory per group (bytes; state = slope - count() slope; expected = the state's palloc chunk):"
	printf '  %-45s %9s %8s %9s %12s %14s\n' aggregate bytes/grp state expected "wide rows" "6->36 rows"
	sed -n 's/^MEMROW|//p' "$VG_RUN_DIR/memory.out" |
		while IFS='|' read -r agg slope state expected wide growth; do
			printf '  %-45s %9s %8s %9s %12s %14s\n' "$agg" "$slope" "$state" "$expected" "$wide" "$growth"
		done
	grep '^memory check:' "$VG_RUN_DIR/memory.out" | sed 's/^/  /' || true
fi

if [ "$vg_rc" -ne 0 ]; then
	if grep -q 'salesops=[1-9]' "$VG_RUN_DIR/summary.txt"; then
		failed+=("valgrind errors in salesops frames")
	else
		failed+=("valgrind errors outside salesops frames (see above)")
	fi
fi
[ "$postmaster_rc" -ne 0 ] && say "note: the postmaster exited with status $postmaster_rc"

counts=$(sed -n 's/^VGSUMMARY //p' "$VG_RUN_DIR/summary.txt")
elapsed=$((SECONDS - started))
echo
if [ ${#failed[@]} -eq 0 ]; then
	echo "salesops valgrind: PASS in ${elapsed}s ($counts; logs in $VG_RUN_DIR)"
	exit 0
fi
echo "salesops valgrind: FAIL in ${elapsed}s: $(IFS=,; echo "${failed[*]}") ($counts; logs in $VG_RUN_DIR)"
exit 1
