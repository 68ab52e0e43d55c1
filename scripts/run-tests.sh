#!/usr/bin/env bash
# README command 2: install, build, run every test (unit, cross-checks with independent parsers,
# GUI offscreen) and the libFuzzer harnesses briefly. .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup-debian.sh
./scripts/build.sh

status=0
# Fuzzers need clang and an instrumented core: a separate build tree. They run first so that
# CTest's summary is the last thing printed.
if [ "${SSOD_SKIP_FUZZ:-0}" != "1" ]; then
  ./scripts/fuzz.sh "${SSOD_FUZZ_SECONDS:-60}" || status=$?
fi
(cd build && ctest --output-on-failure -j "$(nproc)") || status=$?
exit $status
