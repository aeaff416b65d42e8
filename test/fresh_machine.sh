#!/usr/bin/env bash
# Prove the README's two commands on a machine that has never had PostgreSQL:
# a minimal Debian bookworm root filesystem (debootstrap --variant=minbase)
# gets a clean clone of the repository (committed files only) at
# /root/salesops, and inside it, as root, with no PostgreSQL installed yet:
#     cd /root/salesops && bash test/run.sh
#     cd /root/salesops && bash demo/run.sh
# Their output is shown as they run, a summary is printed at the end, and the
# script exits non-zero if either command fails (or demo/run.sh is missing).
#
# Usage (as root, on a Debian host that reaches http://deb.debian.org/debian):
#     bash test/fresh_machine.sh [REPO_PATH]
#         REPO_PATH   repository to clone (default: the one holding this script)
# Environment:
#     REUSE=1         reuse the base root filesystem if a previous run finished
#                     building it (default 0: remove it and debootstrap anew)
#     SKIP_DEMO=1     a missing demo/run.sh is reported as skipped, not a failure
#     SAME_CHROOT=1   run both commands one after the other in ONE fresh copy
#                     (default: each command gets its own fresh copy, so each
#                     is proven on a machine that has never had PostgreSQL)
#     KEEP_RUN=1      keep the per-command copies (unmounted) for inspection
#     REF=<rev>       check out this commit/branch in the clone (default HEAD)
#     CHROOT_DIR=...  base root filesystem (default /tmp/salesops-bookworm-root;
#                     must be a plain directory name directly under /tmp)
#     MIRROR=...      Debian mirror (default http://deb.debian.org/debian)
#     SECURITY=0      leave bookworm-security out of the chroot's apt sources
#
# Layout: the base at $CHROOT_DIR is only ever written by debootstrap, so it
# stays pristine and can be reused; each command runs in a copy of it at
# $CHROOT_DIR.test / $CHROOT_DIR.demo (or $CHROOT_DIR.run with SAME_CHROOT=1),
# with proc, sys, dev, dev/pts and a tmpfs on dev/shm mounted inside.  Logs go
# to /tmp/salesops-fresh-machine-logs/.
#
# Safety: the whole run happens in a private mount namespace (unshare), so no
# mount can leak to the host even if this script is killed; on top of that a
# trap stops any process left in a chroot and unmounts everything on exit.
# Nothing outside those /tmp directories is ever removed, and a directory is
# removed only after findmnt shows no mount at or under it, with
# rm --one-file-system.
set -euo pipefail

SCRIPT=$(readlink -f "${BASH_SOURCE[0]}")
BASE=${CHROOT_DIR:-/tmp/salesops-bookworm-root}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SUITE=bookworm
REUSE=${REUSE:-0}
SKIP_DEMO=${SKIP_DEMO:-0}
SAME_CHROOT=${SAME_CHROOT:-0}
KEEP_RUN=${KEEP_RUN:-0}
SECURITY=${SECURITY:-1}
REF=${REF:-}
LOGDIR=/tmp/salesops-fresh-machine-logs
LOCK=/tmp/salesops-fresh-machine.lock
CHROOT_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

say() { printf '\n### %s\n' "$*" >&2; }
die() { printf '\n### ERROR: %s\n' "$*" >&2; exit 2; }
fmt_secs() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

[ "$(id -u)" -eq 0 ] || die "run this as root (debootstrap, mount and chroot need it)"

# Every directory this script may create, mount under or remove: a plain name
# directly under /tmp, not a symlink.
check_path() {
	[[ $1 =~ ^/tmp/[A-Za-z0-9][A-Za-z0-9._-]*$ ]] ||
		die "refusing to work on '$1': not a plain directory directly under /tmp"
	[ ! -L "$1" ] || die "refusing to work on '$1': it is a symlink"
}
check_path "$BASE"
PARTIAL=$BASE.partial
ALL_DIRS=("$BASE" "$PARTIAL" "$BASE.test" "$BASE.demo" "$BASE.run")
for d in "${ALL_DIRS[@]}"; do check_path "$d"; done

# Mount points at or under $1, deepest first.
mounts_under() {
	findmnt -rn -o TARGET | awk -v d="$1" '$0 == d || index($0, d "/") == 1' | sort -r
}

