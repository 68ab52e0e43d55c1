// libFuzzer harness for the browser policy JSON read path (JsonPolicyStore::open, JsonPolicyTree):
// any input opens or fails cleanly with a message naming the file, and whatever opens must read as
// a registry subtree whose values survive the registry → JSON → registry round trip an apply makes,
// and whose tree reaches a fixed point after one toJson()/fromJson() round.
//
// The store reads a file, not bytes, so each input is written to a private temporary folder. The
// first input byte picks the file name: "policies.json" makes the Firefox flavour, any other name
// lets the content decide (a top-level "policies" object) as it does for a real file.

#include "core/registry/JsonPolicyStore.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace ssod::core::registry;

namespace {

[[noreturn]] void fail(const char *what, const QString &where)
{
    std::fprintf(stderr, "%s: %s\n", what, qPrintable(where));
    std::abort();
}

const QTemporaryDir &folder()
{
    static const QTemporaryDir dir;
    if (!dir.isValid())
        fail("cannot create a temporary folder", dir.errorString());
    return dir;
}

/// Both are REG_SZ holding the same JSON document. Dictionary policies are JSON text; Qt 6.4 may
/// write the members of one it read in another order, and loses U+FEFF in member names (it sorts
/// by the mark but writes the name without it, wherever the mark stands), which no real policy
/// has: the marks are left out of the comparison.
bool sameJsonText(const RegValue &a, const RegValue &b)
{
    if (a.knownType() != RegType::Sz || b.knownType() != RegType::Sz)
        return false;
    QJsonParseError ea, eb;
    const QChar mark(0xFEFF);
    const QJsonDocument da = QJsonDocument::fromJson(a.toString().remove(mark).toUtf8(), &ea);
    const QJsonDocument db = QJsonDocument::fromJson(b.toString().remove(mark).toUtf8(), &eb);
    return ea.error == QJsonParseError::NoError && eb.error == QJsonParseError::NoError && da == db;
}

/// Every value below \a key reads back, and its JSON form (what a commit writes over the same leaf:
/// the leaf it replaces is passed, as JsonPolicyStore::commit does) converts to the very same
/// registry value. \a tree is the store's document read again, \a path the key's components in it.
/// A new value (no leaf to replace) may be normalised, e.g. Chromium dictionary text becomes JSON.
void walk(const JsonPolicyStore &store, const JsonPolicyTree &tree, const QString &key,
    const QStringList &path, int depth)
{
    if (depth > 2000)
        fail("tree deeper than the JSON parser allows", key);
    const auto names = store.valueNames(key);
    const auto subkeys = store.subkeyNames(key);
    if (!names || !subkeys)
        fail("listing failed", key);
    for (const QString &name : *names) {
        const auto value = store.value(key, name);
        if (!value || !value->has_value())
            fail("a listed value does not read", key + QLatin1Char('\\') + name);
        const RegValue &v = **value;
        // A JSON string may hold U+0000 ("\u0000"); its REG_SZ form ends there, as Windows reads it.
        const bool embeddedNul
            = v.knownType() == RegType::Sz && (v.toString().size() + 1) * 2 != v.data().size();
        if (embeddedNul)
            continue;
        const JsonPolicyTree::Node *container = tree.find(path);
        const JsonPolicyTree::Node *node = container ? container->child(name) : nullptr;
        if (!node || node->isContainer())
            fail("a listed value is not a leaf of the document", key + QLatin1Char('\\') + name);
        const auto leaf = regValueToJsonLeaf(v, name, node->leaf, store.flavour());
        if (!leaf)
            fail("a value read from JSON has no JSON form", key + QLatin1Char('\\') + name);
        if (!(jsonLeafToRegValue(*leaf) == v) && !sameJsonText(jsonLeafToRegValue(*leaf), v))
            fail("registry -> JSON -> registry changed a value", key + QLatin1Char('\\') + name);
    }
    for (const QString &sub : *subkeys) {
        // A member name holding a backslash cannot be a registry key name; it is listed but
        // cannot be addressed as a path, which is what keyExists() says.
        if (sub.contains(QLatin1Char('\\')) || sub.isEmpty())
            continue;
        walk(store, tree, key + QLatin1Char('\\') + sub, path + QStringList { sub }, depth + 1);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const bool firefoxName = data[0] & 1;
    const QString file
        = folder().filePath(firefoxName ? QStringLiteral("policies.json") : QStringLiteral("managed.json"));
    {
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || f.write(reinterpret_cast<const char *>(data + 1), qint64(size - 1)) != qint64(size - 1))
            fail("cannot write the input", file);
    }
    const auto store = JsonPolicyStore::open(file, QString(), false);
    if (!store) {
        if (!store.error().location.startsWith(file) || store.error().message.isEmpty())
            fail("an error names no file", store.error().toString());
        return 0;
    }
    const JsonPolicyStore &s = **store;
    if (firefoxName && s.flavour() != JsonPolicyFlavour::Firefox)
        fail("policies.json not read as Firefox", file);
    // document() compacts arrays; after that one normalisation, reading and writing is stable. A
    // freshly read file has no gaps, so the document's item names are the store's.
    const QJsonObject doc = s.document();
    const QJsonObject once
        = s.flavour() == JsonPolicyFlavour::Firefox ? doc.value(QLatin1String("policies")).toObject() : doc;
    const JsonPolicyTree tree = JsonPolicyTree::fromJson(once, s.flavour());
    walk(s, tree, s.scope(), QStringList(), 0);
    const QJsonObject twice = tree.toJson();
    if (twice != once)
        fail("toJson/fromJson does not reach a fixed point", file);
    return 0;
}
