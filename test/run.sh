#!/usr/bin/env bash
# The whole test suite, from a clean clone on Debian bookworm: installs what
# is missing, builds, installs, starts a throwaway cluster, runs the
# pg_regress suite, the independent property check and the documentation
# examples, then the client tests (test/clients/run.sh) and the scheduled
# reports recipe (test/nightly/run.sh), each on its own throwaway cluster.
#   bash test/run.sh
. "$(dirname "$0")/lib/cluster.sh"

salesops_install_deps python3-numpy
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

say "documentation examples (README.md, doc/*.md) against psql"
if ! /usr/bin/python3 test/readme_examples.py; then
	failed=1
fi

say "packaging metadata: META.json (PGXN), debian/"
if ! /usr/bin/python3 test/packaging_check.py; then
	failed=1
fi

# stages with their own throwaway cluster (TCP for the clients, pg_cron)
stage() {
	local t0=$SECONDS
	say "$1"
	shift
	bash "$@" || failed=1
	say "stage took $((SECONDS - t0)) s"
}
stage "clients: JDBC, psycopg2, node-postgres against psql" test/clients/run.sh
stage "scheduled reports: nightly stored summaries, pg_cron" test/nightly/run.sh

regress_total=$(sed -n 's/^REGRESS = //p' Makefile | wc -w)
if [ "$failed" -eq 0 ]; then
	echo "salesops: $((regress_total + 5)) passed, 0 failed"
else
	echo "salesops: some tests failed (see above)"
fi
exit "$failed"
