// The probe framework without a network: the finding catalog (data), scenario planning (targets →
// requests), and ProbeRunner's deadlines, cancel and giving up on a probe that blocks. The probes
// here are made for the test: a probe stuck in a library call past its deadline cannot be made to
// happen on demand with a real server (the integration tests cover the real probes' timeouts).

#include "core/probe/FindingCatalog.h"
#include "core/probe/ProbeRunner.h"
#include "core/probe/Scenario.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <thread>

using namespace ssod::core;
using namespace ssod::core::probe;

namespace {

/// Sleeps in slices for options["ms"], honouring the context unless options["stubborn"].
class SleepProbe final : public Probe {
public:
    QString id() const override { return QStringLiteral("sleep"); }
    QString description() const override { return QStringLiteral("test"); }
    ProbeReport run(const ProbeRequest &request, const ProbeContext &context) const override
    {
        ProbeReport r;
        QElapsedTimer t;
        t.start();
        const int ms = request.options.value(QStringLiteral("ms")).toInt();
        const bool stubborn = request.options.value(QStringLiteral("stubborn")).toBool();
        while (t.elapsed() < ms) {
            if (!stubborn && context.stopped()) {
                r.outcome = context.cancelled() ? Outcome::Cancelled : Outcome::TimedOut;
                return r;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        r.findings << FindingCatalog::builtin().make(QStringLiteral("probe.bad-target"), request.target,
            { { QStringLiteral("target"), request.target }, { QStringLiteral("reason"), QStringLiteral("slept") } });
        return r;
    }
};

const SleepProbe g_sleep;

const Probe *lookup(const QString &id)
{
    return id == QLatin1String("sleep") ? &g_sleep : nullptr;
}

ProbeRequest sleep(const QString &target, int ms, int timeoutMs, bool stubborn = false)
{
    return ProbeRequest { QStringLiteral("sleep"), target,
        { { QStringLiteral("ms"), ms }, { QStringLiteral("stubborn"), stubborn } }, timeoutMs };
}

} // namespace

class TestProbeFramework final : public QObject {
    Q_OBJECT

private slots:
    void catalogFillsPlaceholders()
    {
        const Finding f = FindingCatalog::builtin().make(QStringLiteral("probe.no-answer"), QStringLiteral("h"),
            { { QStringLiteral("probe"), QStringLiteral("ports") }, { QStringLiteral("target"), QStringLiteral("h") },
                { QStringLiteral("seconds"), 3 } });
        QCOMPARE(f.severity, Severity::Warning);
        QCOMPARE(f.title, QStringLiteral("The ports check of h got no answer within 3 s"));
        QVERIFY(!f.explanation.contains(QLatin1Char('{')));
        const Finding unknown = FindingCatalog::builtin().make(QStringLiteral("no.such"), QStringLiteral("x"));
        QCOMPARE(unknown.severity, Severity::Error);
        QVERIFY(unknown.title.contains(QLatin1String("no.such")));
    }

    void catalogChoosesPluralWords()
    {
        const auto fill = [](int n) {
            return FindingCatalog::fill(QStringLiteral("{record} lists {count} {count:server|servers}."),
                { { QStringLiteral("record"), QStringLiteral("_ldap") }, { QStringLiteral("count"), n } });
        };
        QCOMPARE(fill(1), QStringLiteral("_ldap lists 1 server."));
        QCOMPARE(fill(2), QStringLiteral("_ldap lists 2 servers."));
        QCOMPARE(fill(0), QStringLiteral("_ldap lists 0 servers."));
        // No number to go by: the placeholder stays, visibly, rather than guessing.
        QCOMPARE(FindingCatalog::fill(QStringLiteral("{n:a|b} {x}"), { { QStringLiteral("x"), 1 } }), QStringLiteral("{n:a|b} 1"));
        const Finding f = FindingCatalog::builtin().make(QStringLiteral("dns.srv-found"), QStringLiteral("_kerberos._tcp.lab.test"),
            { { QStringLiteral("record"), QStringLiteral("_kerberos._tcp.lab.test") }, { QStringLiteral("count"), qsizetype(1) },
                { QStringLiteral("targets"), QStringLiteral("dc1.lab.test:88") } });
        QCOMPARE(f.title, QStringLiteral("_kerberos._tcp.lab.test lists 1 server: dc1.lab.test:88"));
    }

    void everyBuiltinFindingIsComplete()
    {
        const FindingCatalog &c = FindingCatalog::builtin();
        QVERIFY(c.ids().size() >= 2);
        for (const QString &id : c.ids()) {
            const auto *e = c.entry(id);
            QVERIFY2(id.contains(QLatin1Char('.')), qPrintable(id));
            QVERIFY2(!e->title.isEmpty() && !e->explanation.isEmpty(), qPrintable(id));
            // Plurals are words chosen by the number ({count:URL|URLs}), not "URL(s)".
            QVERIFY2(!e->title.contains(QLatin1String("(s)")) && !e->explanation.contains(QLatin1String("(s)")), qPrintable(id));
            if (e->fix)
                QVERIFY2(!e->fix->text.isEmpty() && !e->fix->id.isEmpty(), qPrintable(id));
        }
    }

