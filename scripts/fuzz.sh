#!/usr/bin/env bash
# Runs each libFuzzer harness (tests/fuzz/fuzz_*.cpp, built in the sanitizer tree by
# scripts/build-sanitize.sh) for at most N seconds (default 20): ./scripts/fuzz.sh [N] [harness…].
# Each starts from a fresh working corpus in build-sanitize/fuzz/: the committed seeds in
# tests/fuzz/corpus/<name>/ plus, for the file parsers, the real-world files of ../shared/corpus
# (copied at run time, never into the repository). CI runs are reproducible: a fixed seed
# (SSOD_FUZZ_SEED, default 1) and a fixed number of executions (SSOD_FUZZ_RUNS, default 150000), so
# the same commit fuzzes the same inputs everywhere; a developer hunting bugs sets another seed or
# more runs; SSOD_FUZZ_ARGS adds libFuzzer options (e.g. -max_len=4096). SSOD_FUZZ_NO_BUILD=1
# skips the build (run-tests.sh has built the whole tree already).
# Any crash, leak or sanitizer finding fails the run and leaves the reproducer in build-sanitize/fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
shift $(($# > 0 ? 1 : 0))
if [ "$#" -gt 0 ]; then
  targets="$*"
else
  targets=$(cd tests/fuzz && ls fuzz_*.cpp 2>/dev/null | sed 's/\.cpp$//')
fi
[ -n "$targets" ] || { echo "fuzz: no harnesses"; exit 0; }
[ "${SSOD_FUZZ_NO_BUILD:-0}" = "1" ] || ./scripts/build-sanitize.sh $targets

shared="$(cd .. && pwd)/shared/corpus"
# Which folder of ../shared/corpus seeds which harness.
real_seeds() {
  case "$1" in
    fuzz_regfile) echo "$shared/reg" ;;
    fuzz_polfile) echo "$shared/pol" ;;
    fuzz_rdpfile) echo "$shared/rdp" ;;
  esac
}

export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
work="build-sanitize/fuzz"
mkdir -p "$work"
passed=0; failed=0
for t in $targets; do
  corpus="$work/corpus-$t"
  rm -rf "$corpus" && mkdir -p "$corpus"
  seeds="tests/fuzz/corpus/${t#fuzz_}"
  [ -d "$seeds" ] && cp -r "$seeds"/. "$corpus"/
  real="$(real_seeds "$t")"
  if [ -n "$real" ]; then
    if [ -d "$real" ]; then
      cp "$real"/* "$corpus"/ && chmod -R u+w "$corpus"
    else
      echo "fuzz: $real not found; $t starts from the committed seeds only"
    fi
  fi
  log="$work/$t.log"
  echo "fuzz: $t ($(ls "$corpus" | wc -l) seeds, seed ${SSOD_FUZZ_SEED:-1}, ${SSOD_FUZZ_RUNS:-150000} runs, at most ${seconds}s)"
  if "build-sanitize/tests/fuzz/$t" -seed="${SSOD_FUZZ_SEED:-1}" -runs="${SSOD_FUZZ_RUNS:-150000}" \
    -max_total_time="$seconds" -timeout=60 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$work/$t-" ${SSOD_FUZZ_ARGS:-} "$corpus" >"$log" 2>&1; then
    passed=$((passed + 1))
    grep -E '^(#[0-9]+.*DONE|Done [0-9]+ runs)|stat::number_of_executed_units' "$log" | tail -n 2
  else
    failed=$((failed + 1))
    echo "fuzz: $t FAILED (full log: $log)"
    tail -n 60 "$log"
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
