#!/usr/bin/env bash
# Self-check of scripts/lab.sh: brings a lab up in a temporary state dir and a unique namespace,
# checks it from inside the namespace with independent tools (MIT krb5, OpenLDAP, bind9 host;
# no SSO Doctor code) against the manifest lab.json, tears it down and checks nothing is left.
# Run as root: bash tests/integration/lab/check_lab.sh      Exit status 0 = all checks passed.
# If another (non-isolated) lab holds 10.77.0.1 on the host, the check runs with --isolated.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LAB="$HERE/../../../scripts/lab.sh"
PY=/usr/bin/python3
[ "$(id -u)" -eq 0 ] || { echo "check_lab: must run as root" >&2; exit 2; }
[ -x "$LAB" ] || { echo "check_lab: $LAB not found" >&2; exit 2; }

NS="ssodchk-$$"
STATE=$(mktemp -d /var/tmp/ssod-lab-check.XXXXXX)
rmdir "$STATE"                       # lab.sh up refuses an existing state dir
FAILS=0
SAMBA_PID=""
TORN_DOWN=0

pass() { printf 'PASS %s\n' "$*"; }
fail() { printf 'FAIL %s\n' "$*"; FAILS=$((FAILS + 1)); }
lab() { "$LAB" "$1" --state "$STATE" --ns "$NS" "${@:2}"; }
# run a client inside the namespace; its own ccache in the state dir, never the caller's
inns() { SSOD_LAB_CCNAME="FILE:$STATE/krb5cc" lab exec "$@"; }

teardown() {
  [ "$TORN_DOWN" -eq 1 ] && return 0
  TORN_DOWN=1
  "$LAB" down --state "$STATE" --ns "$NS" || true
}
trap 'rc=$?; teardown; exit $rc' EXIT

UPOPTS=()
if ip -o addr show | grep -q ' 10\.77\.0\.1/'; then
  echo "check_lab: 10.77.0.1 is taken on the host (another lab is up): using --isolated"
  UPOPTS=(--isolated)
fi

t0=$(date +%s.%N)
if lab up "${UPOPTS[@]}"; then
  pass "lab up ($(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s)"
else
  fail "lab up"; exit 1
fi
SAMBA_PID=$(cat "$STATE/samba.pid")
sleep 1   # let samba spawn smbd and winbindd (own sessions, not in samba's group)
SMB_HELPERS=$(ip netns pids "$NS" | xargs)
M="$STATE/lab.json"
mq() { "$PY" -c 'import json,sys; m=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {"m": m}))' "$M" "$1"; }

# status sees it
if "$LAB" status --state "$STATE" --ns "$NS" >/dev/null; then pass "status says UP"; else fail "status"; fi

# manifest sanity
[ "$(mq 'm["realm"]')" = "LAB.TEST" ] && [ "$(mq 'm["dc"]["ip"]')" = "10.77.0.2" ] \
  && [ -s "$(mq 'm["ca_file"]')" ] && pass "manifest: realm, DC IP, CA file" || fail "manifest basics"
ADMINPASS=$(mq 'm["admin"]["password"]')

# 1. kinit Administrator with the manifest's password
if printf '%s\n' "$ADMINPASS" | inns kinit Administrator >/dev/null 2>&1 \
   && inns klist | grep -q 'Administrator@LAB.TEST'; then
  pass "kinit Administrator"
else
  fail "kinit Administrator"
fi

# 2. the duplicated SPN has exactly the two holders of the manifest (LDAP SASL/GSSAPI)
ldapq() {
  inns ldapsearch -Q -LLL -o ldif-wrap=no -Y GSSAPI -H ldap://dc1.lab.test -b DC=LAB,DC=TEST "$@" 2>/dev/null
}
for spn in $(mq '" ".join(d["spn"] for d in m["duplicate_spns"])'); do
  want=$(mq "' '.join(sorted(d['holders'] for d in m['duplicate_spns'] if d['spn']=='$spn')[0])")
  got=$(ldapq "(servicePrincipalName=$spn)" sAMAccountName | sed -n 's/^sAMAccountName: //p' | sort | xargs)
  want=$(printf '%s\n' $want | sort | xargs)
  if [ -n "$got" ] && [ "$got" = "$want" ]; then pass "duplicate $spn held by: $got"
  else fail "duplicate $spn: want [$want] got [$got]"; fi
done

# 3. the missing SPN: KDC says "Server not found in Kerberos database"; its A record exists
out=$(inns kvno HTTP/intranet.lab.test 2>&1 || true)
if grep -q 'Server not found in Kerberos database' <<<"$out"; then pass "kvno HTTP/intranet.lab.test: $out"
else fail "kvno HTTP/intranet.lab.test: $out"; fi
if inns host intranet.lab.test 2>&1 | grep -q 'has address 10.77.0.2'; then pass "A intranet.lab.test"
else fail "A intranet.lab.test"; fi

