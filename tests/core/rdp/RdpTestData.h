#pragma once

// Shared by the .rdp unit tests: sample files and mstsc's encoding.

#include <QByteArray>
#include <QFile>
#include <QString>

namespace rdptest {

/// How mstsc stores a file: BOM FF FE, then UTF-16LE code units.
inline QByteArray utf16(const QString &text)
{
    QByteArray out("\xff\xfe", 2);
    for (const QChar c : text)
        out.append(char(c.unicode() & 0xff)).append(char(c.unicode() >> 8));
    return out;
}

/// A sample from tests/data/rdp.
inline QByteArray dataFile(const QString &name)
{
    QFile f(qEnvironmentVariable("SSOD_TEST_DATA") + QStringLiteral("/rdp/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(f.fileName()));
    return f.readAll();
}

} // namespace rdptest
