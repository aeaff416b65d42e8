#!/usr/bin/env bash
# The pg_regress suite with every backend under valgrind memcheck: invalid
# reads and writes, use of uninitialised values, invalid frees, and overlaps
# in memcpy, in the normal build of the extension (gcc -O2 -g) running in
# Debian's postgres.  This is the memory-error check the UBSan stage cannot
# make (see test/lib/sanitizer.sh for why ASan is not used).
#
# Debian's postgres is not built with USE_VALGRIND, so memcheck knows
# malloc'd blocks, not palloc chunks: a read past the end of a palloc chunk
# that stays inside its block is not seen, but reads and writes past a
# block, reads of memory never written (palloc does not zero, and memcheck
# tracks that), stack errors and bad frees are.  The server itself makes
# memcheck reports of its own (uninitialised padding sent to the kernel,
# and the like): only reports with a frame in salesops.so fail this test;
# the others are counted.
#   bash test/valgrind.sh          (not in test/run.sh: ~20 minutes on 2 cores)
#   VALGRIND_TESTS="forecast deals hardening" bash test/valgrind.sh   (a subset)
. "$(dirname "$0")/lib/cluster.sh"

salesops_install_deps valgrind
salesops_build_install
t0=$(date +%s)

# A cluster like salesops_cluster_start's, whose postmaster runs under
# valgrind (its backends are forks of it, so they run under it too).
SALESOPS_CLUSTER_DIR=$(mktemp -d /tmp/salesops-cluster.XXXXXX)
chmod 700 "$SALESOPS_CLUSTER_DIR"
[ "$(id -u)" -eq 0 ] && chown postgres: "$SALESOPS_CLUSTER_DIR"
trap salesops_cluster_stop EXIT
vgdir=$SALESOPS_CLUSTER_DIR/valgrind
as_pg_owner mkdir "$vgdir"
as_pg_owner "$PG_BIN/initdb" -D "$SALESOPS_CLUSTER_DIR/data" -U postgres -A trust -E UTF8 \
	--locale=C.UTF-8 >/dev/null
port=
for attempt in $(seq 1 20); do
	candidate=$((54000 + RANDOM % 2000))
	if port_is_free "$candidate"; then port=$candidate; break; fi
done
[ -n "$port" ] || { say "no free port"; exit 1; }
(
	cd /
	exec runuser -u postgres -- valgrind --quiet --tool=memcheck --trace-children=no \
		--leak-check=no --track-origins=yes --read-var-info=no --num-callers=30 --error-limit=no \
		--log-file="$vgdir/vg.%p" \
		"$PG_BIN/postgres" -D "$SALESOPS_CLUSTER_DIR/data" -p "$port" -k "$SALESOPS_CLUSTER_DIR" \
		-c listen_addresses= -c jit=off -c max_parallel_workers_per_gather=2 \
		-c statement_timeout=0 -c log_min_messages=warning >"$SALESOPS_CLUSTER_DIR/server.log" 2>&1
) &
export PGHOST=$SALESOPS_CLUSTER_DIR PGPORT=$port PGUSER=postgres PGDATABASE=postgres
for _ in $(seq 1 240); do
	"$PG_BIN/pg_isready" -q && break
	sleep 0.5
done
"$PG_BIN/pg_isready" -q || { say "the server under valgrind did not start:"; cat "$SALESOPS_CLUSTER_DIR/server.log" >&2; exit 1; }
say "server under valgrind on port $port ($(($(date +%s) - t0)) s to start)"

cd "$SALESOPS_ROOT"
failed=0
regress=()
[ -n "${VALGRIND_TESTS:-}" ] && regress=(REGRESS="$VALGRIND_TESTS")
if ! make -s PG_CONFIG="$PG_CONFIG" installcheck "${regress[@]}"; then
	[ -f regression.diffs ] && cat regression.diffs
	failed=1
fi
as_pg_owner "$PG_BIN/pg_ctl" -D "$SALESOPS_CLUSTER_DIR/data" -m fast -w -t 300 stop >/dev/null || true

# Error blocks: a "==pid== <what>" line followed by its stack ("at"/"by").
python3 - "$vgdir" <<'PY' || failed=1
import re, sys
from collections import Counter
from pathlib import Path

ours, others = [], Counter()
for log in sorted(Path(sys.argv[1]).glob("vg.*")):
    block = []
    for line in log.read_text(errors="replace").splitlines() + [""]:
        text = re.sub(r"^==\d+== ?", "", line)
        if text.strip() == "":
            if block:
                (ours.append("\n".join(block)) if any("salesops.so" in b for b in block)
                 else others.update([block[0]]))
            block = []
        else:
            block.append(text)
print(f"valgrind: {len(ours)} reports in salesops.so, {sum(others.values())} elsewhere in the server")
for what, n in others.most_common(5):
    print(f"  (server) {n} x {what}")
for report in ours[:10]:
    print(report, file=sys.stderr)
sys.exit(1 if ours else 0)
PY
echo "valgrind: the regression suite under memcheck in $(($(date +%s) - t0)) s, $([ "$failed" -eq 0 ] && echo "no report in salesops.so" || echo FAILED)"
exit "$failed"
