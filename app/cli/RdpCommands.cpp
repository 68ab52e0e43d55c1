#include "app/cli/CliContext.h"

namespace ssod::cli {

int runRdp(const Context &ctx, const QStringList &)
{
    return ctx.usage(QStringLiteral("rdp: not available in this build"));
}

} // namespace ssod::cli
