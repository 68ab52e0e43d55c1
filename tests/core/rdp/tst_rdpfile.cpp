// RdpFile: reading and writing .rdp files as FACTS.md §5 describes them (name:type:value lines,
// UTF-16LE with BOM as mstsc writes, or 8-bit/UTF-8 as FreeRDP also reads).
#include "core/rdp/RdpFile.h"

#include <QFile>
#include <QTemporaryDir>
#include "RdpTestData.h"

#include <QTest>
#include <sys/stat.h>
#include <unistd.h>

using namespace ssod::core;
using namespace ssod::core::rdp;

namespace {

using rdptest::dataFile;
using rdptest::utf16;

template <typename T> QByteArray why(const Result<T> &r)
{
    return r ? QByteArray() : r.error().toString().toUtf8();
}

} // namespace

class TestRdpFile final : public QObject {
    Q_OBJECT

private slots:
    void lastLineEndingInBareCrKeepsItsValue()
    {
        // Found by the fuzzer: a file cut between CR and LF. The CR ends the line; appending a
        // setting must not turn it into CRLF-plus-value-change.
        auto f = RdpFile::parse(QByteArray("full address:s:rdsh01\nloadbalanceinfo:s:tsv://x\r\r"), QStringLiteral("cut.rdp"));
        QVERIFY(f);
        QCOMPARE(f->find(QStringLiteral("loadbalanceinfo"))->value, QStringLiteral("tsv://x"));
        QCOMPARE(f->serialize(), QByteArray("full address:s:rdsh01\nloadbalanceinfo:s:tsv://x\r\r"));
        QVERIFY(f->set(QStringLiteral("use redirection server name"), QLatin1Char('i'), QStringLiteral("1")));
        auto again = RdpFile::parse(f->serialize(), QStringLiteral("again.rdp"));
        QVERIFY(again);
        QCOMPARE(again->find(QStringLiteral("loadbalanceinfo"))->value, QStringLiteral("tsv://x"));
        QCOMPARE(again->find(QStringLiteral("use redirection server name"))->value, QStringLiteral("1"));
    }

    void mstscUtf16File()
    {
        const QByteArray bytes = dataFile(QStringLiteral("broker_farm_utf16.rdp"));
        auto f = RdpFile::parse(bytes, QStringLiteral("broker.rdp"));
        QVERIFY2(f, why(f));
        QCOMPARE(f->encoding(), RdpEncoding::Utf16Le);
        QCOMPARE(f->newline(), QStringLiteral("\r\n"));
        QCOMPARE(f->lines().size(), 53);
        QCOMPARE(f->find(QStringLiteral("full address"))->value, QStringLiteral("rdcb01.contoso.com"));
        // Names are case-insensitive and may contain spaces; string values keep their spaces.
        const auto lb = f->find(QStringLiteral("LoadBalanceInfo"));
        QVERIFY(lb);
        QCOMPARE(lb->value, QStringLiteral("tsv://MS Terminal Services Plugin.1.Desktops"));
        QCOMPARE(lb->type, QLatin1Char('s'));
        QCOMPARE(lb->line, 47);
        QCOMPARE(f->find(QStringLiteral("username"))->value, QStringLiteral("CONTOSO\\jdoe"));
        QCOMPARE(f->find(QStringLiteral("gatewayhostname"))->value, QString());
        QCOMPARE(f->serialize(), bytes);
    }

    void utf8FileWithLfAndComment()
    {
        const QByteArray bytes = dataFile(QStringLiteral("weak_utf8.rdp"));
        auto f = RdpFile::parse(bytes, QStringLiteral("weak.rdp"));
        QVERIFY2(f, why(f));
        QCOMPARE(f->encoding(), RdpEncoding::Utf8);
        QCOMPARE(f->newline(), QStringLiteral("\n"));
        QCOMPARE(f->lines()[0].kind, RdpLine::Kind::Comment);
        QCOMPARE(f->lines()[5].kind, RdpLine::Kind::Blank);
        // Everything after the second colon is the value, port included.
        QCOMPARE(f->find(QStringLiteral("full address"))->value, QStringLiteral("10.20.30.40:3390"));
        QCOMPARE(f->find(QStringLiteral("full address"))->name, QStringLiteral("Full Address"));
        QCOMPARE(f->find(QStringLiteral("enablecredsspsupport"))->value, QStringLiteral("0"));
        QCOMPARE(f->serialize(), bytes);
    }

