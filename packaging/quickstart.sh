#!/usr/bin/env bash
# Quick start: install what is missing, build, run the St. Joseph County,
# Indiana sample site into out/, and open the desktop app when a display exists.
set -euo pipefail
cd "$(dirname "$0")/.."

packaging/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target headroom-cli headroom

build/release/app/headroom-cli run --out out/st-joseph-county-in
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    build/release/app/headroom sample_sites/st-joseph-county-in.json &
fi
