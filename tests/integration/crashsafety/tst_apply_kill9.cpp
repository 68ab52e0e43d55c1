// SIGKILL during `ssodoctor-cli apply`, at random points, on every file store kind. Afterwards
// the target must be byte-identical to the old or the new version, the backup absent or complete
// (it parses and an undo with it restores the old version exactly), and the target never new
// while the backup is absent.
//
// Kill points: each round waits a random number of microseconds before the kill, half of them
// spread over the whole apply (start-up, reading, planning) and half over its last part, where
// the backup, the new file and the rename happen. The counts per outcome are printed; the bench
// script bench/kill9.sh runs 1,000 rounds (SSOD_KILL9_ROUNDS per kind).
#include "core/registry/RegFileCodec.h"
#include "tests/integration/crashsafety/TargetFixture.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <csignal>
#include <ctime>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

using namespace ssod::core::registry;
using namespace ssod::testtools;

namespace {

/// Starts the CLI with \a args (output discarded), waits \a delayUs, kills it with SIGKILL.
/// Returns true when it had already finished (exit 0) before the kill.
bool runAndKill(const QStringList &args, qint64 delayUs, bool *startFailed)
{
    const QByteArray cli = QFile::encodeName(qEnvironmentVariable("SSOD_CLI"));
    QList<QByteArray> storage { cli };
    for (const QString &a : args)
        storage << a.toUtf8();
    std::vector<char *> argv;
    for (QByteArray &s : storage)
        argv.push_back(s.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, cli.constData(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        *startFailed = true;
        return false;
    }
    const struct timespec wait {
        time_t(delayUs / 1000000), long(delayUs % 1000000) * 1000
    };
    clock_nanosleep(CLOCK_MONOTONIC, 0, &wait, nullptr);
    ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) { }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int roundsPerKind()
{
    bool ok = false;
    const int n = qEnvironmentVariableIntValue("SSOD_KILL9_ROUNDS", &ok);
    return ok && n > 0 ? n : 60;
}

} // namespace

class TestApplyKill9 final : public QObject {
    Q_OBJECT

