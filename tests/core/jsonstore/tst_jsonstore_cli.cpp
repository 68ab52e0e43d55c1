// ssodoctor-cli plan | apply | undo with browser policy files as targets, end to end through the
// real binary ($SSOD_CLI): a Chromium managed-policy file that already holds other policies, a
// Firefox policies.json that does not exist yet, and a malformed file that must stay untouched.
#include <QDir>
#include <QFile>
#include <QJsonArray>
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
};

Run cli(const QStringList &args)
{
    QProcess p;
    p.start(qEnvironmentVariable("SSOD_CLI"), args);
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished(5000);
        return { -1, {},
            QStringLiteral("ssodoctor-cli did not finish within 60 s: ") + args.join(QLatin1Char(' ')) };
    }
    return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
        QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError()) };
}

QByteArray readBytes(const QString &file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QJsonObject readJson(const QString &file)
{
    return QJsonDocument::fromJson(readBytes(file)).object();
}

QString describe(const Run &r)
{
    return QStringLiteral("exit %1\nstdout:\n%2\nstderr:\n%3").arg(r.exit).arg(r.out, r.err);
}

} // namespace

class TestJsonStoreCli final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("SSOD_CLI")), "SSOD_CLI must name ssodoctor-cli");
    }

    void chromiumPolicyFile()
    {
        const QString file = m_dir.filePath(QStringLiteral("sso.json"));
        const QString backup = m_dir.filePath(QStringLiteral("sso-backup.reg"));
        const QByteArray original = "{\n  \"HomepageLocation\": \"https://intranet.contoso.com\",\n  "
                                    "\"URLBlocklist\": [\"a.example\"]\n}\n";
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(original);
        f.close();
        const QStringList spec { QStringLiteral("browser.negotiate-allowlist=portal.contoso.com,localhost"),
            QStringLiteral("browser.delegate-allowlist=portal.contoso.com") };

        Run r = cli(QStringList { QStringLiteral("plan") } + spec
            + QStringList { QStringLiteral("--against"), file });
        QVERIFY2(r.exit == 1, qPrintable(describe(r)));
        QVERIFY2(r.out.contains(QLatin1String("HKLM\\SOFTWARE\\Policies\\Chromium \"AuthServerAllowlist\"")),
            qPrintable(r.out));
        QVERIFY2(
            !r.out.contains(QLatin1String("Google\\Chrome")) && !r.out.contains(QLatin1String("Firefox")),
            qPrintable(r.out));

        r = cli(QStringList { QStringLiteral("apply") } + spec
            + QStringList { QStringLiteral("--to"), file, QStringLiteral("--backup"), backup });
        QVERIFY2(r.exit == 0, qPrintable(describe(r)));
        const QJsonObject applied = readJson(file);
        QCOMPARE(applied.value(QLatin1String("AuthServerAllowlist")).toString(),
            QStringLiteral("portal.contoso.com, localhost"));
        QCOMPARE(applied.value(QLatin1String("AuthNegotiateDelegateAllowlist")).toString(),
            QStringLiteral("portal.contoso.com"));
        QCOMPARE(applied.value(QLatin1String("HomepageLocation")).toString(),
            QStringLiteral("https://intranet.contoso.com"));
        QCOMPARE(applied.value(QLatin1String("URLBlocklist")).toArray(),
            QJsonArray { QStringLiteral("a.example") });
        QCOMPARE(applied.size(), 4);

        r = cli(QStringList { QStringLiteral("plan") } + spec
            + QStringList { QStringLiteral("--against"), file });
        QVERIFY2(r.exit == 0 && r.out.contains(QLatin1String("Already compliant")), qPrintable(describe(r)));

        r = cli({ QStringLiteral("undo"), QStringLiteral("--backup"), backup, QStringLiteral("--to"), file });
        QVERIFY2(r.exit == 0, qPrintable(describe(r)));
        QCOMPARE(readJson(file), QJsonDocument::fromJson(original).object());
    }

    void firefoxPoliciesJsonCreatedAndUndone()
    {
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("firefox"))));
        const QString file = m_dir.filePath(QStringLiteral("firefox/policies.json"));
        const QString backup = m_dir.filePath(QStringLiteral("firefox-backup.reg"));
        Run r = cli({ QStringLiteral("apply"),
            QStringLiteral("browser.negotiate-allowlist=contoso.com,https://portal.fabrikam.com"),
            QStringLiteral("browser.delegate-allowlist=portal.contoso.com"), QStringLiteral("--to"), file,
            QStringLiteral("--backup"), backup });
        QVERIFY2(r.exit == 0, qPrintable(describe(r)));
        QVERIFY2(r.out.contains(QLatin1String("Firefox policies.json")), qPrintable(r.out));
        // Mozilla's documented form: {"policies": {"Authentication": {"SPNEGO": [...], "Delegated": [...]}}}
        const QJsonObject auth = readJson(file)
                                     .value(QLatin1String("policies"))
                                     .toObject()
                                     .value(QLatin1String("Authentication"))
                                     .toObject();
        QCOMPARE(auth.value(QLatin1String("SPNEGO")).toArray(),
            (QJsonArray { QStringLiteral("contoso.com"), QStringLiteral("https://portal.fabrikam.com") }));
        QCOMPARE(auth.value(QLatin1String("Delegated")).toArray(),
            QJsonArray { QStringLiteral("portal.contoso.com") });
        QCOMPARE(auth.size(), 2);

        r = cli({ QStringLiteral("plan"), QStringLiteral("browser.negotiate-allowlist=contoso.com"),
            QStringLiteral("--against"), file });
        QVERIFY2(r.exit == 0, qPrintable(describe(r)));

        r = cli({ QStringLiteral("undo"), QStringLiteral("--backup"), backup, QStringLiteral("--to"), file });
        QVERIFY2(r.exit == 0, qPrintable(describe(r)));
        // The file did not exist: undo leaves an empty policy set (Authentication removed whole).
        QCOMPARE(readJson(file), QJsonDocument::fromJson(R"({"policies": {}})").object());
    }

    void rootNamesTheBrowser()
    {
        const QString file = m_dir.filePath(QStringLiteral("chrome.json"));
        Run r = cli({ QStringLiteral("apply"),
            QStringLiteral("browser.negotiate-allowlist=portal.contoso.com"), QStringLiteral("--to"), file,
            QStringLiteral("--root"), QStringLiteral("HKLM\\SOFTWARE\\Policies\\Google\\Chrome"),
            QStringLiteral("--backup"), m_dir.filePath(QStringLiteral("chrome-backup.reg")) });
        QVERIFY2(r.exit == 0, qPrintable(describe(r)));
        QVERIFY2(
            r.out.contains(QLatin1String("HKLM\\SOFTWARE\\Policies\\Google\\Chrome \"AuthServerAllowlist\"")),
            qPrintable(r.out));
        QCOMPARE(readJson(file).value(QLatin1String("AuthServerAllowlist")).toString(),
            QStringLiteral("portal.contoso.com"));
    }

    void badTargetsAreRefusedUntouched()
    {
        const QString file = m_dir.filePath(QStringLiteral("broken.json"));
        const QByteArray broken = "{\n  \"AuthServerAllowlist\": \"a\"\n  \"X\": 1\n}\n";
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(broken);
        f.close();
        const QString backup = m_dir.filePath(QStringLiteral("broken-backup.reg"));
        Run r = cli({ QStringLiteral("apply"), QStringLiteral("browser.negotiate-allowlist=localhost"),
            QStringLiteral("--to"), file, QStringLiteral("--backup"), backup });
        QCOMPARE(r.exit, 2);
        // The missing comma is noticed where "X" starts, on line 3.
        QVERIFY2(
            r.err.contains(file + QStringLiteral(":3")) && r.err.contains(QLatin1String("not valid JSON")),
            qPrintable(r.err));
        QCOMPARE(readBytes(file), broken);
        QVERIFY(!QFile::exists(backup));

        const QString good = m_dir.filePath(QStringLiteral("good.json"));
        QFile g(good);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write("{}");
        g.close();
        r = cli({ QStringLiteral("apply"),
            QStringLiteral("delegation.default-credentials=TERMSRV/*.contoso.com"), QStringLiteral("--to"),
            good, QStringLiteral("--backup"), m_dir.filePath(QStringLiteral("good-backup.reg")) });
        QCOMPARE(r.exit, 2);
        QVERIFY2(r.err.contains(QLatin1String("cannot hold")), qPrintable(r.err));
        QCOMPARE(readBytes(good), QByteArray("{}"));
    }
};

QTEST_GUILESS_MAIN(TestJsonStoreCli)
#include "tst_jsonstore_cli.moc"
