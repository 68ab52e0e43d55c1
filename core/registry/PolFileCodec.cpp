#include "core/registry/PolFileCodec.h"

namespace ssod::core::registry {

Result<RegTree> parsePolFile(const QByteArray &, const QString &fileName, const QString &)
{
    return Error::unsupported(QStringLiteral("not implemented yet"), fileName);
}

Result<QByteArray> writePolFile(const RegTree &, const QString &)
{
    return Error::unsupported(QStringLiteral("not implemented yet"));
}

} // namespace ssod::core::registry
