# shellcheck shell=bash
# Shared set-up for the demo, the test suite and the benchmark: install what
# is missing (Debian packages), build and install the extension, run a
# throwaway PostgreSQL 15 cluster as the postgres user on a free port under
# /tmp, and stop it on exit.  Source it, then call the functions.

set -euo pipefail

SALESOPS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PG_MAJOR=${PG_MAJOR:-15}
# SALESOPS_PG_BIN: another server's bin directory (a relocatable copy of
# Debian's, say) to build, install and test against instead of the system
# one, so that two checkouts can run their scripts at once.
PG_BIN=${SALESOPS_PG_BIN:-/usr/lib/postgresql/$PG_MAJOR/bin}
PG_CONFIG=$PG_BIN/pg_config
export PG_CONFIG

say() { printf '==> %s\n' "$*" >&2; }

# Debian packages the project needs; extra ones may be passed as arguments.
salesops_install_deps() {
	local wanted=(postgresql-$PG_MAJOR postgresql-server-dev-$PG_MAJOR make gcc
		libc6-dev python3 "$@")
	local missing=()
	for pkg in "${wanted[@]}"; do
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' ||
			missing+=("$pkg")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		say "missing packages: ${missing[*]}; install them as root (apt-get install ${missing[*]})"
		exit 1
	fi
	say "installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	# We only ever run throwaway clusters: keep the server package from
	# creating Debian's main cluster (which would start on port 5432 at every
	# boot), and from starting anything while it installs.
	if [ ! -e /usr/lib/postgresql/$PG_MAJOR/bin/postgres ] && [ ! -d /etc/postgresql ]; then
		mkdir -p /etc/postgresql-common/createcluster.d
		echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.d/salesops-no-main-cluster.conf
	fi
	local policy_added= log
	log=$(mktemp /tmp/salesops-apt.XXXXXX)
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
		chmod +x /usr/sbin/policy-rc.d
		policy_added=1
	fi
	local status=0
	{ apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1 || status=$?
	[ -n "$policy_added" ] && rm -f /usr/sbin/policy-rc.d
	if [ "$status" -ne 0 ]; then
		say "apt-get failed:"
		cat "$log" >&2
		exit 1
	fi
	rm -f "$log"
}

salesops_build_install() {
	say "building and installing salesops"
	make -C "$SALESOPS_ROOT" -s PG_CONFIG="$PG_CONFIG" "$@" >/dev/null
	if [ "$(id -u)" -eq 0 ]; then
		make -C "$SALESOPS_ROOT" -s PG_CONFIG="$PG_CONFIG" install >/dev/null
	else
		sudo make -C "$SALESOPS_ROOT" -s PG_CONFIG="$PG_CONFIG" install >/dev/null
	fi
}

# Run a command as the cluster's owner: postgres when we are root.  From /,
# since postgres may not enter the caller's directory (a clone under /root).
as_pg_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		(cd / && runuser -u postgres -- "$@")
	else
		"$@"
	fi
}

port_is_free() {
	! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Start a throwaway cluster; sets PGHOST, PGPORT, PGUSER, PGDATABASE and
# SALESOPS_CLUSTER_DIR, and stops and removes it when the shell exits.
# Extra arguments are server settings (-c name=value, no spaces in values).
# It listens only on a Unix socket in a directory no one else may enter, so
# trust authentication admits no other local user; pass
# "-c listen_addresses=127.0.0.1" for clients that need TCP.
salesops_cluster_start() {
	if [ -n "${SALESOPS_CLUSTER_DIR:-}" ]; then
		say "a throwaway cluster is already running in $SALESOPS_CLUSTER_DIR"
		exit 1
	fi
	SALESOPS_CLUSTER_DIR=$(mktemp -d /tmp/salesops-cluster.XXXXXX)
	chmod 700 "$SALESOPS_CLUSTER_DIR"
	[ "$(id -u)" -eq 0 ] && chown postgres: "$SALESOPS_CLUSTER_DIR"
	trap salesops_cluster_stop EXIT
	as_pg_owner "$PG_BIN/initdb" -D "$SALESOPS_CLUSTER_DIR/data" -U postgres \
		-A trust -E UTF8 --locale=C.UTF-8 >/dev/null
	local port attempt
	for attempt in $(seq 1 20); do
		port=$((54000 + RANDOM % 2000))
		port_is_free "$port" || continue
		if as_pg_owner "$PG_BIN/pg_ctl" -D "$SALESOPS_CLUSTER_DIR/data" -w -t 120 \
			-l "$SALESOPS_CLUSTER_DIR/server.log" \
			-o "-p $port -k $SALESOPS_CLUSTER_DIR -c listen_addresses='' $*" \
			start >/dev/null; then
			export PGHOST=$SALESOPS_CLUSTER_DIR PGPORT=$port PGUSER=postgres PGDATABASE=postgres
			say "throwaway cluster on port $port in $SALESOPS_CLUSTER_DIR"
			return 0
		fi
		# only a port taken meanwhile is worth another try
		grep -qE 'could not bind|Address already in use|could not create any TCP/IP sockets' \
			"$SALESOPS_CLUSTER_DIR/server.log" 2>/dev/null || break
	done
	say "could not start a cluster; server log:"
	cat "$SALESOPS_CLUSTER_DIR/server.log" >&2
	exit 1
}

salesops_cluster_stop() {
	[ -n "${SALESOPS_CLUSTER_DIR:-}" ] && [ -d "$SALESOPS_CLUSTER_DIR/data" ] || return 0
	if [ -f "$SALESOPS_CLUSTER_DIR/data/postmaster.pid" ] &&
		! as_pg_owner "$PG_BIN/pg_ctl" -D "$SALESOPS_CLUSTER_DIR/data" -m fast -w stop >/dev/null 2>&1; then
		say "could not stop the cluster in $SALESOPS_CLUSTER_DIR; left in place"
		return 0
	fi
	rm -rf "$SALESOPS_CLUSTER_DIR"
	SALESOPS_CLUSTER_DIR=
}

psql_quiet() {
	"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"
}
