#include "ui/casesettingsdialog.h"
#include "ui/findingsview.h"
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
#include <QModelIndex>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTableView>
#include <QTest>
#include <QTextBlock>
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
    void showsVerdictsAndEvidence();
    void caseSettingsReanalyse();
    void dropAddsFiles();
    void hostileLengthsStayDisplayable();
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

// The demo case's "Outstanding invoice" thread holds three external hijack waves: the thread list marks
// it, and each wave's verdict tab explains itself with the splice point and the indicators with evidence.
void TestWorkbench::showsVerdictsAndEvidence()
{
    MainWindow w;
    w.show();
    QSignalSpy analysed(&w, &MainWindow::analysisReady);
    w.openPaths({QStringLiteral(TH_DEMO_CASE)});
    QVERIFY(analysed.wait(60000));
    QVERIFY(w.analysis());
    selectThread(w, "outstanding invoice");
    auto *list = w.findChild<QTreeView *>("threadList");
    QCOMPARE(list->model()->index(0, th::model::ThreadListModel::VerdictColumn).data().toString(), QStringLiteral("external-thread-hijack"));
    auto *tree = w.findChild<QTreeView *>("threadTree");
    tree->expandAll();
    QModelIndex hijack;
    for (QModelIndex i = tree->model()->index(0, 0); i.isValid() && !hijack.isValid(); i = tree->indexBelow(i)) {
        const int m = i.data(th::model::ThreadTreeModel::MessageRole).toInt();
        if (m >= 0 && w.analysis()->messages[m].verdict.kind == th::analysis::Verdict::Kind::ExternalThreadHijack)
            hijack = i;
    }
    QVERIFY(hijack.isValid());
    tree->setCurrentIndex(hijack);
    auto *view = w.findChild<th::ui::MessageView *>();
    view->setCurrentTab(th::ui::MessageView::VerdictTab);
    const QString shown = w.findChild<th::ui::FindingsView *>("findingsView")->toPlainText();
    const th::analysis::MessageAnalysis &a = w.analysis()->messages[hijack.data(th::model::ThreadTreeModel::MessageRole).toInt()];
    QVERIFY2(shown.contains(QStringLiteral("external-thread-hijack")) && shown.contains(QStringLiteral("Splice point")), qPrintable(shown));
    for (const th::analysis::Finding &f : a.findings)
        QVERIFY2(shown.contains(f.summary), qPrintable(f.id + u' ' + f.summary));
    QVERIFY(shown.contains(QStringLiteral("D1")) && shown.contains(QStringLiteral("Header From:")));
    QVERIFY(w.grab().save(screenshotPath("workbench-verdict.png")));

    // The body tab tints what the sender put on top and marks the first authentic line.
    view->setCurrentTab(th::ui::MessageView::BodyTab);
    auto *body = w.findChild<QPlainTextEdit *>("bodyText");
    const QList<QTextEdit::ExtraSelection> marks = body->extraSelections();
    QCOMPARE(marks.size(), 2);
    QCOMPARE(marks.first().cursor.selectionEnd(), int(a.splice));
    QCOMPARE(marks.last().cursor.block().text().trimmed(), w.analysis()->bodies[hijack.data(th::model::ThreadTreeModel::MessageRole).toInt()].lineAt(a.splice));
    QVERIFY(w.grab().save(screenshotPath("workbench-splice.png")));
}

