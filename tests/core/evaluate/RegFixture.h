#pragma once

// The evaluators read through the store interface; the tests feed them real .reg files (parsed by
// the production parser) so a fixture reads like what an administrator exports from regedit.

#include "core/registry/StoreFactory.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

namespace fixture {

/// Writes "Windows Registry Editor Version 5.00" + \a body to a fresh .reg file and opens it.
inline std::unique_ptr<ssod::core::registry::RegistryStore> openReg(
    const QTemporaryDir &dir, const QString &body)
{
    static int counter = 0;
    const QString file = dir.filePath(QStringLiteral("fixture-%1.reg").arg(++counter));
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(file));
    f.write("Windows Registry Editor Version 5.00\r\n\r\n");
    f.write(body.toUtf8());
    f.close();
    auto store = ssod::core::registry::openStore(file);
    if (!store)
        qFatal("fixture does not parse: %s", qPrintable(store.error().toString()));
    return std::move(*store);
}

} // namespace fixture
