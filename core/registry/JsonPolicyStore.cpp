#include "core/registry/JsonPolicyStore.h"

#include "core/registry/AtomicFile.h"
#include "core/registry/RegPath.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QObject>

namespace ssod::core::registry {

namespace {

using Node = JsonPolicyTree::Node;

const QLatin1String kPolicies("policies");
constexpr QFileDevice::Permissions kReadableFolder = QFileDevice::ReadOwner | QFileDevice::WriteOwner
    | QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::ExeOwner | QFileDevice::ExeGroup
    | QFileDevice::ExeOther;

} // namespace

QString JsonPolicyStore::mountForPath(const QString &file, JsonPolicyFlavour flavour)
{
    const QString policies = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\");
    if (flavour == JsonPolicyFlavour::Firefox)
        return policies + QStringLiteral("Mozilla\\Firefox");
    // The managed-policy folders each browser reads on Linux (FACTS §3(f)).
    const QString abs = QFileInfo(file).absoluteFilePath();
    if (abs.startsWith(QLatin1String("/etc/opt/chrome/")))
        return policies + QStringLiteral("Google\\Chrome");
    if (abs.startsWith(QLatin1String("/etc/opt/edge/")))
        return policies + QStringLiteral("Microsoft\\Edge");
    return policies + QStringLiteral("Chromium");
}

Result<std::unique_ptr<JsonPolicyStore>> JsonPolicyStore::open(
    const QString &file, const QString &mount, bool createIfMissing)
{
    QByteArray bytes;
    FileFingerprint fingerprint;
    QFile f(file);
    if (f.exists()) {
        if (!f.open(QIODevice::ReadOnly))
            return Error::io(QObject::tr("cannot read: %1").arg(f.errorString()), file);
        constexpr qint64 kMaxFile = 16 * 1024 * 1024;
        if (f.size() > kMaxFile)
            return Error::invalid(
                QObject::tr("file is larger than 16 MiB; this is not a browser policy file"), file);
        bytes = f.readAll();
        if (f.error() != QFileDevice::NoError)
            return Error::io(QObject::tr("cannot read: %1").arg(f.errorString()), file);
        fingerprint = FileFingerprint::ofBytes(bytes);
    } else if (!createIfMissing) {
        return Error::notFound(QObject::tr("file does not exist"), file);
    }
    std::unique_ptr<JsonPolicyStore> store(new JsonPolicyStore(file, mount));
    store->m_fingerprint = fingerprint;
    if (bytes.startsWith("\xef\xbb\xbf")) {
        store->m_bom = true;
        bytes.remove(0, 3);
    }
    QJsonObject top;
    const QByteArray trimmed = bytes.trimmed();
    if (!trimmed.isEmpty()) {
        QJsonParseError perr;
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &perr);
        if (doc.isNull()) {
            const int line = int(bytes.left(perr.offset).count('\n')) + 1;
            return Error::invalid(
                QObject::tr("not valid JSON (%1); correct the file or move it away, then try again")
                    .arg(perr.errorString()),
                file + QLatin1Char(':') + QString::number(line));
        }
        if (!doc.isObject())
            return Error::invalid(
                QObject::tr("a browser policy file holds one JSON object { … }, but this one holds a list"),
                file);
        top = doc.object();
        store->m_compact = !trimmed.contains('\n');
        store->m_trailingNewline = bytes.endsWith('\n');
    }
    const bool firefox
        = QFileInfo(file).fileName().compare(QLatin1String("policies.json"), Qt::CaseInsensitive) == 0
        || top.value(kPolicies).isObject();
    const JsonPolicyFlavour flavour = firefox ? JsonPolicyFlavour::Firefox : JsonPolicyFlavour::Chromium;
    QJsonObject policies = top;
    if (firefox) {
        if (top.contains(kPolicies) && !top.value(kPolicies).isObject())
            return Error::invalid(
                QObject::tr("\"policies\" must be a JSON object { … } in a Firefox policies.json"), file);
        policies = top.value(kPolicies).toObject();
        store->m_outer = top;
    }
    if (store->m_mount.isEmpty())
        store->m_mount = mountForPath(file, flavour);
    store->m_tree = JsonPolicyTree::fromJson(policies, flavour);
    return store;
}

