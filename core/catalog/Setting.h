#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace ssod::core::catalog {

/// One choice of an enum parameter ("on", "negotiate", …) and the template variables it sets.
struct Choice
{
    QString value;
    QString label;
    QString warning; ///< shown when this choice is picked (may be empty)
    QMap<QString, QString> vars;
};

/// What a setting takes after "=" on the command line and in a wizard.
struct Parameter
{
    enum class Kind { None, Enum, List, Int };
    Kind kind = Kind::None;
    QString label;
    QString defaultValue; ///< empty: a value is required (Enum/Int) or no default (List)
    QList<Choice> choices;
    QString itemPattern; ///< List: each item must match this regular expression
    QString itemHint;    ///< List: what a valid item looks like, for error messages
    QStringList placeholders; ///< List: words that only stand for a name ("host"), refused until replaced
    QString example;
    qint64 min = 0;
    qint64 max = 0;
};

/// One edit in the catalog, with ${var} templates still unresolved.
struct EditTemplate
{
    QString op; ///< set, delete, multi-sz-item, comma-list-item, numbered-list, set-each
    QString key;
    QString name;
    QString type; ///< for set / set-each
    QString data;
    QString item;  ///< for the *-item ops
    QString items; ///< for numbered-list, set-each and the *-item ops: "${value}" (one edit per list item)
    bool present = true;
    /// Skipped (not an error) when the target cannot hold the key, e.g. the Chrome half of a
    /// browser setting applied to a Firefox policies.json.
    bool optional = false;
};

/// A setting from resources/catalog: knowledge as data (STYLE.md).
struct Setting
{
    QString id;
    QString title;
    QString category;
    QString summary;
    QString explanation;
    QString side; ///< client, server, both
    QString riskLevel; ///< low, medium, high
    QString riskText;
    QString reference; ///< KB / document backing it
    QString gpoPath;   ///< empty when there is no Group Policy for it
    bool restart = false;
    Parameter parameter;
    QList<EditTemplate> edits;

    /// Registry locations the setting touches ("HKEY_LOCAL_MACHINE\…" → value names), for display.
    QStringList locations() const;
};

} // namespace ssod::core::catalog
