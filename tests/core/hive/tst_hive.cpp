#include "core/registry/HiveStore.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>
#include <functional>

using namespace ssod::core;
using namespace ssod::core::registry;

namespace {

const QString kSoftware = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE");
const QString kTestKey = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\SsoTest");

QByteArray readAll(const QString &file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeAll(const QString &file, const QByteArray &bytes)
{
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), bytes.size());
}

/// Runs a tool to completion; tests may block, the product never does.
QByteArray run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning() << program << args << "failed:" << p.readAllStandardError();
        return QByteArray("<failed>");
    }
    return p.readAllStandardOutput();
}

/**
 * Values of one section of `hivexregedit --export` output. It writes every value as hex(N) with
 * N in hex, except type 4 of four bytes as dword:, so bytes and type numbers come back exactly.
 */
QMap<QString, RegValue> exportedValues(const QByteArray &exported, const QString &section)
{
    QMap<QString, RegValue> out;
    QString current;
    static const QRegularExpression line(
        QStringLiteral(R"re(^(@|"((?:[^"\\]|\\.)*)")=(dword:|hex\(([0-9a-f]+)\):)(.*)$)re"));
    for (QByteArray raw : exported.split('\n')) {
        const QString l = QString::fromUtf8(raw).trimmed();
        if (l.startsWith(QLatin1Char('['))) {
            current = l.mid(1, l.size() - 2);
            continue;
        }
        const auto m = line.match(l);
        if (!m.hasMatch() || current.compare(section, Qt::CaseInsensitive) != 0)
            continue;
        QString name = m.captured(2);
        name.replace(QStringLiteral("\\\""), QStringLiteral("\""))
            .replace(QStringLiteral("\\\\"), QStringLiteral("\\"));
        if (m.captured(3) == QLatin1String("dword:"))
            out.insert(name, RegValue::fromDword(m.captured(5).toUInt(nullptr, 16)));
        else
            out.insert(name,
                RegValue(m.captured(4).toUInt(nullptr, 16),
                    QByteArray::fromHex(m.captured(5).remove(QLatin1Char(',')).toLatin1())));
    }
    return out;
}

QMap<QString, RegValue> sampleValues()
{
    return {
        { QString(), RegValue::fromString(QStringLiteral("default")) },
        { QStringLiteral("Sz"), RegValue::fromString(QStringLiteral("HTTP/*.contoso.com \u00e9\u20ac")) },
        { QStringLiteral("ExpandSz"),
            RegValue::fromString(QStringLiteral("%SystemRoot%\\krb5.ini"), RegType::ExpandSz) },
        { QStringLiteral("MultiSz"),
            RegValue::fromMultiString({ QStringLiteral("a"), QStringLiteral("bc"), QStringLiteral("d e") }) },
        { QStringLiteral("EmptyMulti"), RegValue::fromMultiString({}) },
        { QStringLiteral("Dword"), RegValue::fromDword(0xdeadbeef) },
        { QStringLiteral("Qword"), RegValue::fromQword(0x0102030405060708ULL) },
        { QStringLiteral("Binary"), RegValue::fromBinary(QByteArray::fromHex("0102ff00")) },
        { QStringLiteral("None"), RegValue(0, {}) },
        { QStringLiteral("NoneData"), RegValue(0, QByteArray::fromHex("00ff")) },
        { QStringLiteral("BigEndian"), RegValue(5, QByteArray::fromHex("00000102")) },
        { QStringLiteral("Unknown1f"), RegValue(0x1f, QByteArray("ab")) },
        { QStringLiteral("UnknownHuge"), RegValue(0x12345678, QByteArray::fromHex("0a0b0c0d0e")) },
        // Raw bytes are kept exactly, even a string without its terminator.
        { QStringLiteral("SzNoNul"), RegValue(1, QByteArray("x\0y\0", 4)) },
        { QStringLiteral("Name \"with\" \\ specials"), RegValue::fromDword(1) },
    };
}

} // namespace

class TestHive final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    /// A fresh empty hive named \a name in its own directory (the name drives mount inference).
    QString makeHive(const QString &name)
    {
        const QString dir = m_dir.filePath(QString::number(++m_counter));
        QDir().mkpath(dir);
        const QString file = dir + QLatin1Char('/') + name;
        const QString tool = qEnvironmentVariable("SSOD_TOOLS") + QStringLiteral("/make_empty_hive.py");
        if (run(QStringLiteral("python3"), { tool, file }) == "<failed>")
            return {};
        return file;
    }

    std::unique_ptr<HiveStore> openOk(const QString &file, const QString &mount = {})
    {
        auto s = HiveStore::open(file, mount);
        if (!s) {
            qWarning() << s.error().toString();
            return nullptr;
        }
        return std::move(*s);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(!qEnvironmentVariableIsEmpty("SSOD_TOOLS"), "run through ctest (SSOD_TOOLS)");
        for (const char *tool : { "python3", "hivexget", "hivexregedit" })
            QVERIFY2(!QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty(), tool);
    }

    void everyTypeRoundTrips()
    {
        const QString file = makeHive(QStringLiteral("SOFTWARE"));
        auto store = openOk(file);
        QVERIFY(store);
        QCOMPARE(store->kind(), StoreKind::Hive);
        QVERIFY(store->description().contains(file));

        const auto values = sampleValues();
        RegOps ops;
        for (auto it = values.begin(); it != values.end(); ++it)
            ops << RegOp::set(kTestKey, it.key(), it.value());
        const auto r = store->commit(ops);
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));

        // Read back through the same store, then through a fresh one on the renamed file.
        auto fresh = openOk(file);
        QVERIFY(fresh);
        for (HiveStore *s : { store.get(), fresh.get() }) {
            for (auto it = values.begin(); it != values.end(); ++it) {
                const auto v = s->value(kTestKey, it.key());
                QVERIFY(v.ok());
                QVERIFY2(v->has_value(), qPrintable(it.key()));
                QCOMPARE(v->value().type(), it.value().type());
                QCOMPARE(v->value().data(), it.value().data());
            }
            auto names = *s->valueNames(kTestKey);
            names.sort();
            QCOMPARE(names, QStringList(values.keys()));
            QCOMPARE(*s->subkeyNames(QStringLiteral("HKLM\\SOFTWARE\\Policies")),
                QStringList { QStringLiteral("SsoTest") });
        }

        // An independent reader of the same file: hivexregedit (Perl bindings) and hivexget.
        const auto exported = exportedValues(
            run(QStringLiteral("hivexregedit"), { QStringLiteral("--export"), file, QStringLiteral("\\") }),
            QStringLiteral("\\Policies\\SsoTest"));
        QCOMPARE(exported.size(), values.size());
        for (auto it = values.begin(); it != values.end(); ++it) {
            QVERIFY2(exported.contains(it.key()), qPrintable(it.key()));
            QCOMPARE(exported.value(it.key()), it.value());
        }
        const QString key = QStringLiteral("\\Policies\\SsoTest");
        auto get = [&](const char *name) {
            return run(QStringLiteral("hivexget"), { file, key, QString::fromLatin1(name) });
        };
        QCOMPARE(get("Sz"), QStringLiteral("HTTP/*.contoso.com \u00e9\u20ac\n").toUtf8());
        QCOMPARE(get("Dword"), QByteArray("-559038737\n")); // hivexget prints DWORDs signed
        QCOMPARE(get("Qword"), QByteArray("72623859790382856\n"));
        // hivex's string helper reports the list terminator as a trailing empty item.
        QCOMPARE(get("MultiSz"), QByteArray("a\nbc\nd e\n\n"));
        QCOMPARE(get("Binary"), QByteArray::fromHex("0102ff00"));
    }

    void mountInference_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QString>("mount");
        QTest::newRow("SOFTWARE") << QStringLiteral("SOFTWARE") << kSoftware;
        QTest::newRow("software") << QStringLiteral("software") << kSoftware;
        QTest::newRow("SYSTEM") << QStringLiteral("SYSTEM") << QStringLiteral("HKEY_LOCAL_MACHINE\\SYSTEM");
        QTest::newRow("SAM") << QStringLiteral("SAM") << QStringLiteral("HKEY_LOCAL_MACHINE\\SAM");
        QTest::newRow("SECURITY") << QStringLiteral("Security")
                                  << QStringLiteral("HKEY_LOCAL_MACHINE\\SECURITY");
        QTest::newRow("DEFAULT") << QStringLiteral("DEFAULT") << QStringLiteral("HKEY_USERS\\.DEFAULT");
        QTest::newRow("NTUSER.DAT") << QStringLiteral("ntuser.dat") << QStringLiteral("HKEY_CURRENT_USER");
        QTest::newRow("UsrClass.dat")
            << QStringLiteral("UsrClass.dat") << QStringLiteral("HKEY_CURRENT_USER\\Software\\Classes");
        QTest::newRow("unknown") << QStringLiteral("policy.hiv") << QString();
    }

    void mountInference()
    {
        QFETCH(QString, fileName);
        QFETCH(QString, mount);
        const QString file = makeHive(fileName);
        QVERIFY(!file.isEmpty());
        QCOMPARE(HiveStore::mountPointForFileName(file), mount);
        auto s = HiveStore::open(file);
        if (mount.isEmpty()) {
            QVERIFY(!s);
            QVERIFY2(s.error().message.contains(QLatin1String("--root")), qPrintable(s.error().message));
            return;
        }
        QVERIFY(s);
        QCOMPARE((*s)->scope(), mount);
        QVERIFY((*s)->covers(mount + QStringLiteral("\\Anything")));
        QVERIFY(*(*s)->keyExists(mount));
    }

    void explicitAndWrongMount()
    {
        const QString file = makeHive(QStringLiteral("policy.hiv"));
        auto store = openOk(file, QStringLiteral("hklm\\SOFTWARE\\Policies"));
        QVERIFY(store);
        QCOMPARE(store->scope(), QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies"));
        QVERIFY(store->covers(QStringLiteral("HKEY_LOCAL_MACHINE\\software\\policies\\Microsoft")));
        QVERIFY(!store->covers(kSoftware));
        QVERIFY(!store->covers(QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\PoliciesX")));
        QVERIFY(!store->covers(QStringLiteral("HKEY_CURRENT_USER\\SOFTWARE\\Policies")));

        const QString key = QStringLiteral("HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows");
        QVERIFY(store->commit({ RegOp::set(key, QStringLiteral("V"), RegValue::fromDword(3)) }).ok());
        // The hive root stands for the mount point, so the key sits at \Microsoft\Windows.
        QCOMPARE(run(QStringLiteral("hivexget"),
                     { file, QStringLiteral("\\Microsoft\\Windows"), QStringLiteral("V") }),
            QByteArray("3\n"));

        const QByteArray before = readAll(file);
        const auto outside = store->commit({ RegOp::set(key, QStringLiteral("W"), RegValue::fromDword(1)),
            RegOp::set(QStringLiteral("HKEY_LOCAL_MACHINE\\SYSTEM\\X"), QStringLiteral("V"),
                RegValue::fromDword(1)) });
        QVERIFY(!outside);
        QCOMPARE(outside.error().code, Error::Code::Unsupported);
        QCOMPARE(readAll(file), before);
        QVERIFY(!store->value(QStringLiteral("HKEY_LOCAL_MACHINE\\SYSTEM\\X"), QStringLiteral("V")));

        QVERIFY(!HiveStore::open(file, QStringLiteral("NOTAROOT\\X")));
    }

    void currentControlSet()
    {
        const QString file = makeHive(QStringLiteral("SYSTEM"));
        auto store = openOk(file);
        QVERIFY(store);
        const QString lsa2
            = QStringLiteral("HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet002\\Control\\Lsa\\Kerberos\\Parameters");
        const QString lsaCurrent
            = QStringLiteral("HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\Kerberos\\Parameters");

        // Neither Select\Current nor ControlSet001: CurrentControlSet cannot be resolved.
        QVERIFY(!store->keyExists(lsaCurrent));

        QVERIFY(store
                    ->commit({ RegOp::createKey(QStringLiteral("HKLM\\SYSTEM\\ControlSet001\\Control")),
                        RegOp::set(lsa2, QStringLiteral("MaxTokenSize"), RegValue::fromDword(48000)),
                        RegOp::set(QStringLiteral("HKLM\\SYSTEM\\Select"), QStringLiteral("Current"),
                            RegValue::fromDword(2)) })
                    .ok());
        QCOMPARE(
            store->value(lsaCurrent, QStringLiteral("MaxTokenSize"))->value(), RegValue::fromDword(48000));
        QCOMPARE(*store->subkeyNames(QStringLiteral("HKLM\\SYSTEM\\CurrentControlSet\\Control")),
            QStringList { QStringLiteral("Lsa") });
        QVERIFY(*store->keyExists(QStringLiteral("HKLM\\SYSTEM\\CurrentControlSet")));

        // Writing through CurrentControlSet lands in ControlSet002, never in a new key.
        QVERIFY(store->commit({ RegOp::set(lsaCurrent, QStringLiteral("LogLevel"), RegValue::fromDword(1)) })
                    .ok());
        QCOMPARE(run(QStringLiteral("hivexget"),
                     { file, QStringLiteral("\\ControlSet002\\Control\\Lsa\\Kerberos\\Parameters"),
                         QStringLiteral("LogLevel") }),
            QByteArray("1\n"));
        auto top = *store->subkeyNames(QStringLiteral("HKLM\\SYSTEM"));
        top.sort();
        QCOMPARE(top,
            (QStringList { QStringLiteral("ControlSet001"), QStringLiteral("ControlSet002"),
                QStringLiteral("Select") }));

        // Without Select\Current the first control set stands in.
        QVERIFY(store
                    ->commit({ RegOp::deleteValue(
                        QStringLiteral("HKLM\\SYSTEM\\Select"), QStringLiteral("current")) })
                    .ok());
        QVERIFY(*store->keyExists(QStringLiteral("HKLM\\SYSTEM\\CurrentControlSet\\Control")));
        QVERIFY(!*store->keyExists(lsaCurrent));
    }

    void atomicity()
    {
        const QString file = makeHive(QStringLiteral("SYSTEM"));
        auto store = openOk(file);
        QVERIFY(store);
        QVERIFY(store
                    ->commit({ RegOp::set(
                        QStringLiteral("HKLM\\SYSTEM\\Keep"), QStringLiteral("A"), RegValue::fromDword(1)) })
                    .ok());
        const QByteArray before = readAll(file);
        const QStringList entriesBefore
            = QDir(QFileInfo(file).absolutePath()).entryList(QDir::AllEntries | QDir::Hidden);

        // Refused up front: deleting the hive root.
        auto r = store->commit(
            { RegOp::set(QStringLiteral("HKLM\\SYSTEM\\Keep"), QStringLiteral("B"), RegValue::fromDword(2)),
                RegOp::deleteKey(QStringLiteral("HKLM\\SYSTEM")) });
        QVERIFY(!r);
        QCOMPARE(readAll(file), before);

        // Fails half-way inside hivex's copy: CurrentControlSet cannot be resolved in this hive.
        r = store->commit(
            { RegOp::set(QStringLiteral("HKLM\\SYSTEM\\Keep"), QStringLiteral("B"), RegValue::fromDword(2)),
                RegOp::set(QStringLiteral("HKLM\\SYSTEM\\CurrentControlSet\\X"), QStringLiteral("C"),
                    RegValue::fromDword(3)) });
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(file), qPrintable(r.error().message));
        QCOMPARE(readAll(file), before);
        QCOMPARE(
            QDir(QFileInfo(file).absolutePath()).entryList(QDir::AllEntries | QDir::Hidden), entriesBefore);
        QVERIFY(!store->value(QStringLiteral("HKLM\\SYSTEM\\Keep"), QStringLiteral("B"))->has_value());

        // Too large for a single cell: refused rather than written in a form Windows rejects.
        r = store->commit({ RegOp::set(QStringLiteral("HKLM\\SYSTEM\\Keep"), QStringLiteral("Big"),
            RegValue::fromBinary(QByteArray(HiveStore::kMaxValueSize + 1, 'x'))) });
        QCOMPARE(r.error().code, Error::Code::Unsupported);
        QCOMPARE(readAll(file), before);
        QVERIFY(store
                    ->commit({ RegOp::set(QStringLiteral("HKLM\\SYSTEM\\Keep"), QStringLiteral("Big"),
                        RegValue::fromBinary(QByteArray(HiveStore::kMaxValueSize, 'x'))) })
                    .ok());
    }

    void dirtyHiveRefusesWrites()
    {
        const QString file = makeHive(QStringLiteral("SOFTWARE"));
        {
            auto s = openOk(file);
            QVERIFY(s);
            QVERIFY(s->commit({ RegOp::set(kTestKey, QStringLiteral("A"), RegValue::fromDword(1)) }).ok());
        }
        // Primary sequence ahead of the secondary: Windows has changes pending in the .LOG files.
        QByteArray bytes = readAll(file);
        qToLittleEndian<quint32>(qFromLittleEndian<quint32>(bytes.constData() + 4) + 1, bytes.data() + 4);
        quint32 sum = 0;
        for (int i = 0; i < 0x1fc; i += 4)
            sum ^= qFromLittleEndian<quint32>(bytes.constData() + i);
        qToLittleEndian<quint32>(sum, bytes.data() + 0x1fc);
        writeAll(file, bytes);

        auto s = openOk(file);
        QVERIFY(s);
        QCOMPARE(s->value(kTestKey, QStringLiteral("A"))->value(), RegValue::fromDword(1)); // reads work
        const auto r = s->commit({ RegOp::set(kTestKey, QStringLiteral("B"), RegValue::fromDword(2)) });
        QVERIFY(!r);
        QCOMPARE(r.error().code, Error::Code::Unsupported);
        QVERIFY2(r.error().message.contains(QLatin1String(".LOG1")), qPrintable(r.error().message));
        QCOMPARE(readAll(file), bytes);
    }

    void deleteValueKeepsSiblings()
    {
        const QString file = makeHive(QStringLiteral("SOFTWARE"));
        auto store = openOk(file);
        QVERIFY(store);
        const auto values = sampleValues();
        RegOps ops;
        for (auto it = values.begin(); it != values.end(); ++it)
            ops << RegOp::set(kTestKey, it.key(), it.value());
        QVERIFY(store->commit(ops).ok());

        QVERIFY(store
                    ->commit({ RegOp::deleteValue(kTestKey, QStringLiteral("multisz")), // any case
                        RegOp::deleteValue(kTestKey, QStringLiteral("NotThere")),
                        RegOp::deleteValue(kTestKey + QStringLiteral("\\Missing"), QStringLiteral("X")) })
                    .ok());
        QVERIFY(!store->value(kTestKey, QStringLiteral("MultiSz"))->has_value());
        QCOMPARE(store->valueNames(kTestKey)->size(), values.size() - 1);
        for (auto it = values.begin(); it != values.end(); ++it)
            if (it.key() != QLatin1String("MultiSz"))
                QCOMPARE(store->value(kTestKey, it.key())->value(), it.value());
        QVERIFY(!*store->keyExists(kTestKey + QStringLiteral("\\Missing"))); // deleting did not create it

        // Setting an existing value under another spelling replaces it and keeps the stored name.
        QVERIFY(
            store->commit({ RegOp::set(kTestKey, QStringLiteral("DWORD"), RegValue::fromDword(5)) }).ok());
        QCOMPARE(store->value(kTestKey, QStringLiteral("dword"))->value(), RegValue::fromDword(5));
        QVERIFY(store->valueNames(kTestKey)->contains(QStringLiteral("Dword")));
        QCOMPARE(store->valueNames(kTestKey)->size(), values.size() - 1);
    }

    void keysAndCase()
    {
        const QString file = makeHive(QStringLiteral("SOFTWARE"));
        auto store = openOk(file);
        QVERIFY(store);
        const QString a = QStringLiteral("HKLM\\SOFTWARE\\\u00c4rger\\B\\C");
        QVERIFY(store
                    ->commit({ RegOp::createKey(a),
                        RegOp::createKey(
                            QStringLiteral("HKLM\\SOFTWARE\\\u00e4RGER\\b\\D")), // same keys, other case
                        RegOp::set(a, QStringLiteral("V"), RegValue::fromDword(1)),
                        RegOp::createKey(QStringLiteral("HKLM\\SOFTWARE\\Other")) })
                    .ok());
        auto top = *store->subkeyNames(kSoftware);
        top.sort();
        QCOMPARE(top, (QStringList { QStringLiteral("Other"), QStringLiteral("\u00c4rger") }));
        auto below = *store->subkeyNames(QStringLiteral("HKLM\\SOFTWARE\\\u00e4rger\\b"));
        below.sort();
        QCOMPARE(below, (QStringList { QStringLiteral("C"), QStringLiteral("D") }));
        QVERIFY(store->subkeyNames(QStringLiteral("HKLM\\SOFTWARE\\Nope"))->isEmpty());
        QVERIFY(store->valueNames(QStringLiteral("HKLM\\SOFTWARE\\Nope"))->isEmpty());

        QVERIFY(store
                    ->commit({ RegOp::deleteKey(QStringLiteral("HKLM\\SOFTWARE\\\u00e4rger\\B")),
                        RegOp::deleteKey(QStringLiteral("HKLM\\SOFTWARE\\Missing\\Key")) })
                    .ok());
        QVERIFY(*store->keyExists(QStringLiteral("HKLM\\SOFTWARE\\\u00c4rger")));
        QVERIFY(!*store->keyExists(a));
        QVERIFY(!*store->keyExists(QStringLiteral("HKLM\\SOFTWARE\\\u00c4rger\\B")));
        QVERIFY(!*store->keyExists(QStringLiteral("HKLM\\SOFTWARE\\Missing")));
        QVERIFY(*store->keyExists(QStringLiteral("HKLM\\SOFTWARE\\Other")));
        // hivexsh agrees: the deleted subtree is gone from the file.
        QVERIFY(
            run(QStringLiteral("hivexregedit"), { QStringLiteral("--export"), file, QStringLiteral("\\") })
                .contains("[\\Other]"));
    }

    void hostileFiles()
    {
        const QString dir = m_dir.filePath(QStringLiteral("hostile"));
        QDir().mkpath(dir);
        const QString file = dir + QStringLiteral("/SOFTWARE");

        auto missing = HiveStore::open(file);
        QCOMPARE(missing.error().code, Error::Code::NotFound);

        writeAll(file, "Windows Registry Editor Version 5.00\r\n");
        auto text = HiveStore::open(file);
        QVERIFY(!text);
        QVERIFY2(text.error().message.contains(QLatin1String("not a registry hive")),
            qPrintable(text.error().message));
        writeAll(file, {});
        QVERIFY(!HiveStore::open(file));

        // A populated hive spanning several bins, then cut and corrupted in various ways.
        const QString good = makeHive(QStringLiteral("SOFTWARE"));
        {
            auto s = openOk(good);
            QVERIFY(s);
            RegOps ops;
            for (int i = 0; i < 200; ++i)
                ops << RegOp::set(kTestKey + QStringLiteral("\\K%1").arg(i % 20),
                    QStringLiteral("V%1").arg(i), RegValue::fromString(QString(40, QLatin1Char('x'))));
            QVERIFY(s->commit(ops).ok());
        }
        const QByteArray bytes = readAll(good);
        QVERIFY(bytes.size() > 3 * 4096);
        for (qsizetype cut : { qsizetype(3), qsizetype(100), qsizetype(4095), qsizetype(4096),
                 qsizetype(5000), qsizetype(8192), bytes.size() - 4096, bytes.size() - 1 }) {
            writeAll(file, bytes.left(cut));
            auto s = HiveStore::open(file);
            QVERIFY2(!s, qPrintable(QString::number(cut)));
            QVERIFY(!s.error().message.isEmpty());
        }
        QByteArray badSum = bytes;
        badSum[0x30] = badSum[0x30] ^ 0x55;
        writeAll(file, badSum);
        auto sum = HiveStore::open(file);
        QVERIFY(!sum);
        QVERIFY2(sum.error().message.contains(file), qPrintable(sum.error().message));

        // Flip bytes all over the bins: opening or reading may fail, but never crash.
        quint32 seed = 12345;
        for (int round = 0; round < 300; ++round) {
            QByteArray mutated = bytes;
            for (int i = 0; i < 8; ++i) {
                seed = seed * 1103515245u + 12345u;
                const qsizetype at = 4096 + qsizetype(seed % quint32(bytes.size() - 4096));
                mutated[at] = char(seed >> 16);
            }
            writeAll(file, mutated);
            auto s = HiveStore::open(file);
            if (!s)
                continue;
            std::function<void(const QString &, int)> walk = [&](const QString &key, int depth) {
                if (depth > 8)
                    return;
                const auto names = (*s)->valueNames(key);
                if (names)
                    for (const QString &n : *names)
                        (void)(*s)->value(key, n);
                if (const auto subs = (*s)->subkeyNames(key))
                    for (const QString &sub : *subs)
                        walk(key + QLatin1Char('\\') + sub, depth + 1);
            };
            walk(kSoftware, 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestHive)
#include "tst_hive.moc"
