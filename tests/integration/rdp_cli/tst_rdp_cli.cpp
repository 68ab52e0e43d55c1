// `ssodoctor-cli rdp lint|fix` end to end: the real binary on real files, and the corrected copies
// read back by FreeRDP's own .rdp parser (libfreerdp-client2) when it is installed.
#include "core/rdp/RdpFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <unistd.h>

using namespace ssod::core::rdp;

namespace {

struct Run {
    int exit = -1;
    QString out;
    QString err;
};

Run run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished(5000);
        qFatal("%s did not finish: %s", qPrintable(program), qPrintable(args.join(QLatin1Char(' '))));
    }
    return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
        QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError()) };
}

Run cli(const QStringList &args)
{
    return run(qEnvironmentVariable("SSOD_CLI"), args);
}

QString data(const QString &name)
{
    return qEnvironmentVariable("SSOD_TEST_DATA") + QStringLiteral("/rdp/") + name;
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QJsonObject json(const Run &r)
{
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

} // namespace

class TestRdpCli final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }

private slots:
    void cleanFileExitsZero()
    {
        Run r
            = cli({ QStringLiteral("rdp"), QStringLiteral("lint"), data(QStringLiteral("clean_utf16.rdp")) });
        QCOMPARE(r.exit, 0);
        QVERIFY2(r.out.contains(QStringLiteral("No findings")), qPrintable(r.out));
        // The settings are listed in plain words even when nothing is flagged.
        QVERIFY(r.out.contains(QStringLiteral("authentication level:i:2")));
        r = cli({ QStringLiteral("rdp"), QStringLiteral("lint"), data(QStringLiteral("clean_utf16.rdp")),
            QStringLiteral("--json") });
        QCOMPARE(r.exit, 0);
        const QJsonObject o = json(r);
        QCOMPARE(o.value(QStringLiteral("file")).toString(), data(QStringLiteral("clean_utf16.rdp")));
        QCOMPARE(o.value(QStringLiteral("findings")).toArray().size(), 0);
        QCOMPARE(o.value(QStringLiteral("encoding")).toString(), QStringLiteral("UTF-16LE with BOM"));
        bool sawAddress = false;
        for (const QJsonValue &v : o.value(QStringLiteral("settings")).toArray()) {
            const QJsonObject s = v.toObject();
            if (s.value(QStringLiteral("name")).toString() == QLatin1String("full address")) {
                sawAddress = true;
                QCOMPARE(s.value(QStringLiteral("value")).toString(), QStringLiteral("rdsh01.contoso.com"));
                QCOMPARE(s.value(QStringLiteral("set")).toBool(), true);
            }
        }
        QVERIFY(sawAddress);
    }

    void brokerFileIsFlagged()
    {
        const Run r = cli({ QStringLiteral("rdp"), QStringLiteral("lint"),
            data(QStringLiteral("broker_farm_utf16.rdp")), QStringLiteral("--json") });
        QCOMPARE(r.exit, 1);
        const QJsonArray findings = json(r).value(QStringLiteral("findings")).toArray();
        QStringList settings;
        for (const QJsonValue &v : findings) {
            const QJsonObject f = v.toObject();
            QVERIFY(!f.value(QStringLiteral("setting")).toString().isEmpty());
            QVERIFY(
                QStringList({ QStringLiteral("info"), QStringLiteral("warning"), QStringLiteral("error") })
                    .contains(f.value(QStringLiteral("severity")).toString()));
            QVERIFY(!f.value(QStringLiteral("title")).toString().isEmpty());
            QVERIFY(!f.value(QStringLiteral("explanation")).toString().isEmpty());
            QVERIFY(f.contains(QStringLiteral("value")));
            QVERIFY(f.contains(QStringLiteral("fix")));
            settings << f.value(QStringLiteral("setting")).toString();
        }
        settings.sort();
        // The file sets prompt for credentials on client:i:1 and use redirection server name:i:0 next
        // to a loadbalanceinfo; everything else in it is harmless (gatewayhostname is empty).
        QCOMPARE(settings,
            (QStringList { QStringLiteral("prompt for credentials on client"),
                QStringLiteral("use redirection server name") }));
        const Run human = cli(
            { QStringLiteral("rdp"), QStringLiteral("lint"), data(QStringLiteral("broker_farm_utf16.rdp")) });
        QCOMPARE(human.exit, 1);
        QVERIFY(human.out.contains(QStringLiteral("[warning]")));
        QVERIFY(human.out.contains(QStringLiteral("use redirection server name:i:1")));
    }

    void infoFindingsDoNotFlag()
    {
        const QString f = path(QStringLiteral("entra.rdp"));
        writeFile(f, "full address:s:avd01.contoso.com\r\nenablerdsaadauth:i:1\r\n");
        const Run r = cli({ QStringLiteral("rdp"), QStringLiteral("lint"), f, QStringLiteral("--json") });
        QCOMPARE(r.exit, 0);
        const QJsonArray findings = json(r).value(QStringLiteral("findings")).toArray();
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings[0].toObject().value(QStringLiteral("severity")).toString(), QStringLiteral("info"));
        QCOMPARE(findings[0].toObject().value(QStringLiteral("setting")).toString(),
            QStringLiteral("enablerdsaadauth"));
    }

    void badInputExitsTwoNamingTheFile()
    {
        Run r = cli(
            { QStringLiteral("rdp"), QStringLiteral("lint"), data(QStringLiteral("malformed_utf16.rdp")) });
        QCOMPARE(r.exit, 2);
        QVERIFY2(r.err.contains(QStringLiteral("malformed_utf16.rdp:3")), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        const QString missing = path(QStringLiteral("missing.rdp"));
        r = cli({ QStringLiteral("rdp"), QStringLiteral("lint"), missing });
        QCOMPARE(r.exit, 2);
        QVERIFY2(
            r.err.contains(missing) && r.err.contains(QStringLiteral("does not exist")), qPrintable(r.err));
        r = cli({ QStringLiteral("rdp"), QStringLiteral("lint"), m_dir.path() });
        QCOMPARE(r.exit, 2);
        QVERIFY2(r.err.contains(m_dir.path()) && r.err.contains(QStringLiteral("folder")), qPrintable(r.err));
        if (::geteuid() != 0) {
            const QString locked = path(QStringLiteral("locked.rdp"));
            writeFile(locked, "full address:s:x\r\n");
            QVERIFY(QFile::setPermissions(locked, QFileDevice::Permissions()));
            r = cli({ QStringLiteral("rdp"), QStringLiteral("lint"), locked });
            QCOMPARE(r.exit, 2);
            QVERIFY2(r.err.contains(locked), qPrintable(r.err));
        }
        r = cli({ QStringLiteral("rdp"), QStringLiteral("fix"), data(QStringLiteral("clean_utf16.rdp")) });
        QCOMPARE(r.exit, 2);
        QVERIFY(r.err.contains(QStringLiteral("-o OUT")));
        r = cli(
            { QStringLiteral("rdp"), QStringLiteral("frobnicate"), data(QStringLiteral("clean_utf16.rdp")) });
        QCOMPARE(r.exit, 2);
        r = cli({ QStringLiteral("rdp") });
        QCOMPARE(r.exit, 2);
    }

    void fixWritesCleanCopyInSameEncoding()
    {
        const QString in = data(QStringLiteral("broker_farm_utf16.rdp"));
        const QByteArray original = fileBytes(in);
        const QString out = path(QStringLiteral("broker-fixed.rdp"));
        const Run r = cli({ QStringLiteral("rdp"), QStringLiteral("fix"), in, QStringLiteral("-o"), out });
        QCOMPARE(r.exit, 0);
        QVERIFY2(r.out.contains(QStringLiteral("prompt for credentials on client:i:0")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("use redirection server name:i:1")));
        QCOMPARE(fileBytes(in), original);
        const QByteArray written = fileBytes(out);
        QVERIFY(written.startsWith(QByteArray("\xff\xfe", 2)));
        QCOMPARE(written.size(), original.size()); // two digits changed, nothing added
        const Run relint
            = cli({ QStringLiteral("rdp"), QStringLiteral("lint"), out, QStringLiteral("--json") });
        QCOMPARE(relint.exit, 0);
        QCOMPARE(json(relint).value(QStringLiteral("findings")).toArray().size(), 0);
    }

    void fixLeavesOnlyManualFindings()
    {
        const QString out = path(QStringLiteral("weak-fixed.rdp"));
        const Run r = cli({ QStringLiteral("rdp"), QStringLiteral("fix"),
            data(QStringLiteral("weak_utf8.rdp")), QStringLiteral("-o"), out });
        QCOMPARE(r.exit, 0);
        QVERIFY2(r.out.contains(QStringLiteral("3 changes")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("Still to do by hand")));
        const Run relint
            = cli({ QStringLiteral("rdp"), QStringLiteral("lint"), out, QStringLiteral("--json") });
        // The IP address and the gateway's password prompt need a person: still flagged, but
        // nothing left that the fixer could have done.
        QCOMPARE(relint.exit, 1);
        const QJsonArray findings = json(relint).value(QStringLiteral("findings")).toArray();
        QVERIFY(!findings.isEmpty());
        for (const QJsonValue &v : findings) {
            const QJsonValue fix = v.toObject().value(QStringLiteral("fix"));
            QVERIFY(fix.isNull() || !fix.toObject().value(QStringLiteral("automatic")).toBool());
        }
        QVERIFY(!fileBytes(out).startsWith(QByteArray("\xef\xbb\xbf")));
        QVERIFY(!fileBytes(out).contains('\r'));
    }

    void fixNeverLosesData()
    {
        const QString copy = path(QStringLiteral("mine.rdp"));
        writeFile(copy, fileBytes(data(QStringLiteral("weak_utf8.rdp"))));
        const QByteArray before = fileBytes(copy);
        // The input is never the output, also when named differently.
        Run r = cli({ QStringLiteral("rdp"), QStringLiteral("fix"), copy, QStringLiteral("-o"),
            m_dir.path() + QStringLiteral("/./mine.rdp") });
        QCOMPARE(r.exit, 2);
        QVERIFY2(r.err.contains(QStringLiteral("input file")), qPrintable(r.err));
        QCOMPARE(fileBytes(copy), before);
        // An existing output needs --force.
        const QString other = path(QStringLiteral("other.rdp"));
        writeFile(other, "keep me");
        r = cli({ QStringLiteral("rdp"), QStringLiteral("fix"), copy, QStringLiteral("-o"), other });
        QCOMPARE(r.exit, 2);
        QVERIFY(r.err.contains(QStringLiteral("--force")));
        QCOMPARE(fileBytes(other), QByteArray("keep me"));
        r = cli({ QStringLiteral("rdp"), QStringLiteral("fix"), copy, QStringLiteral("-o"), other,
            QStringLiteral("--force") });
        QCOMPARE(r.exit, 0);
        QVERIFY(fileBytes(other).contains("EnableCredSSPSupport:i:1"));
        // A malformed input or an unwritable output writes nothing at all.
        const QString notWritten = path(QStringLiteral("never.rdp"));
        r = cli({ QStringLiteral("rdp"), QStringLiteral("fix"), data(QStringLiteral("malformed_utf16.rdp")),
            QStringLiteral("-o"), notWritten });
        QCOMPARE(r.exit, 2);
        QVERIFY(!QFile::exists(notWritten));
        const QString noDir = path(QStringLiteral("no/such/dir/out.rdp"));
        r = cli({ QStringLiteral("rdp"), QStringLiteral("fix"), copy, QStringLiteral("-o"), noDir });
        QCOMPARE(r.exit, 2);
        QVERIFY2(r.err.contains(noDir), qPrintable(r.err));
        r = cli({ QStringLiteral("rdp"), QStringLiteral("fix"), copy, QStringLiteral("-o"), m_dir.path() });
        QCOMPARE(r.exit, 2);
        QVERIFY(r.err.contains(QStringLiteral("folder")));
        // Nothing but the files this test wrote (no temporary leftovers).
        QStringList entries = QDir(m_dir.path()).entryList(QDir::Files);
        QVERIFY2(!entries.join(QLatin1Char(' ')).contains(QStringLiteral("never")),
            qPrintable(entries.join(QLatin1Char(' '))));
    }

    void freerdpReadsWhatWeRead_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("broker sample") << data(QStringLiteral("broker_farm_utf16.rdp"));
        QTest::newRow("clean sample") << data(QStringLiteral("clean_utf16.rdp"));
        QTest::newRow("weak sample") << data(QStringLiteral("weak_utf8.rdp"));
        QTest::newRow("broker fixed") << QStringLiteral("fixed:broker_farm_utf16.rdp");
        QTest::newRow("weak fixed") << QStringLiteral("fixed:weak_utf8.rdp");
        QTest::newRow("appended line") << QStringLiteral("fixed-append");
    }

    void freerdpReadsWhatWeRead()
    {
        const QString dump = qEnvironmentVariable("SSOD_FREERDP_DUMP");
        if (dump.isEmpty())
            QSKIP("FreeRDP's .rdp parser is not available: install freerdp2-dev and reconfigure");
        QFETCH(QString, file);
        if (file == QLatin1String("fixed-append")) {
            // No final line break and a missing setting: the fixer must terminate the last line.
            const QString in = path(QStringLiteral("append-in.rdp"));
            writeFile(in,
                "full address:s:rdcb.contoso.com\r\nloadbalanceinfo:s:tsv://MS Terminal Services Plugin.1.X");
            file = in;
        }
        if (file.startsWith(QLatin1String("fixed"))) {
            const QString in = file.startsWith(QLatin1String("fixed:")) ? data(file.mid(6)) : file;
            const QString out = path(QFileInfo(in).completeBaseName() + QStringLiteral("-xcheck.rdp"));
            QFile::remove(out);
            QCOMPARE(
                cli({ QStringLiteral("rdp"), QStringLiteral("fix"), in, QStringLiteral("-o"), out }).exit, 0);
            file = out;
        }
        auto ours = RdpFile::load(file);
        QVERIFY2(ours, qPrintable(ours ? QString() : ours.error().toString()));
        QStringList expected;
        for (const RdpLine &l : ours->lines())
            if (l.isSetting())
                expected << l.name + QLatin1Char('\t') + l.type + QLatin1Char('\t') + l.value;
        const Run r = run(dump, { file });
        QCOMPARE(r.exit, 0);
        QCOMPARE(r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts), expected);
        if (file.endsWith(QLatin1String("-xcheck.rdp")) && file.contains(QLatin1String("append"))) {
            QCOMPARE(expected,
                (QStringList { QStringLiteral("full address\ts\trdcb.contoso.com"),
                    QStringLiteral("loadbalanceinfo\ts\ttsv://MS Terminal Services Plugin.1.X"),
                    QStringLiteral("use redirection server name\ti\t1") }));
        }
    }
};

QTEST_GUILESS_MAIN(TestRdpCli)
#include "tst_rdp_cli.moc"
