#pragma once

#include "model/message.h"
#include "model/thread.h"

#include <vector>

namespace th::analysis {

/// Header threading (JWZ / RFC 5256 REFERENCES), deterministic and independent of message order.
///
/// - A message's parent comes from its own headers only: the first In-Reply-To id when that message is
///   in the case, else the last References id, else the In-Reply-To id (detection-spec 4.1; notmuch's
///   "trust In-Reply-To, fall back to the deepest reference").
/// - Referenced ids missing from the case become ghost nodes. A ghost's own parent is the id that most
///   References lists put right before it (ties: the smallest id). Ghosts with no stored descendant are
///   dropped; a chain of ghosts is shortened to the ghost nearest the stored messages.
/// - Cycles are broken at the oldest member (by Date, then id).
/// - Subject grouping never merges header threads; it only labels threads that share a base subject.
class Threader
{
public:
    [[nodiscard]] static model::ThreadSet thread(const std::vector<model::Message> &messages);
};

} // namespace th::analysis