QString JsonPolicyStore::description() const
{
    const QString key = path::shortRoot(path::root(m_mount)) + QLatin1Char('\\') + path::withoutRoot(m_mount);
    return flavour() == JsonPolicyFlavour::Firefox
        ? QObject::tr("Firefox policies.json %1 (as %2)").arg(m_file, key)
        : QObject::tr("browser policy file %1 (as %2)").arg(m_file, key);
}

QStringList JsonPolicyStore::components(const QString &key) const
{
    if (path::equal(key, m_mount))
        return {};
    return key.mid(m_mount.size() + 1).split(QLatin1Char('\\'));
}

bool JsonPolicyStore::covers(const QString &key) const
{
    if (!path::isWithin(key, m_mount))
        return false;
    // Chrome-family files are flat: the policy key and one level of list policies below it.
    return flavour() == JsonPolicyFlavour::Firefox || components(key).size() <= 1;
}

Result<bool> JsonPolicyStore::keyExists(const QString &key) const
{
    return covers(key) && m_tree.find(components(key)) != nullptr;
}

Result<std::optional<RegValue>> JsonPolicyStore::value(const QString &key, const QString &name) const
{
    if (!covers(key))
        return std::optional<RegValue>();
    const Node *container = m_tree.find(components(key));
    const Node *child = container ? container->child(name) : nullptr;
    if (!child || child->isContainer())
        return std::optional<RegValue>();
    return std::optional<RegValue>(jsonLeafToRegValue(child->leaf));
}

Result<QStringList> JsonPolicyStore::valueNames(const QString &key) const
{
    QStringList names;
    if (const Node *container = covers(key) ? m_tree.find(components(key)) : nullptr)
        for (const auto &[name, child] : container->children)
            if (!child.isContainer())
                names << name;
    return names;
}

Result<QStringList> JsonPolicyStore::subkeyNames(const QString &key) const
{
    QStringList names;
    if (const Node *container = covers(key) ? m_tree.find(components(key)) : nullptr)
        for (const auto &[name, child] : container->children)
            if (child.isContainer())
                names << name;
    return names;
}

Result<void> JsonPolicyStore::apply(JsonPolicyTree &tree, const RegOp &op) const
{
    const QStringList comps = components(op.key);
    switch (op.kind) {
    case RegOp::Kind::CreateKey: {
        auto node = tree.ensure(comps);
        if (!node)
            return node.error();
        return {};
    }
    case RegOp::Kind::SetValue: {
        auto node = tree.ensure(comps);
        if (!node)
            return node.error();
        Node *container = *node;
        if (container->kind == Node::Kind::Array && !isItemName(op.name))
            return Error::unsupported(
                QObject::tr("%1 is a list, whose values are named 1, 2, …; it cannot hold \"%2\"")
                    .arg(op.key, op.name));
        Node *existing = container->child(op.name);
        if (existing && existing->isContainer())
            return Error::unsupported(
                QObject::tr("\"%1\" in %2 is a list or object in this policy file; it cannot also be "
                            "a single value")
                    .arg(op.name, op.key));
        const std::optional<QJsonValue> before
            = existing ? std::optional<QJsonValue>(existing->leaf) : std::nullopt;
        auto leaf = regValueToJsonLeaf(*op.value, op.name, before, tree.flavour());
        if (!leaf)
            return leaf.error();
        if (existing)
            existing->leaf = *leaf;
        else
            container->children.emplace_back(op.name, Node(Node::Kind::Leaf, *leaf));
        return {};
    }
    case RegOp::Kind::DeleteValue: {
        Node *container = tree.find(comps);
        const Node *child = container ? container->child(op.name) : nullptr;
        if (child && !child->isContainer())
            container->remove(op.name);
        return {};
    }
    case RegOp::Kind::DeleteKey: {
        if (comps.isEmpty()) {
            tree.root().children.clear(); // the policy key is the file: it stays, empty
            return {};
        }
        Node *parent = tree.find(comps.mid(0, comps.size() - 1));
        const Node *child = parent ? parent->child(comps.last()) : nullptr;
        if (child && child->isContainer())
            parent->remove(comps.last());
        return {};
    }
    }
    return {};
}

