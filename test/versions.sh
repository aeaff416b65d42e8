#!/usr/bin/env bash
# salesops on the PostgreSQL majors Debian ships, each in a Debian root of
# its own release, made with debootstrap from the package mirror:
#
#   13  bullseye      15  bookworm (this machine; test/run.sh stays the CI command)
#   17  trixie        18  forky (no debootstrap script in bookworm: sid's)
#
#   bash test/versions.sh [--prepare] [MAJOR...]      (as root; default: 13 17 18)
#
# For each major: a minbase root of the release under
# /var/cache/salesops-versions/<release>, made once and reused by later runs
# (apt sources: the release and its security suite, which carries the
# PostgreSQL minor releases; the release alone where the mirror's security
# suite is incomplete), with postgresql-N, postgresql-server-dev-N and the
# suite's build and test dependencies; a clean `git archive` of HEAD
# (SALESOPS_REF=ref for another commit: commit first, the work tree is not
# used) copied into it, built with -Werror and installed; then, on a
# throwaway cluster run as postgres on a free port and stopped after, the
# pg_regress suite (make installcheck: wherever REGRESS_OPTS says the tests
# live; regression.diffs printed on failure) and test/property_check.py.
# Then the portability of stored summaries: every major of the run stores
# the summaries of test/portable/values.sql (every type and shape: numeric
# and float8 kinds, spills, NaN, wide ratios, attainment_by_rep) and exports
# them with COPY TO in text and binary format, with a reference of every
# reading of every value (text form, binary form and every accessor:
# portable_read() in test/portable/schema.sql); every other major of the
# run loads both files with COPY FROM and reads them back, printing
#   portable 15 -> 17: 57 values (5 with numeric infinities), text and binary, 0 differences
# Numeric infinities exist from 14 on: values holding one are exported by
# 14 and later only, each in files of its own; 14 and later must read them
# back too, and 13 must refuse each one it cannot represent (COPY FROM
# fails) and read back identically each one it takes (one whose only
# infinities are attainment ratios, which salesops represents itself):
#   portable 15 -> 13: 53 values, text and binary, 0 differences; of the 5 with ...
# The builds and exports come first, for every major, then the suites and
# the read-backs; with a single major there is nothing to read back.  Any
# difference or failed COPY fails the major that reads.  The files and
# read-backs of the last run stay in <cache>/logs/portable/.
# Prints PASS or FAIL per major and a closing line "N passed, M failed".
# --prepare only makes (or updates) the roots.  Logs: <cache>/logs/.
#
# Bounded in time: the first run downloads and unpacks each root (3-4
# minutes and 1.2-1.6 GB on disk per release here; each debootstrap or apt
# step is cut off after ROOT_TIMEOUT=2400 s); a later run reuses the roots
# and takes about 25 s per major (build, install, suite, property check,
# portable export and read-backs);
# each suite step is cut off after SUITE_TIMEOUT=900 s.  /proc, /dev and
# /dev/shm are mounted in a root only while it is in use, and unmounted on
# exit (also on failure or interrupt).  MIRROR=url and SECURITY_MIRROR=url
# override the mirrors (default: those of this machine's apt sources).

set -uo pipefail

HERE=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${SALESOPS_VERSIONS_CACHE:-/var/cache/salesops-versions}
REF=${SALESOPS_REF:-HEAD}
ROOT_TIMEOUT=${ROOT_TIMEOUT:-2400}
SUITE_TIMEOUT=${SUITE_TIMEOUT:-900}
PACKAGES_COMMON="make gcc libc6-dev python3 python3-numpy"

say() { printf '==> %s\n' "$*" >&2; }

release_of() {
	case "$1" in
	13) echo bullseye ;;
	15) echo bookworm ;;
	17) echo trixie ;;
	18) echo forky ;;
	*) return 1 ;;
	esac
}

