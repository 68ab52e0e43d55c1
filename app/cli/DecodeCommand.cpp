// `decode TOKEN-OR-HEADER [--json]`: explains a pasted Negotiate/NTLM/Kerberos token. Real tokens
// run to thousands of characters, so "-" reads it from standard input. Exit 0 decoded, 2 when the
// input is not a token or decoding stopped early (the partial explanation is still printed).
#include "app/cli/CliContext.h"
#include "core/probe/TokenDecoder.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ssod::cli {

using namespace core::probe;

namespace {

const QString kUsage = QStringLiteral("usage: decode TOKEN-OR-HEADER [--json]   (TOKEN \"-\" reads standard input)");

QJsonArray fieldsToJson(const QList<TokenField> &fields)
{
    QJsonArray out;
    for (const TokenField &f : fields)
        out.append(QJsonObject {
            { QStringLiteral("label"), f.label },
            { QStringLiteral("value"), f.value },
            { QStringLiteral("note"), f.note },
            { QStringLiteral("children"), fieldsToJson(f.children) },
        });
    return out;
}

void printFields(QTextStream &o, const QList<TokenField> &fields, int indent)
{
    const QString pad(indent * 2, QLatin1Char(' '));
    for (const TokenField &f : fields) {
        o << pad << f.label;
        if (!f.value.isEmpty())
            o << ": " << f.value;
        if (!f.note.isEmpty())
            o << "  (" << f.note << ")";
        o << "\n";
        printFields(o, f.children, indent + 1);
    }
}

core::Result<QString> readInput(const QString &arg)
{
    if (arg != QLatin1String("-"))
        return arg;
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return core::Error::io(QStringLiteral("cannot read standard input"));
    // One more byte than the decoder accepts, so that too much input is reported, not cut.
    const QByteArray bytes = in.read(kMaxTokenText + 1);
    return QString::fromUtf8(bytes);
}

} // namespace

int runDecode(const Context &ctx, const QStringList &argv)
{
    auto args = Args::parse(argv, {}, { QStringLiteral("--json") });
    if (!args)
        return ctx.usage(args.error().message + QStringLiteral("; ") + kUsage);
    if (args->positional().size() != 1)
        return ctx.usage(kUsage);
    auto input = readInput(args->positional().first());
    if (!input)
        return ctx.fail(input.error());
    auto token = decodeToken(*input);
    if (!token)
        return ctx.fail(token.error());
    if (args->flag(QStringLiteral("--json"))) {
        QJsonObject o {
            { QStringLiteral("scheme"), token->scheme },
            { QStringLiteral("kind"), tokenKindId(token->kind) },
            { QStringLiteral("innerKind"), tokenKindId(token->innerKind) },
            { QStringLiteral("bytes"), qint64(token->bytes) },
            { QStringLiteral("verdict"), token->verdict },
            { QStringLiteral("explanation"), token->explanation },
            { QStringLiteral("fields"), fieldsToJson(token->fields) },
        };
        if (!token->problem.isEmpty())
            o.insert(QStringLiteral("problem"), token->problem);
        ctx.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
    } else {
        ctx.out << token->verdict << "\n";
        if (!token->explanation.isEmpty())
            ctx.out << "\n" << token->explanation << "\n";
        ctx.out << "\n"
                << tokenKindName(token->kind) << ", " << token->bytes << " bytes"
                << (token->scheme.isEmpty() ? QString() : QStringLiteral(", scheme ") + token->scheme) << "\n";
        printFields(ctx.out, token->fields, 1);
    }
    ctx.out.flush();
    if (!token->problem.isEmpty()) {
        ctx.err << "ssodoctor-cli: decode: " << token->problem << Qt::endl;
        return BadInput;
    }
    return Ok;
}

} // namespace ssod::cli
