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
class SpnPredictionBox;

/**
 * The SPN lookup tab ("who holds HTTP/portal…?", setspn -Q): holders of an SPN or a `*` pattern;
 * for one exact SPN, whether it is registered, duplicated, or only covered by a computer's HOST/
 * SPN, and what that means for Kerberos. Below it a place for the SPN predictor: which SPN a client
 * profile would ask for (SpnPredictionBox).
 */
class SpnLookupView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpnLookupView)

public:
    explicit SpnLookupView(DirectorySession &session, QWidget *parent = nullptr);

    void lookUp(const QString &spnOrPattern);


Q_SIGNALS:
    void failed(const QString &message);

private:
    struct Answer {
        QList<core::directory::SpnHolder> holders;
        QList<core::directory::SpnHolder> hostAlias; ///< HOST/<host> holders for an exact SPN of an alias class
    };
    void show(const QString &query, const Answer &answer);

    DirectorySession &m_session;
    QLineEdit *m_query;
    QPushButton *m_lookUp;
    QLabel *m_verdict;
    QTreeWidget *m_table;
    SpnPredictionBox *m_prediction;
    QString m_lastQuery;
};

} // namespace ssod::ui