default_mirror() {
	local uri
	uri=$(grep -h -E '^(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/*.sources \
		/etc/apt/sources.list.d/*.list 2>/dev/null |
		grep -o -E 'https?://[^ ]*/debian/?( |$)' | head -n1 | tr -d ' ')
	echo "${uri:-http://deb.debian.org/debian}"
}
MIRROR=${MIRROR:-$(default_mirror)}
# the security suite carries the PostgreSQL minor releases of a stable release
SECURITY_MIRROR=${SECURITY_MIRROR:-$(grep -h -o -E 'https?://[^ ]*/debian-security/?( |$)' \
	/etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null |
	head -n1 | tr -d ' ')}
SECURITY_MIRROR=${SECURITY_MIRROR:-http://deb.debian.org/debian-security}

# ---- mounts: only while a root is in use, always undone -------------------
MOUNTED=()
mount_in() { # mount_in ROOT
	local root=$1
	mount -t proc proc "$root/proc" && MOUNTED+=("$root/proc") || return 1
	mount --bind /dev "$root/dev" && MOUNTED+=("$root/dev") || return 1
	mount -t tmpfs -o mode=1777,size=512m shm "$root/dev/shm" && MOUNTED+=("$root/dev/shm") || return 1
}
umount_all() {
	local i
	for ((i = ${#MOUNTED[@]} - 1; i >= 0; i--)); do
		umount "${MOUNTED[i]}" 2>/dev/null || umount -l "${MOUNTED[i]}" 2>/dev/null ||
			say "could not unmount ${MOUNTED[i]}"
	done
	MOUNTED=()
}
# anything a killed earlier run left mounted in a root (called with its lock held)
umount_stale() { # umount_stale ROOT
	local m
	awk -v c="$1/" 'index($2, c) == 1 { print $2 }' /proc/mounts | sort -r |
		while read -r m; do umount "$m" 2>/dev/null || umount -l "$m"; done
}

CLUSTER_ROOT= CLUSTER_DIR= CLUSTER_MAJOR=
cleanup() {
	if [ -n "$CLUSTER_DIR" ] && [ -f "$CLUSTER_ROOT$CLUSTER_DIR/data/postmaster.pid" ]; then
		chroot --userspec=postgres:postgres "$CLUSTER_ROOT" \
			"/usr/lib/postgresql/$CLUSTER_MAJOR/bin/pg_ctl" -D "$CLUSTER_DIR/data" -m immediate -w stop \
			>/dev/null 2>&1 || true
	fi
	[ -n "$CLUSTER_DIR" ] && rm -rf "${CLUSTER_ROOT:?}$CLUSTER_DIR"
	CLUSTER_ROOT= CLUSTER_DIR= CLUSTER_MAJOR=
	umount_all
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

in_root() { # in_root ROOT cmd...: as root in the chroot, with a clean environment
	local root=$1
	shift
	chroot "$root" /usr/bin/env -i HOME=/root LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
		PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"
}

# ---- the roots --------------------------------------------------------------
make_root() { # make_root MAJOR: the release's root, made once, then reused
	local major=$1 release root script marker wanted sources log apt_opts=()
	release=$(release_of "$major")
	root=$CACHE/$release
	marker=$root/.salesops-versions
	wanted="postgresql-$major postgresql-server-dev-$major $PACKAGES_COMMON"
	sources="deb $MIRROR $release main
deb $SECURITY_MIRROR $release-security main"
	log=$CACHE/logs/root-$release.log
	[ -f "$marker" ] && [ "$(head -n 3 "$marker")" = "$wanted
$sources" ] && return 0
	mkdir -p "$CACHE/logs"
	: >"$log"
	[ "$release" = forky ] && apt_opts=(-o Acquire::Check-Valid-Until=false)
	if [ ! -f "$root/.debootstrap-done" ]; then
		say "$major: debootstrap $release from $MIRROR (first run only; log in $log)"
		rm -rf "$root"
		script=/usr/share/debootstrap/scripts/$release
		[ -e "$script" ] || script=/usr/share/debootstrap/scripts/sid
		command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >>"$log" 2>&1
		if ! timeout "$ROOT_TIMEOUT" debootstrap --variant=minbase "$release" "$root" "$MIRROR" \
			"$script" >>"$log" 2>&1; then
			say "$major: debootstrap failed:"
			tail -n 30 "$log" >&2
			umount_stale "$root"
			return 1
		fi
		touch "$root/.debootstrap-done"
	fi
	say "$major: installing ${wanted} in $release"
	echo "$sources" >"$root/etc/apt/sources.list"
	if [ "$release" = forky ]; then
		# the mirror's forky Release file is past its Valid-Until date
		echo 'Acquire::Check-Valid-Until "false";' >"$root/etc/apt/apt.conf.d/99salesops-valid-until"
	fi
	cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
	# throwaway clusters only: no main cluster, no service started by a package
	mkdir -p "$root/etc/postgresql-common/createcluster.d"
	echo 'create_main_cluster = false' >"$root/etc/postgresql-common/createcluster.d/salesops.conf"
	printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
	chmod +x "$root/usr/sbin/policy-rc.d"
	mount_in "$root" || { umount_all; return 1; }
	apt_in_root() {
		timeout "$ROOT_TIMEOUT" chroot "$root" /usr/bin/env -i HOME=/root DEBIAN_FRONTEND=noninteractive \
			PATH=/usr/sbin:/usr/bin:/sbin:/bin sh -c \
			'apt-get "$@" update && apt-get "$@" install -y --no-install-recommends '"$wanted"' && apt-get clean' \
			sh "${apt_opts[@]}" >>"$log" 2>&1
	}
	local note=
	if ! apt_in_root; then
		# a mirror may lack part of the security suite (it lacks bullseye's
		# postgresql-server-dev-13 13.23): then the release suite alone
		note="# $(date -u +%F): $release-security incomplete on the mirror, release suite only"
		say "$major: apt-get with $release-security failed; the release suite alone (log in $log)"
		echo "deb $MIRROR $release main" >"$root/etc/apt/sources.list"
		if ! apt_in_root; then
			umount_all
			say "$major: apt-get in $release failed:"
			tail -n 30 "$log" >&2
			return 1
		fi
	fi
	umount_all
	printf '%s\n%s\n%s\n' "$wanted" "$sources" "$note" >"$marker"
}

# ---- one major ----------------------------------------------------------------
port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# as_pg cmd...: as postgres in the root of the running cluster, talking to it
as_pg() {
	chroot --userspec=postgres:postgres "$CLUSTER_ROOT" /usr/bin/env -i HOME=/tmp LC_ALL=C.UTF-8 \
		PATH="/usr/lib/postgresql/$CLUSTER_MAJOR/bin:/usr/bin:/bin" PGHOST="$CLUSTER_DIR" \
		PGPORT="${port:-5432}" PGUSER=postgres PGDATABASE=postgres \
		PG_CONFIG="/usr/lib/postgresql/$CLUSTER_MAJOR/bin/pg_config" "$@"
}
psql_pg() { as_pg psql -X -q -v ON_ERROR_STOP=1 "$@"; }

build_major() { # build_major MAJOR: a clean git archive of REF, built and installed in the root
	local major=$1 release root bin log
	release=$(release_of "$major")
	root=$CACHE/$release
	bin=/usr/lib/postgresql/$major/bin
	log=$CACHE/logs/run-$major.log
	: >"$log"

	# a clean copy of the commit, and nothing of an earlier run installed
	rm -rf "$root/build" "$root/tmp/salesops"*
	mkdir -p "$root/build/salesops"
	git -C "$HERE" archive "$REF" | tar -x -C "$root/build/salesops" || return 1
	rm -rf "$root/usr/share/postgresql/$major/extension/salesops"* \
		"$root/usr/lib/postgresql/$major/lib/salesops.so" \
		"$root/usr/lib/postgresql/$major/lib/bitcode/salesops"*

	say "$major: build (-Werror) and install in $release"
	if ! in_root "$root" make -C /build/salesops PG_CONFIG="$bin/pg_config" COPT=-Werror >"$log" 2>&1 ||
		! in_root "$root" make -C /build/salesops PG_CONFIG="$bin/pg_config" install >>"$log" 2>&1; then
		grep -E '(error|warning):' "$log" | head -n 40 >&2 || true
		tail -n 5 "$log" >&2
		return 1
	fi
	chown -R --reference="$root/var/lib/postgresql" "$root/build/salesops"
}

cluster_start() { # cluster_start MAJOR: a throwaway cluster, Unix socket only, in a directory only postgres enters
	local major=$1 root log attempt
	root=$CACHE/$(release_of "$major")
	log=$CACHE/logs/run-$major.log
	CLUSTER_ROOT=$root CLUSTER_MAJOR=$major port=
	CLUSTER_DIR=$(mktemp -d "$root/tmp/salesops-cluster.XXXXXX")
	CLUSTER_DIR=${CLUSTER_DIR#"$root"}
	chmod 700 "$root$CLUSTER_DIR"
	chown --reference="$root/var/lib/postgresql" "$root$CLUSTER_DIR"
	as_pg initdb -D "$CLUSTER_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >>"$log" 2>&1 ||
		{ tail -n 20 "$log" >&2; return 1; }
	for attempt in $(seq 1 20); do
		port=$((56000 + RANDOM % 2000))
		port_is_free "$port" || continue
		[ -e "$root$CLUSTER_DIR/.s.PGSQL.$port" ] && continue
		if as_pg pg_ctl -D "$CLUSTER_DIR/data" -w -t 120 -l "$CLUSTER_DIR/server.log" \
			-o "-p $port -k $CLUSTER_DIR -c listen_addresses=''" start >>"$log" 2>&1; then
			break
		fi
		port=
		grep -qE 'could not bind|Address already in use|could not create any' \
			"$root$CLUSTER_DIR/server.log" 2>/dev/null || break
	done
	if [ -z "$port" ]; then
		say "$major: could not start a cluster:"
		cat "$root$CLUSTER_DIR/server.log" >&2
		return 1
	fi
	say "$major: $(as_pg postgres --version) on port $port"
}

cluster_stop() { # cluster_stop: stops and removes the running cluster (1 if it would not stop)
	local rc=0
	as_pg pg_ctl -D "$CLUSTER_DIR/data" -m fast -w stop >>"$CACHE/logs/run-$CLUSTER_MAJOR.log" 2>&1 || rc=1
	rm -rf "${CLUSTER_ROOT:?}$CLUSTER_DIR"
	CLUSTER_ROOT= CLUSTER_DIR= CLUSTER_MAJOR= port=
	return "$rc"
}

run_suite() { # run_suite MAJOR: the suite and the property check, in the running cluster
	local major=$1 root log ok=1 rc
	root=$CACHE/$(release_of "$major")
	log=$CACHE/logs/run-$major.log

	say "$major: pg_regress suite (make installcheck)"
	as_pg sh -c 'cd /build/salesops && timeout '"$SUITE_TIMEOUT"' make -s installcheck' >>"$log" 2>&1
	rc=$?
	grep -E '^(ok|not ok|test|     ?[a-z_]+ +\.\.\.)|tests (passed|failed)|^#' "$log" | grep -v '^# using' >&2 || true
	if [ "$rc" -ne 0 ]; then
		ok=0
		tail -n 5 "$log" >&2
		[ -f "$root/build/salesops/regression.diffs" ] && cat "$root/build/salesops/regression.diffs" >&2
	fi

	say "$major: property check (test/property_check.py)"
	if ! as_pg sh -c 'cd /build/salesops && timeout '"$SUITE_TIMEOUT"' python3 test/property_check.py' >>"$log" 2>&1; then
		ok=0
		tail -n 30 "$log" >&2
	else
		tail -n 1 "$log" >&2
	fi
	[ "$ok" -eq 1 ]
}

# ---- portability of stored summaries ----------------------------------------------
# Every major of the run exports the stored summaries of test/portable/values.sql
# (COPY TO, text and binary) with a reference: every reading of every value
# (test/portable/schema.sql: portable_read()).  Every other major then loads
# both files with COPY FROM and must read every value as the reference says.
portable_export() { # portable_export MAJOR: in the running cluster, to $PORTABLE_DIR/MAJOR/
	local major=$1 dir=$PORTABLE_DIR/$1 log=$CACHE/logs/run-$1.log i=0 key
	mkdir -p "$dir"
	say "$major: export the portable set (test/portable/values.sql)"
	# values.txt, values.bin: every value without a numeric infinity;
	# inf-N.txt, inf-N.bin: the N-th with one (14 and later), on its own, so
	# that a 13 can be shown to refuse each of them
	pcopy() { as_pg timeout "$SUITE_TIMEOUT" psql -X -v ON_ERROR_STOP=1 -d portable -c "COPY ($1) TO STDOUT (FORMAT $2)"; }
	psql_pg -c 'CREATE DATABASE portable' >>"$log" 2>&1 &&
		psql_pg -d portable -c 'CREATE EXTENSION salesops' -f /build/salesops/test/portable/schema.sql \
			-f /build/salesops/test/portable/values.sql >>"$log" 2>&1 &&
		pcopy "SELECT * FROM portable_values WHERE k NOT LIKE 'inf %' ORDER BY k" text >"$dir/values.txt" 2>>"$log" &&
		pcopy "SELECT * FROM portable_values WHERE k NOT LIKE 'inf %' ORDER BY k" binary >"$dir/values.bin" 2>>"$log" &&
		as_pg psql -X -At -v ON_ERROR_STOP=1 -d portable \
			-c "SELECT k FROM portable_values WHERE k LIKE 'inf %' ORDER BY k" >"$dir/inf-keys" 2>>"$log" &&
		as_pg timeout "$SUITE_TIMEOUT" psql -X -At -F "$(printf '\t')" -v ON_ERROR_STOP=1 -d portable \
			-c "SELECT * FROM portable_read('portable_values') ORDER BY 1, 2" >"$dir/reference.tsv" 2>>"$log" &&
		[ -s "$dir/reference.tsv" ] && grep -q . "$dir/values.txt" || {
		say "$major: could not export the portable set:"
		tail -n 20 "$log" >&2
		rm -rf "$dir"
		return 1
	}
	while IFS= read -r key; do
		i=$((i + 1))
		key=${key//\'/\'\'}
		pcopy "SELECT * FROM portable_values WHERE k = '$key'" text >"$dir/inf-$i.txt" 2>>"$log" &&
			pcopy "SELECT * FROM portable_values WHERE k = '$key'" binary >"$dir/inf-$i.bin" 2>>"$log" || {
			say "$major: could not export $key"
			rm -rf "$dir"
			return 1
		}
	done <"$dir/inf-keys"
}

# differences between a reference and readings (key, reading, value): every
# (key, reading) with another value, or on one side only
portable_differences() { # portable_differences REF GOT
	awk -F'\t' 'FNR == NR { ref[$1 FS $2] = $3; next }
		{ seen[$1 FS $2] = 1; if (!(($1 FS $2) in ref) || ref[$1 FS $2] != $3) d++ }
		END { for (k in ref) if (!(k in seen)) d++; print d + 0 }' "$1" "$2"
}

portable_import() { # portable_import MAJOR SOURCE: in MAJOR's running cluster, SOURCE's files
	local major=$1 source=$2 dir=$PORTABLE_DIR/$2 log=$CACHE/logs/run-$1.log
	local db=portable_from_$2 out=$PORTABLE_DIR/$1-from-$2 values infs diffs=0 d format ext table note= i key
	local -A accepted=()
	mkdir -p "$out"
	infs=$(grep -c . "$dir/inf-keys")
	values=$(awk -F'\t' '$2 == "text" && substr($1, 1, 4) != "inf "' "$dir/reference.tsv" | wc -l)
	if [ "$values" -eq 0 ] || ! psql_pg -c "CREATE DATABASE $db" >>"$log" 2>&1 ||
		! psql_pg -d "$db" -c 'CREATE EXTENSION salesops' -f /build/salesops/test/portable/schema.sql >>"$log" 2>&1; then
		echo "portable $source -> $major: could not make the database (or nothing to read)"
		tail -n 5 "$log" >&2
		return 1
	fi
	pcopy_in() { # pcopy_in TABLE FORMAT FILE
		as_pg timeout "$SUITE_TIMEOUT" psql -X -q -v ON_ERROR_STOP=1 -d "$db" \
			-c "COPY $1 FROM STDIN (FORMAT $2)" <"$3" >>"$out/$2.err" 2>&1
	}
	for format in text binary; do
		table=portable_$format ext=$([ "$format" = text ] && echo txt || echo bin)
		pcopy_in "$table" "$format" "$dir/values.$ext" ||
			note="$note; COPY FROM ($format) failed: $(grep -m1 ERROR "$out/$format.err")"
		# What this major must read back as the reference says: every value
		# without a numeric infinity, and every value with one that it takes.
		# 14 and later must take them all.  13, which has no numeric
		# infinity, refuses those whose numeric fields hold one, and may take
		# one whose only infinities are salesops' own (attainment ratios),
		# which it must then read back like any other value.
		awk -F'\t' 'substr($1, 1, 4) != "inf "' "$dir/reference.tsv" >"$out/reference-$format.tsv"
		for ((i = 1; i <= infs; i++)); do
			key=$(sed -n "${i}p" "$dir/inf-keys")
			if pcopy_in "$table" "$format" "$dir/inf-$i.$ext"; then
				accepted[$format]+="$key;"
				awk -F'\t' -v k="$key" '$1 == k' "$dir/reference.tsv" >>"$out/reference-$format.tsv"
			elif [ "$major" -ge 14 ]; then
				note="$note; COPY FROM ($format) of $key failed: $(grep ERROR "$out/$format.err" | tail -n 1)"
			fi
		done
		as_pg timeout "$SUITE_TIMEOUT" psql -X -At -F "$(printf '\t')" -v ON_ERROR_STOP=1 -d "$db" \
			-c "SELECT * FROM portable_read('$table') ORDER BY 1, 2" >"$out/$format.tsv" 2>>"$out/$format.err" ||
			note="$note; reading ($format) failed: $(grep ERROR "$out/$format.err" | tail -n 1)"
		d=$(portable_differences "$out/reference-$format.tsv" "$out/$format.tsv")
		if [ "$d" -ne 0 ]; then
			{
				echo "portable $source -> $major, $format: first differences (< $source, > $major):"
				sort "$out/reference-$format.tsv" | diff - <(sort "$out/$format.tsv") | grep '^[<>]' | head -n 20
			} >&2
		fi
		diffs=$((diffs + d))
	done
	[ "${accepted[text]-}" = "${accepted[binary]-}" ] ||
		note="$note; text and binary COPY FROM took different values with numeric infinities"
	if [ "$infs" -eq 0 ]; then
		echo "portable $source -> $major: $values values, text and binary, $diffs differences$note"
	elif [ "$major" -ge 14 ]; then
		echo "portable $source -> $major: $((values + infs)) values ($infs with numeric infinities)," \
			"text and binary, $diffs differences$note"
	else
		# which values with an infinity 13 took, and why it could
		local took=${accepted[text]-} refused
		took=${took%;}
		refused=$((infs - $(awk -F';' '{ print NF }' <<<"${took:-}")))
		[ -z "$took" ] && refused=$infs
		echo "portable $source -> $major: $((values + infs - refused)) values, text and binary, $diffs differences$note;" \
			"of the $infs with numeric infinities $refused refused by COPY FROM (13 has none)${took:+, read back: ${took//;/, }}"
	fi
	[ "$diffs" -eq 0 ] && [ -z "$note" ]
}

# ---- main -------------------------------------------------------------------------
prepare_only=
majors=()
for arg in "$@"; do
	case "$arg" in
	--prepare) prepare_only=1 ;;
	-h | --help) sed -n '2,/^$/s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*)
		release_of "$arg" >/dev/null || { say "unknown major $arg (13, 15, 17 or 18)"; exit 2; }
		[[ " ${majors[*]} " == *" $arg "* ]] || majors+=("$arg")
		;;
	esac
done
[ ${#majors[@]} -eq 0 ] && majors=(13 17 18)
if [ "$(id -u)" -ne 0 ]; then
	say "test/versions.sh makes and enters chroots: run it as root"
	exit 2
fi
mkdir -p "$CACHE/logs"
PORTABLE_DIR=$(mktemp -d "$CACHE/portable.XXXXXX")
# kept after the run as <cache>/logs/portable/ (files of the last run only)
trap 'cleanup; rm -rf "$CACHE/logs/portable"; mv "$PORTABLE_DIR" "$CACHE/logs/portable" 2>/dev/null' EXIT

# one run at a time per root: every root of the run is locked for the whole
# run (phase 2 uses what phase 1 built), taken in one order (no deadlock)
for release in $(for major in "${majors[@]}"; do release_of "$major"; done | sort -u); do
	exec {lock}>"$CACHE/.lock-$release"
	flock "$lock"
	umount_stale "$CACHE/$release"
done

# Phase 1, per major: the root; the build and install; the portable set
# exported from a throwaway cluster.
declare -A state seconds
for major in "${majors[@]}"; do
	t0=$SECONDS
	if ! make_root "$major"; then
		state[$major]=noroot
	elif [ -n "$prepare_only" ]; then
		state[$major]=ready
	elif ! mount_in "$CACHE/$(release_of "$major")" || ! build_major "$major"; then
		state[$major]=nobuild
	elif ! cluster_start "$major"; then
		state[$major]=nocluster
	elif ! portable_export "$major"; then
		state[$major]=noexport
	else
		state[$major]=exported
	fi
	[ -n "$CLUSTER_DIR" ] && { cluster_stop || true; }
	cleanup
	seconds[$major]=$((SECONDS - t0))
done

# Phase 2, per major: the suite and the property check, then the portable
# set of every other major loaded and read back.  A major fails on any
# failed step, and on any difference in what it reads back.
passed=0 failed=0 summary=()
for major in "${majors[@]}"; do
	t0=$SECONDS
	case ${state[$major]} in
	ready) result=READY ;;
	noroot | nobuild | nocluster) result=FAIL ;;
	*)
		result=PASS
		[ "${state[$major]}" = exported ] || result=FAIL
		if ! mount_in "$CACHE/$(release_of "$major")" || ! cluster_start "$major"; then
			result=FAIL
		else
			run_suite "$major" || result=FAIL
			sources=0
			for source in "${majors[@]}"; do
				[ "$source" != "$major" ] && [ "${state[$source]}" = exported ] || continue
				sources=$((sources + 1))
				portable_import "$major" "$source" || result=FAIL
			done
			[ "${#majors[@]}" -gt 1 ] && [ "$sources" -eq 0 ] &&
				say "$major: no other major exported the portable set: nothing to read back"
			cluster_stop || result=FAIL
		fi
		;;
	esac
	cleanup
	line="PostgreSQL $major ($(release_of "$major")): $result ($((SECONDS - t0 + ${seconds[$major]})) s)"
	summary+=("$line")
	echo "$line"
	case $result in PASS | READY) passed=$((passed + 1)) ;; *) failed=$((failed + 1)) ;; esac
done
echo
printf '%s\n' "${summary[@]}"
if [ -n "$prepare_only" ]; then
	echo "$passed ready, $failed failed"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
