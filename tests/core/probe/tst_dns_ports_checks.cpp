// The pure parts of the dns and ports probes: option parsing, service names, which finding a
// result gives, DNS name checks, PTR agreement, and that every finding they name exists with the
// severity the issue asks for and no placeholder left unfilled.
#include "core/probe/DnsChecks.h"
#include "core/probe/FindingCatalog.h"
#include "core/probe/PortsPlan.h"

#include <QRegularExpression>
#include <QTest>

using namespace ssod::core;
using namespace ssod::core::probe;

class TestDnsPortsChecks : public QObject {
    Q_OBJECT

private:
    static QList<quint16> ports(const PortsPlan &p, bool closed)
    {
        QList<quint16> out;
        for (const auto &x : p.ports)
            if (x.shouldBeClosed == closed)
                out << x.port;
        return out;
    }

private slots:
    void defaultPortsWithoutOptions()
    {
        auto p = PortsPlan::fromOptions({});
        QVERIFY(p);
        QCOMPARE(ports(*p, false), (QList<quint16> { 88, 389, 636, 3268, 445, 3389, 5985, 5986, 80, 443 }));
        QVERIFY(ports(*p, true).isEmpty());
    }

    void portsFromNumbersAndDigitStrings()
    {
        // Scenarios substitute "{port}" into a list, so strings of digits arrive next to numbers;
        // JSON numbers arrive as doubles.
        const QVariantMap o { { QStringLiteral("ports"), QVariantList { 3389, QStringLiteral("443"), 8080.0 } },
            { QStringLiteral("closed"), QVariantList { QStringLiteral(" 80 ") } } };
        auto p = PortsPlan::fromOptions(o);
        QVERIFY2(p, p ? "" : qPrintable(p.error().message));
        QCOMPARE(ports(*p, false), (QList<quint16> { 3389, 443, 8080 }));
        QCOMPARE(ports(*p, true), (QList<quint16> { 80 }));
    }

    void closedOnlyTriesOnlyThose()
    {
        auto p = PortsPlan::fromOptions({ { QStringLiteral("closed"), QVariantList { 80 } } });
        QVERIFY(p);
        QCOMPARE(p->ports.size(), 1);
        QVERIFY(p->ports.constFirst().shouldBeClosed);
    }

    void oneStringOrNumberIsAList()
    {
        auto a = PortsPlan::fromOptions({ { QStringLiteral("ports"), QStringLiteral("88,389") } });
        QVERIFY(a);
        QCOMPARE(ports(*a, false), (QList<quint16> { 88, 389 }));
        auto b = PortsPlan::fromOptions({ { QStringLiteral("ports"), 636 } });
        QVERIFY(b);
        QCOMPARE(ports(*b, false), (QList<quint16> { 636 }));
    }

    void duplicatesOnce()
    {
        auto p = PortsPlan::fromOptions({ { QStringLiteral("ports"), QVariantList { 88, QStringLiteral("88"), 88.0 } } });
        QVERIFY(p);
        QCOMPARE(p->ports.size(), 1);
    }

    void badPorts_data()
    {
        QTest::addColumn<QVariant>("value");
        QTest::newRow("unsubstituted placeholder") << QVariant(QVariantList { QStringLiteral("{port}") });
        QTest::newRow("digits and letters") << QVariant(QVariantList { QStringLiteral("80abc") });
        QTest::newRow("hex") << QVariant(QVariantList { QStringLiteral("0x50") });
        QTest::newRow("negative") << QVariant(QVariantList { -1 });
        QTest::newRow("zero") << QVariant(QVariantList { 0 });
        QTest::newRow("too large") << QVariant(QVariantList { 65536 });
        QTest::newRow("huge digits") << QVariant(QVariantList { QString(10000, QLatin1Char('9')) });
        QTest::newRow("fraction") << QVariant(QVariantList { 80.5 });
        QTest::newRow("inner space") << QVariant(QVariantList { QStringLiteral("8 0") });
        QTest::newRow("a map") << QVariant(QVariantMap { { QStringLiteral("x"), 1 } });
        QTest::newRow("empty list") << QVariant(QVariantList {});
        QTest::newRow("garbage bytes") << QVariant(QString::fromLatin1("\x01\xff\x7f", 3));
    }

    void badPorts()
    {
        QFETCH(QVariant, value);
        auto p = PortsPlan::fromOptions({ { QStringLiteral("ports"), value } });
        QVERIFY(!p);
        QCOMPARE(p.error().code, Error::Code::InvalidInput);
    }

