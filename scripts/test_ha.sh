#!/usr/bin/env bash
# The high-availability tests (tests/ha/): a PostgreSQL primary with a synchronous standby on
# loopback (scripts/pg_ha_cluster.sh), the primary killed and the standby promoted under load.
# Not part of `make test`. Assumes `scripts/setup.sh --test` has run (PostgreSQL 15, Node.js);
# builds build/huiyin only if it is missing. HUIYIN_BIN names another binary.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
BUILD=${BUILD:-build}

if [ -z "${HUIYIN_BIN:-}" ]; then
  if [ ! -x "$BUILD/huiyin" ]; then
    cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
    cmake --build "$BUILD" -j2 --target huiyin
  fi
  export HUIYIN_BIN="$here/$BUILD/huiyin"
fi
[ -x /usr/lib/postgresql/15/bin/pg_ctl ] || { echo "PostgreSQL 15 missing: run scripts/setup.sh --test" >&2; exit 1; }

echo "== high-availability tests (PostgreSQL failover) =="
node --test --test-concurrency=1 tests/ha/
