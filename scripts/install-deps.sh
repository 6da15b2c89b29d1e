#!/usr/bin/env bash
# Installs what werkcheck needs to build, run and test on Debian 12.
# Only installs what is missing, so running it again is cheap.
set -euo pipefail
cd "$(dirname "$0")/.."

# Build and runtime libraries, tools used at build time, and test tools (debhelper, lintian,
# cage, xwayland and grim: `make package` and the package test, tests/package; libcups and
# CUPS with its virtual PDF printer and poppler: the take-home slip and its tests; libvorbis
# and vorbis-tools: the spoken clips, encoded to Ogg Vorbis by the build and decoded by the kiosk;
# libpq-dev and postgresql: the server's PostgreSQL store and the throw-away clusters its tests start;
# prometheus-cpp: the server's /metrics, read in its test by Prometheus' own Python parser).
packages=(
  build-essential cmake pkg-config
  libsdl2-dev libimgui-dev libstb-dev libfreetype-dev libgl1-mesa-dev libgl1-mesa-dri libegl1
  libvorbis-dev vorbis-tools
  libpango1.0-dev libcairo2-dev
  libsqlite3-dev sqlite3 libcurl4-openssl-dev libsodium-dev libgettextpo-dev gettext libcsv-dev
  libhyphen-dev hyphen-nl  # Dutch syllables for the linter's Flesch-Douma check
  nlohmann-json3-dev doctest-dev
  libcpp-httplib-dev libssl-dev zlib1g-dev openssl libkainjow-mustache-dev
  fonts-noto-core espeak-ng librsvg2-bin
  xvfb xauth xdotool x11-utils imagemagick sox python3
  chromium tzdata
  nginx
  libpq-dev postgresql
  debhelper lintian dpkg-dev systemd adduser cage xwayland grim
  libcups2-dev cups printer-driver-cups-pdf poppler-utils
  prometheus-cpp-dev python3-prometheus-client
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# Node.js may come from elsewhere (its npm conflicts with Debian's): only add Debian's if absent.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

# OpenMoji pictures, playwright-core (drives Debian's chromium in the coach-page tests) and
# axe-core (checks those pages against WCAG rules in that browser),
# pinned by package-lock.json. npm ci runs again whenever an installed version differs.
npm_stale=0
for pkg in openmoji playwright-core axe-core; do
  want=$(node -p "require('./package-lock.json').packages['node_modules/$pkg'].version")
  [ -f "node_modules/$pkg/package.json" ] && \
    [ "$(node -p "require('./node_modules/$pkg/package.json').version")" = "$want" ] || npm_stale=1
done
if [ $npm_stale -eq 1 ]; then
  echo "install-deps: npm ci (OpenMoji, playwright-core, axe-core)"
  npm ci --no-audit --no-fund
fi
