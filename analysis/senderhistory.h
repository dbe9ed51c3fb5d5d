#pragma once

#include "model/message.h"

#include <QHash>

#include <limits>
#include <vector>

namespace th::analysis {

/// The messages each address sent, oldest first: the baseline against which one message's client,
/// transport and habits are compared (detection-spec A7, A8, A9, E).
class SenderHistory
{
public:
    explicit SenderHistory(const std::vector<model::Message> &messages);

    /// A sender's habits are read from its latest messages: an automated sender with tens of thousands of
    /// messages would otherwise make every per-message comparison walk them all (quadratic in its count).
    static constexpr qsizetype MaxHistory = 500;

    /// Messages from \a address dated before \a date (or undated), other than \a exclude, oldest first: the
    /// latest MaxHistory of them.
    [[nodiscard]] QList<int> before(const QString &address, const QDateTime &date, int exclude) const;
    [[nodiscard]] QList<int> all(const QString &address) const { return m_byAddress.value(address.toLower()); }

private:
    static constexpr qint64 NoDate = std::numeric_limits<qint64>::min();

    QHash<QString, QList<int>> m_byAddress;
    std::vector<qint64> m_sent; ///< per message: its date in ms since the epoch, or NoDate (compared many times)
};

} // namespace th::analysis
