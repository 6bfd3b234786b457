#!/usr/bin/env bash
# winnow format benchmark: `winnow validate` and `winnow convert` throughput (MB/s, records/s) on
# ~200 MB inputs made by repeating real files from ../shared/data (HH-RLHF transcripts, LLaMA-Factory
# ShareGPT tool-call conversations and DPO pairs). Median of BENCH_RUNS runs, all cores.
#
#   bash bench/convert_bench.sh
#
# Environment (optional): WINNOW_SHARED (default <repo>/../shared), WINNOW_BIN (a Release binary;
# default: build one in bench/.work/build), BENCH_RUNS (default 5), BENCH_SIZE_MB (default 200).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
SHARED="${WINNOW_SHARED:-$(dirname "$REPO")/shared}"
DATA="$SHARED/data"
WORK="$HERE/.work/convert"
RUNS="${BENCH_RUNS:-5}"
SIZE_MB="${BENCH_SIZE_MB:-200}"

if [[ ! -d "$DATA/llamafactory" || ! -f "$DATA/hh-rlhf/harmless-base_test.jsonl" ]]; then
  echo "[bench] $DATA not found (set WINNOW_SHARED); skipping the format benchmark."
  exit 0
fi
mkdir -p "$WORK"
if [[ -n "${WINNOW_BIN:-}" ]]; then
  BIN="$WINNOW_BIN"
else
  BUILD="${WINNOW_BUILD_DIR:-$HERE/.work/build}"
  cmake -S "$REPO" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DWINNOW_BUILD_TESTS=OFF >/dev/null
  cmake --build "$BUILD" --target winnow >/dev/null
  BIN="$BUILD/winnow"
fi

# Repeats a JSONL file until it reaches SIZE_MB.
repeat_to_size() {
  local source="$1" target="$2"
  [[ -f "$target" ]] && return
  local bytes copies
  bytes=$(stat -c %s "$source")
  copies=$(( SIZE_MB * 1000000 / bytes + 1 ))
  for ((i = 0; i < copies; ++i)); do cat "$source"; done >"$target.tmp"
  mv "$target.tmp" "$target"
}

"$BIN" head -n 1000000 -q "$DATA/llamafactory/glaive_toolcall_en_demo.json" -o "$WORK/glaive_sharegpt.jsonl"
"$BIN" head -n 1000000 -q "$DATA/llamafactory/dpo_en_demo.json" -o "$WORK/dpo_sharegpt.jsonl"
repeat_to_size "$DATA/hh-rlhf/harmless-base_test.jsonl" "$WORK/hh.jsonl"
repeat_to_size "$WORK/glaive_sharegpt.jsonl" "$WORK/glaive.jsonl"
repeat_to_size "$WORK/dpo_sharegpt.jsonl" "$WORK/dpo.jsonl"
"$BIN" convert --to preference -q "$WORK/hh.jsonl" -o "$WORK/hh_dpo.jsonl"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

run_case() {
  local label="$1" input="$2"; shift 2
  local bytes records times=()
  bytes=$(stat -c %s "$input")
  records=$("$BIN" count -q "$input")
  for ((r = 0; r < RUNS; ++r)); do
    local start end
    start=$(date +%s.%N)
    "$@" "$input" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc -l)")
  done
  local t
  t=$(printf '%s\n' "${times[@]}" | median)
  printf '| %-44s | %7.1f | %9d | %6.3f | %7.0f | %9.0f |\n' "$label" "$(echo "$bytes/1000000" | bc -l)" \
    "$records" "$t" "$(echo "$bytes/1000000/$t" | bc -l)" "$(echo "$records/$t" | bc -l)"
}

echo "$("$BIN" --version) on $(nproc) cores, median of $RUNS runs"
echo
echo "| case | MB | records | seconds | MB/s | records/s |"
echo "|---|---:|---:|---:|---:|---:|"
run_case "validate HH (implicit preference)" "$WORK/hh.jsonl" "$BIN" validate -q
run_case "validate DPO (explicit, conversational)" "$WORK/hh_dpo.jsonl" "$BIN" validate -q
run_case "convert HH -> preference (conversational)" "$WORK/hh.jsonl" \
  "$BIN" convert --to preference -q -o "$WORK/out.jsonl"
run_case "convert ShareGPT tool calls -> messages" "$WORK/glaive.jsonl" \
  "$BIN" convert --to messages -q -o "$WORK/out.jsonl"
run_case "convert LLaMA-Factory DPO -> KTO" "$WORK/dpo.jsonl" "$BIN" convert --to kto -q -o "$WORK/out.jsonl"
run_case "convert LLaMA-Factory DPO -> preference" "$WORK/dpo.jsonl" \
  "$BIN" convert --to preference -q -o "$WORK/out.jsonl"
