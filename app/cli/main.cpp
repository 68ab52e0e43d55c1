// ssodoctor-cli: the scriptable twin of the GUI. Every command is a thin layer over the core.
#include "app/cli/CliContext.h"

#include <QCoreApplication>

#include <cstdio>
#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace {

const char kUsage[] = R"(Usage: ssodoctor-cli COMMAND ...

  settings list [--json]                 the settings SSO Doctor knows
  settings show ID [--json]              one setting: explanation, registry location, GPO path
  plan   SPEC... [--against FILE] [--root KEY] [--json] [--strict]
                                         what must change (exit 0 compliant, 1 changes needed)
  apply  SPEC... --to FILE [--root KEY] [--backup OUT.reg] [--strict]
                                         apply with a backup, then verify by reading back
  undo   --backup OUT.reg --to FILE [--root KEY]
                                         restore what a backup recorded
  export SPEC... --format reg|reg-undo|pol|ps1|gpo-ps1|gpp-xml [--gpo NAME] [-o FILE]
         [--against FILE] [--root KEY]   write the change as a script or policy file
  convert IN OUT [--root KEY] [--strict] .reg <-> Registry.pol, by OUT's extension
  evaluate delegation --server HOST [--kind default|saved|fresh] [--ntlm] --against FILE [--root KEY] [--json]
         [--strict]
                                         will Windows delegate credentials to HOST? (exit 0 yes, 1 no)
  evaluate browser --url URL --browser chrome|chromium|edge|firefox|ie --against FILE
         [--root KEY] [--platform windows|linux] [--json] [--strict]
                                         will the browser try Kerberos for URL? (exit 0 yes, 1 no)
  evaluate portal --config web.config --client-ip IP --url URL --user-agent UA
         [--cookie NAME=VALUE]… [--json]  will a web SSO portal offer Kerberos (its <SSOConditions>),
                                         and which rule decides? (exit 0 yes, 1 no, 2 bad file)
  check iis --config applicationHost.config [--web-config [SITE[/APP]=]FILE]… [--computer NAME]
         [CONN] [--json]                  IIS Windows authentication per application: providers,
                                         kernel mode and useAppPoolCredentials, the app pool's
                                         account and the HTTP/ SPNs it needs (looked up with CONN);
                                         the appcmd lines that fix it (exit 1 when one is an error)
  check winrm --against FILE [--root KEY] [--host HOST [--https-port N] [--computer NAME]
         [--ca-file F]] [CONN] [--json]   WinRM from a computer's registry: TrustedHosts, Basic,
                                         unencrypted traffic, Kerberos disallowed; with --host the
                                         HTTPS listener's certificate as presented and (with CONN)
                                         who holds HTTP/HOST
  check host --role session-connector|rds-session-host|rdp-client [--software FILE]
         [--system FILE] [--farm NAME]… [--computer NAME [CONN]] [--cert FILE [--ca-file F]] [--json]
                                         a host's readiness for its role from its registry (hives
                                         or .reg): Windows, runtime, settings, connector secrets
  rdp lint FILE [--json]                 authentication-relevant .rdp settings (exit 1 when flagged)
  rdp fix FILE -o OUT [--force]          write a corrected copy (--force: replace an existing OUT)
  spn list ACCOUNT [CONN] [--json]       the SPNs an account holds (like setspn -L)
  spn query SPN-OR-PATTERN [CONN] [--forest] [--json]
                                         who holds an SPN; * is a wildcard (exit 1 when nobody)
  spn duplicates [CONN] [--forest] [--json]
                                         SPNs held by more than one account (exit 1 when any)
  spn add SPN ACCOUNT [CONN] [--emit setspn|ps1|ldif|ktpass] [--allow-alias]
                                         register an SPN after checking nobody else holds it (exit 1
                                         naming the holder); --emit prints a script instead
  spn remove SPN ACCOUNT [CONN] [--emit setspn|ps1|ldif]
  spn plan --class C[,C] --name N[,N] --node H[,H] --domain D --account A [--port P[,P]] [CONN]
         [--json] [--emit setspn|ps1|ldif|ktpass] [--apply [--accept-collateral]]
                                         every SPN a farm needs: free, already correct or held by
                                         another account, and what else it breaks (exit 1 when
                                         anything is left to do)
  spn predict TARGET [--client ie|edge|chrome|firefox|curl|mstsc|winrm|winrm-port]
         [--service-account A] [CONN | --no-directory] [--json]
                                         the SPN the client requests for a URL, host[:port] or
                                         rdp://host, and who holds it (exit 1 on a problem:
                                         nobody, two accounts, not A, an alias on another
                                         account, NTLM); without CONN it only predicts the SPN
  delegation show ACCOUNT [CONN] [--json]
                                         unconstrained, constrained and resource-based delegation,
                                         sensitive, Protected Users, encryption types
  delegation set ACCOUNT [--unconstrained on|off] [--protocol-transition on|off]
         [--add-target SPN[,SPN]] [--remove-target SPN[,SPN]] [CONN] --yes | --emit ps1|ldif
                                         change delegation (shows the change; --yes applies it)
  directory forget-password --bind-dn DN (--dc HOST[:PORT] | --domain D)
                                         remove a password kept with --save-password
                                         (exit 0 removed, 1 none was stored)
  probe dns|ports|kerberos|spn|clock|tls|rdp|http|policy TARGET [PROBE-OPTIONS] [--timeout S] [--json]
                                         one check of a host, port, SPN, certificate or URL
                                         (spn: who holds it in the directory, with your ticket)
                                         (exit 1 when a finding is an error)
  diagnose --scenario rds-farm|web|winrm|web-farm|session-connector --target T [--target T…]
         [--dc HOST] [--domain D] [--client C] [--account A] [--ca-file F] [--policy FILE]
         [--timeout S] [--json]
                                         every check a scenario needs, all at once; --timeout is
                                         per check (default 5)
