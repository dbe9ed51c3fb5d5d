#pragma once

#include <QWidget>

class QLabel;

namespace th::ui {

class SafeTextBrowser;
class SourceHighlighter;

/// Shows source text (a raw message, an HTML part) at once as plain text, then highlighted when the
/// out-of-process highlighter answers. Stale answers (the analyst moved on) are dropped.
class RawSourceView : public QWidget
{
    Q_OBJECT
public:
    explicit RawSourceView(QWidget *parent = nullptr);

    void setSource(const QString &text, const QString &syntax);
    void clear();
    [[nodiscard]] QString plainText() const;
    [[nodiscard]] bool isHighlighted() const { return m_highlighted; }

Q_SIGNALS:
    void highlightingDone(bool highlighted);

private:
    void showHighlighted(quint64 request, const QString &html);
    void showFailure(quint64 request, const QString &reason);

    SafeTextBrowser *m_view;
    QLabel *m_status;
    SourceHighlighter *m_highlighter;
    quint64 m_request = 0;
    bool m_highlighted = false;
};

} // namespace th::ui
