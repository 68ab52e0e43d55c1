#pragma once

#include "core/catalog/Catalog.h"
#include "core/registry/Edit.h"
#include "core/registry/export/Exporter.h"
#include "core/util/Result.h"

#include <QString>
#include <QStringList>

namespace ssod::core::catalog {

/// A setting with its chosen value: what "ID" or "ID=VALUE" on the command line, or a wizard
/// page, asks for.
struct SettingRequest
{
    const Setting *setting = nullptr;
    QString value;     ///< Enum choice value, Int as text, List joined by ','
    QStringList items; ///< List items
    const Choice *choice = nullptr;

    /// Warnings that apply to this choice (e.g. NLA off), for the review page and `plan`.
    QStringList warnings() const;
    /// "id" or "id=value", the inverse of parseSpec.
    QString spec() const;
};

/// Parses "ID" or "ID=VALUE" (list items comma-separated) and validates the value against the
/// setting's parameter; the message names the setting and what a valid value looks like.
Result<SettingRequest> parseSpec(const Catalog &catalog, const QString &spec);
/// Same, with the value already split off (for wizards).
Result<SettingRequest> makeRequest(const Setting &setting, const QString &value);

/// The concrete registry edits for \a request, templates filled in.
Result<registry::Edits> resolveEdits(const SettingRequest &request);

} // namespace ssod::core::catalog

namespace ssod::core::catalog {

/// Edits of several requests, in order.
Result<registry::Edits> resolveAll(const QList<SettingRequest> &requests);
/// The "why" lines for exports and backups.
QList<registry::ExportSource> exportSources(const QList<SettingRequest> &requests);

} // namespace ssod::core::catalog
