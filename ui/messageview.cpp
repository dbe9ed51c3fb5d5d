#include "messageview.h"

#include "findingsview.h"
#include "rawsourceview.h"

#include "analysis/caseanalysis.h"
#include "analysis/htmltext.h"
#include "model/attachmentmodel.h"
#include "model/displaytext.h"
#include "model/headertablemodel.h"
#include "model/mailstore.h"
#include "model/textdecoder.h"

#include <QColor>
#include <QComboBox>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTextCursor>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace th::ui {
namespace {

QTableView *makeTable(QAbstractItemModel *model, const QString &name, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

// NUL and other C0 controls would cut or garble the text views: show them as their control pictures.
QString displayable(QString text)
{
    for (QChar &c : text) {
        if (c.unicode() < 0x20 && c != u'\n' && c != u'\r' && c != u'\t')
            c = QChar(0x2400 + c.unicode());
    }
    return text;
}

// A run of over a thousand characters with nowhere to break a line (a base64 blob, a minified HTML line). A
// no-break space is no such place.
bool hasLongWord(QStringView text)
{
    constexpr qsizetype LongWord = 1000;
    qsizetype run = 0;
    for (QChar c : text) {
        run = c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' ? 0 : run + 1;
        if (run > LongWord)
            return true;
    }
    return false;
}

QStringList locations(const model::MailStore &store, const QList<model::MessageSource> &sources)
{
    QStringList out;
    for (const model::MessageSource &s : sources)
        out << QStringLiteral("%1 @%2").arg(store.sources().value(s.fileIndex).path).arg(s.offset);
    return out;
}

} // namespace

MessageView::MessageView(QWidget *parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_tabs(new QTabWidget(this)), m_findings(new FindingsView(this)),
      m_headerModel(new model::HeaderTableModel(this)), m_attachmentModel(new model::AttachmentModel(this)),
      m_raw(new RawSourceView(this)), m_htmlSource(new RawSourceView(this))
{
    m_summary->setObjectName(QStringLiteral("messageSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // a long word is cut, not the window widened
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_headers = makeTable(m_headerModel, QStringLiteral("headerTable"), this);
    m_attachments = makeTable(m_attachmentModel, QStringLiteral("attachmentTable"), this);
    m_tabs->setObjectName(QStringLiteral("messageTabs"));
    m_tabs->addTab(m_findings, tr("Verdict"));
    m_tabs->addTab(m_headers, tr("Headers"));
    m_tabs->addTab(createBodyTab(), tr("Body"));
    m_tabs->addTab(m_attachments, tr("Attachments"));
    m_tabs->addTab(m_raw, tr("Raw source"));
    m_tabs->addTab(m_htmlSource, tr("HTML source"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_tabs, 1);
}

QWidget *MessageView::createBodyTab()
{
    auto *page = new QWidget(this);
    m_bodyPart = new QComboBox(page);
    m_bodyPart->setObjectName(QStringLiteral("bodyPart"));
    m_bodyPart->addItems({tr("Text part"), tr("HTML part, shown as text (nothing loaded, no scripts)")});
    m_body = new QPlainTextEdit(page);
    m_body->setObjectName(QStringLiteral("bodyText"));
    m_body->setReadOnly(true);
    m_body->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bodyPart);
    layout->addWidget(m_body, 1);
    connect(m_bodyPart, &QComboBox::currentIndexChanged, this, &MessageView::showBody);
    return page;
}

void MessageView::showSummary(const model::MailStore &store, int index)
{
    const model::Message &m = store.message(index);
    QStringList lines{tr("From: %1").arg(m.from.toString()), tr("To: %1").arg(model::joinAddresses(m.to)),
                      tr("Date: %1 (UTC %2)").arg(m.rawDate, m.date.toUTC().toString(Qt::ISODate)),
                      tr("Subject: %1").arg(m.subject)};
    if (!m.defects.isEmpty())
        lines << tr("Defects: %1").arg(m.defects.join(QStringLiteral("; ")));
    if (store.hasIdCollision(index))
        lines << tr("Another message in the case has this Message-ID with different content.");
    const QList<model::MessageSource> copies = store.duplicatesOf(index);
    if (!copies.isEmpty())
        lines << tr("Byte-identical copies also found in: %1").arg(locations(store, copies).join(QStringLiteral("; ")));
    for (QString &line : lines)
        line = model::DisplayText::shortened(line);
    m_summary->setText(lines.join(u'\n'));
}

void MessageView::showMessage(const model::MailStore &store, int index)
{
    const model::Message &m = store.message(index);
    m_index = index;
    showSummary(store, index);
    showVerdict();
    m_headerModel->setMessage(m);
    m_attachmentModel->setRecords(m.attachments);
    m_textBody = m.textBody;
    m_htmlBody = m.htmlBody;
    m_bodyPart->setCurrentIndex(m_textBody.isEmpty() && !m_htmlBody.isEmpty() ? 1 : 0);
    showBody();
    QString error;
    const QByteArray raw = store.rawBytes(index, &error);
    if (raw.isEmpty() && !error.isEmpty())
        m_raw->setSource(tr("The raw source could not be read: %1").arg(error), QStringLiteral("Email"));
    else
        m_raw->setSource(displayable(model::TextDecoder::decodeUndeclared(std::string_view(raw.constData(), size_t(raw.size())))), QStringLiteral("Email"));
    m_tabs->setTabEnabled(HtmlSourceTab, !m_htmlBody.isEmpty());
    if (m_htmlBody.isEmpty())
        m_htmlSource->clear();
    else
        m_htmlSource->setSource(displayable(m_htmlBody), QStringLiteral("HTML"));
}

void MessageView::setAnalysis(std::shared_ptr<const analysis::CaseAnalysis> analysis)
{
    m_analysis = std::move(analysis);
    showVerdict();
    if (m_index >= 0)
        showBody();
}

void MessageView::showVerdict()
{
    if (m_index < 0)
        m_findings->clear();
    else if (!m_analysis || m_index >= m_analysis->messages.size())
        m_findings->showNote(tr("The hijack analysis is running."));
    else
        m_findings->showAnalysis(m_analysis->messages[m_index], m_analysis->bodies[m_index]);
}

void MessageView::showBody()
{
    const bool html = m_bodyPart->currentIndex() == 1;
    const QString text = html ? analysis::HtmlText::toText(m_htmlBody) : m_textBody;
    const QString shown = text.isEmpty() ? tr("(this message has no %1 part)").arg(html ? tr("HTML") : tr("text")) : displayable(text);
    // Qt wraps a line without spaces in time quadratic in its length unless it may run past the edge.
    m_body->setWordWrapMode(hasLongWord(shown) ? QTextOption::WordWrap : QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_body->setPlainText(shown);
    markSplice(text);
}

// The analysis offsets refer to the text it read; when that is the part shown, the text the sender put on
// top is tinted and the first authentic line marked.
void MessageView::markSplice(const QString &shown)
{
    QList<QTextEdit::ExtraSelection> marks;
    const analysis::MessageAnalysis *a = m_analysis && m_index >= 0 && m_index < m_analysis->messages.size() ? &m_analysis->messages[m_index] : nullptr;
    if (a && a->splice >= 0 && m_analysis->bodies[m_index].text == shown) {
        QTextEdit::ExtraSelection added{QTextCursor(m_body->document()), {}};
        added.cursor.setPosition(int(a->splice), QTextCursor::KeepAnchor);
        added.format.setBackground(QColor(0xfd, 0xe0, 0xdc));
        QTextEdit::ExtraSelection line{QTextCursor(m_body->document()), {}};
        line.cursor.setPosition(int(a->splice));
        line.format.setBackground(QColor(0xff, 0xd5, 0x4f));
        line.format.setProperty(QTextFormat::FullWidthSelection, true);
        marks << added << line;
    }
    m_body->setExtraSelections(marks);
}

void MessageView::clear()
{
    m_index = -1;
    m_findings->clear();
    m_summary->clear();
    m_headerModel->setMessage({});
    m_attachmentModel->setRecords({});
    m_textBody.clear();
    m_htmlBody.clear();
    m_body->clear();
    m_raw->clear();
    m_htmlSource->clear();
}

void MessageView::setCurrentTab(Tab tab)
{
    m_tabs->setCurrentIndex(tab);
}

} // namespace th::ui
