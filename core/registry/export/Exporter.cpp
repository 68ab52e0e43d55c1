#include "core/registry/export/Exporter.h"

#include "core/registry/export/ExportCommon.h"

namespace ssod::core::registry {

namespace {

struct FormatName {
    ExportFormat format;
    const char *name;
    const char *suffix;
};

constexpr FormatName kFormats[] = {
    { ExportFormat::Reg, "reg", ".reg" },
    { ExportFormat::RegUndo, "reg-undo", ".reg" },
    { ExportFormat::Pol, "pol", ".pol" },
    { ExportFormat::Ps1, "ps1", ".ps1" },
    { ExportFormat::GpoPs1, "gpo-ps1", ".ps1" },
    { ExportFormat::GppXml, "gpp-xml", ".xml" },
};

} // namespace

std::optional<ExportFormat> exportFormatFromName(const QString &name)
{
    const QString n = name.trimmed();
    for (const auto &f : kFormats)
        if (n.compare(QLatin1String(f.name), Qt::CaseInsensitive) == 0)
            return f.format;
    return std::nullopt;
}

QString exportFormatName(ExportFormat format)
{
    for (const auto &f : kFormats)
        if (f.format == format)
            return QString::fromLatin1(f.name);
    return {};
}

QString exportFileSuffix(ExportFormat format)
{
    for (const auto &f : kFormats)
        if (f.format == format)
            return QString::fromLatin1(f.suffix);
    return {};
}

Result<QByteArray> exportChangeSet(
    const ChangeSet &changes, ExportFormat format, const ExportOptions &options)
{
    if (format != ExportFormat::Ps1 && changes.hasRelativeItems()) {
        // A static file can only hold whole values; writing the planned list would drop the
        // entries the target already has.
        for (const Change &c : changes.changes) {
            if (c.relativeItems.isEmpty())
                continue;
            return Error::unsupported(
                QStringLiteral("%1 adds to or removes from the list %2\\\"%3\" and must keep the entries already "
                               "there, which this format cannot express without knowing them. Compare with the "
                               "target's current registry (a hive, .reg export or Registry.pol of it), or use the "
                               "PowerShell (local) format, which edits the list on the machine.")
                    .arg(c.settingId, c.key, c.name));
        }
    }
    switch (format) {
    case ExportFormat::Reg:
        return exporting::exportReg(changes, options, false);
    case ExportFormat::RegUndo:
        return exporting::exportReg(changes, options, true);
    case ExportFormat::Pol:
        return exporting::exportPol(changes, options);
    case ExportFormat::Ps1:
        return exporting::exportPowerShell(changes, options);
    case ExportFormat::GpoPs1:
        return exporting::exportGpoPowerShell(changes, options);
    case ExportFormat::GppXml:
        return exporting::exportGppXml(changes, options);
    }
    return Error { Error::Code::Internal, QStringLiteral("unknown export format"), {} };
}

} // namespace ssod::core::registry
