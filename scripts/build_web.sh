#!/usr/bin/env bash
# Builds the web app (web/) into web/dist, which `huiyin serve` hands out.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
[ -f "$here/web/package.json" ] || exit 0
cd "$here/web"
# A lock newer than the installed tree (a package was added) installs again, as scripts/setup.sh does.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund; fi
npm run build --silent
