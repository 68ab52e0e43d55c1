#include "ui/directory/DirectoryFacts.h"

namespace ssod::ui {

using core::directory::Account;
using core::directory::DelegationReport;
using Severity = DirectoryFact::Severity;

QString DirectoryFact::severityText(Severity s)
{
    switch (s) {
    case Severity::Ok:
        return DirectoryFacts::tr("\u2714 OK");
    case Severity::Info:
        return DirectoryFacts::tr("\u2139 Info");
    case Severity::Warning:
        return DirectoryFacts::tr("\u26A0 Risk");
    case Severity::Problem:
        break;
    }
    return DirectoryFacts::tr("\u2716 Problem");
}

QColor DirectoryFact::severityColor(Severity s)
{
    // Dark enough for text on a light background (contrast ≥ 4.5:1).
    switch (s) {
    case Severity::Ok:
        return {0x2e, 0x7d, 0x32};
    case Severity::Info:
        return {0x15, 0x65, 0xc0};
    case Severity::Warning:
        return {0x9a, 0x5b, 0x00};
    case Severity::Problem:
        break;
    }
    return {0xc6, 0x28, 0x28};
}

QList<DirectoryFact> DirectoryFacts::delegation(const DelegationReport &r)
{
    QList<DirectoryFact> out;
    const QString name = r.account.samAccountName;
    if (r.unconstrained)
        out << DirectoryFact{Severity::Warning, tr("Unconstrained delegation"),
            tr("Yes (trusted for delegation to any service). Services running as %1 receive the "
               "ticket-granting ticket of every user who connects and can act as them anywhere in the "
               "domain. Prefer constrained or resource-based delegation.")
                .arg(name)};
    else
        out << DirectoryFact{Severity::Ok, tr("Unconstrained delegation"), tr("No.")};

    if (r.constrained.isEmpty()) {
        out << DirectoryFact{Severity::Info, tr("Constrained delegation"), tr("None: %1 may not delegate to "
                                                                              "named services.")
                                                                               .arg(name)};
    } else {
        out << DirectoryFact{Severity::Info, tr("Constrained delegation"),
            tr("%1 may act for users towards %n services, listed below.", nullptr, int(r.constrained.size()))
                .arg(name)};
        for (const auto &t : r.constrained) {
            if (t.holders.isEmpty())
                out << DirectoryFact{Severity::Problem, tr("Target %1").arg(t.spn),
                    tr("No account holds this SPN, so delegation to it fails "
                       "(the KDC answers KDC_ERR_S_PRINCIPAL_UNKNOWN). Register the SPN on the service's "
                       "account, or remove the target.")};
            else if (t.holders.size() > 1)
                out << DirectoryFact{Severity::Problem, tr("Target %1").arg(t.spn),
                    tr("Held by %1: a duplicate SPN, so tickets for it are encrypted for one of them at "
                       "random and delegation to it fails for the other.")
                        .arg(t.holders.join(QStringLiteral(", ")))};
            else
                out << DirectoryFact{Severity::Ok, tr("Target %1").arg(t.spn), tr("Exists: held by %1.").arg(t.holders.first())};
        }
    }
    if (r.protocolTransition)
        out << DirectoryFact{Severity::Warning, tr("Protocol transition"),
            tr("Yes (use any authentication protocol). %1 can obtain a ticket for any user to itself "
               "without that user's password or ticket (S4U2Self), and pass it on to its targets. Needed "
               "when users sign in with forms or NTLM; otherwise choose Kerberos only.")
                .arg(name)};
    else if (!r.constrained.isEmpty())
        out << DirectoryFact{Severity::Ok, tr("Protocol transition"),
            tr("No (Kerberos only): users must have signed in with Kerberos to be delegated.")};

    const QStringList rbcd = r.resourceBased + r.resourceBasedUnresolved;
    if (rbcd.isEmpty())
        out << DirectoryFact{Severity::Info, tr("Resource-based delegation"),
            tr("None: no account is allowed to delegate to %1.").arg(name)};
    else
        out << DirectoryFact{Severity::Info, tr("Resource-based delegation"),
            tr("These accounts may act for users towards %1: %2.").arg(name, rbcd.join(QStringLiteral(", ")))};
    if (!r.resourceBasedUnresolved.isEmpty())
        out << DirectoryFact{Severity::Warning, tr("Resource-based delegation"),
            tr("%n SIDs in the descriptor match no account (deleted accounts?).", nullptr,
                int(r.resourceBasedUnresolved.size()))};

    if (r.sensitive)
        out << DirectoryFact{Severity::Info, tr("Sensitive account"),
            tr("Yes (sensitive and cannot be delegated): no service can act as %1, whatever its own "
               "delegation settings.")
                .arg(name)};
    else
        out << DirectoryFact{Severity::Info, tr("Sensitive account"),
            tr("No: services trusted for delegation can act as %1.").arg(name)};
    if (r.protectedUsers)
        out << DirectoryFact{Severity::Info, tr("Protected Users"),
            tr("Member: %1 is never delegated, cannot use NTLM, DES or RC4, and its tickets last 4 hours.").arg(name)};
    else
        out << DirectoryFact{Severity::Info, tr("Protected Users"), tr("Not a member.")};

    const quint32 etypes = r.encryptionTypes.value_or(0x1C);
    const QString names = core::directory::encryptionTypeNames(etypes).join(QStringLiteral(", "));
    const bool aes = etypes & (0x8 | 0x10);
    const bool weak = etypes & (0x1 | 0x2 | 0x4);
    const QString set = r.encryptionTypes ? tr("%1.").arg(names) : tr("%1 (not set: the domain default).").arg(names);
    if (!aes)
        out << DirectoryFact{Severity::Problem, tr("Encryption types"),
            set + QLatin1Char(' ') + tr("No AES: clients that disabled RC4 and DES cannot get tickets for it.")};
    else if (weak && r.encryptionTypes)
        out << DirectoryFact{Severity::Warning, tr("Encryption types"),
            set + QLatin1Char(' ') + tr("Also allows weak DES or RC4 keys.")};
    else
        out << DirectoryFact{Severity::Ok, tr("Encryption types"), set};
    return out;
}

QString DirectoryFacts::toHtml(const QList<DirectoryFact> &facts)
{
    QString h = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\">");
    for (const auto &f : facts)
        h += QStringLiteral("<tr><td style=\"white-space:nowrap\"><b style=\"color:%1\">%2</b></td>"
                            "<td><b>%3:</b> %4</td></tr>")
                 .arg(DirectoryFact::severityColor(f.severity).name(),
                     DirectoryFact::severityText(f.severity).toHtmlEscaped(), f.topic.toHtmlEscaped(),
                     f.text.toHtmlEscaped());
    return h + QStringLiteral("</table>");
}

QString DirectoryFacts::kindOf(const Account &a)
{
    const auto has = [&](const char *c) { return a.objectClasses.contains(QLatin1String(c), Qt::CaseInsensitive); };
    if (has("msDS-GroupManagedServiceAccount"))
        return tr("group managed service account");
    if (has("msDS-ManagedServiceAccount"))
        return tr("managed service account");
    if (has("computer"))
        return tr("computer");
    return tr("user");
}

} // namespace ssod::ui
