#pragma once

#include "bodystructure.h"

#include "model/message.h"

#include <QStringList>

namespace th::analysis {

/// The content-agnostic traits a sender's mail client leaves on every message (Gascon et al., RAID 2018;
/// detection-spec A8): mailer family, Message-ID shape, MIME layout, Thread-Index use, quoting style.
/// A thief who writes from the real account with another tool changes several at once.
struct ClientFingerprint {
    QString mailer;         ///< X-Mailer / User-Agent with versions removed, or "none"
    QString messageIdShape; ///< e.g. "uuid@host", "hex$hex$hex@host", "CA…@mail.gmail.com"
    QString mimeLayout;
    bool threadIndex = false;
    QString quoteStyle;     ///< how the first quoted message is introduced: "on-wrote", "header-block", "separator", "bare-quote", "forward", "none"

    /// "name=value" strings of the fields above, comparable across messages; of() writes them once, since
    /// each message is compared with every earlier one of its author.
    QStringList traits;
    [[nodiscard]] static ClientFingerprint of(const model::Message &message, const BodyStructure &body);
    [[nodiscard]] static QString messageIdShapeOf(const QString &messageId);
    [[nodiscard]] static QString mailerFamily(const QString &mailer);
};

} // namespace th::analysis
