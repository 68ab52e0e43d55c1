#include "core/registry/PolFileCodec.h"

#include <QRegularExpression>
#include <QTest>
#include <QtEndian>

using namespace ssod::core;
using namespace ssod::core::registry;

namespace {

const QString kFile = QStringLiteral("Registry.pol");
const QString kHklm = QStringLiteral("HKEY_LOCAL_MACHINE");
const QString kKeyRel = QStringLiteral("Software\\Policies\\Test");
const QString kKey = QStringLiteral("HKEY_LOCAL_MACHINE\\Software\\Policies\\Test");

// The test builds files by hand, independently of the writer, so a writer bug cannot hide itself.
QByteArray u32(quint32 v)
{
    QByteArray b(4, '\0');
    qToLittleEndian(v, b.data());
    return b;
}

QByteArray ch(char c)
{
    return QByteArray(1, c) + '\0';
}

QByteArray header()
{
    return QByteArray("PReg") + u32(1);
}

QByteArray entry(const QString &key, const QString &name, quint32 type, const QByteArray &data)
{
    return ch('[') + utf16leWithNul(key) + ch(';') + utf16leWithNul(name) + ch(';') + u32(type) + ch(';')
        + u32(quint32(data.size())) + ch(';') + data + ch(']');
}

/// Offset of an entry's size field, counted from the entry's '['.
qsizetype sizeFieldOffset(const QString &key, const QString &name)
{
    return 2 + (key.size() + 1) * 2 + 2 + (name.size() + 1) * 2 + 2 + 4 + 2;
}

QByteArray space()
{
    return utf16leWithNul(QStringLiteral(" "));
}

Result<RegTree> parse(const QByteArray &bytes, const QString &root = QStringLiteral("HKLM"))
{
    return parsePolFile(bytes, kFile, root);
}

/// QVERIFY2 evaluates its message even on success, so the error may only be read when there is one.
template <typename T> QByteArray why(const Result<T> &r)
{
    return r.ok() ? QByteArray() : r.error().toString().toUtf8();
}

QString location(qsizetype offset)
{
    return kFile + QStringLiteral("@0x") + QString::number(offset, 16);
}

bool sameTree(const RegTree &a, const RegTree &b)
{
    if (a.nodes().size() != b.nodes().size())
        return false;
    for (qsizetype i = 0; i < a.nodes().size(); ++i) {
        const RegKeyNode &x = a.nodes()[i];
        const RegKeyNode &y = b.nodes()[i];
        if (x.path != y.path || x.deleteKey != y.deleteKey || x.deleteAllValues != y.deleteAllValues
            || x.present != y.present || x.entries.size() != y.entries.size())
            return false;
        for (qsizetype j = 0; j < x.entries.size(); ++j)
            if (x.entries[j].name != y.entries[j].name || x.entries[j].value != y.entries[j].value)
                return false;
    }
    return true;
}

} // namespace

class TestPolFile final : public QObject
{
    Q_OBJECT

private slots:
    void workedExample()
    {
        // FACTS.md §2.1, byte for byte.
        const QString key = QStringLiteral("HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft\\Windows\\"
                                           "CredentialsDelegation");
        RegTree tree;
        tree.setValue(key, QStringLiteral("AllowDefaultCredentials"), RegValue::fromDword(1));
        const auto bytes = writePolFile(tree);
        QVERIFY2(bytes.ok(), why(bytes).constData());

        const auto ascii16 = [](const char *s) {
            QByteArray out;
            for (; *s; ++s)
                out += QByteArray(1, *s) + '\0';
            return out;
        };
        const QByteArray expected = QByteArray::fromHex("50526567 01000000 5B00")
            + ascii16("Software\\Policies\\Microsoft\\Windows\\CredentialsDelegation")
            + QByteArray::fromHex("0000 3B00") + ascii16("AllowDefaultCredentials")
            + QByteArray::fromHex("0000 3B00 04000000 3B00 04000000 3B00 01000000 5D00");
        QCOMPARE(*bytes, expected);

        const auto back = parse(expected);
        QVERIFY2(back.ok(), why(back).constData());
        QCOMPARE(back->nodes().size(), 1);
        QCOMPARE(back->nodes()[0].path, key);
        QCOMPARE(*back->value(key, QStringLiteral("AllowDefaultCredentials")), RegValue::fromDword(1));
    }