PROBE-OPTIONS: --server IP (dns: ask this DNS server) --srv (dns: the domain's SRV records)
      --expect-a; --ports P,P --closed P,P; --spn SPN --service CLASS --client C --realm R
      --keytab F --principal P --kdc HOST --keychain; --ca-file F --name N --purpose P
      --no-revocation; --expect-nla required|off|any; --account A; --method kdc|ldap (clock);
      --dc HOST --domain D --delegation (spn: the DC by host name or the domain's DCs; the
      holder's delegation); --check browser|delegation|winrm --policy FILE [--policy-root KEY]
      (policy: the client's settings file decides browser Kerberos, TERMSRV/ delegation,
      WinRM TrustedHosts)
  decode TOKEN-OR-HEADER [--json]        explain a Negotiate/NTLM/Kerberos token or header line
                                         ("-" reads it from standard input; exit 2 not a token)
CONN: --domain D | --dc HOST[:PORT]; --gssapi (default: your Kerberos ticket) |
      --bind-dn DN (--password-stdin [--save-password] | --keychain); --ldaps | --starttls;
      --ca-file F; --allow-insecure-bind; --timeout SECONDS (default 10)
  A simple bind reads its password from standard input, never from the command line.
  --save-password keeps it in the system keychain once the bind worked, under the bind DN and
  the --dc or --domain as typed; --keychain then uses it. It is never stored anywhere else.

SPEC is ID or ID=VALUE (list values comma-separated), e.g.
  delegation.default-credentials=TERMSRV/*.contoso.com,TERMSRV/rdsh01.contoso.com
FILE may be a .reg file, a Registry.pol, an offline hive (SOFTWARE, SYSTEM, NTUSER.DAT), a
Chromium/Chrome managed-policy JSON file or a Firefox policies.json;
--root says where a hive is mounted (e.g. HKLM\SOFTWARE) when its file name does not.
A .reg file is read as regedit imports it: a value regedit cannot read is skipped with a warning
("warning: FILE:LINE: …" on stderr, "fileWarnings" in --json) and the rest is read; so is every
step that reads data one of two ways or cannot carry it over. --strict makes them errors (exit 2).
Exit codes: 0 success or compliant, 1 plan found changes, 2 bad usage or bad input.
)";

} // namespace

int main(int argc, char **argv)
{
#ifdef __GLIBC__
    // A short-lived batch process: keep freed buffers for reuse instead of handing each multi-MB
    // block back to the kernel and faulting it in again (converting a 100 MB export allocates and
    // frees a few MB per part on several threads; this saves about 15 % of its time).
    mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
#endif
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ssodoctor-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SSOD_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);

    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")
        || args.first() == QLatin1String("help")) {
        (args.isEmpty() ? err : out) << kUsage;
        return args.isEmpty() ? ssod::cli::BadInput : ssod::cli::Ok;
    }
    if (args.first() == QLatin1String("--version")) {
        out << "ssodoctor-cli " << SSOD_VERSION << Qt::endl;
        return ssod::cli::Ok;
    }

    auto catalog = ssod::core::catalog::Catalog::loadBuiltin();
    if (!catalog) {
        err << "ssodoctor-cli: catalog error: " << catalog.error().toString() << Qt::endl;
        return ssod::cli::BadInput;
    }
    const ssod::cli::Context ctx{*catalog, out, err};
    const QString command = args.takeFirst();
    if (command == QLatin1String("settings"))
        return ssod::cli::runSettings(ctx, args);
    if (command == QLatin1String("plan"))
        return ssod::cli::runPlan(ctx, args);
    if (command == QLatin1String("apply"))
        return ssod::cli::runApply(ctx, args);
    if (command == QLatin1String("undo"))
        return ssod::cli::runUndo(ctx, args);
    if (command == QLatin1String("export"))
        return ssod::cli::runExport(ctx, args);
    if (command == QLatin1String("convert"))
        return ssod::cli::runConvert(ctx, args);
    if (command == QLatin1String("evaluate"))
        return ssod::cli::runEvaluate(ctx, args);
    if (command == QLatin1String("check"))
        return ssod::cli::runCheck(ctx, args);
    if (command == QLatin1String("rdp"))
        return ssod::cli::runRdp(ctx, args);
    if (command == QLatin1String("spn"))
        return ssod::cli::runSpn(ctx, args);
    if (command == QLatin1String("delegation"))
        return ssod::cli::runDelegationShow(ctx, args);
    if (command == QLatin1String("directory"))
        return ssod::cli::runDirectory(ctx, args);
    if (command == QLatin1String("probe"))
        return ssod::cli::runProbeCommand(ctx, args);
    if (command == QLatin1String("diagnose"))
        return ssod::cli::runDiagnose(ctx, args);
    if (command == QLatin1String("decode"))
        return ssod::cli::runDecode(ctx, args);
    return ctx.usage(QStringLiteral("unknown command \"%1\"; run ssodoctor-cli --help").arg(command));
}
