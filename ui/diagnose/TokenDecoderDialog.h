#pragma once

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QTreeWidget;

namespace ssod::ui {

/**
 * "Decode a token": paste an Authorization / WWW-Authenticate header, a header value or a base64
 * blob and read what it is (SPNEGO, NTLMSSP, Kerberos AP-REQ …) with every field explained. The
 * same core decoder as `ssodoctor-cli decode`; the text is decoded as it is typed or pasted.
 */
class TokenDecoderDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenDecoderDialog)

public:
    explicit TokenDecoderDialog(QWidget *parent = nullptr);

    void setInput(const QString &text);
    QString verdictText() const;
    QString problemText() const;
    QTreeWidget *fieldsTree() const { return m_fields; }

private:
    void decode();

    QPlainTextEdit *m_input;
    QLabel *m_verdict;
    QLabel *m_explanation;
    QLabel *m_problem;
    QTreeWidget *m_fields;
};

} // namespace ssod::ui
