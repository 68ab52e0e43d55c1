#include "app/cli/CliContext.h"

namespace ssod::cli {

int runEvaluate(const Context &ctx, const QStringList &)
{
    return ctx.usage(QStringLiteral("evaluate: not available in this build"));
}

} // namespace ssod::cli
