#pragma once

#include "core/registry/ReadOptions.h"
#include "core/util/FileWarning.h"
#include "core/util/Result.h"

#include <QString>
#include <functional>

namespace ssod::core::registry {

struct ConvertOptions {
    /// Root a Registry.pol's keys are relative to, read and written (HKEY_LOCAL_MACHINE or
    /// HKEY_CURRENT_USER).
    QString root = QStringLiteral("HKEY_LOCAL_MACHINE");
    /// Progress and cancel of reading the input (keys must be empty: a conversion takes it all).
    ReadOptions read;
    /// Called with every reading and writing warning before the output is published; false keeps
    /// the output unwritten (what --strict does). Unset: always publish.
    std::function<bool(const FileWarnings &warnings)> accept;
};

struct ConvertReport {
    FileWarnings warnings;
    bool published = false; ///< false: accept() refused, nothing was written
    bool streamed = false; ///< the input was converted part by part (see RegFileScanner::stream)
};

/**
 * Converts a .reg file or a Registry.pol (told apart by content) to the format named by \a out's
 * extension (.reg: version 5, UTF-16LE; .pol: PReg). The output is written atomically (AtomicFile):
 * on any error, a cancel or a refusal the target is unchanged. A .reg input is read as regedit
 * imports it (a broken line is skipped with a warning) and streamed: a registry export of several
 * hundred MB is converted part by part on every core, never held whole, unless it repeats keys
 * across parts, in which case it is read whole so the output is the same either way.
 */
Result<ConvertReport> convertFile(const QString &in, const QString &out, const ConvertOptions &options = {});

} // namespace ssod::core::registry
