#!/usr/bin/env bash
# Wall time, CPU time and peak memory of the main commands, release build, measured from the
# outside with `/usr/bin/time -v` (CPU = user + system; peak = maximum resident set size).
#
#   bash benches/speed.sh [RUNS]            # every measurement
#   DCFOOT_BIN=path bash benches/speed.sh   # measure another build (e.g. an older commit's)
#   SCALE=0 bash benches/speed.sh           # skip the million-draw report
#   CENTURY=0 bash benches/speed.sh         # skip the 100-year run at a million draws
#
# Targets (2-core machine): the whole default report (every built-in scenario, 10,000 draws per
# variant, every chart as PNG and SVG, English and French) under 1 s and 200 MB; `report
# --samples 1000000` and a 100-year `run` at a million draws under 1 GB; a 200-variant `run`
# keeping both cores busy (CPU / wall >= 1.6); `estimate` at most 1.6x `dcfoot --version`.
# Wall time is taken around the process (to the microsecond), CPU time from `time` (to the
# centisecond), so short commands show their wall time only. Prints the median wall and CPU time and the highest peak memory of RUNS runs (the
# million-draw runs are measured once).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"
if [[ -z "${DCFOOT_BIN:-}" ]]; then
    cargo build --release --quiet
    bin=target/release/dcfoot
else
    bin="$DCFOOT_BIN"
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

median() { sort -g | sed -n "$(( ($1 + 1) / 2 ))p"; }

measure() { # label, runs, command...
    local label="$1" count="$2"; shift 2
    local walls=() cpus=() memories=()
    for _ in $(seq "$count"); do
        local start end user sys
        start=$EPOCHREALTIME
        /usr/bin/time -v -o "$out/time" "$@" >/dev/null 2>"$out/stderr" || {
            echo "$label: failed:"; tail -n 5 "$out/stderr"; return 1
        }
        end=$EPOCHREALTIME
        user=$(awk -F': ' '/User time/ {print $2}' "$out/time")
        sys=$(awk -F': ' '/System time/ {print $2}' "$out/time")
        walls+=("$(echo "$end - $start" | bc -l)")
        cpus+=("$(echo "$user + $sys" | bc -l)")
        memories+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/time")")
    done
    local wall cpu peak
    wall=$(printf '%s\n' "${walls[@]}" | median "$count")
    cpu=$(printf '%s\n' "${cpus[@]}" | median "$count")
    peak=$(printf '%s\n' "${memories[@]}" | sort -g | tail -n 1)
    printf '%-38s wall %8.4f s   cpu %7.2f s   cpu/wall %4.2f   peak %7.1f MB\n' \
        "$label" "$wall" "$cpu" "$(echo "$cpu / $wall" | bc -l)" \
        "$(echo "$peak / 1024" | bc -l)"
}

# A 200-variant sweep: the AI-campus example with 200 more variants, each a different PUE.
example=datasets/scenarios/examples/ai-campus-what-if.toml
sweep="$out/sweep-200.toml"
cp "$example" "$sweep"
for i in $(seq 1 200); do
    printf '\n[[variant]]\nid = "pue-%d"\nlabel = { en = "PUE %d", fr = "PUE %d" }\n[variant.factors]\npue = "normal:%s,0.05"\n' \
        "$i" "$i" "$i" "$(echo "1.1 + $i / 1000" | bc -l | cut -c1-6)" >>"$sweep"
done
# A 100-year scenario: the same example run from 2001 to 2100.
century="$out/century.toml"
sed -e 's/from = 2026, to = 2035 }/from = 2001, to = 2100 }/' -e 's/base_year = 2026/base_year = 2001/' \
    -e 's/until = 2035,/until = 2100,/' "$example" >"$century"

echo "dcfoot $("$bin" --version | cut -d' ' -f2), $(nproc) cores, $runs runs each"
measure "dcfoot --version" "$runs" "$bin" --version
measure "estimate (fixed inputs)" "$runs" "$bin" estimate --it-energy 1287MWh --pue 1.17 --wue 0.55 --ewif 3.142
measure "estimate (4 distributions)" "$runs" "$bin" estimate --it-energy 1GWh --pue tri:1.1,1.2,1.6 \
    --wue 0.2..0.6 --ewif lognormal:2..6 --carbon-intensity normal:400,50
measure "estimate --region --operator" "$runs" "$bin" estimate --queries 1e9 --energy-per-query 0.24 \
    --query-boundary facility --region US --operator google
measure "report (en + fr, 10,000 draws)" "$runs" "$bin" report --out "$out/report" --force
measure "report --lang en" "$runs" "$bin" report --lang en --out "$out/report-en" --force
measure "run world-datacenters" "$runs" "$bin" run world-datacenters --out "$out/run" --force
measure "run, 203 variants (10,000 draws)" 3 "$bin" run "$sweep" --out "$out/sweep" --force
measure "report --samples 100000" 3 "$bin" report --samples 100000 --out "$out/report-100k" --force
if [[ "${SCALE:-1}" != 0 ]]; then
    measure "report --samples 1000000" 1 "$bin" report --samples 1000000 --out "$out/report-1m" --force
fi
if [[ "${CENTURY:-1}" != 0 ]]; then
    measure "run, 100 years, 1,000,000 draws" 1 "$bin" run "$century" --samples 1000000 \
        --out "$out/century" --force
fi
du -sh "$out/report" | awk '{print "report folder: " $1}'
find "$out/report" -name '*.png' -printf '%s\n' | awk '{s+=$1; n++} END {printf "PNG charts: %d, %.0f KB on average, %.1f MB in all\n", n, s/n/1024, s/1048576}'
