#pragma once

#include "analysis/caseanalysis.h"
#include "model/mailstore.h"
#include "model/thread.h"

#include <QMainWindow>

#include <memory>

class QTreeView;
template <typename T>
class QFutureWatcher;

namespace th::model {
class Importer;
class SourceListModel;
class ThreadFilterProxy;
class ThreadListModel;
class ThreadTreeModel;
}

namespace th::ui {

class ImportStatus;
class MessageView;
class ThreadFilterBar;

/// The workbench: thread list with filters, the selected thread's tree (ghosts visible), the selected
/// message, and the evidence files of the case. Import and threading run off the GUI thread.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Adds mailbox files or folders to the case (import runs in the background).
    void openPaths(const QStringList &paths);
    [[nodiscard]] std::shared_ptr<const model::MailStore> store() const { return m_store; }
    [[nodiscard]] std::shared_ptr<const model::ThreadSet> threads() const { return m_threads; }
    /// The hijack analysis of the case, or nullptr before it has run.
    [[nodiscard]] std::shared_ptr<const analysis::CaseAnalysis> analysis() const { return m_analysis; }
    /// Organisation domains, trusted authserv-ids and sister domains; the case is analysed again.
    void setCaseSettings(const analysis::CaseSettings &settings);

Q_SIGNALS:
    /// The case was (re)built: imported and threaded.
    void caseReady();
    /// The hijack analysis of the case finished.
    void analysisReady();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    QWidget *createCentralArea();
    void createEvidenceDock();
    void importFinished(std::shared_ptr<const model::MailStore> store, const QStringList &skipped, bool cancelled);
    void threadingFinished();
    void analyse();
    void analysisFinished();
    void showThreadVerdicts();
    void showThread(const QModelIndex &current);
    void showMessage(const QModelIndex &current);

    model::Importer *m_importer;
    QFutureWatcher<model::ThreadSet> *m_threading;
    QFutureWatcher<analysis::CaseAnalysis> *m_analysing;
    analysis::CaseSettings m_settings;
    bool m_settingsChanged = false; ///< while an analysis ran
    std::shared_ptr<const analysis::CaseAnalysis> m_analysis;
    std::shared_ptr<const model::MailStore> m_store;
    std::shared_ptr<const model::ThreadSet> m_threads;
    std::shared_ptr<const model::MailStore> m_pendingStore;
    QString m_importSummary;
    model::ThreadListModel *m_threadModel;
    model::ThreadFilterProxy *m_proxy;
    model::ThreadTreeModel *m_treeModel;
    model::SourceListModel *m_sourceModel;
    ThreadFilterBar *m_filter;
    QTreeView *m_threadList;
    QTreeView *m_threadTree;
    MessageView *m_messageView;
    ImportStatus *m_status;
};

} // namespace th::ui
