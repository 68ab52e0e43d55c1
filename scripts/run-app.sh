#!/usr/bin/env bash
# README command 1: install, build, launch the GUI.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup-debian.sh
./scripts/build.sh
exec ./build/app/ssodoctor "$@"