    void contradictionAndTooMany()
    {
        auto both = PortsPlan::fromOptions(
            { { QStringLiteral("ports"), QVariantList { 80 } }, { QStringLiteral("closed"), QVariantList { 80 } } });
        QVERIFY(!both);
        QVERIFY(both.error().message.contains(QLatin1String("80")));
        QVariantList many;
        for (int i = 1; i <= PortsPlan::kMaxPorts + 1; ++i)
            many << i;
        QVERIFY(!PortsPlan::fromOptions({ { QStringLiteral("ports"), many } }));
        many.removeLast();
        QVERIFY(PortsPlan::fromOptions({ { QStringLiteral("ports"), many } }));
    }

    void serviceNames()
    {
        QCOMPARE(portService(88), QStringLiteral("Kerberos"));
        QCOMPARE(portService(389), QStringLiteral("LDAP"));
        QCOMPARE(portService(636), QStringLiteral("LDAPS"));
        QCOMPARE(portService(3268), QStringLiteral("Global Catalog"));
        QCOMPARE(portService(445), QStringLiteral("SMB"));
        QCOMPARE(portService(3389), QStringLiteral("Remote Desktop"));
        QCOMPARE(portService(5985), QStringLiteral("WinRM HTTP"));
        QCOMPARE(portService(5986), QStringLiteral("WinRM HTTPS"));
        QCOMPARE(portService(80), QStringLiteral("HTTP"));
        QCOMPARE(portService(443), QStringLiteral("HTTPS"));
        QCOMPARE(portService(12345), QStringLiteral("TCP 12345"));
    }

    void findingForEachState()
    {
        using S = TcpConnectResult::State;
        QCOMPARE(portFindingId(S::Connected, false), QStringLiteral("ports.open"));
        QCOMPARE(portFindingId(S::Refused, false), QStringLiteral("ports.refused"));
        QCOMPARE(portFindingId(S::Silent, false), QStringLiteral("ports.silent"));
        QCOMPARE(portFindingId(S::NoRoute, false), QStringLiteral("ports.no-route"));
        QCOMPARE(portFindingId(S::Failed, false), QStringLiteral("ports.failed"));
        QCOMPARE(portFindingId(S::Cancelled, false), QString());
        QCOMPARE(portFindingId(S::Connected, true), QStringLiteral("ports.should-be-closed"));
        QCOMPARE(portFindingId(S::Refused, true), QStringLiteral("ports.closed-ok"));
        QCOMPARE(portFindingId(S::Silent, true), QStringLiteral("ports.closed-ok"));
        // No route is not "closed": the host was never asked.
        QCOMPARE(portFindingId(S::NoRoute, true), QStringLiteral("ports.no-route"));
    }

