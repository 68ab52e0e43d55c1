#include "tests/integration/crashsafety/TargetFixture.h"

#include "core/registry/RegistryStore.h"
#include "core/registry/StoreFactory.h"

#include <QDir>
#include <QFile>
#include <algorithm>

namespace ssod::testtools {

using namespace ssod::core::registry;

QList<TargetKind> allTargetKinds()
{
    return {
        { QStringLiteral("reg"), QStringLiteral("target.reg"),
            QStringLiteral("certs.disable-root-auto-update") },
        { QStringLiteral("pol"), QStringLiteral("Registry.pol"),
            QStringLiteral("certs.disable-root-auto-update") },
        { QStringLiteral("hive"), QStringLiteral("SOFTWARE"),
            QStringLiteral("certs.disable-root-auto-update") },
        { QStringLiteral("json"), QStringLiteral("sso.json"),
            QStringLiteral("browser.delegate-allowlist=portal.contoso.com") },
    };
}

QString makeTarget(const TargetKind &kind, const QString &path, int padding)
{
    const bool json = kind.name == QLatin1String("json");
    if (kind.name == QLatin1String("hive") && !makeEmptyHive(path))
        return QStringLiteral("make_empty_hive.py failed for %1").arg(path);
    auto store = openStore(path, {}, true);
    if (!store)
        return store.error().toString();
    const QString key = json ? QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Chromium")
                             : QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\SsoDoctorTest\\Old");
    RegOps ops;
    ops << RegOp::set(key, json ? QStringLiteral("AuthServerAllowlist") : QStringLiteral("Kept"),
        RegValue::fromString(QStringLiteral("intranet.contoso.com")));
    if (!json)
        ops << RegOp::set(key, QStringLiteral("Number"), RegValue::fromDword(7));
    for (int i = 0; i < padding; ++i)
        ops << RegOp::set(key, QStringLiteral("SsodPad%1").arg(i, 6, 10, QLatin1Char('0')),
            RegValue::fromString(QStringLiteral("filler value %1 to make the file larger").arg(i)));
    if (auto r = (*store)->commit(ops); !r)
        return r.error().toString();
    return {};
}

ToolRun runCli(const QStringList &args, int timeoutMs)
{
    return runTool(qEnvironmentVariable("SSOD_CLI"), args, {}, timeoutMs);
}

ToolRun applyCli(const TargetKind &kind, const QString &target, const QString &backup)
{
    QStringList args { QStringLiteral("apply"), kind.change, QStringLiteral("--to"), target };
    if (!backup.isEmpty())
        args << QStringLiteral("--backup") << backup;
    return runCli(args);
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

QStringList folderEntries(const QString &dir)
{
    return sortedList(
        QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot));
}

QStringList sortedList(QStringList list)
{
    std::sort(list.begin(), list.end());
    return list;
}

QString hiveContent(const QString &path)
{
    const ToolRun r = runTool(QStringLiteral("hivexregedit"),
        { QStringLiteral("--export"), QStringLiteral("--prefix"),
            QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE"), path, QStringLiteral("\\") });
    return r.ok ? r.out : QStringLiteral("hivexregedit failed: ") + r.err;
}

} // namespace ssod::testtools