    void valuesWithColons()
    {
        const QString text
            = QStringLiteral("full address:s:host:3390\r\nalternate shell:s:C:\\Windows\\notepad.exe\r\n"
                             "remoteapplicationcmdline:s:a:b:c:\r\n");
        auto f = RdpFile::parse(utf16(text), QStringLiteral("c.rdp"));
        QVERIFY2(f, why(f));
        QCOMPARE(f->find(QStringLiteral("full address"))->value, QStringLiteral("host:3390"));
        QCOMPARE(
            f->find(QStringLiteral("alternate shell"))->value, QStringLiteral("C:\\Windows\\notepad.exe"));
        QCOMPARE(f->find(QStringLiteral("remoteapplicationcmdline"))->value, QStringLiteral("a:b:c:"));
    }

    void utf8BomAndAnsiRoundTrip()
    {
        const QByteArray bom = QByteArray("\xef\xbb\xbf") + QByteArray("full address:s:h\xc3\xa9te\r\n");
        auto a = RdpFile::parse(bom, QStringLiteral("a.rdp"));
        QVERIFY2(a, why(a));
        QCOMPARE(a->encoding(), RdpEncoding::Utf8Bom);
        QCOMPARE(a->find(QStringLiteral("full address"))->value, QStringLiteral("h\u00e9te"));
        QCOMPARE(a->serialize(), bom);
        // Windows-1252 "é" is not UTF-8: the bytes must come back unchanged.
        const QByteArray ansi("username:s:Ren\xe9\r\nfull address:s:x\r\n");
        auto b = RdpFile::parse(ansi, QStringLiteral("b.rdp"));
        QVERIFY2(b, why(b));
        QCOMPARE(b->encoding(), RdpEncoding::Ansi);
        QCOMPARE(b->serialize(), ansi);
        // A UTF-8 sequence cut off at the end of the file is not UTF-8 either.
        const QByteArray cut("full address:s:x\nusername:s:\xc3");
        auto c = RdpFile::parse(cut, QStringLiteral("c.rdp"));
        QVERIFY2(c, why(c));
        QCOMPARE(c->encoding(), RdpEncoding::Ansi);
        QCOMPARE(c->serialize(), cut);
    }

    void lastOccurrenceCountsAndSetChangesAll()
    {
        auto f = RdpFile::parse("enablecredsspsupport:i:0\nEnableCredSSPSupport:i:1\nfull address:s:x\n",
            QStringLiteral("d.rdp"));
        QVERIFY2(f, why(f));
        QCOMPARE(f->find(QStringLiteral("enablecredsspsupport"))->value, QStringLiteral("1"));
        QCOMPARE(f->find(QStringLiteral("enablecredsspsupport"))->line, 2);
        QVERIFY(f->set(QStringLiteral("enablecredsspsupport"), QLatin1Char('i'), QStringLiteral("1")));
        QCOMPARE(f->serialize(),
            QByteArray("enablecredsspsupport:i:1\nEnableCredSSPSupport:i:1\nfull address:s:x\n"));
        QVERIFY(!f->set(QStringLiteral("ENABLECREDSSPSUPPORT"), QLatin1Char('i'), QStringLiteral("1")));
        QVERIFY(f->remove(QStringLiteral("EnableCredSspSupport")));
        QCOMPARE(f->serialize(), QByteArray("full address:s:x\n"));
        QVERIFY(!f->remove(QStringLiteral("enablecredsspsupport")));
    }

    void setInPlaceKeepsEveryOtherByte()
    {
        const QByteArray bytes = dataFile(QStringLiteral("broker_farm_utf16.rdp"));
        auto f = RdpFile::parse(bytes, QStringLiteral("broker.rdp"));
        QVERIFY2(f, why(f));
        QVERIFY(f->set(
            QStringLiteral("prompt for credentials on client"), QLatin1Char('i'), QStringLiteral("0")));
        QByteArray expected = bytes;
        const QByteArray from = utf16(QStringLiteral("\r\nprompt for credentials on client:i:1\r\n")).mid(2);
        const QByteArray to = utf16(QStringLiteral("\r\nprompt for credentials on client:i:0\r\n")).mid(2);
        QCOMPARE(expected.count(from), 1);
        expected.replace(from, to);
        QCOMPARE(f->serialize(), expected);
    }

