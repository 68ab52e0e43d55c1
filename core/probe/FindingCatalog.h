#pragma once

#include "core/util/Finding.h"
#include "core/util/Result.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QVariantMap>

namespace ssod::core::probe {

/**
 * The texts of every finding a probe can produce, as data (the JSON files of resources/findings): severity,
 * title, explanation, the Kerberos-flow step and the fix, with {placeholders} the probe fills in
 * and plural words chosen by a number ({count:server|servers}).
 * A probe names the finding and gives the facts; the words live in one place a reviewer can read.
 */
class FindingCatalog final {
public:
    struct Entry {
        QString id;
        Severity severity = Severity::Info;
        QString step;
        QString title;
        QString explanation;
        QString reference;
        std::optional<FindingFix> fix; ///< its text may hold placeholders; inputs come from make()
    };

    /// Reads \a json (one file's text); \a source names it in errors.
    static Result<FindingCatalog> parse(const QByteArray &json, const QString &source);
    /// The built-in catalog (":/findings", or $SSOD_FINDINGS_DIR), read once; thread-safe.
    static const FindingCatalog &builtin();
    /// Every file of \a dir merged; an id defined twice is an error.
    static Result<FindingCatalog> loadDir(const QString &dir);

    const Entry *entry(const QString &id) const;
    QStringList ids() const { return m_order; }

    /**
     * The finding \a id about \a subject, its {name} placeholders replaced from \a args (a missing
     * one stays visible as "{name}", which tests catch). An unknown id gives an Error-severity
     * finding saying so, never a crash: the catalog test checks every id the probes use exists.
     */
    Finding make(const QString &id, const QString &subject, const QVariantMap &args = {},
        const QList<Evidence> &evidence = {}, const QVariantMap &fixInputs = {}) const;

    /// Replaces each {key} of \a text with args[key], and each {key:one|other} with "one" when
    /// args[key] is the number 1, else "other" (left as it is when args[key] is not a number).
    static QString fill(QString text, const QVariantMap &args);

private:
    QHash<QString, Entry> m_entries;
    QStringList m_order;
};

} // namespace ssod::core::probe
