#pragma once

#include "importprogress.h"
#include "mailstore.h"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>

class QThread;

namespace th::model {

/// Runs an ImportJob on its own thread so the GUI never waits; reports progress and the result by signals.
class Importer : public QObject
{
    Q_OBJECT
public:
    explicit Importer(QObject *parent = nullptr);
    ~Importer() override;

    /// Imports \a paths, appended to a copy of \a base (the case so far). Ignored while running.
    void start(const QStringList &paths, const MailStore &base = {});
    void cancel();
    [[nodiscard]] bool isRunning() const;

Q_SIGNALS:
    void progress(const th::model::ImportProgress &progress);
    /// \a cancelled: the store holds what was read before the analyst stopped the import.
    void finished(std::shared_ptr<const th::model::MailStore> store, const QStringList &skipped, bool cancelled);

private:
    std::unique_ptr<QThread> m_thread;
    std::atomic_bool m_cancel{false};
};

} // namespace th::model
