// Import and threading throughput on one mailbox, printed as JSON for run_benchmark.py.
// Not a unit test: it is built by the "benchmark" target and never run by ctest.
#include "analysis/threader.h"
#include "model/importjob.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <sys/resource.h>

namespace {

qint64 peakRssKib()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (app.arguments().size() != 2) {
        QTextStream(stderr) << "usage: bench_import MBOX\n";
        return 1;
    }
    const QString path = app.arguments().at(1);
    QElapsedTimer clock;
    clock.start();
    const th::model::MailStore store = th::model::ImportJob({path}).run();
    const double importSeconds = clock.nsecsElapsed() / 1e9;
    const qint64 rssAfterImport = peakRssKib();
    clock.restart();
    const th::model::ThreadSet threads = th::analysis::Threader::thread(store.messages());
    const double threadingSeconds = clock.nsecsElapsed() / 1e9;
    const qint64 bytes = QFileInfo(path).size();
    const QJsonObject result{
        {"tool", "threadhound"},
        {"messages", store.size() + store.mergedDuplicateCount()},
        {"messages_stored", store.size()},
        {"duplicates_merged", store.mergedDuplicateCount()},
        {"bytes", bytes},
        {"parse_seconds", importSeconds},
        {"messages_per_second", store.size() / importSeconds},
        {"mb_per_second", bytes / 1e6 / importSeconds},
        {"threading_seconds", threadingSeconds},
        {"threading_messages_per_second", store.size() / threadingSeconds},
        {"threads", int(threads.threads.size())},
        {"peak_rss_kib_after_import", rssAfterImport},
        {"peak_rss_kib", peakRssKib()},
    };
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Compact) << '\n';
    return 0;
}
