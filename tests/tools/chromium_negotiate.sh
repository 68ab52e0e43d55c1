#!/usr/bin/env bash
# Fixture for tests/integration/chromium_policy: proves that real Chromium (Debian's `chromium`)
# loads a managed-policy file written by `ssodoctor-cli apply browser.negotiate-allowlist=…`.
#
#   chromium_negotiate.sh SSODOCTOR_CLI
#
# It starts a throw-away MIT KDC (realm SSOD.TEST) and Apache with mod_auth_gssapi, kinits a user,
# writes /etc/chromium/policies/managed/ssodoctor-test-<random>.json with the CLI, and loads
# http://localhost:PORT/secure/ in headless Chromium twice: with the policy (Negotiate must
# succeed: page "SSO-OK", Apache logs the user) and without it (401 page "SSO-DENIED").
# It prints observations as "KEY: value" lines on stdout; the C++ test decides pass/fail.
# Exit 0: the fixture ran (whatever Chromium did); 3: it could not run (message on stderr).
#
# Isolation: everything runs inside new mount, network and PID namespaces (root required; CI runs
# as root). The network namespace has only loopback, so neither the KDC, Apache nor Chromium's
# background requests can reach another machine (TESTBED "Leaks"). /etc/chromium is replaced by a
# private copy inside the mount namespace, so the policy file lives at the real path Chromium reads,
# yet no browser on the host ever sees it. When the namespace's first process exits the kernel kills
# every process left in it, so nothing outlives the fixture even if a stop below is missed.
set -euo pipefail

die() { echo "FIXTURE-ERROR: $*" >&2; exit 3; }

CLI=${1:-}
[ -n "$CLI" ] && [ -x "$CLI" ] || die "usage: $0 PATH-TO-ssodoctor-cli (got \"$CLI\")"

if [ -z "${SSOD_CHROMIUM_IN_NS:-}" ]; then
    [ "$(id -u)" -eq 0 ] || die "must run as root: it needs mount/network namespaces and writes \
/etc/chromium/policies/managed (CI runs as root; run 'sudo ctest -R chromium_policy')"
    for tool in /usr/bin/chromium krb5kdc kdb5_util kadmin.local kinit klist apache2 unshare ip; do
        command -v "$tool" >/dev/null || die "$tool is missing: run scripts/setup-debian.sh"
    done
    [ -f /usr/lib/apache2/modules/mod_auth_gssapi.so ] || die "mod_auth_gssapi is missing: run scripts/setup-debian.sh"
    [ -d /etc/chromium ] || die "/etc/chromium does not exist: is Debian's chromium package installed?"
    probe=$(unshare --mount --net --pid --fork --mount-proc true 2>&1) \
        || die "cannot create mount/network/PID namespaces ($probe); run as root on a host or in a container with CAP_SYS_ADMIN"
    # --kill-child: if whoever runs us kills unshare (a test timeout), the namespace dies with it.
    SSOD_CHROMIUM_IN_NS=1 exec unshare --mount --net --pid --mount-proc --kill-child --propagation private \
        "$BASH" "$0" "$@"
fi

# ---- inside the namespaces ----
START_NS=$(date +%s%N)
ip link set lo up || die "cannot bring up loopback in the network namespace"
T=$(mktemp -d /tmp/ssod-chromium.XXXXXX)
# Apache's children run as www-data and must read the keytab and the document root.
chmod 0755 "$T"
PIDS=()
POLICY=""
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        # Bounded: a process that ignores TERM for 5 s gets KILL.
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    done
    [ -n "$POLICY" ] && rm -f "$POLICY"
    umount /etc/chromium 2>/dev/null || true
    rm -rf "$T"
}
trap cleanup EXIT