    void valueTypes_data()
    {
        QTest::addColumn<quint32>("type");
        QTest::addColumn<QByteArray>("data");
        QTest::newRow("REG_SZ") << 1u << utf16leWithNul(QStringLiteral("HTTP/*.contoso.com"));
        QTest::newRow("REG_SZ non-ASCII") << 1u << utf16leWithNul(QStringLiteral("Grüße €"));
        QTest::newRow("REG_EXPAND_SZ") << 2u << utf16leWithNul(QStringLiteral("%SystemRoot%\\x"));
        QTest::newRow("REG_BINARY odd") << 3u << QByteArray::fromHex("0102ff");
        QTest::newRow("REG_DWORD") << 4u << RegValue::fromDword(0xdeadbeef).data();
        QTest::newRow("REG_DWORD_BIG_ENDIAN") << 5u << QByteArray::fromHex("12345678");
        QTest::newRow("REG_LINK") << 6u << utf16leWithNul(QStringLiteral("\\Registry\\Machine\\X"));
        QTest::newRow("REG_MULTI_SZ")
            << 7u << RegValue::fromMultiString({ QStringLiteral("a"), QStringLiteral("bc") }).data();
        QTest::newRow("REG_MULTI_SZ empty") << 7u << QByteArray(2, '\0');
        QTest::newRow("REG_RESOURCE_LIST") << 8u << QByteArray::fromHex("00010203");
        QTest::newRow("REG_QWORD") << 11u << RegValue::fromQword(0x1122334455667788ull).data();
        QTest::newRow("REG_NONE with data") << 0u << QByteArray::fromHex("abcd");
        QTest::newRow("unknown type") << 0x12345u << QByteArray("raw");
        QTest::newRow("REG_SZ without NUL") << 1u << QByteArray("a\0b", 3);
        QTest::newRow("named, no data") << 3u << QByteArray();
    }

    void valueTypes()
    {
        QFETCH(quint32, type);
        QFETCH(QByteArray, data);
        const QByteArray file = header() + entry(kKeyRel, QStringLiteral("v"), type, data);
        const auto tree = parse(file);
        QVERIFY2(tree.ok(), why(tree).constData());
        QCOMPARE(*tree->value(kKey, QStringLiteral("v")), RegValue(type, data));
        const auto written = writePolFile(*tree);
        QVERIFY(written.ok());
        QCOMPARE(*written, file); // lossless: the raw bytes survive
    }

    void deletionMarkers()
    {
        const QByteArray file = header() + entry(kKeyRel, QStringLiteral("a"), 4, u32(1))
            + entry(kKeyRel, QStringLiteral("**del.a"), 1, space())
            + entry(kKeyRel, QStringLiteral("**Del.B"), 4, u32(0)) // as Samba writes it
            + entry(kKeyRel, QStringLiteral("**DeleteValues"), 1, utf16leWithNul(QStringLiteral("c; d;;")));
        const auto tree = parse(file);
        QVERIFY2(tree.ok(), why(tree).constData());
        const RegKeyNode *n = tree->node(kKey);
        QVERIFY(n && n->present);
        QCOMPARE(n->entries.size(), 4);
        const QStringList names { QStringLiteral("a"), QStringLiteral("B"), QStringLiteral("c"),
            QStringLiteral("d") };
        for (qsizetype i = 0; i < names.size(); ++i) {
            QCOMPARE(n->entries[i].name, names[i]);
            QVERIFY(!n->entries[i].value);
        }
        // Written back as lowercase **del. with " " data, one per value.
        QByteArray expected = header();
        for (const QString &name : names)
            expected += entry(kKeyRel, QStringLiteral("**del.") + name, 1, space());
        QCOMPARE(*writePolFile(*tree), expected);
    }

