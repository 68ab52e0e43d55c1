// Cross-checks the Registry.pol codec against Samba's own PReg code (librpc preg.idl through
// python3-samba): what we write, Samba must read entry for entry and pack back to the same bytes;
// what Samba writes, we must read.
#include "core/registry/PolFileCodec.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace ssod::core;
using namespace ssod::core::registry;

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3");
const QString kBaseRel = QStringLiteral("Software\\Policies\\SsoDoctor");
const QString kBase = QStringLiteral("HKEY_LOCAL_MACHINE\\Software\\Policies\\SsoDoctor");

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QStringList &args)
{
    QProcess p;
    p.start(kPython, args);
    Run r;
    if (!p.waitForStarted(10000)) {
        r.err = p.errorString().toUtf8();
        return r;
    }
    p.waitForFinished(60000);
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

struct Expected
{
    QString key;
    QString name;
    quint32 type;
    QByteArray data;
};

/// QVERIFY2 evaluates its message even on success, so the error may only be read when there is one.
template <typename T> QByteArray why(const Result<T> &r)
{
    return r.ok() ? QByteArray() : r.error().toString().toUtf8();
}

QString hex(const QByteArray &b)
{
    return QString::fromLatin1(b.toHex());
}

} // namespace

class TestSambaPol final : public QObject
{
    Q_OBJECT

private:
    QString m_script;
    QTemporaryDir m_dir;

    QString tmp(const QString &name) const { return m_dir.filePath(name); }

private slots:
    void initTestCase()
    {
        const Run probe = run({ QStringLiteral("-c"),
            QStringLiteral("from samba.dcerpc import preg; from samba.ndr import ndr_pack") });
        if (probe.exitCode != 0)
            QSKIP(qPrintable(QStringLiteral("/usr/bin/python3 cannot import samba (install python3-samba): ")
                + QString::fromUtf8(probe.err).trimmed().section(QLatin1Char('\n'), -1)));
        const QString tools = qEnvironmentVariable("SSOD_TOOLS");
        QVERIFY2(!tools.isEmpty(), "SSOD_TOOLS is not set (run through ctest)");
        m_script = tools + QStringLiteral("/samba_pol.py");
        QVERIFY2(QFile::exists(m_script), qPrintable(m_script));
        QVERIFY(m_dir.isValid());
    }