    int m_total = 0;

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("SSOD_CLI")), "SSOD_CLI must name ssodoctor-cli");
    }

    void killDuringApply_data()
    {
        QTest::addColumn<int>("index");
        const auto kinds = allTargetKinds();
        for (int i = 0; i < kinds.size(); ++i)
            QTest::newRow(qPrintable(kinds[i].name)) << i;
    }

    void killDuringApply()
    {
        QFETCH(int, index);
        const TargetKind kind = allTargetKinds().at(index);
        const bool hive = kind.name == QLatin1String("hive");
        QTemporaryDir work;
        QDir(work.path()).mkpath(QStringLiteral("t"));
        QDir(work.path()).mkpath(QStringLiteral("ref"));
        const QString target = work.filePath(QStringLiteral("t/") + kind.fileName);
        const QString backup = work.filePath(QStringLiteral("backup.reg"));
        // A larger file makes reading, writing and fsync a bigger share of the run (not for the
        // hive: hivex rewrites a key's whole value list per value, so filling one is slow).
        QString err = makeTarget(kind, target, hive ? 0 : 300);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        const QByteArray oldBytes = fileBytes(target);
        const QString oldContent = hive ? hiveContent(target) : QString();
        const QStringList applyArgs { QStringLiteral("apply"), kind.change, QStringLiteral("--to"), target,
            QStringLiteral("--backup"), backup };

        // The new version and how long a whole apply takes, from uninterrupted runs on a copy.
        const QString ref = work.filePath(QStringLiteral("ref/") + kind.fileName);
        qint64 fullUs = std::numeric_limits<qint64>::max();
        QByteArray newBytes;
        for (int i = 0; i < 3; ++i) {
            QFile::remove(ref);
            QFile::remove(ref + QStringLiteral(".bak"));
            QVERIFY(writeBytes(ref, oldBytes));
            QElapsedTimer t;
            t.start();
            const ToolRun r = runCli({ QStringLiteral("apply"), kind.change, QStringLiteral("--to"), ref,
                QStringLiteral("--backup"), ref + QStringLiteral(".bak") });
            fullUs = std::min(fullUs, t.nsecsElapsed() / 1000);
            QVERIFY2(r.ok, qPrintable(r.err));
            newBytes = fileBytes(ref);
        }
        QVERIFY(newBytes != oldBytes);

        QMap<QString, int> outcomes;
        int leftTemporaries = 0;
        int leftLocks = 0;
        int undone = 0;
        const int rounds = roundsPerKind();
        auto *rng = QRandomGenerator::global();
        double estimateUs = double(fullUs);
        for (int round = 0; round < rounds; ++round) {
            // Start each round from the old version and a clean folder.
            QFile::remove(backup);
            for (const QString &e : folderEntries(work.filePath(QStringLiteral("t"))))
                if (e != kind.fileName)
                    QFile::remove(work.filePath(QStringLiteral("t/") + e));
            QVERIFY(writeBytes(target, oldBytes));

            // The machine's load changes how long an apply takes: follow it. A run that finished
            // before its kill shows the estimate is too long; a late kill that still found the
            // old file and no backup shows it is too short.
            const bool late = rng->bounded(2) == 1;
            const qint64 delayUs
                = late ? qint64(estimateUs * (0.55 + rng->bounded(0.45))) : qint64(rng->bounded(estimateUs));
            bool startFailed = false;
            const bool finished = runAndKill(applyArgs, delayUs, &startFailed);
            QVERIFY(!startFailed);
            if (finished)
                estimateUs = std::max(1000.0, std::min(estimateUs, double(delayUs)) * 0.95);
            else if (late && !QFile::exists(backup) && fileBytes(target) == oldBytes)
                estimateUs *= 1.05;

            // Counted before an undo runs: its lock would clean the temporaries up.
            for (const QString &e : folderEntries(work.filePath(QStringLiteral("t")))) {
                if (e.contains(QLatin1String(".ssod-tmp-")))
                    ++leftTemporaries;
                else if (e.endsWith(QLatin1String(".ssod-lock")))
                    ++leftLocks;
            }
            const QByteArray now = fileBytes(target);
            QString targetState;
            if (now == oldBytes)
                targetState = QStringLiteral("old");
            else if (now == newBytes) // hivex writes the same bytes for the same edit (no timestamps)
                targetState = QStringLiteral("new");
            else
                QFAIL(qPrintable(QStringLiteral(
                    "round %1 (kill after %2 us): the target is neither the old nor the new version")
                                     .arg(round)
                                     .arg(delayUs)));

            QString backupState = QStringLiteral("absent");
            if (QFile::exists(backup)) {
                auto parsed = parseRegFile(fileBytes(backup), QStringLiteral("backup.reg"));
                QVERIFY2(
                    parsed, qPrintable(QStringLiteral("round %1: a partial backup was left").arg(round)));
                backupState = QStringLiteral("complete");
                const ToolRun u = runCli({ QStringLiteral("undo"), QStringLiteral("--backup"), backup,
                    QStringLiteral("--to"), target });
                QVERIFY2(u.ok, qPrintable(QStringLiteral("round %1: undo failed: %2").arg(round).arg(u.err)));
                if (hive)
                    QCOMPARE(hiveContent(target), oldContent);
                else
                    QVERIFY2(fileBytes(target) == oldBytes,
                        qPrintable(
                            QStringLiteral("round %1: undo did not restore the old bytes").arg(round)));
                ++undone;
            }
            QVERIFY2(!(targetState == QLatin1String("new") && backupState == QLatin1String("absent")),
                "the target was changed without a backup");
            ++outcomes[QStringLiteral("%1target=%2 backup=%3")
                           .arg(finished ? QStringLiteral("finished: ") : QStringLiteral("killed: "),
                               targetState, backupState)];
        }
        m_total += rounds;
        qInfo().noquote() << QStringLiteral("KILL9 %1: %2 kills, full apply %3 us (estimate at the end %7 "
                                            "us), undo runs %4, temporaries left %5, lock files left %6")
                                 .arg(kind.name)
                                 .arg(rounds)
                                 .arg(fullUs)
                                 .arg(undone)
                                 .arg(leftTemporaries)
                                 .arg(leftLocks)
                                 .arg(qint64(estimateUs));
        for (auto it = outcomes.cbegin(); it != outcomes.cend(); ++it)
            qInfo().noquote()
                << QStringLiteral("KILL9 %1:   %2  %3").arg(kind.name, it.key()).arg(it.value());
    }

    void cleanupTestCase() { qInfo().noquote() << QStringLiteral("KILL9 total kills: %1").arg(m_total); }
};

QTEST_GUILESS_MAIN(TestApplyKill9)
#include "tst_apply_kill9.moc"
