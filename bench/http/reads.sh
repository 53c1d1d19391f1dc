#!/usr/bin/env bash
# Read paths over HTTP against a running `huiyin serve`: p50/p99 server time over loopback for
# the stats overview (city and one unit), the unit ranking, the grouping by unit, the workbench,
# a ledger page with three filters, keyword search, a matter detail and the public tracking page.
# Usage: bench/http/reads.sh BASE_URL [SECONDS] [CONNECTIONS]
#   BASE_URL e.g. http://127.0.0.1:18080; logs in as `leader` and `dispatcher` (demo password
#   Huiyin@2026, or HUIYIN_BENCH_PASSWORD). Needs wrk (scripts/setup.sh --bench) and curl.
# Prints one Markdown table row per path: path, requests/s, p50, p99.
set -euo pipefail
base=${1:?usage: bench/http/reads.sh BASE_URL [SECONDS] [CONNECTIONS]}
seconds=${2:-10}
conns=${3:-1}
password=${HUIYIN_BENCH_PASSWORD:-Huiyin@2026}

cookie_of() {
  curl -s -D - -o /dev/null -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$password\"}" "$base/api/v1/session" |
    tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(huiyin_session=[^;]*\).*/\1/p' | head -1
}
leader=$(cookie_of leader)
dispatcher=$(cookie_of dispatcher)
[ -n "$leader" ] && [ -n "$dispatcher" ] || { echo "reads.sh: login failed" >&2; exit 1; }

# A matter code and a unit code from the data itself.
code=$(curl -s -H "Cookie: $dispatcher" "$base/api/v1/matters?limit=1&status=assigned" |
  python3 -c 'import json,sys; d=json.load(sys.stdin); print((d.get("items") or [{}])[0].get("code",""))')
unit=$(curl -s -H "Cookie: $leader" "$base/api/v1/stats/grouped?by=org" |
  python3 -c 'import json,sys; rows=[r for r in json.load(sys.stdin) if r.get("key")]; print(max(rows,key=lambda r:r["collected"])["key"] if rows else "")')

run() {  # label cookie path
  local out rps p50 p99
  out=$(wrk -t1 -c"$conns" -d"${seconds}s" --latency -H "Cookie: $2" "$base$3" 2>&1)
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  local non2xx
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  echo "| $1 | \`$3\` | $rps | $p50 | $p99 |${non2xx:+ non-2xx: $non2xx}"
}

echo "| read | path | req/s | p50 | p99 |"
echo "| --- | --- | --- | --- | --- |"
run "stats overview, city, 30 days" "$leader" "/api/v1/stats/overview"
run "stats overview, one unit" "$leader" "/api/v1/stats/overview?org=$unit"
run "stats overview, city, 1 year" "$leader" "/api/v1/stats/overview?from=$(date -d '-364 days' +%F)"
run "stats by unit" "$leader" "/api/v1/stats/grouped?by=org"
run "unit ranking" "$leader" "/api/v1/rankings"
run "workbench counts" "$dispatcher" "/api/v1/workbench"
run "ledger page, three filters" "$dispatcher" "/api/v1/matters?status=assigned&channel=hotline&category=02&limit=20"
run "keyword search, 2 chars" "$dispatcher" "/api/v1/matters?q=%E8%B7%AF%E7%81%AF&limit=20"
run "keyword search, 4 chars" "$dispatcher" "/api/v1/matters?q=%E5%B0%8F%E5%8C%BA%E8%B7%AF%E7%81%AF&limit=20"
[ -n "$code" ] && run "matter detail" "$dispatcher" "/api/v1/matters/$code"
[ -n "$code" ] && run "public tracking page (no token: 404 path)" "" "/api/v1/track/$code"
run "healthz (the stack's ceiling)" "" "/healthz"
