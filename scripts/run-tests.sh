#!/usr/bin/env bash
# README command 2: install, build, run every test (unit, cross-checks with independent parsers,
# GUI offscreen) twice — once in a clang AddressSanitizer + UndefinedBehaviorSanitizer build that
# also runs the libFuzzer harnesses briefly, once in the normal build. .ci/run calls exactly this.
# SSOD_SKIP_SANITIZE=1 skips the sanitizer tree (tests and fuzzers); SSOD_SKIP_FUZZ=1 the fuzzers.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup-debian.sh
./scripts/build.sh

status=0
# The sanitizer tree runs first, so that the normal suite's CTest summary is the last thing
# printed; the exit status fails if either run (or a fuzzer) fails.
if [ "${SSOD_SKIP_SANITIZE:-0}" != "1" ]; then
  echo "== sanitizer build (clang, ASan + UBSan): every test, then the fuzzers"
  ./scripts/build-sanitize.sh
  (cd build-sanitize && ctest --output-on-failure -j "$(nproc)") || status=$?
  if [ "${SSOD_SKIP_FUZZ:-0}" != "1" ]; then
    SSOD_FUZZ_NO_BUILD=1 ./scripts/fuzz.sh "${SSOD_FUZZ_SECONDS:-60}" || status=$?
  fi
  echo "== normal build: every test"
fi
(cd build && ctest --output-on-failure -j "$(nproc)") || status=$?
exit $status