# Waits up to 10 s for 127.0.0.1:$1 to accept connections; gives up early when process $2 exits.
wait_listening() {
    for _ in $(seq 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        kill -0 "$2" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

# Fresh network namespace: nothing listens anywhere, so fixed ports are free by construction.
KDC_PORT=18088
HTTP_PORT=18080
REALM=SSOD.TEST

# Private /etc/chromium (a copy keeps Debian's master_preferences).
mkdir -p "$T/etc-chromium"
cp -a /etc/chromium/. "$T/etc-chromium/"
mount --bind "$T/etc-chromium" /etc/chromium || die "cannot bind-mount a private /etc/chromium"
mkdir -p /etc/chromium/policies/managed || die "cannot create /etc/chromium/policies/managed"

# ---- MIT KDC ----
export KRB5_CONFIG="$T/krb5.conf" KRB5_KDC_PROFILE="$T/kdc.conf" KRB5CCNAME="FILE:$T/ccache"
# Apache would otherwise write a replay cache under /var/tmp.
export KRB5RCACHETYPE=none
cat >"$KRB5_CONFIG" <<EOF
[libdefaults]
    default_realm = $REALM
    dns_lookup_kdc = false
    dns_lookup_realm = false
    rdns = false
    dns_canonicalize_hostname = false
    forwardable = true
    udp_preference_limit = 1
[realms]
    $REALM = {
        kdc = 127.0.0.1:$KDC_PORT
    }
[domain_realm]
    localhost = $REALM
EOF
mkdir -p "$T/kdc"
cat >"$KRB5_KDC_PROFILE" <<EOF
[kdcdefaults]
    kdc_ports = $KDC_PORT
    kdc_tcp_ports = $KDC_PORT
[realms]
    $REALM = {
        database_name = $T/kdc/principal
        key_stash_file = $T/kdc/stash
        acl_file = $T/kdc/kadm5.acl
    }
[logging]
    kdc = FILE:$T/kdc/kdc.log
EOF
: >"$T/kdc/kadm5.acl"
kdb5_util create -s -r "$REALM" -P ssod-master-pw >"$T/kdc/create.log" 2>&1 || die "kdb5_util create failed: $(cat "$T/kdc/create.log")"
kadmin.local -r "$REALM" -q "addprinc -pw ssod-user-pw user" >>"$T/kdc/create.log" 2>&1
kadmin.local -r "$REALM" -q "addprinc -randkey HTTP/localhost" >>"$T/kdc/create.log" 2>&1
kadmin.local -r "$REALM" -q "ktadd -k $T/http.keytab HTTP/localhost" >>"$T/kdc/create.log" 2>&1
[ -s "$T/http.keytab" ] || die "no keytab for HTTP/localhost: $(cat "$T/kdc/create.log")"
chgrp www-data "$T/http.keytab" && chmod 0640 "$T/http.keytab"

krb5kdc -n -r "$REALM" -P "$T/kdc/kdc.pid" >"$T/kdc/stdout.log" 2>&1 &
PIDS+=($!)
wait_listening "$KDC_PORT" "${PIDS[-1]}" || die "krb5kdc did not listen on 127.0.0.1:$KDC_PORT within 10 s: $(cat "$T/kdc/stdout.log" "$T/kdc/kdc.log" 2>/dev/null)"
echo ssod-user-pw | timeout 20 kinit "user@$REALM" >"$T/kinit.log" 2>&1 || die "kinit failed: $(cat "$T/kinit.log")"
echo "TICKET: $(klist 2>/dev/null | grep -m1 'Default principal' | sed 's/.*: //')"

# ---- Apache with mod_auth_gssapi ----
A="$T/apache"
mkdir -p "$A/logs" "$A/run" "$A/htdocs/secure"
echo '<html><body><p id="result">SSO-OK</p></body></html>' >"$A/htdocs/secure/index.html"
echo '<html><body><p>public</p></body></html>' >"$A/htdocs/index.html"
M=/usr/lib/apache2/modules
cat >"$A/httpd.conf" <<EOF
ServerRoot "$A"
ServerName localhost
Listen 127.0.0.1:$HTTP_PORT
PidFile "$A/run/httpd.pid"
DefaultRuntimeDir "$A/run"
Mutex file:$A/run
LoadModule mpm_event_module $M/mod_mpm_event.so
LoadModule authn_core_module $M/mod_authn_core.so
LoadModule authz_core_module $M/mod_authz_core.so
LoadModule authz_user_module $M/mod_authz_user.so
LoadModule auth_gssapi_module $M/mod_auth_gssapi.so
LoadModule dir_module $M/mod_dir.so
LoadModule mime_module $M/mod_mime.so
User www-data
Group www-data
StartServers 1
ServerLimit 1
ErrorLog "$A/logs/error.log"
LogLevel warn auth_gssapi:debug
LogFormat "%h %u \"%r\" %>s" ssod
CustomLog "$A/logs/access.log" ssod
TypesConfig /etc/mime.types
DocumentRoot "$A/htdocs"
DirectoryIndex index.html
<Directory "$A/htdocs">
    Require all granted
</Directory>
<Location /secure>
    AuthType GSSAPI
    AuthName "SSO Doctor test"
    GssapiCredStore keytab:$T/http.keytab
    GssapiAllowedMech krb5
    Require valid-user
    ErrorDocument 401 "<html><body><p id=\"result\">SSO-DENIED</p></body></html>"
</Location>
EOF
apache2 -DFOREGROUND -f "$A/httpd.conf" >"$A/logs/stdout.log" 2>&1 &
PIDS+=($!)
wait_listening "$HTTP_PORT" "${PIDS[-1]}" || die "apache2 did not listen on 127.0.0.1:$HTTP_PORT within 10 s: $(cat "$A/logs/stdout.log" "$A/logs/error.log" 2>/dev/null)"

# ---- Chromium ----
URL="http://localhost:$HTTP_PORT/secure/"
# One headless load of $URL with profile $2; prints "$1-EXIT/-DOM/-ACCESS" lines.
load_page() { # $1: label, $2: profile dir
    local label=$1 profile=$2 rc=0 netlog=()
    # Debugging aid: SSOD_CHROMIUM_NETLOG_DIR=DIR keeps Chromium's NetLog (auth handler decisions).
    [ -n "${SSOD_CHROMIUM_NETLOG_DIR:-}" ] && netlog=(--log-net-log="$SSOD_CHROMIUM_NETLOG_DIR/$label.json" --net-log-capture-mode=Everything)
    : >"$A/logs/access.log"
    HOME="$profile/home" XDG_CONFIG_HOME="$profile/home/.config" XDG_CACHE_HOME="$profile/home/.cache" \
        timeout -k 5 60 /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile/data" ${SSOD_CHROMIUM_EXTRA_FLAGS:-} "${netlog[@]}" --dump-dom "$URL" \
        >"$T/$label.html" 2>"$T/$label.stderr" || rc=$?
    echo "$label-EXIT: $rc"
    echo "$label-DOM: $(tr -d '\n' <"$T/$label.html")"
    # Apache writes the log line when the response is sent; give it a moment (bounded).
    for _ in $(seq 20); do [ -s "$A/logs/access.log" ] && break; sleep 0.1; done
    while IFS= read -r line; do echo "$label-ACCESS: $line"; done <"$A/logs/access.log"
}

# Chromium on Linux keeps GSSAPI out of its (sandboxed) network service until it has seen a
# Negotiate challenge once: that sets the Local State pref net.received_http_auth_negotiate_headers,
# and only network services started afterwards may load the Kerberos library. A real user's first
# visit therefore fails and works after a browser restart. Each scenario does exactly that with its
# own fresh profile: a priming load, then the measured load, so the policy file is the only
# difference between the two scenarios.
run_scenario() { # $1: label
    local profile="$T/profile-$1"
    mkdir -p "$profile/home"
    load_page "$1-PRIME" "$profile"
    load_page "$1" "$profile"
}

POLICY="/etc/chromium/policies/managed/ssodoctor-test-$RANDOM$RANDOM.json"
echo "POLICY-PATH: $POLICY"
# Two sites, localhost second: the file then reads "portal.contoso.test, localhost", which also
# shows that Chromium accepts the ", " separator the comma-list edit writes.
"$CLI" apply browser.negotiate-allowlist=portal.contoso.test,localhost --to "$POLICY" --backup "$T/policy-backup.reg" \
    >"$T/apply.log" 2>&1 || die "ssodoctor-cli apply failed: $(cat "$T/apply.log")"
echo "POLICY-CONTENT: $(tr -d '\n' <"$POLICY")"
echo "POLICY-MODE: $(stat -c %a "$POLICY")"
run_scenario WITH

# Undo through the CLI (the file did not exist, so it keeps an empty policy object), then remove
# the file: the second scenario runs with no policy at all.
"$CLI" undo --backup "$T/policy-backup.reg" --to "$POLICY" >"$T/undo.log" 2>&1 || die "ssodoctor-cli undo failed: $(cat "$T/undo.log")"
echo "UNDO-CONTENT: $(tr -d '\n' <"$POLICY")"
rm -f "$POLICY"
POLICY=""
run_scenario WITHOUT

if [ "${SSOD_CHROMIUM_VERBOSE:-}" = 1 ]; then
    echo "---- apache error log" >&2; cat "$A/logs/error.log" >&2
    echo "---- chromium stderr (with policy)" >&2; grep -iv dbus "$T/WITH.stderr" | tail -${SSOD_CHROMIUM_VERBOSE_LINES:-40} >&2 || true
fi
echo "ELAPSED-MS: $(( ($(date +%s%N) - START_NS) / 1000000 ))"