    void deleteAllValues()
    {
        const QByteArray file = header() + entry(kKeyRel, QStringLiteral("old"), 4, u32(1))
            + entry(kKeyRel, QStringLiteral("**DelVals."), 1, space())
            + entry(kKeyRel, QStringLiteral("new"), 1, utf16leWithNul(QStringLiteral("x")));
        const auto tree = parse(file);
        QVERIFY(tree.ok());
        const RegKeyNode *n = tree->node(kKey);
        QVERIFY(n && n->deleteAllValues);
        QCOMPARE(n->entries.size(), 1); // "old" was deleted by the marker, as the CSE would
        QCOMPARE(n->entries[0].name, QStringLiteral("new"));
        QCOMPARE(*writePolFile(*tree),
            header() + entry(kKeyRel, QStringLiteral("**delvals."), 1, space())
                + entry(kKeyRel, QStringLiteral("new"), 1, utf16leWithNul(QStringLiteral("x"))));
        // Without the dot and with any type, the marker still counts.
        const auto noDot = parse(header() + entry(kKeyRel, QStringLiteral("**delvals"), 4, u32(0)));
        QVERIFY(noDot.ok() && noDot->node(kKey)->deleteAllValues);
    }

    void deleteKeys()
    {
        const QString parentRel = QStringLiteral("Software\\Policies");
        const QByteArray file = header()
            + entry(parentRel, QStringLiteral("**DeleteKeys"), 1,
                utf16leWithNul(QStringLiteral("Test;Other\\Deep; ")))
            // Root-relative form found in GPMC files (Samba's test data).
            + entry(parentRel, QStringLiteral("**deletekeys"), 1,
                utf16leWithNul(QStringLiteral("Software\\Policies\\Third")));
        const auto tree = parse(file);
        QVERIFY2(tree.ok(), why(tree).constData());
        QCOMPARE(tree->nodes().size(), 3);
        const QStringList paths { kKey, QStringLiteral("HKEY_LOCAL_MACHINE\\Software\\Policies\\Other\\Deep"),
            QStringLiteral("HKEY_LOCAL_MACHINE\\Software\\Policies\\Third") };
        for (qsizetype i = 0; i < 3; ++i) {
            QCOMPARE(tree->nodes()[i].path, paths[i]);
            QVERIFY(tree->nodes()[i].deleteKey);
            QVERIFY(!tree->nodes()[i].present);
        }
        QVERIFY(!tree->node(QStringLiteral("HKEY_LOCAL_MACHINE\\Software\\Policies"))); // marker only
        // One **DeleteKeys entry per deleted key, on its parent.
        const auto written = writePolFile(*tree);
        QVERIFY(written.ok());
        QCOMPARE(*written,
            header()
                + entry(parentRel, QStringLiteral("**DeleteKeys"), 1, utf16leWithNul(QStringLiteral("Test")))
                + entry(QStringLiteral("Software\\Policies\\Other"), QStringLiteral("**DeleteKeys"), 1,
                    utf16leWithNul(QStringLiteral("Deep")))
                + entry(
                    parentRel, QStringLiteral("**DeleteKeys"), 1, utf16leWithNul(QStringLiteral("Third"))));
        QVERIFY(sameTree(*parse(*written), *tree));
    }

