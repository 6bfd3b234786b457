#!/usr/bin/env bash
# The LLM engine against the test server (winnow-test-llm-server, a separate process on the same
# machine), end to end through `winnow run` (read -> generate -> write, with the response cache
# and the journal on): requests per second and CPU-seconds per 1,000 requests at zero latency; with
# lognormal latency (median 200 ms, sigma 0.5) and a window of 50, the achieved throughput against
# the ideal 50 / E[latency]; and memory per in-flight request (peak RSS at a window of 500 minus
# that at 50, over 450). Median of RUNS (default 3) runs each; every run starts with an empty run
# directory, so nothing comes from the cache.
#
#   bash bench/llm_bench.sh [WINNOW] [TEST_SERVER]
set -euo pipefail
cd "$(dirname "$0")/.."
winnow=${1:-build-bench/winnow}
server=${2:-build/tests/winnow-test-llm-server}
runs=${RUNS:-3}
[[ -x $winnow && -x $server ]] || { echo "need $winnow and $server (build them first)" >&2; exit 1; }
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

start_server() {  # start_server ARGS... -> sets $port
  "$server" --port 0 --threads 1024 "$@" >"$work/server.out" 2>&1 &
  for _ in $(seq 100); do
    port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\).*|\1|p' "$work/server.out")
    [[ -n $port ]] && return 0
    sleep 0.05
  done
  echo "the test server did not start" >&2; exit 1
}

make_rows() {  # make_rows N FILE
  python3 -c "
import json, sys
with open('$2', 'w') as f:
    for i in range($1):
        f.write(json.dumps({'id': i, 'text': 'question %d: what is %d plus %d?' % (i, i, i)}) + '\n')"
}

write_pipeline() {  # write_pipeline WINDOW
  cat >"$work/p.yaml" <<YAML
seed: 1
endpoints:
  bench: {model: bench, base_url: "http://127.0.0.1:$port", max_in_flight: $1, timeout: 30}
max_rows_in_flight: $(($1 * 2))
steps:
  - {step: read, path: rows.jsonl}
  - {name: gen, step: generate, endpoint: bench, max_tokens: 16, prompt: "{{ text }}"}
  - {step: write, path: out.jsonl}
YAML
}

# run_once -> "wall user sys maxrss_kb"
run_once() {
  rm -rf "$work/p.run" "$work/out.jsonl"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$winnow" run -q "$work/p.yaml"
  cat "$work/time"
}

median_of_runs() {
  for ((i = 0; i < runs; i++)); do run_once; done | sort -n | awk -v runs="$runs" '
    { w[NR] = $1; c[NR] = $2 + $3; m[NR] = $4 }
    END { mid = int((runs + 1) / 2); max = 0; for (i in m) if (m[i] > max) max = m[i];
          print w[mid], c[mid], max }'
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"

n=${ZERO_LATENCY_ROWS:-20000}
make_rows "$n" "$work/rows.jsonl"
start_server
write_pipeline 64
read -r wall cpu rss < <(median_of_runs)
awk -v n="$n" -v w="$wall" -v c="$cpu" -v m="$rss" 'BEGIN {
  printf "zero latency, window 64, %d requests: %.2f s, %.0f requests/s, %.3f CPU-s per 1,000 requests (winnow), peak RSS %.0f MB\n",
         n, w, n / w, c / n * 1000, m / 1024 }'
kill %1 2>/dev/null; wait 2>/dev/null || true

n=${LATENCY_ROWS:-3000}
make_rows "$n" "$work/rows.jsonl"
start_server --latency-median-ms 200 --latency-sigma 0.5 --seed 3
write_pipeline 50
read -r wall cpu rss50 < <(median_of_runs)
awk -v n="$n" -v w="$wall" 'BEGIN {
  ideal = 50 / (0.2 * exp(0.5 * 0.5 / 2));
  printf "lognormal latency (median 200 ms, sigma 0.5), window 50, %d requests: %.2f s, %.1f requests/s = %.0f%% of the ideal %.1f/s\n",
         n, w, n / w, 100 * (n / w) / ideal, ideal }'
n=${WIDE_ROWS:-10000}
make_rows "$n" "$work/rows.jsonl"
write_pipeline 500
read -r wall cpu rss500 < <(median_of_runs)
awk -v n="$n" -v w="$wall" -v a="$rss50" -v b="$rss500" 'BEGIN {
  ideal = 500 / (0.2 * exp(0.5 * 0.5 / 2));
  printf "same latency, window 500, %d requests: %.1f requests/s (ideal %.0f/s); peak RSS %.0f MB vs %.0f MB at window 50: %.1f KB per extra in-flight request\n",
         n, n / w, ideal, b / 1024, a / 1024, (b - a) / 450 }'