# 4. the CNAME and the SPN of its alias held by the wrong account
out=$(inns host app.lab.test 2>&1 || true)
if grep -q 'app.lab.test is an alias for web01.lab.test' <<<"$out"; then pass "CNAME app.lab.test -> web01.lab.test"
else fail "CNAME app.lab.test: $out"; fi
got=$(ldapq '(servicePrincipalName=HTTP/app.lab.test)' sAMAccountName | sed -n 's/^sAMAccountName: //p' | xargs)
want=$(mq 'm["cname_spn_mismatch"][0]["alias_spn_holder"]')
[ "$got" = "$want" ] && pass "HTTP/app.lab.test held by $got" || fail "HTTP/app.lab.test holder: want $want got [$got]"
if inns kvno HTTP/app.lab.test >/dev/null 2>&1; then pass "kvno HTTP/app.lab.test"; else fail "kvno HTTP/app.lab.test"; fi

# 5. delegation and sensitive flags as in the manifest (userAccountControl bits)
uac() { ldapq "(sAMAccountName=$1)" userAccountControl | sed -n 's/^userAccountControl: //p'; }
u=$(uac svc_legacy); (( ${u:-0} & 0x80000 )) && pass "svc_legacy TRUSTED_FOR_DELEGATION" || fail "svc_legacy uac=$u"
u=$(uac svc_web);    (( ${u:-0} & 0x1000000 )) && pass "svc_web TRUSTED_TO_AUTH_FOR_DELEGATION" || fail "svc_web uac=$u"
u=$(uac admin_alice); (( ${u:-0} & 0x100000 )) && pass "admin_alice NOT_DELEGATED" || fail "admin_alice uac=$u"
got=$(ldapq '(sAMAccountName=svc_web)' msDS-AllowedToDelegateTo | sed -n 's/^msDS-AllowedToDelegateTo: //p' | sort | xargs)
want=$(mq '" ".join(sorted(m["delegation"]["constrained"]["svc_web"]["targets"]))')
[ "$got" = "$want" ] && pass "svc_web delegates to: $got" || fail "svc_web msDS-AllowedToDelegateTo: want [$want] got [$got]"

# 6. computers have keys (oldjoin) and their SPNs
for c in $(mq '" ".join(a["sAMAccountName"] for a in m["accounts"] if a["kind"]=="computer")'); do
  want=$(mq "' '.join(sorted(a['spns'] for a in m['accounts'] if a['sAMAccountName']=='$c')[0])")
  got=$(ldapq "(sAMAccountName=$c)" servicePrincipalName | sed -n 's/^servicePrincipalName: //p' | sort | xargs)
  [ "$got" = "$(printf '%s\n' $want | sort | xargs)" ] && pass "$c SPNs" || fail "$c SPNs: want [$want] got [$got]"
done
if inns kvno "RestrictedKrbHost/rdsh01.lab.test" >/dev/null 2>&1; then pass "kvno RestrictedKrbHost/rdsh01.lab.test"
else fail "kvno RestrictedKrbHost/rdsh01.lab.test"; fi

# 7. anonymous rootDSE
out=$(inns ldapsearch -x -LLL -H ldap://10.77.0.2 -s base -b '' defaultNamingContext dnsHostName currentTime 2>&1 || true)
if grep -qi '^defaultNamingContext: DC=lab,DC=test' <<<"$out" && grep -q '^dnsHostName: dc1.lab.test' <<<"$out" \
   && grep -q '^currentTime: ' <<<"$out"; then pass "anonymous rootDSE"
else fail "anonymous rootDSE: $out"; fi

# 8. StartTLS against the manifest's CA
if inns env LDAPTLS_CACERT="$(mq 'm["ca_file"]')" LDAPTLS_REQCERT=demand \
     ldapsearch -x -ZZ -LLL -H ldap://dc1.lab.test -s base -b '' dnsHostName >/dev/null 2>&1; then
  pass "StartTLS with CA $(mq 'm["ca_file"]')"
else fail "StartTLS"; fi

# 9. no leak: a non-lab name gets an answer from the DC only (no forwarder), not from the Internet
out=$(inns host -W 2 -t A example.com 10.77.0.2 2>&1 || true)
if grep -q 'has address' <<<"$out"; then fail "example.com resolved through the DC (forwarder leak): $out"
else pass "no DNS forwarding from the DC"; fi

# teardown and leftovers
t0=$(date +%s.%N)
teardown
pass "lab down ($(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s)"
if ip netns list | awk '{print $1}' | grep -qx "$NS"; then fail "namespace $NS left"; else pass "namespace gone"; fi
[ -e "/etc/netns/$NS" ] && fail "/etc/netns/$NS left" || pass "/etc/netns/$NS gone"
[ -e "$STATE" ] && fail "state dir $STATE left" || pass "state dir gone"
alive() { [ -e "/proc/$1/exe" ]; }   # not a zombie
left=""
for p in $SAMBA_PID $(pgrep -g "$SAMBA_PID" 2>/dev/null) $SMB_HELPERS; do alive "$p" && left="$left $p"; done
if [ -n "$left" ]; then fail "processes of this lab still running:$left"
else pass "samba PID $SAMBA_PID, its group and its smbd/winbindd ($SMB_HELPERS) gone"; fi
h=$(printf '%s' "$NS" | md5sum | cut -c1-8)
ip link show "slh$h" >/dev/null 2>&1 && fail "veth slh$h left" || pass "veth gone"

if [ "$FAILS" -eq 0 ]; then echo "check_lab: all checks passed"; else echo "check_lab: $FAILS check(s) FAILED"; exit 1; fi
