// The CLI contract end to end: the real ssodoctor-cli binary against real files and offline hives,
// with hivexget/hivexsh (libhivex-bin) as the independent reader and writer of hive contents.
#include "tests/common/TestTools.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exit = -1;
    QString out;
    QString err;
};

Run run(const QStringList &args, const QByteArray &stdinData = {})
{
    QProcess p;
    p.start(qEnvironmentVariable("SSOD_CLI"), args);
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000))
        qFatal("ssodoctor-cli did not finish: %s", qPrintable(args.join(QLatin1Char(' '))));
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QString tool(const QString &program, const QStringList &args, const QByteArray &input = {})
{
    const auto r = ssod::testtools::runTool(program, args, input);
    if (!r.ok)
        qWarning("%s failed: %s", qPrintable(program), qPrintable(r.err));
    return r.out.trimmed();
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString makeSystemHive(const QString &dir)
{
    const QString hive = dir + QStringLiteral("/SYSTEM");
    if (!ssod::testtools::makeSystemHive(hive))
        qWarning("could not make the SYSTEM hive in %s", qPrintable(dir));
    return hive;
}

QJsonObject json(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

} // namespace

class TestCli final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }

private slots:
    void settingsListAndShow()
    {
        Run r = run({QStringLiteral("settings"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(r.exit, 0);
        const QJsonArray all = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QVERIFY(all.size() >= 20);
        r = run({QStringLiteral("settings"), QStringLiteral("show"), QStringLiteral("delegation.default-credentials"), QStringLiteral("--json")});
        QCOMPARE(r.exit, 0);
        const QJsonObject s = json(r.out);
        QVERIFY(s.value(QStringLiteral("gpoPath")).toString().contains(QStringLiteral("Credentials Delegation > Allow Delegating Default Credentials"), Qt::CaseInsensitive));
        r = run({QStringLiteral("settings"), QStringLiteral("show"), QStringLiteral("nope")});
        QCOMPARE(r.exit, 2);
        QVERIFY(r.err.contains(QStringLiteral("unknown setting")));
    }

    void planAgainstEmptyRegistry()
    {
        const Run r = run({QStringLiteral("plan"), QStringLiteral("credssp.encryption-oracle=0"), QStringLiteral("--json")});
        QCOMPARE(r.exit, 1);
        const QJsonObject o = json(r.out);
        QCOMPARE(o.value(QStringLiteral("compliant")).toBool(true), false);
        const QJsonArray changes = o.value(QStringLiteral("changes")).toArray();
        const QJsonObject set = changes.last().toObject();
        QCOMPARE(set.value(QStringLiteral("action")).toString(), QStringLiteral("set-value"));
        QCOMPARE(set.value(QStringLiteral("key")).toString(),
                 QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters"));
        QCOMPARE(set.value(QStringLiteral("value")).toString(), QStringLiteral("AllowEncryptionOracle"));
        QCOMPARE(set.value(QStringLiteral("after")).toObject().value(QStringLiteral("data")).toInt(), 0);
    }

    void badUsage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no command") << QStringList{} << "Usage";
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frob")} << "unknown command";
        QTest::newRow("unknown setting") << QStringList{QStringLiteral("plan"), QStringLiteral("x.y")} << "unknown setting";
        QTest::newRow("bad value") << QStringList{QStringLiteral("plan"), QStringLiteral("rdp.nla=maybe")} << "on|off";
        QTest::newRow("apply no target") << QStringList{QStringLiteral("apply"), QStringLiteral("rdp.nla")} << "--to";
        QTest::newRow("bad format") << QStringList{QStringLiteral("export"), QStringLiteral("rdp.nla"), QStringLiteral("--format"), QStringLiteral("doc")} << "--format";
        QTest::newRow("missing file") << QStringList{QStringLiteral("plan"), QStringLiteral("rdp.nla"), QStringLiteral("--against"), QStringLiteral("/nonexistent/x.reg")} << "does not exist";
    }
    void badUsage()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        const Run r = run(args);
        QCOMPARE(r.exit, 2);
        QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
        QVERIFY(r.err.count(QLatin1Char('\n')) <= 1 || mentions == QLatin1String("Usage"));
    }

    void malformedTargetsNameFileAndPlace()
    {
        QFile reg(path(QStringLiteral("bad.reg")));
        QVERIFY(reg.open(QIODevice::WriteOnly));
        // The broken value is in the key rdp.nla reads, so the plan cannot be made.
        reg.write("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\"
                  "Terminal Server\\WinStations\\RDP-Tcp]\r\n\"A\"=hex:01,zz\r\n");
        reg.close();
        // regedit skips the value and imports the rest: so does plan, naming file and line; --strict
        // refuses the file.
        Run r = run({QStringLiteral("plan"), QStringLiteral("rdp.nla"), QStringLiteral("--against"), reg.fileName()});
        QCOMPARE(r.exit, 1);
        QVERIFY2(r.err.contains(QStringLiteral("warning: bad.reg:4: bad hex byte 'zz' in value \"A\"")),
            qPrintable(r.err));
        QVERIFY2(
            r.err.contains(QStringLiteral("1 value could not be read and was skipped")), qPrintable(r.err));
        r = run({ QStringLiteral("plan"), QStringLiteral("rdp.nla"), QStringLiteral("--against"),
            reg.fileName(), QStringLiteral("--strict") });
        QCOMPARE(r.exit, 2);
        QVERIFY2(r.err.contains(QStringLiteral("error: bad.reg:4")), qPrintable(r.err));
        r = run({ QStringLiteral("plan"), QStringLiteral("rdp.nla"), QStringLiteral("--against"),
            reg.fileName(), QStringLiteral("--json") });
        const QJsonArray fileWarnings = QJsonDocument::fromJson(r.out.toUtf8())
                                            .object()
                                            .value(QStringLiteral("fileWarnings"))
                                            .toArray();
        QCOMPARE(fileWarnings.size(), 1);
        const QJsonObject w = fileWarnings.first().toObject();
        QCOMPARE(w.value(QStringLiteral("kind")).toString(), QStringLiteral("skipped"));
        QCOMPARE(w.value(QStringLiteral("location")).toString(), QStringLiteral("bad.reg:4"));
        QCOMPARE(
            w.value(QStringLiteral("key")).toString(), QStringLiteral("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp"));
        QCOMPARE(w.value(QStringLiteral("value")).toString(), QStringLiteral("A"));
        // apply rewrites the file without the unreadable line, and says so before anything else.
        r = run({ QStringLiteral("apply"), QStringLiteral("rdp.nla"), QStringLiteral("--to"), reg.fileName(),
            QStringLiteral("--strict") });
        QCOMPARE(r.exit, 2);
        QVERIFY(fileBytes(reg.fileName()).endsWith("hex:01,zz\r\n"));
        r = run(
            { QStringLiteral("apply"), QStringLiteral("rdp.nla"), QStringLiteral("--to"), reg.fileName() });
        QCOMPARE(r.exit, 0);
        QVERIFY2(r.err.contains(QStringLiteral("not in the rewritten file")), qPrintable(r.err));
        // A plan reads only the keys it changes (a full registry export is read in part): a broken
        // value in a key it does not read cannot change its answer and is not reported.
        QFile other(path(QStringLiteral("other.reg")));
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\X]\r\n\"A\"=hex:01,zz\r\n");
        other.close();
        r = run({QStringLiteral("plan"), QStringLiteral("rdp.nla"), QStringLiteral("--against"), other.fileName()});
        QCOMPARE(r.exit, 1);
        QVERIFY2(!r.err.contains(QStringLiteral("warning:")), qPrintable(r.err));
        // Applying reads and rewrites the whole file, so there the broken value is named.
        r = run({QStringLiteral("apply"), QStringLiteral("rdp.nla"), QStringLiteral("--to"), other.fileName(),
                 QStringLiteral("--strict")});
        QCOMPARE(r.exit, 2);
        QVERIFY2(r.err.contains(QStringLiteral("other.reg:4")), qPrintable(r.err));

        QFile pol(path(QStringLiteral("bad.pol")));
        QVERIFY(pol.open(QIODevice::WriteOnly));
        // A key path cut off after "[S": the header and 4 bytes of UTF-16LE (12 bytes, no NUL).
        pol.write(QByteArray("PReg\x01\x00\x00\x00[\x00S\x00", 12));
        pol.close();
        r = run({QStringLiteral("plan"), QStringLiteral("rdp.nla"), QStringLiteral("--against"), pol.fileName()});
        QCOMPARE(r.exit, 2);
        QVERIFY2(r.err.contains(QStringLiteral("bad.pol@0x")), qPrintable(r.err));

        // A real Registry.pol from a public repository whose every NUL was replaced by a space
        // (../shared/corpus): the version field is no longer 1, so reading stops at offset 4.
        const QString corrupt = qEnvironmentVariable("SSOD_CORPUS")
            + QStringLiteral("/pol/marckean__AVD-CSE-VDOT__Registry.pol");
        QVERIFY2(QFile::exists(corrupt), qPrintable(corrupt));
        for (const QString &command : { QStringLiteral("plan"), QStringLiteral("apply") }) {
            const QString option
                = command == QLatin1String("plan") ? QStringLiteral("--against") : QStringLiteral("--to");
            r = run({ command, QStringLiteral("rdp.nla"), option, corrupt });
            QCOMPARE(r.exit, 2);
            QVERIFY2(r.err.contains(QStringLiteral("marckean__AVD-CSE-VDOT__Registry.pol@0x4:")),
                qPrintable(r.err));
        }
        r = run({ QStringLiteral("convert"), corrupt, path(QStringLiteral("corrupt.reg")) });
        QCOMPARE(r.exit, 2);
        QVERIFY2(r.err.contains(QStringLiteral("@0x4:")), qPrintable(r.err));
        QVERIFY(!QFile::exists(path(QStringLiteral("corrupt.reg"))));

        QFile junk(path(QStringLiteral("junk.bin")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("\x7f" "ELF garbage");
        junk.close();
        r = run({QStringLiteral("plan"), QStringLiteral("rdp.nla"), QStringLiteral("--against"), junk.fileName()});
        QCOMPARE(r.exit, 2);
        QVERIFY2(r.err.contains(QStringLiteral("not a .reg file, Registry.pol or registry hive")), qPrintable(r.err));

        // A truncated hive is refused, never half-read.
        const QString hive = makeSystemHive(m_dir.path());
        QDir().mkpath(path(QStringLiteral("trunc")));
        QFile t(path(QStringLiteral("trunc/SOFTWARE")));
        QVERIFY(t.open(QIODevice::WriteOnly));
        t.write(fileBytes(hive).left(5000));
        t.close();
        r = run({QStringLiteral("plan"), QStringLiteral("certs.disable-root-auto-update"), QStringLiteral("--against"), t.fileName()});
        QCOMPARE(r.exit, 2);
        QVERIFY(!r.err.isEmpty());
    }

    void applyToRegFileThenCompliantThenUndo()
    {
        const QString target = path(QStringLiteral("client.reg"));
        const QString backup = path(QStringLiteral("client-backup.reg"));
        const QStringList specs{QStringLiteral("delegation.default-credentials=TERMSRV/*.lab.test"),
                                QStringLiteral("delegation.default-credentials-ntlm=TERMSRV/*.lab.test")};
        Run r = run(QStringList{QStringLiteral("apply")} + specs + QStringList{QStringLiteral("--to"), target, QStringLiteral("--backup"), backup});
        QCOMPARE(r.exit, 0);
        QVERIFY2(r.out.contains(QStringLiteral("verified")), qPrintable(r.out));
        QVERIFY(QFile::exists(backup));
        const QByteArray written = fileBytes(target);
        QVERIFY(written.startsWith("\xff\xfe"));

        r = run(QStringList{QStringLiteral("plan")} + specs + QStringList{QStringLiteral("--against"), target});
        QCOMPARE(r.exit, 0);
        QVERIFY(r.out.contains(QStringLiteral("Already compliant")));
        r = run(QStringList{QStringLiteral("apply")} + specs + QStringList{QStringLiteral("--to"), target});
        QCOMPARE(r.exit, 0);
        QVERIFY(r.out.contains(QStringLiteral("Already compliant")));
        QCOMPARE(fileBytes(target), written); // the second apply wrote nothing

        // A second apply that would reuse the backup name is refused: the first backup stays usable.
        const QByteArray backupBytes = fileBytes(backup);
        r = run({QStringLiteral("apply"), QStringLiteral("rdp.nla=off"), QStringLiteral("--to"), target, QStringLiteral("--backup"), backup});
        QCOMPARE(r.exit, 2);
        QVERIFY2(r.err.contains(QStringLiteral("already exists")), qPrintable(r.err));
        QCOMPARE(fileBytes(backup), backupBytes);
        QCOMPARE(fileBytes(target), written);

        r = run({QStringLiteral("undo"), QStringLiteral("--backup"), backup, QStringLiteral("--to"), target});
        QCOMPARE(r.exit, 0);
        r = run(QStringList{QStringLiteral("plan")} + specs + QStringList{QStringLiteral("--against"), target, QStringLiteral("--json")});
        QCOMPARE(r.exit, 1);
        // Undo removed the keys the apply created: nothing of the policy is left.
        r = run({QStringLiteral("convert"), target, path(QStringLiteral("after-undo.reg"))});
        QCOMPARE(r.exit, 0);
        QVERIFY(!QString::fromUtf16(reinterpret_cast<const char16_t *>(fileBytes(path(QStringLiteral("after-undo.reg"))).constData() + 2))
                     .contains(QStringLiteral("AllowDefaultCredentials")));
    }

    void applyToSystemHiveThenUndoRestoresExactly()
    {
        QTemporaryDir dir;
        const QString hive = makeSystemHive(dir.path());
        const QString backup = dir.filePath(QStringLiteral("backup.reg"));
        const QString lsa = QStringLiteral("\\ControlSet001\\Control\\Lsa");
        const QString prov = QStringLiteral("\\ControlSet001\\Control\\SecurityProviders");
        const QString beforePackages = tool(QStringLiteral("hivexget"), {hive, lsa, QStringLiteral("Security Packages")});
        const QString beforeProviders = tool(QStringLiteral("hivexget"), {hive, prov, QStringLiteral("SecurityProviders")});

        Run r = run({QStringLiteral("plan"), QStringLiteral("credssp.xp-enable"), QStringLiteral("kerberos.log-level=on"),
                     QStringLiteral("--against"), hive, QStringLiteral("--json")});
        QCOMPARE(r.exit, 1);

        r = run({QStringLiteral("apply"), QStringLiteral("credssp.xp-enable"), QStringLiteral("kerberos.log-level=on"),
                 QStringLiteral("--to"), hive, QStringLiteral("--backup"), backup});
        QVERIFY2(r.exit == 0, qPrintable(r.err));
        // hivexget, not our reader, confirms what landed in ControlSet001 (CurrentControlSet → Select\Current).
        QCOMPARE(tool(QStringLiteral("hivexget"), {hive, lsa, QStringLiteral("Security Packages")}),
                 QStringLiteral("kerberos\nmsv1_0\ntspkg"));
        QCOMPARE(tool(QStringLiteral("hivexget"), {hive, prov, QStringLiteral("SecurityProviders")}),
                 QStringLiteral("msapsspc.dll, schannel.dll, credssp.dll"));
        QCOMPARE(tool(QStringLiteral("hivexget"), {hive, lsa + QStringLiteral("\\Kerberos\\Parameters"), QStringLiteral("LogLevel")}),
                 QStringLiteral("1"));

        r = run({QStringLiteral("plan"), QStringLiteral("credssp.xp-enable"), QStringLiteral("kerberos.log-level=on"),
                 QStringLiteral("--against"), hive});
        QCOMPARE(r.exit, 0); // applying twice: compliant the second time

        r = run({QStringLiteral("undo"), QStringLiteral("--backup"), backup, QStringLiteral("--to"), hive});
        QVERIFY2(r.exit == 0, qPrintable(r.err));
        QCOMPARE(tool(QStringLiteral("hivexget"), {hive, lsa, QStringLiteral("Security Packages")}), beforePackages);
        QCOMPARE(tool(QStringLiteral("hivexget"), {hive, prov, QStringLiteral("SecurityProviders")}), beforeProviders);
        // The Kerberos\Parameters keys the apply created are gone again.
        QVERIFY(!tool(QStringLiteral("hivexregedit"), {QStringLiteral("--export"), hive, QStringLiteral("\\")}).contains(QStringLiteral("Kerberos")));
        // Undo twice is harmless.
        r = run({QStringLiteral("undo"), QStringLiteral("--backup"), backup, QStringLiteral("--to"), hive});
        QCOMPARE(r.exit, 0);
        QVERIFY(r.out.contains(QStringLiteral("Nothing to undo")));
    }

    void hiveOutsideItsMountIsRefused()
    {
        QTemporaryDir dir;
        const QString hive = dir.filePath(QStringLiteral("SOFTWARE"));
        QVERIFY(ssod::testtools::makeEmptyHive(hive));
        const QByteArray before = fileBytes(hive);
        const Run r = run({QStringLiteral("apply"), QStringLiteral("rdp.nla=off"), QStringLiteral("--to"), hive});
        QCOMPARE(r.exit, 2);
        QVERIFY2(r.err.contains(QStringLiteral("HKEY_LOCAL_MACHINE\\SYSTEM")), qPrintable(r.err));
        QCOMPARE(fileBytes(hive), before);
        // The same hive under an unusual name needs --root.
        QFile::copy(hive, dir.filePath(QStringLiteral("soft.hiv")));
        Run r2 = run({QStringLiteral("plan"), QStringLiteral("certs.disable-root-auto-update"), QStringLiteral("--against"), dir.filePath(QStringLiteral("soft.hiv"))});
        QCOMPARE(r2.exit, 2);
        QVERIFY2(r2.err.contains(QStringLiteral("--root")), qPrintable(r2.err));
        r2 = run({QStringLiteral("apply"), QStringLiteral("certs.disable-root-auto-update"), QStringLiteral("--to"),
                  dir.filePath(QStringLiteral("soft.hiv")), QStringLiteral("--root"), QStringLiteral("HKLM\\SOFTWARE")});
        QVERIFY2(r2.exit == 0, qPrintable(r2.err));
        QCOMPARE(tool(QStringLiteral("hivexget"), {dir.filePath(QStringLiteral("soft.hiv")),
                                                  QStringLiteral("\\Policies\\Microsoft\\SystemCertificates\\AuthRoot"),
                                                  QStringLiteral("DisableRootAutoUpdate")}),
                 QStringLiteral("1"));
    }

    void applyToPolThenUndo()
    {
        QTemporaryDir dir;
        QDir().mkpath(dir.filePath(QStringLiteral("Machine")));
        const QString pol = dir.filePath(QStringLiteral("Machine/Registry.pol"));
        Run r = run({QStringLiteral("apply"), QStringLiteral("certs.disable-root-auto-update"), QStringLiteral("--to"), pol});
        QVERIFY2(r.exit == 0, qPrintable(r.err));
        const QByteArray first = fileBytes(pol);
        QVERIFY(first.startsWith("PReg"));
        const QString backup = dir.filePath(QStringLiteral("b.reg"));
        r = run({QStringLiteral("apply"), QStringLiteral("delegation.default-credentials=TERMSRV/*"), QStringLiteral("--to"), pol,
                 QStringLiteral("--backup"), backup});
        QVERIFY2(r.exit == 0, qPrintable(r.err));
        QVERIFY(fileBytes(pol) != first);
        r = run({QStringLiteral("undo"), QStringLiteral("--backup"), backup, QStringLiteral("--to"), pol});
        QVERIFY2(r.exit == 0, qPrintable(r.err));
        QCOMPARE(fileBytes(pol), first); // the Registry.pol is back to its exact bytes
    }

    void failedWriteLeavesTargetUntouched()
    {
        // A real mid-transaction failure: hivex cannot write values larger than one cell, so the
        // second operation (appending to a ~16 KB SecurityProviders string) fails after the first
        // (tspkg) succeeded in the working copy. The hive must come out byte-identical.
        QTemporaryDir dir;
        const QString hive = makeSystemHive(dir.path());
        const QByteArray script = "cd \\ControlSet001\\Control\\SecurityProviders\nsetval 1\nSecurityProviders\nstring:"
                                  + QByteArray(8160, 'a') + "\ncommit\n";
        tool(QStringLiteral("hivexsh"), {QStringLiteral("-w"), hive}, script);
        const QByteArray before = fileBytes(hive);
        const QString backup = dir.filePath(QStringLiteral("b.reg"));
        const Run r = run({QStringLiteral("apply"), QStringLiteral("credssp.xp-enable"), QStringLiteral("--to"), hive,
                           QStringLiteral("--backup"), backup});
        QCOMPARE(r.exit, 2);
        QVERIFY2(r.err.contains(QStringLiteral("SYSTEM")), qPrintable(r.err));
        QCOMPARE(fileBytes(hive), before);
        QCOMPARE(tool(QStringLiteral("hivexget"), {hive, QStringLiteral("\\ControlSet001\\Control\\Lsa"), QStringLiteral("Security Packages")}),
                 QStringLiteral("kerberos\nmsv1_0"));
        // No stray temporary files beside the hive, and no backup of a change that never happened.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("SYSTEM")});
    }

    void listEditsNeverReplaceUnknownLists()
    {
        // Without a target the Lsa "Security Packages" list is unknown: a static export would wipe
        // kerberos/msv1_0 on the client, so it is refused and ps1 edits the list at run time.
        Run r = run({QStringLiteral("export"), QStringLiteral("credssp.xp-enable"), QStringLiteral("--format"), QStringLiteral("reg")});
        QCOMPARE(r.exit, 2);
        QVERIFY2(r.err.contains(QStringLiteral("current registry")) && r.err.contains(QStringLiteral("PowerShell")), qPrintable(r.err));
        r = run({QStringLiteral("export"), QStringLiteral("credssp.xp-enable"), QStringLiteral("--format"), QStringLiteral("ps1")});
        QCOMPARE(r.exit, 0);
        QVERIFY(r.out.contains(QStringLiteral("if ($Items -notcontains 'tspkg')")));
        // Against the machine's hive the full list is known and every format works.
        QTemporaryDir dir;
        const QString hive = makeSystemHive(dir.path());
        r = run({QStringLiteral("export"), QStringLiteral("credssp.xp-enable"), QStringLiteral("--format"), QStringLiteral("reg"),
                 QStringLiteral("--against"), hive, QStringLiteral("-o"), dir.filePath(QStringLiteral("xp.reg"))});
        QVERIFY2(r.exit == 0, qPrintable(r.err));
        const QByteArray reg = fileBytes(dir.filePath(QStringLiteral("xp.reg")));
        QString text = QString::fromUtf16(reinterpret_cast<const char16_t *>(reg.constData() + 2), (reg.size() - 2) / 2);
        text.remove(QStringLiteral("\\\r\n  ")); // hex continuation lines
        QVERIFY2(text.contains(QStringLiteral("\"SecurityProviders\"=\"msapsspc.dll, schannel.dll, credssp.dll\"")), qPrintable(text));
        // kerberos, msv1_0, tspkg as REG_MULTI_SZ hex(7)
        QVERIFY(text.contains(QStringLiteral("hex(7):6b,00,65,00,72,00,62,00,65,00,72,00,6f,00,73,00,00,00,6d,00")));
    }

    void exportsAndConvert()
    {
        const QStringList specs{QStringLiteral("certs.disable-root-auto-update"), QStringLiteral("delegation.default-credentials=TERMSRV/*.lab.test")};
        for (const QString &format : {QStringLiteral("reg"), QStringLiteral("reg-undo"), QStringLiteral("pol"), QStringLiteral("ps1"),
                                      QStringLiteral("gpo-ps1"), QStringLiteral("gpp-xml")}) {
            const QString out = path(QStringLiteral("export.") + format);
            const Run r = run(QStringList{QStringLiteral("export")} + specs
                              + QStringList{QStringLiteral("--format"), format, QStringLiteral("--gpo"), QStringLiteral("RDS SSO"), QStringLiteral("-o"), out});
            QVERIFY2(r.exit == 0, qPrintable(format + QStringLiteral(": ") + r.err));
            QVERIFY(QFile(out).size() > 0);
        }
        QVERIFY(fileBytes(path(QStringLiteral("export.gpo-ps1"))).contains("Set-GPRegistryValue"));
        QVERIFY(fileBytes(path(QStringLiteral("export.gpo-ps1"))).contains("RDS SSO"));
        QVERIFY(fileBytes(path(QStringLiteral("export.pol"))).startsWith("PReg"));

        // .reg -> .pol -> .reg keeps every value.
        Run r = run({QStringLiteral("convert"), path(QStringLiteral("export.reg")), path(QStringLiteral("c.pol"))});
        QVERIFY2(r.exit == 0, qPrintable(r.err));
        r = run({QStringLiteral("convert"), path(QStringLiteral("c.pol")), path(QStringLiteral("c.reg"))});
        QVERIFY2(r.exit == 0, qPrintable(r.err));
        r = run({QStringLiteral("plan"), QStringLiteral("delegation.default-credentials=TERMSRV/*.lab.test"), QStringLiteral("--against"),
                 path(QStringLiteral("c.reg"))});
        QCOMPARE(r.exit, 0);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
