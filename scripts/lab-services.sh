#!/usr/bin/env bash
# Lab services: real servers for SSO Doctor's probes, inside the lab's network namespace
# (scripts/lab.sh), each on its own /32 address on the namespace's lo.
#
#   scripts/lab-services.sh start  --state DIR --ns NAME   start them (the lab's DC must be up)
#   scripts/lab-services.sh stop   --state DIR --ns NAME   stop them by PID, remove addresses
#   scripts/lab-services.sh status --state DIR --ns NAME
#
# lab.sh sources this file: `up` calls svc_start after the DC (SSOD_LAB_SERVICES=0 skips it),
# `down` calls svc_stop first; seed() adds the DNS records and accounts of svc_seed_spec to the
# golden image and svc_golden_keys makes the PKI keys there (RSA key generation is the slow part).
#
# Servers (names in the DC's DNS; every fact also goes into DIR/lab.json under "services"):
#   sso.lab.test / nosso.lab.test / ssoalias.lab.test (CNAME)   Apache + mod_auth_gssapi, :80 :443
#       :5985 (/wsman); /secure needs Kerberos; only HTTP/sso.lab.test is registered
#   pki.lab.test        python http.server: the lab CA's CRL and certificate (CDP/AIA of the certs)
#   tls-ok, tls-wrongname, tls-expired, tls-selfsigned, tls-expiring, tls-slowcrl   openssl s_server :443
#   pki-slow.lab.test   a silently dropping address (TESTBED "Silent addresses"): tls-slowcrl's CDP/AIA/OCSP
#   rdp-nla (freerdp-shadow-cli, NLA required), rdp-tls (xrdp tls), rdp-neg (xrdp negotiate)   :3389
# Everything is started from configs in DIR/services, PIDs in DIR/services/*.pid.

SVC_DNSDOMAIN=lab.test
SVC_SILENT_NET=10.77.6.0/24
SVC_SILENT_IP=10.77.6.6
SVC_START_TIMEOUT=${SSOD_LAB_SVC_START_TIMEOUT:-20}
SVC_STOP_TIMEOUT=${SSOD_LAB_SVC_STOP_TIMEOUT:-10}
SVC_RDP_USER=rdpuser
SVC_RDP_PASS='Lab-Rdp-Pass1!'
SVC_PY=/usr/bin/python3
SVC_PACKAGES=(apache2 libapache2-mod-auth-gssapi openssl faketime xrdp freerdp2-shadow-x11 winpr-utils
              xvfb x11-utils curl python3 util-linux iproute2)

# name -> address of every service name (A records in the DC's DNS); also the addresses on lo
svc_hosts() {
  cat <<'EOF'
sso 10.77.0.10
nosso 10.77.0.10
pki 10.77.0.11
tls-ok 10.77.0.12
tls-wrongname 10.77.0.13
tls-expired 10.77.0.14
tls-selfsigned 10.77.0.15
tls-expiring 10.77.0.16
tls-slowcrl 10.77.0.17
rdp-nla 10.77.0.20
rdp-tls 10.77.0.21
rdp-neg 10.77.0.22
pki-slow 10.77.6.6
EOF
}

# what seed() puts into the golden image for the services (JSON for its python); KEYTAB is the
# path of the web server's keytab inside the image
svc_seed_spec() {
  local keytab=$1
  svc_hosts | "$SVC_PY" -c '
import json, sys
a = dict(l.split() for l in sys.stdin if l.strip())
print(json.dumps({
  "a": a,
  "cname": {"ssoalias": "sso.lab.test"},
  "accounts": [{"sam": "sso_http", "spns": ["HTTP/sso.lab.test", "HTTP/sso"],
                "keytab": sys.argv[1], "keytab_principals": ["HTTP/sso.lab.test", "HTTP/sso"]}],
}))' "$keytab"
}

# the PKI's RSA keys (the CA's and one per server), made once in the golden image
SVC_KEYS=(ca web tls-ok tls-wrongname tls-expired tls-selfsigned tls-expiring tls-slowcrl rdp-nla rdp-tls rdp-neg)
svc_golden_keys() {
  local dir=$1 k
  mkdir -p "$dir"; chmod 0700 "$dir"
  for k in "${SVC_KEYS[@]}"; do
    [ -s "$dir/$k.key" ] || openssl genrsa -out "$dir/$k.key" 2048 2>/dev/null
  done
}

svc_log() { printf 'lab-services: %s\n' "$*" >&2; }
svc_die() { printf 'lab-services: error: %s\n' "$*" >&2; exit 1; }
svc_now() { date +%s.%N; }
svc_elapsed() { awk -v a="$1" -v b="$(svc_now)" 'BEGIN{printf "%.1f", b-a}'; }
svc_ns_exists() { ip netns list 2>/dev/null | awk '{print $1}' | grep -qx -- "$1"; }
# SVC_IP[name] = address; no process per look-up (each spawn costs ~50 ms on a busy machine)
declare -A SVC_IP=()
svc_load_hosts() { local n a; while read -r n a; do SVC_IP[$n]=$a; done < <(svc_hosts); }
svc_load_hosts

