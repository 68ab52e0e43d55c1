#!/usr/bin/env bash
# Installs everything SSO Doctor needs to build, run and test on Debian 12, from Debian's packages.
# Idempotent: packages already present are skipped by apt.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

packages=(
  # build
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev libxkbcommon-dev
  qtkeychain-qt6-dev libkrb5-dev libldap-dev libzip-dev libhivex-dev libssl-dev
  # the directory bind password in the system keychain: QtKeychain loads libsecret at run time and
  # talks to the Secret Service over D-Bus; tests/integration/keychain runs a private bus and
  # gnome-keyring (secret-tool cross-checks what was stored)
  libqt6keychain1 libsecret-1-0 libsecret-tools gnome-keyring dbus dbus-daemon dbus-bin
  # independent parsers the tests cross-check against
  libhivex-bin libwin-hivex-perl python3 python3-samba
  freerdp2-dev
  # fuzzing (libFuzzer ships with clang's runtime)
  clang libclang-rt-14-dev
  # syntax check of the Windows-only live registry store
  g++-mingw-w64-x86-64-posix
  # GUI screenshots and offscreen tests
  xvfb xauth imagemagick
  # real browser sign-in: headless Chromium against a throw-away KDC and Apache mod_auth_gssapi
  # (tests/integration/chromium_policy; unshare and ip run it in private namespaces)
  chromium apache2 libapache2-mod-auth-gssapi krb5-kdc krb5-admin-server krb5-user iproute2 util-linux
  # lab domain: a real Samba AD DC in a network namespace (scripts/lab.sh, tests/integration/lab);
  # samba-ad-provision (schema files) and libsasl2-modules-gssapi-mit (ldapsearch -Y GSSAPI) are
  # only Recommends but required; python3-samba and krb5-user are listed above
  samba samba-ad-dc samba-ad-provision ldap-utils winbind dnsutils faketime ldb-tools
  libsasl2-modules-gssapi-mit
  # lab services (scripts/lab-services.sh, tests/integration/probe): Apache mod_auth_gssapi (above),
  # openssl TLS endpoints and CA (faketime backdates certificates), xrdp and freerdp-shadow RDP hosts
  # on their own Xvfb; xfreerdp and curl to cross-check them
  openssl curl xrdp freerdp2-shadow-x11 freerdp2-x11 winpr-utils x11-utils
  # nc -z: the ports probe test cross-checks each port state with it
  netcat-openbsd
  # benchmarks: peak RSS and CPU of each timed process (bench/bench_spn_duplicates.py)
  time
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "setup: all packages present"
fi
