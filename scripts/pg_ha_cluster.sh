#!/usr/bin/env bash
# A PostgreSQL 15 primary with a synchronous streaming standby on loopback, from Debian's
# binaries (postgresql-15), for the failover test and for trying the operator's steps
# (docs/operations.md). Two clusters under DIR: DIR/a and DIR/b.
#   pg_ha_cluster.sh start DIR PORT_A PORT_B  create (if needed) and start: a is primary on PORT_A,
#                                             b a synchronous standby on PORT_B (cloned from a with
#                                             pg_basebackup); creates database huiyin; prints the
#                                             multi-host URL last
#   pg_ha_cluster.sh kill DIR NODE            stop NODE hard (pg_ctl stop -m immediate: no
#                                             checkpoint, like a crash)
#   pg_ha_cluster.sh kill-primary DIR         the same for whichever node is primary now
#   pg_ha_cluster.sh promote DIR [NODE]       promote the standby NODE (default: the node that is
#                                             a standby now) to primary; it then commits
#                                             alone (synchronous_standby_names cleared) until a
#                                             standby rejoins
#   pg_ha_cluster.sh rejoin DIR NODE          make the stopped old primary NODE a synchronous
#                                             standby of the other node (pg_rewind, else re-clone)
#   pg_ha_cluster.sh role DIR NODE            prints primary, standby or down
#   pg_ha_cluster.sh stop DIR                 stop both (the files stay; delete DIR to forget them)
# fsync and synchronous_commit stay on: a commit is acknowledged only once it is flushed on the
# primary and on the standby. Trust authentication on loopback only (a test setup: see
# docs/operations.md for a production one). As root the servers run as the `postgres` user.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
usage() {
  echo "usage: $0 start DIR PORT_A PORT_B | kill DIR NODE | kill-primary DIR | promote DIR [NODE] | rejoin DIR NODE | role DIR NODE | stop DIR" >&2
  exit 2
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || usage
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

other() { [ "$1" = a ] && echo b || echo a; }
port_of() { cat "$dir/$1.port"; }
pgctl() { as_owner "$PG_BIN/pg_ctl" "$@"; }
sql_at() { as_owner "$PG_BIN/psql" -h 127.0.0.1 -p "$1" -U postgres -d postgres -tAq -c "$2"; }
running() { [ -f "$dir/$1/PG_VERSION" ] && pgctl -D "$dir/$1" status >/dev/null 2>&1; }
role_of() {
  running "$1" || { echo down; return 0; }
  case "$(sql_at "$(port_of "$1")" "SELECT pg_is_in_recovery()" 2>/dev/null || echo x)" in
    t) echo standby ;; f) echo primary ;; *) echo down ;;
  esac
}

start_node() {
  local node=$1 port
  port=$(port_of "$node")
  running "$node" && return 0
  as_owner touch "$dir/$node.log" 2>/dev/null || true
  pgctl -D "$dir/$node" -l "$dir/$node.log" -o "-p $port -k $dir" -w -t 60 start >/dev/null ||
    { tail -n 20 "$dir/$node.log" >&2; exit 1; }
}

# Standby settings: stream from the other node under application name NODE.
make_standby() {
  local node=$1 from
  from=$(port_of "$(other "$node")")
  as_owner touch "$dir/$node/standby.signal"
  as_owner sh -c "cat >> '$dir/$node/postgresql.auto.conf'" <<CONF
primary_conninfo = 'host=127.0.0.1 port=$from user=postgres application_name=$node'
CONF
}

clone_from() {
  local node=$1 from
  from=$(port_of "$(other "$node")")
  rm -rf "${dir:?}/$node"
  as_owner "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$from" -U postgres -D "$dir/$node" -X stream \
    -c fast >"$dir/$node.clone.log" 2>&1 || { cat "$dir/$node.clone.log" >&2; exit 1; }
  chmod 700 "$dir/$node"
  make_standby "$node"
}

case "$cmd" in
  start)
    pa=${3:-}; pb=${4:-}
    [ -n "$pa" ] && [ -n "$pb" ] || usage
    [ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL 15 server not installed ($PG_BIN)" >&2; exit 1; }
    if [ "$(id -u)" = 0 ]; then
      id postgres >/dev/null 2>&1 || { echo "user postgres missing" >&2; exit 1; }
      chown postgres "$dir"
      p="$dir"
      while [ "$p" != / ]; do p=$(dirname "$p"); chmod o+x "$p" 2>/dev/null || true; done
    fi
    echo "$pa" > "$dir/a.port"; echo "$pb" > "$dir/b.port"
    if [ ! -f "$dir/a/PG_VERSION" ]; then
      rm -rf "$dir/a" "$dir/b"
      as_owner "$PG_BIN/initdb" -D "$dir/a" --locale=C.UTF-8 -E UTF8 -U postgres \
        --auth-local=trust --auth-host=trust >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 1; }
      as_owner sh -c "cat >> '$dir/a/postgresql.conf'" <<CONF
