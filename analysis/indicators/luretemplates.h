#pragma once

#include "indicator.h"

#include "analysis/caseanalysis.h"

#include <functional>

namespace th::analysis {

/// D2: one lure text pushed into several unrelated threads by several senders (a campaign template), and
/// E's burst form: one sender pushing the same lure into three or more of its threads within an hour.
class LureTemplates
{
public:
    static constexpr int BurstThreads = 3;
    static constexpr qint64 BurstSeconds = 3600;
    static constexpr int MinTemplateWords = 4; ///< a shorter key ("please find attached") is no template of longer ones

    static void apply(const CaseData &data, QList<MessageAnalysis> &analyses);
    /// The lure's words without what each instance fills in: links, addresses, file names, passwords, words
    /// with digits (numbers, dates) and the words \a isNameWord accepts (the people it greets or signs as), so
    /// that one template gives one key. It is asked about words as Shingles::words gives them.
    [[nodiscard]] static QString key(QStringView newText, const std::function<bool(const QString &)> &isNameWord);
};

} // namespace th::analysis