# Stop (by pid) every process whose root directory is $1 or below it: only
# processes started inside our own chroots.
kill_chroot_procs() {
	local dir=$1 p r pids=() round
	for round in 1 2 3 4 5 6 7 8 9 10 11; do
		pids=()
		for p in /proc/[0-9]*; do
			r=$(readlink "$p/root" 2>/dev/null) || continue
			if [ "$r" = "$dir" ] || [[ $r == "$dir"/* ]]; then
				[ "${p#/proc/}" = "$$" ] || pids+=("${p#/proc/}")
			fi
		done
		[ ${#pids[@]} -eq 0 ] && return 0
		if [ "$round" -eq 1 ]; then
			say "stopping processes left in $dir: ${pids[*]}"
			kill -TERM "${pids[@]}" 2>/dev/null || true
		elif [ "$round" -eq 11 ]; then
			kill -KILL "${pids[@]}" 2>/dev/null || true
		fi
		sleep 1
	done
}

unmount_all() {
	local dir=$1 t
	for _ in 1 2 3; do
		[ -z "$(mounts_under "$dir")" ] && return 0
		while read -r t; do
			[ -n "$t" ] || continue
			umount "$t" 2>/dev/null || umount -l "$t" 2>/dev/null || true
		done < <(mounts_under "$dir")
	done
	[ -z "$(mounts_under "$dir")" ]
}

# Remove one of our directories, only once nothing is mounted at or under it.
safe_remove() {
	local dir=$1
	check_path "$dir"
	[ -e "$dir" ] || return 0
	kill_chroot_procs "$dir"
	unmount_all "$dir" || die "mounts remain under $dir; not removing it:
$(mounts_under "$dir")"
	[ -z "$(mounts_under "$dir")" ] || die "mounts remain under $dir; not removing it"
	rm -rf --one-file-system -- "$dir"
}

# ---------------------------------------------------------------------------
# Outer stage (host mount namespace): take the lock, clear mounts a killed
# earlier run may have left behind, then re-run this script in a private
# mount namespace.
if [ -z "${_SALESOPS_FM_INNER:-}" ]; then
	exec 9>"$LOCK"
	flock -n 9 || die "another fresh_machine.sh run holds $LOCK"
	for d in "${ALL_DIRS[@]}"; do
		if [ -n "$(mounts_under "$d")" ]; then
			say "unmounting what an earlier run left under $d"
			kill_chroot_procs "$d"
			unmount_all "$d" || die "could not unmount everything under $d"
		fi
	done
	export _SALESOPS_FM_INNER=1
	if unshare --mount --propagation private true 2>/dev/null; then
		exec unshare --mount --propagation private -- bash "$SCRIPT" "$@"
	fi
	say "unshare is not available: running in the host mount namespace (trap cleanup only)"
	export _SALESOPS_FM_INNER=host
fi

# ---------------------------------------------------------------------------
T_START=$(date +%s)
ACTIVE_DIRS=()
CLONE_TMP=
# shellcheck disable=SC2317  # run by the trap
cleanup() {
	local rc=$? d
	trap - EXIT INT TERM HUP
	for d in "${ACTIVE_DIRS[@]}"; do
		kill_chroot_procs "$d"
		unmount_all "$d" || printf '### WARNING: mounts remain under %s\n' "$d" >&2
	done
	if [[ $CLONE_TMP == /tmp/salesops-fresh-clone.* ]]; then
		rm -rf --one-file-system -- "$CLONE_TMP"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

REPO=${1:-$(git -C "$(dirname "$SCRIPT")" rev-parse --show-toplevel)}
[ -d "$REPO" ] || die "no repository at $REPO"
mkdir -p "$LOGDIR"

# --- base root filesystem ---------------------------------------------------
T_DEBOOT=
if [ "$REUSE" = 1 ] && [ -f "$BASE/.salesops-base-complete" ]; then
	say "reusing the base root filesystem at $BASE (built $(cat "$BASE/.salesops-base-complete"))"
	DEBOOT_NOTE="reused $BASE"
else
	if ! command -v debootstrap >/dev/null; then
		say "installing debootstrap on the host"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		apt-get install -y -qq debootstrap >/dev/null
	fi
	safe_remove "$BASE"
	safe_remove "$PARTIAL"
	ACTIVE_DIRS+=("$PARTIAL")
	say "debootstrap --variant=minbase $SUITE $PARTIAL $MIRROR (log: $LOGDIR/debootstrap.log)"
	t0=$(date +%s)
	if ! debootstrap --variant=minbase "$SUITE" "$PARTIAL" "$MIRROR" >"$LOGDIR/debootstrap.log" 2>&1; then
		tail -n 30 "$LOGDIR/debootstrap.log" >&2
		die "debootstrap failed (full log: $LOGDIR/debootstrap.log)"
	fi
	# apt sources as on a freshly installed bookworm machine
	{
		echo "deb $MIRROR $SUITE main"
		echo "deb $MIRROR $SUITE-updates main"
		if [ "$SECURITY" = 1 ]; then
			echo "deb http://deb.debian.org/debian-security $SUITE-security main"
		fi
	} >"$PARTIAL/etc/apt/sources.list"
	chroot "$PARTIAL" apt-get clean
	unmount_all "$PARTIAL" || die "debootstrap left mounts under $PARTIAL"
	T_DEBOOT=$(($(date +%s) - t0))
	date -u +%Y-%m-%dT%H:%M:%SZ >"$PARTIAL/.salesops-base-complete"
	mv -T -- "$PARTIAL" "$BASE"
	ACTIVE_DIRS=()
	DEBOOT_NOTE="built with debootstrap in $(fmt_secs "$T_DEBOOT") ($BASE, $(du -sh "$BASE" | cut -f1))"
	say "base root filesystem ready: $DEBOOT_NOTE"
fi
[ -z "$(mounts_under "$BASE")" ] || die "something is mounted under the base $BASE"

# --- the clone ---------------------------------------------------------------
CLONE_TMP=$(mktemp -d /tmp/salesops-fresh-clone.XXXXXX)
git clone --quiet --no-hardlinks -- "$REPO" "$CLONE_TMP/salesops"
[ -z "$REF" ] || git -C "$CLONE_TMP/salesops" checkout --quiet "$REF"
COMMIT=$(git -C "$CLONE_TMP/salesops" log -1 --format='%h %s')
say "clone of $REPO at $COMMIT"
if [ -n "$(git -C "$REPO" status --porcelain 2>/dev/null)" ]; then
	say "note: $REPO has uncommitted changes; they are NOT part of this run:"
	git -C "$REPO" status --short >&2
fi

# --- one fresh machine --------------------------------------------------------
mount_chroot() {
	local dir=$1
	mount -t proc proc "$dir/proc"
	mount -t sysfs sysfs "$dir/sys" 2>/dev/null || {
		mount --bind /sys "$dir/sys"
		mount --make-private "$dir/sys"
	}
	# bind mounts made private at once, so that nothing mounted or unmounted
	# under them can propagate to the host's /dev
	mount --bind /dev "$dir/dev"
	mount --make-private "$dir/dev"
	mount --bind /dev/pts "$dir/dev/pts"
	mount --make-private "$dir/dev/pts"
	mount -t tmpfs -o mode=1777,nosuid,nodev shm "$dir/dev/shm"
}

in_chroot() {
	local dir=$1
	shift
	chroot "$dir" /usr/bin/env -i HOME=/root TERM="${TERM:-dumb}" PATH="$CHROOT_PATH" \
		NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt /bin/bash -c "$*" </dev/null
}

installed_pkgs() {
	in_chroot "$1" "dpkg-query -W -f='\${db:Status-Abbrev} \${Package}\n'" | awk '$1 == "ii" { print $2 }' | sort
}

# new_machine DIR: a fresh copy of the base with the clone and mounts in place.
new_machine() {
	local dir=$1
	safe_remove "$dir"
	ACTIVE_DIRS+=("$dir")
	local t0
	t0=$(date +%s)
	mkdir -- "$dir"
	cp -a -- "$BASE/." "$dir/"
	rm -f -- "$dir/.salesops-base-complete"
	cp -a -- "$CLONE_TMP/salesops" "$dir/root/salesops"
	# resolv.conf for apt (debootstrap copies the host's, but refresh it)
	rm -f -- "$dir/etc/resolv.conf"
	cp -L /etc/resolv.conf "$dir/etc/resolv.conf"
	# this network's local trust anchors (an egress proxy's CA, say), as a
	# machine on it would have them: ca-certificates adds them to the store
	# when the test command installs it, and npm needs them for its registry
	if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
		mkdir -p -- "$dir/usr/local/share/ca-certificates"
		cp -L /usr/local/share/ca-certificates/*.crt "$dir/usr/local/share/ca-certificates/"
	fi
	mount_chroot "$dir"
	say "fresh machine at $dir ready in $(fmt_secs $(($(date +%s) - t0)))"

	say "checking that PostgreSQL has never been installed in $dir"
	# shellcheck disable=SC2016  # expanded inside the chroot
	in_chroot "$dir" '
		bad=0
		for c in pg_config psql postgres initdb pg_ctl pg_ctlcluster; do
			if command -v "$c" >/dev/null; then echo "  FOUND: $c at $(command -v "$c")"; bad=1; fi
		done
		if [ -e /usr/lib/postgresql ]; then echo "  FOUND: /usr/lib/postgresql"; bad=1; fi
		if [ -e /usr/share/postgresql ]; then echo "  FOUND: /usr/share/postgresql"; bad=1; fi
		if getent passwd postgres >/dev/null; then echo "  FOUND: a postgres user"; bad=1; fi
		if dpkg-query -W -f="\${Package}\n" "postgresql*" "libpq*" 2>/dev/null | grep -q .; then
			for p in $(dpkg-query -W -f="\${Package}\n" "postgresql*" "libpq*" 2>/dev/null); do
				if dpkg-query -W -f="\${Status}" "$p" | grep -q "ok installed"; then
					echo "  FOUND: package $p installed"; bad=1
				fi
			done
		fi
		[ "$bad" -eq 0 ] || exit 1
		echo "  no pg_config, psql, postgres, /usr/lib/postgresql, postgres user or PostgreSQL package"
		for p in postgresql-15 postgresql-server-dev-15 make gcc libc6-dev python3; do
			if dpkg-query -W -f="\${Status}" "$p" 2>/dev/null | grep -q "ok installed"
			then echo "  already there: $p"; else echo "  missing:       $p"; fi
		done
	' || die "$dir already has PostgreSQL: not a fresh machine"
}

# finish_machine DIR: unmount, report leftovers, remove unless KEEP_RUN=1.
finish_machine() {
	local dir=$1
	kill_chroot_procs "$dir"
	unmount_all "$dir" || die "could not unmount everything under $dir"
	if [ "$KEEP_RUN" = 1 ]; then
		say "kept $dir (unmounted)"
	else
		safe_remove "$dir"
	fi
	local keep=() d
	for d in "${ACTIVE_DIRS[@]}"; do [ "$d" = "$dir" ] || keep+=("$d"); done
	ACTIVE_DIRS=("${keep[@]}")
}

declare -A RESULT SECS DETAIL
# run_cmd DIR NAME SCRIPT: run `cd /root/salesops && bash SCRIPT` in DIR.
run_cmd() {
	local dir=$1 name=$2 script=$3 log=$LOGDIR/$2.log
	if [ ! -f "$dir/root/salesops/$script" ]; then
		SECS[$name]=0
		if [ "$SKIP_DEMO" = 1 ] && [ "$name" = demo ]; then
			RESULT[$name]="SKIPPED ($script is not in the committed tree; SKIP_DEMO=1)"
		else
			RESULT[$name]="FAIL ($script is not in the committed tree)"
		fi
		say "$name: ${RESULT[$name]}"
		return 0
	fi
	local before after
	before=$(installed_pkgs "$dir")
	say "$name: cd /root/salesops && bash $script   (inside $dir; log: $log)"
	local t0 rc
	t0=$(date +%s)
	# in the background and waited for, so that a signal to this script is
	# acted on at once (bash defers traps while a foreground job runs)
	(
		set +e
		in_chroot "$dir" "cd /root/salesops && bash $script" 2>&1 | tee "$log"
		exit "${PIPESTATUS[0]}"
	) &
	rc=0
	wait "$!" || rc=$?
	SECS[$name]=$(($(date +%s) - t0))
	say "$name: exit status $rc after $(fmt_secs "${SECS[$name]}")"
	if [ "$rc" -eq 0 ]; then RESULT[$name]="PASS"; else RESULT[$name]="FAIL (exit $rc)"; fi

	# what the run did to the machine
	after=$(installed_pkgs "$dir")
	local new
	new=$(comm -13 <(echo "$before") <(echo "$after"))
	printf '%s\n' "$new" >"$LOGDIR/$name.packages-installed"
	local n=0
	[ -z "$new" ] || n=$(printf '%s\n' "$new" | wc -l)
	local lib=$dir/usr/lib/postgresql/15/lib/salesops.so
	local ctl=$dir/usr/share/postgresql/15/extension/salesops.control
	local built=no started=no stopped=yes leftovers="" main=""
	[ -f "$lib" ] && [ -f "$ctl" ] && built=yes
	grep -q '^==> throwaway cluster on port' "$log" && started=yes
	leftovers=$(cd "$dir/tmp" && ls -d salesops-cluster.* 2>/dev/null) || true
	[ -z "$leftovers" ] || stopped="no (left /tmp/$leftovers)"
	local procs=()
	for p in /proc/[0-9]*; do
		r=$(readlink "$p/root" 2>/dev/null) || continue
		[ "$r" = "$dir" ] && procs+=("${p#/proc/}:$(tr '\0' ' ' <"$p/cmdline" | cut -c1-60)")
	done
	[ ${#procs[@]} -eq 0 ] || stopped="no (processes left: ${procs[*]})"
	[ -d "$dir/var/lib/postgresql/15/main" ] && main="; Debian's default cluster 15/main was created (not started)"
	DETAIL[$name]="packages installed: $n (list: $LOGDIR/$name.packages-installed); extension built and installed: $built; throwaway cluster started: $started; stopped and removed on exit: $stopped$main"
	say "$name: ${DETAIL[$name]}"
	if [ "$n" -gt 0 ]; then
		printf '%s\n' "$new" | paste -sd' ' | fold -s -w 100 | sed 's/^/    /' >&2
	fi
}

if [ "$SAME_CHROOT" = 1 ]; then
	new_machine "$BASE.run"
	run_cmd "$BASE.run" test test/run.sh
	run_cmd "$BASE.run" demo demo/run.sh
	finish_machine "$BASE.run"
	MODE="both commands in one fresh copy ($BASE.run), test first"
else
	for name in test demo; do
		if [ "$name" = demo ] && [ ! -f "$CLONE_TMP/salesops/demo/run.sh" ]; then
			run_cmd "$CLONE_TMP" demo demo/run.sh # records FAIL or SKIPPED
			continue
		fi
		new_machine "$BASE.$name"
		run_cmd "$BASE.$name" "$name" "$name/run.sh"
		finish_machine "$BASE.$name"
	done
	MODE="each command in its own fresh copy of the base"
fi
rm -rf --one-file-system -- "$CLONE_TMP"

# --- summary -----------------------------------------------------------------
for d in "${ALL_DIRS[@]}"; do
	[ -z "$(mounts_under "$d")" ] || die "mounts remain under $d"
done
status=0
printf '\n==================== fresh machine summary ====================\n'
printf 'commit tested:  %s (clone of %s)\n' "$COMMIT" "$REPO"
printf 'base rootfs:    %s\n' "$DEBOOT_NOTE"
printf 'mode:           %s\n' "$MODE"
for name in test demo; do
	printf '%-15s %s' "$name/run.sh:" "${RESULT[$name]}"
	[ "${SECS[$name]}" -gt 0 ] && printf ' in %s' "$(fmt_secs "${SECS[$name]}")"
	printf '\n'
	[ -z "${DETAIL[$name]:-}" ] || printf '                %s\n' "${DETAIL[$name]}"
	case ${RESULT[$name]} in PASS | SKIPPED*) ;; *) status=1 ;; esac
done
printf 'total time:     %s\n' "$(fmt_secs $(($(date +%s) - T_START)))"
printf 'logs:           %s/\n' "$LOGDIR"
printf 'mounts left:    none (base kept at %s for REUSE=1)\n' "$BASE"
if [ "$status" -eq 0 ]; then echo "RESULT: PASS"; else echo "RESULT: FAIL"; fi
exit "$status"
