#pragma once

#include "indicator.h"

namespace th::analysis {

/// B1: it presents itself as a reply (reply subject or quoted history) but lacks In-Reply-To or References
/// (rspamd FAKE_REPLY, Sublime fake_thread). Bounces, invitations, forwards and list traffic are excluded:
/// they are the known false positives.
class FakeReply : public Indicator
{
public:
    void evaluate(const MessageContext &ctx, QList<Finding> &findings) const override;
};

} // namespace th::analysis
