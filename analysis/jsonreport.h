#pragma once

#include "model/mailstore.h"
#include "model/thread.h"

#include <QJsonObject>

namespace th::analysis {

/// The machine-readable scan result, schema "threadhound/1":
/// {"schema", "generator", "sources": [...], "skipped": [...], "messages": [...], "threads": [...],
///  "subject_groups": [...]}. Ids never carry angle brackets; dates are ISO 8601 UTC or null.
class JsonReport
{
public:
    [[nodiscard]] static QJsonObject build(const model::MailStore &store, const model::ThreadSet &threads,
                                           const QStringList &skipped = {});
    [[nodiscard]] static QJsonObject message(const model::MailStore &store, const model::ThreadSet &threads, int index);
};

} // namespace th::analysis
