#include "ui/diagnose/KerberosFlowView.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

namespace ssod::ui {

namespace {

enum BoxId { Client, Dns, Kdc, Service };

struct Step {
    const char *id;
    BoxId to;
    const char *label;
};

// The arrows, top to bottom, in the order a client walks them.
constexpr Step kSteps[] = {
    { "network", Service, QT_TRANSLATE_NOOP("ssod::ui::KerberosFlowView", "Reach the servers (ports)") },
    { "dns", Dns, QT_TRANSLATE_NOOP("ssod::ui::KerberosFlowView", "Look up the name (A, CNAME, SRV)") },
    { "kdc-as", Kdc, QT_TRANSLATE_NOOP("ssod::ui::KerberosFlowView", "Logon ticket (AS: TGT, clock)") },
    { "kdc-tgs", Kdc, QT_TRANSLATE_NOOP("ssod::ui::KerberosFlowView", "Service ticket for the SPN (TGS)") },
    { "tls", Service, QT_TRANSLATE_NOOP("ssod::ui::KerberosFlowView", "Secure channel (TLS certificate)") },
    { "service", Service, QT_TRANSLATE_NOOP("ssod::ui::KerberosFlowView", "Present the ticket (Negotiate, CredSSP)") },
};
constexpr int kStepCount = int(std::size(kSteps));

const char *const kBoxNames[] = {
    QT_TRANSLATE_NOOP("ssod::ui::KerberosFlowView", "Client"),
    QT_TRANSLATE_NOOP("ssod::ui::KerberosFlowView", "DNS"),
    QT_TRANSLATE_NOOP("ssod::ui::KerberosFlowView", "KDC (domain controller)"),
    QT_TRANSLATE_NOOP("ssod::ui::KerberosFlowView", "Service"),
};

constexpr int kMargin = 8;
constexpr int kBoxWidth = 118;
constexpr int kRowHeight = 26;

} // namespace

QColor severityColor(core::Severity s)
{
    switch (s) {
    case core::Severity::Ok:
        return QColor(0x2e, 0x7d, 0x32);
    case core::Severity::Info:
        return QColor(0x15, 0x65, 0xc0);
    case core::Severity::Warning:
        return QColor(0xb2, 0x6a, 0x00);
    case core::Severity::Error:
        return QColor(0xc6, 0x28, 0x28);
    }
    return Qt::gray;
}

QString severityText(core::Severity s)
{
    switch (s) {
    case core::Severity::Ok:
        return KerberosFlowView::tr("OK");
    case core::Severity::Info:
        return KerberosFlowView::tr("Info");
    case core::Severity::Warning:
        return KerberosFlowView::tr("Warning");
    case core::Severity::Error:
        return KerberosFlowView::tr("Error");
    }
    return QString();
}

KerberosFlowView::KerberosFlowView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("kerberosFlow"));
    setAccessibleName(tr("Kerberos flow"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setMouseTracking(false);
}

QStringList KerberosFlowView::stepIds()
{
    QStringList ids;
    for (const Step &s : kSteps)
        ids << QLatin1String(s.id);
    return ids;
}

QString KerberosFlowView::drawnStep(const QString &findingStep)
{
    if (findingStep == QLatin1String("clock"))
        return QStringLiteral("kdc-as");
    return stepIds().contains(findingStep) ? findingStep : QString();
}

void KerberosFlowView::setFindings(const QList<core::Finding> &findings)
{
    m_states.clear();
    m_counts.clear();
    for (const core::Finding &f : findings) {
        const QString step = drawnStep(f.step);
        if (step.isEmpty())
            continue;
        m_counts[step] += 1;
        const auto it = m_states.constFind(step);
        if (it == m_states.cend() || *it < f.severity)
            m_states.insert(step, f.severity);
    }
    QStringList summary;
    for (const QString &id : stepIds())
        summary << QStringLiteral("%1: %2").arg(id, stepStateText(id));
    setAccessibleDescription(summary.join(QLatin1String("; ")));
    update();
}

void KerberosFlowView::clear()
{
    setFindings({});
}

std::optional<core::Severity> KerberosFlowView::stepState(const QString &step) const
{
    const auto it = m_states.constFind(step);
    if (it == m_states.cend())
        return std::nullopt;
    return *it;
}

QString KerberosFlowView::stepStateText(const QString &step) const
{
    const auto s = stepState(step);
    return s ? severityText(*s) : tr("Not checked");
}

QSize KerberosFlowView::sizeHint() const
{
    return QSize(760, 2 * kMargin + (kStepCount + 2) * kRowHeight);
}

QSize KerberosFlowView::minimumSizeHint() const
{
    return QSize(560, sizeHint().height());
}

QRectF KerberosFlowView::boxRect(int box) const
{
    // A sequence diagram: a header box per party, its lifeline below; the client on the left, the
    // servers spread over the right part so every arrow is long enough for its words.
    static constexpr qreal centres[] = { 0.0, 0.46, 0.68, 0.89 };
    const qreal w = kBoxWidth;
    const qreal cx = box == Client ? kMargin + w / 2 : width() * centres[box];
    return QRectF(cx - w / 2, kMargin, w, kRowHeight * 1.2);
}

QRectF KerberosFlowView::stepRect(int index) const
{
    const qreal from = boxRect(Client).center().x();
    const qreal to = boxRect(kSteps[index].to).center().x();
    const qreal top = kMargin + kRowHeight * 1.5 + index * kRowHeight;
    return QRectF(from, top, to - from, kRowHeight - 2);
}

void KerberosFlowView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    QFont bold = font();
    bold.setBold(true);
    for (int b = Client; b <= Service; ++b) {
        const QRectF r = boxRect(b);
        p.setPen(QPen(pal.color(QPalette::Mid), 1, Qt::DotLine));
        p.drawLine(QPointF(r.center().x(), r.bottom()), QPointF(r.center().x(), height() - kMargin));
        p.setPen(QPen(pal.color(QPalette::Mid), 1));
        p.setBrush(pal.color(QPalette::AlternateBase));
        p.drawRoundedRect(r, 6, 6);
        p.setPen(pal.color(QPalette::Text));
        p.setFont(bold);
        p.drawText(r, Qt::AlignCenter | Qt::TextWordWrap, tr(kBoxNames[b]));
    }
    p.setFont(font());
    const QFontMetrics fm(font());
    for (int i = 0; i < kStepCount; ++i) {
        const QString id = QLatin1String(kSteps[i].id);
        const auto state = stepState(id);
        const QColor colour = state ? severityColor(*state) : pal.color(QPalette::PlaceholderText);
        const QRectF r = stepRect(i);
        const qreal y = r.bottom() - 3;
        // The arrow from the client to the party the step talks to.
        p.setPen(QPen(colour, state ? 2.5 : 1.2, state ? Qt::SolidLine : Qt::DashLine));
        p.drawLine(QPointF(r.left() + 2, y), QPointF(r.right() - 6, y));
        QPainterPath head;
        head.moveTo(r.right() - 1, y);
        head.lineTo(r.right() - 10, y - 4.5);
        head.lineTo(r.right() - 10, y + 4.5);
        head.closeSubpath();
        p.fillPath(head, colour);
        // The number in a disc, then the step and its state in words, above the arrow.
        const QRectF disc(r.left() + 6, y - 19, 16, 16);
        p.setBrush(colour);
        p.setPen(Qt::NoPen);
        p.drawEllipse(disc);
        p.setPen(Qt::white);
        p.setFont(bold);
        p.drawText(disc, Qt::AlignCenter, QString::number(i + 1));
        p.setFont(font());
        const int n = m_counts.value(id);
        const QString label = tr(kSteps[i].label);
        const QString text = n > 0 ? tr("%1 \u2014 %2 (%n findings)", nullptr, n).arg(label, stepStateText(id))
                                   : tr("%1 \u2014 %2").arg(label, stepStateText(id));
        const qreal textWidth = width() - kMargin - disc.right() - 6;
        p.setPen(state ? colour.darker(120) : pal.color(QPalette::PlaceholderText));
        if (state && *state >= core::Severity::Warning)
            p.setFont(bold);
        p.drawText(QRectF(disc.right() + 6, disc.top() - 1, textWidth, fm.height() + 2), Qt::AlignLeft | Qt::AlignVCenter,
            fm.elidedText(text, Qt::ElideRight, int(textWidth)));
        p.setFont(font());
    }
}

void KerberosFlowView::mousePressEvent(QMouseEvent *event)
{
    for (int i = 0; i < kStepCount; ++i) {
        const QRectF row(0, stepRect(i).top(), width(), kRowHeight);
        if (row.contains(event->position())) {
            emit stepClicked(QLatin1String(kSteps[i].id));
            return;
        }
    }
    QWidget::mousePressEvent(event);
}

} // namespace ssod::ui
