#!/usr/bin/env bash
# The whole test suite: installs dependencies, then
#   1. builds the tests with AddressSanitizer + UndefinedBehaviorSanitizer and runs them;
#   2. builds the libFuzzer targets with clang and fuzzes each parser briefly from its corpus;
#   3. builds winnow and its tests (RelWithDebInfo, -Werror) and runs them with CTest (last, so
#      CTest's summary closes the output).
# Tests that need ../shared/data report themselves skipped when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
jobs=$(nproc)
fuzz_seconds=${WINNOW_FUZZ_SECONDS:-20}

echo "== build and test under AddressSanitizer + UndefinedBehaviorSanitizer"
cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DWINNOW_SANITIZE=ON \
  -DCMAKE_CXX_FLAGS="-O1" >/dev/null
cmake --build build/asan -j "$jobs"
(cd build/asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest -j "$jobs" --output-on-failure -E 'Slow')

echo "== fuzz each parser for ${fuzz_seconds}s (clang, libFuzzer, ASan + UBSan)"
CC=clang CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DWINNOW_BUILD_TESTS=OFF -DWINNOW_SANITIZE=ON -DWINNOW_FUZZ_INSTRUMENT=ON >/dev/null
targets=$(cd fuzz && ls fuzz_*.cc | sed 's/\.cc$//')
cmake --build build/fuzz -j "$jobs" --target $targets
for target in $targets; do
  corpus="fuzz/corpus/${target#fuzz_}"
  work=$(mktemp -d)
  cp -r "$corpus/." "$work/" 2>/dev/null || true
  build/fuzz/fuzz/"$target" "$work" -max_total_time="$fuzz_seconds" -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=0 >"$work.log" 2>&1 ||
    { cat "$work.log"; echo "fuzz target $target failed"; exit 1; }
  echo "$target: $(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$work.log" | tail -1)s, no crash"
  rm -rf "$work" "$work.log"
done

echo "== build and test (RelWithDebInfo)"
cmake -S . -B build/test -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWINNOW_WERROR=ON >/dev/null
cmake --build build/test -j "$jobs"
(cd build/test && ctest -j "$jobs" --output-on-failure)
