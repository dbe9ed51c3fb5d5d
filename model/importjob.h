#pragma once

#include "importprogress.h"
#include "mailstore.h"

#include <QElapsedTimer>
#include <QStringList>
#include <QThreadPool>

#include <atomic>
#include <functional>

namespace th::model {

/// Imports evidence files into a MailStore, synchronously, parsing on a private thread pool.
///
/// Files are opened read-only and hashed (SHA-256) as they are read. A file that cannot be read gets
/// an error naming it in its SourceFile, and the import goes on with the next one.
///
/// Typical usage:
/// \code
///   ImportJob job({"/evidence/export.mbox", "/evidence/maildir"});
///   job.setProgressCallback([](const ImportProgress &p) { ... });
///   MailStore store = job.run();
/// \endcode
class ImportJob
{
public:
    using ProgressCallback = std::function<void(const ImportProgress &)>;

    explicit ImportJob(QStringList paths);

    void setProgressCallback(ProgressCallback callback) { m_progressCallback = std::move(callback); }
    /// Runs to the end, or until \a cancelled becomes true (the store then holds what was read so far).
    /// Messages are appended to \a base, the case so far.
    [[nodiscard]] MailStore run(MailStore base = {}, const std::atomic_bool &cancelled = std::atomic_bool(false));
    [[nodiscard]] const QStringList &skippedFiles() const { return m_skipped; }

private:
    void importFile(MailStore &store, int sourceIndex, const std::atomic_bool &cancelled);
    void importMbox(MailStore &store, int sourceIndex, const std::atomic_bool &cancelled);
    void importSingleFiles(MailStore &store, const QList<int> &sourceIndexes, const std::atomic_bool &cancelled);
    void importPst(MailStore &store, int sourceIndex, const std::atomic_bool &cancelled);
    void importMsg(MailStore &store, int sourceIndex);
    void addMessages(MailStore &store, int sourceIndex, std::vector<Message> &&messages);
    void report(const QString &currentFile);

    QStringList m_paths;
    QStringList m_skipped;
    ProgressCallback m_progressCallback;
    ImportProgress m_progress;
    QElapsedTimer m_clock;
    QThreadPool m_pool;
};

} // namespace th::model
