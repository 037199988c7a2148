#!/usr/bin/env bash
# The whole test suite, as CI runs it: install what is missing, check the
# formatting, build and test in the dev preset, the whole suite again in a fresh clone
# of HEAD with nothing beside it (release preset), run the Slurm scripts against a real
# Slurm, build and install the .deb, fuzz,
# then the whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."

packaging/install-deps.sh

echo "== format check"
git ls-files '*.cpp' '*.h' | xargs -r clang-format --dry-run -Werror

echo "== dev: build and test"
cmake --preset dev >/dev/null
cmake --build --preset dev
ctest --preset dev

echo "== fresh clone: HEAD alone in an empty temporary folder, release build and test"
# Everything the suite reads must be in the repository: a clone with nothing beside it
# passes the whole suite (the ../ of the checkout is not there to lean on).
clone_root=$(mktemp -d)
trap 'rm -rf "$clone_root"' EXIT
git clone --quiet --no-checkout . "$clone_root/headroom"
git -C "$clone_root/headroom" fetch --quiet "$PWD" HEAD
git -C "$clone_root/headroom" checkout --quiet --detach FETCH_HEAD
(
    cd "$clone_root/headroom"
    cmake --preset release >/dev/null
    cmake --build --preset release
    ctest --preset release
)
rm -rf "$clone_root"

echo "== slurm: the array-job scripts against a single-node Slurm of this machine"
packaging/slurm-test.sh build/dev

echo "== package: build, install, run, remove"
packaging/package-test.sh build/dev

echo "== fuzz: every libFuzzer target for a bounded time (ASan + UBSan)"
packaging/fuzz.sh 15

echo "== asan: build and test everything (ASan + UBSan, leaks checked)"
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan
