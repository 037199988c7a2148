#!/usr/bin/env bash
# Submits a Headroom sweep to Slurm: an array job of one shard per task, then a merge job
# that runs only when every task succeeded (afterok) and is cancelled when one fails.
#
#   HEADROOM_SWEEP=sweep.json HEADROOM_OUT=out HEADROOM_SHARDS=16 packaging/slurm/submit.sh
#   HEADROOM_TASKS=3,7 ... packaging/slurm/submit.sh   # again, for tasks that failed
#
# Prints the two job ids ("ARRAY MERGE"). Partition, account, time limit and the like come
# from sbatch's own environment variables (SBATCH_PARTITION, SBATCH_ACCOUNT,
# SBATCH_TIMELIMIT...) or from arguments after "--", which are passed to both sbatch calls.
set -euo pipefail

: "${HEADROOM_SWEEP:?set HEADROOM_SWEEP to the sweep file}"
: "${HEADROOM_OUT:?set HEADROOM_OUT to the output folder}"
: "${HEADROOM_SHARDS:?set HEADROOM_SHARDS to the number of shards}"
if ! [[ $HEADROOM_SHARDS =~ ^[1-9][0-9]*$ ]]; then
    echo "submit.sh: HEADROOM_SHARDS is a whole number of at least 1, not '$HEADROOM_SHARDS'" >&2
    exit 2
fi
[ "${1:-}" = "--" ] && shift

here=$(cd "$(dirname "$0")" && pwd)
# The jobs may start in another folder: give them absolute paths.
HEADROOM_SWEEP=$(realpath "$HEADROOM_SWEEP")
mkdir -p "$HEADROOM_OUT"
HEADROOM_OUT=$(realpath "$HEADROOM_OUT")
export HEADROOM_SWEEP HEADROOM_OUT HEADROOM_SHARDS

array=$(sbatch --parsable --array="${HEADROOM_TASKS:-1-$HEADROOM_SHARDS}" \
    --output="$HEADROOM_OUT/slurm-%A_%a.out" "$@" "$here/headroom-sweep.sbatch")
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes \
    --output="$HEADROOM_OUT/slurm-merge-%j.out" "$@" "$here/headroom-merge.sbatch")
echo "$array ${merge%%;*}"
