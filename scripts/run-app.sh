#!/usr/bin/env bash
# README command 1: install, build, and launch the GUI — on the built-in lab domain when it can.
#
# As root (the lab needs network namespaces and Samba), it starts the throw-away LAB.TEST domain
# (scripts/lab.sh up: ~50 s the first time, ~3 s after), takes a Kerberos ticket for its
# Administrator and opens SSO Doctor inside the lab's namespace, connected to dc1.lab.test on the
# Directory page. As another user, or with SSOD_NO_LAB=1, it launches the GUI without the lab and
# says how to get it. Extra arguments go to ssodoctor.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup-debian.sh
./scripts/build.sh
if [ "${SSOD_NO_LAB:-}" != 1 ] && [ "$(id -u)" = 0 ] && command -v samba >/dev/null 2>&1; then
  if ! bash scripts/lab.sh status >/dev/null 2>&1; then
    bash scripts/lab.sh up
  fi
  password=$(python3 -c 'import json;print(json.load(open("/var/tmp/ssod-lab/lab.json"))["admin"]["password"])')
  printf '%s\n' "$password" | bash scripts/lab.sh exec kinit Administrator >/dev/null
  echo "run-app: the lab domain LAB.TEST is up; SSO Doctor opens connected to dc1.lab.test."
  echo "run-app: stop the lab afterwards with: scripts/lab.sh down"
  exec bash scripts/lab.sh exec ./build/app/ssodoctor --connect-dc dc1.lab.test --page directory "$@"
fi
if [ "$(id -u)" != 0 ]; then
  echo "run-app: not root, so no lab domain (it needs network namespaces and Samba): run this script as root"
  echo "run-app: to try the Directory page on LAB.TEST, or connect to your own domain from the Directory page."
fi
exec ./build/app/ssodoctor "$@"
