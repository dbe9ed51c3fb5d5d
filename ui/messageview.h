#pragma once

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTableView;
class QTabWidget;

namespace th::analysis {
struct CaseAnalysis;
}

namespace th::model {
class AttachmentModel;
class HeaderTableModel;
class MailStore;
struct Message;
}

namespace th::ui {

class FindingsView;
class RawSourceView;

/// One message: a summary line, the engine's verdict with its evidence, the header table, the decoded body
/// (HTML only ever as sanitised text) with the splice point marked, the attachment list, and the exact raw
/// source, highlighted out of process.
class MessageView : public QWidget
{
    Q_OBJECT
public:
    enum Tab { VerdictTab, HeadersTab, BodyTab, AttachmentsTab, RawTab, HtmlSourceTab };

    explicit MessageView(QWidget *parent = nullptr);

    void showMessage(const model::MailStore &store, int index);
    /// The case's analysis, or nullptr while it runs; the verdict tab follows the shown message.
    void setAnalysis(std::shared_ptr<const analysis::CaseAnalysis> analysis);
    void clear();
    void setCurrentTab(Tab tab);
    [[nodiscard]] RawSourceView *rawView() const { return m_raw; }

private:
    QWidget *createBodyTab();
    void showBody();
    void markSplice(const QString &shown);
    void showSummary(const model::MailStore &store, int index);
    void showVerdict();

    QLabel *m_summary;
    QTabWidget *m_tabs;
    FindingsView *m_findings;
    std::shared_ptr<const analysis::CaseAnalysis> m_analysis;
    int m_index = -1;
    QTableView *m_headers;
    model::HeaderTableModel *m_headerModel;
    QComboBox *m_bodyPart;
    QPlainTextEdit *m_body;
    QTableView *m_attachments;
    model::AttachmentModel *m_attachmentModel;
    RawSourceView *m_raw;
    RawSourceView *m_htmlSource;
    QString m_textBody;
    QString m_htmlBody;
};

} // namespace th::ui
