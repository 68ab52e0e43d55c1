#include "core/registry/JsonPolicyTree.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QObject>
#include <algorithm>
#include <cmath>
#include <limits>

namespace ssod::core::registry {

JsonPolicyTree::Node::Node() = default;
JsonPolicyTree::Node::Node(Kind k, QJsonValue value) : kind(k), leaf(std::move(value)) { }
JsonPolicyTree::Node::~Node() = default;
JsonPolicyTree::Node::Node(const Node &) = default;
JsonPolicyTree::Node::Node(Node &&) noexcept = default;
JsonPolicyTree::Node &JsonPolicyTree::Node::operator=(const Node &) = default;
JsonPolicyTree::Node &JsonPolicyTree::Node::operator=(Node &&) noexcept = default;

namespace {

using Node = JsonPolicyTree::Node;

/// Chrome's Windows policy loader turns a REG_DWORD into a boolean when the policy schema says
/// so; a JSON file has no such conversion, so a new value needs its JSON type up front. These are
/// the boolean policies of Chrome's "HTTP authentication" group that single sign-on touches; other
/// booleans keep their type when the file already has them.
bool isKnownChromiumBoolean(const QString &name)
{
    static const QStringList names { QStringLiteral("DisableAuthNegotiateCnameLookup"),
        QStringLiteral("EnableAuthNegotiatePort"), QStringLiteral("AuthNegotiateDelegateByKdcPolicy"),
        QStringLiteral("BasicAuthOverHttpEnabled"), QStringLiteral("NtlmV2Enabled"),
        QStringLiteral("AllowCrossOriginAuthPrompt") };
    return names.contains(name, Qt::CaseInsensitive);
}

Node parseNode(const QJsonValue &v, JsonPolicyFlavour flavour, int depth)
{
    Node n;
    // The Chromium family has keys only for the policy object and its lists of plain values; a
    // dictionary (or a list of dictionaries) is one value holding JSON text on Windows.
    const bool containersAllowed = flavour == JsonPolicyFlavour::Firefox || depth == 0;
    if (v.isObject() && containersAllowed) {
        n.kind = Node::Kind::Object;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            n.children.emplace_back(it.key(), parseNode(it.value(), flavour, depth + 1));
        return n;
    }
    if (v.isArray() && (flavour == JsonPolicyFlavour::Firefox || depth == 1)) {
        const QJsonArray a = v.toArray();
        const bool plain = std::none_of(
            a.begin(), a.end(), [](const QJsonValue &item) { return item.isObject() || item.isArray(); });
        if (flavour == JsonPolicyFlavour::Firefox || plain) {
            n.kind = Node::Kind::Array;
            int i = 0;
            for (const QJsonValue &item : a)
                n.children.emplace_back(QString::number(++i), parseNode(item, flavour, depth + 1));
            return n;
        }
    }
    n.leaf = v;
    return n;
}

bool namedOneToN(const Node &n)
{
    if (n.children.empty())
        return false;
    std::vector<quint32> numbers;
    for (const auto &[name, child] : n.children) {
        if (!isItemName(name))
            return false;
        numbers.push_back(name.toUInt());
    }
    std::sort(numbers.begin(), numbers.end());
    for (size_t i = 0; i < numbers.size(); ++i)
        if (numbers[i] != i + 1)
            return false;
    return true;
}

QJsonValue writeNode(const Node &n);

QJsonArray writeItems(const Node &n)
{
    std::vector<const Node::Child *> items;
    for (const auto &c : n.children)
        items.push_back(&c);
    std::sort(
        items.begin(), items.end(), [](auto *a, auto *b) { return a->first.toUInt() < b->first.toUInt(); });
    QJsonArray a;
    for (const auto *item : items)
        a.append(writeNode(item->second));
    return a;
}

QJsonValue writeNode(const Node &n)
{
    switch (n.kind) {
    case Node::Kind::Leaf:
        return n.leaf;
    case Node::Kind::Array:
        return writeItems(n);
    case Node::Kind::Object: {
        if (n.created && namedOneToN(n))
            return writeItems(n);
        QJsonObject o;
        for (const auto &[name, child] : n.children)
            o.insert(name, writeNode(child));
        return o;
    }
    }
    return {};
}

} // namespace

bool isItemName(const QString &name)
{
    bool ok = false;
    const uint n = name.toUInt(&ok);
    return ok && n > 0 && name == QString::number(n); // "01" and "+1" are not item names
}

const Node *Node::child(const QString &name) const
{
    const Node *folded = nullptr;
    for (const auto &[n, c] : children) {
        if (n == name)
            return &c;
        if (!folded && n.compare(name, Qt::CaseInsensitive) == 0)
            folded = &c;
    }
    return folded;
}

Node *Node::child(const QString &name)
{
    return const_cast<Node *>(std::as_const(*this).child(name));
}

void Node::remove(const QString &name)
{
    const Node *c = std::as_const(*this).child(name);
    for (auto it = children.begin(); it != children.end(); ++it) {
        if (&it->second == c) {
            children.erase(it);
            return;
        }
    }
}

JsonPolicyTree JsonPolicyTree::fromJson(const QJsonObject &policies, JsonPolicyFlavour flavour)
{
    JsonPolicyTree t;
    t.m_flavour = flavour;
    t.m_root = parseNode(policies, flavour, 0);
    return t;
}

QJsonObject JsonPolicyTree::toJson() const
{
    return writeNode(m_root).toObject();
}

const Node *JsonPolicyTree::find(const QStringList &components) const
{
    const Node *n = &m_root;
    for (const QString &c : components) {
        n = n->child(c);
        if (!n || !n->isContainer())
            return nullptr;
    }
    return n;
}

Node *JsonPolicyTree::find(const QStringList &components)
{
    return const_cast<Node *>(std::as_const(*this).find(components));
}

Result<Node *> JsonPolicyTree::ensure(const QStringList &components)
{
    Node *n = &m_root;
    int depth = 0;
    for (const QString &c : components) {
        ++depth;
        if (Node *existing = n->child(c)) {
            if (!existing->isContainer())
                return Error::unsupported(
                    QObject::tr("\"%1\" is a single value in this policy file, so it cannot also be a "
                                "key with values below it")
                        .arg(c));
            n = existing;
            continue;
        }
        if (n->kind == Node::Kind::Array && !isItemName(c))
            return Error::unsupported(
                QObject::tr("\"%1\" is a list, whose entries are named 1, 2, …; \"%2\" cannot be one")
                    .arg(components.value(depth - 2), c));
        if (m_flavour == JsonPolicyFlavour::Chromium && depth > 1)
            return Error::unsupported(QObject::tr(
                "Chrome-family policy files have keys only for list policies; %1 is nested too deep")
                                          .arg(components.join(QLatin1Char('\\'))));
        Node fresh;
        fresh.kind = m_flavour == JsonPolicyFlavour::Chromium ? Node::Kind::Array : Node::Kind::Object;
        fresh.created = true;
        n->children.emplace_back(c, std::move(fresh));
        n = &n->children.back().second;
    }
    return n;
}

RegValue jsonLeafToRegValue(const QJsonValue &leaf)
{
    switch (leaf.type()) {
    case QJsonValue::String:
        return RegValue::fromString(leaf.toString());
    case QJsonValue::Bool:
        return RegValue::fromDword(leaf.toBool() ? 1 : 0);
    case QJsonValue::Double: {
        const double d = leaf.toDouble();
        constexpr double kTwo63 = 9223372036854775808.0;
        if (std::isfinite(d) && std::trunc(d) == d && d >= -kTwo63 && d < kTwo63) {
            const qint64 i = leaf.toInteger(qint64(d));
            // A DWORD is a signed 32-bit policy number (two's complement); larger ones need a QWORD.
            if (i >= std::numeric_limits<qint32>::min() && i <= std::numeric_limits<qint32>::max())
                return RegValue::fromDword(quint32(qint32(i)));
            return RegValue::fromQword(quint64(i));
        }
        // Policies have no fractional numbers; show such a value as text rather than lose it.
        return RegValue::fromString(QString::number(d, 'g', 17));
    }
    case QJsonValue::Null:
        return RegValue(quint32(RegType::None), {});
    case QJsonValue::Object:
        return RegValue::fromString(
            QString::fromUtf8(QJsonDocument(leaf.toObject()).toJson(QJsonDocument::Compact)));
    case QJsonValue::Array:
        return RegValue::fromString(
            QString::fromUtf8(QJsonDocument(leaf.toArray()).toJson(QJsonDocument::Compact)));
    case QJsonValue::Undefined:
        break;
    }
    return RegValue(quint32(RegType::None), {});
}

Result<QJsonValue> regValueToJsonLeaf(const RegValue &value, const QString &name,
    const std::optional<QJsonValue> &existing, JsonPolicyFlavour flavour)
{
    switch (value.knownType()) {
    case RegType::Sz:
    case RegType::ExpandSz: {
        const QString text = value.toString();
        const bool wasDictionary = existing && (existing->isObject() || existing->isArray());
        const QString t = text.trimmed();
        const bool looksLikeJson = t.startsWith(QLatin1Char('{')) || t.startsWith(QLatin1Char('['));
        if (flavour == JsonPolicyFlavour::Chromium && (wasDictionary || (!existing && looksLikeJson))) {
            // Chrome keeps dictionary policies (and lists of dictionaries) as JSON text in the
            // registry; the file wants the JSON itself. A list of plain strings is a key instead,
            // so such text stays text.
            const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
            if (doc.isObject())
                return QJsonValue(doc.object());
            const QJsonArray a = doc.array();
            if (std::any_of(
                    a.begin(), a.end(), [](const QJsonValue &v) { return v.isObject() || v.isArray(); }))
                return QJsonValue(a);
        }
        return QJsonValue(text);
    }
    case RegType::Dword: {
        const quint32 d = *value.toDword();
        if (existing && existing->isBool() && d <= 1)
            return QJsonValue(d == 1);
        if (!existing && flavour == JsonPolicyFlavour::Chromium && isKnownChromiumBoolean(name) && d <= 1)
            return QJsonValue(d == 1);
        // Integer policies are signed 32-bit numbers; a DWORD holds a negative one in two's complement.
        return QJsonValue(qint64(qint32(d)));
    }
    case RegType::Qword:
        // Like a DWORD, a QWORD holds a negative number in two's complement: jsonLeafToRegValue()
        // reads -4294967296 as 0xFFFFFFFF00000000, which must write back as the same number.
        if (auto q = value.toQword())
            return QJsonValue(qint64(*q));
        break;
    case RegType::None:
        if (value.data().isEmpty())
            return QJsonValue(QJsonValue::Null);
        break;
    default:
        break;
    }
    return Error::unsupported(
        QObject::tr("a browser policy file has no %1 values (%2); only strings, numbers, "
                    "booleans and lists")
            .arg(regTypeName(value.type()), name.isEmpty() ? QStringLiteral("(default)") : name));
}

} // namespace ssod::core::registry
