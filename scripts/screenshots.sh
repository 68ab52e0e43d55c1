#!/bin/sh
# Screenshots of every wizard page (docs/screenshots/wizards/), taken under Xvfb so the real
# fonts and window decorations-free widgets are rendered as users see them.
# Usage: scripts/screenshots.sh [BUILD_DIR]   (default: ./build; needs xvfb-run)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build"}
out="$root/docs/screenshots/wizards"
if [ ! -x "$build/app/ssodoctor" ]; then
    echo "screenshots.sh: $build/app/ssodoctor not found; build first (scripts/build.sh) or pass the build dir" >&2
    exit 2
fi
command -v xvfb-run >/dev/null || { echo "screenshots.sh: xvfb-run missing (apt-get install xvfb)" >&2; exit 2; }
mkdir -p "$out"
rm -f "$out"/*.png
timeout 300 xvfb-run -a -s "-screen 0 1366x768x24" "$build/app/ssodoctor" --screenshots "$out"
echo "screenshots.sh: $(ls "$out"/*.png | wc -l) screenshots in $out"
