#pragma once

#include "core/directory/SpnDirectory.h"

#include <QPair>
#include <QWidget>
#include <functional>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace ssod::ui {

class DirectorySession;

/**
 * The SPN lookup tab ("who holds HTTP/portal…?", setspn -Q): holders of an SPN or a `*` pattern;
 * for one exact SPN, whether it is registered, duplicated, or only covered by a computer's HOST/
 * SPN, and what that means for Kerberos. Below it a place for the SPN predictor: which SPN a client
 * profile would ask for, hidden until setPredictor() provides one.
 */
class SpnLookupView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpnLookupView)

public:
    explicit SpnLookupView(DirectorySession &session, QWidget *parent = nullptr);

    void lookUp(const QString &spnOrPattern);

    /// PREDICTOR HOOK (wired by the lead with core::directory::SpnPredictor): the client profiles
    /// to offer as (id, label), and what the prediction area shows for the SPN looked up last and
    /// the chosen profile (plain text). Shows the prediction area.
    using Predict = std::function<QString(const QString &spn, const QString &profileId)>;
    void setPredictor(const QList<QPair<QString, QString>> &profiles, Predict predict);

Q_SIGNALS:
    void failed(const QString &message);

private:
    struct Answer {
        QList<core::directory::SpnHolder> holders;
        QList<core::directory::SpnHolder> hostAlias; ///< HOST/<host> holders for an exact SPN of an alias class
    };
    void show(const QString &query, const Answer &answer);
    void updatePrediction();

    DirectorySession &m_session;
    QLineEdit *m_query;
    QPushButton *m_lookUp;
    QLabel *m_verdict;
    QTreeWidget *m_table;
    QGroupBox *m_prediction;
    QComboBox *m_profile;
    QLabel *m_predictionResult;
    Predict m_predict;
    QString m_lastQuery;
};

} // namespace ssod::ui
