#include "app/cli/CliContext.h"

namespace ssod::cli {

core::Result<Args> Args::parse(const QStringList &argv, const QStringList &valued, const QStringList &flags)
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
        if (valued.contains(name)) {
            if (!inlineValue) {
                if (i + 1 >= argv.size())
                    return core::Error::invalid(QStringLiteral("option %1 needs a value").arg(name));
                value = argv[++i];
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

} // namespace ssod::cli
