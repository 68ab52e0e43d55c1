#include "ui/widgets/FileWarningsNote.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace ssod::ui {

using core::FileWarning;

FileWarningsNote::FileWarningsNote(QWidget *parent)
    : QFrame(parent), m_summary(new QLabel(this)), m_details(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("fileWarningsNote"));
    setFrameShape(QFrame::StyledPanel);
    m_summary->setObjectName(QStringLiteral("fileWarningsSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setBuddy(m_details);
    // A text box rather than a tooltip or a long label: the full key and value names stay
    // reachable by keyboard (Tab), selectable for a ticket, and read by a screen reader.
    m_details->setObjectName(QStringLiteral("fileWarningsDetails"));
    m_details->setReadOnly(true);
    m_details->setTabChangesFocus(true);
    m_details->setFocusPolicy(Qt::StrongFocus);
    m_details->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_details->setAccessibleName(tr("Warnings about the file that was read"));
    m_details->setMaximumHeight(fontMetrics().lineSpacing() * 7);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_details);
    setVisible(false);
}

QString FileWarningsNote::summary(const core::FileWarnings &warnings)
{
    if (warnings.isEmpty())
        return {};
    const qsizetype skipped = core::countWarnings(warnings, FileWarning::Kind::Skipped);
    QStringList parts;
    if (skipped > 0)
        parts << (skipped == 1
                ? tr("%n line of the file could not be read and was skipped, as regedit skips it; "
                     "the rest was read.",
                    nullptr, int(skipped))
                : tr("%n lines of the file could not be read and were skipped, as regedit skips "
                     "them; the rest was read.",
                    nullptr, int(skipped)));
    const qsizetype other = warnings.size() - skipped;
    if (other > 0)
        parts << (other == 1 ? tr("%n value was read one of two possible ways or cannot be carried over.",
                      nullptr, int(other))
                             : tr("%n values were read one of two possible ways or cannot be carried over.",
                                 nullptr, int(other)));
    return tr("\u26a0 %1 Details:").arg(parts.join(QLatin1Char(' ')));
}

void FileWarningsNote::setWarnings(const core::FileWarnings &warnings)
{
    QStringList lines;
    for (const FileWarning &w : warnings)
        lines << w.toString();
    m_summary->setText(summary(warnings));
    m_details->setPlainText(lines.join(QLatin1Char('\n')));
    m_details->setAccessibleDescription(m_summary->text());
    setVisible(!warnings.isEmpty());
}

} // namespace ssod::ui
