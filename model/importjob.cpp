#include "importjob.h"

#include "mboxreader.h"
#include "mimeparser.h"
#include "msgreader.h"
#include "pstreader.h"
#include "sha256.h"
#include "sourcescanner.h"

#include <QFile>
#include <QtConcurrent>

namespace th::model {
namespace {

constexpr int BatchSize = 256;

bool isSingleMessageFile(SourceFormat f)
{
    return f == SourceFormat::Eml || f == SourceFormat::MaildirMessage;
}

QByteArray sha256OfFile(QFile &file)
{
    Sha256 hash;
    file.seek(0);
    return hash.addData(file) ? hash.hexResult() : QByteArray();
}

struct FileRead {
    Message message;
    QString error;
};

FileRead parseSingleFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {{}, QStringLiteral("cannot open: %1").arg(f.errorString())};
    const QByteArray bytes = f.readAll();
    if (f.error() != QFileDevice::NoError)
        return {{}, QStringLiteral("read error: %1").arg(f.errorString())};
    return {MimeParser::parse(bytes), {}};
}

} // namespace

ImportJob::ImportJob(QStringList paths) : m_paths(std::move(paths))
{
    m_pool.setMaxThreadCount(QThread::idealThreadCount());
}

MailStore ImportJob::run(MailStore base, const std::atomic_bool &cancelled)
{
    MailStore store = std::move(base);
    m_clock.start();
    m_progress = {};
    const SourceScanner::Result scan = SourceScanner::scan(m_paths);
    m_skipped = scan.skipped;
    for (const QString &missing : scan.missing)
        store.addSource(SourceFile{missing, SourceFormat::Eml, 0, {}, QStringLiteral("no such file or directory"), 0});
    m_progress.filesTotal = int(scan.files.size());
    for (const SourceFile &f : scan.files)
        m_progress.bytesTotal += f.size;

    QList<int> singles;
    for (const SourceFile &f : scan.files) {
        if (cancelled)
            break;
        const int index = store.addSource(f);
        if (isSingleMessageFile(f.format)) {
            singles << index;
            if (singles.size() < BatchSize)
                continue;
        }
        importSingleFiles(store, singles, cancelled);
        singles.clear();
        if (!isSingleMessageFile(f.format))
            importFile(store, index, cancelled);
    }
    if (!cancelled)
        importSingleFiles(store, singles, cancelled);
    report({});
    return store;
}

void ImportJob::importFile(MailStore &store, int sourceIndex, const std::atomic_bool &cancelled)
{
    switch (store.source(sourceIndex).format) {
    case SourceFormat::Mbox: importMbox(store, sourceIndex, cancelled); break;
    case SourceFormat::Pst: importPst(store, sourceIndex, cancelled); break;
    case SourceFormat::OutlookMsg: importMsg(store, sourceIndex); break;
    case SourceFormat::Eml:
    case SourceFormat::MaildirMessage: break; // batched by run()
    }
    ++m_progress.filesDone;
    report(store.source(sourceIndex).path);
}

void ImportJob::importSingleFiles(MailStore &store, const QList<int> &sourceIndexes, const std::atomic_bool &cancelled)
{
    if (sourceIndexes.isEmpty() || cancelled)
        return;
    QStringList paths;
    for (int i : sourceIndexes)
        paths << store.source(i).path;
    QList<FileRead> reads = QtConcurrent::blockingMapped(&m_pool, paths, parseSingleFile);
    for (qsizetype k = 0; k < reads.size(); ++k) {
        SourceFile &src = store.source(sourceIndexes[k]);
        FileRead &r = reads[k];
        src.error = r.error;
        m_progress.bytesDone += src.size;
        ++m_progress.filesDone;
        if (!r.error.isEmpty())
            continue;
        src.sha256 = r.message.contentSha256; // the message is the whole file
        src.messageCount = 1;
        r.message.source = MessageSource{sourceIndexes[k], 0, r.message.size, {}, 0};
        store.add(std::move(r.message));
        ++m_progress.messages;
    }
    report(paths.last());
}

void ImportJob::importMbox(MailStore &store, int sourceIndex, const std::atomic_bool &cancelled)
{
    SourceFile &src = store.source(sourceIndex);
    QFile f(src.path);
    if (!f.open(QIODevice::ReadOnly)) {
        src.error = QStringLiteral("cannot open: %1").arg(f.errorString());
        return;
    }
    const qint64 size = f.size();
    const uchar *map = size > 0 ? f.map(0, size) : nullptr;
    if (size > 0 && !map) {
        src.error = QStringLiteral("cannot map: %1").arg(f.errorString());
        return;
    }
    const QByteArrayView data(map, size);
    QFuture<QByteArray> hash = QtConcurrent::run(&Sha256::hex, data);
    const QList<MboxReader::Span> spans = MboxReader::split(data);
    for (qsizetype from = 0; from < spans.size() && !cancelled; from += BatchSize) {
        const QList<MboxReader::Span> batch = spans.mid(from, BatchSize);
        QList<Message> parsed = QtConcurrent::blockingMapped(&m_pool, batch, [data](const MboxReader::Span &s) {
            return MimeParser::parse(MboxReader::unescape(data.sliced(s.offset, s.length)));
        });
        for (qsizetype k = 0; k < parsed.size(); ++k) {
            parsed[k].source = MessageSource{sourceIndex, batch[k].offset, batch[k].length, {}, 0};
            m_progress.bytesDone += batch[k].length;
            store.add(std::move(parsed[k]));
        }
        m_progress.messages += int(parsed.size());
        store.source(sourceIndex).messageCount += int(parsed.size());
        report(src.path);
    }
    store.source(sourceIndex).sha256 = hash.result();
}

void ImportJob::importPst(MailStore &store, int sourceIndex, const std::atomic_bool &cancelled)
{
    SourceFile &src = store.source(sourceIndex);
    QFile f(src.path);
    if (!f.open(QIODevice::ReadOnly)) {
        src.error = QStringLiteral("cannot open: %1").arg(f.errorString());
        return;
    }
    src.sha256 = sha256OfFile(f);
    PstReader::Result r = PstReader::read(src.path, sourceIndex, [&cancelled] { return bool(cancelled); });
    src.error = r.error;
    m_progress.bytesDone += src.size;
    addMessages(store, sourceIndex, std::move(r.messages));
}

void ImportJob::importMsg(MailStore &store, int sourceIndex)
{
    SourceFile &src = store.source(sourceIndex);
    QFile f(src.path);
    if (!f.open(QIODevice::ReadOnly)) {
        src.error = QStringLiteral("cannot open: %1").arg(f.errorString());
        return;
    }
    src.sha256 = sha256OfFile(f);
    QString error;
    std::optional<Message> m = MsgReader::read(src.path, sourceIndex, &error);
    src.error = error;
    m_progress.bytesDone += src.size;
    if (m) {
        std::vector<Message> one;
        one.push_back(std::move(*m));
        addMessages(store, sourceIndex, std::move(one));
    }
}

void ImportJob::addMessages(MailStore &store, int sourceIndex, std::vector<Message> &&messages)
{
    store.source(sourceIndex).messageCount += int(messages.size());
    m_progress.messages += int(messages.size());
    for (Message &m : messages)
        store.add(std::move(m));
}

void ImportJob::report(const QString &currentFile)
{
    if (!m_progressCallback)
        return;
    m_progress.elapsedSeconds = m_clock.elapsed() / 1000.0;
    m_progress.currentFile = currentFile;
    m_progressCallback(m_progress);
}

} // namespace th::model
