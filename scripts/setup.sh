#!/usr/bin/env bash
# Installs what Huiyin needs to build, run and test on Debian 12, and skips what is present.
# Usage: scripts/setup.sh [--test] [--bench]   (--test also installs PostgreSQL and Chromium for the
# test suite; --bench installs wrk and nginx-light for `make bench`, which `make test` never needs)
set -euo pipefail

want_test=0
want_bench=0
for arg in "$@"; do
  case "$arg" in
    --test) want_test=1 ;;
    --bench) want_bench=1 ;;
    *) echo "setup: unknown option $arg (use --test, --bench)" >&2; exit 2 ;;
  esac
done

pkgs=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost-dev librestinio-dev libasio-dev libfmt-dev libspdlog-dev libcli11-dev
  nlohmann-json3-dev libsqlite3-dev libpq-dev libsodium-dev libxlsxwriter-dev
  libicu-dev libopencc-dev libopencc1.1 opencc libutf8proc-dev prometheus-cpp-dev zlib1g-dev
  libzip-dev libexpat1-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)
if [ "$want_test" = 1 ]; then
  pkgs+=(postgresql postgresql-contrib chromium fonts-noto-cjk)
fi
if [ "$want_bench" = 1 ]; then
  pkgs+=(wrk nginx-light postgresql postgresql-contrib)
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v node >/dev/null 2>&1 ||
   ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a==20&&b>=19)?0:1)'; then
  echo "setup: the web app needs Node.js 20.19 or newer with npm (node --version)." >&2
  exit 1
fi

here=$(cd "$(dirname "$0")/.." && pwd)
if [ -f "$here/web/package-lock.json" ]; then
  if [ ! -d "$here/web/node_modules" ] || [ "$here/web/package-lock.json" -nt "$here/web/node_modules/.package-lock.json" ]; then
    echo "setup: installing web app packages"
    (cd "$here/web" && npm ci --no-audit --no-fund)
  fi
fi
