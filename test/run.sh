#!/usr/bin/env bash
# The whole test suite, from a clean clone on Debian bookworm: installs what
# is missing, builds, installs, starts a throwaway cluster, runs the
# pg_regress suite, the independent property check and the README examples,
# then stops the cluster; then the dump/restore check (test/dump_restore.sh)
# and the sanitizer stage (test/sanitize.sh: the UBSan build running the
# regression suite, the property check, the fuzz corpus and a short fuzz
# run), each in its own throwaway cluster.
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

say "README examples against psql"
if ! /usr/bin/python3 test/readme_examples.py; then
	failed=1
fi

salesops_cluster_stop

say "dump/restore and binary COPY of stored summaries"
if ! bash test/dump_restore.sh; then
	failed=1
fi

say "sanitizer stage"
t_san=$(date +%s)
if ! bash test/sanitize.sh; then
	failed=1
fi
say "sanitizer stage took $(($(date +%s) - t_san)) s"

regress_total=$(sed -n 's/^REGRESS = //p' Makefile | wc -w)
if [ "$failed" -eq 0 ]; then
	echo "salesops: $((regress_total + 4)) passed, 0 failed"
else
	echo "salesops: some tests failed (see above)"
fi
exit "$failed"
