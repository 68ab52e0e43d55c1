#include "core/probe/KerberosErrorTable.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ssod::core::probe {

Result<KerberosErrorTable> KerberosErrorTable::parse(const QByteArray &json, const QString &source)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return Error::invalid(QStringLiteral("not valid JSON: %1").arg(pe.errorString()), source);
    const QJsonArray list = doc.object().value(QLatin1String("kdc_errors")).toArray();
    if (list.isEmpty())
        return Error::invalid(QStringLiteral("no \"kdc_errors\" array"), source);
    KerberosErrorTable t;
    for (const QJsonValue &v : list) {
        const QJsonObject o = v.toObject();
        Entry e;
        e.name = o.value(QLatin1String("name")).toString();
        e.finding = o.value(QLatin1String("finding")).toString();
        const QString where = source + QLatin1Char(':') + e.name;
        if (e.name.isEmpty() || e.finding.isEmpty())
            return Error::invalid(QStringLiteral("an entry needs a \"name\" and a \"finding\""), where);
        if (o.contains(QLatin1String("code")) == o.contains(QLatin1String("com_err")))
            return Error::invalid(QStringLiteral("an entry needs either a \"code\" or a \"com_err\""), where);
        if (o.contains(QLatin1String("code"))) {
            e.code = o.value(QLatin1String("code")).toInt(-1);
            if (e.code < 0 || e.code > 127)
                return Error::invalid(QStringLiteral("\"code\" is a protocol code 0-127"), where);
            e.comErr = comErrOf(e.code);
        } else {
            e.comErr = qint64(o.value(QLatin1String("com_err")).toDouble());
        }
        if (t.byComErr(e.comErr))
            return Error::invalid(QStringLiteral("code mapped twice"), where);
        t.m_entries << e;
    }
    return t;
}

const KerberosErrorTable &KerberosErrorTable::builtin()
{
    static const KerberosErrorTable table = [] {
        const QString dir = qEnvironmentVariable("SSOD_FINDINGS_DIR");
        QFile f((dir.isEmpty() ? QStringLiteral(":/findings") : dir) + QStringLiteral("/kerberos.json"));
        if (!f.open(QIODevice::ReadOnly)) {
            qWarning("Kerberos error table: cannot read %s", qPrintable(f.fileName()));
            return KerberosErrorTable();
        }
        auto t = parse(f.readAll(), f.fileName());
        if (!t) {
            qWarning("Kerberos error table: %s", qPrintable(t.error().toString()));
            return KerberosErrorTable();
        }
        return *t;
    }();
    return table;
}

const KerberosErrorTable::Entry *KerberosErrorTable::byComErr(qint64 comErr) const
{
    for (const Entry &e : m_entries)
        if (e.comErr == comErr)
            return &e;
    return nullptr;
}

int KerberosErrorTable::protocolCodeOf(qint64 comErr)
{
    const qint64 code = comErr - kErrorTableBase;
    return code >= 0 && code < 128 ? int(code) : -1;
}

} // namespace ssod::core::probe
