#include "RegFileTestUtil.h"
#include "core/registry/FileStore.h"
#include "core/registry/RegFileScanner.h"
#include "core/registry/RegPath.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

// RegFileScanner: a read that keeps only some keys must give, for those keys, exactly what a full
// parse of the file gives (values, deletions, order, errors), on tricky hand-made files, on files
// larger than one read chunk (lines cut at the chunk edge) and on every real-world .reg file of
// the corpus; a whole-file streamed read equals parseRegFile; cancel stops a read.
class TestRegFileScanner final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    QString write(const QByteArray &bytes)
    {
        const QString file = m_dir.filePath(QStringLiteral("t%1.reg").arg(++m_files));
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(file));
        return file;
    }

    /// Everything a store can tell about \a key's subtree: its sections in order with flags and
    /// entries. Sections outside it (an ancestor's deletion marker) are not part of the answer.
    static QString subtree(const RegTree &t, const QString &key)
    {
        QString out;
        for (const RegKeyNode &n : t.nodes()) {
            if (!key.isEmpty() && !path::isWithin(n.path, key))
                continue;
            out += QStringLiteral("[%1]%2%3%4\n")
                       .arg(n.path, n.deleteKey ? QStringLiteral(" del") : QString(),
                           n.deleteAllValues ? QStringLiteral(" delvals") : QString(),
                           n.present ? QString() : QStringLiteral(" absent"));
            for (const RegEntry &e : n.entries)
                out += QStringLiteral("  \"%1\"=%2\n")
                           .arg(e.name,
                               e.value ? QStringLiteral("%1:%2")
                                             .arg(e.value->type())
                                             .arg(QString::fromLatin1(e.value->data().toHex(',')))
                                       : QStringLiteral("-"));
        }
        return out;
    }

    /// Reads \a file for each of \a keys alone and for all at once; each must match the full parse.
    void checkKeys(const QString &file, const ParsedRegFile &full, const QStringList &keys)
    {
        for (const QString &key : keys) {
            auto part = RegFileScanner::read(file, ReadOptions { { key }, {}, nullptr });
            QVERIFY2(part.ok(),
                qPrintable(QStringLiteral("%1 for %2: %3")
                               .arg(file, key, part ? QString() : part.error().toString())));
            QCOMPARE(part->format, full.format);
            QCOMPARE(subtree(part->tree, key), subtree(full.tree, key));
            QCOMPARE(part->tree.keyExists(key), full.tree.keyExists(key));
        }
        auto together = RegFileScanner::read(file, ReadOptions { keys, {}, nullptr });
        QVERIFY(together.ok());
        for (const QString &key : keys)
            QCOMPARE(subtree(together->tree, key), subtree(full.tree, key));
    }

    /// Full parse of \a bytes, a streamed whole read equal to it, and \a keys read one by one.
    void checkFile(const QByteArray &bytes, const QStringList &keys)
    {
        const QString file = write(bytes);
        auto full = parseRegFile(bytes, QFileInfo(file).fileName());
        QVERIFY2(full.ok(), why(full).constData());
        auto whole = RegFileScanner::read(file);
        QVERIFY2(whole.ok(), why(whole).constData());
        QCOMPARE(subtree(whole->tree, {}), subtree(full->tree, {}));
        checkKeys(file, *full, keys);
    }

    static QString tricky(const QString &nl)
    {
        QString t = QStringLiteral(
            "Windows Registry Editor Version 5.00\n\n"
            "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation]\n"
            "\"AllowDefaultCredentials\"=dword:00000001\n"
            "\"Old\"=\"first\"\n"
            "\n"
            "[HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\AllowDefaultCredentials]\n"
            "\"1\"=\"TERMSRV/*.contoso.com\"\n"
            "\"Blob\"=hex:01,02,03,\\\n"
            "\n"
            "  ; a comment inside the continuation\n"
            "  04,05\n"
            "[hklm\\software\\policies\\microsoft\\windows\\credentialsdelegationX]\n"
            "\"NotMine\"=dword:00000002\n"
            "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Other]\n"
            "\"Path\"=hex(2):25,00,53,00,00,00\n"
            "  [HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CREDENTIALSDELEGATION] ; "
            "trailing text\n"
            "\"old\"=\"second\"\n"
            "\"allowdefaultcredentials\"=-\n"
            "[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft]\n"
            "[HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\AllowFreshCredentials\\]"
            "\n"
            "\"1\"=\"TERMSRV/rdsh01\"\n"
            "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation]\n"
            "@=\"after the deletion\"\n"
            "[HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation]\n"
            "\"User\"=dword:00000003\n"
            "[-HKEY_LOCAL_"
            "MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\AllowFreshCredentials]\n"
            "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Ünïcødé\\Schlüssel]\n"
            "\"Wert\"=\"ä\"\n"
            "[HKEY_LOCAL_"
            "MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\AllowSavedCredentials]\n"
            "\"1\"=\"TERMSRV/*\"\n");
        t.replace(QLatin1Char('\n'), nl);
        return t;
    }

    QStringList trickyKeys() const
    {
        return { kCred, kCred + QStringLiteral("\\AllowDefaultCredentials"),
            kCred + QStringLiteral("\\AllowFreshCredentials"),
            QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Other"),
            QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies"),
            QStringLiteral(
                "HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation"),
            QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\ÜNÏCØDÉ"),
            QStringLiteral("HKEY_LOCAL_MACHINE\\Missing"), QStringLiteral("HKEY_LOCAL_MACHINE") };
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void trickyUtf16_data()
    {
        QTest::addColumn<QString>("newline");
        QTest::newRow("CRLF") << QStringLiteral("\r\n");
        QTest::newRow("LF") << QStringLiteral("\n");
        QTest::newRow("CR only") << QStringLiteral("\r");
    }

    void trickyUtf16()
    {
        QFETCH(QString, newline);
        checkFile(v5(tricky(newline)), trickyKeys());
        // The deletion of an ancestor later in the file really is applied.
        auto part = RegFileScanner::read(write(v5(tricky(newline))), ReadOptions { { kCred }, {}, nullptr });
        QVERIFY(part.ok());
        QCOMPARE(*part->tree.value(kCred, {}), RegValue::fromString(QStringLiteral("after the deletion")));
        QVERIFY(!part->tree.value(kCred, QStringLiteral("Old")));
        QVERIFY(!part->tree.keyExists(kCred + QStringLiteral("\\AllowFreshCredentials")));
        QVERIFY(!part->tree.keyExists(kCred + QStringLiteral("X")));
    }

    void trickyAnsi_data()
    {
        QTest::addColumn<QString>("newline");
        QTest::newRow("CRLF") << QStringLiteral("\r\n");
        QTest::newRow("CR only") << QStringLiteral("\r");
    }

    void trickyAnsi()
    {
        QFETCH(QString, newline);
        QString text = tricky(newline);
        text.replace(QStringLiteral("Windows Registry Editor Version 5.00"), QStringLiteral("REGEDIT4"));
        checkFile(text.toUtf8(), trickyKeys());
        checkFile(QByteArray("\xef\xbb\xbf") + text.toUtf8(), trickyKeys()); // Notepad's UTF-8 BOM
    }

    void ansiEncodingIsDecidedByTheWholeFile()
    {
        // One byte that is not UTF-8, in a section the read skips, makes the whole file Latin-1:
        // the kept section's "é" (C3 A9) must then read as two characters, as in a full parse.
        const QByteArray bytes
            = QByteArray("REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Wanted]\r\n"
                         "\"s\"=\"\xc3\xa9\"\r\n\"x\"=hex(2):c3,a9,00\r\n"
                         "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Skipped]\r\n\"t\"=\"caf\xe9\"\r\n");
        const QString key = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Wanted");
        checkFile(bytes, { key });
        auto part = RegFileScanner::read(write(bytes), ReadOptions { { key }, {}, nullptr });
        QCOMPARE(part->tree.value(key, QStringLiteral("s"))->toString(), QStringLiteral("\u00c3\u00a9"));
        // Without the stray byte it is UTF-8.
        QByteArray utf8 = bytes;
        utf8.replace("caf\xe9", "cafe");
        auto part8 = RegFileScanner::read(write(utf8), ReadOptions { { key }, {}, nullptr });
        QCOMPARE(part8->tree.value(key, QStringLiteral("s"))->toString(), QStringLiteral("\u00e9"));
    }

    void errorsInKeptSectionsAreTheFullReadsErrors()
    {
        const QString text = QStringLiteral("Windows Registry Editor Version 5.00\r\n\r\n"
                                            "[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]\r\n\"a\"=dword:1\r\n\r\n"
                                            "[HKEY_LOCAL_MACHINE\\SOFTWARE\\B]\r\n\"b\"=hex:01,zz\r\n");
        const QString file = write(v5(text));
        auto full = parseRegFile(v5(text), QFileInfo(file).fileName());
        QVERIFY(!full);
        auto part = RegFileScanner::read(
            file, ReadOptions { { QStringLiteral("HKLM\\SOFTWARE\\B") }, {}, nullptr, true });
        QVERIFY(!part);
        QCOMPARE(part.error().toString(), full.error().toString());
        QVERIFY2(part.error().location.endsWith(QLatin1String(":7")), qPrintable(part.error().location));
        // Read as regedit reads (the default): the value is skipped with the full read's warning.
        auto lenient = RegFileScanner::read(
            file, ReadOptions { { QStringLiteral("HKLM\\SOFTWARE\\B") }, {}, nullptr });
        QVERIFY2(lenient.ok(), why(lenient).constData());
        auto fullLenient = parseRegFile(v5(text), QFileInfo(file).fileName(), RegParseOptions { false });
        QVERIFY(fullLenient.ok());
        QCOMPARE(lenient->warnings.size(), 1);
        QCOMPARE(fullLenient->warnings.size(), 1);
        QCOMPARE(lenient->warnings.first().toString(), fullLenient->warnings.first().toString());
        // The same broken value in a section the request does not read cannot change its answer.
        auto other = RegFileScanner::read(
            file, ReadOptions { { QStringLiteral("HKLM\\SOFTWARE\\A") }, {}, nullptr });
        QVERIFY2(other.ok(), why(other).constData());
        // A bad header and an unknown root are reported as a full read reports them.
        for (const QString &bad : { QStringLiteral("Windows Registry Editor Version 4.00\r\n"),
                 QStringLiteral("REGEDIT4\r\n[HKEY_NOWHERE\\X]\r\n") }) {
            const QString f = write(bad.toUtf8());
            auto a = parseRegFile(bad.toUtf8(), QFileInfo(f).fileName());
            auto b = RegFileScanner::read(
                f, ReadOptions { { QStringLiteral("HKLM\\SOFTWARE\\A") }, {}, nullptr, true });
            QVERIFY(!a && !b);
            QCOMPARE(b.error().toString(), a.error().toString());
        }
        const QString empty = write({});
        QCOMPARE(RegFileScanner::read(empty).error().toString(),
            parseRegFile({}, QFileInfo(empty).fileName()).error().toString());
    }

    void linesCutAtTheChunkEdge_data()
    {
        QTest::addColumn<QString>("newline");
        QTest::addColumn<bool>("wide");
        QTest::addColumn<int>("shift");
        // Shifts that put the first chunk edge inside the key line, on its CR LF, inside the
        // hex continuation and on the line breaks around it.
        for (int shift : { -60, -58, -23, -22, -21, 0, 1 }) {
            QTest::addRow("UTF-16 CRLF +%d", shift) << QStringLiteral("\r\n") << true << shift;
            QTest::addRow("UTF-16 CR +%d", shift) << QStringLiteral("\r") << true << shift;
            QTest::addRow("ANSI CRLF +%d", shift) << QStringLiteral("\r\n") << false << shift;
        }
    }

    void linesCutAtTheChunkEdge()
    {
        // A file over 4 MiB (the read chunk) with the key line, a CR LF pair and a hex
        // continuation placed across the first chunk edge, at every offset near it.
        QFETCH(QString, newline);
        QFETCH(bool, wide);
        QFETCH(int, shift);
        const QString head
            = wide ? QStringLiteral("Windows Registry Editor Version 5.00") : QStringLiteral("REGEDIT4");
        QString text = head + newline + newline;
        const qsizetype unit = wide ? 2 : 1;
        const qsizetype edge = 4 * 1024 * 1024 / unit - (wide ? 1 : 0); // in characters, after the BOM
        for (int k = 0; text.size() < edge - 400; ++k)
            text += QStringLiteral("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Filler\\K%1]%2\"v\"=dword:%3%2")
                        .arg(k)
                        .arg(newline)
                        .arg(k, 8, 16, QLatin1Char('0'));
        text += QStringLiteral(";") + QString(edge - text.size() - 60 + shift, QLatin1Char('x')) + newline;
        text += QStringLiteral(
                    "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation]")
            + newline + QStringLiteral("\"Blob\"=hex:01,02,\\") + newline + QStringLiteral("  03,04")
            + newline
            + QStringLiteral("[HKEY_LOCAL_"
                             "MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\AllowDe"
                             "faultCredentials]")
            + newline + QStringLiteral("\"1\"=\"TERMSRV/*\"") + newline;
        for (int k = 0; k < 2000; ++k)
            text += QStringLiteral("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Filler2\\K%1]%2\"v\"=\"%1\"%2")
                        .arg(k)
                        .arg(newline);
        checkFile(wide ? v5(text) : text.toLatin1(),
            { kCred, QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Filler2\\K1999"),
                QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Filler\\K3") });
    }

    void corpusEveryKeyAlone()
    {
        const QString corpus = qEnvironmentVariable("SSOD_CORPUS");
        if (corpus.isEmpty())
            QSKIP("SSOD_CORPUS is not set");
        const QDir dir(corpus + QStringLiteral("/reg"));
        const QStringList files
            = dir.entryList({ QStringLiteral("*.reg"), QStringLiteral("*.Reg") }, QDir::Files);
        QVERIFY2(files.size() >= 40, qPrintable(dir.path()));
        int read = 0;
        for (const QString &name : files) {
            const QString file = dir.filePath(name);
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            // Both read as regedit reads: a broken line is skipped with a warning.
            auto full = parseRegFile(bytes, name, RegParseOptions { false });
            auto whole = RegFileScanner::read(file);
            if (!full) {
                // Files a full read rejects: a whole streamed read rejects them with the same words.
                QVERIFY2(!whole, qPrintable(name));
                QCOMPARE(whole.error().toString(), full.error().toString());
                continue;
            }
            QVERIFY2(whole.ok(), qPrintable(name + QLatin1Char(' ') + QString::fromUtf8(why(whole))));
            QCOMPARE(subtree(whole->tree, {}), subtree(full->tree, {}));
            QStringList wholeWarnings, fullWarnings;
            for (const FileWarning &w : whole->warnings)
                wholeWarnings << w.toString();
            for (const FileWarning &w : full->warnings)
                fullWarnings << w.toString();
            QCOMPARE(wholeWarnings, fullWarnings);
            QStringList keys;
            for (const RegKeyNode &n : full->tree.nodes())
                keys << n.path;
            checkKeys(file, *full, keys);
            ++read;
        }
        qInfo("%d corpus files compared key by key", read);
        QVERIFY(read > 30);
    }

    void storeOpenedForSomeKeys()
    {
        const QString file = write(v5(tricky(QStringLiteral("\r\n"))));
        ReadOptions options;
        options.keys
            = { QStringLiteral("HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation") };
        auto store
            = FileStore::open(file, StoreKind::RegFile, false, QStringLiteral("HKEY_LOCAL_MACHINE"), options);
        QVERIFY(store.ok());
        QCOMPARE(**(*store)->value(kCred, {}), RegValue::fromString(QStringLiteral("after the deletion")));
        QVERIFY(*(*store)->keyExists(kCred + QStringLiteral("\\AllowSavedCredentials")));
        // Outside the keys it was opened for it does not pretend: an error, not "absent".
        auto outside
            = (*store)->value(QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Other"), QStringLiteral("Path"));
        QVERIFY(!outside);
        QVERIFY(!(*store)->keyExists(QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE")));
        // And it never writes a file it holds only a part of.
        const QByteArray before = [&] {
            QFile f(file);
            f.open(QIODevice::ReadOnly);
            return f.readAll();
        }();
        QVERIFY(!(*store)->commit({ RegOp::set(kCred, QStringLiteral("x"), RegValue::fromDword(1)) }));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
    }

    void progressAndCancel()
    {
        // ~20 MB: five read chunks. Cancelling from the first progress report stops the read there.
        QString text = QStringLiteral("Windows Registry Editor Version 5.00\r\n\r\n");
        for (int k = 0; text.size() < 10'000'000; ++k)
            text += QStringLiteral("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Bulk\\Key%1]\r\n\"Value\"=hex:00,01,02,03,"
                                   "04,05,06,07,08,09\r\n")
                        .arg(k);
        const QString file = write(v5(text));
        const qint64 size = QFileInfo(file).size();

        QList<qint64> seen;
        ReadOptions watch;
        watch.progress = [&](qint64 done, qint64 total) {
            QCOMPARE(total, size);
            seen << done;
        };
        auto whole = RegFileScanner::read(file, watch);
        QVERIFY(whole.ok());
        QVERIFY(seen.size() >= 5);
        QVERIFY(std::is_sorted(seen.cbegin(), seen.cend()));
        QCOMPARE(seen.last(), size);

        std::atomic<bool> cancel = false;
        int reports = 0;
        ReadOptions stop;
        stop.cancel = &cancel;
        stop.progress = [&](qint64, qint64) {
            ++reports;
            cancel = true;
        };
        auto cancelled = RegFileScanner::read(file, stop);
        QVERIFY(!cancelled);
        QVERIFY(ReadOptions::isCancelled(cancelled.error()));
        QCOMPARE(reports, 1);
        // Through the store, as the GUI opens a target.
        cancel = false;
        reports = 0;
        auto store
            = FileStore::open(file, StoreKind::RegFile, false, QStringLiteral("HKEY_LOCAL_MACHINE"), stop);
        QVERIFY(!store);
        QVERIFY(ReadOptions::isCancelled(store.error()));
    }
};

QTEST_GUILESS_MAIN(TestRegFileScanner)
#include "tst_regfile_scanner.moc"
