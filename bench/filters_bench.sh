#!/usr/bin/env bash
# Filter benchmark: MB/s and docs/s of each datatrove filter and of the four chained (the fineweb
# preset), end to end (read -> filter -> write), both cores, median of $RUNS runs, peak RSS.
#
# usage: bench/filters_bench.sh [WINNOW_BINARY] [WORK_DIR]
#   WINNOW_BINARY defaults to build-bench/winnow (configure with -DCMAKE_BUILD_TYPE=Release);
#   WORK_DIR (default /tmp/winnow-filter-bench) caches the corpus between runs.
# The corpus is real web and wiki text from ../shared/data (LLaMA-Factory's c4_demo and
# wiki_demo, dolma's cc_en_head samples: about 2 MB of distinct documents) repeated with new ids
# to SIZE_MB (default 200) MB: filters keep no state across documents, so repetition does not
# flatter them.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/bench_lib.sh
winnow=$(realpath "${1:-build-bench/winnow}")
work=${2:-/tmp/winnow-filter-bench}
runs=${RUNS:-5}
size_mb=${SIZE_MB:-200}
shared=$(realpath ../shared/data)
mkdir -p "$work"
corpus=$work/corpus-${size_mb}mb.jsonl

if [[ ! -s $corpus ]]; then
  python3 - "$shared" "$corpus" "$size_mb" <<'PY'
import json, sys
shared, out, size_mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
texts = [json.loads(line)["text"] for line in open(f"{shared}/llamafactory/c4_demo.jsonl")]
for name in ("cc_en_head-0091.jsonl", "cc_en_head-0174.jsonl"):
    texts += [json.loads(l)["text"] for l in open(f"{shared}/dolma/tests/data/multiple_files/{name}")]
texts += [line.rstrip("\n") for line in open(f"{shared}/llamafactory/wiki_demo.txt") if line.strip()]
written, copy = 0, 0
with open(out, "w") as f:
    while written < size_mb * 1_000_000:
        for i, text in enumerate(texts):
            line = json.dumps({"id": f"c{copy}-{i}", "text": text}, ensure_ascii=False) + "\n"
            f.write(line)
            written += len(line.encode())
        copy += 1
PY
fi

echo "== filter speed (median of $runs runs; $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)) =="
for filter in gopher_repetition gopher_quality c4_quality fineweb_quality language_id; do
  median_speed "$filter" "$corpus" "$winnow" filter "$corpus" --filter "$filter" -o /dev/null --output-format jsonl -q
done
median_speed "fineweb preset (4 chained)" "$corpus" "$winnow" filter "$corpus" --preset fineweb \
  -o /dev/null --output-format jsonl -q
median_speed "rules: pack:llm_isms + pack:refusals" "$corpus" "$winnow" filter "$corpus" \
  --rules pack:llm_isms --rules pack:refusals -o /dev/null --output-format jsonl -q
median_speed "describe (all groups, columns added)" "$corpus" "$winnow" describe "$corpus" \
  -o /dev/null --output-format jsonl -q
median_speed "read + write only (winnow head -n huge)" "$corpus" "$winnow" head -n 1000000000 \
  "$corpus" -o /dev/null --output-format jsonl -q
