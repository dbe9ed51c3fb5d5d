#include "mainwindow.h"

#include "casesettingsdialog.h"
#include "ghostdelegate.h"
#include "importstatus.h"
#include "messageview.h"
#include "threadfilterbar.h"

#include "analysis/hijackanalyzer.h"
#include "analysis/threader.h"
#include "model/importer.h"
#include "model/sourcelistmodel.h"
#include "model/threadfilterproxy.h"
#include "model/threadlistmodel.h"
#include "model/threadtreemodel.h"

#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QMenuBar>
#include <QMimeData>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <utility>

namespace th::ui {
namespace {

QTreeView *makeTree(const QString &name, QWidget *parent)
{
    auto *view = new QTreeView(parent);
    view->setObjectName(name);
    view->setUniformRowHeights(true);
    view->setAlternatingRowColors(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    return view;
}

QDate caseFirstDate(const model::ThreadSet &set)
{
    QDate d;
    for (const model::Thread &t : set.threads) {
        if (t.firstDate.isValid() && (!d.isValid() || t.firstDate.date() < d))
            d = t.firstDate.date();
    }
    return d;
}

QDate caseLastDate(const model::ThreadSet &set)
{
    QDate d;
    for (const model::Thread &t : set.threads) {
        if (t.lastDate.isValid() && (!d.isValid() || t.lastDate.date() > d))
            d = t.lastDate.date();
    }
    return d;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_importer(new model::Importer(this)), m_threading(new QFutureWatcher<model::ThreadSet>(this)),
      m_analysing(new QFutureWatcher<analysis::CaseAnalysis>(this)),
      m_threadModel(new model::ThreadListModel(this)), m_proxy(new model::ThreadFilterProxy(this)),
      m_treeModel(new model::ThreadTreeModel(this)), m_sourceModel(new model::SourceListModel(this)),
      m_filter(new ThreadFilterBar(this)), m_messageView(new MessageView(this)), m_status(new ImportStatus(this))
{
    setWindowTitle(tr("ThreadHound"));
    setAcceptDrops(true);
    m_proxy->setSourceModel(m_threadModel);
    setCentralWidget(createCentralArea());
    createEvidenceDock();
    createActions();
    statusBar()->addWidget(m_status, 1);
    connect(m_importer, &model::Importer::progress, m_status, &ImportStatus::update);
    connect(m_importer, &model::Importer::finished, this, &MainWindow::importFinished);
    connect(m_status, &ImportStatus::cancelRequested, m_importer, &model::Importer::cancel);
    connect(m_threading, &QFutureWatcher<model::ThreadSet>::finished, this, &MainWindow::threadingFinished);
    connect(m_analysing, &QFutureWatcher<analysis::CaseAnalysis>::finished, this, &MainWindow::analysisFinished);
    connect(m_filter, &ThreadFilterBar::criteriaChanged, m_proxy, &model::ThreadFilterProxy::setCriteria);
    resize(1400, 900);
}

MainWindow::~MainWindow()
{
    m_threading->waitForFinished();
    m_analysing->waitForFinished();
}

QWidget *MainWindow::createCentralArea()
{
    m_threadList = makeTree(QStringLiteral("threadList"), this);
    m_threadList->setRootIsDecorated(false);
    m_threadList->setSortingEnabled(true);
    m_threadList->setModel(m_proxy);
    m_threadList->sortByColumn(model::ThreadListModel::LastDateColumn, Qt::DescendingOrder);
    m_threadTree = makeTree(QStringLiteral("threadTree"), this);
    m_threadTree->setModel(m_treeModel);
    m_threadTree->setItemDelegate(new GhostDelegate(m_threadTree));
    connect(m_threadList->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MainWindow::showThread);
    connect(m_threadTree->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MainWindow::showMessage);

    auto *right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_threadTree);
    right->addWidget(m_messageView);
    right->setStretchFactor(1, 3);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_filter);
    leftLayout->addWidget(m_threadList, 1);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(right);
    split->setSizes({620, 780});
    return split;
}

void MainWindow::createEvidenceDock()
{
    auto *view = new QTableView(this);
    view->setObjectName(QStringLiteral("evidenceTable"));
    view->setModel(m_sourceModel);
    view->verticalHeader()->hide();
    view->setWordWrap(false);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSectionResizeMode(model::SourceListModel::PathColumn, QHeaderView::Stretch);
    view->horizontalHeader()->setSectionResizeMode(model::SourceListModel::Sha256Column, QHeaderView::ResizeToContents);
    auto *dock = new QDockWidget(tr("Evidence files"), this);
    dock->setObjectName(QStringLiteral("evidenceDock"));
    dock->setWidget(view);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    resizeDocks({dock}, {140}, Qt::Vertical);
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *openFiles = file->addAction(tr("Open &files..."), this, [this] {
        openPaths(QFileDialog::getOpenFileNames(this, tr("Open mailbox files"), {},
                                                tr("Mail (*.mbox *.mbx *.eml *.msg *.pst *.ost);;All files (*)")));
    });
    openFiles->setShortcut(QKeySequence::Open);
    QAction *openFolder = file->addAction(tr("Open f&older..."), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Maildir or folder of messages"));
        if (!dir.isEmpty())
            openPaths({dir});
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu *caseMenu = menuBar()->addMenu(tr("&Case"));
    QAction *settings = caseMenu->addAction(tr("&Settings..."), this, [this] {
        CaseSettingsDialog dialog(m_analysis ? m_analysis->settings : m_settings, this);
        if (dialog.exec() == QDialog::Accepted)
            setCaseSettings(dialog.settings());
    });
    QToolBar *bar = addToolBar(tr("Case"));
    bar->setObjectName(QStringLiteral("caseToolBar"));
    bar->addAction(openFiles);
    bar->addAction(openFolder);
    bar->addAction(settings);
}

void MainWindow::openPaths(const QStringList &paths)
{
    if (paths.isEmpty() || m_importer->isRunning() || m_threading->isRunning() || m_analysing->isRunning())
        return;
    m_status->begin();
    m_importer->start(paths, m_store ? *m_store : model::MailStore());
}

void MainWindow::importFinished(std::shared_ptr<const model::MailStore> store, const QStringList &skipped, bool cancelled)
{
    int failed = 0;
    for (const model::SourceFile &s : store->sources())
        failed += s.failed() ? 1 : 0;
    m_importSummary = tr("%1 messages from %2 files%3%4%5")
                          .arg(store->size()).arg(store->sources().size())
                          .arg(failed ? tr(", %1 unreadable (see Evidence files)").arg(failed) : QString())
                          .arg(skipped.isEmpty() ? QString() : tr(", %1 non-mail files skipped").arg(skipped.size()))
                          .arg(cancelled ? tr(" (import cancelled)") : QString());
    m_pendingStore = std::move(store);
    m_status->end(tr("Threading %1 messages...").arg(m_pendingStore->size()));
    auto pending = m_pendingStore;
    m_threading->setFuture(QtConcurrent::run([pending] { return analysis::Threader::thread(pending->messages()); }));
}

void MainWindow::threadingFinished()
{
    m_store = std::move(m_pendingStore);
    m_threads = std::make_shared<const model::ThreadSet>(m_threading->result());
    m_treeModel->clear();
    m_messageView->clear();
    m_threadModel->setCase(m_store, m_threads);
    m_sourceModel->setRecords(m_store->sources());
    m_threadList->setColumnWidth(model::ThreadListModel::SubjectColumn, 300);
    for (int c = model::ThreadListModel::VerdictColumn; c < model::ThreadListModel::ColumnCount; ++c)
        m_threadList->resizeColumnToContents(c);
    if (!m_threads->threads.isEmpty())
        m_filter->setDateBounds(caseFirstDate(*m_threads), caseLastDate(*m_threads));
    m_status->end(tr("%1; %2 threads").arg(m_importSummary).arg(m_threads->threads.size()));
    Q_EMIT caseReady();
    analyse();
}

void MainWindow::setCaseSettings(const analysis::CaseSettings &settings)
{
    m_settings = settings;
    m_settingsChanged = m_analysing->isRunning(); // the running analysis has the old ones: run again after it
    if (m_store && !m_settingsChanged)
        analyse();
}

// The analysis runs off the GUI thread on the case as threaded; the views show it when it is done.
void MainWindow::analyse()
{
    m_analysis.reset();
    m_messageView->setAnalysis(nullptr);
    m_threadModel->setVerdicts({}, {});
    m_status->end(tr("%1; %2 threads; analysing...").arg(m_importSummary).arg(m_threads->threads.size()));
    m_analysing->setFuture(QtConcurrent::run([store = m_store, threads = m_threads, settings = m_settings] {
        return analysis::HijackAnalyzer::analyse(*store, *threads, settings);
    }));
}

void MainWindow::analysisFinished()
{
    if (std::exchange(m_settingsChanged, false)) {
        analyse();
        return;
    }
    m_analysis = std::make_shared<const analysis::CaseAnalysis>(m_analysing->result());
    m_messageView->setAnalysis(m_analysis);
    showThreadVerdicts();
    using Kind = analysis::Verdict::Kind;
    const int hijacks = m_analysis->count(Kind::ExternalThreadHijack) + m_analysis->count(Kind::VictimThreadHijack);
    QString summary = tr("%1; %2 threads; %3 hijacks, %4 suspicious")
                          .arg(m_importSummary).arg(m_threads->threads.size()).arg(hijacks).arg(m_analysis->count(Kind::Suspicious));
    if (!m_analysis->notes.isEmpty())
        summary += tr(" (%1)").arg(m_analysis->notes.join(QStringLiteral("; ")));
    m_status->end(summary);
    Q_EMIT analysisReady();
}

// A thread shows its worst message: hijack over suspicious over clean.
void MainWindow::showThreadVerdicts()
{
    using Kind = analysis::Verdict::Kind;
    const auto rank = [](Kind k) { return k == Kind::Clean ? 0 : k == Kind::Suspicious ? 1 : 2; };
    QStringList labels;
    QList<int> ranks;
    for (const model::Thread &t : m_threads->threads) {
        Kind worst = Kind::Clean;
        for (int m : t.messageIndexes()) {
            const Kind k = m_analysis->messages[m].verdict.kind;
            worst = rank(k) > rank(worst) ? k : worst;
        }
        labels << analysis::Verdict::name(worst);
        ranks << rank(worst);
    }
    m_threadModel->setVerdicts(labels, ranks);
    m_threadList->resizeColumnToContents(model::ThreadListModel::VerdictColumn);
}

void MainWindow::showThread(const QModelIndex &current)
{
    const QModelIndex source = m_proxy->mapToSource(current);
    if (!source.isValid()) {
        m_treeModel->clear();
        return;
    }
    m_treeModel->setThread(m_store, m_threads, source.data(model::ThreadListModel::ThreadRole).toInt());
    m_threadTree->expandAll();
    m_threadTree->resizeColumnToContents(model::ThreadTreeModel::SubjectColumn);
    m_threadTree->setCurrentIndex(m_treeModel->index(0, 0));
}

void MainWindow::showMessage(const QModelIndex &current)
{
    const int message = current.data(model::ThreadTreeModel::MessageRole).toInt();
    if (!current.isValid() || message < 0) {
        m_messageView->clear();
        return;
    }
    m_messageView->showMessage(*m_store, message);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            paths << url.toLocalFile();
    }
    openPaths(paths);
    event->acceptProposedAction();
}

} // namespace th::ui
