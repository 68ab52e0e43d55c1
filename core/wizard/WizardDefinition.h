#pragma once

#include "core/catalog/Catalog.h"
#include "core/util/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ssod::core::wizard {

/// Where a wizard's change goes.
enum class TargetKind {
    LiveRegistry, ///< this computer's registry (Windows builds only)
    Hive,         ///< an offline hive file (SOFTWARE, SYSTEM, NTUSER.DAT)
    RegFile,      ///< a .reg file
    PolFile,      ///< a Registry.pol (a GPO's Machine/Registry.pol)
    PolicyJson,   ///< a browser policy file (Chromium managed policy, Firefox policies.json)
    ExportOnly,   ///< no target: render an export
};

/// "registry", "hive", "reg", "pol", "json", "export" ⇄ TargetKind (the names wizards.json uses).
QString targetKindName(TargetKind kind);
std::optional<TargetKind> targetKindFromName(const QString &name);

/// A catalog setting with the value a profile gives it.
struct WizardAssignment
{
    QString setting;
    QString value;
};

/// One choice on the Options page, e.g. "Standard host" vs "Session-connector host".
struct WizardProfile
{
    QString id;
    QString label;
    QString tradeOff; ///< what this choice costs, shown beside it
    QList<WizardAssignment> settings;
};

/// Settings the user edits or switches on: an enum → combo box, a list → the shared list editor.
struct WizardOption
{
    QString id;
    QStringList settings; ///< catalog ids, switched on and off together
    QString label;
    QString explanation;
    bool optional = false;    ///< shown as a check box
    bool defaultOn = true;    ///< for optional options
    QStringList profiles;     ///< shown only for these profiles; empty = always
};

struct WizardListTemplate
{
    QString label;
    QString item;
};

/// The one list all list options share (the farm's SPNs, the browser's sites).
struct WizardList
{
    QString label;
    QString explanation;
    QStringList defaultItems;
    QList<WizardListTemplate> templates;
};

/**
 * One helpdesk flow, read from resources/wizards/wizards.json. Every wizard has the same six pages;
 * what differs — the words, the settings, the choices — is data, so one generic wizard class shows
 * them all (STYLE.md: knowledge as data).
 */
struct WizardDefinition
{
    /// What the wizard changes: the registry and policy files (the default, SettingsWizard) or
    /// "spn-registration" (SPNs in the directory; only the words come from the data).
    enum class Kind { Settings, SpnRegistration, CertificateCheck };
    Kind kind = Kind::Settings;
    QString id;
    QString title;
    QString summary;
    QStringList symptoms; ///< in the user's words
    QString cause;
    QString wrongWizardWhen;
    QList<WizardProfile> profiles; ///< empty: nothing to choose
    QList<WizardOption> options;
    WizardList list;
    bool rdpCheck = false; ///< offer "Check an .rdp file…" on the Options page
    QList<TargetKind> targets;
    QStringList warnings; ///< shown on the Review page whatever was chosen
    QString verifyHint;
    QString reminder; ///< shown after applying, e.g. "turn logging off again"

    const WizardProfile *findProfile(const QString &id) const;
    /// True when some option edits a list (the Options page then shows the list editor).
    bool usesList(const catalog::Catalog &catalog) const;
};

/// Parses and validates \a json against \a catalog: every setting id must exist, every value must
/// be valid for its setting. Errors name the file, the wizard and the field.
Result<QList<WizardDefinition>> loadWizards(const QByteArray &json, const QString &fileName,
                                            const catalog::Catalog &catalog);
/// The definitions compiled into the binary (":/wizards/*.json"); SSOD_WIZARDS_DIR overrides it.
Result<QList<WizardDefinition>> loadBuiltinWizards(const catalog::Catalog &catalog);

} // namespace ssod::core::wizard