# the silent address: a veth from the lab namespace into an otherwise empty one
svc_blk_names() {
  local h; h=$(printf '%s' "$NS" | md5sum | cut -c1-8)
  SVC_BLK_NS="ssodblk-$h" SVC_BLK_A="sba$h" SVC_BLK_B="sbb$h"
}

# ---------------------------------------------------------------------------------------------
# processes: started with setsid + ip netns exec (both exec in place, so $! is the server's PID),
# stdout/stderr to SD/NAME.log; NAME.pid and NAME.exe record PID and binary
# ---------------------------------------------------------------------------------------------
svc_alive() {
  [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null || return 1
  [ "$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null)" != Z ]
}

# svc_spawn NAME EXE CMD...: CMD runs inside the namespace and ends up exec'ing EXE
svc_spawn() {
  local name=$1 exe=$2; shift 2
  readlink -f "$exe" >"$SD/$name.exe"
  setsid ip netns exec "$NS" "$@" </dev/null >"$SD/$name.log" 2>&1 &
  echo "$!" >"$SD/$name.pid"
}

svc_fail() {
  local name=$1 msg=$2 f
  for f in "$SD/$name.log" "${@:3}"; do
    [ -s "$f" ] && { printf -- '--- tail of %s\n' "$f" >&2; tail -n 20 "$f" >&2; }
  done
  svc_die "$name: $msg"
}

# bounded wait, all at once in one process, until each NAME:IP:PORT accepts TCP inside the
# namespace while NAME's PID lives; a failure names the server and shows its log tails
# (SD/NAME.log plus the files listed in SD/NAME.logs)
svc_wait_all() {
  local out rc=0 name why f
  out=$(ip netns exec "$NS" "$SVC_PY" - "$SD" "$SVC_START_TIMEOUT" "$@" <<'PYEOF'
import os, socket, sys, time
sd, limit, todo = sys.argv[1], float(sys.argv[2]), [a.split(":") for a in sys.argv[3:]]
deadline = time.monotonic() + limit
def alive(pid):
    try:
        return open("/proc/%s/status" % pid).read().split("State:")[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False
while todo:
    for t in list(todo):
        name, ip, port = t
        try:
            socket.create_connection((ip, int(port)), timeout=1).close()
            todo.remove(t)
            continue
        except OSError:
            pass
        pid = open(os.path.join(sd, name + ".pid")).read().strip()
        if not alive(pid):
            print(name, "exited during start (PID %s)" % pid); sys.exit(1)
    if todo and time.monotonic() > deadline:
        name, ip, port = todo[0]
        print(name, "timeout: %s:%s did not answer within %ss" % (ip, port, sys.argv[2])); sys.exit(1)
    if todo:
        time.sleep(0.05)
PYEOF
) || rc=$?
  [ "$rc" -eq 0 ] && return 0
  name=${out%% *} why=${out#* }
  [ -n "$name" ] || { name="wait"; why="readiness check failed (rc $rc)"; }
  local extra=()
  [ -f "$SD/$name.logs" ] && while read -r f; do extra+=("$f"); done <"$SD/$name.logs"
  svc_fail "$name" "$why" "${extra[@]}"
}

# svc_procs stop|status NAME...: in one process (forks cost ~150 ms each on a loaded machine).
# A PID counts as ours when it runs the binary in SD/NAME.exe and has SD/NAME.log as stdout or SD on
# its command line (PID-reuse guard). stop: TERM all of ours at once, wait (bounded), KILL the rest.
svc_procs() {
  "$SVC_PY" - "$SD" "$SVC_STOP_TIMEOUT" "$@" <<'PYEOF'
import os, signal, sys, time
sd, limit, mode, names = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4:]
def read(path):
    try:
        return open(path).read().strip()
    except OSError:
        return ""
def alive(pid):
    st = read("/proc/%d/status" % pid)
    return bool(st) and st.split("State:")[1].split()[0] != "Z"
def ours(name, pid):
    try:
        if not alive(pid) or os.readlink("/proc/%d/exe" % pid) != read(os.path.join(sd, name + ".exe")):
            return False
        if os.readlink("/proc/%d/fd/1" % pid) == os.path.join(sd, name + ".log"):
            return True
        return (sd + "/").encode() in open("/proc/%d/cmdline" % pid, "rb").read()
    except OSError:
        return False
pids, rc = {}, 0
for n in names:
    p = read(os.path.join(sd, n + ".pid"))
    if mode == "status":
        ok = p.isdigit() and ours(n, int(p))
        print("  %-15s %s" % (n, "PID " + p if ok else "NOT RUNNING"))
        rc = rc if ok else 3
    elif p.isdigit():
        if ours(n, int(p)):
            os.kill(int(p), signal.SIGTERM)
            pids[n] = int(p)
        os.unlink(os.path.join(sd, n + ".pid"))
deadline = time.monotonic() + limit
while pids and time.monotonic() < deadline:
    pids = {n: p for n, p in pids.items() if alive(p)}
    time.sleep(0.05)
for n, p in pids.items():
    sys.stderr.write("lab-services: %s (PID %d) still running after %ss; SIGKILL\n" % (n, p, limit))
    os.kill(p, signal.SIGKILL)
sys.exit(rc)
PYEOF
}

# ---------------------------------------------------------------------------------------------
# PKI: the lab CA (key from the golden image, else made here) issues every server certificate.
# One `openssl req -x509 -CA` per certificate, all in parallel; faketime backdates notBefore.
# ---------------------------------------------------------------------------------------------
svc_pki_init() {
  local p=$SD/pki
  mkdir -p "$p/www"; chmod 0700 "$p"
  if [ -d "$STATE/services-keys" ]; then cp -a "$STATE/services-keys/." "$p/"; fi
  svc_golden_keys "$p"
  : >"$p/index.txt"; echo 1000 >"$p/crlnumber"
  cat >"$p/ca.cnf" <<EOC
[ca]
default_ca = labca
[labca]
database = $p/index.txt
crlnumber = $p/crlnumber
certificate = $p/ca.pem
private_key = $p/ca.key
default_md = sha256
default_crl_days = 30
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[v3_ca]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
EOC
  openssl req -new -x509 -config "$p/ca.cnf" -extensions v3_ca -key "$p/ca.key" \
    -subj "/O=SSO Doctor Lab/CN=SSO Doctor Lab CA" -days 3650 -set_serial 1 -out "$p/ca.pem" 2>>"$SD/pki.log" \
    || svc_fail pki "could not make the CA certificate"
  cp "$p/ca.pem" "$SD/ca.pem"
}

# svc_issue NAME BACKDATE DAYS SANS [CDP_HOST|self]: NAME.pem for NAME.key, signed by the lab CA
# (or self-signed), valid from BACKDATE days ago for DAYS days
svc_issue() {
  local name=$1 back=$2 days=$3 sans=$4 cdp=${5:-} p=$SD/pki ca=()
  local ext=$p/$name.cnf
  {
    printf '[req]\ndistinguished_name = dn\nprompt = no\n[dn]\nCN = %s\n[ext]\n' "${sans%%,*}"
    echo "basicConstraints = critical, CA:false"
    echo "keyUsage = critical, digitalSignature, keyEncipherment"
    echo "extendedKeyUsage = serverAuth"
    echo "subjectAltName = DNS:${sans//,/,DNS:}"
    echo "subjectKeyIdentifier = hash"
    case "$cdp" in
      ""|self) ;;
      pki-slow.*) echo "crlDistributionPoints = URI:http://$cdp/lab-ca.crl"
                  echo "authorityInfoAccess = caIssuers;URI:http://$cdp/lab-ca.crt, OCSP;URI:http://$cdp/ocsp" ;;
      *) echo "crlDistributionPoints = URI:http://$cdp/lab-ca.crl"
         echo "authorityInfoAccess = caIssuers;URI:http://$cdp/lab-ca.crt" ;;
    esac
    [ "$cdp" = self ] || echo "authorityKeyIdentifier = keyid"
  } >"$ext"
  [ "$cdp" = self ] || ca=(-CA "$p/ca.pem" -CAkey "$p/ca.key")
  faketime -f "-${back}d" openssl req -new -x509 -config "$ext" -extensions ext -key "$p/$name.key" \
    "${ca[@]}" -days "$days" -out "$p/$name.pem" 2>"$p/$name.err"
}

