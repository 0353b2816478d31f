#!/usr/bin/env bash
# Run time of the test suite (not its build), measured from the outside: builds the tests once,
# then runs `cargo test` RUNS times and prints the minimum and median wall and CPU time (CPU =
# user + system, from `/usr/bin/time`), and each test binary's wall time as libtest reports it.
#
#   bash benches/test-time.sh [RUNS]        # default 3 runs
#
# Target (issue 9): the suite's wall time at least 30% below its 12.0 s baseline (2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
cargo test --locked --no-run --quiet 2>/dev/null
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

walls=() cpus=()
for run in $(seq "$runs"); do
    start=$EPOCHREALTIME
    /usr/bin/time -f '%U %S' -o "$out/time" cargo test --locked --quiet >"$out/stdout" 2>"$out/stderr" || {
        echo "cargo test failed:"; grep -E 'FAILED|panicked' "$out/stdout" | head; exit 1
    }
    end=$EPOCHREALTIME
    walls+=("$(echo "$end - $start" | bc -l)")
    cpus+=("$(awk '{print $1 + $2}' "$out/time")")
    binaries=$(grep -o 'finished in [0-9.]*s' "$out/stdout" | awk '{printf "%s ", $3}')
    printf 'run %d: wall %6.2f s   cpu %6.2f s   per binary: %s\n' "$run" "${walls[-1]}" "${cpus[-1]}" "$binaries"
done
stats() { sort -g | awk '{v[NR]=$1} END {printf "min %6.2f s  median %6.2f s", v[1], v[int((NR+1)/2)]}'; }
echo "wall: $(printf '%s\n' "${walls[@]}" | stats)"
echo "cpu:  $(printf '%s\n' "${cpus[@]}" | stats)"
echo "load average after the last run (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
