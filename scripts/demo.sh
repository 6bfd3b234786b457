#!/usr/bin/env bash
# The main job on the bundled samples: installs dependencies, builds winnow (Release), profiles
# every sample dataset in examples/data and writes the reports to out/inspect/
# (<name>.txt, <name>.json, <name>.html), then converts the samples into the forms TRL's trainers
# take (out/convert/) and validates each result. Prints the text report of the HH-RLHF sample.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DWINNOW_BUILD_TESTS=OFF \
  -DWINNOW_BUILD_FUZZ=OFF >/dev/null
cmake --build build/release --target winnow

mkdir -p out/inspect
for input in examples/data/*.json examples/data/*.jsonl; do
  name=$(basename "${input%.*}")
  build/release/winnow inspect "$input" --width 100 --quiet \
    --json-out "out/inspect/$name.json" --html "out/inspect/$name.html" > "out/inspect/$name.txt"
done

mkdir -p out/convert
winnow=build/release/winnow
$winnow convert --to preference examples/data/hh_rlhf_harmless_sample.jsonl -q \
  -o out/convert/hh_dpo.jsonl --reject out/convert/hh_dpo.rejects.jsonl
$winnow convert --to preference examples/data/sharegpt_dpo_sample.json -q \
  -o out/convert/sharegpt_dpo.jsonl
$winnow convert --to kto out/convert/sharegpt_dpo.jsonl -q -o out/convert/sharegpt_kto.jsonl
$winnow convert --to kto examples/data/kto_sample.json -q -o out/convert/kto.jsonl
$winnow convert --to messages examples/data/alpaca_sample.json -q -o out/convert/alpaca_messages.jsonl
for output in out/convert/hh_dpo.jsonl out/convert/sharegpt_dpo.jsonl out/convert/sharegpt_kto.jsonl \
  out/convert/kto.jsonl out/convert/alpaca_messages.jsonl; do
  $winnow validate "$output" -q --max-examples 1 > "${output%.jsonl}.validate.txt"
done

mkdir -p out/dedup
# Near duplicates (datatrove's MinHash settings); the curated copy wins over planted ones.
$winnow dedup minhash examples/data/dedup_sample.jsonl -q --keep priority:source=hh-rlhf,planted \
  -o out/dedup/minhash_kept.jsonl --reject out/dedup/minhash_removed.jsonl \
  --clusters out/dedup/minhash_clusters.jsonl --report out/dedup/minhash_report.html
$winnow dedup exact examples/data/dedup_sample.jsonl -q -o out/dedup/exact_kept.jsonl \
  --report out/dedup/exact_report.json
$winnow dedup semantic examples/data/dedup_sample.jsonl -q --topics 8 --eps 0.05 \
  -o out/dedup/semantic_kept.jsonl --report out/dedup/semantic_report.json

mkdir -p out/filter
# Quality filters with reasons: LLM-isms, refusals and truncated answers in Alpaca outputs, and the
# FineWeb filters on them as text; plus text descriptives with a dataset summary.
$winnow filter examples/data/alpaca_sample.json --field output --rules pack:llm_isms \
  --rules pack:refusals --filter truncation -q -o out/filter/alpaca_kept.jsonl \
  --reject out/filter/alpaca_dropped.jsonl --report out/filter/alpaca_report.html
$winnow filter examples/data/alpaca_sample.json --field output --preset fineweb --annotate -q \
  -o out/filter/alpaca_fineweb_annotated.jsonl --report out/filter/alpaca_fineweb_report.json
$winnow describe examples/data/alpaca_sample.json --field output -q \
  -o out/filter/alpaca_described.jsonl --summary out/filter/alpaca_descriptives.json

# LLM pipelines need a model server; their dry runs show what they would send, and what it would
# cost, without one.
mkdir -p out/pipelines
for pipeline in examples/pipelines/*.yaml; do
  name=$(basename "$pipeline" .yaml)
  "$winnow" run --dry-run "$pipeline" >"out/pipelines/${name}_dry_run.txt" 2>&1
done

cat out/inspect/hh_rlhf_harmless_sample.txt
echo
echo "Reports for every sample (text, JSON, HTML) are in out/inspect/:"
ls -1 out/inspect
echo
echo "The samples converted for TRL (every file passes winnow validate) are in out/convert/:"
ls -1 out/convert
echo
echo "Dedup of examples/data/dedup_sample.jsonl (kept, removed with reasons, clusters, reports) in out/dedup/:"
ls -1 out/dedup
echo
echo "Filters and descriptives of the Alpaca sample (kept, dropped with reasons, reports) in out/filter/:"
ls -1 out/filter
echo
echo "Dry runs of the example LLM pipelines (first rows through every step, first requests, cost"
echo "estimates) in out/pipelines/:"
ls -1 out/pipelines