    void catalogRejectsBadData_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("not json") << QByteArray("{") << QStringLiteral("not valid JSON");
        QTest::newRow("no list") << QByteArray("{}") << QStringLiteral("no \"findings\"");
        QTest::newRow("severity") << QByteArray(R"({"findings":[{"id":"a.b","severity":"bad","title":"t","explanation":"e"}]})")
                                  << QStringLiteral("severity");
        QTest::newRow("twice") << QByteArray(R"({"findings":[{"id":"a.b","severity":"ok","title":"t","explanation":"e"},
            {"id":"a.b","severity":"ok","title":"t","explanation":"e"}]})") << QStringLiteral("twice");
        QTest::newRow("step") << QByteArray(R"({"findings":[{"id":"a.b","severity":"ok","step":"moon","title":"t","explanation":"e"}]})")
                              << QStringLiteral("step");
        QTest::newRow("fix") << QByteArray(R"({"findings":[{"id":"a.b","severity":"ok","title":"t","explanation":"e","fix":{"kind":"x"}}]})")
                             << QStringLiteral("fix");
    }

    void catalogRejectsBadData()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const auto c = FindingCatalog::parse(json, QStringLiteral("t.json"));
        QVERIFY(!c);
        QVERIFY2(c.error().toString().contains(message), qPrintable(c.error().toString()));
        QVERIFY(c.error().toString().startsWith(QLatin1String("t.json")));
    }

    void builtinScenariosLoad()
    {
        const auto &all = builtinScenarios();
        QVERIFY2(all, qPrintable(all ? QString() : all.error().toString()));
        QStringList ids;
        for (const Scenario &s : *all)
            ids << s.id;
        for (const char *id : { "rds-farm", "web", "winrm", "web-farm", "session-connector" })
            QVERIFY2(ids.contains(QLatin1String(id)), id);
    }

    void targetVariablesFromUrlAndHost()
    {
        Scenario s;
        s.defaultPort = 3389;
        auto v = targetVariables(QStringLiteral("https://web.lab.test:8443/app"), s, {});
        QVERIFY(v);
        QCOMPARE(v->value(QStringLiteral("host")).toString(), QStringLiteral("web.lab.test"));
        QCOMPARE(v->value(QStringLiteral("port")).toString(), QStringLiteral("8443"));
        QCOMPARE(v->value(QStringLiteral("scheme")).toString(), QStringLiteral("https"));
        QCOMPARE(v->value(QStringLiteral("domain")).toString(), QStringLiteral("lab.test"));
        QCOMPARE(v->value(QStringLiteral("realm")).toString(), QStringLiteral("LAB.TEST"));
        QCOMPARE(v->value(QStringLiteral("dc")).toString(), QStringLiteral("lab.test"));
        v = targetVariables(QStringLiteral("rdsh01:3390"), s, { { QStringLiteral("dc"), QStringLiteral("10.77.0.2") } });
        QVERIFY(v);
        QCOMPARE(v->value(QStringLiteral("host")).toString(), QStringLiteral("rdsh01"));
        QCOMPARE(v->value(QStringLiteral("port")).toString(), QStringLiteral("3390"));
        QCOMPARE(v->value(QStringLiteral("dc")).toString(), QStringLiteral("10.77.0.2"));
        QVERIFY(!v->contains(QStringLiteral("domain")));
        v = targetVariables(QStringLiteral("rdsh01.lab.test"), s, {});
        QCOMPARE(v->value(QStringLiteral("port")).toString(), QStringLiteral("3389"));
        v = targetVariables(QStringLiteral("[fd00::5]:3389"), s, {});
        QVERIFY(v);
        QCOMPARE(v->value(QStringLiteral("host")).toString(), QStringLiteral("fd00::5"));
        QVERIFY(!targetVariables(QStringLiteral("host:99999"), s, {}));
        QVERIFY(!targetVariables(QStringLiteral("http://"), s, {}));
        QVERIFY(!targetVariables(QStringLiteral("bad host!"), s, {}));
    }

    void planRunsDomainStepsOnceAndSkipsUnknowns()
    {
        const auto scenarios = parseScenarios(R"({"scenarios":[{"id":"t","title":"T","defaultPort":80,"steps":[
            {"probe":"dns","target":"{host}"},
            {"probe":"ports","target":"{host}","options":{"ports":["{port}"]}},
            {"probe":"clock","per":"run","target":"{dc}"},
            {"probe":"tls","when":"https","target":"{host}:{port}"},
            {"probe":"kerberos","target":"{host}","options":{"account":"{account}"}}]}]})",
            QStringLiteral("t.json"));
        QVERIFY(scenarios);
        const auto plan = planScenario(scenarios->first(),
            { QStringLiteral("https://a.lab.test/"), QStringLiteral("b.lab.test"), QStringLiteral("a.lab.test:443") },
            {}, 1234);
        QVERIFY(plan);
        QStringList got;
        for (const ProbeRequest &r : plan->requests) {
            got << r.probe + QLatin1Char(' ') + r.target;
            QCOMPARE(r.timeoutMs, 1234);
        }
        // a.lab.test given twice (URL and host:443) is probed once; the clock once for the run.
        QCOMPARE(got, (QStringList { QStringLiteral("dns a.lab.test"), QStringLiteral("dns b.lab.test"),
                          QStringLiteral("ports a.lab.test"), QStringLiteral("ports b.lab.test"),
                          QStringLiteral("clock lab.test"), QStringLiteral("tls a.lab.test:443") }));
        QCOMPARE(plan->requests.at(2).options.value(QStringLiteral("ports")).toList().first().toString(),
            QStringLiteral("443"));
        // No --account: the kerberos steps are left out and say why.
        QCOMPARE(plan->skipped.size(), 2);
        QCOMPARE(plan->skipped.first().missing, QStringLiteral("account"));
        QVERIFY(!planScenario(scenarios->first(), {}, {}, 1000));
    }

    void sharedOptionsReachOnlyTheirProbes()
    {
        const auto scenarios = parseScenarios(R"({"shared":{"caFile":["tls","http"],"server":["dns"]},
            "scenarios":[{"id":"t","title":"T","defaultPort":443,"steps":[
            {"probe":"dns","target":"{host}"},
            {"probe":"ports","target":"{host}","options":{"ports":["{port}"]}},
            {"probe":"tls","target":"{host}:{port}"},
            {"probe":"http","target":"{url}","options":{"caFile":"/step/own.pem"}}]}]})",
            QStringLiteral("t.json"), { QStringLiteral("dns"), QStringLiteral("ports"), QStringLiteral("tls"),
                                          QStringLiteral("http") });
        QVERIFY2(scenarios, qPrintable(scenarios ? QString() : scenarios.error().toString()));
        const auto plan = planScenario(scenarios->first(), { QStringLiteral("a.lab.test") },
            { { QStringLiteral("caFile"), QStringLiteral("/tmp/ca.pem") }, { QStringLiteral("server"), QString() } },
            1000);
        QVERIFY(plan);
        QCOMPARE(plan->requests.size(), 4);
        QVERIFY(!plan->requests.at(0).options.contains(QStringLiteral("caFile")));
        QVERIFY(!plan->requests.at(0).options.contains(QStringLiteral("server"))); // empty: not passed
        QVERIFY(!plan->requests.at(1).options.contains(QStringLiteral("caFile")));
        QCOMPARE(plan->requests.at(2).options.value(QStringLiteral("caFile")).toString(), QStringLiteral("/tmp/ca.pem"));
        // A step's own value wins.
        QCOMPARE(plan->requests.at(3).options.value(QStringLiteral("caFile")).toString(), QStringLiteral("/step/own.pem"));
        // A shared option naming a probe that does not exist is a data error.
        QVERIFY(!parseScenarios(R"({"shared":{"caFile":["moon"]},"scenarios":[{"id":"t","title":"T",
            "steps":[{"probe":"dns","target":"{host}"}]}]})",
            QStringLiteral("t.json"), { QStringLiteral("dns") }));
    }

    void scenarioParseErrorsNameTheProblem()
    {
        auto r = parseScenarios(R"({"scenarios":[{"id":"x","title":"X","steps":[{"probe":"nope","target":"{host}"}]}]})",
            QStringLiteral("s.json"), { QStringLiteral("dns") });
        QVERIFY(!r);
        QVERIFY(r.error().toString().contains(QLatin1String("unknown probe \"nope\"")));
        r = parseScenarios(R"({"scenarios":[{"id":"x","title":"X","steps":[{"probe":"dns","target":"h","per":"moon"}]}]})",
            QStringLiteral("s.json"));
        QVERIFY(!r);
        QVERIFY(r.error().toString().contains(QLatin1String("per")));
    }

    void runnerRunsConcurrently()
    {
        ProbeRunner runner(nullptr, &lookup);
        QSignalSpy reports(&runner, &ProbeRunner::reportReady);
        QSignalSpy finished(&runner, &ProbeRunner::finished);
        QList<ProbeRequest> requests;
        for (int i = 0; i < 20; ++i)
            requests << sleep(QStringLiteral("t%1").arg(i), 300, 5000);
        QElapsedTimer t;
        t.start();
        runner.start(requests);
        QVERIFY(finished.wait(5000));
        // Twenty 300 ms probes at once take about 300 ms, not 6 s.
        QVERIFY2(t.elapsed() < 2500, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(reports.size(), 20);
        QCOMPARE(runner.done(), 20);
        for (const ProbeReport &r : runner.reports()) {
            QCOMPARE(r.outcome, Outcome::Completed);
            QCOMPARE(r.findings.size(), 1);
            QVERIFY(r.ms >= 300);
        }
    }

    void runnerGivesUpOnAProbeThatBlocks()
    {
        ProbeRunner runner(nullptr, &lookup);
        QSignalSpy finished(&runner, &ProbeRunner::finished);
        QElapsedTimer t;
        t.start();
        runner.start({ sleep(QStringLiteral("quick"), 10, 2000), sleep(QStringLiteral("stuck"), 2500, 300, true) });
        QVERIFY(finished.wait(3000));
        const qint64 took = t.elapsed();
        // Given up at its timeout plus the grace, long before the 2.5 s it keeps running.
        QVERIFY2(took >= 300 && took < 300 + ProbeRunner::kGraceMs + 400, qPrintable(QString::number(took)));
        QCOMPARE(runner.reports().size(), 2);
        const ProbeReport &stuck = runner.reports().at(1);
        QCOMPARE(stuck.target, QStringLiteral("stuck"));
        QCOMPARE(stuck.outcome, Outcome::TimedOut);
        QCOMPARE(stuck.findings.size(), 1);
        QCOMPARE(stuck.findings.first().id, QStringLiteral("probe.no-answer"));
        QVERIFY(ProbeRunner::liveThreads() >= 1);
        // Its late report is dropped, and the thread ends on its own.
        QTRY_COMPARE_WITH_TIMEOUT(ProbeRunner::liveThreads(), 0, 4000);
        QCOMPARE(runner.reports().size(), 2);
    }

    void overallDeadlineBoundsTheRun()
    {
        ProbeRunner runner(nullptr, &lookup);
        QSignalSpy finished(&runner, &ProbeRunner::finished);
        QElapsedTimer t;
        t.start();
        runner.start({ sleep(QStringLiteral("a"), 3000, 5000), sleep(QStringLiteral("b"), 10, 5000) }, 400);
        QVERIFY(finished.wait(3000));
        QVERIFY2(t.elapsed() < 1200, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(runner.reports().at(0).target, QStringLiteral("b"));
        QCOMPARE(runner.reports().at(1).outcome, Outcome::TimedOut);
        QTRY_COMPARE_WITH_TIMEOUT(ProbeRunner::liveThreads(), 0, 4000);
    }

    void cancelEndsEverythingAtOnce()
    {
        ProbeRunner runner(nullptr, &lookup);
        QSignalSpy finished(&runner, &ProbeRunner::finished);
        QList<ProbeRequest> requests;
        for (int i = 0; i < 5; ++i)
            requests << sleep(QStringLiteral("t%1").arg(i), 5000, 10000);
        runner.start(requests);
        QTest::qWait(100);
        QElapsedTimer t;
        t.start();
        runner.cancel();
        QCOMPARE(finished.size(), 1);
        QVERIFY(t.elapsed() < 100);
        QVERIFY(!runner.isRunning());
        for (const ProbeReport &r : runner.reports())
            QCOMPARE(r.outcome, Outcome::Cancelled);
        // The threads see the cancel within their next slice.
        QTRY_COMPARE_WITH_TIMEOUT(ProbeRunner::liveThreads(), 0, 1000);
    }

    void runnerDestroyedWhileProbesRun()
    {
        {
            ProbeRunner runner(nullptr, &lookup);
            runner.start({ sleep(QStringLiteral("x"), 300, 1000, true) });
        }
        // The thread posts into a mailbox nobody reads any more; nothing crashes.
        QTRY_COMPARE_WITH_TIMEOUT(ProbeRunner::liveThreads(), 0, 2000);
        QCoreApplication::processEvents();
    }

    void unknownProbeFails()
    {
        ProbeRunner runner(nullptr, &lookup);
        QSignalSpy finished(&runner, &ProbeRunner::finished);
        runner.start({ ProbeRequest { QStringLiteral("nope"), QStringLiteral("x"), {}, 1000 } });
        QVERIFY(finished.wait(2000));
        QCOMPARE(runner.reports().first().outcome, Outcome::Failed);
        QVERIFY(runner.reports().first().error.contains(QLatin1String("nope")));
    }
};

QTEST_GUILESS_MAIN(TestProbeFramework)
#include "tst_probeframework.moc"
