#pragma once

#include "core/registry/export/Exporter.h"

#include <QByteArray>
#include <QString>

namespace ssod::ui::preview {

/// The text to show for export \a bytes: the text itself for text formats; for binary
/// Registry.pol a readable list of \a changes followed by a hex dump.
QString text(
    const QByteArray &bytes, core::registry::ExportFormat format, const core::registry::ChangeSet &changes);

/// Classic 16-bytes-per-line hex dump with offsets and printable ASCII, at most \a limit bytes.
QString hexDump(const QByteArray &bytes, qsizetype limit = 4096);

} // namespace ssod::ui::preview
