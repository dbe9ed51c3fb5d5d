#include "importer.h"

#include "importjob.h"

#include <QThread>

namespace th::model {

Importer::Importer(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<ImportProgress>();
    qRegisterMetaType<std::shared_ptr<const MailStore>>();
}

Importer::~Importer()
{
    cancel();
    if (m_thread)
        m_thread->wait();
}

bool Importer::isRunning() const
{
    return m_thread && m_thread->isRunning();
}

void Importer::cancel()
{
    m_cancel = true;
}

void Importer::start(const QStringList &paths, const MailStore &base)
{
    if (isRunning())
        return;
    m_cancel = false;
    m_thread.reset(QThread::create([this, paths, base]() mutable {
        ImportJob job(paths);
        job.setProgressCallback([this](const ImportProgress &p) { Q_EMIT progress(p); });
        auto store = std::make_shared<const MailStore>(job.run(std::move(base), m_cancel));
        Q_EMIT finished(store, job.skippedFiles(), bool(m_cancel));
    }));
    m_thread->start();
}

} // namespace th::model