svc_pki() {
  local p=$SD/pki pki=pki.$SVC_DNSDOMAIN slow=pki-slow.$SVC_DNSDOMAIN d=$SVC_DNSDOMAIN pids=() n
  svc_pki_init
  svc_issue web 1 366 "sso.$d,nosso.$d,ssoalias.$d" "$pki" & pids+=($!)
  svc_issue tls-ok 1 366 "tls-ok.$d" "$pki" & pids+=($!)
  svc_issue tls-wrongname 1 366 "other-host.$d" "$pki" & pids+=($!)
  svc_issue tls-expired 400 370 "tls-expired.$d" "$pki" & pids+=($!)
  svc_issue tls-expiring 358 365 "tls-expiring.$d" "$pki" & pids+=($!)
  svc_issue tls-slowcrl 1 366 "tls-slowcrl.$d" "$slow" & pids+=($!)
  svc_issue tls-selfsigned 1 366 "tls-selfsigned.$d" self & pids+=($!)
  svc_issue rdp-nla 1 366 "rdp-nla.$d" & pids+=($!)
  svc_issue rdp-tls 1 366 "rdp-tls.$d" & pids+=($!)
  svc_issue rdp-neg 1 366 "rdp-neg.$d" & pids+=($!)
  ( openssl ca -config "$p/ca.cnf" -gencrl -out "$p/crl.pem" 2>"$p/crl.err" \
      && openssl crl -in "$p/crl.pem" -outform DER -out "$p/www/lab-ca.crl" ) & pids+=($!)
  openssl x509 -in "$p/ca.pem" -outform DER -out "$p/www/lab-ca.crt"
  printf 'SSO Doctor lab PKI\n' >"$p/www/index.html"
  for n in "${pids[@]}"; do wait "$n" || { cat "$p"/*.err >&2; svc_die "pki: could not make a certificate or the CRL"; }; done
}

# ---------------------------------------------------------------------------------------------
# servers
# ---------------------------------------------------------------------------------------------
svc_apache_conf() {
  local a=$SD/apache ip m=/usr/lib/apache2/modules d=$SVC_DNSDOMAIN
  ip=${SVC_IP[sso]}
  mkdir -p "$a/htdocs" "$a/logs" "$a/run"
  printf 'SSO Doctor lab: open page\n' >"$a/htdocs/index.html"
  printf 'SSO Doctor lab: authenticated\n' >"$a/htdocs/secure"
  printf 'SSO Doctor lab: wsman\n' >"$a/htdocs/wsman"
  cp "$STATE/private/sso_http.keytab" "$a/http.keytab"
  chown root:www-data "$a/http.keytab" "$SD/pki/web.key"; chmod 0640 "$a/http.keytab" "$SD/pki/web.key"
  chown www-data "$a/run"
  cat >"$a/httpd.conf" <<EOF
# SSO Doctor lab web SSO server (scripts/lab-services.sh); nothing from /etc/apache2
ServerRoot $a
ServerName sso.$d
PidFile $a/run/httpd.pid
Mutex file:$a/run
DefaultRuntimeDir $a/run
User www-data
Group www-data
ErrorLog $a/logs/error.log
LogLevel info
LoadModule mpm_event_module $m/mod_mpm_event.so
LoadModule authn_core_module $m/mod_authn_core.so
LoadModule authz_core_module $m/mod_authz_core.so
LoadModule authz_user_module $m/mod_authz_user.so
LoadModule auth_gssapi_module $m/mod_auth_gssapi.so
LoadModule dir_module $m/mod_dir.so
LoadModule socache_shmcb_module $m/mod_socache_shmcb.so
LoadModule ssl_module $m/mod_ssl.so
StartServers 1
ServerLimit 2
ThreadsPerChild 10
MaxRequestWorkers 20
LogFormat "%h %l %u %t \"%r\" %>s %b" common
CustomLog $a/logs/access.log common
DocumentRoot $a/htdocs
DirectoryIndex index.html
SSLSessionCache shmcb:$a/run/ssl_scache(51200)
Listen $ip:80
Listen $ip:443
Listen $ip:5985
<Directory />
  Require all granted
</Directory>
# /secure (the web SSO page) and /wsman (WinRM-like, on :5985) need Kerberos on every port
<LocationMatch "^/(secure|wsman)">
  AuthType GSSAPI
  AuthName "SSO Doctor lab"
  GssapiCredStore keytab:$a/http.keytab
  GssapiAllowedMech krb5
  GssapiBasicAuth Off
  Require valid-user
</LocationMatch>
<VirtualHost $ip:443>
  SSLEngine on
  SSLCertificateFile $SD/pki/web.pem
  SSLCertificateKeyFile $SD/pki/web.key
</VirtualHost>
EOF
}

svc_xrdp_conf() {
  local name=$1 layer=$2 x=$SD/$1
  mkdir -p "$x"
  cp "$SD/pki/$name.pem" "$SD/pki/$name.key" "$x/"
  sed -e 's/^fork=.*/fork=false/' -e "s|^port=.*|port=tcp://${SVC_IP[$name]}:3389|" \
      -e "s/^security_layer=.*/security_layer=$layer/" -e "s|^certificate=.*|certificate=$x/$name.pem|" \
      -e "s|^key_file=.*|key_file=$x/$name.key|" -e "s|^LogFile=.*|LogFile=$x/xrdp.log|" \
      -e 's/^EnableSyslog=.*/EnableSyslog=false/' /etc/xrdp/xrdp.ini >"$x/xrdp.ini"
  grep -q "^security_layer=$layer\$" "$x/xrdp.ini" || svc_die "could not set security_layer in $x/xrdp.ini"
  mkdir -p "$x/run"
  chown -R xrdp:xrdp "$x"
  chmod 0600 "$x/$name.key"
}

# xrdp refuses to start while /run/xrdp/xrdp.pid exists (e.g. the host's own xrdp): give each one
# a private mount namespace whose /run/xrdp is its own dir; it then runs as user xrdp
svc_start_xrdp() {
  local name=$1 x=$SD/$1
  svc_spawn "$name" /usr/sbin/xrdp unshare --mount --propagation private \
    sh -c 'mount --bind "$1" /run/xrdp && exec setpriv --reuid=xrdp --regid=xrdp --init-groups xrdp -n -c "$2"' \
    sh "$x/run" "$x/xrdp.ini"
  echo "$x/xrdp.log" >"$SD/$name.logs"
}

# Xvfb picks a free display number itself and writes it to fd 3 when ready. -noreset: by default
# it resets when its last client leaves and drops connections meanwhile, which made about one
# freerdp-shadow-cli start in three fail ("failed to open display": it connects twice)
svc_start_xvfb() {
  local x=$SD/rdp-nla
  mkdir -p "$x"
  : >"$x/display"
  readlink -f "$(command -v Xvfb)" >"$SD/xvfb.exe"
  setsid ip netns exec "$NS" Xvfb -displayfd 3 -noreset -nolisten tcp -screen 0 1024x768x24 \
    </dev/null >"$SD/xvfb.log" 2>&1 3>"$x/display" &
  echo "$!" >"$SD/xvfb.pid"
}

# waits (bounded) for Xvfb's display to answer, then starts freerdp-shadow-cli on it with NLA
# enforced: NTLM against its own SAM file, the certificate from the lab CA in $HOME/.config
svc_start_nla() {
  local x=$SD/rdp-nla dpy="" i
  mkdir -p "$x/home/.config/freerdp/shadow"
  cp "$SD/pki/rdp-nla.pem" "$x/home/.config/freerdp/shadow/shadow.crt"
  cp "$SD/pki/rdp-nla.key" "$x/home/.config/freerdp/shadow/shadow.key"
  { winpr-hash -u "$SVC_RDP_USER" -p "$SVC_RDP_PASS" -f sam
    winpr-hash -u "$SVC_RDP_USER" -p "$SVC_RDP_PASS" -d LAB -f sam; } >"$x/sam"
  for (( i = 0; i < SVC_START_TIMEOUT * 20; i++ )); do
    dpy=$(tr -dc 0-9 <"$x/display")
    [ -n "$dpy" ] && ip netns exec "$NS" xwininfo -root -display ":$dpy" >/dev/null 2>&1 && break
    svc_alive "$(cat "$SD/xvfb.pid")" || svc_fail xvfb "exited during start"
    sleep 0.05
  done
  [ "$i" -lt $(( SVC_START_TIMEOUT * 20 )) ] || svc_fail xvfb "timeout: no display within ${SVC_START_TIMEOUT}s"
  echo ":$dpy" >"$x/display"
  svc_spawn rdp-nla "$(command -v freerdp-shadow-cli)" \
    env HOME="$x/home" XDG_CONFIG_HOME="$x/home/.config" DISPLAY=":$dpy" \
    freerdp-shadow-cli /bind-address:"${SVC_IP[rdp-nla]}" /port:3389 /sec:nla +auth /sam-file:"$x/sam"
}

# the service addresses on the namespace's lo, and the silent address (TESTBED "Silent
# addresses"): a veth into an otherwise empty namespace, a route and a neighbour that never answers
svc_net_up() {
  local ip
  svc_blk_names
  printf '%s\n' "netns add $SVC_BLK_NS" "link add $SVC_BLK_A type veth peer name $SVC_BLK_B" \
    "link set $SVC_BLK_A netns $NS" "link set $SVC_BLK_B netns $SVC_BLK_NS" | ip -batch - \
    || svc_die "could not set up the silent address $SVC_SILENT_IP"
  ip -n "$SVC_BLK_NS" link set "$SVC_BLK_B" up
  {
    for ip in $(printf '%s\n' "${SVC_IP[@]}" | grep -vxF "$SVC_SILENT_IP" | sort -u); do
      echo "addr replace $ip/32 dev lo"
    done
    echo "link set $SVC_BLK_A up"
    echo "route add $SVC_SILENT_NET dev $SVC_BLK_A"
    echo "neigh replace $SVC_SILENT_IP lladdr 02:00:00:00:06:06 dev $SVC_BLK_A nud permanent"
  } | ip -n "$NS" -batch - || svc_die "could not add the service addresses in namespace $NS"
}

svc_net_down() {
  local ip
  svc_blk_names
  if svc_ns_exists "$NS"; then
    {
      for ip in $(printf '%s\n' "${SVC_IP[@]}" | grep -vxF "$SVC_SILENT_IP" | sort -u); do
        echo "addr del $ip/32 dev lo"
      done
      echo "link del $SVC_BLK_A"
    } | ip -n "$NS" -force -batch - 2>/dev/null || true
  fi
  svc_ns_exists "$SVC_BLK_NS" && ip netns del "$SVC_BLK_NS" 2>/dev/null || true
}

# ---------------------------------------------------------------------------------------------
# manifest: DIR/services/services.json, merged into DIR/lab.json as "services"
# ---------------------------------------------------------------------------------------------
svc_manifest() {
  "$SVC_PY" - "$STATE" "$SD" "$SVC_RDP_USER" "$SVC_RDP_PASS" "$SVC_SILENT_IP" "$(svc_hosts)" <<'PYEOF'
import hashlib, json, os, ssl, sys
SHORT = {"commonName": "CN", "organizationName": "O"}
state, sd, rdp_user, rdp_pass, silent_ip, hosts = sys.argv[1:7]
ip = dict(l.split() for l in hosts.splitlines() if l.strip())
D = "lab.test"
def cert(name, path=None):
    pem = path or os.path.join(sd, "pki", name + ".pem")
    d = ssl._ssl._test_decode_cert(pem)   # the stdlib's decoder: no openssl process per certificate
    dn = lambda rdns: ",".join("%s=%s" % (SHORT.get(k, k), v) for rdn in reversed(rdns) for k, v in rdn)
    der = ssl.PEM_cert_to_DER_cert(open(pem).read())
    return {"file": pem, "sha1": hashlib.sha1(der).hexdigest().upper(),
            "sha256": hashlib.sha256(der).hexdigest().upper(),
            "not_before": d["notBefore"], "not_after": d["notAfter"],
            "subject": dn(d["subject"]), "issuer": dn(d["issuer"]),
            "dns_names": [v for k, v in d.get("subjectAltName", ()) if k == "DNS"]}
pki = "http://pki.%s" % D
slow = "http://pki-slow.%s" % D
tls_cases = [
    ("tls-ok", "valid", "nothing: valid for its name, serverAuth, CDP/AIA served by pki.lab.test",
     {"crl_url": pki + "/lab-ca.crl", "aia_ca_issuers_url": pki + "/lab-ca.crt"}),
    ("tls-wrongname", "name_mismatch", "the certificate is for other-host.lab.test",
     {"crl_url": pki + "/lab-ca.crl", "aia_ca_issuers_url": pki + "/lab-ca.crt"}),
    ("tls-expired", "expired", "notAfter is 30 days in the past",
     {"crl_url": pki + "/lab-ca.crl", "aia_ca_issuers_url": pki + "/lab-ca.crt"}),
    ("tls-selfsigned", "self_signed", "self-signed, not issued by the lab CA", {}),
    ("tls-expiring", "expiring_soon", "valid, but notAfter is 7 days ahead (< 14)",
     {"crl_url": pki + "/lab-ca.crl", "aia_ca_issuers_url": pki + "/lab-ca.crt"}),
    ("tls-slowcrl", "revocation_unreachable",
     "valid, but its CDP/AIA/OCSP URLs name pki-slow.lab.test, an address that drops every packet",
     {"crl_url": slow + "/lab-ca.crl", "aia_ca_issuers_url": slow + "/lab-ca.crt", "ocsp_url": slow + "/ocsp"}),
]
tls = []
for name, case, what, urls in tls_cases:
    e = {"name": name + "." + D, "ip": ip[name], "port": 443, "server": "openssl s_server -www",
         "case": case, "problem": None if case == "valid" else what, "note": what,
         "pid_file": os.path.join(sd, name + ".pid"), "cert": cert(name)}
    e["cert"].update(urls)
    e["trusted_by_lab_ca"] = case != "self_signed"
    e["name_matches"] = case != "name_mismatch"
    tls.append(e)
web_ip = ip["sso"]
ca = cert("ca", os.path.join(sd, "ca.pem"))
svc = {
    "version": 1,
    "dir": sd,
    "ca": {"file": ca["file"], "key": os.path.join(sd, "pki", "ca.key"), "subject": ca["subject"],
           "sha1": ca["sha1"], "not_after": ca["not_after"]},
    "addresses": sorted(set(v for k, v in ip.items() if k != "pki-slow")),
    "silent": {"ip": silent_ip, "names": ["pki-slow." + D],
               "note": "packets to it leave the lab namespace over a veth into an empty namespace; "
                       "nothing answers (connects time out)"},
    "pki": {"name": "pki." + D, "ip": ip["pki"], "port": 80, "server": "python3 -m http.server",
            "crl_url": pki + "/lab-ca.crl", "ca_cert_url": pki + "/lab-ca.crt",
            "pid_file": os.path.join(sd, "pki-http.pid")},
    "web": {
        "ip": web_ip, "server": "apache2 + mod_auth_gssapi (GssapiAllowedMech krb5)",
        "ports": {"http": 80, "https": 443, "winrm": 5985},
        "pid_file": os.path.join(sd, "apache.pid"),
        "account": {"sAMAccountName": "sso_http", "spns": ["HTTP/sso.lab.test", "HTTP/sso"],
                    "keytab": os.path.join(sd, "apache", "http.keytab")},
        "paths": {"open": "/", "negotiate": "/secure", "winrm": "/wsman"},
        "cert": cert("web"),
        "names": [
            {"name": "sso." + D, "a": web_ip, "spn": "HTTP/sso." + D, "spn_registered": True,
             "expect": {"no_ticket": 401, "with_ticket": 200}},
            {"name": "nosso." + D, "a": web_ip, "spn": "HTTP/nosso." + D, "spn_registered": False,
             "expected_kdc_error": "KDC_ERR_S_PRINCIPAL_UNKNOWN",
             "expect": {"no_ticket": 401, "with_ticket": 401}},
            {"name": "ssoalias." + D, "cname": "sso." + D, "spn": "HTTP/sso." + D, "spn_registered": True,
             "note": "clients that follow the CNAME (MIT default dns_canonicalize_hostname, browsers) ask "
                     "for HTTP/sso.lab.test and get in; the lab's krb5.conf does not canonicalize, so "
                     "it asks for HTTP/ssoalias.lab.test, which nobody holds",
             "expect": {"no_ticket": 401, "with_ticket": 200, "with_ticket_no_canonicalization": 401}},
        ],
        "winrm": {"url": "http://sso.%s:5985/wsman" % D, "spn": "HTTP/sso." + D,
                  "note": "WinRM asks for HTTP/host (no port); the sso_http keytab serves it"},
    },
    "tls": tls,
    "rdp": [
        {"name": "rdp-nla." + D, "ip": ip["rdp-nla"], "port": 3389,
         "server": "freerdp-shadow-cli /sec:nla +auth", "security": "nla",
         "pid_file": os.path.join(sd, "rdp-nla.pid"), "cert": cert("rdp-nla"),
         "credentials": {"user": rdp_user, "password": rdp_pass, "note": "NTLM via its SAM file, not the domain"},
         "negotiation": {"rdp": {"failure": 5, "failure_name": "HYBRID_REQUIRED_BY_SERVER"},
                         "ssl": {"failure": 5, "failure_name": "HYBRID_REQUIRED_BY_SERVER"},
                         "ssl_hybrid": {"selected": 2, "selected_name": "PROTOCOL_HYBRID"}}},
        {"name": "rdp-tls." + D, "ip": ip["rdp-tls"], "port": 3389, "server": "xrdp security_layer=tls",
         "security": "tls", "pid_file": os.path.join(sd, "rdp-tls.pid"), "cert": cert("rdp-tls"),
         "negotiation": {"rdp": {"failure": 1, "failure_name": "SSL_REQUIRED_BY_SERVER"},
                         "ssl": {"selected": 1, "selected_name": "PROTOCOL_SSL"},
                         "ssl_hybrid": {"selected": 1, "selected_name": "PROTOCOL_SSL"}}},
        {"name": "rdp-neg." + D, "ip": ip["rdp-neg"], "port": 3389, "server": "xrdp security_layer=negotiate",
         "security": "negotiate", "pid_file": os.path.join(sd, "rdp-neg.pid"), "cert": cert("rdp-neg"),
         "negotiation": {"rdp": {"selected": 0, "selected_name": "PROTOCOL_RDP"},
                         "ssl": {"selected": 1, "selected_name": "PROTOCOL_SSL"},
                         "ssl_hybrid": {"selected": 1, "selected_name": "PROTOCOL_SSL"}}},
    ],
    "dns": {"a": {k + "." + D: v for k, v in ip.items()}, "cname": {"ssoalias." + D: "sso." + D}},
}
with open(os.path.join(sd, "services.json"), "w") as f:
    json.dump(svc, f, indent=2); f.write("\n")
lab = os.path.join(state, "lab.json")
if os.path.exists(lab):
    m = json.load(open(lab))
    m["services"] = svc
    with open(lab + ".tmp", "w") as f:
        json.dump(m, f, indent=2); f.write("\n")
    os.replace(lab + ".tmp", lab)
PYEOF
}

svc_manifest_drop() {
  [ -f "$STATE/lab.json" ] || return 0
  "$SVC_PY" - "$STATE/lab.json" <<'PYEOF'
import json, os, sys
p = sys.argv[1]
m = json.load(open(p))
if m.pop("services", None) is not None:
    with open(p + ".tmp", "w") as f:
        json.dump(m, f, indent=2); f.write("\n")
    os.replace(p + ".tmp", p)
PYEOF
}

# ---------------------------------------------------------------------------------------------
# commands
# ---------------------------------------------------------------------------------------------
SVC_NAMES=(apache pki-http tls-ok tls-wrongname tls-expired tls-selfsigned tls-expiring tls-slowcrl
           rdp-nla xvfb rdp-tls rdp-neg)

svc_start() {
  local t0 n installed missing=""
  t0=$(svc_now)
  SD=$STATE/services
  installed=" $(dpkg-query -W -f='${Package} ${Status}\n' "${SVC_PACKAGES[@]}" 2>/dev/null \
    | awk '/install ok installed/ {printf "%s ", $1}')"
  for n in "${SVC_PACKAGES[@]}"; do [[ "$installed" == *" $n "* ]] || missing+=" $n"; done
  [ -z "$missing" ] || svc_die "missing packages; install them with: apt-get install -y --no-install-recommends$missing (or start without services: SSOD_LAB_SERVICES=0)"
  svc_ns_exists "$NS" || svc_die "namespace $NS does not exist (is the lab up?)"
  [ -f "$STATE/private/sso_http.keytab" ] || svc_die "$STATE has no sso_http keytab: the lab image predates the services (re-provision)"
  [ -e "$SD" ] && svc_die "$SD exists: services already started (stop them first)"
  mkdir -p "$SD"
  SVC_STARTING=1
  svc_net_up
  svc_start_xvfb                       # first: it takes longest to come up
  svc_pki
  svc_apache_conf
  svc_xrdp_conf rdp-tls tls
  svc_xrdp_conf rdp-neg negotiate
  # KRB5RCACHEDIR: mod_auth_gssapi's replay cache in the state dir, not /var/tmp
  svc_spawn apache "$(command -v apache2)" env KRB5RCACHEDIR="$SD/apache/run" apache2 -DFOREGROUND -f "$SD/apache/httpd.conf"
  echo "$SD/apache/logs/error.log" >"$SD/apache.logs"
  svc_spawn pki-http "$SVC_PY" "$SVC_PY" -m http.server --bind "${SVC_IP[pki]}" --directory "$SD/pki/www" 80
  for n in tls-ok tls-wrongname tls-expired tls-selfsigned tls-expiring tls-slowcrl; do
    svc_spawn "$n" "$(command -v openssl)" openssl s_server -www -quiet -accept "${SVC_IP[$n]}:443" \
      -cert "$SD/pki/$n.pem" -key "$SD/pki/$n.key"
  done
  svc_start_xrdp rdp-tls
  svc_start_xrdp rdp-neg
  svc_start_nla
  local ports=(apache:"${SVC_IP[sso]}":80 apache:"${SVC_IP[sso]}":443 apache:"${SVC_IP[sso]}":5985
               pki-http:"${SVC_IP[pki]}":80 rdp-tls:"${SVC_IP[rdp-tls]}":3389 rdp-neg:"${SVC_IP[rdp-neg]}":3389
               rdp-nla:"${SVC_IP[rdp-nla]}":3389)
  for n in tls-ok tls-wrongname tls-expired tls-selfsigned tls-expiring tls-slowcrl; do ports+=("$n:${SVC_IP[$n]}:443"); done
  svc_wait_all "${ports[@]}"
  svc_manifest
  svc_log "services up in $(svc_elapsed "$t0") s (manifest: $STATE/lab.json \"services\")"
}

svc_stop() {
  local t0
  t0=$(svc_now)
  SD=$STATE/services
  if [ -d "$SD" ]; then
    svc_procs stop "${SVC_NAMES[@]}"
    svc_manifest_drop
  fi
  svc_net_down
  rm -rf "$SD"
  svc_log "services stopped in $(svc_elapsed "$t0") s"
}

svc_status() {
  SD=$STATE/services
  [ -d "$SD" ] || { echo "services: DOWN ($SD missing)"; return 3; }
  echo "services ($SD):"
  svc_procs status "${SVC_NAMES[@]}"
}

svc_main() {
  set -euo pipefail
  [ "$#" -ge 1 ] || { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 1; }
  local cmd=$1; shift
  STATE=/var/tmp/ssod-lab NS=ssod-lab
  while [ "$#" -gt 0 ]; do
    case "$1" in
      --state) STATE=${2:?--state needs a dir}; shift 2 ;;
      --ns) NS=${2:?--ns needs a name}; shift 2 ;;
      *) svc_die "unknown argument $1" ;;
    esac
  done
  case "$STATE" in /*) ;; *) STATE="$PWD/$STATE" ;; esac
  STATE=${STATE%/}
  [ "$(id -u)" -eq 0 ] || [ "$cmd" = status ] || svc_die "must run as root (network namespaces)"
  case "$cmd" in
    start) trap 'rc=$?; [ $rc -eq 0 ] || [ -z "${SVC_STARTING:-}" ] || svc_stop || true' EXIT; svc_start ;;
    stop) svc_stop ;;
    status) svc_status ;;
    *) svc_die "unknown command $cmd (start|stop|status)" ;;
  esac
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then svc_main "$@"; fi
