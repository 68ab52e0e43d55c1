// `ssodoctor-cli decode` end to end: the real binary on real tokens (made by test_tokendecoder
// against an MIT KDC, kept in tests/data/tokens/), from the command line and from standard input.
#include "tests/common/TestTools.h"
#include "tests/core/probe/NtlmSamples.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using ssod::testtools::runTool;

namespace {

QByteArray token(const QString &name)
{
    QFile f(qEnvironmentVariable("SSOD_TEST_DATA") + QStringLiteral("/tokens/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

ssod::testtools::ToolRun cli(const QStringList &args, const QByteArray &input = {})
{
    return runTool(qEnvironmentVariable("SSOD_CLI"), QStringList { QStringLiteral("decode") } + args, input);
}

} // namespace

class TestDecodeCli : public QObject
{
    Q_OBJECT

private slots:
    void headerLineAsJson()
    {
        const QByteArray bytes = token(QStringLiteral("spnego-init-ap-req.bin"));
        QVERIFY(!bytes.isEmpty());
        const auto r = cli({ QStringLiteral("Authorization: Negotiate ") + QString::fromLatin1(bytes.toBase64()),
            QStringLiteral("--json") });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("scheme")).toString(), QStringLiteral("Negotiate"));
        QCOMPARE(o.value(QStringLiteral("kind")).toString(), QStringLiteral("spnego-init"));
        QCOMPARE(o.value(QStringLiteral("innerKind")).toString(), QStringLiteral("gss-krb5-ap-req"));
        QCOMPARE(o.value(QStringLiteral("bytes")).toInteger(), bytes.size());
        QVERIFY2(o.value(QStringLiteral("verdict")).toString().startsWith(
                     QStringLiteral("Kerberos (AP-REQ for HTTP/web.lab.test@LAB.TEST, aes256)")),
            qPrintable(r.out));
        QVERIFY(!o.contains(QStringLiteral("problem")));
        const QJsonArray fields = o.value(QStringLiteral("fields")).toArray();
        QVERIFY(!fields.isEmpty());
        for (const char *key : { "label", "value", "note", "children" })
            QVERIFY2(fields.first().toObject().contains(QLatin1String(key)), key);
        QVERIFY(r.out.contains(QStringLiteral("\"HTTP/web.lab.test\"")));
    }

    void standardInputAsText()
    {
        const QByteArray bytes = token(QStringLiteral("spnego-resp-ap-rep.bin"));
        QVERIFY(!bytes.isEmpty());
        QByteArray wrapped = "WWW-Authenticate: Negotiate ";
        const QByteArray b64 = bytes.toBase64();
        for (qsizetype i = 0; i < b64.size(); i += 40)
            wrapped += b64.mid(i, 40) + "\n";
        const auto r = cli({ QStringLiteral("-") }, wrapped);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith(QStringLiteral("Kerberos mutual-authentication reply (AP-REP)")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("negState: accept-completed")));
    }

    void ntlmSampleAsText()
    {
        const QString b64 = QString::fromLatin1(ssod::testtools::nlmp::challengeV2().toBase64());
        const auto r = cli({ QStringLiteral("NTLM ") + b64 });
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("NTLMSSP CHALLENGE")));
        QVERIFY(r.out.contains(QStringLiteral("MsvAvNbDomainName: Domain")));
    }

    void badInputExitsTwo()
    {
        const auto garbage = cli({ QStringLiteral("Negotiate not*base64") });
        QCOMPARE(garbage.exitCode, 2);
        QVERIFY(garbage.out.isEmpty());
        QVERIFY(garbage.err.contains(QStringLiteral("not base64")));
        const auto none = cli({});
        QCOMPARE(none.exitCode, 2);
        QVERIFY(none.err.contains(QStringLiteral("usage: decode")));
        const auto empty = cli({ QStringLiteral("-") }, "");
        QCOMPARE(empty.exitCode, 2);
        QVERIFY(empty.err.contains(QStringLiteral("nothing to decode")));
    }

    void truncatedTokenShowsWhatItRead()
    {
        const QByteArray bytes = token(QStringLiteral("spnego-init-ap-req.bin"));
        QVERIFY(!bytes.isEmpty());
        const auto r = cli({ QString::fromLatin1(bytes.first(bytes.size() / 2).toBase64()), QStringLiteral("--json") });
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(QStringLiteral("truncated at byte")));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QVERIFY(o.value(QStringLiteral("problem")).toString().contains(QStringLiteral("truncated")));
        QCOMPARE(o.value(QStringLiteral("kind")).toString(), QStringLiteral("spnego-init"));
    }
};

QTEST_GUILESS_MAIN(TestDecodeCli)
#include "tst_decode_cli.moc"
