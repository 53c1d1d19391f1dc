#!/usr/bin/env bash
# Sets up and runs every test: unit and storage tests (ctest) on SQLite and on a throwaway
# PostgreSQL cluster, HTTP integration tests against the real binary on both backends, and the
# web app's end-to-end tests in headless Chromium.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
BUILD=${BUILD:-build}
PG_PORT=${HUIYIN_TEST_PG_PORT:-55432}
PG_DIR="$here/$BUILD/pg-test"

bash scripts/setup.sh --test
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$BUILD" -j2
bash scripts/build_web.sh

cleanup() { bash scripts/pg_test_cluster.sh stop "$PG_DIR" >/dev/null 2>&1 || true; }
trap cleanup EXIT
PG_URL=$(bash scripts/pg_test_cluster.sh start "$PG_DIR" "$PG_PORT" | tail -n 1)
export HUIYIN_TEST_PG_URL="$PG_URL"
export HUIYIN_BIN="$here/$BUILD/huiyin"
echo "test: PostgreSQL at $PG_URL"

status=0
echo "== unit and storage tests (ctest) =="
ctest --test-dir "$BUILD" --output-on-failure -j2 || status=1

if [ -d tests/api ]; then
  echo "== HTTP integration tests (SQLite and PostgreSQL) =="
  node --test --test-concurrency=1 tests/api/ || status=1
fi

if [ -f web/package.json ] && grep -q '"e2e"' web/package.json; then
  echo "== web end-to-end tests (headless Chromium) =="
  (cd web && npm run --silent e2e) || status=1
fi

if [ "$status" = 0 ]; then echo "test: all suites passed"; else echo "test: some suites FAILED"; fi
exit "$status"