    void literalSpecialNames()
    {
        const QByteArray file = header() + entry(kKeyRel, QStringLiteral("**SecureKey"), 4, u32(1))
            + entry(kKeyRel, QStringLiteral("**soft.Mode"), 1, utf16leWithNul(QStringLiteral("on")))
            + entry(kKeyRel, QStringLiteral("**future.x"), 3, QByteArray("z"));
        const auto tree = parse(file);
        QVERIFY(tree.ok());
        QCOMPARE(tree->valueNames(kKey),
            (QStringList { QStringLiteral("**SecureKey"), QStringLiteral("**soft.Mode"),
                QStringLiteral("**future.x") }));
        QCOMPARE(*tree->value(kKey, QStringLiteral("**securekey")), RegValue::fromDword(1));
        QCOMPARE(*writePolFile(*tree), file);
    }

    void keyOnlyEntries()
    {
        const QString a = QStringLiteral("Software\\A"), b = QStringLiteral("Software\\B");
        const QString c = QStringLiteral("Software\\C"), d = QStringLiteral("Software\\D");
        const QByteArray file = header() + entry(a, QString(), 0, {})
            // Type, size and data missing; then everything after the value name missing.
            + ch('[') + utf16leWithNul(b) + ch(']')
            + ch('[') + utf16leWithNul(c) + ch(';') + utf16leWithNul(QStringLiteral("v")) + ch(']')
            // Size 0 with a type, and stray separators around the key.
            + entry(QStringLiteral("\\Software\\\\D\\"), QString(), 1, {});
        const auto tree = parse(file);
        QVERIFY2(tree.ok(), why(tree).constData());
        QCOMPARE(tree->nodes().size(), 4);
        for (const RegKeyNode &n : tree->nodes()) {
            QVERIFY(n.present);
            QVERIFY(n.entries.isEmpty());
        }
        QCOMPARE(tree->nodes()[3].path, QStringLiteral("HKEY_LOCAL_MACHINE\\Software\\D"));
        // Written as Samba writes a key-only entry: empty name, REG_NONE, size 0.
        QCOMPARE(*writePolFile(*tree),
            header() + entry(a, QString(), 0, {}) + entry(b, QString(), 0, {}) + entry(c, QString(), 0, {})
                + entry(d, QString(), 0, {}));
        // An empty name with data is the default value, not a key-only entry.
        const auto def = parse(header() + entry(a, QString(), 1, utf16leWithNul(QStringLiteral("x"))));
        QCOMPARE(
            def->valueNames(QStringLiteral("HKEY_LOCAL_MACHINE\\Software\\A")), QStringList { QString() });
    }

    void roundTrip()
    {
        RegTree tree;
        tree.deleteKeyInstruction(kKey + QStringLiteral("\\Old"));
        tree.ensureKey(kKey + QStringLiteral("\\Empty"));
        RegKeyNode &list = tree.ensureKey(kKey + QStringLiteral("\\List"));
        list.deleteAllValues = true;
        tree.setValue(
            kKey + QStringLiteral("\\List"), QStringLiteral("1"), RegValue::fromString(QStringLiteral("a")));
        tree.setValue(kKey, QString(), RegValue::fromString(QStringLiteral("default")));
        tree.setValue(kKey, QStringLiteral("q"), RegValue::fromQword(5));
        tree.setValue(kKey, QStringLiteral("m"),
            RegValue::fromMultiString({ QStringLiteral("x"), QStringLiteral("y") }));
        tree.setValue(
            kKey, QStringLiteral("e"), RegValue::fromString(QStringLiteral("%TEMP%"), RegType::ExpandSz));
        tree.deleteValueInstruction(kKey, QStringLiteral("gone"));
        tree.deleteKeyInstruction(kKey + QStringLiteral("\\Reborn"));
        tree.setValue(kKey + QStringLiteral("\\Reborn"), QStringLiteral("v"), RegValue::fromDword(2));

        const auto bytes = writePolFile(tree);
        QVERIFY2(bytes.ok(), why(bytes).constData());
        const auto back = parse(*bytes);
        QVERIFY2(back.ok(), why(back).constData());
        QVERIFY(sameTree(*back, tree));
        QCOMPARE(*writePolFile(*back), *bytes);
    }

