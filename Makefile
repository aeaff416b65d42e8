# salesops: PGXS build.  See README.md for the one-command demo and tests.
EXTENSION = salesops
MODULE_big = salesops
OBJS = src/common.o src/pipeline.o src/win_rate.o src/forecast.o src/deals.o src/attainment.o src/fiscal.o

# the extension scripts, named relative to $(srcdir) so that a VPATH build
# installs them too (Debian's pg_buildext builds in build-<version>/)
DATA = $(patsubst $(srcdir)/%,%,$(wildcard $(srcdir)/sql/salesops--*.sql))

# regression tests, in run order; inputs in test/sql/, outputs in
# test/expected/ (named from $(srcdir), so that a VPATH build's installcheck,
# as pg_buildext runs it, finds them too)
REGRESS = install pipeline win_rate parallel forecast deals attainment attainment_by_rep fiscal upgrade search_path hardening roles
REGRESS_OPTS = --inputdir=$(srcdir)/test --load-extension=salesops

PG_CONFIG ?= pg_config
# server headers as system headers: -Wextra judges our code, not theirs
PG_CPPFLAGS = -I$(srcdir)/src -isystem $(shell $(PG_CONFIG) --includedir-server)
PG_CFLAGS = -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

$(OBJS): src/salesops.h

# a VPATH build writes the objects of src/*.c to src/ under the build directory
ifdef VPATH
$(shell mkdir -p src)
endif

# Benchmark: our aggregates beside plain SQL and the executor floor, in one
# run on a throwaway cluster (ROWS=n to change the size).  See README.md.
.PHONY: bench
bench:
	bash $(srcdir)/bench/run.sh