    void dnsNames_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected"); // empty: refused
        QTest::newRow("host") << QStringLiteral("web01.lab.test") << QStringLiteral("web01.lab.test");
        QTest::newRow("case and root dot") << QStringLiteral(" App.LAB.test. ") << QStringLiteral("app.lab.test");
        QTest::newRow("one label") << QStringLiteral("web01") << QStringLiteral("web01");
        QTest::newRow("srv labels") << QStringLiteral("_ldap._tcp.dc._msdcs.lab.test")
                                    << QStringLiteral("_ldap._tcp.dc._msdcs.lab.test");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("only dots") << QStringLiteral("...") << QString();
        QTest::newRow("two dots") << QStringLiteral("web01..lab.test") << QString();
        QTest::newRow("space") << QStringLiteral("web 01.lab.test") << QString();
        QTest::newRow("leading hyphen") << QStringLiteral("-web.lab.test") << QString();
        QTest::newRow("url") << QStringLiteral("http://web01.lab.test/") << QString();
        QTest::newRow("non-ascii") << QStringLiteral("w\u00e9b.lab.test") << QString();
        QTest::newRow("nul") << QString::fromLatin1("web\0x.test", 10) << QString();
        QTest::newRow("label 64") << QString(64, QLatin1Char('a')) + QStringLiteral(".test") << QString();
        QTest::newRow("label 63") << QString(63, QLatin1Char('a')) + QStringLiteral(".test")
                                  << QString(63, QLatin1Char('a')) + QStringLiteral(".test");
        QString longName;
        while (longName.size() < 300)
            longName += QStringLiteral("abcdefgh.");
        QTest::newRow("too long") << longName + QStringLiteral("test") << QString();
        QTest::newRow("endless") << QString(1 << 20, QLatin1Char('a')) << QString();
    }

    void dnsNames()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        auto n = normalizedDnsName(text);
        if (expected.isEmpty()) {
            QVERIFY(!n);
            QVERIFY(n.error().message.size() < 300); // a hostile name is not echoed in full
        } else {
            QVERIFY2(n, n ? "" : qPrintable(n.error().message));
            QCOMPARE(*n, expected);
        }
    }

    void ptrAgreement()
    {
        const QStringList names { QStringLiteral("app.lab.test"), QStringLiteral("web01.lab.test") };
        QCOMPARE(ptrFindingId(QStringLiteral("10.77.0.2"), QStringLiteral("WEB01.lab.test."),
                     { QStringLiteral("10.77.0.2") }, names),
            QStringLiteral("dns.ptr-ok"));
        // Resolves back, but names another host: MIT rdns builds the SPN from it.
        QCOMPARE(ptrFindingId(QStringLiteral("10.77.0.2"), QStringLiteral("dc1.lab.test"),
                     { QStringLiteral("10.77.0.9"), QStringLiteral("10.77.0.2") }, names),
            QStringLiteral("dns.ptr-other-name"));
        QCOMPARE(ptrFindingId(QStringLiteral("10.77.0.2"), QStringLiteral("web01.lab.test"),
                     { QStringLiteral("10.77.0.3") }, names),
            QStringLiteral("dns.ptr-mismatch"));
        QCOMPARE(ptrFindingId(QStringLiteral("10.77.0.2"), QStringLiteral("web01.lab.test"), {}, names),
            QStringLiteral("dns.ptr-mismatch"));
        // An address target: only the way back counts.
        QCOMPARE(ptrFindingId(QStringLiteral("10.77.0.2"), QStringLiteral("dc1.lab.test"),
                     { QStringLiteral("10.77.0.2") }, {}),
            QStringLiteral("dns.ptr-ok"));
        QCOMPARE(ptrFindingId(QStringLiteral("2001:db8::1"), QStringLiteral("h.test"),
                     { QStringLiteral("2001:0db8:0:0::1") }, {}),
            QStringLiteral("dns.ptr-ok"));
        QCOMPARE(ptrFindingId(QStringLiteral("garbage"), QStringLiteral("h.test"), { QStringLiteral("garbage") }, {}),
            QStringLiteral("dns.ptr-mismatch"));
    }

    void srvRecords()
    {
        const auto &specs = adSrvRecords();
        QStringList prefixes;
        for (const auto &s : specs)
            prefixes << s.prefix;
        QCOMPARE(prefixes,
            (QStringList { QStringLiteral("_kerberos._tcp"), QStringLiteral("_kerberos._udp"),
                QStringLiteral("_kpasswd._tcp"), QStringLiteral("_kpasswd._udp"),
                QStringLiteral("_ldap._tcp.dc._msdcs"), QStringLiteral("_gc._tcp") }));
        const FindingCatalog &c = FindingCatalog::builtin();
        // _kerberos/_ldap missing is an error, _kpasswd a warning, _gc info (issue 8, FACTS.md §9).
        const QList<Severity> expected { Severity::Error, Severity::Error, Severity::Warning, Severity::Warning,
            Severity::Error, Severity::Info };
        for (qsizetype i = 0; i < specs.size(); ++i) {
            const auto *e = c.entry(specs.at(i).missingFinding);
            QVERIFY2(e, qPrintable(specs.at(i).missingFinding));
            QCOMPARE(e->severity, expected.at(i));
        }
        QVERIFY(c.entry(QStringLiteral("dns.srv-missing-dc"))->explanation.contains(QLatin1String("nltest /dsregdns")));
    }

    void everyFindingExistsAndFills_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("severity");
        const QList<QPair<const char *, Severity>> ids {
            { "dns.resolved", Severity::Ok }, { "dns.a-record", Severity::Ok }, { "dns.cname", Severity::Warning },
            { "dns.cname-info", Severity::Info }, { "dns.not-found", Severity::Error },
            { "dns.no-answer", Severity::Error }, { "dns.lookup-failed", Severity::Error },
            { "dns.cname-broken", Severity::Error }, { "dns.ptr-ok", Severity::Ok },
            { "dns.ptr-missing", Severity::Info }, { "dns.ptr-other-name", Severity::Warning },
            { "dns.ptr-mismatch", Severity::Warning }, { "dns.srv-found", Severity::Ok },
            { "dns.srv-missing-kdc", Severity::Error }, { "dns.srv-missing-dc", Severity::Error },
            { "dns.srv-missing-kpasswd", Severity::Warning }, { "dns.srv-missing-gc", Severity::Info },
            { "dns.srv-target-unresolved", Severity::Warning }, { "ports.open", Severity::Ok },
            { "ports.refused", Severity::Error }, { "ports.silent", Severity::Error },
            { "ports.no-route", Severity::Error }, { "ports.failed", Severity::Error },
            { "ports.closed-ok", Severity::Ok }, { "ports.should-be-closed", Severity::Warning },
            { "ports.name-not-found", Severity::Error }, { "ports.lookup-failed", Severity::Error },
            { "probe.bad-target", Severity::Error },
        };
        for (const auto &[id, sev] : ids)
            QTest::newRow(id) << QString::fromLatin1(id) << int(sev);
    }

    void everyFindingExistsAndFills()
    {
        QFETCH(QString, id);
        QFETCH(int, severity);
        const FindingCatalog &c = FindingCatalog::builtin();
        const auto *e = c.entry(id);
        QVERIFY2(e, qPrintable(id));
        QCOMPARE(int(e->severity), severity);
        // The args the probes pass (DnsProbe.cpp, PortsProbe.cpp): none may stay a "{placeholder}".
        const QVariantMap args { { QStringLiteral("name"), QStringLiteral("app.lab.test") },
            { QStringLiteral("canonical"), QStringLiteral("web01.lab.test") },
            { QStringLiteral("chain"), QStringLiteral("app.lab.test → web01.lab.test") },
            { QStringLiteral("addresses"), QStringLiteral("10.77.0.2") },
            { QStringLiteral("address"), QStringLiteral("10.77.0.2") },
            { QStringLiteral("ptr"), QStringLiteral("dc1.lab.test") },
            { QStringLiteral("ptrAddresses"), QStringLiteral("10.77.0.2") },
            { QStringLiteral("detail"), QStringLiteral("why") }, { QStringLiteral("server"), QStringLiteral("10.77.0.2") },
            { QStringLiteral("query"), QStringLiteral("A app.lab.test") }, { QStringLiteral("seconds"), QStringLiteral("2.0") },
            { QStringLiteral("record"), QStringLiteral("_kerberos._tcp.lab.test") },
            { QStringLiteral("domain"), QStringLiteral("lab.test") }, { QStringLiteral("purpose"), QStringLiteral("KDCs") },
            { QStringLiteral("count"), 1 }, { QStringLiteral("targets"), QStringLiteral("dc1.lab.test:88") },
            { QStringLiteral("target"), QStringLiteral("dc1.lab.test") }, { QStringLiteral("host"), QStringLiteral("h") },
            { QStringLiteral("port"), 88 }, { QStringLiteral("service"), QStringLiteral("Kerberos") },
            { QStringLiteral("ms"), 3 }, { QStringLiteral("state"), QStringLiteral("refused") },
            { QStringLiteral("reason"), QStringLiteral("bad") } };
        const Finding f = c.make(id, QStringLiteral("subject"), args, {}, { { QStringLiteral("spn"), QStringLiteral("HTTP/x") } });
        for (const QString &text : { f.title, f.explanation, f.fix ? f.fix->text : QString() })
            QVERIFY2(!text.contains(QRegularExpression(QStringLiteral("\\{[a-zA-Z]+\\}"))), qPrintable(id + QStringLiteral(": ") + text));
        if (id.startsWith(QLatin1String("dns.")))
            QCOMPARE(f.step, QStringLiteral("dns"));
        if (id.startsWith(QLatin1String("ports.")))
            QCOMPARE(f.step, QStringLiteral("network"));
    }

    void cnameFindingProposesTheSpnOfTheCanonicalName()
    {
        const Finding f = FindingCatalog::builtin().make(QStringLiteral("dns.cname"), QStringLiteral("app.lab.test"),
            { { QStringLiteral("name"), QStringLiteral("app.lab.test") },
                { QStringLiteral("canonical"), QStringLiteral("web01.lab.test") },
                { QStringLiteral("chain"), QStringLiteral("app.lab.test → web01.lab.test") } },
            {}, { { QStringLiteral("spn"), QStringLiteral("HTTP/web01.lab.test") } });
        QVERIFY(f.title.contains(QLatin1String("HTTP/web01.lab.test")));
        QVERIFY(f.fix);
        QCOMPARE(f.fix->kind, FindingFix::Kind::Spn);
        QCOMPARE(f.fix->id, QStringLiteral("spn-add"));
        QCOMPARE(f.fix->inputs.value(QStringLiteral("spn")).toString(), QStringLiteral("HTTP/web01.lab.test"));
    }
};

QTEST_GUILESS_MAIN(TestDnsPortsChecks)
#include "tst_dns_ports_checks.moc"
