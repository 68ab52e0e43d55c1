#include "core/registry/HiveStore.h"

#include "core/registry/AtomicFile.h"
#include "core/registry/HiveAccess_p.h"
#include "core/registry/RegPath.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QtEndian>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <hivex.h>

namespace ssod::core::registry {

using namespace hive_detail;

void HiveStore::HiveCloser::operator()(hive_h *h) const
{
    hivex_close(h);
}

HiveStore::HiveStore(QString file, QString mount, HiveHandle hive)
    : m_file(std::move(file)), m_mount(std::move(mount)), m_hive(std::move(hive))
{
}

HiveStore::~HiveStore() = default;

QString HiveStore::mountPointForFileName(const QString &file)
{
    const QString name = QFileInfo(file).fileName();
    for (const NamedHive &n : kNamedHives)
        if (name.compare(QLatin1String(n.fileName), Qt::CaseInsensitive) == 0)
            return QString::fromLatin1(n.mount);
    return {};
}

Result<std::unique_ptr<HiveStore>> HiveStore::open(const QString &file, const QString &mountPoint)
{
    const QFileInfo info(file);
    if (!info.exists())
        return Error::notFound(tr("hive file %1 does not exist").arg(file));
    if (info.isDir())
        return Error::invalid(tr("%1 is a directory, not a registry hive file").arg(file));
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return Error::io(tr("cannot read hive file %1: %2").arg(file, f.errorString()));
    // Our own checks first: hivex's "Invalid argument" does not tell a user what is wrong.
    const QByteArray header = f.read(kBaseBlockSize);
    if (!header.startsWith("regf"))
        return Error::invalid(tr("%1 is not a registry hive (it does not start with \"regf\")").arg(file));
    if (header.size() < kBaseBlockSize)
        return Error::invalid(tr("registry hive %1 is truncated (no complete base block)").arg(file));
    // hivex accepts a file cut at a bin boundary and fails later on every lookup; refuse it here.
    const qint64 binsSize = qFromLittleEndian<quint32>(header.constData() + 0x28);
    if (f.size() < kBaseBlockSize + binsSize)
        return Error::invalid(
            tr("registry hive %1 is truncated: its header declares %2 bytes, the file has %3")
                .arg(file)
                .arg(kBaseBlockSize + binsSize)
                .arg(f.size()));
    f.close();
    auto fingerprint = FileFingerprint::ofPath(file);
    if (!fingerprint)
        return fingerprint.error();

    QString mount;
    if (!mountPoint.isEmpty()) {
        const auto canon = path::canonical(mountPoint);
        if (!canon)
            return Error::invalid(
                tr("\"%1\" is not a registry key; pass e.g. --root HKLM\\SOFTWARE").arg(mountPoint));
        mount = *canon;
    } else {
        mount = mountPointForFileName(file);
        if (mount.isEmpty())
            return Error::invalid(tr("cannot tell where hive %1 belongs in the registry from its file name; "
                                     "pass --root KEY (e.g. --root HKLM\\SOFTWARE)")
                                      .arg(file));
    }

    errno = 0;
    HiveHandle h(hivex_open(QFile::encodeName(file).constData(), 0));
    if (!h) {
        const int err = errno;
        if (!isCorruption(err))
            return Error::io(tr("cannot open registry hive %1: %2").arg(file, errnoText(err)));
        return Error::invalid(tr("cannot open registry hive %1: %2 (the file is corrupt or not a hive)")
                                  .arg(file, errnoText(err)));
    }
    std::unique_ptr<HiveStore> store(new HiveStore(file, mount, std::move(h)));
    store->m_fingerprint = *fingerprint;
    return store;
}

QString HiveStore::description() const
{
    return tr("offline hive %1 (mounted at %2)").arg(m_file, m_mount);
}

bool HiveStore::covers(const QString &key) const
{
    return path::isWithin(path::canonical(key).value_or(key), m_mount);
}

Result<QStringList> HiveStore::components(hive_h *h, const QString &key) const
{
    const QString k = path::canonical(key).value_or(key);
    if (!path::isWithin(k, m_mount))
        return Error::unsupported(
            tr("%1 is outside offline hive %2, which holds only %3").arg(k, m_file, m_mount));
    QStringList comps = k.mid(m_mount.size()).split(QLatin1Char('\\'), Qt::SkipEmptyParts);

    // An offline SYSTEM hive has ControlSet00N keys; Windows links CurrentControlSet at boot.
    if (comps.isEmpty() || !path::equal(m_mount, QStringLiteral("HKEY_LOCAL_MACHINE\\SYSTEM"))
        || comps.first().compare(QLatin1String("CurrentControlSet"), Qt::CaseInsensitive) != 0)
        return comps;
    const HiveAccess a(h, m_file);
    auto select = a.find({ QStringLiteral("Select") }, false);
    if (!select)
        return select.error();
    if (*select != 0) {
        auto vals = a.values(*select);
        if (!vals)
            return vals.error();
        const qsizetype i = HiveAccess::indexOf(*vals, QStringLiteral("Current"));
        if (i >= 0) {
            const auto n = (*vals)[i].value.toDword();
            if (!n || *n == 0 || *n > 999)
                return Error::invalid(
                    tr("SYSTEM hive %1: Select\\Current is not a control set number").arg(m_file));
            comps[0] = QStringLiteral("ControlSet%1").arg(*n, 3, 10, QLatin1Char('0'));
            return comps;
        }
    }
    auto first = a.find({ QStringLiteral("ControlSet001") }, false);
    if (!first)
        return first.error();
    if (*first == 0)
        return Error::invalid(tr("SYSTEM hive %1 has neither Select\\Current nor ControlSet001, so "
                                 "CurrentControlSet cannot be resolved")
                                  .arg(m_file));
    comps[0] = QStringLiteral("ControlSet001");
    return comps;
}

Result<size_t> HiveStore::lookup(const QString &key) const
{
    auto comps = components(m_hive.get(), key);
    if (!comps)
        return comps.error();
    return HiveAccess(m_hive.get(), m_file).find(*comps, false);
}

Result<bool> HiveStore::keyExists(const QString &key) const
{
    auto node = lookup(key);
    if (!node)
        return node.error();
    return *node != 0;
}

Result<std::optional<RegValue>> HiveStore::value(const QString &key, const QString &name) const
{
    auto node = lookup(key);
    if (!node)
        return node.error();
    if (*node == 0)
        return std::optional<RegValue>();
    auto vals = HiveAccess(m_hive.get(), m_file).values(*node);
    if (!vals)
        return vals.error();
    const qsizetype i = HiveAccess::indexOf(*vals, name);
    return i < 0 ? std::optional<RegValue>() : std::optional<RegValue>((*vals)[i].value);
}

Result<QStringList> HiveStore::valueNames(const QString &key) const
{
    auto node = lookup(key);
    if (!node)
        return node.error();
    QStringList names;
    if (*node == 0)
        return names;
    auto vals = HiveAccess(m_hive.get(), m_file).values(*node);
    if (!vals)
        return vals.error();
    for (const RawValue &v : *vals)
        names << QString::fromUtf8(v.name);
    return names;
}

Result<QStringList> HiveStore::subkeyNames(const QString &key) const
{
    auto node = lookup(key);
    if (!node)
        return node.error();
    QStringList names;
    if (*node == 0)
        return names;
    auto kids = HiveAccess(m_hive.get(), m_file).children(*node);
    if (!kids)
        return kids.error();
    for (const auto &kid : *kids)
        names << kid.second;
    return names;
}

Result<void> HiveStore::apply(hive_h *h, const RegOp &op) const
{
    auto comps = components(h, op.key);
    if (!comps)
        return comps.error();
    const HiveAccess a(h, m_file);
    if (op.kind == RegOp::Kind::CreateKey) {
        auto node = a.find(*comps, true);
        return node ? Result<void>() : Result<void>(node.error());
    }
    auto node = a.find(*comps, op.kind == RegOp::Kind::SetValue);
    if (!node)
        return node.error();
    if (*node == 0)
        return {}; // deleting from a key that is not there: nothing to do, as regedit does

    if (op.kind == RegOp::Kind::DeleteKey) {
        errno = 0;
        if (hivex_node_delete_child(h, *node) != 0)
            return a.fail("cannot delete key %1", op.key);
        return {};
    }
    // hivex has no single-value delete, and its single-value set matches names with ASCII-only
    // folding: both are done by rewriting the key's whole value list.
    auto vals = a.values(*node);
    if (!vals)
        return vals.error();
    const qsizetype i = HiveAccess::indexOf(*vals, op.name);
    if (op.kind == RegOp::Kind::DeleteValue && i < 0)
        return {};
    if (auto ok = a.checkRewritable(*vals, op.key); !ok)
        return ok;
    if (op.kind == RegOp::Kind::DeleteValue) {
        vals->removeAt(i);
    } else if (i >= 0) {
        (*vals)[i].value = *op.value; // keep the stored spelling of the name, as Windows does
    } else {
        vals->append(RawValue { op.name.toUtf8(), *op.value });
    }
    return a.setValues(*node, std::move(*vals), op.key);
}

Error HiveStore::failure(const QString &what) const
{
    return Error::io(tr("cannot write offline hive %1: %2").arg(m_file, what));
}

Result<void> HiveStore::commit(const RegOps &ops)
{
    if (ops.isEmpty())
        return {};
    // Refuse what can never succeed before touching the disk.
    for (const RegOp &op : ops) {
        if (!covers(op.key))
            return Error::unsupported(
                tr("%1 is outside offline hive %2, which holds only %3").arg(op.key, m_file, m_mount));
        if (op.kind == RegOp::Kind::DeleteKey
            && path::equal(path::canonical(op.key).value_or(op.key), m_mount))
            return Error::invalid(
                tr("cannot delete %1: it is the root of offline hive %2").arg(m_mount, m_file));
        if (op.kind == RegOp::Kind::SetValue && !op.value)
            return Error::invalid(tr("no data to set for value \"%1\" of %2").arg(op.name, op.key));
        if (op.kind == RegOp::Kind::SetValue && op.value->data().size() > kMaxValueSize)
            return Error::unsupported(tr("value \"%1\" of %2 has %3 bytes; offline hives take at most %4")
                                          .arg(op.name, op.key)
                                          .arg(op.value->data().size())
                                          .arg(kMaxValueSize));
    }

    if (auto r = AtomicFile::checkWritable(m_file); !r)
        return r;
    // Edit the hive as it was read, not whatever another program may have put there since.
    if (auto r = m_fingerprint.checkUnchanged(m_file); !r)
        return r;
    QFile src(m_file);
    if (!src.open(QIODevice::ReadOnly))
        return failure(src.errorString());
    const QByteArray original = src.readAll();
    if (src.error() != QFileDevice::NoError)
        return failure(src.errorString());
    src.close();
    // Primary and secondary sequence numbers differ while Windows still holds changes for this
    // hive in its .LOG1/.LOG2 files. hivex ignores the logs and marks the hive clean on commit,
    // so those changes would be lost for good.
    if (original.size() < kBaseBlockSize || !original.startsWith("regf"))
        return failure(tr("the file is no longer a registry hive"));
    if (qFromLittleEndian<quint32>(original.constData() + 4)
        != qFromLittleEndian<quint32>(original.constData() + 8))
        return Error::unsupported(
            tr("offline hive %1 has changes Windows has not written into it yet (they are "
               "in its .LOG1/.LOG2 files, which hivex ignores); writing now would lose them. "
               "Load and unload the hive on Windows once (reg load, reg unload), then retry")
                .arg(m_file));

    // The edit happens on a new file beside the hive (AtomicFile), which replaces the hive only
    // once complete: a failure or a kill at any point leaves the hive byte-identical.
    auto out = AtomicFile::begin(m_file);
    if (!out)
        return out.error();
    if (auto r = (*out)->write(original); !r)
        return r;
    const QByteArray newName = (*out)->contentPath();
    {
        errno = 0;
        HiveHandle w(hivex_open(newName.constData(), HIVEX_OPEN_WRITE));
        if (!w) {
            const QString why = errnoText(errno);
            return failure(tr("cannot open it for writing: %1").arg(why));
        }
        for (const RegOp &op : ops) {
            if (auto r = apply(w.get(), op); !r)
                return r; // the new file goes away with out; the hive is untouched
        }
        errno = 0;
        if (hivex_commit(w.get(), newName.constData(), 0) != 0)
            return failure(AtomicFile::describeErrno(errno));
    }
    // hivex wrote through its own descriptor: make sure all of the hive it declares got there.
    if (auto r = checkComplete(newName); !r)
        return r;
    if (auto r = (*out)->commit([this] { return m_fingerprint.checkUnchanged(m_file); }); !r)
        return r;

    errno = 0;
    HiveHandle fresh(hivex_open(QFile::encodeName(m_file).constData(), 0));
    if (!fresh) {
        const QString why = errnoText(errno);
        return failure(tr("the changes were written but the hive cannot be reopened: %1").arg(why));
    }
    m_hive = std::move(fresh);
    auto written = FileFingerprint::ofPath(m_file);
    if (!written)
        return written.error();
    m_fingerprint = *written;
    return {};
}

Result<void> HiveStore::checkComplete(const QByteArray &file) const
{
    QFile f(QFile::decodeName(file));
    if (!f.open(QIODevice::ReadOnly))
        return failure(f.errorString());
    const QByteArray header = f.read(kBaseBlockSize);
    if (header.size() < kBaseBlockSize || !header.startsWith("regf")
        || f.size() < kBaseBlockSize + qint64(qFromLittleEndian<quint32>(header.constData() + 0x28)))
        return failure(
            tr("the new hive was not written completely (is the disk full?); the hive was not changed"));
    return {};
}

Result<void> HiveStore::checkWritable() const
{
    return AtomicFile::checkWritable(m_file);
}

Result<void> HiveStore::checkUnchanged() const
{
    return m_fingerprint.checkUnchanged(m_file);
}

Result<std::unique_ptr<RegistryStore>> HiveStore::reopen() const
{
    auto fresh = open(m_file, m_mount);
    if (!fresh)
        return fresh.error();
    return std::unique_ptr<RegistryStore>(std::move(*fresh));
}

} // namespace ssod::core::registry
