#pragma once

#include "indicator.h"

namespace th::analysis {

/// A6: a trusted receiving server says the sender's domain failed authentication. Only Authentication-Results
/// from configured authserv-ids above the first untrusted hop count (RFC 8601 section 7): anything else can
/// be written by the sender. A pass for an unrelated domain exonerates nothing (Qakbot sends from real,
/// compromised accounts).
class AuthenticationFailure : public Indicator
{
public:
    void evaluate(const MessageContext &ctx, QList<Finding> &findings) const override;
};

} // namespace th::analysis
