#!/usr/bin/env bash
# Installs Headroom's build and test dependencies from Debian 12 packages.
# Idempotent: installs only what is missing. Works as root or through sudo.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config git
    qt6-base-dev libqcustomplot-dev libqcustomplot2.1-qt6
    libsqlite3-dev sqlite3 libboost-dev nlohmann-json3-dev
    libgtest-dev libgmock-dev libbenchmark-dev
    clang clang-format libclang-rt-14-dev
    poppler-utils python3 python3-jsonschema
    xvfb xauth fonts-dejavu-core
    desktop-file-utils appstream dpkg-dev file librsvg2-bin shared-mime-info
    slurm-wlm munge
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages are installed"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "install-deps: missing ${missing[*]}; run as root or install sudo" >&2
    exit 1
fi

echo "install-deps: installing ${missing[*]}"
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}"
