#!/bin/sh
# Screenshots of every wizard page (docs/screenshots/wizards/), taken under Xvfb so the real
# fonts and window decorations-free widgets are rendered as users see them.
# Usage: scripts/screenshots.sh [BUILD_DIR]   (default: ./build; needs xvfb-run)
#        scripts/screenshots.sh --directory [BUILD_DIR]
#   the Directory page (docs/screenshots/directory/) against the Samba AD lab: runs the lab-driven
#   QTest (through tests/integration/directory/run_in_lab.py), which saves the main window at each step;
#   needs root and the lab packages, and the tst_directorypage target built. The SPN registration
#   wizard's pages (docs/screenshots/wizards/spn-registration-*) come from test_spn_wizard the same way.
#        scripts/screenshots.sh --diagnose [BUILD_DIR]
#   the Diagnose page (docs/screenshots/diagnose/) on the lab with its web, TLS and RDP servers: the
#   GUI runs under Xvfb inside the lab's namespace, runs the "web" scenario on the lab's working and
#   broken names, and saves the window when the run ends (--diagnose-screenshot). Needs root.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
if [ "${1:-}" = "--directory" ]; then
    build=${2:-"$root/build"}
    out="$root/docs/screenshots/directory"
    test -x "$build/tests/ui/directory/tst_directorypage" || {
        echo "screenshots.sh: build tst_directorypage first (SSOD_BUILD_TARGETS=tst_directorypage scripts/build.sh)" >&2
        exit 2
    }
    mkdir -p "$out"
    rm -f "$out"/*.png
    SSOD_DIRECTORY_SCREENSHOTS="$out" SSOD_LAB_SH="$root/scripts/lab.sh" \
        python3 "$root/tests/integration/directory/run_in_lab.py" --silent "$build/tests/ui/directory/tst_directorypage"
    echo "screenshots.sh: $(ls "$out"/*.png | wc -l) screenshots in $out"
    # The SPN registration wizard needs the DC too: its lab-driven QTest saves each page.
    if [ -x "$build/tests/ui/wizards/test_spn_wizard" ]; then
        SSOD_SCREENSHOT_DIR="$root/docs/screenshots/wizards" SSOD_LAB_SH="$root/scripts/lab.sh" \
            python3 "$root/tests/integration/directory/run_in_lab.py" "$build/tests/ui/wizards/test_spn_wizard" >/dev/null
        echo "screenshots.sh: SPN wizard pages in $root/docs/screenshots/wizards/spn-registration-*.png"
    fi
    exit 0
fi
if [ "${1:-}" = "--diagnose" ]; then
    build=${2:-"$root/build"}
    out="$root/docs/screenshots/diagnose"
    mkdir -p "$out"
    SSOD_LAB_SH="$root/scripts/lab.sh" python3 - "$root" "$build" "$out" <<'PYEOF'
import os, subprocess, sys
root, build, out = sys.argv[1:4]
sys.path.insert(0, os.path.join(root, "tests", "integration", "directory"))
from labtest import LAB, LabTest
t = LabTest("ssod-shot", services=True)
def run(lab):
    lab.kinit_admin()
    ca = os.path.join(lab.state, "services", "ca.pem")
    # A client's settings as regedit exports them: Edge may use Kerberos for sso.lab.test only.
    reg = os.path.join(lab.state, "client-settings.reg")
    text = ("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge]"
            "\r\n\"AuthServerAllowlist\"=\"sso.lab.test\"\r\n\r\n")
    with open(reg, "wb") as f:
        f.write(b"\xff\xfe" + text.encode("utf-16-le"))
    for name, scenario, targets in [
            ("diagnose-web-lab.png", "web", ["http://sso.lab.test/secure", "http://nosso.lab.test/secure",
                                              "https://tls-expired.lab.test/"]),
            ("diagnose-rds-lab.png", "rds-farm", ["rdp-nla.lab.test", "rdp-neg.lab.test"])]:
        cmd = ["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", os.path.join(build, "app", "ssodoctor"),
               "--diagnose", scenario, "--diagnose-dc", "10.77.0.2", "--diagnose-ca-file", ca,
               "--diagnose-policy", reg, "--diagnose-screenshot", os.path.join(out, name)]
        for target in targets:
            cmd += ["--diagnose-target", target]
        p = subprocess.run(["bash", LAB, "exec", "--state", lab.state, "--ns", lab.ns] + cmd, timeout=300)
        lab.check(p.returncode == 0 and os.path.exists(os.path.join(out, name)), name)
sys.exit(t.main(run))
PYEOF
    echo "screenshots.sh: $(ls "$out"/*.png | wc -l) screenshots in $out"
    exit 0
fi
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
