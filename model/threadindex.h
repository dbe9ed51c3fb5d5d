#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QUuid>

namespace th::model {

/// Outlook's Thread-Index header (PR_CONVERSATION_INDEX), decoded.
///
/// base64 of a 22-byte header (FILETIME fragment + conversation GUID) and one 5-byte block per reply
/// (MS-OXOMSG 2.2.1.3). Two header layouts exist: "classic" (desktop Outlook, FILETIME >> 16) and
/// "modern" (Exchange 2013+, 0x01 then FILETIME >> 24); the variant is chosen by which one decodes
/// to a plausible time. See docs: detection-spec.md section 4.3.
struct ThreadIndex {
    enum class Variant { Absent, Malformed, Classic, Modern };

    Variant variant = Variant::Absent;
    QByteArray bytes;          ///< the decoded header value
    QUuid guid;                ///< conversation GUID
    QDateTime rootTime;        ///< UTC
    QList<QDateTime> childTimes; ///< UTC, one per reply block
    QString problem;           ///< why it is Malformed

    [[nodiscard]] bool isValid() const { return variant == Variant::Classic || variant == Variant::Modern; }
    [[nodiscard]] int depth() const { return int(childTimes.size()); }
    [[nodiscard]] QString variantName() const;

    /// \a reference is the message's Date (used to choose between variants); may be invalid.
    [[nodiscard]] static ThreadIndex decode(QStringView headerValue, const QDateTime &reference = {});
};

} // namespace th::model
