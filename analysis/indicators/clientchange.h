#pragma once

#include "indicator.h"

namespace th::analysis {

/// A8: the sender's mail client changed: mailer, Message-ID shape, MIME layout, Thread-Index use differ from
/// everything this address sent before (Gascon et al., RAID 2018). A thief writing from the real account
/// rarely has the victim's client.
class ClientChange : public Indicator
{
public:
    static constexpr int MinHistory = 2;       ///< earlier messages needed from the address
    static constexpr int FirmHistory = 5;      ///< below this many (spec A8), a change is only weak evidence
    static constexpr double MinUnseen = 0.5;   ///< share of traits never seen from it before

    void evaluate(const MessageContext &ctx, QList<Finding> &findings) const override;
    /// The traits of \a ctx's message never seen in the sender's earlier messages, and how many were compared.
    [[nodiscard]] static QStringList unseenTraits(const MessageContext &ctx, int *compared = nullptr);
    /// Two changes out of four happen with an attachment or a new phone; the mailer and the Message-ID
    /// generator changing together, or three traits at once, mean another program.
    [[nodiscard]] static bool isAnotherProgram(const QStringList &unseen);
};

} // namespace th::analysis