    void appendUsesFileLineEndingAndTerminatesLastLine()
    {
        auto f = RdpFile::parse(
            utf16(QStringLiteral("full address:s:x\r\nloadbalanceinfo:s:tsv://a")), QStringLiteral("e.rdp"));
        QVERIFY2(f, why(f));
        QVERIFY(f->set(QStringLiteral("use redirection server name"), QLatin1Char('i'), QStringLiteral("1")));
        QCOMPARE(f->serialize(),
            utf16(QStringLiteral("full address:s:x\r\nloadbalanceinfo:s:tsv://a\r\n"
                                 "use redirection server name:i:1\r\n")));
        auto g = RdpFile::parse(
            "full address:s:x\nscreen mode id:i:1\r\nsession bpp:i:32\n", QStringLiteral("g.rdp"));
        QVERIFY2(g, why(g));
        QCOMPARE(g->newline(), QStringLiteral("\n"));
        QVERIFY(g->set(QStringLiteral("enablecredsspsupport"), QLatin1Char('i'), QStringLiteral("1")));
        // The mixed ending of line 2 stays as it was.
        QCOMPARE(g->serialize(),
            QByteArray("full address:s:x\nscreen mode id:i:1\r\nsession bpp:i:32\n"
                       "enablecredsspsupport:i:1\n"));
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("location");
        QTest::addColumn<QString>("message");
        QTest::newRow("no colons") << QByteArray("full address:s:x\r\nbad line\r\n")
                                   << QStringLiteral("f.rdp:2") << QStringLiteral("is not a setting");
        QTest::newRow("one colon") << QByteArray("full address:s:x\nenablecredsspsupport=1:x\n")
                                   << QStringLiteral("f.rdp:2") << QStringLiteral("expected name:type:value");
        QTest::newRow("unknown type")
            << QByteArray("a:s:1\n\nb:x:2\n") << QStringLiteral("f.rdp:3") << QStringLiteral("type \"x\"");
        QTest::newRow("upper-case type") << QByteArray("a:S:1\n") << QStringLiteral("f.rdp:1")
                                         << QStringLiteral("must be i (number), s (text) or b (binary)");
        QTest::newRow("long type") << QByteArray("a:is:1\n") << QStringLiteral("f.rdp:1")
                                   << QStringLiteral("type \"is\"");
        QTest::newRow("i not a number")
            << QByteArray("a:i:abc\n") << QStringLiteral("f.rdp:1") << QStringLiteral("not a whole number");
        QTest::newRow("i empty") << QByteArray("full address:s:x\r\na:i:\r\n") << QStringLiteral("f.rdp:2")
                                 << QStringLiteral("not a whole number");
        QTest::newRow("i too big") << QByteArray("a:i:99999999999\n") << QStringLiteral("f.rdp:1")
                                   << QStringLiteral("not a whole number");
        QTest::newRow("i fraction") << QByteArray("a:i:1.5\n") << QStringLiteral("f.rdp:1")
                                    << QStringLiteral("not a whole number");
        QTest::newRow("b odd") << QByteArray("password 51:b:abc\n") << QStringLiteral("f.rdp:1")
                               << QStringLiteral("even number of hex digits");
        QTest::newRow("b not hex") << QByteArray("password 51:b:zz\n") << QStringLiteral("f.rdp:1")
                                   << QStringLiteral("hex");
        QTest::newRow("no name") << QByteArray(" :s:x\n") << QStringLiteral("f.rdp:1")
                                 << QStringLiteral("no setting name");
        QTest::newRow("NUL in UTF-8")
            << QByteArray("a:s:x\nb:s:\0y\n", 13) << QStringLiteral("f.rdp:2") << QStringLiteral("NUL");
        QTest::newRow("NUL in UTF-16")
            << utf16(QStringLiteral("a:s:x\r\n\r\nb:s:") + QChar(0) + QStringLiteral("\r\n"))
            << QStringLiteral("f.rdp:3") << QStringLiteral("NUL");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("f.rdp") << QStringLiteral("empty");
        QTest::newRow("BOM only") << QByteArray("\xff\xfe", 2) << QStringLiteral("f.rdp")
                                  << QStringLiteral("no settings");
        QTest::newRow("comments only") << QByteArray("# nothing\n\n; here\n") << QStringLiteral("f.rdp")
                                       << QStringLiteral("no settings");
        QTest::newRow("UTF-16 odd") << QByteArray("\xff\xfe"
                                                  "a\0:\0s\0:",
            9) << QStringLiteral("f.rdp")
                                    << QStringLiteral("odd number of bytes");
        QTest::newRow("UTF-16BE") << QByteArray("\xfe\xff\0a\0:\0s\0:\0x", 12) << QStringLiteral("f.rdp")
                                  << QStringLiteral("big-endian");
        QTest::newRow("UTF-16 without BOM")
            << utf16(QStringLiteral("full address:s:x\r\n")).mid(2) << QStringLiteral("f.rdp")
            << QStringLiteral("without a byte order mark");
        QTest::newRow("bad UTF-8 after BOM") << QByteArray("\xef\xbb\xbf"
                                                           "a:s:\xff\n")
                                             << QStringLiteral("f.rdp") << QStringLiteral("not valid UTF-8");
        QTest::newRow("too big") << QByteArray(RdpFile::kMaxBytes + 1, 'a') << QStringLiteral("f.rdp")
                                 << QStringLiteral("at most 1 MiB");
        QTest::newRow("PNG header") << QByteArray("\x89PNG\r\n\x1a\n", 8) << QStringLiteral("f.rdp:1")
                                    << QStringLiteral("may not be an .rdp file");
    }

