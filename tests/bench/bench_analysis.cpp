// What the hijack analysis costs, printed as JSON for run_benchmark.py. Not a unit test: it is built by the
// "benchmark" target and never run by ctest.
//   bench_analysis cost INPUT...   import, threading and full analysis times of one case
//   bench_analysis reuse MBOX      reuse clustering (MinHash LSH) on growing prefixes of a mailbox
#include "analysis/hijackanalyzer.h"
#include "analysis/reuseclusters.h"
#include "analysis/threader.h"
#include "model/importjob.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <sys/resource.h>

using namespace th;

namespace {

template<typename F>
double seconds(F &&work)
{
    QElapsedTimer clock;
    clock.start();
    work();
    return clock.nsecsElapsed() / 1e9;
}

// User and system time of every thread of the process: with the wall time, how many cores a phase kept busy.
double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto toSeconds = [](const timeval &t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return toSeconds(usage.ru_utime) + toSeconds(usage.ru_stime);
}

struct Phase {
    double wall = 0;
    double cpu = 0;
};

template<typename F>
Phase measured(F &&work)
{
    const double cpuBefore = cpuSeconds();
    const double wall = seconds(work);
    return {wall, cpuSeconds() - cpuBefore};
}

// Called when the analysis is done: run_benchmark.py has callgrind cut its counts here too, so that the analysis's
// part leaves out the freeing of the case and the exit, as the timer does.
[[gnu::noinline]] void analysisDone()
{
    asm volatile("");
}

QJsonObject cost(const QStringList &inputs)
{
    model::MailStore store;
    model::ThreadSet threads;
    const Phase importing = measured([&] { store = model::ImportJob(inputs).run(); });
    const double threading = seconds([&] { threads = analysis::Threader::thread(store.messages()); });
    const Phase analysing = measured([&] { (void)analysis::HijackAnalyzer::analyse(store, threads, {}); });
    analysisDone();
    return {{"messages", store.size()},
            {"import_seconds", importing.wall},
            {"import_cpu_seconds", importing.cpu},
            {"threading_seconds", threading},
            {"analysis_seconds", analysing.wall},
            {"analysis_cpu_seconds", analysing.cpu},
            {"analysis_share_of_import", analysing.wall / importing.wall}};
}

// The quoted content of every message, segmented once; clustering then runs on prefixes 1/8, 1/4, 1/2, 1.
QJsonObject reuse(const QString &mbox)
{
    const model::MailStore store = model::ImportJob({mbox}).run();
    QStringList quoted;
    quoted.reserve(qsizetype(store.size()));
    for (const model::Message &m : store.messages())
        quoted << analysis::HijackAnalyzer::structureOf(m).quotedText();
    QJsonArray runs;
    for (int part : {8, 4, 2, 1}) {
        const qsizetype n = quoted.size() / part;
        QList<QStringView> views(quoted.cbegin(), quoted.cbegin() + n);
        qsizetype clustered = 0;
        const double s = seconds([&] {
            for (const QList<int> &c : analysis::ReuseClusters::find(views))
                clustered += c.size();
        });
        runs.append(QJsonObject{{"messages", n}, {"seconds", s}, {"microseconds_per_message", s * 1e6 / double(n)},
                                {"messages_in_clusters", clustered}});
    }
    return {{"reuse_runs", runs}};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    const QString mode = args.isEmpty() ? QString() : args.takeFirst();
    if ((mode != u"cost" && mode != u"reuse") || args.isEmpty() || (mode == u"reuse" && args.size() != 1)) {
        QTextStream(stderr) << "usage: bench_analysis cost INPUT... | bench_analysis reuse MBOX\n";
        return 1;
    }
    const QJsonObject result = mode == u"cost" ? cost(args) : reuse(args.first());
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Compact) << '\n';
    return 0;
}
