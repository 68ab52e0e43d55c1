#include "core/directory/Spn.h"
#include "core/directory/SpnDirectory.h"

#include <QTest>

using ssod::core::directory::Spn;

// SPN syntax as setspn and the directory accept it (FACTS.md §6.1), the messages for what they
// refuse, setspn -Q wildcards, and LDAP filter escaping of a pattern.
class TestSpn final : public QObject {
    Q_OBJECT

private slots:
    void parsesEveryForm_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("cls");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("service");
        QTest::addColumn<QString>("shortHost");
        QTest::newRow("http fqdn") << "HTTP/web01.contoso.com"
                                   << "HTTP"
                                   << "web01.contoso.com" << 0 << ""
                                   << "web01";
        QTest::newRow("netbios") << "HOST/WEB01"
                                 << "HOST"
                                 << "WEB01" << 0 << ""
                                 << "WEB01";
        QTest::newRow("port") << "MSSQLSvc/sql01.contoso.com:1433"
                              << "MSSQLSvc"
                              << "sql01.contoso.com" << 1433 << ""
                              << "sql01";
        QTest::newRow("service name") << "ldap/dc01.contoso.com/contoso.com"
                                      << "ldap"
                                      << "dc01.contoso.com" << 0 << "contoso.com"
                                      << "dc01";
        QTest::newRow("port and service name") << "ldap/dc01.contoso.com:389/contoso.com"
                                               << "ldap"
                                               << "dc01.contoso.com" << 389 << "contoso.com"
                                               << "dc01";
        QTest::newRow("custom class") << "ExpertConfigurationSvc/app01.contoso.com:8443"
                                      << "ExpertConfigurationSvc"
                                      << "app01.contoso.com" << 8443 << ""
                                      << "app01";
        QTest::newRow("ipv4") << "HTTP/10.0.0.5"
                              << "HTTP"
                              << "10.0.0.5" << 0 << ""
                              << "10.0.0.5";
        QTest::newRow("ipv6 with port") << "HTTP/[fe80::1]:8080"
                                        << "HTTP"
                                        << "[fe80::1]" << 8080 << ""
                                        << "[fe80::1]";
        QTest::newRow("surrounding blanks") << "  HTTP/web  "
                                            << "HTTP"
                                            << "web" << 0 << ""
                                            << "web";
    }

    void parsesEveryForm()
    {
        QFETCH(QString, text);
        QFETCH(QString, cls);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, service);
        QFETCH(QString, shortHost);
        const auto spn = Spn::parse(text);
        QVERIFY2(spn.ok(), spn ? "" : qPrintable(spn.error().message));
        QCOMPARE(spn->serviceClass(), cls);
        QCOMPARE(spn->host(), host);
        QCOMPARE(spn->port().value_or(0), quint16(port));
        QCOMPARE(spn->serviceName(), service);
        QCOMPARE(spn->shortHost(), shortHost);
        QCOMPARE(spn->toString(), text.trimmed());
        QCOMPARE(spn->hostIsAddress(), host.at(0).isDigit() || host.startsWith(QLatin1Char('[')));
    }

    void refusesWithAMessageSayingWhat_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("says");
        QTest::newRow("no host") << "HTTP/"
                                 << "no host after the /";
        QTest::newRow("no class") << "/web01"
                                  << "no service class before the /";
        QTest::newRow("space") << "TERMSRV/rds host"
                               << "contains a space after \"TERMSRV/rds\"";
        QTest::newRow("no slash") << "web01.contoso.com"
                                  << "has no / between";
        QTest::newRow("empty") << ""
                               << "the SPN is empty";
        QTest::newRow("port zero") << "HTTP/web:0"
                                   << "port \"0\" is not a number from 1 to 65535";
        QTest::newRow("port too big") << "HTTP/web:70000"
                                      << "port \"70000\"";
        QTest::newRow("port words") << "HTTP/web:http"
                                    << "port \"http\"";
        QTest::newRow("empty port") << "HTTP/web:"
                                    << "port \"\"";
        QTest::newRow("double slash") << "HTTP//web"
                                      << "no host after the /";
        QTest::newRow("trailing slash") << "HTTP/web/"
                                        << "ends with a /";
        QTest::newRow("four parts") << "HTTP/web/a/b"
                                    << "more than three parts";
        QTest::newRow("backslash") << "HTTP\\web"
                                   << "character '\\'";
        QTest::newRow("colon in class") << "HT:TP/web"
                                        << "cannot hold a ':'";
    }

    void refusesWithAMessageSayingWhat()
    {
        QFETCH(QString, text);
        QFETCH(QString, says);
        const auto spn = Spn::parse(text);
        QVERIFY2(!spn, qPrintable(text));
        QVERIFY2(spn.error().message.contains(says), qPrintable(spn.error().message));
    }

    void comparesCaseInsensitively()
    {
        QVERIFY(Spn::parse(QStringLiteral("http/WEB01.contoso.COM"))
                    ->sameAs(*Spn::parse(QStringLiteral("HTTP/web01.contoso.com"))));
        QVERIFY(
            !Spn::parse(QStringLiteral("HTTP/web01:80"))->sameAs(*Spn::parse(QStringLiteral("HTTP/web01"))));
    }

    void wildcardsAsSetspnQ_data()
    {
        QTest::addColumn<QString>("spn");
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<bool>("match");
        QTest::newRow("exact") << "HTTP/web01"
                               << "http/WEB01" << true;
        QTest::newRow("prefix") << "HTTP/web01.contoso.com"
                                << "HTTP/web01*" << true;
        QTest::newRow("prefix miss") << "HTTP/web02.contoso.com"
                                     << "HTTP/web01*" << false;
        QTest::newRow("any class") << "TERMSRV/rdsh01"
                                   << "*/rdsh01" << true;
        QTest::newRow("middle") << "MSSQLSvc/sql01.contoso.com:1433"
                                << "MSSQLSvc/*:1433" << true;
        QTest::newRow("middle miss") << "MSSQLSvc/sql01.contoso.com:1434"
                                     << "MSSQLSvc/*:1433" << false;
        QTest::newRow("backtracking") << "HTTP/a.b.a.c"
                                      << "HTTP/*a.c" << true;
        QTest::newRow("star only") << "anything/at all"
                                   << "*" << true;
        QTest::newRow("no star, longer") << "HTTP/web01x"
                                         << "HTTP/web01" << false;
    }

    void wildcardsAsSetspnQ()
    {
        QFETCH(QString, spn);
        QFETCH(QString, pattern);
        QFETCH(bool, match);
        QCOMPARE(Spn::matches(spn, pattern), match);
    }

    void ldapFilterEscapesAllButTheStar()
    {
        QCOMPARE(Spn::ldapFilterValue(QStringLiteral("HTTP/web(1)*\\x")),
            QStringLiteral("HTTP/web\\281\\29*\\5cx"));
    }

    void accountSearchFilterEscapesAndKeepsTheUsersStar()
    {
        using ssod::core::directory::accountSearchFilter;
        QCOMPARE(accountSearchFilter(QString()), QStringLiteral("(objectClass=user)"));
        QCOMPARE(accountSearchFilter(QStringLiteral(" * ")), QStringLiteral("(objectClass=user)"));
        // No star: a substring of any of the three names.
        QCOMPARE(accountSearchFilter(QStringLiteral("svc")),
            QStringLiteral("(&(objectClass=user)(|(sAMAccountName=*svc*)(cn=*svc*)(displayName=*svc*)))"));
        // The user's stars are wildcards; every other special character is escaped (RFC 4515).
        QCOMPARE(accountSearchFilter(QStringLiteral("web(1)*\\")),
            QStringLiteral("(&(objectClass=user)(|(sAMAccountName=web\\281\\29*\\5c)(cn=web\\281\\29*\\5c)"
                           "(displayName=web\\281\\29*\\5c)))"));
    }
};

QTEST_GUILESS_MAIN(TestSpn)
#include "tst_spn.moc"
