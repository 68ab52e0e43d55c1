#include "core/registry/RegFileCodec.h"

namespace ssod::core::registry {

Result<ParsedRegFile> parseRegFile(const QByteArray &, const QString &fileName)
{
    return Error::unsupported(QStringLiteral("not implemented yet"), fileName);
}

QByteArray writeRegFile(const RegTree &, RegFileFormat, const QStringList &)
{
    return {};
}

} // namespace ssod::core::registry
