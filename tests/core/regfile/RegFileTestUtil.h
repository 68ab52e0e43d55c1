#pragma once

// Shared by the .reg codec tests: encodings, expectations and parse helpers.

#include "core/registry/RegFileCodec.h"

#include <QByteArray>
#include <QString>
#include <QTest>

using namespace ssod::core;
using namespace ssod::core::registry;

Q_DECLARE_METATYPE(ssod::core::registry::RegValue)

namespace ssod::core::registry {
// Lets QCOMPARE print both sides of a RegValue mismatch.
inline char *toString(const RegValue &v)
{
    return qstrdup(QStringLiteral("%1 %2")
                       .arg(regTypeName(v.type()), QString::fromLatin1(v.data().toHex(',')))
                       .toUtf8());
}
} // namespace ssod::core::registry

namespace regtest {

inline const QString kCred
    = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation");
inline const QString kA = QStringLiteral("HKEY_LOCAL_MACHINE\\A");

/// A v5 file as regedit writes it: BOM FF FE, then UTF-16LE.
inline QByteArray v5(const QString &text)
{
    QByteArray out("\xff\xfe", 2);
    for (const QChar c : text) {
        out.append(char(c.unicode() & 0xff));
        out.append(char(c.unicode() >> 8));
    }
    return out;
}

inline QString fromV5(const QByteArray &bytes)
{
    if (!bytes.startsWith("\xff\xfe"))
        return QStringLiteral("<no BOM>");
    QString s;
    for (qsizetype i = 2; i + 1 < bytes.size(); i += 2)
        s.append(QChar(char16_t(quint8(bytes[i]) | (quint8(bytes[i + 1]) << 8))));
    return s;
}

inline QByteArray hex(const char *spaced)
{
    return QByteArray::fromHex(QByteArray(spaced).replace(',', ""));
}

/// The error text of \a r for QVERIFY2, which evaluates its message even when the check passes.
template <typename T> inline QByteArray why(const Result<T> &r)
{
    return r ? QByteArray() : r.error().toString().toUtf8();
}

inline ParsedRegFile mustParse(const QByteArray &bytes)
{
    auto r = parseRegFile(bytes, QStringLiteral("t.reg"));
    if (!r) {
        qWarning().noquote() << r.error().toString();
        return {};
    }
    return std::move(r).value();
}

inline RegValue valueOf(const ParsedRegFile &f, const QString &key, const QString &name)
{
    return f.tree.value(key, name).value_or(RegValue(0xdead, "missing"));
}

} // namespace regtest

using namespace regtest;
