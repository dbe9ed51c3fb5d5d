#include "ui/mainwindow.h"
#include "ui/messageview.h"
#include "ui/rawsourceview.h"

#include "model/threadlistmodel.h"
#include "model/threadtreemodel.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTreeView>

using th::ui::MainWindow;

namespace {

QString screenshotPath(const QString &name)
{
    QDir().mkpath(QStringLiteral(TH_BINARY_DIR "/screenshots"));
    return QStringLiteral(TH_BINARY_DIR "/screenshots/") + name;
}

// Selects the first thread whose subject contains \a text, via the filter bar as an analyst would.
void selectThread(MainWindow &w, const QString &text)
{
    auto *filter = w.findChild<QLineEdit *>("filterText");
    filter->setText(text);
    auto *list = w.findChild<QTreeView *>("threadList");
    QVERIFY(list->model()->rowCount() > 0);
    list->setCurrentIndex(list->model()->index(0, 0));
}

} // namespace

class TestWorkbench : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void opensTheDemoCase();
    void dropAddsFiles();
};

void TestWorkbench::opensTheDemoCase()
{
    MainWindow w;
    w.show();
    QSignalSpy ready(&w, &MainWindow::caseReady);
    w.openPaths({QStringLiteral(TH_DEMO_CASE)});
    QVERIFY(ready.wait(30000));
    auto *list = w.findChild<QTreeView *>("threadList");
    QCOMPARE(list->model()->rowCount(), int(w.threads()->threads.size()));
    QVERIFY(list->model()->rowCount() >= 5);

    selectThread(w, "outstanding invoice");
    auto *tree = w.findChild<QTreeView *>("threadTree");
    QVERIFY(tree->model()->rowCount() == 1);
    const QModelIndex root = tree->model()->index(0, 0);
    QVERIFY(tree->model()->rowCount(root) >= 1);
    tree->setCurrentIndex(tree->model()->index(0, 0, root));
    auto *headers = w.findChild<QTableView *>("headerTable");
    QVERIFY(headers->model()->rowCount() > 5);
    QVERIFY(w.findChild<QLabel *>("messageSummary")->text().contains("From:"));

    auto *view = w.findChild<th::ui::MessageView *>();
    view->setCurrentTab(th::ui::MessageView::RawTab);
    QSignalSpy highlighted(view->rawView(), &th::ui::RawSourceView::highlightingDone);
    QVERIFY(highlighted.wait(15000) || view->rawView()->isHighlighted());
    QVERIFY(view->rawView()->isHighlighted());
    QVERIFY(view->rawView()->plainText().contains("Message-ID:", Qt::CaseInsensitive));
    QVERIFY(w.grab().save(screenshotPath("workbench-raw.png")));

    view->setCurrentTab(th::ui::MessageView::BodyTab);
    QVERIFY(!w.findChild<QPlainTextEdit *>("bodyText")->toPlainText().isEmpty());
    QVERIFY(w.grab().save(screenshotPath("workbench-body.png")));
}

void TestWorkbench::dropAddsFiles()
{
    MainWindow w;
    w.show();
    QSignalSpy ready(&w, &MainWindow::caseReady);
    QMimeData data;
    data.setUrls({QUrl::fromLocalFile(QStringLiteral(TH_CORPORA "/notmuch/threading/ghost-root"))});
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    // QApplication::notify only routes drops during a real drag; deliver it to the window's handler.
    static_cast<QObject &>(w).event(&drop);
    QVERIFY(drop.isAccepted());
    QVERIFY(ready.wait(30000));
    QCOMPARE(w.store()->size(), 9);
    selectThread(w, "root message");
    auto *tree = w.findChild<QTreeView *>("threadTree");
    tree->expandAll();
    QVERIFY(w.grab().save(screenshotPath("workbench-ghosts.png")));
}

QTEST_MAIN(TestWorkbench)
#include "tst_workbench.moc"