QJsonObject JsonPolicyStore::document() const
{
    if (flavour() == JsonPolicyFlavour::Chromium)
        return m_tree.toJson();
    QJsonObject outer = m_outer;
    outer.insert(kPolicies, m_tree.toJson());
    return outer;
}

QByteArray JsonPolicyStore::serialize(const JsonPolicyTree &tree) const
{
    QJsonObject doc = tree.toJson();
    if (tree.flavour() == JsonPolicyFlavour::Firefox) {
        QJsonObject outer = m_outer;
        outer.insert(kPolicies, doc);
        doc = outer;
    }
    QByteArray out = QJsonDocument(doc).toJson(m_compact ? QJsonDocument::Compact : QJsonDocument::Indented);
    if (m_compact && m_trailingNewline)
        out += '\n';
    if (m_bom)
        out.prepend("\xef\xbb\xbf");
    return out;
}

Result<void> JsonPolicyStore::prepareFolder() const
{
    const QString dir = QFileInfo(m_file).absolutePath();
    if (QFileInfo(dir).isDir())
        return {};
    // /etc/chromium/policies/managed does not exist until someone manages the browser: create it,
    // readable for the browser, which runs as the user.
    QStringList missing;
    for (QString p = dir; !QFileInfo::exists(p); p = QFileInfo(p).path())
        missing.prepend(p);
    if (!QDir().mkpath(dir))
        return Error::io(
            QObject::tr("cannot create the folder %1; browser policy folders under /etc need root").arg(dir),
            m_file);
    for (const QString &created : std::as_const(missing))
        QFile::setPermissions(created, kReadableFolder);
    return {};
}

Result<void> JsonPolicyStore::commit(const RegOps &ops)
{
    JsonPolicyTree next = m_tree; // edit a copy: on failure the store and the file stay as they were
    for (const RegOp &op : ops) {
        if (!covers(op.key))
            return Error::unsupported(QObject::tr("%1 cannot hold %2").arg(description(), op.key), m_file);
        if (auto r = apply(next, op); !r)
            return Error { r.error().code, r.error().message, m_file };
    }
    if (auto r = m_fingerprint.checkUnchanged(m_file); !r)
        return r;
    if (auto r = prepareFolder(); !r)
        return r;
    // A new file is 0644 whatever the umask: the browser runs as another user and must read it.
    auto out = AtomicFile::begin(m_file, AtomicFile::Mode::Replace, 0644);
    if (!out)
        return out.error();
    const QByteArray bytes = serialize(next);
    if (auto r = (*out)->write(bytes); !r)
        return r;
    if (auto r = (*out)->commit([this] { return m_fingerprint.checkUnchanged(m_file); }); !r)
        return r;
    // The bytes just written are what the next commit must find on disk: no need to read them back.
    m_fingerprint = FileFingerprint::ofBytes(bytes);
    // Show what the file now says: arrays compacted, new numbered keys become lists.
    const QJsonObject written = next.toJson();
    if (next.flavour() == JsonPolicyFlavour::Firefox)
        m_outer.insert(kPolicies, written);
    m_tree = JsonPolicyTree::fromJson(written, next.flavour());
    return {};
}

Result<void> JsonPolicyStore::checkWritable() const
{
    return AtomicFile::checkWritable(m_file);
}

Result<void> JsonPolicyStore::checkUnchanged() const
{
    return m_fingerprint.checkUnchanged(m_file);
}

Result<std::unique_ptr<RegistryStore>> JsonPolicyStore::reopen() const
{
    auto fresh = open(m_file, m_mount, false);
    if (!fresh)
        return fresh.error();
    return std::unique_ptr<RegistryStore>(std::move(*fresh));
}

} // namespace ssod::core::registry
