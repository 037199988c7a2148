#!/usr/bin/env bash
# Runs packaging/slurm/ against a real Slurm: a single-node cluster of this machine's own
# munged, slurmctld and slurmd (Debian 12's munge and slurm-wlm), started in a temporary
# folder on loopback ports and stopped again, whatever happens. Two submissions of the same
# sweep, each split into shards as an array job plus the dependent merge job:
#   1. undisturbed: the merged store must equal a single-process run, table by table;
#   2. one array task scancel'ed mid-run, then submitted again alone (HEADROOM_TASKS): the
#      first merge must be cancelled by its dependency, the second must equal the single run.
# Usage: packaging/slurm-test.sh BUILD_DIR   (the build folder holding app/headroom-cli)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=$(realpath "${1:?usage: slurm-test.sh BUILD_DIR}")
cli="$build/app/headroom-cli"
[ -x "$cli" ] || { echo "slurm-test: no headroom-cli in $build/app" >&2; exit 1; }
for tool in munged slurmctld slurmd sbatch squeue scancel scontrol sinfo sqlite3 python3; do
    command -v "$tool" >/dev/null || { echo "slurm-test: $tool is missing (packaging/install-deps.sh installs it)" >&2; exit 1; }
done

shards=4
work=$(mktemp -d /tmp/headroom-slurm.XXXXXX)
pids=()
stop_daemons() {
    local status=$?
    # Exactly the daemons this script started, newest first; then their folder.
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        kill "${pids[i]}" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    if [ $status -ne 0 ]; then
        for log in "$work"/log/*.log "$work"/out*/slurm-*.out; do
            [ -f "$log" ] && { echo "---- $log"; tail -n 20 "$log"; }
        done
    fi
    rm -rf "$work"
    exit $status
}
trap stop_daemons EXIT
fail() { echo "slurm-test: FAIL: $*" >&2; exit 1; }

mkdir -p "$work"/{state,spool,log}
chmod 755 "$work" # munged wants its socket's folder searchable by all
cd "$work"

# Three free loopback ports, chosen by the kernel.
read -r ctld_port slurmd_port _ < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(3)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])')

# munge: a key of our own and a socket in our folder, so nothing of the machine's is used.
head -c 1024 /dev/urandom > munge.key
chmod 600 munge.key
munged --foreground --force --key-file="$work/munge.key" --socket="$work/munge.sock" \
    --pid-file="$work/munged.pid" --seed-file="$work/munge.seed" \
    --log-file="$work/log/munged.log" 2>>"$work/log/munged.log" &
pids+=($!)
for _ in $(seq 50); do [ -S munge.sock ] && break; sleep 0.1; done
[ -S munge.sock ] || fail "munged did not start"

node=$(hostname -s)
user=$(id -un)
cat > slurm.conf <<CONF
ClusterName=headroomtest
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
AuthInfo=socket=$work/munge.sock
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
KillWait=5
NodeName=$node NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=headroom Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"
slurmctld -D -f "$SLURM_CONF" >>"$work/log/slurmctld.log" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" >>"$work/log/slurmd.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
    sinfo -h -N -o '%T' 2>/dev/null | grep -qx idle && break
    sleep 0.2
done
sinfo -h -N -o '%T' | grep -qx idle || fail "the node did not come up: $(sinfo -h -N -o '%T %E' 2>&1)"

# A few hundred scenarios of the Indiana sample: the supply-air limit and the hall rack
# positions drawn at random (seeded), so that every shard holds different sites.
cat > sweep.json <<SWEEP
{
  "format": "headroom-sweep/1",
  "base": "$root/sample_sites/st-joseph-county-in.json",
  "mode": "random",
  "samples": 480,
  "seed": 2026,
  "parameters": [
    { "pointer": "/cooling/supply_air/max", "distribution": "uniform", "min": "24 degC", "max": "30 degC" },
    { "pointer": "/campus/hall/rack_positions", "distribution": "uniform", "min": 300, "max": 480 }
  ]
}
SWEEP

echo "slurm-test: single-process reference run"
# The same absolute sweep path as the array jobs': the store records it in its runs table.
"$cli" batch "$work/sweep.json" --db single.sqlite --jobs "$(nproc)" 2>log/single.txt ||
    fail "the single-process run failed: $(cat log/single.txt)"

