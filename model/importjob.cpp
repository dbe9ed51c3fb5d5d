#include "importjob.h"

#include "mboxreader.h"
#include "mimeparser.h"
#include "msgreader.h"
#include "pstreader.h"
#include "sha256.h"
#include "sourcescanner.h"

#include <QFile>
#include <QtConcurrent>

#include <sys/mman.h>
#include <unistd.h>

namespace th::model {
namespace {

constexpr int BatchSize = 256;

bool isSingleMessageFile(SourceFormat f)
{
    return f == SourceFormat::Eml || f == SourceFormat::MaildirMessage;
}

// Evidence is only ever opened read-only; why a file could not be opened becomes its error.
bool openEvidence(SourceFile &src, QFile &f)
{
    f.setFileName(src.path);
    if (f.open(QIODevice::ReadOnly))
        return true;
    src.error = QStringLiteral("cannot open: %1").arg(f.errorString());
    return false;
}

// Container files (PST, MSG) are hashed whole before their library reader opens them on its own.
bool hashContainer(SourceFile &src)
{
    QFile f;
    if (!openEvidence(src, f))
        return false;
    Sha256 hash;
    if (!hash.addData(f)) {
        src.error = QStringLiteral("read error: %1").arg(f.errorString());
        return false;
    }
    src.sha256 = hash.hexResult();
    return true;
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

// Tells the kernel the mapped bytes [0, to) are not needed any more, so that a large mailbox is not held
// resident once read. The pages are file-backed and read-only: a later read faults them back in.
void release(QByteArrayView data, qint64 to)
{
    static const qint64 page = sysconf(_SC_PAGESIZE);
    const qint64 end = to / page * page;
    auto *base = const_cast<char *>(data.data()); // madvise takes a non-const pointer; nothing is written
    if (end > 0)
        posix_madvise(base, size_t(end), POSIX_MADV_DONTNEED);
}

qint64 hashAndRelease(Sha256 &hash, QByteArrayView data, qint64 from, qint64 to)
{
    hash.addData(data.sliced(from, to - from));
    release(data, to);
    return to;
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
        store.addSource(SourceFile{missing, SourceFormat::Eml, 0, {}, QStringLiteral("no such file or directory"), {}, 0});
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
    QFile f;
    if (!openEvidence(src, f))
        return;
    const qint64 size = f.size();
    const uchar *map = size > 0 ? f.map(0, size) : nullptr;
    if (size > 0 && !map) {
        src.error = QStringLiteral("cannot map: %1").arg(f.errorString());
        return;
    }
    const QByteArrayView data(map, size);
    const QList<MboxReader::Span> spans = MboxReader::split(data);
    release(data, size); // the split touched every page; batches fault back in what they read
    Sha256 hash;
    qint64 hashed = 0;
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
        const qint64 done = from + BatchSize < spans.size() ? spans[from + BatchSize].offset : size;
        hashed = hashAndRelease(hash, data, hashed, done);
        report(src.path);
    }
    if (hashAndRelease(hash, data, hashed, size) == size)
        store.source(sourceIndex).sha256 = hash.hexResult();
}

void ImportJob::importPst(MailStore &store, int sourceIndex, const std::atomic_bool &cancelled)
{
    SourceFile &src = store.source(sourceIndex);
    if (!hashContainer(src))
        return;
    PstReader::Result r = PstReader::read(src.path, sourceIndex, [&cancelled] { return bool(cancelled); });
    src.error = r.error;
    src.warnings = r.warnings;
    m_progress.bytesDone += src.size;
    addMessages(store, sourceIndex, std::move(r.messages));
}

void ImportJob::importMsg(MailStore &store, int sourceIndex)
{
    SourceFile &src = store.source(sourceIndex);
    if (!hashContainer(src))
        return;
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
