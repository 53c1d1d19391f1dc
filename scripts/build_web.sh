#!/usr/bin/env bash
# Builds the web app (web/) into web/dist, which `huiyin serve` hands out.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
[ -f "$here/web/package.json" ] || exit 0
cd "$here/web"
if [ ! -d node_modules ]; then npm ci --no-audit --no-fund; fi
npm run build --silent
