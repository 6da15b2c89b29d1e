#!/usr/bin/env bash
# Builds the Debian packages (werkcheck-kiosk, werkcheck-server, werkcheck-content) from a source
# tree with dpkg-buildpackage (debian/rules: debhelper, CMake) and puts the .deb files in OUT_DIR.
# usage: build-packages.sh [SOURCE_DIR] OUT_DIR     (SOURCE_DIR defaults to this checkout)
# The version is the top entry of SOURCE_DIR/debian/changelog.
set -euo pipefail
if [ $# -eq 2 ]; then src="$1"; out="$2"; else src="$(cd "$(dirname "$0")/.." && pwd)"; out="$1"; fi
mkdir -p "$out"
out="$(cd "$out" && pwd)"
src="$(cd "$src" && pwd)"
jobs="${JOBS:-$(nproc)}"
cd "$src"
version="$(dpkg-parsechangelog -S Version)"
arch="$(dpkg --print-architecture)"
# dpkg-buildpackage writes next to the source tree; a directory of our own keeps other files out.
parent="$(dirname "$src")"
start=$(date +%s)
# noddebs: no -dbgsym packages (they would be left next to the source tree).
DEB_BUILD_OPTIONS="parallel=$jobs nocheck noddebs" dpkg-buildpackage -b -us -uc
for pkg in werkcheck-kiosk:"$arch" werkcheck-server:"$arch" werkcheck-content:all; do
  name="${pkg%%:*}_${version}_${pkg##*:}.deb"
  mv -f "$parent/$name" "$out/"
done
rm -f "$parent"/werkcheck_"${version}"_"$arch".{buildinfo,changes}
# A build-dependency-free leftover from dh: the CMake build directory of the package build.
rm -rf obj-*
echo "build-packages: werkcheck $version in $out ($(( $(date +%s) - start )) s)"
ls -l "$out"/*_"${version}"_*.deb
