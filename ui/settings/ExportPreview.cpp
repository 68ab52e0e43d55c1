#include "ui/settings/ExportPreview.h"

#include "core/registry/RegPath.h"

#include <QCoreApplication>
#include <QStringDecoder>

namespace ssod::ui::preview {

using core::registry::Change;

namespace {

QString shortKey(const QString &key)
{
    namespace path = core::registry::path;
    const QString rest = path::withoutRoot(key);
    return path::shortRoot(path::root(key)) + (rest.isEmpty() ? QString() : QLatin1Char('\\') + rest);
}

QString describe(const Change &c)
{
    const QString name
        = c.name.isEmpty() ? QCoreApplication::translate("ExportPreview", "(default)") : c.name;
    switch (c.action) {
    case Change::Action::CreateKey:
        return QCoreApplication::translate("ExportPreview", "create key  %1").arg(shortKey(c.key));
    case Change::Action::DeleteKey:
        return QCoreApplication::translate("ExportPreview", "delete key  %1").arg(shortKey(c.key));
    case Change::Action::SetValue:
        return QCoreApplication::translate("ExportPreview", "set value   %1 \u2192 %2 = %3")
            .arg(shortKey(c.key), name, c.after ? c.after->display() : QString());
    case Change::Action::DeleteValue:
        return QCoreApplication::translate("ExportPreview", "delete value %1 \u2192 %2")
            .arg(shortKey(c.key), name);
    }
    return {};
}

} // namespace

QString text(
    const QByteArray &bytes, core::registry::ExportFormat format, const core::registry::ChangeSet &changes)
{
    if (format != core::registry::ExportFormat::Pol) {
        // .reg is UTF-16LE, the scripts UTF-8 with a BOM; the BOM tells which.
        const auto encoding = QStringConverter::encodingForData(bytes).value_or(QStringConverter::Utf8);
        QStringDecoder decode(encoding, QStringDecoder::Flag::Stateless);
        QString s = decode(bytes);
        if (s.startsWith(QChar(0xFEFF)))
            s.remove(0, 1);
        return s;
    }
    QString out = QCoreApplication::translate(
        "ExportPreview", "Registry.pol is a binary file (%1 bytes). It holds these entries:")
                      .arg(bytes.size());
    out += QLatin1Char('\n');
    for (const Change &c : changes.changes)
        out += QStringLiteral("  ") + describe(c) + QLatin1Char('\n');
    out += QLatin1Char('\n') + hexDump(bytes);
    return out;
}

QString hexDump(const QByteArray &bytes, qsizetype limit)
{
    QString out;
    const qsizetype n = std::min(bytes.size(), limit);
    for (qsizetype offset = 0; offset < n; offset += 16) {
        QString hex;
        QString ascii;
        for (qsizetype i = offset; i < offset + 16; ++i) {
            if (i < n) {
                const auto b = uchar(bytes.at(i));
                hex += QStringLiteral("%1 ").arg(b, 2, 16, QLatin1Char('0'));
                ascii += (b >= 0x20 && b < 0x7f) ? QLatin1Char(char(b)) : QLatin1Char('.');
            } else {
                hex += QStringLiteral("   ");
            }
            if (i == offset + 7)
                hex += QLatin1Char(' ');
        }
        out += QStringLiteral("%1  %2 |%3|\n").arg(offset, 8, 16, QLatin1Char('0')).arg(hex, ascii);
    }
    if (bytes.size() > n)
        out += QCoreApplication::translate("ExportPreview", "\u2026 %1 more bytes").arg(bytes.size() - n)
            + QLatin1Char('\n');
    return out;
}

} // namespace ssod::ui::preview
