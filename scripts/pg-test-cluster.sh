#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite.
#
#   scripts/pg-test-cluster.sh start   # fresh cluster (reused if already running), prints the URL
#   scripts/pg-test-cluster.sh url     # postgresql+psycopg://toegang:toegang@127.0.0.1:55432/toegang_test
#   scripts/pg-test-cluster.sh status
#   scripts/pg-test-cluster.sh stop    # stops the cluster and removes its directory
#
# The cluster lives in $PG_TEST_DIR (default /tmp/toegang-pg-test-<port>): data/, sock/ (unix socket),
# server.log. It listens on 127.0.0.1:$PG_TEST_PORT only (default 55432), trusts local socket
# connections and asks a password over TCP. Durability is switched off for speed: never keep data here.
# As root the server runs as the `postgres` user (PostgreSQL refuses to run as root); as any other
# user it runs as that user. Binaries come from the newest /usr/lib/postgresql/*/bin, else from PATH.
set -euo pipefail

PORT="${PG_TEST_PORT:-55432}"
DIR="${PG_TEST_DIR:-/tmp/toegang-pg-test-${PORT}}"
DATA="$DIR/data"
SOCK="$DIR/sock"
LOG="$DIR/server.log"
ROLE=toegang
PASSWORD=toegang
DBNAME=toegang_test
URL="postgresql+psycopg://${ROLE}:${PASSWORD}@127.0.0.1:${PORT}/${DBNAME}"

die() { echo "pg-test-cluster: $*" >&2; exit 1; }
say() { echo "pg-test-cluster: $*" >&2; }

find_bindir() {
    local dir="" candidate
    for candidate in /usr/lib/postgresql/*/bin; do
        [[ -x "$candidate/initdb" ]] || continue
        if [[ -z "$dir" ]] || [[ "$(printf '%s\n%s\n' "$dir" "$candidate" | sort -V | tail -n 1)" == "$candidate" ]]; then
            dir="$candidate"
        fi
    done
    if [[ -n "$dir" && -x "$dir/initdb" ]]; then
        echo "$dir"
    elif command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
    else
        die "no PostgreSQL server binaries found (apt-get install postgresql)"
    fi
}

BIN="$(find_bindir)"

# Run a command as the cluster owner.
as_owner() {
    if [[ "$(id -u)" -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

is_running() {
    [[ -f "$DATA/PG_VERSION" ]] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

psql_super() {
    as_owner "$BIN/psql" -h "$SOCK" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"
}

start() {
    if is_running; then
        say "already running in $DIR"
        echo "$URL"
        return 0
    fi
    if [[ "$(id -u)" -eq 0 ]]; then
        id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user"
    fi
    rm -rf "$DIR"
    mkdir -p "$DIR"
    chmod 700 "$DIR"
    if [[ "$(id -u)" -eq 0 ]]; then
        chown postgres: "$DIR"
    fi
    as_owner mkdir -m 700 "$SOCK"

    say "initdb in $DATA ($BIN)"
    as_owner "$BIN/initdb" -D "$DATA" -U postgres --encoding=UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 >"$DIR/initdb.log" 2>&1 \
        || { cat "$DIR/initdb.log" >&2; die "initdb failed"; }

    as_owner tee -a "$DATA/postgresql.conf" >/dev/null <<EOF

# --- throwaway test cluster (scripts/pg-test-cluster.sh) ---
port = ${PORT}
listen_addresses = '127.0.0.1'
unix_socket_directories = '${SOCK}'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

    say "starting on 127.0.0.1:$PORT"
    as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null \
        || { cat "$LOG" >&2 || true; die "server did not start"; }

    psql_super -c "CREATE ROLE ${ROLE} LOGIN SUPERUSER PASSWORD '${PASSWORD}'"
    psql_super -c "CREATE DATABASE ${DBNAME} OWNER ${ROLE}"
    say "ready"
    echo "$URL"
}

stop() {
    if is_running; then
        say "stopping"
        as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null
    fi
    rm -rf "$DIR"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    url) echo "$URL" ;;
    status)
        if is_running; then echo "running ($DIR, port $PORT)"; else echo "not running"; exit 3; fi
        ;;
    *)
        echo "usage: $0 start|stop|url|status" >&2
        exit 2
        ;;
esac
