#!/usr/bin/env bash
# Wall time and peak memory of the main commands, release build, measured from the outside.
#
#   bash benches/speed.sh [RUNS]
#
# Targets (2-core machine): the whole default report (every built-in scenario, 10,000 draws per
# variant, every chart as PNG and SVG, English and French) under 1 s; `estimate` under 20 ms;
# the report under 200 MB of memory. Prints the median and the best of RUNS runs.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"
cargo build --release --quiet
bin=target/release/dcfoot
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

measure() { # label, command...
    local label="$1"; shift
    local times=() memories=()
    for _ in $(seq "$runs"); do
        local start end
        start=$EPOCHREALTIME
        /usr/bin/time -o "$out/time" -f "%M" "$@" >/dev/null 2>&1
        end=$EPOCHREALTIME
        times+=("$(echo "$end - $start" | bc -l)")
        memories+=("$(tail -n 1 "$out/time")")
    done
    local sorted_times sorted_memories
    sorted_times=$(printf '%s\n' "${times[@]}" | sort -g)
    sorted_memories=$(printf '%s\n' "${memories[@]}" | sort -g)
    local median best peak
    median=$(echo "$sorted_times" | sed -n "$(( (runs + 1) / 2 ))p")
    best=$(echo "$sorted_times" | head -n 1)
    peak=$(echo "$sorted_memories" | tail -n 1)
    printf '%-34s median %7.3f s   best %7.3f s   peak memory %6.1f MB\n' \
        "$label" "$median" "$best" "$(echo "$peak / 1024" | bc -l)"
}

echo "dcfoot $("$bin" --version | cut -d' ' -f2), $(nproc) cores, $runs runs each"
measure "report (en + fr, 10,000 draws)" "$bin" report --out "$out/report" --force
measure "report --lang en" "$bin" report --lang en --out "$out/report-en" --force
measure "run world-datacenters" "$bin" run world-datacenters --out "$out/run" --force
measure "estimate (fixed inputs)" "$bin" estimate --it-energy 1287MWh --pue 1.17 --wue 0.55 --ewif 3.142
measure "estimate (4 distributions)" "$bin" estimate --it-energy 1GWh --pue tri:1.1,1.2,1.6 \
    --wue 0.2..0.6 --ewif lognormal:2..6 --carbon-intensity normal:400,50
measure "estimate --region --operator" "$bin" estimate --queries 1e9 --energy-per-query 0.24 \
    --query-boundary facility --region US --operator google
du -sh "$out/report" | awk '{print "report folder: " $1}'
find "$out/report" -name '*.png' -printf '%s\n' | awk '{s+=$1; n++} END {printf "PNG charts: %d, %.0f KB on average, %.1f MB in all\n", n, s/n/1024, s/1048576}'
