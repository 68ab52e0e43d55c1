#include "core/registry/StoreFactory.h"

#include "core/registry/FileStore.h"
#include "core/registry/HiveStore.h"
#include "core/registry/JsonPolicyStore.h"
#include "core/registry/RegPath.h"

#ifdef Q_OS_WIN
#include "core/registry/win/LiveRegistryStore.h"
#endif

#include <QFile>
#include <QDir>
#include <QFileInfo>
#include <QObject>

namespace ssod::core::registry {

FileType detectFileType(const QByteArray &head, const QString &fileName)
{
    if (head.startsWith("regf"))
        return FileType::Hive;
    if (head.startsWith("PReg"))
        return FileType::PolFile;
    if (head.startsWith("\xff\xfe"))
        return FileType::RegFile;
    // A UTF-8 BOM (Notepad's "UTF-8 with BOM") may precede a .reg header as well as JSON.
    const QByteArray trimmed = head.trimmed();
    const QByteArray text = trimmed.startsWith("\xef\xbb\xbf") ? trimmed.mid(3).trimmed() : trimmed;
    if (text.startsWith("Windows Registry Editor") || text.startsWith("REGEDIT"))
        return FileType::RegFile;
    const bool regSuffix
        = QFileInfo(fileName).suffix().compare(QLatin1String("reg"), Qt::CaseInsensitive) == 0;
    // A .reg file with comment lines above its header: the parser refuses it naming the lines
    // (regedit imports nothing from it), which says more than "unknown file type".
    if (regSuffix && (text.startsWith(';') || text.startsWith('#')))
        return FileType::RegFile;
    // Browser policy files are JSON objects (UTF-8, a BOM tolerated); no registry format starts so.
    const QByteArray &json = text;
    if (json.startsWith('{'))
        return FileType::JsonPolicy;
    // Other JSON in a .json file: the policy store explains what it should hold.
    if (json.startsWith('[') && QFileInfo(fileName).suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0)
        return FileType::JsonPolicy;
    if (head.trimmed().isEmpty()) {
        const QString suffix = QFileInfo(fileName).suffix().toLower();
        if (suffix == QLatin1String("reg"))
            return FileType::RegFile;
        if (suffix == QLatin1String("pol"))
            return FileType::PolFile;
        if (suffix == QLatin1String("json"))
            return FileType::JsonPolicy;
    }
    return FileType::Unknown;
}

Result<std::unique_ptr<RegistryStore>> openStore(const QString &file, const QString &root, bool createIfMissing,
                                                 const ReadOptions &options)
{
#ifdef Q_OS_WIN
    if (file == QLatin1String("registry:"))
        return std::unique_ptr<RegistryStore>(LiveRegistryStore::open());
#endif
    QByteArray head;
    QFile f(file);
    if (f.exists()) {
        if (!f.open(QIODevice::ReadOnly))
            return Error::io(QObject::tr("cannot read: %1").arg(f.errorString()), file);
        head = f.read(64);
    } else if (!createIfMissing) {
        return Error::notFound(QObject::tr("file does not exist"), file);
    }
    QString canonicalRoot;
    if (!root.isEmpty()) {
        const auto c = path::canonical(root);
        if (!c)
            return Error::invalid(QObject::tr("--root \"%1\" is not a registry key such as HKLM\\SOFTWARE").arg(root));
        canonicalRoot = *c;
    }
    switch (detectFileType(head, file)) {
    case FileType::Hive: {
        auto hive = HiveStore::open(file, canonicalRoot);
        if (!hive)
            return hive.error();
        return std::unique_ptr<RegistryStore>(std::move(*hive));
    }
    case FileType::PolFile: {
        QString polRoot = canonicalRoot;
        if (polRoot.isEmpty()) {
            // GPO layout: <gpo>\User\Registry.pol is HKCU, <gpo>\Machine\Registry.pol is HKLM.
            const QString dir = QFileInfo(file).absoluteDir().dirName();
            polRoot = dir.compare(QLatin1String("User"), Qt::CaseInsensitive) == 0 ? QStringLiteral("HKEY_CURRENT_USER")
                                                                                      : QStringLiteral("HKEY_LOCAL_MACHINE");
        }
        if (polRoot != QLatin1String("HKEY_LOCAL_MACHINE") && polRoot != QLatin1String("HKEY_CURRENT_USER"))
            return Error::invalid(QObject::tr("a Registry.pol applies to HKLM or HKCU, not %1").arg(polRoot), file);
        auto store = FileStore::open(file, StoreKind::PolFile, createIfMissing, polRoot);
        if (!store)
            return store.error();
        return std::unique_ptr<RegistryStore>(std::move(*store));
    }
    case FileType::RegFile: {
        auto store = FileStore::open(file, StoreKind::RegFile, createIfMissing, QStringLiteral("HKEY_LOCAL_MACHINE"), options);
        if (!store)
            return store.error();
        return std::unique_ptr<RegistryStore>(std::move(*store));
    }
    case FileType::JsonPolicy: {
        auto store = JsonPolicyStore::open(file, canonicalRoot, createIfMissing);
        if (!store)
            return store.error();
        return std::unique_ptr<RegistryStore>(std::move(*store));
    }
    case FileType::Unknown:
        break;
    }
    if (head.isEmpty())
        return Error::invalid(QObject::tr("cannot tell what this file should be: name it .reg, .pol or .json "
                                          "(a browser policy file)"),
                              file);
    return Error::invalid(QObject::tr("not a .reg file, Registry.pol or registry hive, nor a browser policy JSON (it starts with %1)")
                              .arg(QString::fromLatin1(head.left(8).toHex(' '))),
                          file);
}

} // namespace ssod::core::registry
