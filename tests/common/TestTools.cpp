#include "tests/common/TestTools.h"

#include <QProcess>
#include <QThreadPool>
#include <thread>

namespace ssod::testtools {

ToolRun runTool(const QString &program, const QStringList &args, const QByteArray &input, int timeoutMs)
{
    ToolRun r;
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted(10000)) {
        r.err = QStringLiteral("%1 did not start: %2").arg(program, p.errorString());
        return r;
    }
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(2000);
        r.err = QStringLiteral("%1 did not finish within %2 ms").arg(program).arg(timeoutMs);
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    r.ok = r.exitCode == 0;
    return r;
}

QByteArray multiSzHex(const QStringList &items)
{
    QByteArray b;
    for (const QString &s : items) {
        for (QChar c : s)
            b.append(char(c.unicode() & 0xff)).append(char(c.unicode() >> 8));
        b.append(2, '\0');
    }
    b.append(2, '\0');
    return b.toHex();
}

bool makeEmptyHive(const QString &path)
{
    return runTool(QStringLiteral("python3"), {qEnvironmentVariable("SSOD_TOOLS") + QStringLiteral("/make_empty_hive.py"), path}).ok;
}

bool makeSystemHive(const QString &path)
{
    if (!makeEmptyHive(path))
        return false;
    const QByteArray script = "add Select\ncd Select\nsetval 1\nCurrent\ndword:1\ncd ..\n"
                              "add ControlSet001\ncd ControlSet001\nadd Control\ncd Control\nadd Lsa\ncd Lsa\n"
                              "setval 1\nSecurity Packages\nhex:7:"
                              + multiSzHex({QStringLiteral("kerberos"), QStringLiteral("msv1_0")})
                              + "\ncd ..\nadd SecurityProviders\ncd SecurityProviders\nsetval 1\nSecurityProviders\n"
                                "string:msapsspc.dll, schannel.dll\ncommit\n";
    return runTool(QStringLiteral("hivexsh"), {QStringLiteral("-w"), path}, script).ok;
}

bool runOnWorkerThreads(const std::function<void(int)> &task, int first, int count, int plainId, int timeoutMs)
{
    QThreadPool pool;
    for (int i = first; i < first + count; ++i)
        pool.start([&task, i] { task(i); });
    std::thread plain([&task, plainId] { task(plainId); });
    const bool done = pool.waitForDone(timeoutMs);
    plain.join();
    return done;
}

} // namespace ssod::testtools
