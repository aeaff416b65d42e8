# salesops: PGXS build.  See README.md for the one-command demo and tests.
EXTENSION = salesops
MODULE_big = salesops
OBJS = src/salesops.o src/exact.o src/float_sum.o src/probability.o src/summary.o src/day_histogram.o src/fraction.o src/pipeline.o src/win_rate.o src/forecast.o src/deals.o src/attainment.o src/attainment_by_rep.o src/fiscal.o src/flow.o src/customers.o src/funnel.o src/leads.o

# The current version, default_version in salesops.control.
EXTVERSION := $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" $(dir $(firstword $(MAKEFILE_LIST)))salesops.control)
ifeq ($(EXTVERSION),)
$(error no default_version in salesops.control)
endif

# The extension scripts.  sql/salesops.sql, the one to edit, is copied to the
# install script of the current version (rule below).  DATA holds the
# released scripts, kept byte for byte: the 0.1.0 install script and the
# update scripts, named relative to $(srcdir) so that a VPATH build installs
# them too (Debian's pg_buildext builds in build-<version>/).  The generated
# script is named by its absolute path in the build directory: a relative
# name would let make's VPATH search take a copy left in $(srcdir)/sql by an
# in-tree build for it, and then install from a build directory without it.
DATA = sql/salesops--0.1.0.sql $(patsubst $(srcdir)/%,%,$(wildcard $(srcdir)/sql/salesops--*--*.sql))
DATA_built = $(CURDIR)/sql/salesops--$(EXTVERSION).sql
EXTRA_CLEAN = $(DATA_built)

# regression tests, in run order; inputs in test/sql/, outputs in
# test/expected/ (named from $(srcdir), so that a VPATH build's installcheck,
# as pg_buildext runs it, finds them too)
REGRESS = install pipeline win_rate float_sums parallel forecast deals attainment attainment_by_rep rep_attainment attainment_state numeric_infinity fiscal crm_inputs deal_size integer_money pipeline_flow customers funnel leads wide_histograms moving_windows summary_equality upgrade search_path hardening roles cancel
REGRESS_OPTS = --inputdir=$(srcdir)/test --load-extension=salesops

PG_CONFIG ?= pg_config
# server headers as system headers: -Wextra judges our code, not theirs
PG_CPPFLAGS = -I$(srcdir)/src -isystem $(shell $(PG_CONFIG) --includedir-server)
PG_CFLAGS = -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

$(OBJS): $(wildcard $(srcdir)/src/*.h)

$(DATA_built): sql/salesops.sql
	@mkdir -p $(@D)
	cp $< $@

# a VPATH build writes the objects of src/*.c to src/ under the build directory
ifdef VPATH
$(shell mkdir -p src)
endif

# Benchmark: our aggregates beside plain SQL and the executor floor, in one
# run on a throwaway cluster (ROWS=n to change the size).  See README.md.
.PHONY: bench
bench:
	bash $(srcdir)/bench/run.sh
