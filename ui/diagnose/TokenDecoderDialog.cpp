#include "ui/diagnose/TokenDecoderDialog.h"

#include "core/probe/TokenDecoder.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ssod::ui {

namespace {

void addFields(QTreeWidgetItem *parent, QTreeWidget *tree, const QList<core::probe::TokenField> &fields)
{
    for (const core::probe::TokenField &f : fields) {
        auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(tree);
        item->setText(0, f.label);
        item->setText(1, f.value);
        item->setText(2, f.note);
        item->setToolTip(1, f.value);
        item->setToolTip(2, f.note);
        addFields(item, tree, f.children);
    }
}

} // namespace

TokenDecoderDialog::TokenDecoderDialog(QWidget *parent)
    : QDialog(parent), m_input(new QPlainTextEdit(this)), m_verdict(new QLabel(this)),
      m_explanation(new QLabel(this)), m_problem(new QLabel(this)), m_fields(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("tokenDecoderDialog"));
    setWindowTitle(tr("Decode a Token"));
    m_input->setObjectName(QStringLiteral("tokenInput"));
    m_verdict->setObjectName(QStringLiteral("tokenVerdict"));
    m_explanation->setObjectName(QStringLiteral("tokenExplanation"));
    m_problem->setObjectName(QStringLiteral("tokenProblem"));
    m_fields->setObjectName(QStringLiteral("tokenFields"));
    m_fields->setAccessibleName(tr("Decoded fields"));
    m_input->setPlaceholderText(tr("Paste an Authorization or WWW-Authenticate header, a header value such as "
                                   "\u201cNegotiate YIIH\u2026\u201d, or a base64 token (from Fiddler, a browser's "
                                   "developer tools or a server log)"));
    m_input->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_input->setTabChangesFocus(true);
    m_verdict->setWordWrap(true);
    m_explanation->setWordWrap(true);
    m_problem->setWordWrap(true);
    for (QLabel *l : { m_verdict, m_explanation, m_problem })
        l->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QFont bold = m_verdict->font();
    bold.setBold(true);
    m_verdict->setFont(bold);
    m_fields->setColumnCount(3);
    m_fields->setHeaderLabels({ tr("Field"), tr("Value"), tr("Meaning") });
    m_fields->setAlternatingRowColors(true);
    m_fields->setWordWrap(true); // flag lists and notes wrap instead of ending in "…"
    m_fields->header()->setStretchLastSection(true);

    auto *inputLabel = new QLabel(tr("&Token or header:"), this);
    inputLabel->setBuddy(m_input);
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(inputLabel);
    topLayout->addWidget(m_input);
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(m_verdict);
    bottomLayout->addWidget(m_explanation);
    bottomLayout->addWidget(m_problem);
    bottomLayout->addWidget(m_fields, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(bottom);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);
    connect(m_input, &QPlainTextEdit::textChanged, this, &TokenDecoderDialog::decode);
    resize(900, 620);
    decode();
}

void TokenDecoderDialog::setInput(const QString &text)
{
    m_input->setPlainText(text);
}

QString TokenDecoderDialog::verdictText() const
{
    return m_verdict->text();
}

QString TokenDecoderDialog::problemText() const
{
    return m_problem->text();
}

void TokenDecoderDialog::decode()
{
    m_fields->clear();
    m_explanation->clear();
    m_problem->clear();
    const QString text = m_input->toPlainText();
    if (text.trimmed().isEmpty()) {
        m_verdict->setText(tr("Nothing to decode yet."));
        m_explanation->setVisible(false);
        m_problem->setVisible(false);
        return;
    }
    if (text.size() > core::probe::kMaxTokenText) {
        m_verdict->setText(tr("Not decoded."));
        m_problem->setText(tr("This is %1 characters; a genuine token is at most %2. Paste one header or token.")
                               .arg(text.size())
                               .arg(core::probe::kMaxTokenText));
        m_explanation->setVisible(false);
        m_problem->setVisible(true);
        return;
    }
    const auto token = core::probe::decodeToken(text);
    if (!token) {
        m_verdict->setText(tr("Not decoded."));
        m_problem->setText(token.error().message);
        m_explanation->setVisible(false);
        m_problem->setVisible(true);
        return;
    }
    QString verdict = token->verdict;
    if (!token->scheme.isEmpty())
        verdict = tr("%1 (%2, %n bytes)", nullptr, int(token->bytes)).arg(verdict, token->scheme);
    else
        verdict = tr("%1 (%n bytes)", nullptr, int(token->bytes)).arg(verdict);
    m_verdict->setText(verdict);
    m_explanation->setText(token->explanation);
    m_explanation->setVisible(!token->explanation.isEmpty());
    m_problem->setText(token->problem.isEmpty()
            ? QString()
            : tr("Decoding stopped early: %1. The fields below are what could be read.").arg(token->problem));
    m_problem->setVisible(!token->problem.isEmpty());
    addFields(nullptr, m_fields, token->fields);
    m_fields->expandAll();
    m_fields->resizeColumnToContents(0);
    m_fields->setColumnWidth(0, m_fields->columnWidth(0) + 24);
    m_fields->resizeColumnToContents(1);
    m_fields->setColumnWidth(1, std::min(m_fields->columnWidth(1), 380));
}

} // namespace ssod::ui
