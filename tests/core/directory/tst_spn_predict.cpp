#include "core/directory/SpnPredictor.h"
#include "tests/core/directory/PredictTestDns.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ssod::core::directory;
using ssod::core::Error;
using ssod::core::Result;
using namespace predicttest;

// Client SPN rules (FACTS.md §6.5, §9) against a DNS table: every profile, CNAME chains, ports,
// address literals, MIT krb5's canonicalization settings read from a real krb5.conf, bad targets.
class TestSpnPredict final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    /// Writes a krb5.conf with \a libdefaults lines and points KRB5_CONFIG at it.
    void useKrb5Conf(const QString &libdefaults)
    {
        const QString path = m_dir.filePath(QStringLiteral("krb5-%1.conf").arg(++m_confs));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[libdefaults]\n    default_realm = CONTOSO.TEST\n");
        f.write(libdefaults.toUtf8());
        f.close();
        qputenv("KRB5_CONFIG", QFile::encodeName(path));
    }
    int m_confs = 0;

    SpnPrediction predict(const QString &target, const char *client, HostResolver &resolver)
    {
        auto p = predictSpn(target, profile(client), resolver, nullptr, QString());
        if (!p)
            qWarning() << p.error().message;
        return p ? *p : SpnPrediction {};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Never the machine's /etc/krb5.conf: each test names its settings.
        useKrb5Conf(QString());
    }

    void everyProfileOnACname_data()
    {
        QTest::addColumn<QString>("client");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("spn");
        QTest::addColumn<bool>("followsCname");
        QTest::newRow("ie") << "ie"
                            << "http://app.contoso.test/"
                            << "HTTP/web01.contoso.test" << true;
        QTest::newRow("edge") << "edge"
                              << "http://app.contoso.test/"
                              << "HTTP/web01.contoso.test" << true;
        QTest::newRow("chrome") << "chrome"
                                << "https://app.contoso.test/x"
                                << "HTTP/web01.contoso.test" << true;
        QTest::newRow("firefox") << "firefox"
                                 << "http://app.contoso.test/"
                                 << "HTTP/web01.contoso.test" << true;
        // MIT defaults (canonicalize, rdns): the PTR of web01's address names host5.
        QTest::newRow("curl") << "curl"
                              << "http://app.contoso.test/"
                              << "HTTP/host5.contoso.test" << true;
        QTest::newRow("mstsc") << "mstsc"
                               << "app.contoso.test"
                               << "TERMSRV/app.contoso.test" << false;
        QTest::newRow("mstsc rdp port") << "mstsc"
                                        << "rdp://app.contoso.test:3390"
                                        << "TERMSRV/app.contoso.test" << false;
        QTest::newRow("winrm") << "winrm"
                               << "app.contoso.test"
                               << "HTTP/app.contoso.test" << false;
        QTest::newRow("winrm uri") << "winrm"
                                   << "http://app.contoso.test:5985/wsman"
                                   << "HTTP/app.contoso.test" << false;
        QTest::newRow("winrm-port") << "winrm-port"
                                    << "app.contoso.test"
                                    << "HTTP/app.contoso.test:5985" << false;
        QTest::newRow("winrm-port https") << "winrm-port"
                                          << "https://app.contoso.test:5986/wsman"
                                          << "HTTP/app.contoso.test:5986" << false;
    }
    void everyProfileOnACname()
    {
        QFETCH(QString, client);
        QFETCH(QString, target);
        QFETCH(QString, spn);
        QFETCH(bool, followsCname);
        TableHostResolver r = contoso();
        const SpnPrediction p = predict(target, client.toLatin1().constData(), r);
        QCOMPARE(p.spn, spn);
        QVERIFY(p.kerberos);
        QCOMPARE(p.verdict, SpnPrediction::Verdict::NotChecked);
        QVERIFY(!p.directoryChecked);
        QCOMPARE(p.steps.first().kind, PredictionStep::Kind::Target);
        QVERIFY(hasStep(p, PredictionStep::Kind::Rule));
        QVERIFY(hasStep(p, PredictionStep::Kind::Port));
        QVERIFY(hasStep(p, PredictionStep::Kind::Spn, spn));
        QCOMPARE(hasStep(p, PredictionStep::Kind::Cname,
                     QStringLiteral("app.contoso.test is an alias (CNAME) of web01")),
            followsCname);
        if (!followsCname) // the alias is pointed out, and not followed
            QVERIFY2(hasStep(p, PredictionStep::Kind::Dns, QStringLiteral("does not follow it")),
                qPrintable(allSteps(p)));
    }

    void overridesAreNamed()
    {
        TableHostResolver r = contoso();
        const SpnPrediction ie = predict(QStringLiteral("http://app.contoso.test:8080/"), "ie", r);
        QCOMPARE(ie.spn, QStringLiteral("HTTP/web01.contoso.test"));
        QVERIFY(
            hasStep(ie, PredictionStep::Kind::Config, QStringLiteral("FEATURE_USE_CNAME_FOR_SPN_KB911149")));
        QVERIFY(hasStep(ie, PredictionStep::Kind::Config, QStringLiteral("HTTP/app.contoso.test")));
        QVERIFY(
            hasStep(ie, PredictionStep::Kind::Port, QStringLiteral("FEATURE_INCLUDE_PORT_IN_SPN_KB908209")));
        QVERIFY(hasStep(ie, PredictionStep::Kind::Port, QStringLiteral("8080")));
        const SpnPrediction edge = predict(QStringLiteral("http://app.contoso.test:8080/"), "edge", r);
        QCOMPARE(edge.spn, QStringLiteral("HTTP/web01.contoso.test"));
        QVERIFY(
            hasStep(edge, PredictionStep::Kind::Config, QStringLiteral("DisableAuthNegotiateCnameLookup")));
        QVERIFY(hasStep(edge, PredictionStep::Kind::Port, QStringLiteral("EnableAuthNegotiatePort")));
        // No CNAME: no alias override to mention.
        const SpnPrediction plain = predict(QStringLiteral("https://portal.contoso.test/"), "ie", r);
        QCOMPARE(plain.spn, QStringLiteral("HTTP/portal.contoso.test"));
        QVERIFY(!hasStep(plain, PredictionStep::Kind::Config, QStringLiteral("KB911149")));
        QVERIFY(hasStep(plain, PredictionStep::Kind::Port, QStringLiteral("Port 443")));
        const SpnPrediction winrm = predict(QStringLiteral("web01.contoso.test"), "winrm", r);
        QCOMPARE(winrm.spn, QStringLiteral("HTTP/web01.contoso.test"));
        QVERIFY(hasStep(winrm, PredictionStep::Kind::Port, QStringLiteral("-IncludePortInSPN")));
        const SpnPrediction rdp = predict(QStringLiteral("rdp://web01.contoso.test:3390"), "mstsc", r);
        QVERIFY(hasStep(rdp, PredictionStep::Kind::Port, QStringLiteral("Port 3390 is not part")));
    }

    void followsChains()
    {
        TableHostResolver r = contoso();
        const SpnPrediction p = predict(QStringLiteral("http://deep.contoso.test/"), "edge", r);
        QCOMPARE(p.spn, QStringLiteral("HTTP/web02.contoso.test"));
        QVERIFY(hasStep(
            p, PredictionStep::Kind::Cname, QStringLiteral("deep.contoso.test is an alias (CNAME) of mid")));
        QVERIFY(hasStep(
            p, PredictionStep::Kind::Cname, QStringLiteral("mid.contoso.test is an alias (CNAME) of web02")));
        QVERIFY(hasStep(p, PredictionStep::Kind::Dns, QStringLiteral("10.0.0.6, fd00::6")));

        auto chain = r.canonicalName(QStringLiteral("DEEP.contoso.test."));
        QVERIFY(chain);
        QCOMPARE(chain->cnameChain,
            QStringList({ QStringLiteral("mid.contoso.test"), QStringLiteral("web02.contoso.test") }));
        QCOMPARE(chain->canonicalName, QStringLiteral("web02.contoso.test"));
    }

    void shortNamesGoThroughTheSearchDomains()
    {
        // corp.test is tried first and knows nothing; contoso.test has the names (FACTS.md §6.5: a
        // short name still canonicalizes, typically to the FQDN).
        TableHostResolver r = contoso();
        const SpnPrediction edge = predict(QStringLiteral("http://web01/"), "edge", r);
        QCOMPARE(edge.spn, QStringLiteral("HTTP/web01.contoso.test"));
        QVERIFY2(hasStep(edge, PredictionStep::Kind::Dns, QStringLiteral("finds it as web01.contoso.test")),
            qPrintable(allSteps(edge)));
        const SpnPrediction alias = predict(QStringLiteral("http://app/"), "ie", r);
        QCOMPARE(alias.spn, QStringLiteral("HTTP/web01.contoso.test"));
        QVERIFY(hasStep(alias, PredictionStep::Kind::Cname,
            QStringLiteral("app.contoso.test is an alias (CNAME) of web01")));
        QCOMPARE(predict(QStringLiteral("web01"), "mstsc", r).spn, QStringLiteral("TERMSRV/web01"));
        QCOMPARE(predict(QStringLiteral("web01"), "winrm", r).spn, QStringLiteral("HTTP/web01"));
        QCOMPARE(predict(QStringLiteral("http://web01/"), "curl", r).spn,
            QStringLiteral("HTTP/host5.contoso.test"));
        QCOMPARE(r.canonicalName(QStringLiteral("nothing")).error().code, Error::Code::NotFound);
    }

    void refusesLoopsAndLongChains()
    {
        TableHostResolver r = contoso();
        auto loop = predictSpn(
            QStringLiteral("http://loop1.contoso.test/"), ClientProfile::Edge, r, nullptr, QString());
        QVERIFY(!loop);
        QCOMPARE(loop.error().code, Error::Code::InvalidInput);
        QVERIFY2(
            loop.error().message.contains(QLatin1String("loops (loop1.contoso.test -> loop2.contoso.test -> "
                                                        "loop1.contoso.test)")),
            qPrintable(loop.error().message));

        // A chain of exactly the limit resolves; one more hop is refused.
        TableHostResolver deep;
        for (int i = 0; i < HostResolver::kMaxCnameHops + 1; ++i)
            deep.cnames.insert(QStringLiteral("h%1.test").arg(i), QStringLiteral("h%1.test").arg(i + 1));
        deep.addresses.insert(
            QStringLiteral("h%1.test").arg(HostResolver::kMaxCnameHops + 1), { QStringLiteral("10.1.1.1") });
        auto ok = deep.canonicalName(QStringLiteral("h1.test"));
        QVERIFY(ok);
        QCOMPARE(int(ok->cnameChain.size()), HostResolver::kMaxCnameHops);
        auto tooLong = predictSpn(QStringLiteral("h0.test"), ClientProfile::Ie, deep, nullptr, QString());
        QVERIFY(!tooLong);
        QVERIFY2(tooLong.error().message.contains(QLatin1String("longer than 8 hops")),
            qPrintable(tooLong.error().message));
    }

    void unresolvedNames()
    {
        TableHostResolver r = contoso();
        // Chromium falls back to the name from the URL; a dangling alias is named.
        const SpnPrediction dangling = predict(QStringLiteral("http://dangling.contoso.test/"), "chrome", r);
        QCOMPARE(dangling.spn, QStringLiteral("HTTP/dangling.contoso.test"));
        QVERIFY(hasStep(dangling, PredictionStep::Kind::Dns,
            QStringLiteral("gone.contoso.test, which does not resolve")));
        QVERIFY(hasStep(dangling, PredictionStep::Kind::Dns, QStringLiteral("uses the name from the URL")));
        const SpnPrediction missing = predict(QStringLiteral("http://nowhere.contoso.test/"), "firefox", r);
        QCOMPARE(missing.spn, QStringLiteral("HTTP/nowhere.contoso.test"));
        QVERIFY(hasStep(missing, PredictionStep::Kind::Dns, QStringLiteral("MakeSN fails")));
        // A DNS timeout leaves the SPN of a canonicalizing client unknown: an error, not a guess.
        auto slow = predictSpn(
            QStringLiteral("http://slow.contoso.test/"), ClientProfile::Edge, r, nullptr, QString());
        QVERIFY(!slow);
        QCOMPARE(slow.error().code, Error::Code::Io);
        // mstsc and WinRM use the name as typed whatever DNS says.
        const SpnPrediction rdp = predict(QStringLiteral("slow.contoso.test"), "mstsc", r);
        QCOMPARE(rdp.spn, QStringLiteral("TERMSRV/slow.contoso.test"));
    }

    void addressesMeanNtlm_data()
    {
        QTest::addColumn<QString>("client");
        QTest::addColumn<QString>("target");
        for (const char *client : { "ie", "edge", "chrome", "firefox", "mstsc", "winrm", "winrm-port" }) {
            QTest::newRow(qPrintable(QStringLiteral("%1 ipv4").arg(QLatin1String(client))))
                << QString::fromLatin1(client)
                << (QLatin1String(client) == QLatin1String("mstsc") ? "10.0.0.5" : "http://10.0.0.5/");
            QTest::newRow(qPrintable(QStringLiteral("%1 ipv6").arg(QLatin1String(client))))
                << QString::fromLatin1(client)
                << (QLatin1String(client) == QLatin1String("mstsc") ? "[fd00::6]" : "http://[fd00::6]:8080/");
        }
    }
    void addressesMeanNtlm()
    {
        QFETCH(QString, client);
        QFETCH(QString, target);
        TableHostResolver r = contoso();
        auto p = predictSpn(target, profile(client.toLatin1().constData()), r, nullptr, QString());
        QVERIFY2(p, p ? "" : qPrintable(p.error().message));
        QVERIFY(!p->kerberos);
        QVERIFY(p->spn.isEmpty());
        QCOMPARE(p->verdict, SpnPrediction::Verdict::NoKerberos);
        QVERIFY(p->problem());
        QVERIFY(hasStep(*p, PredictionStep::Kind::NoKerberos, QStringLiteral("TryIPSPN")));
        QCOMPARE(r.lookups, 0);
    }

    void curlFollowsKrb5Conf_data()
    {
        QTest::addColumn<QString>("libdefaults");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("spn");
        QTest::addColumn<QString>("stepSays");
        QTest::newRow("defaults: forward + PTR") << ""
                                                 << "http://app.contoso.test/"
                                                 << "HTTP/host5.contoso.test"
                                                 << "so krb5 uses host5.contoso.test, not web01.contoso.test";
        QTest::newRow("rdns off") << "rdns = false\n"
                                  << "http://app.contoso.test/"
                                  << "HTTP/web01.contoso.test"
                                  << "rdns = false";
        QTest::newRow("rdns on, no PTR") << "rdns = true\n"
                                         << "http://portal.contoso.test/"
                                         << "HTTP/portal.contoso.test"
                                         << "gives no name (no PTR record for 10.0.0.7)";
        QTest::newRow("rdns on, PTR agrees") << ""
                                             << "http://deep.contoso.test/"
                                             << "HTTP/web02.contoso.test"
                                             << "names web02.contoso.test as well";
        QTest::newRow("canonicalize true spelled yes") << "dns_canonicalize_hostname = yes\nrdns = no\n"
                                                       << "http://app.contoso.test/"
                                                       << "HTTP/web01.contoso.test"
                                                       << "dns_canonicalize_hostname = true";
        QTest::newRow("canonicalize false") << "dns_canonicalize_hostname = false\n"
                                            << "http://app.contoso.test/"
                                            << "HTTP/app.contoso.test"
                                            << "no DNS lookup";
        QTest::newRow("false + short name, search domain") << "dns_canonicalize_hostname = false\n"
                                                           << "http://web01/"
                                                           << "HTTP/web01.corp.test"
                                                           << "the first DNS search domain";
        QTest::newRow("false + qualify_shortname")
            << "dns_canonicalize_hostname = false\nqualify_shortname = contoso.test\n"
            << "http://web01/"
            << "HTTP/web01.contoso.test"
            << "appends contoso.test";
        QTest::newRow("false + qualify_shortname empty")
            << "dns_canonicalize_hostname = false\nqualify_shortname = \"\"\n"
            << "http://web01/"
            << "HTTP/web01"
            << "no DNS lookup";
        QTest::newRow("fallback") << "dns_canonicalize_hostname = fallback\n"
                                  << "http://app.contoso.test/"
                                  << "HTTP/app.contoso.test"
                                  << "For the retry: rdns";
        QTest::newRow("ip, canonicalize + rdns") << ""
                                                 << "http://10.0.0.9/"
                                                 << "HTTP/printer9.contoso.test"
                                                 << "MIT krb5 does not refuse it";
        QTest::newRow("ip, no canonicalization") << "dns_canonicalize_hostname = false\n"
                                                 << "http://10.0.0.9/"
                                                 << "HTTP/10.0.0.9"
                                                 << "MIT krb5 does not refuse it";
    }
    void curlFollowsKrb5Conf()
    {
        QFETCH(QString, libdefaults);
        QFETCH(QString, target);
        QFETCH(QString, stepSays);
        useKrb5Conf(libdefaults);
        TableHostResolver r = contoso();
        const SpnPrediction p = predict(target, "curl", r);
        QTEST(p.spn, "spn");
        QVERIFY(p.kerberos);
        QVERIFY2(allSteps(p).contains(stepSays), qPrintable(allSteps(p)));
        QVERIFY(hasStep(p, PredictionStep::Kind::Config, QStringLiteral("krb5 configuration")));
    }

    void curlFallbackNamesTheRetry()
    {
        useKrb5Conf(QStringLiteral("dns_canonicalize_hostname = fallback\nrdns = false\n"));
        TableHostResolver r = contoso();
        const SpnPrediction p = predict(QStringLiteral("http://app.contoso.test/"), "curl", r);
        QCOMPARE(p.spn, QStringLiteral("HTTP/app.contoso.test"));
        QVERIFY2(p.verdictText.contains(QLatin1String("retries with HTTP/web01.contoso.test")),
            qPrintable(p.verdictText));
    }

    void curlRefusesBadKrb5Conf()
    {
        TableHostResolver r = contoso();
        useKrb5Conf(QStringLiteral("dns_canonicalize_hostname = maybe\n"));
        auto bad = predictSpn(
            QStringLiteral("http://app.contoso.test/"), ClientProfile::Curl, r, nullptr, QString());
        QVERIFY(!bad);
        // MIT refuses the value itself when it reads the file.
        QVERIFY2(bad.error().message.contains(qEnvironmentVariable("KRB5_CONFIG")),
            qPrintable(bad.error().message));
        useKrb5Conf(QStringLiteral("rdns = sometimes\n"));
        bad = predictSpn(
            QStringLiteral("http://app.contoso.test/"), ClientProfile::Curl, r, nullptr, QString());
        QVERIFY(!bad);
        QVERIFY(bad.error().message.contains(QLatin1String("rdns")));
        const QString broken = m_dir.filePath(QStringLiteral("broken.conf"));
        QFile f(broken);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[libdefaults\n  rdns = \n");
        f.close();
        qputenv("KRB5_CONFIG", QFile::encodeName(broken));
        bad = predictSpn(
            QStringLiteral("http://app.contoso.test/"), ClientProfile::Curl, r, nullptr, QString());
        QVERIFY(!bad);
        QVERIFY2(bad.error().message.contains(broken), qPrintable(bad.error().message));
        useKrb5Conf(QString());
    }

    void stepAndVerdictIds()
    {
        QCOMPARE(stepKindId(PredictionStep::Kind::HostAlias), QStringLiteral("host_alias"));
        QCOMPARE(stepKindId(PredictionStep::Kind::Cname), QStringLiteral("cname"));
        QCOMPARE(verdictId(SpnPrediction::Verdict::ServiceAccountMismatch),
            QStringLiteral("service_account_mismatch"));
        QCOMPARE(verdictId(SpnPrediction::Verdict::NotHeld), QStringLiteral("not_held"));
    }
};

QTEST_GUILESS_MAIN(TestSpnPredict)
#include "tst_spn_predict.moc"
