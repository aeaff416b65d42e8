#!/usr/bin/env bash
# The sanitizer stage: the extension built with clang UBSan (every
# check fatal, signed overflow included), installed over the normal build,
# in a throwaway cluster whose postgres runs with the UBSan runtime
# preloaded; then
#   1. the whole pg_regress suite (same expected output as the normal build),
#   2. the property check (random groups, serial and parallel plans),
#   3. the fuzz corpus and every past finding replayed through the fuzz
#      harness (test/fuzz/corpus, test/fuzz/regressions),
#   4. a short coverage-guided fuzz run (FUZZ_SECONDS, default 60; 0 skips),
# and no sanitizer report, no backend killed by a signal.  The normal build
# is reinstalled on exit.  See test/lib/sanitizer.sh for what it can and
# cannot see here.  Run by test/run.sh; on its own:
#   bash test/sanitize.sh
. "$(dirname "$0")/lib/cluster.sh"
. "$SALESOPS_ROOT/test/lib/sanitizer.sh"

FUZZ_SECONDS=${FUZZ_SECONDS:-60}
salesops_install_deps "${SALESOPS_SAN_PACKAGES[@]}" python3-psycopg2 python3-numpy
t0=$(date +%s)
salesops_build_install
salesops_sanitizer_build_install
salesops_sanitizer_cluster_start

cd "$SALESOPS_ROOT"
failed=0
passed=0
step() { if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi; }

regress() {
	say "sanitizer: pg_regress suite"
	if ! make -s PG_CONFIG="$PG_CONFIG" installcheck; then
		[ -f regression.diffs ] && cat regression.diffs
		return 1
	fi
}
step regress

say "sanitizer: property check"
step /usr/bin/python3 test/property_check.py

say "sanitizer: fuzz corpus and past findings replayed"
step /usr/bin/python3 test/fuzz/fuzz.py --replay test/fuzz/corpus test/fuzz/regressions

if [ "$FUZZ_SECONDS" != 0 ]; then
	say "sanitizer: fuzzing for $FUZZ_SECONDS s"
	step env FUZZ_SEED="${FUZZ_SEED:-20261123}" /usr/bin/python3 test/fuzz/fuzz.py --seconds "$FUZZ_SECONDS"
fi

say "sanitizer: reports"
step salesops_sanitizer_check

echo "sanitize: $passed passed, $failed failed ($(($(date +%s) - t0)) s)"
[ "$failed" -eq 0 ]
