#!/usr/bin/env python3
"""`ssodoctor-cli probe rdp` against real RDP servers on loopback: freerdp-shadow-cli with NLA
enforced, xrdp with security_layer=tls and =negotiate, each with a certificate from the test CA;
a closed port; a silently dropping address (private namespace, root only); hostile servers
(garbage, a TPKT announcing 65535 bytes, an endless stream, a truncated reply, silence).
"""
import os
import resource
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_common import (SILENT, Checks, SilentNamespace, can_use_namespaces, cli_json, finding, free_port,
                          probe_data, probe_ms)
from rdp_fixture import HostileServer, ShadowServer, XrdpServer
from tls_fixture import TestCa, sha1_fingerprint

NAME = "rdp.probe.test"


def fix_of(f):
    return (f or {}).get("fix") or {}


def offers(out):
    return [o["result"] for o in probe_data(out).get("offers", [])]


def child_max_rss_kb():
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def main():
    for tool in ("xrdp", "freerdp-shadow-cli", "Xvfb", "xwininfo", "winpr-hash", "openssl"):
        if subprocess.run(["which", tool], capture_output=True).returncode != 0:
            print("SKIP: %s not installed" % tool)
            return 77
    t = Checks()
    ca = TestCa()
    servers = []
    ns = None
    try:
        crt, key = ca.issue("rdp", cn=NAME, san=["DNS:" + NAME])
        thumb = sha1_fingerprint(crt)

        shadow = ShadowServer(crt, key)
        servers.append(shadow)
        t.check(shadow.ready, "freerdp-shadow-cli (NLA) listens on %d (display %s)" % (shadow.port, shadow.display))
        rc, out, secs, _ = cli_json(["probe", "rdp", shadow.target, "--name", NAME, "--ca-file", ca.cert,
                                     "--expect-nla", "required"])
        print("  shadow (NLA): %.2f s, offers %s" % (secs, offers(out)))
        data = probe_data(out)
        t.check(data.get("nla_required") is True, "shadow: nla_required")
        t.check(offers(out)[:1] == ["selected HYBRID"], "shadow: SSL|HYBRID|HYBRID_EX selects HYBRID")
        t.check(offers(out)[1:] == ["failure HYBRID_REQUIRED_BY_SERVER"] * 2,
                "shadow: SSL only and RDP only get HYBRID_REQUIRED_BY_SERVER")
        f = finding(out, "rdp.nla-required")
        t.check(f is not None and f["severity"] == "ok", "shadow, expect required: rdp.nla-required ok")
        cert = data.get("certificate", {})
        t.check((cert.get("chain") or [{}])[0].get("sha1") == thumb,
                "shadow: the certificate read over RDP is the configured one (thumbprint)")
        t.check(cert.get("trusted") is True and finding(out, "tls.name-ok") is not None,
                "shadow: certificate trusted with --ca-file and valid for %s" % NAME)
        t.check(rc == 0, "shadow, expect required: exit 0 (got %d)" % rc)

        rc, out, _, _ = cli_json(["probe", "rdp", shadow.target, "--name", NAME, "--ca-file", ca.cert,
                                  "--expect-nla", "off"])
        f = finding(out, "rdp.nla-required-connector")
        t.check(f is not None and f["severity"] == "error" and fix_of(f).get("kind") == "setting"
                and fix_of(f).get("id") == "rdp.nla" and fix_of(f).get("inputs", {}).get("value") == "off",
                "shadow, expect off (session connector): error with fix setting rdp.nla = off")
        t.check(rc == 1, "shadow, expect off: exit 1")

        xtls = XrdpServer("tls", crt, key)
        servers.append(xtls)
        t.check(xtls.ready, "xrdp security_layer=tls listens on %d" % xtls.port)
        rc, out, secs, _ = cli_json(["probe", "rdp", xtls.target, "--name", NAME, "--ca-file", ca.cert,
                                     "--expect-nla", "required"])
        print("  xrdp tls: %.2f s, offers %s" % (secs, offers(out)))
        t.check(offers(out) == ["selected SSL", "selected SSL", "failure SSL_REQUIRED_BY_SERVER"],
                "xrdp tls: TLS selected, RDP only gets SSL_REQUIRED_BY_SERVER")
        t.check(finding(out, "rdp.standard-refused") is not None, "xrdp tls: rdp.standard-refused ok")
        f = finding(out, "rdp.nla-not-required")
        t.check(f is not None and f["severity"] == "warning" and fix_of(f).get("id") == "rdp.nla"
                and fix_of(f).get("inputs", {}).get("value") == "on",
                "xrdp tls, expect required (farm): rdp.nla-not-required warning, fix rdp.nla = on")
        t.check(probe_data(out).get("nla_required") is False and probe_data(out).get("protocols") == ["SSL"],
                "xrdp tls: nla_required false, protocols [SSL]")
        t.check(((probe_data(out).get("certificate") or {}).get("chain") or [{}])[0].get("sha1") == thumb,
                "xrdp tls: certificate read over RDP matches (thumbprint)")

        xneg = XrdpServer("negotiate", crt, key)
        servers.append(xneg)
        t.check(xneg.ready, "xrdp security_layer=negotiate listens on %d" % xneg.port)
        rc, out, secs, _ = cli_json(["probe", "rdp", xneg.target, "--name", NAME, "--ca-file", ca.cert,
                                     "--expect-nla", "off"])
        print("  xrdp negotiate: %.2f s, offers %s" % (secs, offers(out)))
        t.check(offers(out) == ["selected SSL", "selected SSL", "selected RDP"],
                "xrdp negotiate: SSL selected, standard RDP accepted too")
        f = finding(out, "rdp.standard-security")
        t.check(f is not None and f["severity"] == "warning" and fix_of(f).get("id") == "rdp.security-layer",
                "xrdp negotiate: rdp.standard-security warning, fix rdp.security-layer")
        t.check(finding(out, "rdp.nla-off") is not None, "xrdp negotiate, expect off: rdp.nla-off ok")
        t.check(probe_data(out).get("protocols") == ["SSL", "RDP"], "xrdp negotiate: protocols [SSL, RDP]")

        # Without --ca-file and with a name the certificate does not hold.
        rc, out, _, _ = cli_json(["probe", "rdp", xneg.target, "--name", "rdsh9.probe.test"])
        t.check(finding(out, "tls.untrusted") is not None and finding(out, "tls.name-mismatch") is not None,
                "xrdp: untrusted without --ca-file, name mismatch for another name")

        rc, out, secs, _ = cli_json(["probe", "rdp", "127.0.0.1:%d" % free_port(), "--timeout", "5"])
        f = finding(out, "rdp.connect-failed")
        print("  closed port: probe %d ms (CLI wall %.2f s)" % (probe_ms(out), secs))
        t.check(f is not None and "refused" in f["title"] and probe_ms(out) < 1000 and len(offers(out)) == 1,
                "closed port: refused after one offer in %d ms" % probe_ms(out))

        for mode, needle in (("garbage", "not a TPKT header"), ("tpkt65535", "65535"), ("endless", "length indicator"),
                             ("short", "announces 19"), ("close", None), ("silent", None)):
            h = HostileServer(mode)
            servers.append(h)
            rc, out, secs, _ = cli_json(["probe", "rdp", h.target, "--timeout", "3"])
            ms = probe_ms(out)
            print("  hostile %s: probe %d ms (CLI wall %.2f s), child max RSS %d kB" % (mode, ms, secs, child_max_rss_kb()))
            if mode == "silent":
                f = finding(out, "rdp.no-reply")
                outcome = ((out or {}).get("probes") or [{}])[0].get("outcome")
                t.check(f is not None and "no answer" in f["title"] and outcome == "timeout" and ms <= 3000,
                        "hostile silent: rdp.no-reply, outcome timeout, within --timeout 3 (%d ms)" % ms)
            elif mode == "close":
                f = finding(out, "rdp.no-reply")
                t.check(f is not None and "closed" in f["title"] and ms < 1000,
                        "hostile close: rdp.no-reply (closed) in %d ms" % ms)
            else:
                f = finding(out, "rdp.bad-reply")
                t.check(f is not None and f["severity"] == "error" and needle in f["title"] and ms <= 3000,
                        "hostile %s: rdp.bad-reply '%s' in %d ms" % (mode, (f or {}).get("title"), ms))
            h.close()
        # Bounded memory: the endless stream's server sent far more than the client ever held.
        t.check(child_max_rss_kb() < 200 * 1024, "largest CLI run stayed under 200 MB RSS (%d kB)" % child_max_rss_kb())

        if not can_use_namespaces():
            print("SKIP (not root): silent address")
        else:
            ns = SilentNamespace("ssodrdp")
            t.check(ns.ok, "private namespace with a silent address")
            rc, out, secs, _ = cli_json(["probe", "rdp", SILENT, "--timeout", "2"], ns=ns.ns)
            f = finding(out, "rdp.connect-failed")
            outcome = ((out or {}).get("probes") or [{}])[0].get("outcome")
            print("  silent address: probe %d ms (CLI wall %.2f s)" % (probe_ms(out), secs))
            t.check(f is not None and "silent" in f["title"] and outcome == "timeout" and probe_ms(out) <= 2000,
                    "silent address: rdp.connect-failed silent, timeout, within --timeout 2 (%d ms)" % probe_ms(out))
    finally:
        for s in servers:
            s.close()
        if ns:
            ns.close()
        ca.close()
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
