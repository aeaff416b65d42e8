#!/usr/bin/env bash
# The salesops demo in one command, from a fresh clone on Debian bookworm:
#     bash demo/run.sh
# As root it installs what is missing; as another user it needs PostgreSQL 15
# and its server headers installed, and sudo for `make install`.
# It builds and installs the extension, starts a throwaway PostgreSQL 15
# cluster (as the postgres user), loads a deterministic sample CRM data set
# with half a year of deal history, the leads and their activities, the
# customers' monthly MRR, the sales and marketing spend and the reps' roster
# (demo/schema.sql, demo/generate.sql),
# prints the KPI report (demo/report.sql), draws it as a picture with
# gnuplot (demo/out/kpi-report.png: demo/chart_data.sql, demo/chart.gp) and
# exits; the cluster is stopped and removed on exit.
. "$(dirname "${BASH_SOURCE[0]}")/../test/lib/cluster.sh"

demo_dir=$SALESOPS_ROOT/demo

salesops_install_deps gnuplot-nox
salesops_build_install
salesops_cluster_start

say "loading the sample CRM data set"
load_start=$(date +%s%N)
psql_quiet -c 'CREATE EXTENSION salesops' \
	-f "$demo_dir/schema.sql" -f "$demo_dir/generate.sql"
say "loaded in $(( ($(date +%s%N) - load_start) / 1000000 )) ms"

# C.UTF-8: the same number format (1,234.5) whatever the caller's locale
LC_ALL=C.UTF-8 psql_quiet -f "$demo_dir/report.sql"

# the picture: win rate, value win rate and forecast accuracy per team and
# quarter; the company's retention and rep turnover per quarter, its
# pipeline waterfall of the last quarter, its stage funnel and its leads
# per quarter (conversions, median response)
out_dir=$demo_dir/out
mkdir -p "$out_dir"
psql_quiet -v out="$out_dir" -f "$demo_dir/chart_data.sql"
gnuplot -e "dir='$out_dir'" "$demo_dir/chart.gp"
say "PNG report: $out_dir/kpi-report.png"
