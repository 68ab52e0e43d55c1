// "ssodoctor-cli evaluate" end to end: the real binary against .reg files, a Registry.pol made by
// "convert", an offline SOFTWARE hive filled by "apply", and the browsers' JSON policy files.
// Exit codes are the contract: 0 yes, 1 no, 2 bad input. Expected verdicts follow the policy
// documentation (see tests/core/evaluate for the rules, one case at a time).
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run {
    int exit = -1;
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

Run run(const QStringList &args)
{
    QProcess p;
    p.start(qEnvironmentVariable("SSOD_CLI"), args);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished(5000);
        qFatal("ssodoctor-cli did not finish: %s", qPrintable(args.join(QLatin1Char(' '))));
    }
    return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
        QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError()) };
}

QString data(const QString &name)
{
    return qEnvironmentVariable("SSOD_TEST_DATA") + QStringLiteral("/evaluate/") + name;
}

QString decided(const QJsonObject &o, const char *member, const char *field)
{
    return o.value(QLatin1String(member)).toObject().value(QLatin1String(field)).toString();
}

} // namespace

class TestEvaluateCli final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    Run delegation(const QString &file, const QString &server, const QStringList &extra = {})
    {
        return run(QStringList { QStringLiteral("evaluate"), QStringLiteral("delegation"),
                       QStringLiteral("--server"), server, QStringLiteral("--against"), file,
                       QStringLiteral("--json") }
            + extra);
    }

    Run browser(const QString &file, const QString &name, const QString &url, const QStringList &extra = {})
    {
        return run(QStringList { QStringLiteral("evaluate"), QStringLiteral("browser"),
                       QStringLiteral("--url"), url, QStringLiteral("--browser"), name,
                       QStringLiteral("--against"), file, QStringLiteral("--json") }
            + extra);
    }

    /// The farm policy must give the same answers whatever store holds it.
    void checkFarmPolicy(const QString &file)
    {
        Run r = delegation(file, QStringLiteral("rdsh01.contoso.com"));
        QCOMPARE(r.exit, 0);
        QJsonObject o = r.json();
        QCOMPARE(o.value(QStringLiteral("allowed")).toBool(false), true);
        QCOMPARE(o.value(QStringLiteral("spn")).toString(), QStringLiteral("TERMSRV/rdsh01.contoso.com"));
        QCOMPARE(decided(o, "decidedBy", "policy"), QStringLiteral("AllowDefaultCredentials"));
        QCOMPARE(decided(o, "decidedBy", "entry"), QStringLiteral("TERMSRV/*.contoso.com"));

        // Deny wins over the wildcard.
        r = delegation(file, QStringLiteral("legacy.contoso.com"));
        QCOMPARE(r.exit, 1);
        o = r.json();
        QCOMPARE(o.value(QStringLiteral("allowed")).toBool(true), false);
        QCOMPARE(decided(o, "decidedBy", "policy"), QStringLiteral("DenyDefaultCredentials"));

        // NTLM-only: the Kerberos list does not apply and the NTLM-only policy is not configured.
        r = delegation(file, QStringLiteral("rdsh01.contoso.com"), { QStringLiteral("--ntlm") });
        QCOMPARE(r.exit, 1);
        o = r.json();
        QCOMPARE(o.value(QStringLiteral("ntlmOnly")).toBool(false), true);
        QCOMPARE(o.value(QStringLiteral("allowPolicy")).toString(),
            QStringLiteral("AllowDefCredentialsWhenNTLMOnly"));
        QCOMPARE(decided(o, "fix", "spec"),
            QStringLiteral("delegation.default-credentials-ntlm=TERMSRV/rdsh01.contoso.com"));

        // Other host outside the domain; saved credentials fall back to the OS default TERMSRV/*.
        QCOMPARE(delegation(file, QStringLiteral("rdsh01.fabrikam.com")).exit, 1);
        r = delegation(file, QStringLiteral("rdsh01.fabrikam.com"),
            { QStringLiteral("--kind"), QStringLiteral("saved") });
        QCOMPARE(r.exit, 0);
        QCOMPARE(decided(r.json(), "decidedBy", "policy"), QStringLiteral("OS default"));
    }