    void malformed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, location);
        QFETCH(QString, message);
        auto f = RdpFile::parse(bytes, QStringLiteral("f.rdp"));
        QVERIFY(!f);
        QCOMPARE(f.error().code, Error::Code::InvalidInput);
        QCOMPARE(f.error().location, location);
        QVERIFY2(f.error().message.contains(message), qPrintable(f.error().message));
    }

    void malformedSampleNamesLine()
    {
        auto f = RdpFile::parse(dataFile(QStringLiteral("malformed_utf16.rdp")), QStringLiteral("m.rdp"));
        QVERIFY(!f);
        QCOMPARE(f.error().location, QStringLiteral("m.rdp:3"));
        QVERIFY(f.error().message.contains(QStringLiteral("enablecredsspsupport=1")));
        QVERIFY(f.error().message.contains(QStringLiteral("may not be an .rdp file")));
    }

    void loadNamesTheFile()
    {
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("nope.rdp"));
        auto a = RdpFile::load(missing);
        QVERIFY(!a);
        QCOMPARE(a.error().code, Error::Code::NotFound);
        QCOMPARE(a.error().location, missing);
        auto b = RdpFile::load(dir.path());
        QVERIFY(!b);
        QCOMPARE(b.error().location, dir.path());
        QVERIFY(b.error().message.contains(QStringLiteral("folder")));
        // A FIFO would block a reader forever; it must be refused without reading.
        const QString fifo = dir.filePath(QStringLiteral("pipe.rdp"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        auto c = RdpFile::load(fifo);
        QVERIFY(!c);
        QVERIFY(c.error().message.contains(QStringLiteral("not a regular file")));
        const QString ok = dir.filePath(QStringLiteral("ok.rdp"));
        QFile w(ok);
        QVERIFY(w.open(QIODevice::WriteOnly));
        w.write("full address:s:x\r\n");
        w.close();
        auto d = RdpFile::load(ok);
        QVERIFY2(d, why(d));
        if (::geteuid() != 0) {
            QVERIFY(w.setPermissions(QFileDevice::Permissions()));
            auto e = RdpFile::load(ok);
            QVERIFY(!e);
            QCOMPARE(e.error().code, Error::Code::Io);
            QCOMPARE(e.error().location, ok);
        }
    }
};

QTEST_GUILESS_MAIN(TestRdpFile)
#include "tst_rdpfile.moc"
