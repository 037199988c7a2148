#!/usr/bin/env bash
# The whole test suite, as CI runs it: install what is missing, check the
# formatting, build and test in the dev preset, the whole suite again in a fresh clone
# of HEAD with nothing beside it (release preset), run the Slurm scripts against a real
# Slurm, build and install the .deb, fuzz,
# then the whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer.
# usage: packaging/check.sh [--remove-stage-builds]
#   --remove-stage-builds  remove the dev build once the stages that use it have passed,
#                          before the ASan build (CI does: its disk is small)
set -euo pipefail
cd "$(dirname "$0")/.."

remove_stage_builds=false
case "${1:-}" in
"") ;;
--remove-stage-builds) remove_stage_builds=true ;;
*)
    echo "check.sh: unknown option '$1'; expected --remove-stage-builds or nothing" >&2
    exit 2
    ;;
esac

# Each stage's heading says how much disk is free, so a run that runs out shows where.
stage() {
    echo "== $1 ($(df -h --output=avail . | tail -1 | tr -d ' ') free)"
}

packaging/install-deps.sh

stage "format check"
git ls-files '*.cpp' '*.h' | xargs -r clang-format --dry-run -Werror

stage "dev: build and test"
cmake --preset dev >/dev/null
cmake --build --preset dev
ctest --preset dev

stage "fresh clone: HEAD alone in an empty temporary folder, release build and test"
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

stage "slurm: the array-job scripts against a single-node Slurm of this machine"
packaging/slurm-test.sh build/dev

stage "package: build, install, run, remove"
packaging/package-test.sh build/dev

stage "fuzz: every libFuzzer target for a bounded time (ASan + UBSan)"
packaging/fuzz.sh 15
rm -rf build/fuzz # a clean run leaves no finding to keep

if [ "$remove_stage_builds" = true ]; then
    rm -rf build/dev
fi

stage "asan: build and test everything (ASan + UBSan, leaks checked)"
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan
