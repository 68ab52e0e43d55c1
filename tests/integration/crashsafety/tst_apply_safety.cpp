// apply and undo never lose data and never claim a write that did not happen, with the real CLI
// on real file systems: a full tmpfs (target and backup), a read-only tmpfs, a read-only target
// (also for root, who ignores permission bits), a target changed between reading and committing,
// another process holding the target, two applies at once; mode and owner survive apply and undo.
//
// The tmpfs cases mount in a private mount namespace of this test process (the CLI it starts
// inherits it), so nothing is mounted on the host and nothing stays mounted if the test dies;
// they need root and are skipped, saying so, without it.
#include "core/registry/Applier.h"
#include "core/registry/Planner.h"
#include "core/registry/StoreFactory.h"
#include "core/registry/TargetLock.h"
#include "tests/integration/crashsafety/TargetFixture.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace ssod::core;
using namespace ssod::core::registry;
using namespace ssod::testtools;

namespace {

struct Meta {
    mode_t mode = 0;
    uid_t uid = 0;
    gid_t gid = 0;
};

Meta metaOf(const QString &path)
{
    struct stat st { };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return {};
    return { mode_t(st.st_mode & 07777), st.st_uid, st.st_gid };
}

QString describe(const ToolRun &r)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(r.exitCode).arg(r.out, r.err);
}

/// Fills the file system holding \a dir until a write fails for lack of space.
bool fillUp(const QString &dir)
{
    const int fd
        = ::open(QFile::encodeName(dir + QStringLiteral("/filler")).constData(), O_WRONLY | O_CREAT, 0644);
    if (fd < 0)
        return false;
    const QByteArray chunk(4096, 'x');
    while (::write(fd, chunk.constData(), size_t(chunk.size())) > 0) { }
    const bool full = errno == ENOSPC;
    ::close(fd);
    // A last byte may still fit in a partly used page: take it too.
    return full;
}

/// The value the change of \a kind sets, as a planner edit (for the core-level tests).
Edit changeEdit(const TargetKind &kind)
{
    Edit e;
    e.op = Edit::Op::Set;
    if (kind.name == QLatin1String("json")) {
        e.key = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Chromium");
        e.name = QStringLiteral("AuthNegotiateDelegateAllowlist");
        e.value = RegValue::fromString(QStringLiteral("portal.contoso.com"));
    } else {
        e.key = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\SsoDoctorTest\\New");
        e.name = QStringLiteral("Added");
        e.value = RegValue::fromDword(1);
    }
    e.settingId = QStringLiteral("test");
    return e;
}

void addKindRows()
{
    QTest::addColumn<int>("index");
    const auto kinds = allTargetKinds();
    for (int i = 0; i < kinds.size(); ++i)
        QTest::newRow(qPrintable(kinds[i].name)) << i;
}

} // namespace

class TestApplySafety final : public QObject {
    Q_OBJECT

    bool m_canMount = false;
    QString m_noMount;

    /// A fresh tmpfs of \a size at \a dir, or a skip reason.
    QString mountTmpfs(const QString &dir, const char *size)
    {
        if (!m_canMount)
            return m_noMount;
        QDir().mkpath(dir);
        const QByteArray opts = QByteArrayLiteral("size=") + size;
        if (::mount("tmpfs", QFile::encodeName(dir).constData(), "tmpfs", 0, opts.constData()) != 0)
            return QStringLiteral("mount tmpfs failed: %1").arg(QString::fromLocal8Bit(strerror(errno)));
        return {};
    }
    static void unmount(const QString &dir) { ::umount2(QFile::encodeName(dir).constData(), MNT_DETACH); }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("SSOD_CLI")), "SSOD_CLI must name ssodoctor-cli");
        if (::geteuid() != 0) {
            m_noMount = QStringLiteral("mounting a small tmpfs needs root (CI runs the tests as root)");
        } else if (::unshare(CLONE_NEWNS) != 0) {
            m_noMount = QStringLiteral("cannot create a private mount namespace: %1")
                            .arg(QString::fromLocal8Bit(strerror(errno)));
        } else if (::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
            m_noMount = QStringLiteral("cannot make mounts private: %1")
                            .arg(QString::fromLocal8Bit(strerror(errno)));
        } else {
            m_canMount = true;
        }
    }

    // The reported data loss: a full file system must fail the apply, leave the target byte for
    // byte and leave no temporary file, no backup and no lock behind.
    void fullFileSystemTarget_data() { addKindRows(); }
    void fullFileSystemTarget()
    {
        QFETCH(int, index);
        const TargetKind kind = allTargetKinds().at(index);
        QTemporaryDir work;
        const QString full = work.filePath(QStringLiteral("full"));
        if (const QString why = mountTmpfs(full, "64k"); !why.isEmpty())
            QSKIP(qPrintable(why));
        const QString target = full + QLatin1Char('/') + kind.fileName;
        const QString backup = work.filePath(QStringLiteral("backup.reg"));
        QString err = makeTarget(kind, target);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        const QByteArray before = fileBytes(target);
        const Meta meta = metaOf(target);
        QVERIFY(fillUp(full));

        const ToolRun r = applyCli(kind, target, backup);
        QVERIFY2(r.exitCode == 2, qPrintable(describe(r)));
        QVERIFY2(r.err.contains(QLatin1String("disk is full")) && r.err.contains(target), qPrintable(r.err));
        QVERIFY2(!r.out.contains(QLatin1String("Applied")), qPrintable(r.out));
        QCOMPARE(fileBytes(target), before);
        QCOMPARE(metaOf(target).mode, meta.mode);
        QCOMPARE(folderEntries(full), sortedList(QStringList({ kind.fileName, QStringLiteral("filler") })));
        QVERIFY2(!QFile::exists(backup), "a backup of a change that never happened was left behind");
        unmount(full);
    }

    // The backup is written first; when it cannot be, nothing changes and no partial backup stays.
    void fullFileSystemBackup_data() { addKindRows(); }
    void fullFileSystemBackup()
    {
        QFETCH(int, index);
        const TargetKind kind = allTargetKinds().at(index);
        QTemporaryDir work;
        const QString full = work.filePath(QStringLiteral("full"));
        if (const QString why = mountTmpfs(full, "64k"); !why.isEmpty())
            QSKIP(qPrintable(why));
        const QString target = work.filePath(kind.fileName);
        QString err = makeTarget(kind, target);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        const QByteArray before = fileBytes(target);
        QVERIFY(fillUp(full));
        const QString backup = full + QStringLiteral("/backup.reg");

        const ToolRun r = applyCli(kind, target, backup);
        QVERIFY2(r.exitCode == 2, qPrintable(describe(r)));
        QVERIFY2(r.err.contains(QLatin1String("could not write the backup, nothing was changed"))
                && r.err.contains(QLatin1String("disk is full")),
            qPrintable(r.err));
        QCOMPARE(fileBytes(target), before);
        QCOMPARE(folderEntries(full), sortedList(QStringList { QStringLiteral("filler") }));
        QCOMPARE(
            folderEntries(work.path()), sortedList(QStringList({ kind.fileName, QStringLiteral("full") })));
        unmount(full);
    }

    void readOnlyFileSystem_data() { addKindRows(); }
    void readOnlyFileSystem()
    {
        QFETCH(int, index);
        const TargetKind kind = allTargetKinds().at(index);
        QTemporaryDir work;
        const QString ro = work.filePath(QStringLiteral("ro"));
        if (const QString why = mountTmpfs(ro, "1m"); !why.isEmpty())
            QSKIP(qPrintable(why));
        const QString target = ro + QLatin1Char('/') + kind.fileName;
        QString err = makeTarget(kind, target);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        const QByteArray before = fileBytes(target);
        QVERIFY(::mount(nullptr, QFile::encodeName(ro).constData(), nullptr, MS_REMOUNT | MS_RDONLY, nullptr)
            == 0);

        const ToolRun r = applyCli(kind, target, work.filePath(QStringLiteral("backup.reg")));
        QVERIFY2(r.exitCode == 2, qPrintable(describe(r)));
        QVERIFY2(r.err.contains(QLatin1String("read-only file system")) && r.err.contains(target),
            qPrintable(r.err));
        QCOMPARE(fileBytes(target), before);
        QCOMPARE(folderEntries(work.path()), sortedList(QStringList { QStringLiteral("ro") }));
        unmount(ro);
    }

    // Mode 0444 means "do not change": refused even for root, before any backup is written.
    void readOnlyTarget_data() { addKindRows(); }
    void readOnlyTarget()
    {
        QFETCH(int, index);
        const TargetKind kind = allTargetKinds().at(index);
        QTemporaryDir work;
        const QString target = work.filePath(kind.fileName);
        QString err = makeTarget(kind, target);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QVERIFY(::chmod(QFile::encodeName(target).constData(), 0444) == 0);
        const QByteArray before = fileBytes(target);

        // No --backup: the default backup would land beside the target, where the test looks.
        const ToolRun r = applyCli(kind, target);
        QVERIFY2(r.exitCode == 2, qPrintable(describe(r)));
        QVERIFY2(r.err.contains(QLatin1String("read-only (mode 0444)")) && r.err.contains(target)
                && r.err.contains(QLatin1String("chmod u+w")),
            qPrintable(r.err));
        QCOMPARE(fileBytes(target), before);
        QCOMPARE(metaOf(target).mode, mode_t(0444));
        QCOMPARE(folderEntries(work.path()), sortedList(QStringList { kind.fileName }));
    }

    // A write replaces the file; the new one must keep the old one's mode and owner, both on
    // apply and on undo (a replaced file used to come out 0644 and owned by whoever ran apply).
    void modeAndOwnerKept_data() { addKindRows(); }
    void modeAndOwnerKept()
    {
        QFETCH(int, index);
        const TargetKind kind = allTargetKinds().at(index);
        QTemporaryDir work;
        const QString target = work.filePath(kind.fileName);
        const QString backup = work.filePath(QStringLiteral("backup.reg"));
        QString err = makeTarget(kind, target);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        const QByteArray oldBytes = fileBytes(target);
        const QString oldHive = kind.name == QLatin1String("hive") ? hiveContent(target) : QString();
        QVERIFY(::chmod(QFile::encodeName(target).constData(), 0620) == 0);
        const bool root = ::geteuid() == 0;
        if (root)
            QVERIFY(::chown(QFile::encodeName(target).constData(), 4321, 4322) == 0);
        const Meta meta = metaOf(target);

        ToolRun r = applyCli(kind, target, backup);
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY(fileBytes(target) != oldBytes);
        QCOMPARE(metaOf(target).mode, meta.mode);
        QCOMPARE(metaOf(target).uid, meta.uid);
        QCOMPARE(metaOf(target).gid, meta.gid);

        r = runCli(
            { QStringLiteral("undo"), QStringLiteral("--backup"), backup, QStringLiteral("--to"), target });
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(metaOf(target).mode, meta.mode);
        QCOMPARE(metaOf(target).uid, meta.uid);
        QCOMPARE(metaOf(target).gid, meta.gid);
        if (kind.name == QLatin1String("hive"))
            QCOMPARE(hiveContent(target), oldHive);
        else
            QCOMPARE(fileBytes(target), oldBytes);
        QCOMPARE(folderEntries(work.path()),
            sortedList(sortedList(QStringList({ QStringLiteral("backup.reg"), kind.fileName }))));
    }

    // The plan was made against what the store read; if the file changes before the commit, the
    // commit must not overwrite that change. Same-size edits (mtime may not move within one
    // timestamp tick) are caught by the content hash.
    void changedBetweenReadAndCommit_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<bool>("sameSize");
        const auto kinds = allTargetKinds();
        for (int i = 0; i < kinds.size(); ++i) {
            QTest::newRow(qPrintable(kinds[i].name + QStringLiteral(" appended"))) << i << false;
            QTest::newRow(qPrintable(kinds[i].name + QStringLiteral(" same size"))) << i << true;
        }
    }
    void changedBetweenReadAndCommit()
    {
        QFETCH(int, index);
        QFETCH(bool, sameSize);
        const TargetKind kind = allTargetKinds().at(index);
        QTemporaryDir work;
        const QString target = work.filePath(kind.fileName);
        QString err = makeTarget(kind, target);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        auto store = openStore(target);
        QVERIFY2(store, qPrintable(store ? QString() : store.error().toString()));
        auto changes = diff(store->get(), { changeEdit(kind) });
        QVERIFY(changes && !changes->isCompliant());

        QByteArray changed = fileBytes(target);
        if (sameSize)
            changed[changed.size() / 2] = char(changed.at(changed.size() / 2) ^ 0x20);
        else
            changed.append('\n');
        QVERIFY(writeBytes(target, changed));

        const QString backup = work.filePath(QStringLiteral("backup.reg"));
        auto outcome = applyChanges(**store, *changes, backup, {});
        QVERIFY(!outcome);
        QVERIFY2(outcome.error().message.contains(QLatin1String("since SSO Doctor read it")),
            qPrintable(outcome.error().toString()));
        QCOMPARE(outcome.error().location, target);
        QCOMPARE(fileBytes(target), changed);
        QCOMPARE(folderEntries(work.path()), sortedList(QStringList { kind.fileName }));

        // The same through commit() directly, past the applier's early check.
        auto direct = (*store)->commit(changes->toOps());
        QVERIFY(!direct);
        QCOMPARE(fileBytes(target), changed);
    }

    // The verification after apply and undo re-reads the file (reopen()): a store's memory says
    // what it meant to write, only a fresh read says what the disk holds.
    void verificationReadsTheDisk_data() { addKindRows(); }
    void verificationReadsTheDisk()
    {
        QFETCH(int, index);
        const TargetKind kind = allTargetKinds().at(index);
        QTemporaryDir work;
        const QString target = work.filePath(kind.fileName);
        QString err = makeTarget(kind, target);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        const QByteArray before = fileBytes(target);
        auto store = openStore(target);
        QVERIFY(store);
        auto changes = diff(store->get(), { changeEdit(kind) });
        QVERIFY(changes && !changes->isCompliant());
        auto outcome = applyChanges(**store, *changes, work.filePath(QStringLiteral("backup.reg")), {});
        QVERIFY2(outcome, qPrintable(outcome ? QString() : outcome.error().toString()));

        QVERIFY(writeBytes(target, before)); // the disk loses the write behind the store's back
        if (kind.name != QLatin1String("hive")) // hivex maps the file, so it already sees the loss
            QVERIFY(verifyApplied(**store, *changes)); // memory still claims it
        auto fresh = (*store)->reopen();
        QVERIFY(fresh && *fresh);
        auto onDisk = verifyApplied(**fresh, *changes);
        QVERIFY(!onDisk);
        QCOMPARE(onDisk.error().code, Error::Code::Verification);
    }

    // Another process holds the target: apply waits a bounded time, then refuses and writes nothing.
    void targetLockedByAnotherProcess()
    {
        const TargetKind kind = allTargetKinds().at(0);
        QTemporaryDir work;
        const QString target = work.filePath(kind.fileName);
        QString err = makeTarget(kind, target);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        const QByteArray before = fileBytes(target);
        QProcess holder;
        holder.start(QStringLiteral("flock"),
            { TargetLock::lockPathFor(target), QStringLiteral("-c"),
                QStringLiteral("echo locked; exec sleep 120") });
        QVERIFY(holder.waitForReadyRead(10000));

        const ToolRun r = applyCli(kind, target, work.filePath(QStringLiteral("backup.reg")));
        ::kill(pid_t(holder.processId()), SIGKILL);
        holder.waitForFinished(5000);
        QVERIFY2(r.exitCode == 2, qPrintable(describe(r)));
        QVERIFY2(r.err.contains(QLatin1String("is changing this file right now")), qPrintable(r.err));
        QCOMPARE(fileBytes(target), before);
        QVERIFY(!QFile::exists(work.filePath(QStringLiteral("backup.reg"))));
    }

    // Two applies of different settings at once: the second waits for the first, plans against
    // what it wrote, and the file ends up with both changes (no lost update, no corruption).
    void twoAppliesAtOnce_data() { addKindRows(); }
    void twoAppliesAtOnce()
    {
        QFETCH(int, index);
        const TargetKind kind = allTargetKinds().at(index);
        const bool json = kind.name == QLatin1String("json");
        const QString other = json ? QStringLiteral("browser.negotiate-allowlist=portal.contoso.com")
                                   : QStringLiteral("delegation.default-credentials=TERMSRV/*.lab.test");
        for (int round = 0; round < 5; ++round) {
            QTemporaryDir work;
            const QString target = work.filePath(kind.fileName);
            QString err = makeTarget(kind, target);
            QVERIFY2(err.isEmpty(), qPrintable(err));
            QProcess a;
            QProcess b;
            const QString cli = qEnvironmentVariable("SSOD_CLI");
            a.start(cli,
                { QStringLiteral("apply"), kind.change, QStringLiteral("--to"), target,
                    QStringLiteral("--backup"), work.filePath(QStringLiteral("a.reg")) });
            b.start(cli,
                { QStringLiteral("apply"), other, QStringLiteral("--to"), target, QStringLiteral("--backup"),
                    work.filePath(QStringLiteral("b.reg")) });
            QVERIFY(a.waitForFinished(30000) && b.waitForFinished(30000));
            QVERIFY2(a.exitCode() == 0, a.readAllStandardError().constData());
            QVERIFY2(b.exitCode() == 0, b.readAllStandardError().constData());
            const ToolRun plan
                = runCli({ QStringLiteral("plan"), kind.change, other, QStringLiteral("--against"), target });
            QVERIFY2(plan.exitCode == 0 && plan.out.contains(QLatin1String("Already compliant")),
                qPrintable(describe(plan)));
            QCOMPARE(folderEntries(work.path()),
                sortedList({ QStringLiteral("a.reg"), QStringLiteral("b.reg"), kind.fileName }));
        }
    }
};

QTEST_GUILESS_MAIN(TestApplySafety)
#include "tst_apply_safety.moc"
