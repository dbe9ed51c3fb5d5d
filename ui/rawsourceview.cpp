#include "rawsourceview.h"

#include "safetextbrowser.h"
#include "sourcehighlighter.h"

#include <QFontDatabase>
#include <QLabel>
#include <QVBoxLayout>

namespace th::ui {

RawSourceView::RawSourceView(QWidget *parent)
    : QWidget(parent), m_view(new SafeTextBrowser(this)), m_status(new QLabel(this)), m_highlighter(new SourceHighlighter(this))
{
    m_view->setObjectName(QStringLiteral("rawSourceText"));
    m_view->setLineWrapMode(QTextEdit::NoWrap);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_status->setObjectName(QStringLiteral("rawSourceStatus"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    layout->addWidget(m_status);
    connect(m_highlighter, &SourceHighlighter::highlighted, this, &RawSourceView::showHighlighted);
    connect(m_highlighter, &SourceHighlighter::failed, this, &RawSourceView::showFailure);
}

void RawSourceView::setSource(const QString &text, const QString &syntax)
{
    m_highlighted = false;
    m_view->setPlainText(text);
    m_status->setText(tr("Plain text; highlighting (%1)...").arg(syntax));
    m_highlighter->highlight(++m_request, text, syntax);
}

void RawSourceView::clear()
{
    ++m_request;
    m_highlighted = false;
    m_view->clear();
    m_status->clear();
}

QString RawSourceView::plainText() const
{
    return m_view->toPlainText();
}

void RawSourceView::showHighlighted(quint64 request, const QString &html)
{
    if (request != m_request)
        return;
    m_view->setHtml(html);
    m_highlighted = true;
    m_status->setText(tr("Highlighted by KSyntaxHighlighting (kate-syntax-highlighter, separate process)"));
    Q_EMIT highlightingDone(true);
}

void RawSourceView::showFailure(quint64 request, const QString &reason)
{
    if (request != m_request)
        return;
    m_status->setText(tr("Plain text: %1").arg(reason));
    Q_EMIT highlightingDone(false);
}

} // namespace th::ui
