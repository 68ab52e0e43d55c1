#include "core/evaluate/ZoneEvaluator.h"

#include "core/evaluate/PatternMatch.h"
#include "core/registry/RegPath.h"

namespace ssod::core::evaluate {

namespace {

const QString kPolicySettings
    = QStringLiteral("SOFTWARE\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings");
const QString kUserSettings
    = QStringLiteral("SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings");
const QString kHklm = QStringLiteral("HKEY_LOCAL_MACHINE\\");
const QString kHkcu = QStringLiteral("HKEY_CURRENT_USER\\");

/// Computer policy first: it is what a GPO deploys, and it is the one the catalog writes.
QStringList policyRoots(const QString &sub)
{
    return { kHklm + kPolicySettings + sub, kHkcu + kPolicySettings + sub };
}

/// Where a zone's settings may be: policy (machine, then user), then the user's own settings,
/// then the machine's (Windows reads HKCU unless "Security_HKLM_only" is set; not evaluated).
QStringList zoneSettingKeys(int zone)
{
    const QString sub = QStringLiteral("\\Zones\\%1").arg(zone);
    return { kHklm + kPolicySettings + sub, kHkcu + kPolicySettings + sub, kHkcu + kUserSettings + sub,
        kHklm + kUserSettings + sub };
}

QString logonWords(quint32 v)
{
    switch (v) {
    case 0x00000:
        return ZoneEvaluator::tr("automatic logon with current user name and password");
    case 0x10000:
        return ZoneEvaluator::tr("prompt for user name and password");
    case 0x20000:
        return ZoneEvaluator::tr("automatic logon only in Intranet zone");
    case 0x30000:
        return ZoneEvaluator::tr("anonymous logon");
    default:
        break;
    }
    return ZoneEvaluator::tr("unknown setting 0x%1").arg(v, 5, 16, QLatin1Char('0'));
}

} // namespace

QString ZoneEvaluator::zoneName(int zone)
{
    switch (zone) {
    case 0:
        return tr("My Computer");
    case 1:
        return tr("Local Intranet");
    case 2:
        return tr("Trusted Sites");
    case 3:
        return tr("Internet");
    case 4:
        return tr("Restricted Sites");
    default:
        break;
    }
    return tr("zone %1").arg(zone);
}

QString ZoneEvaluator::zoneMapKey()
{
    return kHklm + kPolicySettings + QStringLiteral("\\ZoneMapKey");
}

Result<ZoneVerdict> ZoneEvaluator::evaluate(const PolicyReader &reader, const QUrl &url)
{
    ZoneVerdict v;
    const QString host = url.host();

    // 1. Site to Zone Assignment List: the most specific matching site decides.
    int best = -1;
    for (const QString &key : policyRoots(QStringLiteral("\\ZoneMapKey"))) {
        auto values = reader.list(key);
        if (!values)
            return values.error();
        for (const ListValue &lv : *values) {
            ConsideredEntry e { QStringLiteral("ZoneMapKey"), key, lv.valueName, lv.valueName, false, true,
                {} };
            bool ok = false;
            const int zone = lv.text.trimmed().toInt(&ok);
            const pattern::ZoneMatch m = pattern::zoneMapEntry(lv.valueName, url);
            e.matched = m.matched;
            e.note = m.note;
            if (!lv.isString || !ok || zone < 0 || zone > 4) {
                e.applies = false;
                e.note = tr("zone must be the string \"1\" to \"4\": entry ignored");
            } else {
                if (e.note.isEmpty())
                    e.note = tr("zone %1 (%2)").arg(zone).arg(zoneName(zone));
                if (m.matched && m.specificity > best) {
                    best = m.specificity;
                    v.zone = zone;
                    v.zoneDecidedBy = { QStringLiteral("ZoneMapKey"), key, lv.valueName, lv.text.trimmed(),
                        tr("Site to Zone Assignment List: %1\\%2 = \"%3\" (%4)")
                            .arg(shortKey(key), lv.valueName, lv.text.trimmed(), zoneName(zone)) };
                }
            }
            v.considered << e;
        }
    }

    // 2. Not mapped: Windows puts host names without a dot in Local Intranet ("IntranetName",
    //    on by default; MS KB 182569), everything else in Internet.
    if (best < 0) {
        if (pattern::isDotless(host)) {
            QStringList keys = policyRoots(QStringLiteral("\\ZoneMap"));
            keys << kHkcu + kUserSettings + QStringLiteral("\\ZoneMap");
            std::optional<PolicySource> src;
            bool intranet = true;
            for (const QString &key : keys) {
                auto d = reader.dword(key, QStringLiteral("IntranetName"));
                if (!d)
                    return d.error();
                if (d->number) {
                    intranet = *d->number != 0;
                    src = PolicySource { QStringLiteral("IntranetName"), key, QStringLiteral("IntranetName"),
                        d->display, tr("%1\\IntranetName = %2").arg(shortKey(key), d->display) };
                    break;
                }
            }
            v.zone = intranet ? 1 : 3;
            v.zoneDecidedBy = src.value_or(PolicySource { QStringLiteral("Windows default"), {}, {}, {},
                tr("not in the Site to Zone Assignment List; \"%1\" has no dot, and Windows counts such "
                   "names as Local "
                   "Intranet by default")
                    .arg(host) });
            if (!src)
                v.notes << tr(
                    "Dotless names count as Local Intranet only while intranet detection is on (the default "
                    "on domain-joined computers); on a workgroup computer Windows may treat them as "
                    "Internet.");
        } else {
            v.zone = 3;
            v.zoneDecidedBy = { QStringLiteral("Windows default"), {}, {}, {},
                tr("\"%1\" is not in the Site to Zone Assignment List, and a name with dots or an IP "
                   "address is in the Internet zone unless it is mapped")
                    .arg(host) };
        }
    }

    // 3. The zone's logon option.
    for (const QString &key : zoneSettingKeys(v.zone)) {
        auto d = reader.dword(key, QStringLiteral("1A00"));
        if (!d)
            return d.error();
        if (d->number) {
            v.logonPolicy = *d->number;
            v.logonPolicyConfigured = true;
            v.logonDecidedBy = { QStringLiteral("1A00"), key, QStringLiteral("1A00"), d->display,
                tr("%1\\1A00 = %2 (%3)").arg(shortKey(key), d->display, logonWords(*d->number)) };
            break;
        }
    }
    if (!v.logonPolicyConfigured) {
        // Zone templates: Restricted Sites (High) prompts; the others default to Intranet-only.
        v.logonPolicy = v.zone == 4 ? 0x10000 : 0x20000;
        v.logonDecidedBy = { QStringLiteral("Windows default"), {}, {}, {},
            tr("%1 zone default: %2").arg(zoneName(v.zone), logonWords(v.logonPolicy)) };
    }
    v.automaticLogon = v.logonPolicy == 0x00000 || (v.logonPolicy == 0x20000 && v.zone == 1);
    if (v.zone == 2 && !v.automaticLogon)
        v.notes << tr(
            "Trusted Sites do not log on automatically by default: set its \"Logon options\" (1A00) to "
            "0 (automatic logon with current user name and password), or map the site to Local Intranet.");
    return v;
}

} // namespace ssod::core::evaluate
