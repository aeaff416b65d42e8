# shellcheck shell=bash
# The sanitizer build, shared by test/sanitize.sh, test/fuzz.sh and
# test/sqlsmith.sh.  Source test/lib/cluster.sh first.
#
# The extension is compiled with clang and UndefinedBehaviorSanitizer (every
# check fatal: signed overflow, shifts, null and misaligned pointers, array
# bounds, out-of-range float casts, ...), with -fno-wrapv (Debian's
# PostgreSQL flags include -fwrapv, which would hide signed overflow in our
# code), coverage counters for the fuzzer, and the fuzz harness
# test/fuzz/harness.c.  It is built in a scratch copy of the tree, so the
# normal build stays as it is, and installed over the normal library;
# salesops_sanitizer_restore puts the normal one back on exit.  Debian's
# postgres is not instrumented: the cluster runs it with the UBSan runtime
# preloaded (LD_PRELOAD), which the instrumented library needs.  Reports go
# to files under $SALESOPS_SAN_LOGDIR and abort the backend, so a report is
# also a crash that the test or the fuzzer sees.
#
# Why not AddressSanitizer: with the ASan runtime (clang 14's or gcc 12's)
# preloaded, Debian bookworm's postgres and psql hang before main() is done,
# waiting in glibc's bindtextdomain on _nl_state_lock, whose reader count
# gdb shows as -6; a two-line program calling bindtextdomain, and pg_config
# (which links none of the server's Kerberos/LDAP/ICU libraries), run fine
# under the same preload.  An
# ASan build would also see little here: PostgreSQL's memory contexts carve
# palloc chunks out of large malloc'd blocks that an uninstrumented server
# never poisons, so an overrun inside a block goes unseen.  Memory errors are
# covered instead by test/valgrind.sh (memcheck over the regression suite,
# errors in salesops.so frames fail it), and wrong numbers by the fuzz
# oracles (round trips, rollup) and the regression tests' exact values.

SALESOPS_SAN_CC=${SALESOPS_SAN_CC:-clang-14}
SALESOPS_SAN_PACKAGES=(clang-14 libclang-rt-14-dev)
SALESOPS_SAN_FLAGS="-fsanitize=undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -fno-wrapv -fsanitize-coverage=inline-8bit-counters -g -O1"

# make install as root, or through sudo (as salesops_build_install does)
salesops_sudo_unless_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

salesops_sanitizer_build_install() {
	local build
	build=$(mktemp -d /tmp/salesops-san-build.XXXXXX)
	say "building the UBSan library in $build"
	# sources only: a copied object of the normal build would look up to date
	mkdir -p "$build/src" "$build/sql" "$build/test/fuzz"
	cp "$SALESOPS_ROOT/Makefile" "$SALESOPS_ROOT/salesops.control" "$build/"
	cp "$SALESOPS_ROOT"/src/*.[ch] "$build/src/"
	cp "$SALESOPS_ROOT/sql/salesops.sql" "$SALESOPS_ROOT/sql/salesops--0.1.0.sql" \
		"$SALESOPS_ROOT"/sql/salesops--*--*.sql "$build/sql/"
	cp "$SALESOPS_ROOT/test/fuzz/harness.c" "$build/test/fuzz/"
	local objs
	objs="$(sed -n 's/^OBJS = //p' "$SALESOPS_ROOT/Makefile") test/fuzz/harness.o"
	# with_llvm=no: no JIT bitcode (the JIT would run uninstrumented code)
	make -C "$build" -s PG_CONFIG="$PG_CONFIG" CC="$SALESOPS_SAN_CC" with_llvm=no \
		OBJS="$objs" COPT="$SALESOPS_SAN_FLAGS -Werror -Wno-ignored-optimization-argument -Wno-unknown-warning-option -Wno-compound-token-split-by-macro" >/dev/null
	salesops_sudo_unless_root make -C "$build" -s PG_CONFIG="$PG_CONFIG" CC="$SALESOPS_SAN_CC" with_llvm=no \
		OBJS="$objs" install >/dev/null
	rm -rf "$build"
	SALESOPS_SAN_INSTALLED=1
	trap salesops_sanitizer_restore EXIT
}

# Put the normal build back (run on exit once the sanitizer build is in).
salesops_sanitizer_restore() {
	[ -n "${SALESOPS_SAN_INSTALLED:-}" ] || return 0
	salesops_cluster_stop
	say "reinstalling the normal build"
	salesops_sudo_unless_root make -C "$SALESOPS_ROOT" -s PG_CONFIG="$PG_CONFIG" install >/dev/null
	SALESOPS_SAN_INSTALLED=
}

# A throwaway cluster running postgres with the UBSan runtime preloaded.
# Extra arguments go to salesops_cluster_start.
salesops_sanitizer_cluster_start() {
	local runtime
	runtime=$("$SALESOPS_SAN_CC" -print-file-name="libclang_rt.ubsan_standalone-$(uname -m).so")
	[ -f "$runtime" ] || { say "no UBSan runtime at $runtime"; exit 1; }
	SALESOPS_SAN_LOGDIR=$(mktemp -d /tmp/salesops-san-log.XXXXXX)
	chmod 755 "$SALESOPS_SAN_LOGDIR"
	[ "$(id -u)" -eq 0 ] && chown postgres: "$SALESOPS_SAN_LOGDIR"
	export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:abort_on_error=1:log_path=$SALESOPS_SAN_LOGDIR/ubsan"
	# the postmaster and its children inherit the preload; clients need not
	LD_PRELOAD=$runtime salesops_cluster_start -c jit=off "$@"
	unset LD_PRELOAD
	# salesops_cluster_start's trap only stops the cluster: also restore
	trap salesops_sanitizer_restore EXIT
}

# Fails (prints the reports) if any sanitizer report was written or a
# backend died of a signal.
salesops_sanitizer_check() {
	local found=0 f
	for f in "$SALESOPS_SAN_LOGDIR"/*; do
		[ -e "$f" ] || continue
		say "sanitizer report $f:"
		cat "$f" >&2
		found=1
	done
	if grep -E 'terminated by signal|runtime error:|Sanitizer' "$SALESOPS_CLUSTER_DIR/server.log" >&2; then
		found=1
	fi
	return "$found"
}