    void sambaReadsWhatWeWrite()
    {
        const QString values = kBase + QStringLiteral("\\Values");
        const QString list = kBase + QStringLiteral("\\List");
        RegTree tree;
        tree.deleteKeyInstruction(kBase + QStringLiteral("\\Old"));
        tree.setValue(values, QString(), RegValue::fromString(QStringLiteral("default")));
        tree.setValue(
            values, QStringLiteral("sz"), RegValue::fromString(QStringLiteral("HTTP/*.contoso.com")));
        tree.setValue(values, QStringLiteral("umlaut"), RegValue::fromString(QStringLiteral("Grüße €")));
        tree.setValue(values, QStringLiteral("exp"),
            RegValue::fromString(QStringLiteral("%SystemRoot%\\x"), RegType::ExpandSz));
        tree.setValue(values, QStringLiteral("bin"), RegValue::fromBinary(QByteArray::fromHex("0102ff")));
        tree.setValue(values, QStringLiteral("dw"), RegValue::fromDword(0xdeadbeef));
        tree.setValue(values, QStringLiteral("dwbe"), RegValue(5, QByteArray::fromHex("12345678")));
        tree.setValue(values, QStringLiteral("multi"),
            RegValue::fromMultiString({ QStringLiteral("a"), QStringLiteral("bc") }));
        tree.setValue(values, QStringLiteral("qw"), RegValue::fromQword(0x1122334455667788ull));
        tree.setValue(values, QStringLiteral("**SecureKey"), RegValue::fromDword(1));
        tree.setValue(values, QStringLiteral("**soft.Mode"), RegValue::fromString(QStringLiteral("on")));
        tree.deleteValueInstruction(values, QStringLiteral("gone"));
        tree.ensureKey(list).deleteAllValues = true;
        tree.setValue(list, QStringLiteral("1"), RegValue::fromString(QStringLiteral("a")));
        tree.ensureKey(kBase + QStringLiteral("\\Empty"));

        const auto bytes = writePolFile(tree);
        QVERIFY2(bytes.ok(), why(bytes).constData());
        QFile f(tmp(QStringLiteral("ours.pol")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(*bytes);
        f.close();

        const Run dump = run({ m_script, QStringLiteral("dump"), f.fileName() });
        QVERIFY2(dump.exitCode == 0, dump.err.constData());
        const QJsonObject doc = QJsonDocument::fromJson(dump.out).object();
        QCOMPARE(doc.value(QStringLiteral("signature")).toString(), QStringLiteral("PReg"));
        QCOMPARE(doc.value(QStringLiteral("version")).toInt(), 1);

        const QString v = kBaseRel + QStringLiteral("\\Values");
        const QString l = kBaseRel + QStringLiteral("\\List");
        const QByteArray space = utf16leWithNul(QStringLiteral(" "));
        // Written out by hand: the order and form our writer promises.
        const QList<Expected> expected {
            { kBaseRel, QStringLiteral("**DeleteKeys"), 1, utf16leWithNul(QStringLiteral("Old")) },
            { v, QString(), 1, utf16leWithNul(QStringLiteral("default")) },
            { v, QStringLiteral("sz"), 1, utf16leWithNul(QStringLiteral("HTTP/*.contoso.com")) },
            { v, QStringLiteral("umlaut"), 1, QByteArray::fromHex("47007200fc00df0065002000ac200000") },
            { v, QStringLiteral("exp"), 2, utf16leWithNul(QStringLiteral("%SystemRoot%\\x")) },
            { v, QStringLiteral("bin"), 3, QByteArray::fromHex("0102ff") },
            { v, QStringLiteral("dw"), 4, QByteArray::fromHex("efbeadde") },
            { v, QStringLiteral("dwbe"), 5, QByteArray::fromHex("12345678") },
            { v, QStringLiteral("multi"), 7, QByteArray::fromHex("610000006200630000000000") },
            { v, QStringLiteral("qw"), 11, QByteArray::fromHex("8877665544332211") },
            { v, QStringLiteral("**SecureKey"), 4, QByteArray::fromHex("01000000") },
            { v, QStringLiteral("**soft.Mode"), 1, utf16leWithNul(QStringLiteral("on")) },
            { v, QStringLiteral("**del.gone"), 1, space },
            { l, QStringLiteral("**delvals."), 1, space },
            { l, QStringLiteral("1"), 1, utf16leWithNul(QStringLiteral("a")) },
            { kBaseRel + QStringLiteral("\\Empty"), QString(), 0, QByteArray() },
        };
        const QJsonArray entries = doc.value(QStringLiteral("entries")).toArray();
        QCOMPARE(doc.value(QStringLiteral("num_entries")).toInt(), expected.size());
        QCOMPARE(entries.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const QJsonObject e = entries[i].toObject();
            const Expected &x = expected[i];
            const QString what = QStringLiteral("entry %1 (%2)").arg(i).arg(x.name);
            QVERIFY2(e.value(QStringLiteral("key")).toString() == x.key, qPrintable(what));
            QVERIFY2(e.value(QStringLiteral("name")).toString() == x.name, qPrintable(what));
            QVERIFY2(quint32(e.value(QStringLiteral("type")).toInteger()) == x.type, qPrintable(what));
            // "data" is Samba's decoded value encoded back; "size" is what Samba read from the file.
            QVERIFY2(e.value(QStringLiteral("data")).toString() == hex(x.data),
                qPrintable(
                    what + QStringLiteral(": Samba sees ") + e.value(QStringLiteral("data")).toString()));
            QVERIFY2(e.value(QStringLiteral("size")).toInteger() == x.data.size(), qPrintable(what));
        }
        // Samba's decoded values, spot-checked for the types it turns into Python objects.
        QCOMPARE(entries[3].toObject().value(QStringLiteral("value")).toString(), QStringLiteral("Grüße €"));
        QCOMPARE(entries[7].toObject().value(QStringLiteral("value")).toInteger(), 0x12345678); // big-endian
        QCOMPARE(
            entries[9].toObject().value(QStringLiteral("value")).toInteger(), qint64(0x1122334455667788ll));

        // Samba packs what it read back into exactly our bytes.
        const QString repacked = tmp(QStringLiteral("repacked.pol"));
        const Run rp = run({ m_script, QStringLiteral("repack"), f.fileName(), repacked });
        QVERIFY2(rp.exitCode == 0, rp.err.constData());
        QFile r(repacked);
        QVERIFY(r.open(QIODevice::ReadOnly));
        QCOMPARE(r.readAll(), *bytes);
    }

    void weReadWhatSambaWrites()
    {
        const auto item = [](const QString &key, const QString &name, int type, const QByteArray &data) {
            return QJsonObject { { QStringLiteral("key"), key }, { QStringLiteral("name"), name },
                { QStringLiteral("type"), type }, { QStringLiteral("data"), hex(data) } };
        };
        const QString list = kBaseRel + QStringLiteral("\\List");
        const QJsonArray items {
            item(kBaseRel, QStringLiteral("x"), 4, QByteArray::fromHex("07000000")),
            item(kBaseRel, QStringLiteral("**Del.x"), 4,
                QByteArray::fromHex("00000000")), // Samba's marker form
            item(kBaseRel, QStringLiteral("multi"), 7,
                RegValue::fromMultiString({ QStringLiteral("HTTP/a"), QStringLiteral("HTTP/b") }).data()),
            item(kBaseRel, QStringLiteral("qw"), 11, RegValue::fromQword(1ull << 40).data()),
            item(kBaseRel, QStringLiteral("sz"), 1, utf16leWithNul(QStringLiteral("hello"))),
            item(kBaseRel, QStringLiteral("be"), 5, QByteArray::fromHex("00000102")),
            item(kBaseRel + QStringLiteral("\\KeyOnly"), QString(), 0, QByteArray()),
            item(list, QStringLiteral("stale"), 1, utf16leWithNul(QStringLiteral("s"))),
            item(list, QStringLiteral("**delvals."), 1, utf16leWithNul(QStringLiteral(" "))),
            item(list, QStringLiteral("1"), 1, utf16leWithNul(QStringLiteral("one"))),
            item(QStringLiteral("Software\\Policies"), QStringLiteral("**DeleteKeys"), 1,
                utf16leWithNul(QStringLiteral("Software\\Policies\\Gone"))),
        };
        QFile json(tmp(QStringLiteral("samba.json")));
        QVERIFY(json.open(QIODevice::WriteOnly));
        json.write(QJsonDocument(items).toJson());
        json.close();
        const QString pol = tmp(QStringLiteral("samba.pol"));
        const Run w = run({ m_script, QStringLiteral("write"), json.fileName(), pol });
        QVERIFY2(w.exitCode == 0, w.err.constData());

        QFile f(pol);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto tree = parsePolFile(f.readAll(), QStringLiteral("samba.pol"));
        QVERIFY2(tree.ok(), why(tree).constData());

        const RegKeyNode *base = tree->node(kBase);
        QVERIFY(base);
        QCOMPARE(base->entries.first().name, QStringLiteral("x"));
        QVERIFY(!base->entries.first().value); // set, then deleted by **Del.x
        QCOMPARE(tree->valueNames(kBase),
            (QStringList {
                QStringLiteral("multi"), QStringLiteral("qw"), QStringLiteral("sz"), QStringLiteral("be") }));
        QCOMPARE(tree->value(kBase, QStringLiteral("multi"))->toMultiString(),
            (QStringList { QStringLiteral("HTTP/a"), QStringLiteral("HTTP/b") }));
        QCOMPARE(*tree->value(kBase, QStringLiteral("qw"))->toQword(), 1ull << 40);
        QCOMPARE(tree->value(kBase, QStringLiteral("sz"))->type(), 1u);
        QCOMPARE(tree->value(kBase, QStringLiteral("sz"))->toString(), QStringLiteral("hello"));
        QCOMPARE(*tree->value(kBase, QStringLiteral("be"))->toDword(), 0x102u);

        const RegKeyNode *keyOnly = tree->node(kBase + QStringLiteral("\\KeyOnly"));
        QVERIFY(keyOnly && keyOnly->present && keyOnly->entries.isEmpty());

        const RegKeyNode *listNode = tree->node(kBase + QStringLiteral("\\List"));
        QVERIFY(listNode && listNode->deleteAllValues);
        QCOMPARE(tree->valueNames(listNode->path), QStringList { QStringLiteral("1") });

        const RegKeyNode *gone = tree->node(QStringLiteral("HKEY_LOCAL_MACHINE\\Software\\Policies\\Gone"));
        QVERIFY(gone && gone->deleteKey && !gone->present);
    }
};

QTEST_GUILESS_MAIN(TestSambaPol)
#include "tst_samba_pol.moc"
