#!/usr/bin/env bash
# Fuzz salesops' parsers of untrusted bytes for a bounded time, in a
# throwaway cluster running the UBSan build (test/lib/sanitizer.sh)
# with the in-backend harness (test/fuzz/harness.c), the coverage-guided
# driver (test/fuzz/fuzz.py) and the summary invariant oracle
# (test/fuzz/invariants.py, doc/summary-invariants.md):
#   FUZZ_SECONDS=600 bash test/fuzz.sh
# Environment:
#   FUZZ_SECONDS   total time, shared round-robin by the targets (default 600)
#   FUZZ_TARGETS   comma-separated subset of the twenty targets (test/fuzz/fuzz.py TARGETS) (default all)
#   FUZZ_SEED      random seed (default: the clock)
#   FUZZ_SAVE=1    add the inputs that reached new coverage to test/fuzz/corpus
#   FUZZ_FINDINGS  where crashing / wrong inputs are saved
#                  (default /tmp/salesops-fuzz-findings)
# Exits non-zero on any finding (a crash, a wrong result, an accepted value
# that breaks a summary invariant) or sanitizer report.  Turn a finding into a
# regression: copy its file to test/fuzz/regressions/<target>/ (replayed by
# test/sanitize.sh) and add the SQL form to test/sql/hardening.sql.
. "$(dirname "$0")/lib/cluster.sh"
. "$SALESOPS_ROOT/test/lib/sanitizer.sh"

salesops_install_deps "${SALESOPS_SAN_PACKAGES[@]}" python3-psycopg2
salesops_build_install
salesops_sanitizer_build_install
salesops_sanitizer_cluster_start

args=(--seconds "${FUZZ_SECONDS:-600}")
[ "${FUZZ_VERBOSE:-0}" = 1 ] && args+=(--verbose)
[ "${FUZZ_SAVE:-0}" = 1 ] && args+=(--save-corpus)
rc=0
/usr/bin/python3 "$SALESOPS_ROOT/test/fuzz/fuzz.py" "${args[@]}" || rc=1
salesops_sanitizer_check || rc=1
exit "$rc"
