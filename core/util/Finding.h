#pragma once

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QVariantMap>
#include <optional>

namespace ssod::core {

/// How bad a finding is. Ordered: a larger value is worse.
enum class Severity { Ok, Info, Warning, Error };

/// "ok", "info", "warning", "error": the names the CLI's --json and the bundles use.
QString severityName(Severity s);
std::optional<Severity> severityFromName(const QString &name);

/**
 * What a finding proposes to change, named so the GUI can open the tool that does it and a script
 * can act on it: a catalog setting ("delegation.default-credentials"), a wizard ("root-update"), an
 * SPN action ("spn-add"), or a setting of the .rdp file being linted ("enablecredsspsupport").
 */
struct FindingFix {
    enum class Kind { Setting, Wizard, Spn, RdpFile };
    Kind kind = Kind::Wizard;
    QString id;
    QString text; ///< one line for a helpdesk reader: what the fix does
    /// What the tool should be opened with: {"spn": "HTTP/web.lab.test", "account": "svc_web"},
    /// {"value": "1"}, {"host": "rdsh01.lab.test"}.
    QVariantMap inputs;
};

/// One fact behind a finding, as shown: "CNAME chain" → "app.lab.test → web01.lab.test".
struct Evidence {
    QString label;
    QString value;
};

/**
 * The one finding type of every producer: probes, the .rdp linter, service checks, bundles. The GUI
 * shows, the CLI prints and a bundle stores findings one way.
 */
struct Finding {
    QString id; ///< stable, e.g. "dns.cname", "kerberos.spn-unknown", "rdp.enablecredsspsupport"
    Severity severity = Severity::Info;
    QString title; ///< one line
    QString explanation; ///< why it matters, for a helpdesk reader
    QString subject; ///< what it is about: a host, URL, SPN or setting
    QList<Evidence> evidence;
    std::optional<FindingFix> fix;
    QString reference; ///< a document or KB article, when one helps
    /// The step of the Kerberos flow it belongs to ("dns", "kdc-as", "kdc-tgs", "service", "tls"),
    /// for the Diagnose page's picture; empty when it is about none.
    QString step;
};

QString fixKindName(FindingFix::Kind kind);
QJsonObject fixToJson(const FindingFix &fix);
/// {"id","severity","title","explanation","subject","evidence":[{label,value}],"fix":{…}|null,…}
QJsonObject findingToJson(const Finding &f);
/// The worst severity of \a findings; Ok for none.
Severity worstSeverity(const QList<Finding> &findings);

} // namespace ssod::core

Q_DECLARE_METATYPE(ssod::core::Finding)
