#pragma once

#include "core/registry/RegistryStore.h"

#include <memory>

namespace ssod::core::registry {

/**
 * This computer's registry (Windows only; the file is compiled only there). Reads go to the live
 * registry through the Win32 API with KEY_WOW64_64KEY so a 32-bit build sees the 64-bit view.
 * The registry has no multi-key transactions that policy keys can use, so commit() is
 * all-or-nothing in the same way the file stores are observable: every operation is attempted
 * only after all keys could be opened for writing, and on a failure the operations already done
 * are reverted from the values read just before them.
 */
class LiveRegistryStore final : public RegistryStore
{
public:
    static std::unique_ptr<LiveRegistryStore> open();

    StoreKind kind() const override { return StoreKind::LiveRegistry; }
    QString description() const override;
    QString filePath() const override;
    bool covers(const QString &key) const override;
    QString scope() const override { return {}; }
    bool needsExplicitParents() const override { return true; }

    Result<bool> keyExists(const QString &key) const override;
    Result<std::optional<RegValue>> value(const QString &key, const QString &name) const override;
    Result<QStringList> valueNames(const QString &key) const override;
    Result<QStringList> subkeyNames(const QString &key) const override;
    Result<void> commit(const RegOps &ops) override;
};

} // namespace ssod::core::registry
