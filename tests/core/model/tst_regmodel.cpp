#include "core/registry/RegPath.h"
#include "core/registry/RegTree.h"
#include "core/registry/RegValue.h"

#include <QTest>

using namespace ssod::core::registry;

class TestRegModel final : public QObject
{
    Q_OBJECT

private slots:
    void valueTypes()
    {
        const RegValue sz = RegValue::fromString(QStringLiteral("HTTP/*.contoso.com"));
        QCOMPARE(sz.type(), 1u);
        QCOMPARE(sz.data().size(), (18 + 1) * 2);
        QCOMPARE(sz.toString(), QStringLiteral("HTTP/*.contoso.com"));

        // FACTS.md §1.6: {"a","b"} is 61,00,00,00,62,00,00,00,00,00
        const RegValue multi = RegValue::fromMultiString({QStringLiteral("a"), QStringLiteral("b")});
        QCOMPARE(multi.data(), QByteArray::fromHex("61000000620000000000"));
        QCOMPARE(multi.toMultiString(), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));

        QCOMPARE(RegValue::fromDword(0xabcd).data(), QByteArray::fromHex("cdab0000"));
        QCOMPARE(*RegValue::fromDword(7).toDword(), 7u);
        QCOMPARE(RegValue::fromQword(1).data(), QByteArray::fromHex("0100000000000000"));
        QCOMPARE(*RegValue(5, QByteArray::fromHex("00000102")).toDword(), 0x102u);
        QVERIFY(!RegValue(4, QByteArray::fromHex("0102")).toDword()); // wrong size is not a DWORD

        // Missing terminator and odd length are tolerated when reading.
        QCOMPARE(RegValue(1, QByteArray("a\0b", 3)).toString(), QStringLiteral("a"));
        QCOMPARE(regTypeName(7), QStringLiteral("REG_MULTI_SZ"));
        QCOMPARE(*regTypeFromName(QStringLiteral("dword")), 4u);
        QCOMPARE(regTypeName(0x20), QStringLiteral("REG_0x20"));
    }

    void paths()
    {
        QCOMPARE(*path::canonical(QStringLiteral("HKLM\\Software\\X\\")),
                 QStringLiteral("HKEY_LOCAL_MACHINE\\Software\\X"));
        QCOMPARE(*path::canonical(QStringLiteral("hkcu:\\A")), QStringLiteral("HKEY_CURRENT_USER\\A"));
        QVERIFY(!path::canonical(QStringLiteral("HKXX\\A")));
        QVERIFY(path::isWithin(QStringLiteral("HKEY_LOCAL_MACHINE\\A\\B"), QStringLiteral("hkey_local_machine\\a")));
        QVERIFY(!path::isWithin(QStringLiteral("HKEY_LOCAL_MACHINE\\AB"), QStringLiteral("HKEY_LOCAL_MACHINE\\A")));
        QCOMPARE(path::parent(QStringLiteral("HKEY_LOCAL_MACHINE\\A\\B")), QStringLiteral("HKEY_LOCAL_MACHINE\\A"));
    }

    void treeReplay()
    {
        RegTree t;
        const QString k = QStringLiteral("HKEY_LOCAL_MACHINE\\A\\B");
        t.setValue(k, QStringLiteral("X"), RegValue::fromDword(1));
        QVERIFY(t.keyExists(QStringLiteral("HKEY_LOCAL_MACHINE\\A")));
        QCOMPARE(*t.value(k, QStringLiteral("x")), RegValue::fromDword(1));
        t.deleteValueInstruction(k, QStringLiteral("X"));
        QVERIFY(!t.value(k, QStringLiteral("X")));
        QCOMPARE(t.node(k)->entries.size(), 1); // the deletion instruction is kept
        t.deleteKeyInstruction(QStringLiteral("HKEY_LOCAL_MACHINE\\A"));
        QVERIFY(!t.keyExists(k));
        QVERIFY(!t.keyExists(QStringLiteral("HKEY_LOCAL_MACHINE\\A")));
        t.ensureKey(k);
        QCOMPARE(t.subkeyNames(QStringLiteral("HKEY_LOCAL_MACHINE\\A")), QStringList{QStringLiteral("B")});
    }
};

QTEST_GUILESS_MAIN(TestRegModel)
#include "tst_regmodel.moc"
