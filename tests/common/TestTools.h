#pragma once

// Helpers shared by tests that drive real outside tools (hivexsh, python3, the CLI).

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <functional>

namespace ssod::testtools {

struct ToolRun
{
    bool ok = false; ///< started, finished within the limit, exit code 0
    int exitCode = -1;
    QString out;
    QString err;
};

/// Runs \a program with \a args, feeding \a input on stdin; bounded by \a timeoutMs.
ToolRun runTool(const QString &program, const QStringList &args, const QByteArray &input = {}, int timeoutMs = 30000);

/// Hex of a REG_MULTI_SZ (UTF-16LE strings, each NUL-terminated, then a final NUL), for hivexsh.
QByteArray multiSzHex(const QStringList &items);

/// Writes an empty hive with tests/tools/make_empty_hive.py (no package ships one).
bool makeEmptyHive(const QString &path);

/// A SYSTEM hive as an offline Windows install has it: ControlSet001 selected by Select\Current,
/// Lsa "Security Packages" = kerberos, msv1_0 and SecurityProviders = "msapsspc.dll, schannel.dll",
/// written by hivexsh (not by our own writer).
bool makeSystemHive(const QString &path);

/// Runs \a task(i) for i in [\a first, \a first + \a count) on a QThreadPool (as QtConcurrent does)
/// and \a task(\a plainId) on a std::thread, which has no Qt event dispatcher at all, all at once.
/// False when they did not all end within \a timeoutMs (the plain thread is still joined).
bool runOnWorkerThreads(const std::function<void(int)> &task, int first, int count, int plainId, int timeoutMs);

} // namespace ssod::testtools
