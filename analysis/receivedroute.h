#pragma once

#include "model/message.h"

#include <QDateTime>
#include <QString>

namespace th::analysis {

/// What a message's Received chain says about its route, parsed once per message for the indicators (A9).
///
/// Typical usage:
/// \code
///   const ReceivedRoute r = ReceivedRoute::of(message);
///   r.origin;                 // "209.85.220.41": the submitting client
///   r.disorderedHop.isEmpty(); // false when two hops are out of order or a day apart
/// \endcode
struct ReceivedRoute {
    QString origin;           ///< client address of the earliest hop that names one (the submission), or empty
    QString disorderedHop;    ///< raw value of the first hop out of order with the one before it, or empty
    QDateTime earlier, later; ///< the two times of that pair

    [[nodiscard]] static ReceivedRoute of(const model::Message &message);
};

} // namespace th::analysis
