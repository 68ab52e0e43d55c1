#pragma once

#include "core/util/Finding.h"

#include <QHash>
#include <QList>
#include <QWidget>

namespace ssod::ui {

/**
 * The classic picture of a Kerberos logon to a service — client, DNS, KDC, service and the
 * numbered steps between them — with each step coloured by the worst thing the probes found there,
 * and its state written beside it (colour is never the only sign). A step nobody checked stays
 * grey and says so. Clicking a step emits stepClicked with its id ("dns", "kdc-tgs", …).
 */
class KerberosFlowView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KerberosFlowView)

public:
    explicit KerberosFlowView(QWidget *parent = nullptr);

    /// The steps, in the order drawn: network, dns, kdc-as, kdc-tgs, service, tls.
    static QStringList stepIds();
    /// The step a finding's catalog step is drawn on ("clock" joins "kdc-as").
    static QString drawnStep(const QString &findingStep);

    /// Sets every step from \a findings (those without a step are ignored).
    void setFindings(const QList<core::Finding> &findings);
    void clear();
    /// The worst severity found for \a step, or nullopt when nothing checked it.
    std::optional<core::Severity> stepState(const QString &step) const;
    /// "Error", "Warning", "Info", "OK" or "Not checked": the words drawn beside the step.
    QString stepStateText(const QString &step) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void stepClicked(const QString &step);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    QRectF boxRect(int box) const;
    QRectF stepRect(int index) const;

    QHash<QString, core::Severity> m_states;
    QHash<QString, int> m_counts;
};

/// The colour of a severity in the results tree and the flow picture (text always accompanies it).
QColor severityColor(core::Severity s);
/// "Error", "Warning", "Info", "OK" (translated).
QString severityText(core::Severity s);

} // namespace ssod::ui
