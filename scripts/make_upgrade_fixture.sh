#!/usr/bin/env bash
# Makes the fixture of tests/api/upgrade.test.mjs from an OLD release's binary:
#   scripts/make_upgrade_fixture.sh OLD_HUIYIN [OUT_DIR]     (OUT_DIR: tests/fixtures/upgrade-f186a75)
# For SQLite and for PostgreSQL it runs the old `huiyin serve --demo` on a fresh database, adds a
# few photos through the old API (the demo has none), reads through the old API everything the
# demo administrator can read (tests/api/upgrade_fixture.mjs: every matter of the list with its
# detail, events, measures, evaluations and attachment bytes; the user list; tracking views) as
# the expected JSON, stops the server and keeps the database as it was left: the SQLite file,
# a plain pg_dump, and the data directory (attachment files). Everything is gzipped.
# The demo is dated from the day it runs; the fixture freezes that day.
# PostgreSQL: a throwaway cluster (scripts/pg_test_cluster.sh) on UPGRADE_FIXTURE_PG_PORT
# (default 55470) in a temporary directory, stopped and removed at the end.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
old=${1:-}
[ -n "$old" ] && [ -x "$old" ] || { echo "usage: $0 OLD_HUIYIN [OUT_DIR]" >&2; exit 2; }
old=$(cd "$(dirname "$old")" && pwd)/$(basename "$old")
out=${2:-$here/tests/fixtures/upgrade-f186a75}
pg_port=${UPGRADE_FIXTURE_PG_PORT:-55470}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
commit=$(git -C "$(dirname "$old")" rev-parse HEAD 2>/dev/null || echo unknown)

work=$(mktemp -d /tmp/huiyin-upgrade-fixture.XXXXXX)
chmod 755 "$work"
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  bash "$here/scripts/pg_test_cluster.sh" stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

unset HUIYIN_DB HUIYIN_PORT HUIYIN_DATA_DIR HUIYIN_DEMO HUIYIN_FAST_PASSWORD_HASH
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
reader="$here/tests/api/upgrade_fixture.mjs"

pg_url=$(bash "$here/scripts/pg_test_cluster.sh" start "$work/pg" "$pg_port" | tail -n 1)
pg_db=huiyin_upgrade_fixture
PGOPTIONS="-c client_min_messages=warning" "$PG_BIN/psql" "$pg_url" -qAtc "DROP DATABASE IF EXISTS $pg_db" -c "CREATE DATABASE $pg_db"
pg_fixture_url=${pg_url%/*}/$pg_db

mkdir -p "$out"
for backend in sqlite postgresql; do
  dir="$work/$backend"
  mkdir -p "$dir"
  if [ "$backend" = sqlite ]; then url="sqlite:$dir/huiyin.db"; else url=$pg_fixture_url; fi
  port=$(free_port)
  base="http://127.0.0.1:$port"
  echo "fixture: $backend — old release serve --demo on $url"
  "$old" serve --db "$url" --port "$port" --data-dir "$dir/files" --web "$dir/no-web" --demo \
    >"$dir/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    curl -sf "$base/healthz" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || { cat "$dir/serve.log" >&2; exit 1; }
    sleep 1
  done
  curl -sf "$base/healthz" >/dev/null || { echo "old serve did not come up" >&2; cat "$dir/serve.log" >&2; exit 1; }
  extras=$(node "$reader" extras "$base")
  node "$reader" read "$base" "$extras" >"$dir/expected.json"
  kill -TERM "$pid"
  wait "$pid" || true
  pid=
  gzip -9n <"$dir/expected.json" >"$out/$backend-expected.json.gz"
  if [ "$backend" = sqlite ]; then
    # A clean stop checkpoints the write-ahead log into the file.
    [ ! -s "$dir/huiyin.db-wal" ] || { echo "sqlite WAL not checkpointed at stop" >&2; exit 1; }
    gzip -9n <"$dir/huiyin.db" >"$out/sqlite.db.gz"
  else
    "$PG_BIN/pg_dump" --format=plain --no-owner --no-privileges "$url" | gzip -9n >"$out/postgresql.sql.gz"
  fi
  if [ -d "$dir/files" ]; then
    tar -C "$dir/files" --owner=0 --group=0 --numeric-owner -cf - . | gzip -9n >"$out/$backend-data.tar.gz"
  else
    rm -f "$out/$backend-data.tar.gz"
  fi
  node -e "const e=JSON.parse(require('fs').readFileSync(process.argv[1]));let n=0,m=0,a=0,v=0;for(const x of Object.values(e.matters)){n+=x.detail.events.length;m+=x.detail.measures.length;a+=x.detail.attachments.length;v+=x.detail.evaluations.length}console.log('fixture: '+process.argv[2]+': '+Object.keys(e.matters).length+' matters, '+n+' events, '+m+' measures, '+v+' evaluations, '+a+' attachments, '+e.users.length+' users')" "$dir/expected.json" "$backend"
done

cat >"$out/MANIFEST" <<EOF
made_by: scripts/make_upgrade_fixture.sh
old_release_commit: $commit
old_binary_sha256: $(sha256sum "$old" | cut -d' ' -f1)
made_at: $(date -u +%Y-%m-%dT%H:%M:%SZ)
files:
  sqlite.db.gz                   the SQLite database after the old serve --demo stopped
  postgresql.sql.gz              pg_dump --format=plain --no-owner --no-privileges of the PostgreSQL one
  <backend>-data.tar.gz          the data directory (attachment files) of each
  <backend>-expected.json.gz     what the old release's API returned (tests/api/upgrade_fixture.mjs read)
EOF
ls -l "$out"
du -sh "$out"
