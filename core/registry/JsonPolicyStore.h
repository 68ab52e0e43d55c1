#pragma once

#include "core/registry/FileFingerprint.h"
#include "core/registry/JsonPolicyTree.h"
#include "core/registry/RegistryStore.h"

#include <QJsonObject>
#include <memory>

namespace ssod::core::registry {

/**
 * A browser's JSON policy file presented as the registry key the same policies use on Windows:
 * a Chrome/Chromium/Edge managed-policy file (/etc/chromium/policies/managed/NAME.json …) is
 * HKLM\SOFTWARE\Policies\Chromium (\Google\Chrome, \Microsoft\Edge), a Firefox policies.json is
 * HKLM\SOFTWARE\Policies\Mozilla\Firefox. The mapping is the browsers' own (JsonPolicyTree), so
 * the catalog's registry edits, the planner, backups and undo work unchanged.
 *
 * commit() applies the operations to the parsed document, keeps every member they do not touch,
 * and replaces the file atomically (AtomicFile), keeping its mode and owner, and only while it is
 * still what was read (FileFingerprint). Qt's JSON objects sort their members, so the rewritten file
 * lists members alphabetically; the layout (indented or one line) follows the original. A file
 * already in that form is rewritten byte for byte when an undo restores its content. The policy
 * key itself always exists (it is the file); a new file is created with mode 0644 and missing
 * folders with 0755, because the browser runs as another user and must read it.
 */
class JsonPolicyStore final : public RegistryStore {
public:
    /// Opens \a file. \a mount (canonical) overrides the key inferred from the path; the flavour
    /// is Firefox for a file named policies.json or holding {"policies": {…}}, else Chromium. A
    /// missing file is an empty store when \a createIfMissing.
    static Result<std::unique_ptr<JsonPolicyStore>> open(
        const QString &file, const QString &mount, bool createIfMissing);

    /// Where the browsers' Windows registry form puts the policies of \a file (by its folder).
    static QString mountForPath(const QString &file, JsonPolicyFlavour flavour);

    StoreKind kind() const override { return StoreKind::JsonPolicy; }
    QString description() const override;
    QString filePath() const override { return m_file; }
    bool covers(const QString &key) const override;
    QString scope() const override { return m_mount; }
    bool needsExplicitParents() const override { return true; }

    Result<bool> keyExists(const QString &key) const override;
    Result<std::optional<RegValue>> value(const QString &key, const QString &name) const override;
    Result<QStringList> valueNames(const QString &key) const override;
    Result<QStringList> subkeyNames(const QString &key) const override;
    Result<void> commit(const RegOps &ops) override;
    Result<void> checkWritable() const override;
    Result<void> checkUnchanged() const override;
    Result<std::unique_ptr<RegistryStore>> reopen() const override;

    JsonPolicyFlavour flavour() const { return m_tree.flavour(); }
    /// The whole document as it would be written now.
    QJsonObject document() const;

private:
    JsonPolicyStore(QString file, QString mount) : m_file(std::move(file)), m_mount(std::move(mount)) { }
    /// Path components of \a key below the mount; empty for the mount itself.
    QStringList components(const QString &key) const;
    Result<void> apply(JsonPolicyTree &tree, const RegOp &op) const;
    QByteArray serialize(const JsonPolicyTree &tree) const;
    Result<void> prepareFolder() const;

    QString m_file;
    QString m_mount;
    JsonPolicyTree m_tree;
    QJsonObject m_outer; ///< Firefox: the top-level object around "policies" (other members kept)
    bool m_compact = false;
    bool m_trailingNewline = true;
    bool m_bom = false;
    FileFingerprint m_fingerprint; ///< the file as read, checked again just before a commit replaces it
};

} // namespace ssod::core::registry
