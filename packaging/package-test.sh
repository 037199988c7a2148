#!/usr/bin/env bash
# Builds the .deb from a configured build folder, installs it with dpkg, checks the
# installed files and runs the installed headroom-cli, then removes the package.
# usage: packaging/package-test.sh BUILD_DIR
set -euo pipefail
build_dir=$(realpath "$1")
cd "$(dirname "$0")/.."

echo "== package: build"
rm -f "$build_dir"/headroom_*.deb "$build_dir"/headroom-*.tar.gz
(cd "$build_dir" && cpack -G "DEB;TGZ" >/dev/null)
deb=$(ls "$build_dir"/headroom_*.deb)
echo "built $(basename "$deb") and $(basename "$(ls "$build_dir"/headroom-*.tar.gz)")"

if [ "$(id -u)" -ne 0 ]; then
    as_root=(sudo)
else
    as_root=()
fi

echo "== package: install and check"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive dpkg -i "$deb"
trap '"${as_root[@]}" dpkg -r headroom >/dev/null' EXIT
desktop-file-validate /usr/share/applications/io.github.headroom.Headroom.desktop
appstreamcli validate --no-net /usr/share/metainfo/io.github.headroom.Headroom.metainfo.xml
test -f /usr/share/icons/hicolor/scalable/apps/headroom.svg
test -f /usr/share/icons/hicolor/256x256/apps/headroom.png
test -f /usr/share/man/man1/headroom-cli.1.gz
test -x /usr/share/headroom/slurm/submit.sh
test -x /usr/bin/headroom
/usr/bin/headroom-cli --version
grep -q "application/x-headroom-site" /usr/share/mime/types  # dpkg's trigger registered it
out=$(mktemp -d)
/usr/bin/headroom-cli run /usr/share/headroom/sample_sites/st-joseph-county-in.json --out "$out"
rm -rf "$out"

echo "== package: remove"
trap - EXIT
"${as_root[@]}" dpkg -r headroom
test ! -e /usr/bin/headroom-cli
echo "package test passed"