private slots:
    void delegationOnRegFile() { checkFarmPolicy(data(QStringLiteral("delegation.reg"))); }

    void delegationOnRegistryPol()
    {
        const QString pol = path(QStringLiteral("farm.pol"));
        const Run c = run({ QStringLiteral("convert"), data(QStringLiteral("delegation.reg")), pol });
        QVERIFY2(c.exit == 0, qPrintable(c.err));
        QFile f(pol);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.read(4) == "PReg");
        checkFarmPolicy(pol);
    }

    void delegationOnOfflineHive()
    {
        const QString hive = path(QStringLiteral("SOFTWARE"));
        QProcess mk;
        mk.start(QStringLiteral("python3"),
            { qEnvironmentVariable("SSOD_TOOLS") + QStringLiteral("/make_empty_hive.py"), hive });
        QVERIFY(mk.waitForFinished(30000) && mk.exitCode() == 0);
        Run r = run({ QStringLiteral("evaluate"), QStringLiteral("delegation"), QStringLiteral("--server"),
            QStringLiteral("rdsh01.contoso.com"), QStringLiteral("--against"), hive });
        QCOMPARE(r.exit, 1); // empty hive: default credentials are not delegated by default
        QVERIFY2(r.out.startsWith(
                     QLatin1String("Not allowed: credentials of the signed-in user will not be delegated to "
                                   "TERMSRV/rdsh01.contoso.com\n")),
            qPrintable(r.out));
        r = run({ QStringLiteral("apply"),
            QStringLiteral("delegation.default-credentials=TERMSRV/*.contoso.com"), QStringLiteral("--to"),
            hive, QStringLiteral("--backup"), path(QStringLiteral("hive-backup.reg")) });
        QVERIFY2(r.exit == 0, qPrintable(r.err));
        r = run({ QStringLiteral("evaluate"), QStringLiteral("delegation"), QStringLiteral("--server"),
            QStringLiteral("rdsh01.contoso.com"), QStringLiteral("--against"), hive });
        QCOMPARE(r.exit, 0);
        const QStringList lines = r.out.split(QLatin1Char('\n'));
        QCOMPARE(lines.value(0),
            QStringLiteral("Allowed: credentials of the signed-in user will be delegated to "
                           "TERMSRV/rdsh01.contoso.com"));
        QVERIFY2(lines.value(1).startsWith(QLatin1String("Decided by: "))
                && lines.value(1).contains(
                    QLatin1String("AllowDefaultCredentials\\1 = \"TERMSRV/*.contoso.com\"")),
            qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("Entries considered:")), qPrintable(r.out));

        // A hive whose file name does not say where it is mounted needs --root.
        const QString renamed = path(QStringLiteral("soft.dat"));
        QVERIFY(QFile::copy(hive, renamed));
        r = delegation(renamed, QStringLiteral("rdsh01.contoso.com"));
        QCOMPARE(r.exit, 2);
        r = delegation(renamed, QStringLiteral("rdsh01.contoso.com"),
                       {QStringLiteral("--root"), QStringLiteral("HKLM\\SOFTWARE")});
        QVERIFY2(r.exit == 0, qPrintable(r.err));
    }

    void delegationBadInput()
    {
        const QString reg = data(QStringLiteral("delegation.reg"));
        const struct {
            QStringList args;
            const char *says;
        } cases[] = {
            { { QStringLiteral("--against"), reg }, "--server" },
            { { QStringLiteral("--server"), QStringLiteral("rdsh01") }, "--against" },
            { { QStringLiteral("--server"), QStringLiteral("rdsh01"), QStringLiteral("--kind"),
                  QStringLiteral("typed"), QStringLiteral("--against"), reg },
                "default, saved, fresh" },
            { { QStringLiteral("--server"), QStringLiteral("https://rdsh01/"), QStringLiteral("--against"),
                  reg },
                "is a URL" },
            { { QStringLiteral("--server"), QStringLiteral("rdsh01"), QStringLiteral("--against"),
                  path(QStringLiteral("missing.reg")) },
                "does not exist" },
            { { QStringLiteral("--server"), QStringLiteral("rdsh01"), QStringLiteral("--against"), reg,
                  QStringLiteral("--bogus") },
                "unknown option" },
        };
        for (const auto &c : cases) {
            const Run r
                = run(QStringList { QStringLiteral("evaluate"), QStringLiteral("delegation") } + c.args);
            QCOMPARE(r.exit, 2);
            QVERIFY2(r.err.contains(QLatin1String(c.says)), qPrintable(r.err));
            QVERIFY(r.out.isEmpty());
        }
        const Run what = run({ QStringLiteral("evaluate"), QStringLiteral("nothing") });
        QCOMPARE(what.exit, 2);
    }

    void browsersOnRegFile()
    {
        const QString reg = data(QStringLiteral("browsers.reg"));
        const QString portal = QStringLiteral("https://portal.contoso.com/");
        // Chrome: its own allowlists decide; delegation only for the listed host.
        Run r = browser(reg, QStringLiteral("chrome"), portal);
        QCOMPARE(r.exit, 0);
        QJsonObject o = r.json();
        QCOMPARE(o.value(QStringLiteral("negotiate")).toBool(false), true);
        QCOMPARE(o.value(QStringLiteral("delegate")).toBool(false), true);
        QCOMPARE(decided(o, "negotiateDecidedBy", "policy"), QStringLiteral("AuthServerAllowlist"));
        QCOMPARE(decided(o, "delegateDecidedBy", "entry"), QStringLiteral("portal.contoso.com"));
        QCOMPARE(o.value(QStringLiteral("spn")).toString(), QStringLiteral("HTTP/portal.contoso.com"));
        QCOMPARE(o.value(QStringLiteral("platform")).toString(), QStringLiteral("windows"));

        r = browser(reg, QStringLiteral("chrome"), QStringLiteral("https://web.contoso.com/"));
        QCOMPARE(r.exit, 0);
        QCOMPARE(r.json().value(QStringLiteral("delegate")).toBool(true), false);
        QCOMPARE(browser(reg, QStringLiteral("chrome"), QStringLiteral("https://notcontoso.com/")).exit, 1);

        // Edge has no allowlist here: the Local Intranet mapping decides; no delegate list, no delegation.
        r = browser(reg, QStringLiteral("edge"), portal);
        QCOMPARE(r.exit, 0);
        o = r.json();
        QCOMPARE(decided(o, "negotiateDecidedBy", "policy"), QStringLiteral("ZoneMapKey"));
        QCOMPARE(o.value(QStringLiteral("zone")).toObject().value(QStringLiteral("number")).toInt(), 1);
        QCOMPARE(o.value(QStringLiteral("delegate")).toBool(true), false);

        // IE: intranet zone → Negotiate and delegation; Trusted Sites → no automatic logon by default.
        r = browser(reg, QStringLiteral("ie"), portal);
        QCOMPARE(r.exit, 0);
        QCOMPARE(r.json().value(QStringLiteral("delegate")).toBool(false), true);
        r = browser(reg, QStringLiteral("ie"), QStringLiteral("https://app.fabrikam.com/"));
        QCOMPARE(r.exit, 1);
        QCOMPARE(
            r.json().value(QStringLiteral("zone")).toObject().value(QStringLiteral("number")).toInt(), 2);

        // Firefox: domain suffix on a dot boundary.
        QCOMPARE(browser(reg, QStringLiteral("firefox"), portal).exit, 0);
        QCOMPARE(browser(reg, QStringLiteral("firefox"), QStringLiteral("https://notcontoso.com/")).exit, 1);

        // Human output: the verdict first.
        r = run({ QStringLiteral("evaluate"), QStringLiteral("browser"), QStringLiteral("--url"), portal,
            QStringLiteral("--browser"), QStringLiteral("chrome"), QStringLiteral("--against"), reg });
        QCOMPARE(r.exit, 0);
        QVERIFY2(r.out.startsWith(QLatin1String("Negotiate: yes")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("SPN requested: HTTP/portal.contoso.com")), qPrintable(r.out));
    }

    void browsersOnJsonPolicyFiles()
    {
        // The browsers' own files, read through the JSON policy store at the same registry paths.
        const QString managed = data(QStringLiteral("managed.json"));
        Run r = browser(managed, QStringLiteral("chromium"), QStringLiteral("https://portal.contoso.com/"));
        QVERIFY2(r.exit == 0, qPrintable(r.err + r.out));
        QJsonObject o = r.json();
        QCOMPARE(o.value(QStringLiteral("negotiate")).toBool(false), true);
        QCOMPARE(o.value(QStringLiteral("delegate")).toBool(false), true);
        QCOMPARE(o.value(QStringLiteral("platform")).toString(), QStringLiteral("linux"));
        QCOMPARE(o.value(QStringLiteral("spn")).toString(), QStringLiteral("HTTP@portal.contoso.com"));
        QCOMPARE(
            browser(managed, QStringLiteral("chromium"), QStringLiteral("https://contoso.com/")).exit, 1);
        // A Chromium file holds no Chrome policy: say so rather than answer "not configured".
        r = browser(managed, QStringLiteral("chrome"), QStringLiteral("https://portal.contoso.com/"));
        QCOMPARE(r.exit, 2);
        QVERIFY2(r.err.contains(QLatin1String("--browser")), qPrintable(r.err));

        const QString policies = data(QStringLiteral("policies.json"));
        r = browser(policies, QStringLiteral("firefox"), QStringLiteral("https://portal.contoso.com/"));
        QVERIFY2(r.exit == 0, qPrintable(r.err + r.out));
        QCOMPARE(r.json().value(QStringLiteral("delegate")).toBool(false), true);
        // AllowNonFQDN.SPNEGO = true: a dotless host is trusted without being listed.
        r = browser(policies, QStringLiteral("firefox"), QStringLiteral("http://wiki/"));
        QCOMPARE(r.exit, 0);
        QCOMPARE(decided(r.json(), "negotiateDecidedBy", "policy"), QStringLiteral("AllowNonFQDN"));
        // URL prefix with a scheme: https only.
        QCOMPARE(
            browser(policies, QStringLiteral("firefox"), QStringLiteral("https://app.fabrikam.com/")).exit,
            0);
        QCOMPARE(
            browser(policies, QStringLiteral("firefox"), QStringLiteral("http://app.fabrikam.com/")).exit, 1);
        // --platform overrides the guess (policies.json also exists on Windows).
        r = browser(policies, QStringLiteral("firefox"), QStringLiteral("https://portal.contoso.com/"),
            { QStringLiteral("--platform"), QStringLiteral("windows") });
        QCOMPARE(r.json().value(QStringLiteral("spn")).toString(), QStringLiteral("HTTP/portal.contoso.com"));
    }

    void browserBadInput()
    {
        const QString reg = data(QStringLiteral("browsers.reg"));
        const struct {
            QStringList args;
            const char *says;
        } cases[] = {
            { { QStringLiteral("--url"), QStringLiteral("https://a.contoso.com/"),
                  QStringLiteral("--against"), reg },
                "--browser" },
            { { QStringLiteral("--url"), QStringLiteral("https://a.contoso.com/"),
                  QStringLiteral("--browser"), QStringLiteral("safari"), QStringLiteral("--against"), reg },
                "chrome, chromium, edge, firefox, ie" },
            { { QStringLiteral("--url"), QStringLiteral("portal.contoso.com"), QStringLiteral("--browser"),
                  QStringLiteral("chrome"), QStringLiteral("--against"), reg },
                "no scheme" },
            { { QStringLiteral("--url"), QStringLiteral("https://a.contoso.com/"),
                  QStringLiteral("--browser"), QStringLiteral("ie"), QStringLiteral("--platform"),
                  QStringLiteral("linux"), QStringLiteral("--against"), reg },
                "Windows only" },
            { { QStringLiteral("--url"), QStringLiteral("https://a.contoso.com/"),
                  QStringLiteral("--browser"), QStringLiteral("chrome"), QStringLiteral("--platform"),
                  QStringLiteral("mac"), QStringLiteral("--against"), reg },
                "windows, linux" },
        };
        for (const auto &c : cases) {
            const Run r = run(QStringList { QStringLiteral("evaluate"), QStringLiteral("browser") } + c.args);
            QCOMPARE(r.exit, 2);
            QVERIFY2(r.err.contains(QLatin1String(c.says)), qPrintable(r.err));
        }
    }
};

QTEST_GUILESS_MAIN(TestEvaluateCli)
#include "tst_evaluate_cli.moc"
