#!/usr/bin/env bash
# SSO Doctor lab domain: a real Samba Active Directory DC (realm LAB.TEST) in a network namespace,
# seeded with realistic Kerberos problems, for integration tests and for newcomers to try the app on.
#
#   scripts/lab.sh up     [--state DIR] [--ns NAME] [--isolated] [--image IMG] [--no-services]
#                         provision (once, cached) + start the DC, then the lab services
#                         (scripts/lab-services.sh: Apache SSO, TLS endpoints, RDP hosts;
#                          --no-services or SSOD_LAB_SERVICES=0 skips them, --services forces them)
#                         (--isolated: no veth to the host; the DC IP sits on the namespace's lo,
#                          so it can run while another lab holds 10.77.0.1; use `exec` to reach it)
#                         (--image: start from IMG, a copy of the golden image changed offline, e.g.
#                          bench/bench_spn_duplicates.py's populated one; IMG/ssod-lab.path names the
#                          dir its etc/smb.conf points at)
#   scripts/lab.sh golden   provision the golden image if needed; print its dir
#   scripts/lab.sh down   [--state DIR] [--ns NAME]   stop the DC, delete the namespace and DIR
#   scripts/lab.sh status [--state DIR] [--ns NAME]
#   scripts/lab.sh env    [--state DIR] [--ns NAME]   print `export` lines for clients
#   scripts/lab.sh exec   [--state DIR] [--ns NAME] CMD...   run CMD inside the namespace
#
# Defaults: DIR=/var/tmp/ssod-lab, NAME=ssod-lab. The provisioned + seeded golden image lives in
# $SSOD_LAB_CACHE (default /var/tmp/ssod-lab-golden) and is reused while its stamp matches.
# DIR/lab.json is the manifest of every seeded fact (the independent truth for tests).
# Must run as root (provisioning, namespaces). Only one non-isolated lab can be up at a time (fixed
# 10.77.0.0/30 on the host side).
# Nothing here touches the host resolver: the DC's dns forwarder is deleted and clients run in the
# namespace, whose resolv.conf points at the DC.
set -euo pipefail
# the lab's servers (web SSO, TLS, RDP): their seed spec, start and stop
source "$(dirname "${BASH_SOURCE[0]}")/lab-services.sh"

LAB_VERSION=2                      # bump when the provisioning or the seed changes
REALM=LAB.TEST
DNSDOMAIN=lab.test
DOMAIN=LAB
BASEDN=DC=LAB,DC=TEST
DCNAME=dc1
DC_IP=10.77.0.2
HOST_IP=10.77.0.1
ADMINPASS=${SSOD_LAB_ADMINPASS:-'Lab-Admin-Pass1!'}
USERPASS='Lab-User-Pass1!'
CACHE=${SSOD_LAB_CACHE:-/var/tmp/ssod-lab-golden}
MAX_RUNTIME=${SSOD_LAB_MAX_RUNTIME:-86400}
START_TIMEOUT=${SSOD_LAB_START_TIMEOUT:-60}
STOP_TIMEOUT=${SSOD_LAB_STOP_TIMEOUT:-15}
PY=/usr/bin/python3                # Debian's python (python3-samba); not a pyenv shim
REQUIRED_PACKAGES=(samba samba-ad-dc samba-ad-provision krb5-user ldap-utils winbind dnsutils
                   ldb-tools libsasl2-modules-gssapi-mit python3-samba iproute2)

STATE=/var/tmp/ssod-lab
NS=ssod-lab
ISOLATED=0
IMAGE=""
SERVICES=${SSOD_LAB_SERVICES:-1}

