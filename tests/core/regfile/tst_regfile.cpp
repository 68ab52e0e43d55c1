#include "RegFileTestUtil.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>

// Parsing: every value form and line shape regedit and Wine accept, errors with file:line,
// hostile input. The writer's tests are in tst_regfile_writer.cpp.
class TestRegFile final : public QObject {
    Q_OBJECT

private slots:
    void minimalV5FromFacts()
    {
        // FACTS.md §1.6, as regedit would save it.
        const QString text = QStringLiteral(
            "Windows Registry Editor Version 5.00\r\n\r\n"
            "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation]\r\n"
            "\"AllowDefaultCredentials\"=dword:00000001\r\n"
            "\"ConcatenateDefaults_AllowDefault\"=dword:00000001\r\n"
            "\"ObsoleteValue\"=-\r\n\r\n"
            "[HKEY_LOCAL_"
            "MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\AllowDefaultCredentials]"
            "\r\n"
            "\"1\"=\"HTTP/*.contoso.com\"\r\n\r\n"
            "[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\Obsolete]\r\n");
        auto r = parseRegFile(v5(text), QStringLiteral("min.reg"));
        QVERIFY2(r.ok(), why(r).constData());
        QCOMPARE(r->format, RegFileFormat::V5);
        const RegTree &t = r->tree;
        QCOMPARE(t.nodes().size(), 3);
        QCOMPARE(*t.value(kCred, QStringLiteral("AllowDefaultCredentials")), RegValue::fromDword(1));
        QCOMPARE(t.node(kCred)->entries.size(), 3);
        QCOMPARE(t.node(kCred)->entries[2].name, QStringLiteral("ObsoleteValue"));
        QVERIFY(!t.node(kCred)->entries[2].value);
        QCOMPARE(*t.value(kCred + QStringLiteral("\\AllowDefaultCredentials"), QStringLiteral("1")),
            RegValue::fromString(QStringLiteral("HTTP/*.contoso.com")));
        const RegKeyNode &del = t.nodes()[2];
        QCOMPARE(del.path, QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\Obsolete"));
        QVERIFY(del.deleteKey);
        QVERIFY(!del.present);
    }

    void valueTypes_data()
    {
        QTest::addColumn<QString>("data");
        QTest::addColumn<bool>("unicode");
        QTest::addColumn<quint32>("type");
        QTest::addColumn<QByteArray>("bytes");

        for (const bool unicode : { true, false }) {
            const char *tag = unicode ? "v5" : "regedit4";
            auto row = [&](const char *name, const char *data, quint32 type, const QByteArray &bytes) {
                QTest::addRow("%s-%s", tag, name) << QString::fromUtf8(data) << unicode << type << bytes;
            };
            row("sz", "\"abc\"", 1, hex("61,00,62,00,63,00,00,00"));
            row("sz-empty", "\"\"", 1, hex("00,00"));
            row("dword", "dword:0000abcd", 4, hex("cd,ab,00,00"));
            row("dword-short", "dword:1", 4, hex("01,00,00,00"));
            row("dword-spaces", "dword:  ffffffff  ", 4, hex("ff,ff,ff,ff"));
            row("dword-upper", "DWORD:0000ABCD", 4, hex("cd,ab,00,00"));
            row("binary", "hex:01,02,ff", 3, hex("01,02,ff"));
            row("binary-empty", "hex:", 3, {});
            row("binary-single-digit", "hex:1, 2 ,a", 3, hex("01,02,0a"));
            row("none-empty", "hex(0):", 0, {});
            row("qword", "hex(b):01,00,00,00,00,00,00,00", 11, hex("01,00,00,00,00,00,00,00"));
            row("dword-be", "hex(5):00,00,01,02", 5, hex("00,00,01,02"));
            row("dword-wrong-size", "hex(4):01,02", 4, hex("01,02"));
            row("resource-list", "hex(8):01", 8, hex("01"));
            row("unknown-type", "hex(1f):aa,bb", 0x1f, hex("aa,bb"));
            row("type-max", "hex(ffffffff):00", 0xffffffffu, hex("00"));
            row("trailing-comma", "hex:01,02,", 3, hex("01,02"));
            // For types 1, 2 and 7 the file encoding decides (FACTS §1.1/§1.3): UTF-16 files hold
            // UTF-16LE bytes, ANSI files 8-bit text that is widened on import.
            if (unicode) {
                row("multi-sz", "hex(7):61,00,00,00,62,00,00,00,00,00", 7,
                    hex("61,00,00,00,62,00,00,00,00,00"));
                row("expand-sz", "hex(2):25,00,61,00,25,00,00,00", 2, hex("25,00,61,00,25,00,00,00"));
                row("sz-hex-missing-nul", "hex(1):61,00", 1, hex("61,00,00,00"));
                row("sz-hex-empty", "hex(1):", 1, hex("00,00"));
                row("sz-hex-odd", "hex(1):61", 1, hex("61,00,00,00"));
            } else {
                row("multi-sz", "hex(7):61,00,62,00,00", 7, hex("61,00,00,00,62,00,00,00,00,00"));
                row("expand-sz", "hex(2):25,61,25,00", 2, hex("25,00,61,00,25,00,00,00"));
                row("expand-sz-missing-nul", "hex(2):25,61,25", 2, hex("25,00,61,00,25,00,00,00"));
                row("sz-hex-empty", "hex(1):", 1, hex("00,00"));
                row("sz-hex-utf8", "hex(1):c3,a9,00", 1, hex("e9,00,00,00"));
                row("sz-hex-latin1", "hex(1):e9,00", 1, hex("e9,00,00,00")); // not UTF-8: Latin-1
            }
        }
    }

    void valueTypes()
    {
        QFETCH(QString, data);
        QFETCH(bool, unicode);
        QFETCH(quint32, type);
        QFETCH(QByteArray, bytes);
        const QString text
            = (unicode ? QStringLiteral("Windows Registry Editor Version 5.00") : QStringLiteral("REGEDIT4"))
            + QStringLiteral("\r\n\r\n[HKLM\\A]\r\n\"V\"=") + data + QStringLiteral("\r\n");
        auto r = parseRegFile(unicode ? v5(text) : text.toUtf8(), QStringLiteral("t.reg"));
        QVERIFY2(r.ok(), why(r).constData());
        QCOMPARE(r->format, unicode ? RegFileFormat::V5 : RegFileFormat::Regedit4);
        const std::optional<RegValue> v = r->tree.value(kA, QStringLiteral("V"));
        QVERIFY(v);
        QCOMPARE(v->type(), type);
        QCOMPARE(v->data().toHex(','), bytes.toHex(','));
    }

    void v5HeaderWithoutBomIsAnsi()
    {
        // A v5 header does not make a file Unicode; only the BOM does (FACTS §1.1).
        const QByteArray f = "Windows Registry Editor Version 5.00\r\n[HKLM\\A]\r\n\"V\"=hex(2):41,42,00\r\n";
        const ParsedRegFile p = mustParse(f);
        QCOMPARE(p.format, RegFileFormat::V5);
        QCOMPARE(valueOf(p, kA, QStringLiteral("V")).data(), hex("41,00,42,00,00,00"));
    }

    void ansiTextEncodings()
    {
        // Valid UTF-8 is read as UTF-8, anything else as Latin-1.
        const ParsedRegFile utf8
            = mustParse("REGEDIT4\n[HKLM\\A]\n\"Gr\xc3\xbc\xc3\x9f\"=\"\xe2\x82\xac\"\n");
        QCOMPARE(valueOf(utf8, kA, QString::fromUtf8("Grüß")), RegValue::fromString(QString::fromUtf8("€")));
        const ParsedRegFile latin1 = mustParse("REGEDIT4\n[HKLM\\A]\n\"Gr\xfc\xdf\"=\"caf\xe9\"\n");
        QCOMPARE(
            valueOf(latin1, kA, QString::fromUtf8("Grüß")), RegValue::fromString(QString::fromUtf8("café")));
        // Notepad's UTF-8 BOM is tolerated.
        QVERIFY(mustParse("\xef\xbb\xbfREGEDIT4\r\n[HKLM\\A]\r\n").tree.keyExists(kA));
    }

    void escapes()
    {
        const QString text
            = QStringLiteral("Windows Registry Editor Version 5.00\r\n[HKLM\\A]\r\n"
                             "\"a\\\\b\\\"c\"=\"C:\\\\Temp\\\\a.exe \\\"q\\\" x\\ny\\rz \\t\"\r\n");
        const ParsedRegFile p = mustParse(v5(text));
        // \t is not an escape: regedit keeps the 't'.
        QCOMPARE(valueOf(p, kA, QStringLiteral("a\\b\"c")),
            RegValue::fromString(QStringLiteral("C:\\Temp\\a.exe \"q\" x\ny\rz t")));
    }

    void defaultValueAndWhitespace()
    {
        const ParsedRegFile p
            = mustParse(v5(QStringLiteral("Windows Registry Editor Version 5.00\r\n"
                                          "  [HKLM\\A]   ; trailing text after the bracket is ignored\r\n"
                                          "  @ = \"def\"   ; comment\r\n"
                                          "\t\"x\"\t=\tdword:2;comment\r\n"
                                          "\"\"=\"empty name is the default\"\r\n")));
        QCOMPARE(
            valueOf(p, kA, QString()), RegValue::fromString(QStringLiteral("empty name is the default")));
        QCOMPARE(valueOf(p, kA, QStringLiteral("X")), RegValue::fromDword(2));
        QCOMPARE(p.tree.node(kA)->entries.size(), 2);
    }

    void commentsAndOtherLinesAreIgnored()
    {
        const ParsedRegFile p
            = mustParse("REGEDIT4\r\n; comment\r\n\r\n   \r\n[HKLM\\A]\r\n;\"X\"=dword:1\r\n"
                        "# also ignored\r\nrandom text\r\n  01,02\r\n\"Y\"=dword:3 ; ok\r\n");
        QCOMPARE(p.tree.node(kA)->entries.size(), 1);
        QCOMPARE(valueOf(p, kA, QStringLiteral("Y")), RegValue::fromDword(3));
    }

    void continuation()
    {
        const ParsedRegFile p = mustParse("REGEDIT4\r\n[HKLM\\A]\r\n"
                                          "\"B\"=hex:01,02,\\\r\n"
                                          "  03,04,\\\r\n"
                                          "\r\n"
                                          "; a comment inside\r\n"
                                          "\t  05 ; and a trailing comment\r\n"
                                          "\"C\"=hex(7):61,00,\\  \r\n  62,00,00\r\n");
        QCOMPARE(valueOf(p, kA, QStringLiteral("B")), RegValue::fromBinary(hex("01,02,03,04,05")));
        QCOMPARE(valueOf(p, kA, QStringLiteral("C")),
            RegValue::fromMultiString({ QStringLiteral("a"), QStringLiteral("b") }));
    }

    void lineEndings_data()
    {
        QTest::addColumn<QString>("eol");
        QTest::newRow("crlf") << QStringLiteral("\r\n");
        QTest::newRow("lf") << QStringLiteral("\n");
        QTest::newRow("cr") << QStringLiteral("\r");
    }

    void lineEndings()
    {
        QFETCH(QString, eol);
        QStringList lines { QStringLiteral("Windows Registry Editor Version 5.00"), QString(),
            QStringLiteral("[HKLM\\A]"), QStringLiteral("\"B\"=hex:01,\\"), QStringLiteral("  02"),
            QStringLiteral("\"S\"=\"s\"") };
        const ParsedRegFile p = mustParse(v5(lines.join(eol) + eol));
        QCOMPARE(valueOf(p, kA, QStringLiteral("B")), RegValue::fromBinary(hex("01,02")));
        QCOMPARE(valueOf(p, kA, QStringLiteral("S")), RegValue::fromString(QStringLiteral("s")));
        // The line number in errors counts every kind of line end.
        lines << QStringLiteral("\"E\"=hex:zz");
        auto r = parseRegFile(v5(lines.join(eol)), QStringLiteral("e.reg"));
        QVERIFY(!r);
        QCOMPARE(r.error().location, QStringLiteral("e.reg:7"));
    }

    void deletions()
    {
        const ParsedRegFile p
            = mustParse("REGEDIT4\r\n"
                        "[HKLM\\A\\Sub]\r\n\"K\"=dword:1\r\n"
                        "[HKLM\\A]\r\n\"X\"=-\r\n@=-\r\n\"Y\"=dword:1\r\n\"Y\"= - ; gone\r\n"
                        "[-HKLM\\A\\Sub]\r\n"
                        "[-HKLM\\B]\r\n[HKLM\\B]\r\n\"Z\"=dword:5\r\n");
        const RegTree &t = p.tree;
        const RegKeyNode *a = t.node(kA);
        QVERIFY(a);
        QCOMPARE(a->entries.size(), 3);
        QVERIFY(!a->entries[0].value && !a->entries[1].value && !a->entries[2].value);
        QCOMPARE(a->entries[1].name, QString());
        const RegKeyNode *sub = t.node(kA + QStringLiteral("\\Sub"));
        QVERIFY(sub && sub->deleteKey && !sub->present && sub->entries.isEmpty());
        const RegKeyNode *b = t.node(QStringLiteral("HKEY_LOCAL_MACHINE\\B"));
        QVERIFY(b && b->deleteKey && b->present);
        QCOMPARE(
            *t.value(QStringLiteral("HKEY_LOCAL_MACHINE\\B"), QStringLiteral("Z")), RegValue::fromDword(5));
    }

    void rootAbbreviationsAndKeyNames()
    {
        const ParsedRegFile p
            = mustParse("REGEDIT4\r\n[HKLM\\A]\r\n[hkcu\\B]\r\n[HKU\\.DEFAULT]\r\n[HKCR\\.txt]\r\n"
                        "[HKCC\\X]\r\n[hkey_local_machine\\C\\]\r\n[HKEY_USERS]\r\n"
                        "[HKLM\\SYSTEM\\Ciphers\\RC4 128/128]\r\n[HKLM\\D]x]\r\n");
        QStringList paths;
        for (const RegKeyNode &n : p.tree.nodes())
            paths << n.path;
        QCOMPARE(paths,
            (QStringList { kA, QStringLiteral("HKEY_CURRENT_USER\\B"), QStringLiteral("HKEY_USERS\\.DEFAULT"),
                QStringLiteral("HKEY_CLASSES_ROOT\\.txt"), QStringLiteral("HKEY_CURRENT_CONFIG\\X"),
                QStringLiteral("HKEY_LOCAL_MACHINE\\C"), QStringLiteral("HKEY_USERS"),
                QStringLiteral("HKEY_LOCAL_MACHINE\\SYSTEM\\Ciphers\\RC4 128/128"),
                QStringLiteral("HKEY_LOCAL_MACHINE\\D]x") }));
    }

    void repeatedNamesReplaceInPlace()
    {
        const ParsedRegFile p = mustParse("REGEDIT4\r\n[HKLM\\A]\r\n\"x\"=dword:1\r\n\"y\"=dword:2\r\n"
                                          "[HKLM\\B]\r\n[hklm\\a]\r\n\"X\"=dword:3\r\n");
        const RegKeyNode *a = p.tree.node(kA);
        QCOMPARE(a->entries.size(), 2);
        QCOMPARE(a->entries[0].name, QStringLiteral("x"));
        QCOMPARE(*a->entries[0].value, RegValue::fromDword(3));
    }

    void manyValuesInOneKeyStayLinear()
    {
        QByteArray f = "REGEDIT4\r\n[HKLM\\A]\r\n";
        const int n = 100000;
        for (int i = 0; i < n; ++i)
            f += "\"Value" + QByteArray::number(i) + "\"=dword:" + QByteArray::number(i, 16) + "\r\n";
        f += "\"VALUE5\"=-\r\n[HKLM\\B]\r\n[HKLM\\A]\r\n\"value6\"=dword:0\r\n";
        QElapsedTimer timer;
        timer.start();
        const ParsedRegFile p = mustParse(f);
        QCOMPARE(p.tree.node(kA)->entries.size(), n);
        QVERIFY(!p.tree.node(kA)->entries[5].value);
        QCOMPARE(*p.tree.node(kA)->entries[6].value, RegValue::fromDword(0));
        QVERIFY2(timer.elapsed() < 20000, "parsing 100k values of one key took too long");
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("message");

        const QByteArray h = "REGEDIT4\r\n[HKLM\\A]\r\n"; // a value on line 3
        auto row = [](const char *tag, const QByteArray &file, int line, const char *message) {
            QTest::newRow(tag) << file << line << QString::fromUtf8(message);
        };
        row("empty", "", 1, "empty");
        row("wrong-header", "Windows Registry Editor Version 4.00\r\n[HKLM\\A]\r\n", 1,
            "not a .reg file: first line must be \"Windows Registry Editor Version 5.00\" or \"REGEDIT4\"");
        row("header-not-first", "\r\nREGEDIT4\r\n", 1, "line 1 is blank and the header is on line 2");
        row("comment-before-header", "; Copyright\r\n;\r\nWindows Registry Editor Version 5.00\r\n", 1,
            "line 1 is a comment and the header is on line 3, but regedit reads the header only from line 1");
        row("comment-no-header", "; just a note\r\n[HKLM\\A]\r\n", 1, "put the header on line 1");
        row("win31", "REGEDIT\r\nHKEY_CLASSES_ROOT\\x = y\r\n", 1, "Windows 3.1");
        row("regedit5", "REGEDIT5\r\n", 1, "imports nothing");
        row("utf16-no-bom", QByteArray("R\0E\0G\0", 6), 1, "without a byte order mark");
        row("utf16-be", QByteArray("\xfe\xff\0R", 4), 1, "big-endian");
        row("unterminated-string", h + "\"X\"=\"abc\r\n", 3, "unterminated string in value \"X\"");
        row("unterminated-string-backslash", h + "\"X\"=\"abc\\", 3, "unterminated string");
        row("unterminated-name", h + "\"X=dword:1\r\n", 3, "unterminated string");
        row("nul-escape", h + "\"X\"=\"a\\0b\"\r\n", 3, "\\0 is not allowed");
        row("nul-escape-name", h + "\"a\\0\"=\"b\"\r\n", 3, "\\0 is not allowed");
        row("bad-hex", h + "\"X\"=hex:01,zz,02\r\n", 3, "bad hex byte 'zz' in value \"X\"");
        row("bad-hex-default", h + "@=hex(2):01,0g\r\n", 3, "bad hex byte '0g' in value @");
        row("hex-byte-too-big", h + "\"X\"=hex:100\r\n", 3, "bad hex byte '100'");
        row("hex-missing-comma", h + "\"X\"=hex:01 02\r\n", 3, "bad hex byte '01 02'");
        row("hex-empty-item", h + "\"X\"=hex:01,,02\r\n", 3, "missing hex byte");
        row("hex-0x-type", h + "\"X\"=hex(0x2):00\r\n", 3, "without 0x");
        row("hex-empty-type", h + "\"X\"=hex():00\r\n", 3, "bad type number");
        row("hex-long-type", h + "\"X\"=hex(123456789):00\r\n", 3, "longer than 8 hex digits");
        row("hex-no-colon", h + "\"X\"=hex(2)00\r\n", 3, "expected ':'");
        row("dword-0x", h + "\"X\"=dword:0x1\r\n", 3, "must not start with 0x");
        row("dword-long", h + "\"X\"=dword:123456789\r\n", 3, "dword value longer than 8 hex digits");
        row("dword-empty", h + "\"X\"=dword:\r\n", 3, "1 to 8 hex digits");
        row("dword-junk", h + "\"X\"=dword:12 34\r\n", 3, "unexpected text \"34\"");
        row("string-junk", h + "\"X\"=\"a\" b\r\n", 3, "unexpected text \"b\"");
        row("delete-junk", h + "\"X\"=-x\r\n", 3, "unexpected text");
        row("unknown-data", h + "\"X\"=qword:1\r\n", 3, "unknown data");
        row("no-data", h + "\"X\"=\r\n", 3, "no data");
        row("no-equals", h + "\"X\" dword:1\r\n", 3, "expected '='");
        row("value-before-key", "REGEDIT4\r\n\r\n\"X\"=dword:1\r\n", 3, "before the first [key] line");
        row("value-after-delete", "REGEDIT4\r\n[HKLM\\A]\r\n[-HKLM\\B]\r\n@=\"x\"\r\n", 4,
            "after a [-key] deletion");
        row("unknown-root", "REGEDIT4\r\n[HKXX\\A]\r\n", 2, "unknown root key");
        row("slash-root", "REGEDIT4\r\n[HKLM/A]\r\n", 2, "unknown root key");
        row("delete-root", "REGEDIT4\r\n[-HKEY_LOCAL_MACHINE]\r\n", 2, "cannot delete the root key");
        row("empty-key", "REGEDIT4\r\n[]\r\n", 2, "empty key name");
        row("no-bracket", "REGEDIT4\r\n[HKLM\\A\r\n", 2, "no closing ']'");
        row("key-leading-space", "REGEDIT4\r\n[ HKLM\\A]\r\n", 2, "must not start with a space");
        row("truncated-continuation", h + "\"X\"=hex:01,02,\\\r\n  03,\\\r\n\r\n", 5,
            "the file is truncated");
        row("continuation-not-hex", h + "\"X\"=hex:01,\\\r\n  zz\r\n", 4, "must start with a hex byte");
        row("continuation-junk", h + "\"X\"=hex:01,\\ 02\r\n", 3, "unexpected text");
        row("cr-only-line-numbers", "REGEDIT4\r\r[HKLM\\A]\r\"X\"=hex:zz\r", 4, "bad hex byte 'zz'");
        QByteArray utf16 = v5(
            QStringLiteral("Windows Registry Editor Version 5.00\r\n\r\n[HKLM\\A]\r\n\"X\"=\"abc\"\r\n"));
        row("utf16-truncated-odd", utf16.left(utf16.size() - 7), 4, "unterminated string");
        row("utf16-bad-hex",
            v5(QStringLiteral("Windows Registry Editor Version 5.00\n\n[HKLM\\A]\n\"X\"=hex:x1\n")), 4,
            "bad hex byte 'x1'");
    }

    void errors()
    {
        QFETCH(QByteArray, file);
        QFETCH(int, line);
        QFETCH(QString, message);
        auto r = parseRegFile(file, QStringLiteral("bad.reg"));
        QVERIFY(!r);
        QCOMPARE(r.error().code, Error::Code::InvalidInput);
        QCOMPARE(r.error().location, QStringLiteral("bad.reg:%1").arg(line));
        QVERIFY2(r.error().message.contains(message), qPrintable(r.error().message));
    }

    /// Reading a target (lenient) follows regedit: the broken line is skipped with a warning that
    /// carries the error's message, file and line, and everything else is read.
    void errorsBecomeWarningsWhenLenient_data() { errors_data(); }
    void errorsBecomeWarningsWhenLenient()
    {
        QFETCH(QByteArray, file);
        QFETCH(int, line);
        QFETCH(QString, message);
        auto r = parseRegFile(file, QStringLiteral("bad.reg"), RegParseOptions { false });
        if (line == 1) { // the header: regedit imports nothing, so neither do we
            QVERIFY(!r);
            return;
        }
        QVERIFY2(r.ok(), why(r).constData());
        QCOMPARE(r->warnings.size(), 1);
        const FileWarning &w = r->warnings.first();
        QCOMPARE(w.kind, FileWarning::Kind::Skipped);
        QVERIFY2(w.location.startsWith(QStringLiteral("bad.reg:")), qPrintable(w.location));
        QVERIFY2(w.location.section(QLatin1Char(':'), 1).toInt() <= line, qPrintable(w.location));
        QVERIFY2(w.message.contains(message), qPrintable(w.message));
        QVERIFY2(w.message.contains(QStringLiteral("skip")), qPrintable(w.message));
    }

    void lenientReadingKeepsTheRest()
    {
        // The corpus cases: a nine-digit dword and a REG_SZ whose closing quote is on the next line
        // (raw CR LF), each followed by more values; and a key line regedit cannot open.
        const QByteArray f = "Windows Registry Editor Version 5.00\r\n\r\n[HKLM\\A]\r\n"
                             "\"Before\"=dword:00000001\r\n"
                             "\"Nine\"=dword:0ffffffff\r\n"
                             "\"Text\"=\"first line\r\nsecond line\"\r\n"
                             "\"After\"=\"kept\"\r\n\r\n"
                             "[NOT_A_ROOT\\B]\r\n\"Lost\"=dword:00000002\r\n\r\n"
                             "[HKLM\\C]\r\n@=\"c\"\r\n";
        QVERIFY(!parseRegFile(f, QStringLiteral("x.reg"))); // strict by default
        auto r = parseRegFile(f, QStringLiteral("x.reg"), RegParseOptions { false });
        QVERIFY2(r.ok(), why(r).constData());
        QCOMPARE(r->tree.valueNames(kA), (QStringList { QStringLiteral("Before"), QStringLiteral("After") }));
        QCOMPARE(*r->tree.value(QStringLiteral("HKEY_LOCAL_MACHINE\\C"), QString()),
            RegValue::fromString(QStringLiteral("c")));
        QStringList where;
        for (const FileWarning &w : r->warnings)
            where << QStringLiteral("%1 %2 %3")
                         .arg(w.location, w.key, w.aboutValue ? w.valueName : QStringLiteral("-"));
        QCOMPARE(where,
            (QStringList { QStringLiteral("x.reg:5 HKEY_LOCAL_MACHINE\\A Nine"),
                QStringLiteral("x.reg:6 HKEY_LOCAL_MACHINE\\A Text"), QStringLiteral("x.reg:10  -"),
                QStringLiteral("x.reg:11  Lost") }));
        QVERIFY2(r->warnings[1].message.contains(QStringLiteral("unterminated string")),
            qPrintable(r->warnings[1].message));
        QVERIFY2(
            r->warnings[3].message.contains(QStringLiteral("line 10")), qPrintable(r->warnings[3].message));
    }

    void utf16HexInAnsiV5FileIsKept()
    {
        // hex(2) bytes already UTF-16LE in a v5 file saved without a BOM: read as UTF-16LE (what the
        // author meant), with a warning naming the value and both readings; REGEDIT4 is not touched.
        const QByteArray body = "[HKLM\\A]\r\n\"P\"=hex(2):63,00,3a,00,5c,00,78,00,00,00\r\n"
                                "\"M\"=hex(7):61,00,00,00,62,00,00,00,00,00\r\n\"Ansi\"=hex(2):63,3a,00\r\n";
        auto r = parseRegFile("Windows Registry Editor Version 5.00\r\n" + body, QStringLiteral("p.reg"));
        QVERIFY2(r.ok(), why(r).constData());
        QCOMPARE(valueOf(*r, kA, QStringLiteral("P")).data(), hex("63,00,3a,00,5c,00,78,00,00,00"));
        QCOMPARE(valueOf(*r, kA, QStringLiteral("M")).data(), hex("61,00,00,00,62,00,00,00,00,00"));
        QCOMPARE(valueOf(*r, kA, QStringLiteral("Ansi")).data(), hex("63,00,3a,00,00,00"));
        QCOMPARE(r->warnings.size(), 2);
        QCOMPARE(r->warnings[0].kind, FileWarning::Kind::Reinterpreted);
        QCOMPARE(r->warnings[0].location, QStringLiteral("p.reg:3"));
        QCOMPARE(r->warnings[0].valueName, QStringLiteral("P"));
        QVERIFY2(r->warnings[0].message.contains(QStringLiteral("\"c:\\x\""))
                && r->warnings[0].message.contains(QStringLiteral("Wine")),
            qPrintable(r->warnings[0].message));
        auto v4 = parseRegFile("REGEDIT4\r\n" + body, QStringLiteral("p.reg"));
        QVERIFY2(v4.ok(), why(v4).constData());
        QCOMPARE(valueOf(*v4, kA, QStringLiteral("P")).data(),
            hex("63,00,00,00,3a,00,00,00,5c,00,00,00,78,00,00,00,00,00,00,00"));
        QVERIFY(v4->warnings.isEmpty());
    }

    void hugeValuesAreRejected()
    {
        const qsizetype limit = 16 * 1024 * 1024;
        // Single-digit bytes keep the file small: 2 characters per byte.
        QByteArray f = "REGEDIT4\r\n[HKLM\\A]\r\n\"Big\"=hex:" + QByteArray("0,").repeated(limit) + "1\r\n";
        auto r = parseRegFile(f, QStringLiteral("big.reg"));
        QVERIFY(!r);
        QCOMPARE(r.error().location, QStringLiteral("big.reg:3"));
        QVERIFY2(
            r.error().message.contains(QStringLiteral("larger than 16 MiB")), qPrintable(r.error().message));
        // Exactly at the limit is fine.
        f = "REGEDIT4\r\n[HKLM\\A]\r\n\"Big\"=hex:" + QByteArray("0,").repeated(limit - 1) + "1\r\n";
        auto ok = parseRegFile(f, QStringLiteral("big.reg"));
        QVERIFY(ok);
        QCOMPARE(valueOf(*ok, kA, QStringLiteral("Big")).data().size(), limit);

        f = "REGEDIT4\r\n[HKLM\\A]\r\n\"Big\"=\"" + QByteArray(limit / 2 + 1, 'a') + "\"\r\n";
        r = parseRegFile(f, QStringLiteral("big.reg"));
        QVERIFY(!r);
        QVERIFY2(
            r.error().message.contains(QStringLiteral("larger than 16 MiB")), qPrintable(r.error().message));
    }

    void hostileInputDoesNotCrash()
    {
        static constexpr char kNuls[] = "REGEDIT4\0\r\n[HKLM\\A\0]\r\n\"\0\"=\"\0\"\r\n\"Y\"=hex:\0";
        static constexpr char kAlphabet[] = "[]\"@=-\\:,;\r\n hexdword(7)0aHKLM\xff\xfe";
        QList<QByteArray> inputs {
            QByteArray("\xff\xfe", 2),
            QByteArray("\xff\xfe\x00", 3),
            QByteArray(kNuls, sizeof(kNuls) - 1),
            "REGEDIT4\r\n[HKLM\\A]\r\n\"X\"=hex:" + QByteArray(1 << 20, ','),
            "REGEDIT4\r\n" + QByteArray(4 << 20, '['),
            "REGEDIT4\r\n[HKLM\\A]\r\n" + QByteArray("\"X\"=hex:01,\\\r\n").repeated(10000),
            "REGEDIT4\r\n[HKLM\\A]\r\n\"" + QByteArray(1 << 20, '\\'),
        };
        auto *rng = QRandomGenerator::global();
        for (int i = 0; i < 200; ++i) {
            QByteArray junk(int(rng->bounded(2000)), '\0');
            for (char &c : junk)
                c = kAlphabet[rng->bounded(int(sizeof(kAlphabet) - 1))];
            inputs << (i % 2 ? "REGEDIT4\r\n[HKLM\\A]\r\n" + junk : junk);
        }
        for (const QByteArray &in : inputs) {
            auto r = parseRegFile(in, QStringLiteral("h.reg"));
            if (r) {
                auto again = parseRegFile(writeRegFile(r->tree, r->format), QStringLiteral("w.reg"));
                QVERIFY2(again.ok(), why(again).constData());
            } else {
                QVERIFY(r.error().location.startsWith(QStringLiteral("h.reg:")));
            }
        }
    }

    void fixtureFiles()
    {
        const QString dir = qEnvironmentVariable("SSOD_TEST_DATA") + QStringLiteral("/reg/");
        QFile v5File(dir + QStringLiteral("credssp_v5.reg"));
        QVERIFY2(v5File.open(QIODevice::ReadOnly), qPrintable(v5File.fileName()));
        auto r = parseRegFile(v5File.readAll(), QStringLiteral("credssp_v5.reg"));
        QVERIFY2(r.ok(), why(r).constData());
        QCOMPARE(r->format, RegFileFormat::V5);
        QCOMPARE(valueOf(*r, kCred, QStringLiteral("AllowDefaultCredentials")), RegValue::fromDword(1));
        QCOMPARE(valueOf(*r, kCred + QStringLiteral("\\AllowDefaultCredentials"), QStringLiteral("1")),
            RegValue::fromString(QStringLiteral("HTTP/*.contoso.com")));
        QCOMPARE(
            valueOf(*r, QStringLiteral("HKEY_CURRENT_USER\\Software\\Contoso"), QStringLiteral("Servers")),
            RegValue::fromMultiString(
                { QStringLiteral("kdc1.contoso.com"), QStringLiteral("kdc2.contoso.com") }));
        QVERIFY(r->tree.node(QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\Obsolete"))->deleteKey);

        QFile v4File(dir + QStringLiteral("legacy_regedit4.reg"));
        QVERIFY2(v4File.open(QIODevice::ReadOnly), qPrintable(v4File.fileName()));
        auto r4 = parseRegFile(v4File.readAll(), QStringLiteral("legacy_regedit4.reg"));
        QVERIFY2(r4.ok(), why(r4).constData());
        QCOMPARE(r4->format, RegFileFormat::Regedit4);
        const QString key = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\Legacy");
        QCOMPARE(valueOf(*r4, key, QStringLiteral("Path")),
            RegValue::fromString(QStringLiteral("%ProgramFiles%\\Contoso"), RegType::ExpandSz));
        QCOMPARE(valueOf(*r4, key, QStringLiteral("Owner")), RegValue::fromString(QString::fromUtf8("Zoë")));
        QCOMPARE(valueOf(*r4, key, QStringLiteral("Realms")),
            RegValue::fromMultiString({ QStringLiteral("CONTOSO.COM"), QStringLiteral("EXAMPLE.ORG") }));
    }
};

QTEST_GUILESS_MAIN(TestRegFile)
#include "tst_regfile.moc"
