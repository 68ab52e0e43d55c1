#pragma once

#include "core/util/Result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <atomic>
#include <functional>

namespace ssod::core::registry {

/**
 * How a file store reads its file. A plan or an evaluation needs a handful of keys of what may be
 * a 300 MB registry export, so it names them and the .reg reader skips every other section without
 * decoding it; the GUI reads on a worker thread and wants progress and a way to stop.
 */
struct ReadOptions {
    /// Canonical full key paths whose subtrees will be read; empty: the whole file. A store opened
    /// with keys answers only for keys inside them and cannot be committed.
    QStringList keys;
    /// Called on the reading thread with bytes read so far and the file size.
    std::function<void(qint64 done, qint64 total)> progress;
    /// Set from any thread to stop the read; it then fails with cancelledError().
    const std::atomic<bool> *cancel = nullptr;
    /// true: a line regedit would skip is an error; false: skipped with a warning (FileWarning).
    bool strict = false;
    /// Bytes read at a time (0: 4 MiB). Tests set it small to cut a small file into many parts.
    qsizetype chunkBytes = 0;

    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }

    /// What a cancelled read of \a file returns.
    static Error cancelledError(const QString &file)
    {
        return Error::io(QCoreApplication::translate("ReadOptions", "reading was cancelled"), file);
    }
    static bool isCancelled(const Error &e)
    {
        return e.code == Error::Code::Io && e.message == cancelledError({}).message;
    }
};

} // namespace ssod::core::registry