    void userRoot()
    {
        const QByteArray file = header() + entry(kKeyRel, QStringLiteral("v"), 4, u32(3));
        const auto tree = parse(file, QStringLiteral("HKEY_CURRENT_USER"));
        QVERIFY(tree.ok());
        QCOMPARE(tree->nodes()[0].path, QStringLiteral("HKEY_CURRENT_USER\\Software\\Policies\\Test"));
        QCOMPARE(*writePolFile(*tree, QStringLiteral("HKCU")), file);

        const auto intoMachine = writePolFile(*tree);
        QVERIFY(!intoMachine.ok());
        QCOMPARE(intoMachine.error().message,
            QStringLiteral(
                "HKEY_CURRENT_USER\\Software\\Policies\\Test cannot go into a machine Registry.pol "
                "(HKEY_LOCAL_MACHINE); export user settings separately"));
        const auto intoUser = writePolFile(*parse(file), QStringLiteral("HKEY_CURRENT_USER"));
        QVERIFY(!intoUser.ok());
        QVERIFY(intoUser.error().message.contains(QStringLiteral("a user Registry.pol (HKEY_CURRENT_USER); "
                                                                 "export machine settings separately")));
        QVERIFY(!parse(file, QStringLiteral("HKEY_NOWHERE")).ok());
    }

