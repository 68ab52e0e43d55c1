#pragma once

// Targets of every file store kind for the crash-safety tests: an "old" version written by the
// core's own writers (so an undo can restore it byte for byte), a catalog change that turns it
// into the "new" version, and helpers to run the real CLI and look at the folder afterwards.

#include "tests/common/TestTools.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace ssod::testtools {

struct TargetKind {
    QString name; ///< "reg", "pol", "hive", "json": the test row
    QString fileName; ///< the target's name in its folder (the name decides the hive mount)
    QString change; ///< the catalog SPEC that apply writes
};

QList<TargetKind> allTargetKinds();

/// Writes the old version of \a kind at \a path: a few values plus \a padding filler values (a
/// larger file makes a write take longer). Returns an error text, empty on success.
QString makeTarget(const TargetKind &kind, const QString &path, int padding = 0);

/// Runs the real CLI ($SSOD_CLI).
ToolRun runCli(const QStringList &args, int timeoutMs = 60000);
/// `ssodoctor-cli apply CHANGE --to TARGET [--backup BACKUP]` for \a kind.
ToolRun applyCli(const TargetKind &kind, const QString &target, const QString &backup = {});

QByteArray fileBytes(const QString &path);
bool writeBytes(const QString &path, const QByteArray &bytes);

/// Every entry of \a dir, hidden ones included, sorted (sortedList).
QStringList folderEntries(const QString &dir);
QStringList sortedList(QStringList list);

/// The hive's content as hivexregedit exports it: hivex rewrites cells, so an undone hive holds
/// the old values without being the old bytes.
QString hiveContent(const QString &path);

} // namespace ssod::testtools
