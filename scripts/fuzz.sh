#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang (ASan+UBSan) and runs each on a copy of its seed corpus
# for at most N seconds (default 20). CI runs are reproducible: a fixed seed (SSOD_FUZZ_SEED,
# default 1) and a fixed number of executions (SSOD_FUZZ_RUNS, default 150000), so the same commit
# fuzzes the same inputs everywhere; a developer hunting bugs sets another seed or more runs.
# Any crash fails the run and leaves the reproducer in build-fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSSOD_FUZZ=ON -DSSOD_BUILD_GUI=OFF >/dev/null
targets=$(cd tests/fuzz && ls fuzz_*.cpp 2>/dev/null | sed 's/\.cpp$//')
[ -n "$targets" ] || { echo "fuzz: no harnesses"; exit 0; }
cmake --build build-fuzz -j "$(nproc)" --target $targets
passed=0; failed=0
for t in $targets; do
  corpus="build-fuzz/corpus-$t"
  rm -rf "$corpus" && mkdir -p "$corpus"
  seeds="tests/fuzz/corpus/${t#fuzz_}"
  [ -d "$seeds" ] && cp -r "$seeds"/. "$corpus"/
  echo "fuzz: $t (seed ${SSOD_FUZZ_SEED:-1}, ${SSOD_FUZZ_RUNS:-150000} runs, at most ${seconds}s)"
  if (cd build-fuzz && "./tests/fuzz/$t" -seed="${SSOD_FUZZ_SEED:-1}" -runs="${SSOD_FUZZ_RUNS:-150000}" -max_total_time="$seconds" -rss_limit_mb=2048 -print_final_stats=1 "../$corpus" 2>&1 | tail -n 12); then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
