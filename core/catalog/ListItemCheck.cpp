#include "core/catalog/ListItemCheck.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace ssod::core::catalog {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ssod::core::catalog::ListItemCheck", text);
}

/// "TERMSRV/rdsh01.contoso.com:3389" → "rdsh01.contoso.com"; a site keeps its host part.
QString hostPart(const QString &item)
{
    QString host = item;
    if (const qsizetype scheme = host.indexOf(QLatin1String("://")); scheme >= 0)
        host = host.mid(scheme + 3);
    else if (const qsizetype slash = host.indexOf(QLatin1Char('/')); slash >= 0)
        host = host.mid(slash + 1);
    if (const qsizetype port = host.indexOf(QLatin1Char(':')); port >= 0)
        host.truncate(port);
    return host;
}

/// "…; expected portal.contoso.com, *.contoso.com …": what a valid entry looks like.
QString withHint(const QString &problem, const Parameter &p)
{
    return p.itemHint.isEmpty() ? problem : tr("%1 (expected %2)").arg(problem, p.itemHint);
}

} // namespace

QString listItemProblem(const Parameter &p, const QString &rawItem)
{
    const QString item = rawItem.trimmed();
    if (item.isEmpty())
        return tr("the entry is empty");
    if (const qsizetype space = item.indexOf(QRegularExpression(QStringLiteral("\\s"))); space >= 0)
        return withHint(tr("\"%1\" contains a space after \"%2\"; names have no spaces, remove it")
                            .arg(item, item.left(space)),
            p);
    // A bare * matches every server of every service: the catalog's risk text says never.
    if (item == QLatin1String("*"))
        return withHint(
            tr("a bare * would send the signed-in user's credentials to every server; name the servers"), p);
    static const QRegularExpression spn(QStringLiteral("^([^/:]*)/(.*)$"));
    if (const auto m = spn.match(item); m.hasMatch() && !item.contains(QLatin1String("://"))) {
        if (m.captured(1).isEmpty())
            return tr("\"%1\" has no service class before the /; write e.g. TERMSRV%1").arg(item);
        if (m.captured(2).isEmpty())
            return tr("\"%1\" has no server after the /; write e.g. %1rdsh01.contoso.com or %1*.contoso.com")
                .arg(item);
    }
    // The quick-add templates insert words such as "host" that only stand for a real name.
    const QStringList labels = hostPart(item).split(QLatin1Char('.'));
    for (const QString &placeholder : p.placeholders)
        if (labels.contains(placeholder, Qt::CaseInsensitive))
            return tr("\"%1\" still holds the placeholder \"%2\"; replace it with a real name")
                .arg(item, placeholder);
    if (!p.itemPattern.isEmpty() && !QRegularExpression(p.itemPattern).match(item).hasMatch())
        return tr("\"%1\" is not valid; expected %2").arg(item, p.itemHint);
    return {};
}

} // namespace ssod::core::catalog
