#include "RegFileTestUtil.h"

// Writing: exact text as regedit writes it, line wrapping, special nodes, and write→parse round
// trips of every type in both formats.
class TestRegFileWriter final : public QObject {
    Q_OBJECT

private slots:
    void writerExactV5()
    {
        RegTree t;
        t.setValue(kCred, QStringLiteral("AllowDefaultCredentials"), RegValue::fromDword(1));
        t.setValue(kCred, QString(), RegValue::fromString(QStringLiteral("default")));
        t.setValue(
            kCred, QStringLiteral("Say \"x\""), RegValue::fromString(QStringLiteral("say \"hi\" C:\\Temp")));
        t.setValue(kCred, QStringLiteral("Multi"),
            RegValue::fromMultiString({ QStringLiteral("a"), QStringLiteral("b") }));
        t.setValue(kCred, QStringLiteral("Q"), RegValue::fromQword(1));
        t.setValue(
            kCred, QStringLiteral("Exp"), RegValue::fromString(QStringLiteral("%a%"), RegType::ExpandSz));
        t.setValue(kCred, QStringLiteral("Bin"), RegValue::fromBinary(hex("01,02,ff")));
        t.setValue(kCred, QStringLiteral("None"), RegValue(0, {}));
        t.setValue(kCred, QStringLiteral("Ctl"), RegValue::fromString(QStringLiteral("a\nb")));
        t.setValue(kCred, QStringLiteral("Short"), RegValue(4, hex("01,02")));
        t.setValue(kCred, QStringLiteral("Big"), RegValue::fromDword(0xABCDEF01));
        t.deleteValueInstruction(kCred, QStringLiteral("Obsolete"));
        t.deleteKeyInstruction(QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\Obsolete"));

        const QString body = QStringLiteral(
            "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation]\r\n"
            "\"AllowDefaultCredentials\"=dword:00000001\r\n"
            "@=\"default\"\r\n"
            "\"Say \\\"x\\\"\"=\"say \\\"hi\\\" C:\\\\Temp\"\r\n"
            "\"Multi\"=hex(7):%1\r\n"
            "\"Q\"=hex(b):01,00,00,00,00,00,00,00\r\n"
            "\"Exp\"=hex(2):%2\r\n"
            "\"Bin\"=hex:01,02,ff\r\n"
            "\"None\"=hex(0):\r\n"
            "\"Ctl\"=hex(1):%3\r\n"
            "\"Short\"=hex(4):01,02\r\n"
            "\"Big\"=dword:abcdef01\r\n"
            "\"Obsolete\"=-\r\n"
            "\r\n"
            "[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\Obsolete]\r\n"
            "\r\n");
        const QByteArray out = writeRegFile(
            t, RegFileFormat::V5, { QStringLiteral("made by a test"), QStringLiteral("two\nlines") });
        QCOMPARE(fromV5(out),
            QStringLiteral(
                "Windows Registry Editor Version 5.00\r\n; made by a test\r\n; two\r\n; lines\r\n\r\n")
                + body.arg(QStringLiteral("61,00,00,00,62,00,00,00,00,00"),
                    QStringLiteral("25,00,61,00,25,00,00,00"), QStringLiteral("61,00,0a,00,62,00,00,00")));

        const QByteArray out4 = writeRegFile(t, RegFileFormat::Regedit4);
        QCOMPARE(QString::fromUtf8(out4),
            QStringLiteral("REGEDIT4\r\n\r\n")
                + body.arg(QStringLiteral("61,00,62,00,00"), QStringLiteral("25,61,25,00"),
                    QStringLiteral("61,0a,62,00")));
    }

    void writerWrapsLikeRegedit()
    {
        RegTree t;
        QByteArray data;
        for (int i = 0; i < 100; ++i)
            data.append(char(i));
        t.setValue(kA, QStringLiteral("ProductId"), RegValue::fromBinary(data));
        const QStringList lines = fromV5(writeRegFile(t)).split(QStringLiteral("\r\n"));
        // header, blank, [key], then the value over 5 lines: 21 bytes, 3 x 25, 4.
        QCOMPARE(lines[3],
            QStringLiteral("\"ProductId\"=hex:") + QString::fromLatin1(data.left(21).toHex(','))
                + QStringLiteral(",\\"));
        QCOMPARE(lines[3].size(), 80);
        QCOMPARE(lines[4],
            QStringLiteral("  ") + QString::fromLatin1(data.mid(21, 25).toHex(',')) + QStringLiteral(",\\"));
        QCOMPARE(lines[4].size(), 78);
        QCOMPARE(lines[7], QStringLiteral("  ") + QString::fromLatin1(data.mid(96).toHex(',')));
        QCOMPARE(lines[8], QString());
        QCOMPARE(valueOf(mustParse(writeRegFile(t)), kA, QStringLiteral("ProductId")).data(), data);
    }

    void writerSpecialNodes()
    {
        RegTree t;
        t.ensureKey(kA).deleteAllValues = true;
        t.setValue(kA, QStringLiteral("X"), RegValue::fromDword(1));
        t.setValue(kA, QStringLiteral("Raw"), RegValue(1, hex("61,00"))); // no NUL: regedit will add one
        const QString text = fromV5(writeRegFile(t));
        QVERIFY(text.contains(QStringLiteral("; all values of [HKEY_LOCAL_MACHINE\\A] are deleted first")));
        QVERIFY(text.contains(QStringLiteral("; note: the next value reads back slightly changed")));
        QVERIFY(text.contains(QStringLiteral("\"Raw\"=hex(1):61,00\r\n")));
        const ParsedRegFile p = mustParse(writeRegFile(t));
        QCOMPARE(valueOf(p, kA, QStringLiteral("X")), RegValue::fromDword(1));
        QCOMPARE(valueOf(p, kA, QStringLiteral("Raw")), RegValue::fromString(QStringLiteral("a")));

        // Each of these is also a warning naming key and value, so callers can show it.
        t.setValue(kA, QStringLiteral("**soft.Y"), RegValue::fromDword(2));
        const WrittenRegFile w
            = writeRegFileReporting(t, RegFileFormat::V5, {}, QStringLiteral("Registry.pol"));
        QCOMPARE(w.bytes, writeRegFile(t));
        QStringList seen;
        for (const FileWarning &fw : w.warnings)
            seen << QStringLiteral("%1|%2|%3|%4").arg(fw.kindName(), fw.location, fw.key, fw.valueName);
        QCOMPARE(seen,
            (QStringList { QStringLiteral("lost|Registry.pol|HKEY_LOCAL_MACHINE\\A|"),
                QStringLiteral("reinterpreted|Registry.pol|HKEY_LOCAL_MACHINE\\A|Raw"),
                QStringLiteral("reinterpreted|Registry.pol|HKEY_LOCAL_MACHINE\\A|**soft.Y") }));
        QVERIFY2(
            w.warnings[0].message.contains(QStringLiteral("**delvals.")), qPrintable(w.warnings[0].message));
    }

    void lossyValuesConverge()
    {
        // A lone surrogate cannot become REGEDIT4 text: the writer says so in a comment, and one
        // more write/parse round gives identical output.
        const ParsedRegFile p
            = mustParse(v5(QStringLiteral("Windows Registry Editor Version 5.00\r\n[HKLM\\A]\r\n"
                                          "\"S\"=hex(1):00,d8,00,00\r\n")));
        QCOMPARE(valueOf(p, kA, QStringLiteral("S")).data(), hex("00,d8,00,00"));
        QCOMPARE(fromV5(writeRegFile(p.tree)).count(QStringLiteral("; note:")), 0); // exact in v5
        const QByteArray first = writeRegFile(p.tree, RegFileFormat::Regedit4);
        QVERIFY(first.contains("; note: the next value reads back slightly changed"));
        const QByteArray second = writeRegFile(mustParse(first).tree, RegFileFormat::Regedit4);
        QVERIFY(!second.contains("; note:"));
        QCOMPARE(writeRegFile(mustParse(second).tree, RegFileFormat::Regedit4), second);
    }

    void roundTrip_data()
    {
        QTest::addColumn<RegValue>("value");
        QByteArray big;
        for (int i = 0; i < 1000; ++i)
            big.append(char(i * 7));
        QTest::newRow("sz") << RegValue::fromString(QStringLiteral("HTTP/*.contoso.com"));
        QTest::newRow("sz-escapes") << RegValue::fromString(QStringLiteral("C:\\a \"b\" ; not a comment"));
        QTest::newRow("sz-unicode") << RegValue::fromString(QString::fromUtf8("Grüße € 😀"));
        QTest::newRow("sz-control") << RegValue::fromString(QStringLiteral("line1\r\nline2\ttab"));
        QTest::newRow("sz-empty") << RegValue::fromString(QString());
        QTest::newRow("sz-embedded-nul") << RegValue(1, hex("61,00,00,00,62,00,00,00"));
        QTest::newRow("expand-sz") << RegValue::fromString(
            QStringLiteral("%SystemRoot%\\x"), RegType::ExpandSz);
        QTest::newRow("link") << RegValue::fromString(QStringLiteral("\\Registry\\Machine"), RegType::Link);
        QTest::newRow("multi-sz") << RegValue::fromMultiString(
            { QStringLiteral("a"), QString::fromUtf8("bé"), QStringLiteral("c") });
        QTest::newRow("multi-sz-empty") << RegValue::fromMultiString({});
        QTest::newRow("binary") << RegValue::fromBinary(big);
        QTest::newRow("binary-empty") << RegValue::fromBinary({});
        QTest::newRow("dword") << RegValue::fromDword(0xffffffff);
        QTest::newRow("dword-wrong-size") << RegValue(4, hex("01,02,03"));
        QTest::newRow("dword-be") << RegValue(5, hex("00,00,00,01"));
        QTest::newRow("resource-list") << RegValue(8, hex("01,02"));
        QTest::newRow("qword") << RegValue::fromQword(0x0123456789abcdefULL);
        QTest::newRow("none") << RegValue(0, {});
        QTest::newRow("none-data") << RegValue(0, hex("00,01"));
        QTest::newRow("unknown-type") << RegValue(0x12345, hex("ff"));
    }

    void roundTrip()
    {
        QFETCH(RegValue, value);
        for (const RegFileFormat format : { RegFileFormat::V5, RegFileFormat::Regedit4 }) {
            RegTree t;
            const QString name = QString::fromUtf8("Näme \"q\" \\ x");
            t.setValue(kA, name, value);
            t.setValue(kA, QString(), value);
            t.deleteValueInstruction(kA, QStringLiteral("gone"));
            const QByteArray bytes = writeRegFile(t, format);
            auto r = parseRegFile(bytes, QStringLiteral("rt.reg"));
            QVERIFY2(r.ok(), why(r).constData());
            QCOMPARE(r->format, format);
            QCOMPARE(r->tree.nodes().size(), 1);
            QCOMPARE(r->tree.node(kA)->entries.size(), 3);
            QCOMPARE(valueOf(*r, kA, name), value);
            QCOMPARE(valueOf(*r, kA, QString()), value);
            QVERIFY(!r->tree.node(kA)->entries[2].value);
            QCOMPARE(writeRegFile(r->tree, format), bytes);
        }
    }

};

QTEST_GUILESS_MAIN(TestRegFileWriter)
#include "tst_regfile_writer.moc"
