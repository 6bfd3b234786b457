#!/usr/bin/env bash
# Dedup benchmark: quality against make_corpus.py's planted duplicates (score_clusters.py) and
# end-to-end speed (read -> signatures -> LSH -> clusters -> write) with peak memory.
#
# usage: bench/dedup_bench.sh [WINNOW_BINARY] [WORK_DIR]
#   WINNOW_BINARY defaults to build-bench/winnow (configure with -DCMAKE_BUILD_TYPE=Release);
#   WORK_DIR (default /tmp/winnow-dedup-bench) caches the generated corpora between runs.
# Needs ../shared/tools (make_corpus.py, score_clusters.py) beside the repository.
# RUNS (default 5) sets the runs per speed figure; the median is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/bench_lib.sh
winnow=$(realpath "${1:-build-bench/winnow}")
work=${2:-/tmp/winnow-dedup-bench}
runs=${RUNS:-5}
tools=$(realpath ../shared/tools)
mkdir -p "$work"
cd "$work"

corpus() {  # name size_mb seed [extra make_corpus args]
  local name=$1 size=$2 seed=$3
  shift 3
  [[ -s $name.jsonl ]] || python3 "$tools/make_corpus.py" --out "$name.jsonl" --size-mb "$size" \
    --seed "$seed" "$@" >/dev/null
}

# Quality corpora: the spec's 20 MB corpus and a denser one (20% exact, 30% near copies).
corpus c20 20 1
corpus c30hd 30 2 --exact-frac 0.2 --near-frac 0.3

# Speed corpora: the text pool holds ~20 MB of distinct documents, so larger inputs are made of
# 20 MB corpora with other seeds (their windows of the pool overlap: many cross-corpus near
# duplicates) and, for 1 GB, five copies of the 200 MB input with renamed ids (exact copies).
for seed in 1 2 3 4 5 6 7 8 9 10; do corpus "s$seed" 20 "$seed"; done
[[ -s c200.jsonl ]] || for seed in 1 2 3 4 5 6 7 8 9 10; do
  sed "s/\"id\": \"d/\"id\": \"s$seed-d/" "s$seed.jsonl"
done >c200.jsonl
[[ -s c1000.jsonl ]] || for copy in 1 2 3 4 5; do
  sed "s/\"id\": \"/\"id\": \"c$copy-/" c200.jsonl
done >c1000.jsonl

echo "== quality (score_clusters.py; recall over copies with Jaccard >= 0.8) =="
for name in c20 c30hd; do
  for mode in "default" "--threshold 0.8 --verify"; do
    args=()
    [[ $mode == default ]] || read -r -a args <<<"$mode"
    "$winnow" dedup minhash "$name.jsonl" -o out.jsonl --clusters "$name.clusters.jsonl" -q \
      "${args[@]}"
    python3 "$tools/score_clusters.py" "$name.clusters.jsonl" "$name.jsonl.truth.jsonl" >score.json
    python3 - "$name" "$mode" <<'PY'
import json, sys
s = json.load(open("score.json"))
wrong = s["false_positive_docs"]
print(f"{sys.argv[1]:6} {sys.argv[2]:26} recall>=0.8 {s['recall_exact_plus_near_ge_0.8']:.4f}  "
      f"exact {s['recall']['exact']:>18}  0.7-0.8 {s['recall']['near_0.7<=j<0.8']:>18}  "
      f"wrongly clustered docs {wrong}  merged groups {s['clusters_merging_different_truth_groups']}")
PY
  done
done

echo "== speed (median of $runs runs; $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)) =="
speed() {  # label input args...
  local label=$1 input=$2
  shift 2
  median_speed "$label" "$input" "$winnow" dedup "$@" "$input" -o out.jsonl -q
}
speed "minhash 14x8 (default) 20 MB" c20.jsonl minhash
speed "minhash 14x8 (default) 200 MB" c200.jsonl minhash
speed "minhash 14x8 (default) 1 GB" c1000.jsonl minhash
speed "minhash --threshold 0.8 --verify 200 MB" c200.jsonl minhash --threshold 0.8 --verify
speed "exact (simple normalisation) 200 MB" c200.jsonl exact
speed "exact (simple normalisation) 1 GB" c1000.jsonl exact
rm -f out.jsonl time.txt score.json
