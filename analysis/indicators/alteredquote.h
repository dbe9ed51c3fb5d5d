#pragma once

#include "indicator.h"

namespace th::analysis {

/// B9: the quoted content compared with the stored message it copies. Addresses present in the original
/// but missing from the copy were removed (B4, proven: Talos T5); links in the copy that the conversation
/// never had were inserted. A copy that is only partial proves nothing: replies trim quotes.
class AlteredQuote : public Indicator
{
public:
    void evaluate(const MessageContext &ctx, QList<Finding> &findings) const override;
    /// Addresses written in \a text, lower case.
    [[nodiscard]] static QSet<QString> addressesIn(QStringView text);
    /// The links written in \a text, lower case, by their targets where a security gateway wrapped them (GatewayLink).
    [[nodiscard]] static QSet<QString> linksIn(QStringView text);
};

} // namespace th::analysis
