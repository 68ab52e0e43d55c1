#!/usr/bin/env bash
# Configures and builds the sanitizer tree ./build-sanitize: clang with AddressSanitizer and
# UndefinedBehaviorSanitizer (fatal), everything the normal build has (GUI, CLI, tests) plus the
# libFuzzer harnesses, so one extra compile serves both the sanitizer test run and the fuzzers.
# Arguments are build targets (default: all).
set -euo pipefail
cd "$(dirname "$0")/.."
CC=clang CXX=clang++ SSOD_BUILD_DIR=build-sanitize SSOD_BUILD_TARGETS="$*" \
  exec ./scripts/build.sh -DSSOD_SANITIZE=ON -DSSOD_FUZZ=ON
