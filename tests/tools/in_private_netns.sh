#!/usr/bin/env bash
# Runs a test in a network namespace of its own with only loopback up, so whatever it sends to a
# name server or any address other than 127.0.0.1 goes nowhere (TESTBED.md "Leaks"): the GUI tests
# drive real probes, and a probe of a loopback target still asks DNS for its PTR name.
# As root it uses `unshare -n`; otherwise an unprivileged user namespace (`unshare -rn`) when the
# kernel allows one; if neither works the test is skipped (exit 77), never run unconfined.
set -euo pipefail
if [ "$(id -u)" -eq 0 ]; then
  flags=(-n)
else
  flags=(-r -n)
fi
if ! unshare "${flags[@]}" true 2>/dev/null; then
  echo "skipped: cannot make a private network namespace (unshare ${flags[*]})"
  exit 77
fi
exec unshare "${flags[@]}" bash -c 'ip link set lo up && exec "$@"' _ "$@"
