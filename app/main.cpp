#include "crashreport.h"
#include "scancommand.h"

#include "ui/mainwindow.h"

#include <QApplication>
#include <QFileInfo>
#include <QTextStream>

namespace {

int runGui(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStringList inputs = app.arguments().mid(1);
    if (inputs.isEmpty() && QFileInfo::exists(QStringLiteral(THREADHOUND_DEMO_CASE)))
        inputs << QStringLiteral(THREADHOUND_DEMO_CASE);
    th::ui::MainWindow window;
    window.show();
    window.openPaths(inputs);
    return app.exec();
}

} // namespace

int main(int argc, char *argv[])
{
    th::app::CrashReport::install();
    QCoreApplication::setApplicationName(QStringLiteral("threadhound"));
    QCoreApplication::setApplicationVersion(QStringLiteral(THREADHOUND_VERSION));
    const QString first = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (first == u"--version" || first == u"-v") {
        QTextStream(stdout) << "threadhound " << THREADHOUND_VERSION << Qt::endl;
        return 0;
    }
    if (first == u"scan") {
        QCoreApplication app(argc, argv);
        return th::app::ScanCommand::run(app.arguments());
    }
    return runGui(argc, argv);
}
