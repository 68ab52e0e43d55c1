#pragma once

#include "core/directory/SpnDirectory.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace ssod::ui {

class DirectorySession;

/// The Duplicates tab: every SPN held by two or more accounts (setspn -X), in the domain or the
/// forest, and why that breaks Kerberos (FACTS.md §6.1).
class DuplicatesView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DuplicatesView)

public:
    explicit DuplicatesView(DirectorySession &session, QWidget *parent = nullptr);

    void find();

Q_SIGNALS:
    void failed(const QString &message);

private:
    void show(const QList<core::directory::DuplicateSpn> &dups);
    void updateEnabled();

    DirectorySession &m_session;
    QComboBox *m_scope;
    QPushButton *m_find;
    QLabel *m_count;
    QTreeWidget *m_table;
};

} // namespace ssod::ui