    void writerLimits()
    {
        RegTree big;
        big.setValue(kKey, QStringLiteral("Blob"), RegValue::fromBinary(QByteArray(65536, 'x')));
        auto r = writePolFile(big);
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QStringLiteral("Blob")));
        QVERIFY(r.error().message.contains(QStringLiteral("65535")));
        big.setValue(kKey, QStringLiteral("Blob"), RegValue::fromBinary(QByteArray(65535, 'x')));
        QVERIFY(writePolFile(big).ok());

        // Larger values from other tools are still read (up to 1 MiB).
        const QByteArray file = header() + entry(kKeyRel, QStringLiteral("Big"), 3, QByteArray(70000, 'y'));
        const auto tree = parse(file);
        QVERIFY(tree.ok());
        QVERIFY(!writePolFile(*tree).ok());

        RegTree topLevel;
        topLevel.deleteKeyInstruction(QStringLiteral("HKLM\\Software"));
        QVERIFY(!writePolFile(topLevel).ok());
        RegTree spaced; // **DeleteKeys lists are trimmed by readers, so this name would change
        spaced.deleteKeyInstruction(kKey + QStringLiteral("\\ x"));
        QVERIFY(!writePolFile(spaced).ok());
        RegTree onRoot;
        onRoot.setValue(kHklm, QStringLiteral("x"), RegValue::fromDword(1));
        QVERIFY(!writePolFile(onRoot).ok());
        RegTree bareRoot;
        bareRoot.ensureKey(kHklm);
        QCOMPARE(*writePolFile(bareRoot), header());
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qsizetype>("offset");
        QTest::addColumn<QString>("needle");
        const QByteArray good = entry(kKeyRel, QStringLiteral("v"), 4, u32(1));
        const qsizetype sizeAt = 8 + sizeFieldOffset(kKeyRel, QStringLiteral("v"));

        QTest::newRow("empty") << QByteArray() << qsizetype(0) << QStringLiteral("empty");
        QTest::newRow("bad signature")
            << QByteArray("REGEDIT4\r\n") << qsizetype(0) << QStringLiteral("\"REGE\"");
        QTest::newRow("short header")
            << QByteArray("PReg\1") << qsizetype(5) << QStringLiteral("truncated header");
        QTest::newRow("bad version") << QByteArray("PReg") + u32(2) + good << qsizetype(4)
                                     << QStringLiteral("version 2");
        QByteArray past = header() + good;
        past.replace(sizeAt, 4, u32(7)); // 4 data bytes + "]" remain: 7 is one too many
        QTest::newRow("size past end") << past << sizeAt << QStringLiteral("runs past the end");
        QByteArray huge = header() + good;
        huge.replace(sizeAt, 4, u32(0xffffffffu));
        QTest::newRow("huge size") << huge << sizeAt << QStringLiteral("exceeds the 1 MiB limit");
        QTest::newRow("garbage") << header() + good + ch('x') << 8 + good.size()
                                 << QStringLiteral("found 'x'");
        QTest::newRow("trailing byte")
            << header() + good + QByteArray(1, '[') << 8 + good.size() << QStringLiteral("truncated entry");
        QByteArray noClose = header() + good;
        noClose[noClose.size() - 2] = ')';
        QTest::newRow("missing ]") << noClose << noClose.size() - 2 << QStringLiteral("expected ']'");
        QByteArray noSemi = header() + good;
        noSemi[8 + 2 + (kKeyRel.size() + 1) * 2] = ',';
        QTest::newRow("missing ;") << noSemi << 8 + 2 + (kKeyRel.size() + 1) * 2
                                   << QStringLiteral("expected ';' after the key path");
        QTest::newRow("unterminated key") << header() + ch('[') + QByteArray("A\0B\0", 4) << qsizetype(10)
                                          << QStringLiteral("unterminated key path");
        QTest::newRow("empty key") << header() + entry(QString(), QStringLiteral("v"), 4, u32(1))
                                   << qsizetype(10) << QStringLiteral("empty key");
        QTest::newRow("separator-only key") << header() + entry(QStringLiteral("\\\\"), QString(), 0, {})
                                            << qsizetype(10) << QStringLiteral("empty key");
    }

    void malformed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(qsizetype, offset);
        QFETCH(QString, needle);
        const auto r = parse(bytes);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, Error::Code::InvalidInput);
        QCOMPARE(r.error().location, location(offset));
        QVERIFY2(r.error().message.contains(needle), qPrintable(r.error().message));
    }

    void everyPrefix()
    {
        // Cut a valid file at every length: only whole-entry boundaries parse, everything else
        // fails with a location inside the prefix. Never a crash.
        const QList<QByteArray> entries { entry(kKeyRel, QStringLiteral("s"), 1,
                                              utf16leWithNul(QStringLiteral("x"))),
            entry(kKeyRel, QStringLiteral("b"), 3, QByteArray("\x01\x02\x03", 3)),
            entry(kKeyRel, QStringLiteral("**del.z"), 1, space()),
            ch('[') + utf16leWithNul(QStringLiteral("K")) + ch(']'),
            entry(kKeyRel, QStringLiteral("q"), 11, u32(1) + u32(2)) };
        QByteArray file = header();
        QList<qsizetype> boundaries { file.size() };
        for (const QByteArray &e : entries) {
            file += e;
            boundaries << file.size();
        }
        static const QRegularExpression where(QStringLiteral("^Registry\\.pol@0x([0-9a-f]+)$"));
        for (qsizetype len = 0; len <= file.size(); ++len) {
            const auto r = parse(file.left(len));
            if (boundaries.contains(len)) {
                QVERIFY2(r.ok(), qPrintable(QString::number(len)));
                continue;
            }
            QVERIFY2(!r.ok(), qPrintable(QString::number(len)));
            const auto m = where.match(r.error().location);
            QVERIFY2(m.hasMatch(), qPrintable(r.error().location));
            QVERIFY(m.captured(1).toLongLong(nullptr, 16) <= len);
        }
        // Flip every byte in turn: any outcome but a crash is fine; errors carry a location.
        for (qsizetype i = 0; i < file.size(); ++i) {
            QByteArray mutated = file;
            mutated[i] = char(mutated[i] ^ 0x5a);
            const auto r = parse(mutated);
            if (!r.ok())
                QVERIFY(where.match(r.error().location).hasMatch());
            else
                QVERIFY(writePolFile(*r).ok());
        }
    }
};

QTEST_GUILESS_MAIN(TestPolFile)
#include "tst_polfile.moc"
