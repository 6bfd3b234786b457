#!/usr/bin/env bash
# The main job on the bundled samples: installs dependencies, builds winnow (Release), profiles
# every sample dataset in examples/data and writes the reports to out/inspect/
# (<name>.txt, <name>.json, <name>.html). Prints the text report of the HH-RLHF sample.
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

cat out/inspect/hh_rlhf_harmless_sample.txt
echo
echo "Reports for every sample (text, JSON, HTML) are in out/inspect/:"
ls -1 out/inspect
