#include "core/directory/HostResolver.h"

#include <QCoreApplication>

namespace ssod::core::directory {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("HostResolver", text);
}

/// DNS names compare case-insensitively and without the root dot.
QString normalized(const QString &name)
{
    QString n = name.trimmed().toLower();
    while (n.endsWith(QLatin1Char('.')))
        n.chop(1);
    return n;
}

} // namespace

Result<HostResolution> HostResolver::canonicalName(const QString &host, const std::atomic<bool> *cancel)
{
    HostResolution out;
    QString name = normalized(host);
    auto answer = lookup(name);
    // A one-label name resolves through the search domains, as the system resolver (and so every
    // client) resolves it: "web01" becomes web01.corp.test.
    if (!answer && answer.error().code == Error::Code::NotFound && !name.contains(QLatin1Char('.'))) {
        for (const QString &domain : searchDomains()) {
            const QString candidate = name + QLatin1Char('.') + normalized(domain);
            auto qualified = lookup(candidate);
            if (qualified || qualified.error().code != Error::Code::NotFound) {
                answer = qualified;
                name = candidate;
                out.searchedName = candidate;
                break;
            }
        }
    }
    QStringList seen { name };
    for (;;) {
        if (!answer) {
            // A name reached through a CNAME that does not resolve is a dangling alias: say which.
            if (!out.cnameChain.isEmpty() && answer.error().code == Error::Code::NotFound)
                return Error::notFound(tr("%1 is an alias (CNAME) of %2, which does not resolve; fix the "
                                          "CNAME or add the record of %2")
                                           .arg(seen.first(), name));
            return answer.error();
        }
        if (answer->cname.isEmpty()) {
            out.canonicalName = name;
            out.addresses = answer->addresses;
            return out;
        }
        const QString next = normalized(answer->cname);
        if (seen.contains(next))
            return Error::invalid(tr("the CNAME chain of %1 loops (%2 -> %3): no client can resolve it; fix "
                                     "DNS so the chain ends at an A or AAAA record")
                                      .arg(seen.first(), seen.join(QStringLiteral(" -> ")), next));
        if (out.cnameChain.size() >= kMaxCnameHops)
            return Error::invalid(tr("the CNAME chain of %1 is longer than %2 hops (%3 -> ...): fix DNS so "
                                     "the name points at its host in one or two hops")
                                      .arg(seen.first())
                                      .arg(kMaxCnameHops)
                                      .arg(seen.join(QStringLiteral(" -> "))));
        out.cnameChain << next;
        seen << next;
        name = next;
        if (cancel && cancel->load())
            return Error::io(tr("cancelled"));
        answer = lookup(name);
    }
}

} // namespace ssod::core::directory
