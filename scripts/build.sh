#!/usr/bin/env bash
# Configures and builds SSO Doctor into ./build (Release with debug info). Uses ccache when it is
# installed (several work trees of the same project then share compiled objects). Arguments are
# extra CMake options; SSOD_BUILD_DIR picks another tree and SSOD_BUILD_TARGETS builds only those
# targets (scripts/build-sanitize.sh uses both).
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${SSOD_BUILD_DIR:-build}"
launcher=()
if command -v ccache >/dev/null 2>&1; then
  export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$(cd .. && pwd)}"
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" "$@"
targets=()
[ -n "${SSOD_BUILD_TARGETS:-}" ] && targets=(--target ${SSOD_BUILD_TARGETS})
cmake --build "$dir" -j "$(nproc)" "${targets[@]}"
