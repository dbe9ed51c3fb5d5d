#pragma once

#include "caseanalysis.h"

#include "model/mailstore.h"
#include "model/thread.h"

#include <QJsonObject>

namespace th::analysis {

/// The machine-readable scan result, schema "threadhound/1":
/// {"schema", "generator", "settings", "notes", "summary", "sources": [...], "skipped": [...], "messages": [...],
///  "threads": [...], "subject_groups": [...]}. Ids never carry angle brackets; dates are ISO 8601 UTC or null.
/// Each message carries its verdict, score, indicators (id, severity, summary, evidence), splice and
/// reuse_cluster.
class JsonReport
{
public:
    [[nodiscard]] static QJsonObject build(const model::MailStore &store, const model::ThreadSet &threads,
                                           const CaseAnalysis &analysis, const QStringList &skipped = {});
    [[nodiscard]] static QJsonObject message(const model::MailStore &store, const model::ThreadSet &threads,
                                             const CaseAnalysis &analysis, int index);
    [[nodiscard]] static QJsonObject finding(const Finding &finding);
};

} // namespace th::analysis
