#pragma once

#include "core/catalog/Setting.h"
#include "core/util/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace ssod::core::catalog {

/**
 * The settings SSO Doctor knows, loaded from JSON in resources/catalog and validated as a whole:
 * any mistake is reported with the file, the setting's id or index and the field.
 */
class Catalog final
{
public:
    /// The catalog compiled into the binary (":/catalog/*.json"); SSOD_CATALOG_DIR overrides it.
    static Result<Catalog> loadBuiltin();
    static Result<Catalog> loadFromJson(const QByteArray &json, const QString &fileName);

    const QList<Setting> &settings() const { return m_settings; }
    const Setting *find(const QString &id) const;

    /// Settings whose id, title, category, summary or registry location contain \a text.
    QList<const Setting *> search(const QString &text) const;

private:
    QList<Setting> m_settings;
};

} // namespace ssod::core::catalog