listen_addresses = '127.0.0.1'
max_connections = 200
wal_level = replica
max_wal_senders = 10
wal_keep_size = '256MB'
wal_log_hints = on
hot_standby = on
fsync = on
synchronous_commit = on
synchronous_standby_names = 'ANY 1 (a, b)'
CONF
    fi
    # Whichever node is the primary starts first (the standby needs it to stream from).
    first=a
    [ -f "$dir/a/standby.signal" ] && first=b
    start_node "$first"
    [ -f "$dir/$(other $first)/PG_VERSION" ] || clone_from "$(other $first)"
    start_node "$(other $first)"
    pport=$(port_of "$first")
    if ! sql_at "$pport" "SELECT 1 FROM pg_database WHERE datname = 'huiyin'" | grep -q 1; then
      sql_at "$pport" "CREATE DATABASE huiyin TEMPLATE template0 ENCODING 'UTF8'"
    fi
    # Wait until the standby streams synchronously.
    for _ in $(seq 1 100); do
      sql_at "$pport" "SELECT 1 FROM pg_stat_replication WHERE sync_state IN ('sync','quorum') AND state = 'streaming'" |
        grep -q 1 && break
      sleep 0.1
    done
    echo "postgresql://postgres@127.0.0.1:$pa,127.0.0.1:$pb/huiyin?target_session_attrs=read-write"
    ;;
  kill)
    node=${3:-}; [ -n "$node" ] || usage
    running "$node" && pgctl -D "$dir/$node" -m immediate -w stop >/dev/null
    ;;
  kill-primary)
    node=
    for n in a b; do [ "$(role_of "$n")" = primary ] && node=$n; done
    [ -n "$node" ] || { echo "no node is primary" >&2; exit 1; }
    pgctl -D "$dir/$node" -m immediate -w stop >/dev/null
    echo "$node"
    ;;
  promote)
    node=${3:-}
    if [ -z "$node" ]; then
      for n in a b; do [ "$(role_of "$n")" = standby ] && node=$n; done
      [ -n "$node" ] || { echo "no node is a standby" >&2; exit 1; }
    fi
    pgctl -D "$dir/$node" -w -t 60 promote >/dev/null
    # Alone now: a synchronous commit would wait for a standby that is gone.
    sql_at "$(port_of "$node")" "ALTER SYSTEM SET synchronous_standby_names = ''"
    sql_at "$(port_of "$node")" "SELECT pg_reload_conf()" >/dev/null
    ;;
  rejoin)
    node=${3:-}; [ -n "$node" ] || usage
    running "$node" && pgctl -D "$dir/$node" -m fast -w stop >/dev/null
    from=$(port_of "$(other "$node")")
    # pg_rewind needs a cleanly shut down cluster: let crash recovery finish first.
    if ! grep -q "shut down$" <(as_owner "$PG_BIN/pg_controldata" "$dir/$node" | grep "cluster state"); then
      as_owner "$PG_BIN/postgres" --single -D "$dir/$node" postgres </dev/null >/dev/null 2>&1 || true
    fi
    # A freshly promoted server writes its new timeline to its control file at a checkpoint.
    sql_at "$from" "CHECKPOINT"
    if as_owner "$PG_BIN/pg_rewind" -D "$dir/$node" \
        --source-server="host=127.0.0.1 port=$from user=postgres dbname=postgres" \
        >"$dir/$node.rewind.log" 2>&1; then
      make_standby "$node"
    else
      echo "pg_rewind failed (see $dir/$node.rewind.log); cloning afresh" >&2
      clone_from "$node"
    fi
    as_owner sed -i "/^synchronous_standby_names/d" "$dir/$node/postgresql.auto.conf"
    start_node "$node"
    sql_at "$from" "ALTER SYSTEM SET synchronous_standby_names = 'ANY 1 (a, b)'"
    sql_at "$from" "SELECT pg_reload_conf()" >/dev/null
    ;;
  role)
    node=${3:-}; [ -n "$node" ] || usage
    role_of "$node"
    ;;
  stop)
    for node in a b; do
      running "$node" && pgctl -D "$dir/$node" -m fast -w stop >/dev/null
    done
    true
    ;;
  *)
    usage
    ;;
esac