log() { printf 'lab: %s\n' "$*" >&2; }
die() { printf 'lab: error: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }

# on failure, undo what a half-done `up` or seeding made (set while in progress)
CLEANUP_SEED_DIR="" CLEANUP_SEED_NS="" CLEANUP_UP=0
on_exit() {
  local rc=$?
  [ "$rc" -eq 0 ] && return 0
  if [ -n "$CLEANUP_SEED_DIR" ]; then
    log "cleaning up the failed golden provisioning"
    stop_samba "$CLEANUP_SEED_DIR" "$CLEANUP_SEED_NS" || true
    [ -n "$CLEANUP_SEED_NS" ] && { ip netns del "$CLEANUP_SEED_NS" 2>/dev/null || true; rm -rf "/etc/netns/$CLEANUP_SEED_NS"; }
    log "kept $CLEANUP_SEED_DIR for inspection (delete it by hand)"
  fi
  if [ "$CLEANUP_UP" -eq 1 ]; then
    log "cleaning up the failed start"
    cp -f "$STATE/samba.log" "/tmp/ssod-lab-failed-samba.log" 2>/dev/null && log "samba log kept in /tmp/ssod-lab-failed-samba.log"
    cmd_down || true
  fi
}
trap on_exit EXIT

# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------
need_root() { [ "$(id -u)" -eq 0 ] || die "must run as root (samba provisioning and network namespaces)"; }

check_packages() {
  local missing=() p
  for p in "${REQUIRED_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    printf 'lab: missing packages; install them with:\n  apt-get install -y --no-install-recommends %s\n' \
      "${missing[*]}" >&2
    exit 2
  fi
}

# veth names are limited to 15 characters: derive them from a hash of the namespace name
veth_names() {
  local h; h=$(printf '%s' "$NS" | md5sum | cut -c1-8)
  VETH_HOST="slh$h"; VETH_DC="sld$h"
}

ns_exists() { ip netns list 2>/dev/null | awk '{print $1}' | grep -qx -- "$1"; }

# alive and not a zombie (PID 1 of a container may reap late)
pid_alive() {
  [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null || return 1
  [ "$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null)" != Z ]
}

# is PID the samba started for this state dir? (guards against PID reuse). samba rewrites its
# process title ("samba: root process"), so check its binary and that its stdout is DIR/samba.log.
pid_is_ours() {
  local pid=$1
  pid_alive "$pid" || return 1
  [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$(readlink -f "$(command -v samba)")" ] || return 1
  [ "$(readlink "/proc/$pid/fd/1" 2>/dev/null)" = "$2/samba.log" ]
}

# wait (bounded) until TCP port answers on IP; run from the host side of the veth
wait_port() {
  local ip=$1 port=$2 deadline=$3
  until timeout 1 bash -c "exec 3<>/dev/tcp/$ip/$port" 2>/dev/null; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}

# start samba from DIR inside namespace NSNAME; sets SAMBA_PID
start_samba() {
  local dir=$1 nsname=$2 runtime=$3
  # setsid: own session/process group, so samba's helpers (smbd, winbindd) can be stopped as a
  # group; in a non-interactive shell the background child is no group leader, so setsid execs
  # in place and $! is samba's own PID (ip netns exec also execs).
  setsid ip netns exec "$nsname" samba -F -M single --debug-stdout -s "$dir/etc/smb.conf" \
    --maximum-runtime="$runtime" </dev/null >"$dir/samba.log" 2>&1 &
  SAMBA_PID=$!
  echo "$SAMBA_PID" >"$dir/samba.pid"
}

# wait until 88 and 389 answer on IP (reached via a route into namespace NSNAME); bounded
wait_dc() {
  local dir=$1 ip=$2 nsname=$3 t0 deadline port
  t0=$(date +%s); deadline=$(( t0 + START_TIMEOUT ))
  for port in 88 389; do
    while ! ip netns exec "$nsname" timeout 1 bash -c "exec 3<>/dev/tcp/$ip/$port" 2>/dev/null; do
      pid_alive "$SAMBA_PID" || { tail -n 30 "$dir/samba.log" >&2; die "samba (PID $SAMBA_PID) exited during start; log: $dir/samba.log"; }
      if [ "$(date +%s)" -ge "$deadline" ]; then
        tail -n 30 "$dir/samba.log" >&2
        die "timeout: port $port on $ip did not answer within ${START_TIMEOUT}s (log: $dir/samba.log)"
      fi
      sleep 0.2
    done
  done
}

# processes left from our samba: everything in the lab's network namespace NSNAME (samba,
# its smbd/winbindd, which tfork puts in sessions of their own, samba_dnsupdate, ...), plus members
# of samba's process group whose stdout is DIR/samba.log. Zombies are skipped.
leftovers() {
  local pgid=$1 dir=$2 nsname=$3 p
  {
    ns_exists "$nsname" && ip netns pids "$nsname" 2>/dev/null
    for p in $(pgrep -g "$pgid" 2>/dev/null); do
      [ "$(readlink "/proc/$p/fd/1" 2>/dev/null)" = "$dir/samba.log" ] && printf '%s\n' "$p"
    done
  } | sort -un | while read -r p; do [ -e "/proc/$p/exe" ] && printf '%s\n' "$p"; done
  return 0
}

# SIGTERM samba's PID, wait (bounded), then SIGKILL; then whatever it left in the namespace
# (its helpers normally exit with it). Works when samba already died.
stop_samba() {
  local dir=$1 nsname=$2 pid i left
  [ -f "$dir/samba.pid" ] || return 0
  pid=$(cat "$dir/samba.pid")
  if pid_is_ours "$pid" "$dir"; then
    kill -TERM "$pid" 2>/dev/null || true
    for (( i = 0; i < STOP_TIMEOUT * 5; i++ )); do
      pid_alive "$pid" || break
      sleep 0.2
    done
    if pid_alive "$pid"; then
      log "samba PID $pid still running after ${STOP_TIMEOUT}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  else
    log "samba PID $pid from $dir/samba.pid is not running (or not ours)"
  fi
  for (( i = 0; i < STOP_TIMEOUT * 5; i++ )); do
    left=$(leftovers "$pid" "$dir" "$nsname")
    [ -z "$left" ] && break
    # give helpers 2 s to follow their parent, then ask them by PID
    [ "$i" -eq 10 ] && { log "stopping leftover processes of the lab: $(echo $left)"; kill -TERM $left 2>/dev/null || true; }
    sleep 0.2
  done
  left=$(leftovers "$pid" "$dir" "$nsname")
  if [ -n "$left" ]; then
    log "lab processes still running after ${STOP_TIMEOUT}s; sending SIGKILL to $(echo $left)"
    kill -KILL $left 2>/dev/null || true
  fi
  rm -f "$dir/samba.pid"
}

# the golden image is rebuilt when any of these change: the version, samba's version, the
# domain parameters, the admin password, or the code of provision() and seed() themselves
golden_stamp() {
  printf 'ssod-lab %s\nsamba %s\nrealm %s domain %s host %s ip %s\nadminpass-sha256 %s\ncode-sha256 %s\n' \
    "$LAB_VERSION" "$(samba --version)" "$REALM" "$DOMAIN" "$DCNAME" "$DC_IP" \
    "$(printf '%s' "$ADMINPASS" | sha256sum | cut -c1-64)" \
    "$(declare -f provision seed svc_hosts svc_seed_spec svc_golden_keys | sha256sum | cut -c1-64)"
}

# ---------------------------------------------------------------------------------------------
# golden image: provision + seed (DC running in a private namespace without host link)
# ---------------------------------------------------------------------------------------------
provision() {
  local t=$1 t0
  t0=$(now)
  mkdir -p "$t"
  for d in pid ncalrpc winbindd log; do mkdir -p "$t/$d"; done
  mkdir -p "$t/ntp_signd"; chmod 0750 "$t/ntp_signd"   # 0755 kills the DC at start
  samba-tool domain provision --targetdir="$t" --use-rfc2307 --server-role=dc \
    --dns-backend=SAMBA_INTERNAL --realm="$REALM" --domain="$DOMAIN" --adminpass="$ADMINPASS" \
    --host-name="$DCNAME" --host-ip="$DC_IP" \
    --option="interfaces=$DC_IP" --option="bind interfaces only=yes" \
    --option="pid directory=$t/pid" --option="ncalrpc dir=$t/ncalrpc" \
    --option="winbindd socket directory=$t/winbindd" \
    --option="ntp signd socket directory=$t/ntp_signd" \
    --option="log file=$t/log/%m.log" >"$t/provision.log" 2>&1 \
    || { tail -n 30 "$t/provision.log" >&2; die "provisioning failed (log: $t/provision.log)"; }
  # provisioning copies the host's resolver as forwarder: delete it so nothing leaks off-machine
  sed -i '/^[[:space:]]*dns forwarder[[:space:]]*=/d' "$t/etc/smb.conf"
  grep -qi 'dns forwarder' "$t/etc/smb.conf" && die "could not delete the dns forwarder line"
  samba-tool domain passwordsettings set --max-pwd-age=0 -s "$t/etc/smb.conf" >>"$t/provision.log" 2>&1
  log "provisioned $REALM in $(elapsed "$t0") s"
}

seed() {
  local t=$1 nsname=$2 t0 rc=0
  t0=$(now)
  CLEANUP_SEED_DIR=$t CLEANUP_SEED_NS=$nsname
  ip netns add "$nsname"
  ip -n "$nsname" link set lo up
  ip -n "$nsname" addr add "$DC_IP/32" dev lo
  mkdir -p "/etc/netns/$nsname"
  printf 'nameserver %s\n' "$DC_IP" >"/etc/netns/$nsname/resolv.conf"
  printf '127.0.0.1 localhost\n%s %s.%s %s\n' "$DC_IP" "$DCNAME" "$DNSDOMAIN" "$DCNAME" >"/etc/netns/$nsname/hosts"
  start_samba "$t" "$nsname" 900
  wait_dc "$t" "$DC_IP" "$nsname"
  log "seed DC up after $(elapsed "$t0") s"
  svc_golden_keys "$t/services-keys"
  ip netns exec "$nsname" "$PY" - "$t" "$DC_IP" "$ADMINPASS" "$USERPASS" \
    "$(svc_seed_spec "$t/private/sso_http.keytab")" <<'PYEOF' || rc=$?
import json, subprocess, sys
T, DC_IP, ADMINPASS, USERPASS, SERVICES = sys.argv[1:6]
CONF = T + "/etc/smb.conf"
PART = T + "/private/sam.ldb.d/DC=LAB,DC=TEST.ldb"
SAM = T + "/private/sam.ldb"
BASE = "DC=LAB,DC=TEST"
DNSDOM = "lab.test"

def run(*args, ok=(0,), quiet=False):
    p = subprocess.run(list(args), capture_output=True, text=True)
    if p.returncode not in ok:
        sys.stderr.write("seed: FAILED %s\n%s%s" % (" ".join(args), p.stdout, p.stderr))
        sys.exit(1)
    return p

def tool(*args, **kw):
    return run("samba-tool", *args, "-s", CONF, **kw)

def dns(*args):
    return tool("dns", *args, "-U", "Administrator", "--password=" + ADMINPASS)

def ldbmodify(url, ldif):
    p = subprocess.run(["ldbmodify", "-H", url], input=ldif, capture_output=True, text=True)
    if p.returncode != 0:
        sys.stderr.write("seed: ldbmodify failed\n%s%s%s" % (ldif, p.stdout, p.stderr)); sys.exit(1)

def spns_of(sam):
    p = run("ldbsearch", "-H", SAM, "(sAMAccountName=%s)" % sam, "servicePrincipalName")
    return [l.split(": ", 1)[1] for l in p.stdout.splitlines() if l.startswith("servicePrincipalName: ")]

def dn_of(sam):
    p = run("ldbsearch", "-H", SAM, "(sAMAccountName=%s)" % sam, "dn")
    for l in p.stdout.splitlines():
        if l.startswith("dn: "):
            return l[4:]
    sys.stderr.write("seed: no DN for %s\n" % sam); sys.exit(1)

result = {"computer_create_default_spns": {}}

# users
for u in ["svc_web", "svc_sql", "svc_portal", "svc_portal_old", "svc_legacy", "admin_alice"]:
    tool("user", "create", u, USERPASS)
# computers (keys via --prepare-oldjoin; their password is the lower-case name)
for c in ["WEB01", "WEB02", "RDSH01"]:
    tool("computer", "create", c, "--prepare-oldjoin")
    sam = c + "$"
    have = spns_of(sam)
    result["computer_create_default_spns"][sam] = have
    fqdn = "%s.%s" % (c.lower(), DNSDOM)
    ldbmodify(SAM, "dn: %s\nchangetype: modify\nreplace: dNSHostName\ndNSHostName: %s\n" % (dn_of(sam), fqdn))
    for spn in ["HOST/%s" % c, "HOST/%s" % fqdn, "RestrictedKrbHost/%s" % c, "RestrictedKrbHost/%s" % fqdn]:
        if spn.lower() not in [s.lower() for s in have]:
            tool("spn", "add", spn, sam)
# plain SPNs
tool("spn", "add", "HTTP/web.lab.test", "svc_web")
tool("spn", "add", "HTTP/web", "svc_web")
tool("spn", "add", "MSSQLSvc/sql01.lab.test:1433", "svc_sql")
tool("spn", "add", "HTTP/portal.lab.test", "svc_portal")
tool("spn", "add", "HTTP/app.lab.test", "svc_sql")          # wrong holder for the CNAME alias
# forced duplicates: samba refuses them through its tools and LDAP; write the partition file
ldbmodify(PART, "dn: %s\nchangetype: modify\nadd: servicePrincipalName\nservicePrincipalName: HTTP/portal.lab.test\n" % dn_of("svc_portal_old"))
ldbmodify(PART, "dn: %s\nchangetype: modify\nadd: servicePrincipalName\nservicePrincipalName: HOST/web02.lab.test\n" % dn_of("svc_web"))
# delegation
tool("delegation", "for-any-service", "svc_legacy", "on")
tool("delegation", "add-service", "svc_web", "MSSQLSvc/sql01.lab.test:1433")
tool("delegation", "add-service", "svc_web", "HTTP/gone.lab.test")
tool("delegation", "for-any-protocol", "svc_web", "on")
# sensitive account (+ Protected Users when the group exists)
tool("user", "sensitive", "admin_alice", "on")
pu = tool("group", "show", "Protected Users", ok=(0, 255, 1))
result["protected_users_group_exists"] = pu.returncode == 0
result["admin_alice_in_protected_users"] = False
if pu.returncode == 0:
    tool("group", "addmembers", "Protected Users", "admin_alice")
    result["admin_alice_in_protected_users"] = True
# DNS
for name in ["web01", "web02", "rdsh01", "sql01", "portal", "intranet"]:
    dns("add", DC_IP, DNSDOM, name, "A", DC_IP)
dns("add", DC_IP, DNSDOM, "app", "CNAME", "web01.lab.test")

# lab services (scripts/lab-services.sh svc_seed_spec): accounts, SPNs, keytabs, DNS names
svc = json.loads(SERVICES)
for acct in svc["accounts"]:
    tool("user", "create", acct["sam"], USERPASS)
    for spn in acct["spns"]:
        tool("spn", "add", spn, acct["sam"])
    for spn in acct["keytab_principals"]:
        tool("domain", "exportkeytab", acct["keytab"], "--principal=" + spn)
for name, ip in svc["a"].items():
    dns("add", DC_IP, DNSDOM, name, "A", ip)
for name, target in svc["cname"].items():
    dns("add", DC_IP, DNSDOM, name, "CNAME", target)

json.dump(result, open(T + "/seed-result.json", "w"), indent=2)
PYEOF
  stop_samba "$t" "$nsname"
  ip netns del "$nsname" 2>/dev/null || true
  rm -rf "/etc/netns/$nsname"
  [ "$rc" -eq 0 ] || die "seeding failed (samba log: $t/samba.log)"
  rm -f "$t/samba.log"
  CLEANUP_SEED_NS=""
  log "seeded in $(elapsed "$t0") s"
}

ensure_golden() {
  local stamp tmp t0 lockfd
  stamp=$(golden_stamp)
  exec {lockfd}>"$CACHE.lock"
  flock -w 600 "$lockfd" || die "timeout: another provisioning holds $CACHE.lock for 600 s"
  if [ -f "$CACHE/ssod-lab.stamp" ] && [ "$(cat "$CACHE/ssod-lab.stamp")" = "$stamp" ]; then
    exec {lockfd}>&-
    return 0
  fi
  [ -e "$CACHE" ] && log "golden image $CACHE is stale or incomplete: re-provisioning"
  t0=$(now)
  tmp="$CACHE.tmp.$$"
  rm -rf "$tmp"
  CLEANUP_SEED_DIR=$tmp
  provision "$tmp"
  seed "$tmp" "ssodlab-seed-$$"
  # the golden image stays at its provisioning path in smb.conf; copies rewrite it
  printf '%s\n' "$tmp" >"$tmp/ssod-lab.path"
  printf '%s\n' "$stamp" >"$tmp/ssod-lab.stamp"
  rm -rf "$CACHE"
  mv "$tmp" "$CACHE"
  CLEANUP_SEED_DIR=""
  log "golden image ready in $CACHE after $(elapsed "$t0") s"
  exec {lockfd}>&-
}

# ---------------------------------------------------------------------------------------------
# manifest and client config
# ---------------------------------------------------------------------------------------------
write_krb5_conf() {
  cat >"$STATE/krb5.conf" <<EOF
[libdefaults]
    default_realm = $REALM
    dns_lookup_kdc = false
    dns_lookup_realm = false
    rdns = false
    dns_canonicalize_hostname = false
    forwardable = true

[realms]
    $REALM = {
        kdc = $DC_IP
        admin_server = $DC_IP
        kpasswd_server = $DC_IP
    }

[domain_realm]
    .$DNSDOMAIN = $REALM
    $DNSDOMAIN = $REALM
EOF
}

write_manifest() {
  "$PY" - "$STATE" "$NS" "$STATE/seed-result.json" "$REALM" "$DOMAIN" "$DNSDOMAIN" "$BASEDN" \
    "$DC_IP" "$HOST_IP" "$DCNAME" "$ADMINPASS" "$USERPASS" >"$STATE/lab.json" <<'PYEOF'
import json, sys
(state, ns, seedres, realm, domain, dnsdom, basedn, dc_ip, host_ip, dcname, adminpass,
 userpass) = sys.argv[1:13]
res = json.load(open(seedres))
def user(sam, spns=(), **kw):
    d = {"sAMAccountName": sam, "kind": "user", "password": userpass, "spns": list(spns),
         "delegation": {"unconstrained": False, "constrained_to": [], "protocol_transition": False},
         "sensitive": False, "protected_users": False}
    d.update(kw); return d
def computer(name):
    fq = "%s.%s" % (name.lower(), dnsdom)
    return {"sAMAccountName": name + "$", "kind": "computer", "password": name.lower(),
            "password_note": "--prepare-oldjoin sets the lower-case computer name",
            "dNSHostName": fq,
            "spns": ["HOST/%s" % name, "HOST/%s" % fq, "RestrictedKrbHost/%s" % name,
                     "RestrictedKrbHost/%s" % fq],
            "spns_added_by_computer_create": res["computer_create_default_spns"].get(name + "$", []),
            "delegation": {"unconstrained": False, "constrained_to": [], "protocol_transition": False},
            "sensitive": False, "protected_users": False}
accounts = [
    user("svc_web", ["HTTP/web.lab.test", "HTTP/web", "HOST/web02.lab.test"],
         delegation={"unconstrained": False,
                     "constrained_to": ["MSSQLSvc/sql01.lab.test:1433", "HTTP/gone.lab.test"],
                     "constrained_to_missing": ["HTTP/gone.lab.test"],
                     "protocol_transition": True}),
    user("svc_sql", ["MSSQLSvc/sql01.lab.test:1433", "HTTP/app.lab.test"]),
    user("svc_portal", ["HTTP/portal.lab.test"]),
    user("svc_portal_old", ["HTTP/portal.lab.test"]),
    user("svc_legacy", [], delegation={"unconstrained": True, "constrained_to": [],
                                       "protocol_transition": False}),
    user("admin_alice", [], sensitive=True,
         protected_users=res["admin_alice_in_protected_users"]),
    computer("WEB01"), computer("WEB02"), computer("RDSH01"),
]
a_records = {n + "." + dnsdom: dc_ip for n in ["web01", "web02", "rdsh01", "sql01", "portal", "intranet"]}
a_records[dcname + "." + dnsdom] = dc_ip
m = {
    "version": 1,
    "realm": realm, "domain": domain, "dns_domain": dnsdom, "base_dn": basedn,
    "dc": {"ip": dc_ip, "hostname": "%s.%s" % (dcname, dnsdom), "netbios": dcname.upper(),
           "namespace": ns, "host_side_ip": host_ip},
    "admin": {"sAMAccountName": "Administrator", "password": adminpass},
    "state_dir": state,
    "ca_file": state + "/private/tls/ca.pem",
    "krb5_conf": state + "/krb5.conf",
    "accounts": accounts,
    "duplicate_spns": [
        {"spn": "HTTP/portal.lab.test", "holders": ["svc_portal", "svc_portal_old"]},
        {"spn": "HOST/web02.lab.test", "holders": ["WEB02$", "svc_web"]},
    ],
    "missing_spns": [
        {"spn": "HTTP/intranet.lab.test", "dns_name": "intranet.lab.test", "a": dc_ip,
         "expected_kdc_error": "KDC_ERR_S_PRINCIPAL_UNKNOWN"},
    ],
    "dns": {"a": a_records, "cname": {"app." + dnsdom: "web01." + dnsdom}},
    "cname_spn_mismatch": [
        {"alias": "app.lab.test", "target": "web01.lab.test",
         "alias_spn": "HTTP/app.lab.test", "alias_spn_holder": "svc_sql",
         "client_requests_spn": "HTTP/web01.lab.test",
         "client_requests_spn_explicit_holders": [],
         "note": "clients that follow the CNAME ask for HTTP/web01.lab.test, not HTTP/app.lab.test; "
                 "HTTP/app.lab.test is held by svc_sql (wrong account). No account holds "
                 "HTTP/web01.lab.test explicitly (WEB01$ holds HOST/web01.lab.test)."},
    ],
    "delegation": {
        "unconstrained": ["svc_legacy"],
        "constrained": {"svc_web": {"targets": ["MSSQLSvc/sql01.lab.test:1433", "HTTP/gone.lab.test"],
                                    "missing_targets": ["HTTP/gone.lab.test"],
                                    "protocol_transition": True}},
    },
    "sensitive": ["admin_alice"],
    "protected_users": {"group_exists": res["protected_users_group_exists"],
                        "members_seeded": ["admin_alice"] if res["admin_alice_in_protected_users"] else []},
}
json.dump(m, sys.stdout, indent=2)
sys.stdout.write("\n")
PYEOF
}

# ---------------------------------------------------------------------------------------------
# commands
# ---------------------------------------------------------------------------------------------
cmd_up() {
  local t0 t1 old
  need_root
  check_packages
  veth_names
  t0=$(now)
  if [ -f "$STATE/samba.pid" ] && pid_is_ours "$(cat "$STATE/samba.pid")" "$STATE"; then
    log "already up (PID $(cat "$STATE/samba.pid"), namespace $NS)"; return 0
  fi
  ns_exists "$NS" && die "namespace $NS already exists; run: $0 down --ns $NS --state $STATE"
  [ -e "$STATE" ] && die "state dir $STATE already exists; run: $0 down --state $STATE --ns $NS"
  if [ "$ISOLATED" -eq 0 ] && ip -o addr show 2>/dev/null | grep -q " $HOST_IP/"; then
    die "$HOST_IP is already assigned on the host (another lab up?); only one lab at a time (or use --isolated)"
  fi
  local image=$CACHE
  if [ -n "$IMAGE" ]; then
    image=$IMAGE
    [ -f "$image/ssod-lab.path" ] && [ -f "$image/etc/smb.conf" ] || die "$image is not a lab image (no ssod-lab.path)"
  else
    ensure_golden
  fi
  t1=$(now)
  old=$(cat "$image/ssod-lab.path")
  mkdir -p "$(dirname "$STATE")"
  CLEANUP_UP=1
  cp -a "$image" "$STATE"
  rm -f "$STATE/ssod-lab.stamp" "$STATE/ssod-lab.path"
  sed -i "s|$old|$STATE|g" "$STATE/etc/smb.conf"
  grep -qF "$old" "$STATE/etc/smb.conf" && die "could not rewrite $old in $STATE/etc/smb.conf"
  # network: namespace + veth pair, resolver = the DC
  ip netns add "$NS"
  ip -n "$NS" link set lo up
  if [ "$ISOLATED" -eq 1 ]; then
    ip -n "$NS" addr add "$DC_IP/32" dev lo
    touch "$STATE/isolated"
  else
    ip link add "$VETH_HOST" type veth peer name "$VETH_DC"
    ip link set "$VETH_DC" netns "$NS"
    ip addr add "$HOST_IP/30" dev "$VETH_HOST"
    ip link set "$VETH_HOST" up
    ip -n "$NS" addr add "$DC_IP/30" dev "$VETH_DC"
    ip -n "$NS" link set "$VETH_DC" up
  fi
  mkdir -p "/etc/netns/$NS"
  printf 'nameserver %s\n' "$DC_IP" >"/etc/netns/$NS/resolv.conf"
  printf '127.0.0.1 localhost\n%s %s.%s %s\n' "$DC_IP" "$DCNAME" "$DNSDOMAIN" "$DCNAME" >"/etc/netns/$NS/hosts"
  write_krb5_conf
  write_manifest
  start_samba "$STATE" "$NS" "$MAX_RUNTIME"
  wait_dc "$STATE" "$DC_IP" "$NS"
  # and from the host side of the veth
  if [ "$ISOLATED" -eq 0 ]; then
    wait_port "$DC_IP" 389 $(( $(date +%s) + 10 )) || die "timeout: $DC_IP:389 not reachable from the host side"
  fi
  local t2; t2=$(now)
  if [ "$SERVICES" != 0 ] && [ -n "$IMAGE" ] && [ ! -f "$STATE/private/sso_http.keytab" ]; then
    log "image $IMAGE predates the lab services: starting without them"
  elif [ "$SERVICES" != 0 ]; then
    svc_start
    log "services started in $(elapsed "$t2") s"
  fi
  CLEANUP_UP=0
  log "up in $(elapsed "$t0") s (copy+start $(elapsed "$t1") s): DC $DC_IP PID $SAMBA_PID namespace $NS"
  log "manifest $STATE/lab.json; try: $0 exec kinit Administrator   (password in the manifest)"
}

cmd_down() {
  need_root
  veth_names
  local did=0
  # the services first (by PID); without their dir, still the silent address's namespace if left
  if [ -d "$STATE/services" ]; then svc_stop; did=1; else svc_net_down; fi
  if [ -f "$STATE/samba.pid" ]; then stop_samba "$STATE" "$NS"; did=1; fi
  if ns_exists "$NS"; then ip netns del "$NS"; did=1; fi
  # the host end disappears with its peer; delete it if it survived
  if ip link show "$VETH_HOST" >/dev/null 2>&1; then ip link del "$VETH_HOST" 2>/dev/null || true; did=1; fi
  if [ -d "/etc/netns/$NS" ]; then rm -rf "/etc/netns/$NS"; did=1; fi
  if [ -e "$STATE" ]; then
    [ -f "$STATE/etc/smb.conf" ] || [ -f "$STATE/lab.json" ] || [ -z "$(ls -A "$STATE")" ] \
      || die "$STATE does not look like a lab state dir; not removing it"
    rm -rf "$STATE"; did=1
  fi
  if [ "$did" -eq 0 ]; then log "nothing to do: lab $NS ($STATE) is not up"; else log "down: $NS, $STATE removed"; fi
}

cmd_status() {
  veth_names
  local pid=""
  [ -f "$STATE/samba.pid" ] && pid=$(cat "$STATE/samba.pid")
  if [ -n "$pid" ] && pid_is_ours "$pid" "$STATE"; then
    echo "lab: UP"
    echo "  realm      $REALM (domain $DOMAIN), DC $DCNAME.$DNSDOMAIN at $DC_IP"
    echo "  samba PID  $pid (log $STATE/samba.log)"
    if [ -f "$STATE/isolated" ]; then
      echo "  namespace  $NS (isolated: no link to the host; use exec)"
    else
      echo "  namespace  $NS (host side $HOST_IP on $VETH_HOST)"
    fi
    echo "  manifest   $STATE/lab.json"
    [ -d "$STATE/services" ] && { svc_status || true; }
    echo "  connect:   eval \"\$($0 env)\"; $0 exec kinit Administrator"
    echo "             $0 exec ldapsearch -Y GSSAPI -H ldap://$DCNAME.$DNSDOMAIN -b $BASEDN '(servicePrincipalName=*)' servicePrincipalName"
  else
    echo "lab: DOWN (state $STATE, namespace $NS$(ns_exists "$NS" && echo ' exists!'))"
    return 3
  fi
}

cmd_env() {
  cat <<EOF
export KRB5_CONFIG=$STATE/krb5.conf
export KRB5CCNAME=FILE:$STATE/krb5cc
export SSOD_LAB_NS=$NS
export SSOD_LAB_DC=$DC_IP
export SSOD_LAB_REALM=$REALM
export SSOD_LAB_MANIFEST=$STATE/lab.json
export LDAPTLS_CACERT=$STATE/private/tls/ca.pem
export LDAPSASL_NOCANON=on
EOF
}

# the lab's own ticket cache (DIR/krb5cc), never the caller's KRB5CCNAME; SSOD_LAB_CCNAME overrides
cmd_exec() {
  need_root
  [ "$#" -gt 0 ] || die "exec needs a command"
  ns_exists "$NS" || die "namespace $NS does not exist; run: $0 up"
  exec ip netns exec "$NS" env KRB5_CONFIG="$STATE/krb5.conf" \
    KRB5CCNAME="${SSOD_LAB_CCNAME:-FILE:$STATE/krb5cc}" LDAPTLS_CACERT="$STATE/private/tls/ca.pem" \
    LDAPSASL_NOCANON=on SSOD_LAB_NS="$NS" SSOD_LAB_DC="$DC_IP" SSOD_LAB_REALM="$REALM" \
    SSOD_LAB_MANIFEST="$STATE/lab.json" "$@"
}

main() {
  [ "$#" -ge 1 ] || { usage; exit 1; }
  local cmd=$1; shift
  while [ "$#" -gt 0 ]; do
    case "$1" in
      --state) STATE=${2:?--state needs a dir}; shift 2 ;;
      --ns) NS=${2:?--ns needs a name}; shift 2 ;;
      --isolated) ISOLATED=1; shift ;;
      --image) IMAGE=${2:?--image needs a dir}; shift 2 ;;
      --no-services) SERVICES=0; shift ;;
      --services) SERVICES=1; shift ;;
      --) shift; break ;;
      *) break ;;
    esac
  done
  case "$STATE" in /*) ;; *) STATE="$PWD/$STATE" ;; esac
  STATE=${STATE%/}
  case "$cmd" in
    up) cmd_up ;;
    golden) need_root; check_packages; ensure_golden; printf '%s\n' "$CACHE" ;;
    down) cmd_down ;;
    status) cmd_status ;;
    env) cmd_env ;;
    exec) cmd_exec "$@" ;;
    -h|--help|help) usage ;;
    *) usage; exit 1 ;;
  esac
}

main "$@"
