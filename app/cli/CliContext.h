#pragma once

#include "core/catalog/Catalog.h"
#include "core/util/FileWarning.h"
#include "core/util/Result.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QTextStream>

namespace ssod::cli {

/// Exit codes are part of the CLI contract: scripts test them.
enum Exit { Ok = 0, ChangesNeeded = 1, BadInput = 2 };

/// Parsed command line: positional words and --options (with or without a value).
class Args final
{
public:
    /// \a valued: options that take a value ("--to", "-o", …); others are flags. \a repeated:
    /// options that take a value and may be given more than once ("--target A --target B").
    static core::Result<Args> parse(const QStringList &argv, const QStringList &valued, const QStringList &flags,
        const QStringList &repeated = {});

    const QStringList &positional() const { return m_positional; }
    bool flag(const QString &name) const { return m_flags.contains(name); }
    QString option(const QString &name) const { return m_options.value(name); }
    bool has(const QString &name) const { return m_options.contains(name); }
    /// Every value of a repeated option, in the order given.
    QStringList values(const QString &name) const { return m_repeated.value(name); }

private:
    QStringList m_positional;
    QStringList m_flags;
    QHash<QString, QString> m_options;
    QHash<QString, QStringList> m_repeated;
};

/// Shared by all commands: the catalog and the output streams.
struct Context
{
    const core::catalog::Catalog &catalog;
    QTextStream &out;
    QTextStream &err;

    /// Prints "ssodoctor-cli: <location>: <message>" on stderr and returns BadInput.
    int fail(const core::Error &e) const;
    int usage(const QString &message) const;

    /// Prints each warning on stderr ("warning: file:line: …") and a summary of how many values
    /// were skipped, read one of two ways or left out. True when \a strict turns them into an error:
    /// the caller then stops before writing anything and exits with BadInput.
    bool reportFileWarnings(const core::FileWarnings &warnings, bool strict) const;
};

/// "1 change", "2 changes": the CLI speaks English only, so the plural is chosen here.
QString changes(qsizetype n);

/// The "fileWarnings" array of --json outputs: kind, location, key, value, message per warning.
QJsonArray fileWarningsToJson(const core::FileWarnings &warnings);

/// Adds \a warnings to a --json result: structured as "fileWarnings", and as text lines appended to
/// its "warnings" array (created when missing), which scripts already print.
void addFileWarnings(QJsonObject &o, const core::FileWarnings &warnings);

int runSettings(const Context &ctx, const QStringList &argv);
int runPlan(const Context &ctx, const QStringList &argv);
int runApply(const Context &ctx, const QStringList &argv);
int runUndo(const Context &ctx, const QStringList &argv);
int runExport(const Context &ctx, const QStringList &argv);
int runConvert(const Context &ctx, const QStringList &argv);
int runEvaluate(const Context &ctx, const QStringList &argv);
int runEvaluatePortal(const Context &ctx, const QStringList &argv);
/// check iis | winrm | host: service-side checks from the service's own files.
int runCheck(const Context &ctx, const QStringList &argv);
int runRdp(const Context &ctx, const QStringList &argv);
int runSpn(const Context &ctx, const QStringList &argv);
/// spn predict, with the options runSpn parsed.
int runSpnPredict(const Context &ctx, const Args &args);
int runDelegationShow(const Context &ctx, const QStringList &argv);
int runDirectory(const Context &ctx, const QStringList &argv);
/// probe KIND TARGET (ProbeCommands.cpp).
int runProbeCommand(const Context &ctx, const QStringList &argv);
/// diagnose --scenario ID --target T… (ProbeCommands.cpp).
int runDiagnose(const Context &ctx, const QStringList &argv);
int runDecode(const Context &ctx, const QStringList &argv);

} // namespace ssod::cli
