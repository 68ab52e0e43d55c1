#include "RegFileTestUtil.h"
#include "core/registry/Convert.h"
#include "core/registry/PolFileCodec.h"
#include "core/registry/RegFileScanner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <atomic>

// convertFile streams a .reg file part by part on worker threads. Whatever the parts, the output
// must be byte for byte what writing the whole file's tree gives (the reference below is built
// from parseRegFile, which never streams), with the same warnings; a file whose parts share keys
// must fall back to a whole read; a failure, a refusal or a cancel must leave the target as it was.
class TestConvert final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    QString write(const QByteArray &bytes, const QString &suffix = QStringLiteral("reg"))
    {
        const QString file = m_dir.filePath(QStringLiteral("in%1.%2").arg(++m_files).arg(suffix));
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(file));
        return file;
    }

    static QByteArray readAll(const QString &file)
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
    }

    static QStringList texts(const FileWarnings &warnings)
    {
        QStringList out;
        for (const FileWarning &w : warnings)
            out << w.toString();
        return out;
    }

    struct Expected {
        bool ok = false;
        QString error;
        QByteArray bytes;
        QStringList warnings;
    };

    /// What converting \a in to a file of kind \a suffix must give, from a whole, unstreamed read.
    static Expected reference(
        const QString &in, const QString &suffix, const QString &root = QStringLiteral("HKEY_LOCAL_MACHINE"))
    {
        Expected e;
        const QString name = QFileInfo(in).fileName();
        const QByteArray bytes = readAll(in);
        RegTree tree;
        FileWarnings warnings;
        if (bytes.startsWith("PReg")) {
            auto parsed = parsePolFile(bytes, name, root);
            if (!parsed) {
                e.error = parsed.error().toString();
                return e;
            }
            tree = *parsed;
        } else {
            auto parsed = parseRegFile(bytes, name, RegParseOptions { false });
            if (!parsed) {
                e.error = parsed.error().toString();
                return e;
            }
            tree = parsed->tree;
            warnings = parsed->warnings;
        }
        if (suffix == QLatin1String("pol")) {
            auto pol = writePolFile(tree, root);
            if (!pol) {
                e.error = pol.error().toString();
                return e;
            }
            e.bytes = *pol;
        } else {
            WrittenRegFile reg = writeRegFileReporting(tree, RegFileFormat::V5,
                { QStringLiteral("Converted by SSO Doctor from %1").arg(name) }, name);
            e.bytes = reg.bytes;
            warnings += reg.warnings;
        }
        e.ok = true;
        e.warnings = texts(warnings);
        return e;
    }

    /// Converts \a in both ways with parts of \a chunk bytes and compares with the reference.
    /// Returns how many of the two conversions streamed (-1 on failure).
    int checkSame(const QString &in, qsizetype chunk)
    {
        int streamed = 0;
        for (const QString suffix : { QStringLiteral("pol"), QStringLiteral("reg") }) {
            const Expected want = reference(in, suffix);
            const QString out = m_dir.filePath(QStringLiteral("out%1.%2").arg(++m_files).arg(suffix));
            ConvertOptions options;
            options.read.chunkBytes = chunk;
            auto got = convertFile(in, out, options);
            const QString what = QStringLiteral("%1 -> .%2, parts of %3 bytes").arg(in, suffix).arg(chunk);
            if (!want.ok) {
                if (got) {
                    qWarning("%s: converted, but a whole read fails: %s", qPrintable(what),
                        qPrintable(want.error));
                    return -1;
                }
                if (got.error().toString() != want.error) {
                    qWarning("%s: %s\n  whole read: %s", qPrintable(what), qPrintable(got.error().toString()),
                        qPrintable(want.error));
                    return -1;
                }
                if (QFileInfo::exists(out)) {
                    qWarning("%s: failed but wrote the output", qPrintable(what));
                    return -1;
                }
                continue;
            }
            if (!got || !got->published) {
                qWarning(
                    "%s: %s", qPrintable(what), got ? "not published" : qPrintable(got.error().toString()));
                return -1;
            }
            if (readAll(out) != want.bytes) {
                qWarning("%s: output differs from writing the whole tree", qPrintable(what));
                return -1;
            }
            if (texts(got->warnings) != want.warnings) {
                qWarning("%s: warnings differ:\n  got  %s\n  want %s", qPrintable(what),
                    qPrintable(texts(got->warnings).join(QStringLiteral("\n       "))),
                    qPrintable(want.warnings.join(QStringLiteral("\n       "))));
                return -1;
            }
            streamed += got->streamed ? 1 : 0;
        }
        return streamed;
    }

    /// A registry-export-like v5 file of \a keys sections with every value form, keys never repeated.
    static QString exportLike(int keys)
    {
        QString text = QStringLiteral("Windows Registry Editor Version 5.00\r\n\r\n");
        for (int k = 0; k < keys; ++k) {
            text += QStringLiteral("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Vendor %1\\Product\\K%2]\r\n")
                        .arg(k / 50)
                        .arg(k);
            text += QStringLiteral("@=\"default %1\"\r\n").arg(k);
            text
                += QStringLiteral("\"Path\"=\"C:\\\\Program Files\\\\App %1\\\\a \\\"b\\\".exe\"\r\n").arg(k);
            text += QStringLiteral("\"Flags\"=dword:%1\r\n")
                        .arg(quint32(k) * 2654435761u, 8, 16, QLatin1Char('0'));
            text += QStringLiteral(
                "\"Expand\"=hex(2):25,00,53,00,79,00,73,00,74,00,65,00,6d,00,52,00,6f,00,6f,00,\\\r\n"
                "  74,00,25,00,00,00\r\n");
            text += QStringLiteral(
                "\"Blob\"=hex:%1,01,02,03,04,05,06,07,08,09,0a,0b,0c,0d,0e,0f,10,11,12,13,14,15,16,\\\r\n"
                "  17,18\r\n")
                        .arg(k % 256, 2, 16, QLatin1Char('0'));
            if (k % 7 == 0)
                text += QStringLiteral("\"Gone\"=-\r\n");
            if (k % 11 == 0)
                text += QStringLiteral("\"Bad\"=dword:123456789\r\n"); // skipped with a warning
            text += QStringLiteral("\r\n");
        }
        return text;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void exportStreamsAndEqualsWholeWrite_data()
    {
        QTest::addColumn<qsizetype>("chunk");
        QTest::newRow("one part") << qsizetype(0);
        QTest::newRow("64 KiB parts") << qsizetype(64 * 1024);
        QTest::newRow("4 KiB parts") << qsizetype(4096);
        QTest::newRow("tiny parts") << qsizetype(97);
    }

    void exportStreamsAndEqualsWholeWrite()
    {
        QFETCH(qsizetype, chunk);
        const QString file = write(regtest::v5(exportLike(2000)));
        QCOMPARE(checkSame(file, chunk), 2);
        const QString ansi = write(
            exportLike(300)
                .replace(QLatin1String("Windows Registry Editor Version 5.00"), QLatin1String("REGEDIT4"))
                .toUtf8());
        QCOMPARE(checkSame(ansi, chunk), 2);
    }

    void keysSharedAcrossPartsFallBackToAWholeRead_data()
    {
        QTest::addColumn<QString>("later");
        QTest::newRow("key repeated")
            << QStringLiteral("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Vendor 0\\Product\\K1]\r\n\"Late\"=\"x\"\r\n");
        QTest::newRow("key repeated in other case")
            << QStringLiteral("[hklm\\software\\VENDOR 0\\product\\k1]\r\n\"Path\"=\"replaced\"\r\n");
        QTest::newRow("ancestor deleted") << QStringLiteral("[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Vendor 0]\r\n");
        QTest::newRow("deleted then recreated")
            << QStringLiteral("[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Vendor 0\\Product\\K2]\r\n\r\n"
                              "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Vendor 0\\Product\\K2]\r\n\"New\"=dword:1\r\n");
    }

    void keysSharedAcrossPartsFallBackToAWholeRead()
    {
        QFETCH(QString, later);
        const QString file = write(regtest::v5(exportLike(200) + later));
        QCOMPARE(checkSame(file, 1024), 0); // both conversions read the file whole
        QVERIFY(checkSame(file, 0) >= 0); // the default chunk: the same output either way
    }

    void deletingAnUnrelatedKeyStillStreams()
    {
        // A sibling's deletion or a key below a deleted one touches nothing an earlier part holds.
        const QString file = write(regtest::v5(exportLike(200)
            + QStringLiteral("[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Vendor 0\\Product\\K1x]\r\n\r\n"
                             "[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Other]\r\n\r\n"
                             "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Other\\Child]\r\n\"A\"=\"b\"\r\n")));
        QCOMPARE(checkSame(file, 1024), 2);
    }

    void ansiFileThatTurnsOutLatin1()
    {
        // The encoding of an ANSI file is decided by all of it (TextEncoding): UTF-8 text early on
        // and one Latin-1 byte at the end make the early text Latin-1, so streaming must redo it.
        const QByteArray early = QStringLiteral(
            "REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Caf\u00e9]\r\n\"Name\"=\"na\u00efve\"\r\n\r\n")
                                     .toUtf8();
        QByteArray file = early + exportLike(200).toUtf8().mid(40);
        file += "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Latin]\r\n\"L\"=\"d\xe9j\xe0\"\r\n";
        const QString in = write(file);
        QCOMPARE(checkSame(in, 1024), 0);
        // Without the early non-ASCII text nothing was decoded wrongly: it streams.
        QByteArray asciiStart = QByteArray("REGEDIT4\r\n\r\n") + exportLike(200).toUtf8().mid(40);
        asciiStart += "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Latin]\r\n\"L\"=\"d\xe9j\xe0\"\r\n";
        QCOMPARE(checkSame(write(asciiStart), 1024), 2);
    }

    void corpusFilesConvertAsAWholeWrite()
    {
        const QString corpus = qEnvironmentVariable("SSOD_CORPUS");
        if (corpus.isEmpty())
            QSKIP("SSOD_CORPUS is not set");
        int files = 0;
        int streamed = 0;
        for (const QString &sub : { QStringLiteral("reg"), QStringLiteral("pol") }) {
            const QDir dir(corpus + QLatin1Char('/') + sub);
            for (const QString &name : dir.entryList(QDir::Files)) {
                if (name.endsWith(QLatin1String(".md"), Qt::CaseInsensitive))
                    continue;
                for (const qsizetype chunk : { qsizetype(0), qsizetype(512) }) {
                    const int s = checkSame(dir.filePath(name), chunk);
                    QVERIFY2(s >= 0, qPrintable(name));
                    streamed += s;
                }
                ++files;
            }
        }
        qInfo(
            "%d corpus files converted both ways in one part and in 512-byte parts; %d conversions streamed",
            files, streamed);
        QVERIFY(files >= 55);
        QVERIFY(streamed > 0);
    }

    void refusedFailedOrCancelledLeavesTheTargetAlone()
    {
        const QString in = write(regtest::v5(
            exportLike(500) + QStringLiteral("[HKEY_CURRENT_USER\\Software\\User]\r\n\"U\"=dword:1\r\n")));
        const QString out = m_dir.filePath(QStringLiteral("kept.pol"));
        const QByteArray old("PReg\x01\0\0\0", 8);
        QFile f(out);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(old) == 8);
        f.close();
        const auto folderCount
            = [this] { return QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden).size(); };
        const qsizetype before = folderCount();

        ConvertOptions options;
        options.read.chunkBytes = 4096;
        // The writer refuses the HKCU key (a machine Registry.pol), in the last part.
        auto failed = convertFile(in, out, options);
        QVERIFY(!failed);
        QVERIFY2(failed.error().message.contains(QLatin1String("HKEY_CURRENT_USER\\Software\\User")),
            qPrintable(failed.error().message));
        QCOMPARE(readAll(out), old);

        // accept() says no (what --strict does with the skipped dword lines).
        FileWarnings seen;
        options.accept = [&](const FileWarnings &w) {
            seen = w;
            return false;
        };
        auto refused = convertFile(in, m_dir.filePath(QStringLiteral("kept.reg")), options);
        QVERIFY(refused.ok());
        QVERIFY(!refused->published);
        QCOMPARE(seen.size(), 46); // k % 11 == 0 for k < 500
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("kept.reg"))));

        // Cancelled from the progress callback after the first part.
        std::atomic<bool> cancel { false };
        options.accept = {};
        options.read.cancel = &cancel;
        options.read.progress = [&](qint64 done, qint64) {
            if (done > 0)
                cancel = true;
        };
        auto cancelled = convertFile(in, out, options);
        QVERIFY(!cancelled);
        QVERIFY(ReadOptions::isCancelled(cancelled.error()));
        QCOMPARE(readAll(out), old);
        QCOMPARE(folderCount(), before); // no temporary file left behind
    }
};

QTEST_GUILESS_MAIN(TestConvert)
#include "tst_convert.moc"
