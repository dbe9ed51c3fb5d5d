#pragma once

#include "indicator.h"

namespace th::analysis {

/// B1: it presents itself as a reply (reply subject or quoted history) but lacks In-Reply-To or References
/// (rspamd FAKE_REPLY, Sublime fake_thread). Bounces, invitations, forwards and list traffic are excluded:
/// they are the known false positives. A reply whose whole body is a quoted message nobody has
/// (MessageContext::quotesOnlyItself) replies to nothing and is reported too.
class FakeReply : public Indicator
{
public:
    void evaluate(const MessageContext &ctx, QList<Finding> &findings) const override;

private:
    static void replyToNothing(const MessageContext &ctx, QList<Finding> &findings);
};

} // namespace th::analysis
