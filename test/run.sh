#!/usr/bin/env bash
# The whole test suite, from a clean clone on Debian bookworm: installs what
# is missing, builds, installs, starts a throwaway cluster, runs the
# pg_regress suite, the independent property check, the exact float8 sums
# reference (test/float_sums_check.py), the documentation
# examples and the packaging metadata check, then stops the cluster; then,
# each on its own throwaway cluster: the dump/restore check
# (test/dump_restore.sh), the sanitizer stage (test/sanitize.sh: the UBSan
# build running the regression suite, the property check, the fuzz corpus
# and a short fuzz run), the client tests (test/clients/run.sh), the
# scheduled reports recipe (test/nightly/run.sh) and the postgres_fdw
# shards (test/sharded.sh, three clusters).
#   bash test/run.sh
. "$(dirname "$0")/lib/cluster.sh"

# everything the later stages need too, in one apt run
salesops_install_deps python3-numpy python3-psycopg2 clang-14 libclang-rt-14-dev
salesops_build_install
salesops_cluster_start

cd "$SALESOPS_ROOT"
failed=0
say "pg_regress suite"
if ! make -s PG_CONFIG="$PG_CONFIG" installcheck; then
	[ -f regression.diffs ] && cat regression.diffs
	failed=1
fi

say "property check: random groups against Python's fractions"
if ! /usr/bin/python3 test/property_check.py; then
	failed=1
fi

say "exact float8 sums: Python's math.fsum and fractions against float_sums' literals"
if ! /usr/bin/python3 test/float_sums_check.py; then
	failed=1
fi

say "documentation examples (README.md, doc/*.md) against psql"
if ! /usr/bin/python3 test/readme_examples.py; then
	failed=1
fi

say "packaging metadata: META.json (PGXN), debian/"
if ! /usr/bin/python3 test/packaging_check.py; then
	failed=1
fi
salesops_cluster_stop

# stages with their own throwaway cluster (TCP for the clients, pg_cron)
stage() {
	local t0=$SECONDS
	say "$1"
	shift
	bash "$@" || failed=1
	say "stage took $((SECONDS - t0)) s"
}
stage "dump/restore and binary COPY of stored summaries" test/dump_restore.sh
stage "sanitizer: UBSan build, regression suite, property check, fuzz corpus" test/sanitize.sh
stage "clients: JDBC, psycopg2, node-postgres against psql" test/clients/run.sh
stage "scheduled reports: nightly stored summaries, pg_cron" test/nightly/run.sh
stage "scale-out: two postgres_fdw shards and a coordinator against the single node" test/sharded.sh

regress_total=$(sed -n 's/^REGRESS = //p' Makefile | wc -w)
if [ "$failed" -eq 0 ]; then
	echo "salesops: $((regress_total + 9)) passed, 0 failed"
else
	echo "salesops: some tests failed (see above)"
fi
exit "$failed"
