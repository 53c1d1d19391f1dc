#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests.
#   pg_test_cluster.sh start DIR PORT   create (if needed) and start it on 127.0.0.1:PORT,
#                                       create database huiyin_test, print its URL last
#   pg_test_cluster.sh stop DIR         stop it (the files stay; delete DIR to forget it)
# Idempotent: starting a running cluster or stopping a stopped one is fine. As root the server
# runs as the `postgres` user (PostgreSQL refuses to run as root), so DIR is chowned to it.
# Trust authentication on loopback only; UTF-8 and C.UTF-8 locale so pg_trgm handles Chinese.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
usage() { echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || usage
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
data="$dir/data"
log="$dir/server.log"

case "$cmd" in
  start)
    port=${3:-}
    [ -n "$port" ] || usage
    [ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL 15 server not installed ($PG_BIN)" >&2; exit 1; }
    if [ "$(id -u)" = 0 ]; then
      id postgres >/dev/null 2>&1 || { echo "user postgres missing" >&2; exit 1; }
      chown postgres "$dir"
      # The server user must reach DIR through every parent directory.
      p="$dir"
      while [ "$p" != / ]; do p=$(dirname "$p"); chmod o+x "$p" 2>/dev/null || true; done
    fi
    if [ ! -f "$data/PG_VERSION" ]; then
      rm -rf "$data"
      as_owner "$PG_BIN/initdb" -D "$data" --locale=C.UTF-8 -E UTF8 -U postgres \
        --auth-local=trust --auth-host=trust >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 1; }
      cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF
    fi
    if ! as_owner "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      as_owner touch "$log" 2>/dev/null || true
      as_owner "$PG_BIN/pg_ctl" -D "$data" -l "$log" -o "-p $port" -w -t 60 start >/dev/null ||
        { tail -n 20 "$log" >&2; exit 1; }
    fi
    if ! as_owner "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = 'huiyin_test'" | grep -q 1; then
      as_owner "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -q \
        -c "CREATE DATABASE huiyin_test TEMPLATE template0 ENCODING 'UTF8'"
    fi
    echo "postgresql://postgres@127.0.0.1:$port/huiyin_test"
    ;;
  stop)
    if [ -f "$data/PG_VERSION" ] && as_owner "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      as_owner "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null
    fi
    ;;
  *)
    usage
    ;;
esac
