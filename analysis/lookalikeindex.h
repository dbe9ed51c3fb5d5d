#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace th::analysis {

/// A case's frequent sender domains, indexed so that the ones a domain may imitate are found without
/// comparing it with every one of them (detection-spec A3). Each message from a new domain asks, and a large
/// case has thousands of correspondents: 16,000 messages from 4,000 domains took a minute compared one by one.
///
/// Each domain is filed under the keys that Lookalike::compare's kinds share with its look-alikes: its label
/// (another suffix, a hyphenated addition, a plural), its skeleton (homoglyphs), its label without hyphens,
/// and its label with up to two characters deleted (a typo of up to two edits leaves a deletion in common).
/// candidates() returns every domain a look-alike could be of, and a few more; Lookalike::compare decides.
/// A few hundred domains are cheaper to compare one by one than to index: they are all returned.
class LookalikeIndex
{
public:
    static constexpr qsizetype IndexedFrom = 257; ///< fewer domains are compared one by one

    explicit LookalikeIndex(const QStringList &registrableDomains);
    LookalikeIndex() = default;

    /// The indexed domains that registrable domain \a domain may imitate, each once.
    [[nodiscard]] QStringList candidates(const QString &domain) const;

private:
    QStringList m_domains;
    QHash<QString, QList<int>> m_byKey;
};

} // namespace th::analysis
