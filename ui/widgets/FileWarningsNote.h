#pragma once

#include "core/util/FileWarning.h"

#include <QFrame>

class QLabel;
class QPlainTextEdit;

namespace ssod::ui {

/**
 * Shows what reading a file left out or read one of two ways (core::FileWarning): a one-line
 * summary ("2 values could not be read and were skipped…") and every warning with its file:line,
 * key and value in a read-only text box that Tab reaches and a screen reader reads. Hidden while
 * there is nothing to say. Used wherever a target or baseline file is read.
 */
class FileWarningsNote final : public QFrame {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileWarningsNote)

public:
    explicit FileWarningsNote(QWidget *parent = nullptr);

    void setWarnings(const core::FileWarnings &warnings);
    void clear() { setWarnings({}); }

    /// The summary line, e.g. for tests and status messages; empty when there are no warnings.
    static QString summary(const core::FileWarnings &warnings);

private:
    QLabel *m_summary;
    QPlainTextEdit *m_details;
};

} // namespace ssod::ui
