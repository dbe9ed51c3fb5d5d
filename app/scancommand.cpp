#include "scancommand.h"

#include "analysis/hijackanalyzer.h"
#include "analysis/jsonreport.h"
#include "analysis/threader.h"
#include "model/importjob.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTextStream>

namespace th::app {
namespace {

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

bool writeJson(const QString &path, const QJsonObject &report)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        err() << "threadhound: cannot write " << path << ": " << f.errorString() << Qt::endl;
        return false;
    }
    f.write(QJsonDocument(report).toJson(QJsonDocument::Indented));
    if (!f.commit()) {
        err() << "threadhound: cannot write " << path << ": " << f.errorString() << Qt::endl;
        return false;
    }
    return true;
}

int reportUnreadable(const model::MailStore &store)
{
    int failed = 0;
    for (const model::SourceFile &s : store.sources()) {
        if (s.failed()) {
            err() << "threadhound: cannot read " << s.path << ": " << s.error << Qt::endl;
            ++failed;
        }
    }
    return failed;
}

QStringList lowered(QStringList values)
{
    for (QString &v : values)
        v = v.trimmed().toLower();
    return values;
}

void printProgress(const model::ImportProgress &p)
{
    err() << QStringLiteral("\rimporting: %1 messages, %2 MB, %3 msg/s   ")
                 .arg(p.messages).arg(p.bytesDone / 1e6, 0, 'f', 1).arg(p.messagesPerSecond(), 0, 'f', 0);
    err().flush();
}

} // namespace

int ScanCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Scan mailbox exports for e-mail thread hijacking."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("scan"), QStringLiteral("The scan command."));
    parser.addPositionalArgument(QStringLiteral("inputs"), QStringLiteral("mbox, Maildir, .eml, .msg, PST/OST files or folders."), QStringLiteral("INPUT..."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Write the report to <file>."), QStringLiteral("file"));
    const QCommandLineOption quiet(QStringLiteral("quiet"), QStringLiteral("No progress output."));
    const QCommandLineOption org(QStringLiteral("org-domain"), QStringLiteral("A domain of the victim organisation (repeatable)."), QStringLiteral("domain"));
    const QCommandLineOption trusted(QStringLiteral("trusted-authserv"),
                                     QStringLiteral("An authserv-id whose Authentication-Results are trusted (repeatable)."), QStringLiteral("id"));
    const QCommandLineOption sister(QStringLiteral("sister-domain"),
                                    QStringLiteral("A partner or own domain never to treat as a look-alike (repeatable)."), QStringLiteral("domain"));
    parser.addOptions({json, quiet, org, trusted, sister});
    parser.process(arguments);

    const QStringList inputs = parser.positionalArguments().mid(1);
    if (inputs.isEmpty() || !parser.isSet(json)) {
        err() << "usage: threadhound scan INPUT... --json OUT.json" << Qt::endl;
        return 1;
    }
    QElapsedTimer clock;
    clock.start();
    model::ImportJob job(inputs);
    if (!parser.isSet(quiet))
        job.setProgressCallback(printProgress);
    const model::MailStore store = job.run();
    if (!parser.isSet(quiet))
        err() << Qt::endl;
    const model::ThreadSet threads = analysis::Threader::thread(store.messages());
    analysis::CaseSettings settings;
    settings.organisationDomains = lowered(parser.values(org));
    settings.trustedAuthservIds = lowered(parser.values(trusted));
    settings.sisterDomains = lowered(parser.values(sister));
    const analysis::CaseAnalysis result = analysis::HijackAnalyzer::analyse(store, threads, settings);
    if (!writeJson(parser.value(json), analysis::JsonReport::build(store, threads, result, job.skippedFiles())))
        return 1;
    for (const QString &note : result.notes)
        out() << note << Qt::endl;
    out() << QStringLiteral("%1 messages (%2 duplicates merged) in %3 threads from %4 files, %5 s: %6 clean, %7 suspicious, "
                            "%8 external thread hijacks, %9 victim thread hijacks")
                 .arg(store.size()).arg(store.mergedDuplicateCount()).arg(threads.threads.size()).arg(store.sources().size())
                 .arg(clock.elapsed() / 1000.0, 0, 'f', 1).arg(result.count(analysis::Verdict::Kind::Clean))
                 .arg(result.count(analysis::Verdict::Kind::Suspicious)).arg(result.count(analysis::Verdict::Kind::ExternalThreadHijack))
                 .arg(result.count(analysis::Verdict::Kind::VictimThreadHijack))
          << Qt::endl
          << QStringLiteral("Report written to %1").arg(parser.value(json)) << Qt::endl;
    return reportUnreadable(store) > 0 ? 2 : 0;
}

} // namespace th::app
