#include "core/registry/Convert.h"

#include "core/registry/AtomicFile.h"
#include "core/registry/PolFileCodec.h"
#include "core/registry/RegFileCodec.h"
#include "core/registry/RegFileScanner.h"
#include "core/registry/RegPath.h"
#include "core/registry/StoreFactory.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace ssod::core::registry {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Convert", text);
}

enum class Output { Reg, Pol };

/// Writes what a conversion produces; everything stays invisible until publish().
class Writer {
public:
    Writer(const QString &out, Output kind, const QString &root, const QString &inName)
        : m_out(out), m_kind(kind), m_root(root), m_inName(inName)
    {
    }

    Result<void> begin()
    {
        auto file = AtomicFile::begin(m_out);
        if (!file)
            return file.error();
        m_file = std::move(*file);
        return m_file->write(m_kind == Output::Reg
                ? regFileHeader(RegFileFormat::V5, { tr("Converted by SSO Doctor from %1").arg(m_inName) })
                : polFileHeader());
    }

    /// The bytes of \a tree's sections (thread-safe: it uses no member that changes).
    Result<QByteArray> sections(const RegTree &tree, FileWarnings &warnings) const
    {
        if (m_kind == Output::Pol)
            return writePolSections(tree, m_root);
        WrittenRegFile reg = writeRegFileSections(tree, RegFileFormat::V5, m_inName);
        warnings += reg.warnings;
        return std::move(reg.bytes);
    }

    Result<void> write(const QByteArray &bytes) { return m_file->write(bytes); }
    Result<void> publish() { return m_file->commit(); }

private:
    QString m_out;
    Output m_kind;
    QString m_root;
    QString m_inName;
    std::unique_ptr<AtomicFile> m_file;
};

Result<ConvertReport> finish(Writer &writer, ConvertReport report, const ConvertOptions &options)
{
    if (options.accept && !options.accept(report.warnings))
        return report; // the writer's unnamed file goes with it
    if (auto r = writer.publish(); !r)
        return r.error();
    report.published = true;
    return report;
}

/// The whole-tree path: Registry.pol input, and .reg input that repeats keys across parts.
Result<ConvertReport> convertWhole(RegTree tree, FileWarnings warnings, const QString &out, Output kind,
    const QString &inName, const ConvertOptions &options)
{
    Writer writer(out, kind, options.root, inName);
    if (auto r = writer.begin(); !r)
        return r.error();
    auto bytes = writer.sections(tree, warnings);
    if (!bytes)
        return bytes.error();
    if (auto r = writer.write(*bytes); !r)
        return r.error();
    ConvertReport report;
    report.warnings = std::move(warnings);
    return finish(writer, std::move(report), options);
}

} // namespace

Result<ConvertReport> convertFile(const QString &in, const QString &out, const ConvertOptions &options)
{
    const std::optional<QString> root = path::canonical(options.root);
    if (!root || root->contains(QLatin1Char('\\')))
        return Error::invalid(tr("\"%1\" is not a registry root; use HKLM or HKCU").arg(options.root));
    ConvertOptions opts = options;
    opts.root = *root;

    const QString suffix = QFileInfo(out).suffix().toLower();
    Output kind;
    if (suffix == QLatin1String("reg"))
        kind = Output::Reg;
    else if (suffix == QLatin1String("pol"))
        kind = Output::Pol;
    else
        return Error::invalid(tr("the output file must end in .reg or .pol"), out);

    QFile f(in);
    if (!f.open(QIODevice::ReadOnly))
        return Error::notFound(tr("cannot read: %1").arg(f.errorString()), in);
    const QString inName = QFileInfo(in).fileName();
    switch (detectFileType(f.read(64), in)) {
    case FileType::RegFile:
        break;
    case FileType::PolFile: {
        if (f.size() > 256 * 1024 * 1024)
            return Error::unsupported(tr("a Registry.pol larger than 256 MiB is not a policy file"), in);
        f.seek(0);
        auto parsed = parsePolFile(f.readAll(), inName, opts.root);
        if (!parsed)
            return parsed.error();
        return convertWhole(std::move(*parsed), {}, out, kind, inName, opts);
    }
    default:
        return Error::invalid(tr("not a .reg file or Registry.pol"), in);
    }
    f.close();

    ReadOptions read = opts.read;
    read.keys.clear();
    {
        Writer writer(out, kind, opts.root, inName);
        if (auto r = writer.begin(); !r)
            return r.error();
        auto streamed = RegFileScanner::stream(
            in, read,
            [&writer](
                const RegTree &part, FileWarnings &warnings) { return writer.sections(part, warnings); },
            [&writer](const QByteArray &bytes) { return writer.write(bytes); });
        if (!streamed)
            return streamed.error();
        if (streamed->complete) {
            ConvertReport report;
            report.warnings = std::move(streamed->warnings);
            report.streamed = true;
            return finish(writer, std::move(report), opts);
        }
    }
    // Keys repeat across parts: the whole tree merges them (RegTree), so read it whole.
    auto parsed = RegFileScanner::read(in, read);
    if (!parsed)
        return parsed.error();
    return convertWhole(std::move(parsed->tree), std::move(parsed->warnings), out, kind, inName, opts);
}

} // namespace ssod::core::registry
