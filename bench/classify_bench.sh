#!/usr/bin/env bash
# fastText classifier benchmark: `winnow classify train` on a small real quality set (Wikipedia and
# Alpaca answers as hq, C4 pages as lq; bigrams, as DCLM's classifier), then `classify apply` with a
# threshold (one pass) and with --keep-top (two passes) on a corpus of C4 pages, one worker and all
# cores, median of $RUNS runs. Wall time is what is reported: run it on an otherwise idle machine.
#
# usage: bench/classify_bench.sh [WINNOW_BINARY] [WORK_DIR]
#   WINNOW_BINARY defaults to build-bench/winnow (configure with -DCMAKE_BUILD_TYPE=Release);
#   WORK_DIR (default /tmp/winnow-classify-bench) caches the data and the model between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/bench_lib.sh
winnow=$(realpath "${1:-build-bench/winnow}")
work=${2:-/tmp/winnow-classify-bench}
runs=${RUNS:-5}
copies=${COPIES:-27}
shared=$(realpath ../shared/data/llamafactory)
mkdir -p "$work"
labelled=$work/quality.jsonl
corpus=$work/c4-x$copies.jsonl
model=$work/quality.bin

if [[ ! -s $labelled ]]; then
  python3 - "$shared" "$labelled" <<'PY'
import json, sys
shared, out = sys.argv[1], sys.argv[2]
with open(out, "w") as f:
    for line in open(f"{shared}/wiki_demo.txt"):
        if len(line.strip()) > 200:
            f.write(json.dumps({"text": line.strip(), "quality": "hq"}) + "\n")
    for row in json.load(open(f"{shared}/alpaca_en_demo.json")):
        if len(row["output"]) > 200:
            f.write(json.dumps({"text": row["output"], "quality": "hq"}) + "\n")
    for line in open(f"{shared}/c4_demo.jsonl"):
        f.write(json.dumps({"text": json.loads(line)["text"], "quality": "lq"}) + "\n")
PY
fi
if [[ ! -s $corpus ]]; then
  for ((i = 0; i < copies; i++)); do cat "$shared/c4_demo.jsonl"; done >"$corpus"
fi

echo "== classify (median of $runs runs; $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)) =="
"$winnow" classify train "$labelled" --label quality -o "$model" --word-ngrams 2 --bucket 200000 \
  --epoch 25 --lr 0.5 --report "$work/report.json"
median_speed "train (976 rows, 25 epochs, 1 thread)" "$labelled" "$winnow" classify train \
  "$labelled" --label quality -o "$work/again.bin" --word-ngrams 2 --bucket 200000 --epoch 25 \
  --lr 0.5 -q
for workers in 1 "$(nproc)"; do
  median_speed "apply --threshold, $workers worker(s)" "$corpus" "$winnow" classify apply "$corpus" \
    --model "$model" --label hq --threshold 0.5 --workers "$workers" -o /dev/null \
    --output-format jsonl -q
  median_speed "apply --keep-top 10%, $workers worker(s)" "$corpus" "$winnow" classify apply \
    "$corpus" --model "$model" --label hq --keep-top 10% --workers "$workers" -o /dev/null \
    --output-format jsonl -q
done
median_speed "language_id, 1 worker" "$corpus" "$winnow" filter "$corpus" --filter language_id \
  --workers 1 -o /dev/null --output-format jsonl -q