// Without settings the engine infers the organisation and says so; configured settings replace the guess.
void TestWorkbench::caseSettingsReanalyse()
{
    th::analysis::CaseSettings given;
    given.organisationDomains = {QStringLiteral("northwind-traders.example")};
    th::ui::CaseSettingsDialog dialog(given);
    dialog.findChild<QPlainTextEdit *>("trustedAuthservIds")->setPlainText(QStringLiteral(" MX1.Northwind-Traders.example \n\nmx1.northwind-traders.example"));
    dialog.findChild<QPlainTextEdit *>("sisterDomains")->setPlainText(QStringLiteral("contoso-partner.example"));
    const th::analysis::CaseSettings edited = dialog.settings();
    QCOMPARE(edited.organisationDomains, given.organisationDomains);
    QCOMPARE(edited.trustedAuthservIds, QStringList{QStringLiteral("mx1.northwind-traders.example")});
    QCOMPARE(edited.sisterDomains, QStringList{QStringLiteral("contoso-partner.example")});

    MainWindow w;
    QSignalSpy analysed(&w, &MainWindow::analysisReady);
    w.openPaths({QStringLiteral(TH_DEMO_CASE)});
    QVERIFY(analysed.wait(60000));
    QVERIFY(w.analysis()->settings.organisationInferred);
    w.setCaseSettings(edited);
    QVERIFY(analysed.wait(60000));
    QVERIFY(!w.analysis()->settings.organisationInferred);
    // Settings given while an analysis runs are not lost: it runs again with them.
    w.setCaseSettings({});
    w.setCaseSettings(edited);
    QVERIFY(analysed.wait(60000));
    QCOMPARE(analysed.size(), 3);
    QVERIFY(!w.analysis()->settings.organisationInferred);
    QCOMPARE(w.analysis()->settings.trustedAuthservIds, edited.trustedAuthservIds);
    QVERIFY(w.analysis()->notes.isEmpty());
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

// A real usrp-users message (single text part) with a subject of 200,000 letters and a body line as long. Qt lays out such
// unbroken lines in time quadratic in their length: selecting the thread froze the workbench for 29 s and
// the summary label widened the window to 15,700 pixels. Views show the text cut, with a note.
void TestWorkbench::hostileLengthsStayDisplayable()
{
    QFile real(QStringLiteral(TH_CORPORA "/lists/usrp-users_2021-08_to_2021-09/000014_bd1784f73ebf.eml"));
    QVERIFY(real.open(QIODevice::ReadOnly));
    QByteArray raw = real.readAll();
    const qsizetype at = raw.indexOf("\nSubject: ") + 1;
    const QByteArray subject = raw.mid(at, raw.indexOf('\n', at) - at);
    QVERIFY(subject.startsWith("Subject: "));
    const QByteArray endless(200000, 'S');
    raw.replace(subject, "Subject: " + endless);
    raw.append("\n" + endless + "\n");
    QTemporaryDir dir;
    QFile hostile(dir.filePath(QStringLiteral("hostile.eml")));
    QVERIFY(hostile.open(QIODevice::WriteOnly) && hostile.write(raw) == raw.size());
    hostile.close();

    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QSignalSpy ready(&w, &MainWindow::analysisReady);
    w.openPaths({hostile.fileName()});
    QVERIFY(ready.wait(30000));
    auto *list = w.findChild<QTreeView *>("threadList");
    const QString shown = list->model()->index(0, 0).data().toString();
    QVERIFY2(shown.size() < 2100 && shown.endsWith(QStringLiteral("[198000 more characters]")), qPrintable(shown.right(40)));
    list->setCurrentIndex(list->model()->index(0, 0));
    auto *tree = w.findChild<QTreeView *>("threadTree");
    const QModelIndex root = tree->model()->index(0, 0);
    QVERIFY(root.data(th::model::ThreadTreeModel::GhostRole).toBool()); // the message it replies to is not in the case
    tree->setCurrentIndex(tree->model()->index(0, 0, root));
    const QString summary = w.findChild<QLabel *>("messageSummary")->text();
    QVERIFY2(summary.contains(QStringLiteral("more characters]")) && summary.size() < 3000, qPrintable(summary.right(300)));
    auto *view = w.findChild<th::ui::MessageView *>();
    view->setCurrentTab(th::ui::MessageView::BodyTab);
    auto *body = w.findChild<QPlainTextEdit *>("bodyText");
    QVERIFY(body->toPlainText().contains(QString::fromLatin1(endless))); // the body itself is shown whole
    QCOMPARE(body->wordWrapMode(), QTextOption::WordWrap);
    QCoreApplication::processEvents(); // the layout, for the screenshot
    QVERIFY(w.grab().save(screenshotPath("workbench-hostile-lengths.png")));
    QCOMPARE(w.width(), 1400);
}

QTEST_MAIN(TestWorkbench)
#include "tst_workbench.moc"
