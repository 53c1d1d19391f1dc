#!/usr/bin/env bash
# `make bench`: the benchmarks of docs/benchmarks.md in one run, on this machine, side by side.
#   1. in-process ceilings (Google Benchmark): a plain SQLite insert per transaction, and intake
#      through the services from 1 and 4 threads (bench/intake_ceiling_bench.cpp);
#   2. a city of BENCH_MATTERS matters (default 100000; 1000000 and 10000000 for the issue's
#      figures — mind the disk, ~4 KB a matter) made by `huiyin bench generate` in a fresh SQLite
#      file under BENCH_DIR (default build/bench-data; reused when it already has that many);
#   3. `huiyin serve` on it: the read paths (bench/http/reads.sh), then public intake over HTTP
#      (wrk, 16 connections, bench/http/intake.lua) next to /healthz of the same server;
#   4. peak RSS of serve, database size, cold start.
# Needs `scripts/setup.sh --bench` (wrk, nginx) and a build. Never part of `make test`.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
BUILD=${BUILD:-build}
MATTERS=${BENCH_MATTERS:-100000}
DIR=${BENCH_DIR:-$BUILD/bench-data}
SECONDS_EACH=${BENCH_SECONDS:-10}
PORT=${BENCH_PORT:-18090}
command -v wrk >/dev/null || { echo "bench: wrk missing — run scripts/setup.sh --bench" >&2; exit 1; }
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j2 --target huiyin intake_ceiling_bench

echo "# make bench — $(date -u +%F) on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "## In-process ceilings (SQLite)"
"$BUILD/bench/intake_ceiling_bench" --benchmark_counters_tabular=true 2>/dev/null | grep -E "^(RawInsert|Intake|Benchmark|-)"

mkdir -p "$DIR"
db="sqlite:$DIR/city-$MATTERS.db"
if [ ! -f "$DIR/city-$MATTERS.db" ]; then
  echo
  echo "## Generating $MATTERS matters"
  "$BUILD/huiyin" bench generate --db "$db" \
    --data-dir "$DIR/files-$MATTERS" --matters "$MATTERS"
fi
echo
echo "database: $(du -m "$DIR/city-$MATTERS.db" | cut -f1) MB for $MATTERS matters"

start=$(date +%s.%N)
"$BUILD/huiyin" serve --db "$db" --data-dir "$DIR/files-$MATTERS" --port "$PORT" --web "$DIR/no-web" \
  >"$DIR/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null; do
  kill -0 $pid 2>/dev/null || { echo "bench: serve exited"; tail "$DIR/serve.log"; exit 1; }
  sleep 0.05
done
echo "cold start: $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f", b - a}') s to the first /healthz"
echo
echo "## Read paths at $MATTERS matters (1 connection, ${SECONDS_EACH} s each)"
bash bench/http/reads.sh "http://127.0.0.1:$PORT" "$SECONDS_EACH" 1
echo
echo "## Intake over HTTP (wrk, 16 connections, ${SECONDS_EACH} s) and the stack's ceiling"
for what in intake healthz; do
  if [ "$what" = intake ]; then
    out=$(wrk -t2 -c16 -d"${SECONDS_EACH}s" --latency -s bench/http/intake.lua "http://127.0.0.1:$PORT")
  else
    out=$(wrk -t2 -c16 -d"${SECONDS_EACH}s" --latency "http://127.0.0.1:$PORT/healthz")
  fi
  echo "| $what | $(awk '/Requests\/sec/ {print $2}' <<<"$out") req/s | p50 $(awk '$1=="50%" {print $2}' <<<"$out") | p99 $(awk '$1=="99%" {print $2}' <<<"$out") |$(awk '/Non-2xx/ {print " non-2xx: " $5}' <<<"$out")"
done
echo
echo "peak RSS of serve: $(awk '/VmHWM/ {print $2 " " $3}' /proc/$pid/status)"
