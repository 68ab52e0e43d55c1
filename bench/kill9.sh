#!/usr/bin/env bash
# SIGKILL at random points during `ssodoctor-cli apply`, 1,000 times by default (spread over the
# four file store kinds: .reg, Registry.pol, offline hive, browser policy JSON), and the count of
# each outcome. It runs the CI test's driver (tests/integration/crashsafety/tst_apply_kill9.cpp)
# with more rounds; any target that is neither the old nor the new version, a partial backup, or
# an undo that does not restore the old version fails it.
#
#   bench/kill9.sh [TOTAL]      (build first: ./scripts/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
total="${1:-1000}"
kinds=4
build=build
cmake --build "$build" --target test_apply_kill9 ssodoctor-cli >/dev/null
export SSOD_CLI="$PWD/$build/app/ssodoctor-cli"
export SSOD_TOOLS="$PWD/tests/tools"
export SSOD_KILL9_ROUNDS=$(( (total + kinds - 1) / kinds ))
start=$(date +%s)
"$build/tests/integration/crashsafety/test_apply_kill9" 2>&1 | grep -E 'KILL9|FAIL|PASS|Totals'
echo "elapsed: $(( $(date +%s) - start )) s"