export HEADROOM_SWEEP="$work/sweep.json" HEADROOM_SHARDS=$shards HEADROOM_CLI="$cli"
submit() { "$root/packaging/slurm/submit.sh"; }

job_state() { # the state of a job (or array task) as Slurm's controller keeps it
    scontrol show job "$1" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -n 1
}
wait_done() { # waits for a job to end, at most $2 seconds; prints its final state
    local deadline=$((SECONDS + $2)) state
    while ((SECONDS < deadline)); do
        state=$(job_state "$1")
        case "$state" in
            COMPLETED | FAILED | CANCELLED | TIMEOUT | NODE_FAIL | OUT_OF_MEMORY) echo "$state"; return ;;
        esac
        sleep 0.2
    done
    echo "TIMEOUT_WAITING"
}
same_store() { # every table of two stores holds the same rows (EXCEPT both ways)
    local tables table diff
    tables=$(sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    [ "$tables" = "$(sqlite3 "$2" "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")" ] ||
        fail "$1 and $2 hold different tables"
    for table in $tables; do
        diff=$(sqlite3 "$1" "ATTACH '$2' AS other;
            SELECT (SELECT count(*) FROM (SELECT * FROM main.$table EXCEPT SELECT * FROM other.$table))
                 + (SELECT count(*) FROM (SELECT * FROM other.$table EXCEPT SELECT * FROM main.$table))
                 + abs((SELECT count(*) FROM main.$table) - (SELECT count(*) FROM other.$table));")
        [ "$diff" = 0 ] || fail "table $table differs between $1 and $2 ($diff rows)"
    done
    echo "slurm-test: $1 equals $2 in $(echo $tables | wc -w) tables"
}

echo "slurm-test: 1. the array job and its merge, undisturbed"
read -r array merge < <(HEADROOM_OUT="$work/out1" submit)
[ "$(wait_done "$merge" 90)" = COMPLETED ] || fail "merge job $merge: $(job_state "$merge")"
for ((task = 1; task <= shards; task++)); do
    [ "$(job_state "${array}_$task")" = COMPLETED ] || fail "array task $task: $(job_state "${array}_$task")"
done
[ "$(sqlite3 out1/results.sqlite 'PRAGMA integrity_check')" = ok ] || fail "integrity_check of out1"
same_store out1/results.sqlite single.sqlite

echo "slurm-test: 2. one array task cancelled mid-run, then submitted again"
read -r array merge < <(HEADROOM_OUT="$work/out2" submit)
shard2="$work/out2/shard-2-of-$shards.sqlite"
caught=""
deadline=$((SECONDS + 60))
while ((SECONDS < deadline)); do
    state=$(job_state "${array}_2")
    if [ "$state" = RUNNING ] && [ -f "$shard2" ]; then
        done_rows=$(sqlite3 "$shard2" 'SELECT count(*) FROM scenarios' 2>/dev/null || echo 0)
        if [ "${done_rows:-0}" -gt 0 ]; then
            scancel "${array}_2"
            caught=$done_rows
            break
        fi
    fi
    case "$state" in COMPLETED | FAILED | CANCELLED) break ;; esac
    sleep 0.05
done
[ -n "$caught" ] || fail "array task 2 ended ($state) before it could be cancelled mid-run"
[ "$(wait_done "${array}_2" 30)" = CANCELLED ] || fail "array task 2 was not cancelled"
[ "$(wait_done "$merge" 60)" = CANCELLED ] || fail "merge $merge ran although task 2 was cancelled"
[ ! -e out2/results.sqlite ] || fail "a merge was published although task 2 was cancelled"
partial=$(sqlite3 "$shard2" 'SELECT count(*) FROM scenarios')
expected=$((480 / shards))
((partial < expected)) || fail "task 2 had finished its shard ($partial scenarios) before the cancel"
echo "slurm-test: task 2 cancelled with $partial of $expected scenarios of its shard committed"

read -r array merge < <(HEADROOM_OUT="$work/out2" HEADROOM_TASKS=2 submit)
[ "$(wait_done "$merge" 90)" = COMPLETED ] || fail "merge job $merge after the resubmission: $(job_state "$merge")"
grep -q "already done" out2/slurm-"${array}"_2.out || fail "the resubmitted task did not resume its shard"
same_store out2/results.sqlite single.sqlite
echo "slurm-test: passed"
