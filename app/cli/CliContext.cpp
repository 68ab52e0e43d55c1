#include "app/cli/CliContext.h"

#include <QCoreApplication>

namespace ssod::cli {

core::Result<Args> Args::parse(const QStringList &argv, const QStringList &valued, const QStringList &flags,
    const QStringList &repeated)
{
    Args a;
    for (qsizetype i = 0; i < argv.size(); ++i) {
        const QString &w = argv[i];
        if (w == QLatin1String("--")) {
            a.m_positional += argv.mid(i + 1);
            break;
        }
        if (!w.startsWith(QLatin1Char('-')) || w == QLatin1String("-")) {
            a.m_positional << w;
            continue;
        }
        QString name = w;
        QString value;
        bool inlineValue = false;
        if (const qsizetype eq = w.indexOf(QLatin1Char('=')); eq > 0 && w.startsWith(QLatin1String("--"))) {
            name = w.left(eq);
            value = w.mid(eq + 1);
            inlineValue = true;
        }
        if (valued.contains(name) || repeated.contains(name)) {
            if (!inlineValue) {
                if (i + 1 >= argv.size())
                    return core::Error::invalid(QStringLiteral("option %1 needs a value").arg(name));
                value = argv[++i];
            }
            if (repeated.contains(name)) {
                a.m_repeated[name] << value;
                continue;
            }
            if (a.m_options.contains(name))
                return core::Error::invalid(QStringLiteral("option %1 given twice").arg(name));
            a.m_options.insert(name, value);
        } else if (flags.contains(name) && !inlineValue) {
            a.m_flags << name;
        } else {
            return core::Error::invalid(QStringLiteral("unknown option %1").arg(name));
        }
    }
    return a;
}

int Context::fail(const core::Error &e) const
{
    err << "ssodoctor-cli: " << e.toString() << Qt::endl;
    return BadInput;
}

int Context::usage(const QString &message) const
{
    err << "ssodoctor-cli: " << message << Qt::endl;
    return BadInput;
}

QString changes(qsizetype n)
{
    return n == 1 ? QStringLiteral("1 change") : QStringLiteral("%1 changes").arg(n);
}

namespace {

/// English has two forms; translators get both, each with Qt's %n numerus forms.
QString counted(qsizetype n, const char *one, const char *many)
{
    return QCoreApplication::translate("ssodoctor-cli", n == 1 ? one : many, nullptr, int(n));
}

} // namespace

bool Context::reportFileWarnings(const core::FileWarnings &warnings, bool strict) const
{
    if (warnings.isEmpty())
        return false;
    using Kind = core::FileWarning::Kind;
    const char *prefix = strict ? "error: " : "warning: ";
    for (const core::FileWarning &w : warnings)
        err << prefix << w.toString() << "\n";
    qsizetype values = 0;
    qsizetype keys = 0;
    for (const core::FileWarning &w : warnings)
        if (w.kind == Kind::Skipped)
            ++(w.aboutValue ? values : keys);
    QStringList parts;
    if (values > 0)
        parts << counted(values, "%n value could not be read and was skipped",
            "%n values could not be read and were skipped");
    if (keys > 0)
        parts << counted(keys, "%n key line could not be read and was skipped",
            "%n key lines could not be read and were skipped");
    if (values + keys > 0)
        parts.last() += counted(values + keys, " (regedit skips it too and imports the rest)",
            " (regedit skips them too and imports the rest)");
    if (const qsizetype n = core::countWarnings(warnings, Kind::Reinterpreted))
        parts << counted(
            n, "%n value was read one of two possible ways", "%n values were read one of two possible ways");
    if (const qsizetype n = core::countWarnings(warnings, Kind::Lost))
        parts << counted(n, "%n instruction cannot be expressed in the output",
            "%n instructions cannot be expressed in the output");
    err << "ssodoctor-cli: " << parts.join(QStringLiteral("; "));
    if (strict)
        err << QCoreApplication::translate(
            "ssodoctor-cli", "; --strict treats this as an error, nothing was written");
    err << "." << Qt::endl;
    return strict;
}

QJsonArray fileWarningsToJson(const core::FileWarnings &warnings)
{
    QJsonArray out;
    for (const core::FileWarning &w : warnings) {
        QJsonObject o { { QStringLiteral("kind"), w.kindName() }, { QStringLiteral("location"), w.location },
            { QStringLiteral("message"), w.message } };
        if (!w.key.isEmpty())
            o.insert(QStringLiteral("key"), w.key);
        if (w.aboutValue)
            o.insert(QStringLiteral("value"), w.valueName);
        out.append(o);
    }
    return out;
}

void addFileWarnings(QJsonObject &o, const core::FileWarnings &warnings)
{
    o.insert(QStringLiteral("fileWarnings"), fileWarningsToJson(warnings));
    QJsonArray text = o.value(QStringLiteral("warnings")).toArray();
    for (const core::FileWarning &w : warnings)
        text.append(w.toString());
    o.insert(QStringLiteral("warnings"), text);
}

} // namespace ssod::cli
