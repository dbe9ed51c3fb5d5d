#pragma once

#include <QObject>
#include <QString>

namespace th::ui {

/// Syntax highlighting of raw mail through KSyntaxHighlighting's own front end, `kate-syntax-highlighter`,
/// run as a separate process (Debian 12 ships the library for Qt 5 only; the process boundary also
/// keeps hostile input out of the workbench). Requests run off the GUI thread, input and time are capped,
/// and any failure leaves the caller with its plain-text view.
class SourceHighlighter : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype MaxInputChars = 2 * 1024 * 1024;
    static constexpr int TimeoutMs = 8000;

    explicit SourceHighlighter(QObject *parent = nullptr);

    /// Starts highlighting \a text with the definition \a syntax ("Email", "HTML"); answers with \a request.
    void highlight(quint64 request, const QString &text, const QString &syntax);

    /// Blocking: the HTML, or an empty string with \a error set.
    [[nodiscard]] static QString run(const QString &text, const QString &syntax, QString *error);
    [[nodiscard]] static QString program();

Q_SIGNALS:
    void highlighted(quint64 request, const QString &html);
    void failed(quint64 request, const QString &reason);
};

} // namespace th::ui
