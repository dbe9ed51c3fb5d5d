#pragma once

#include "message.h"

#include <optional>

namespace th::model {

/// Outlook .msg (OLE compound file, MS-OXMSG) import through libolecf. The file is only ever opened read-only.
///
/// The message's transport headers, when present, are parsed like any other message's; bodies,
/// recipients and attachments come from its property streams, which also fill what the headers lack.
/// Without transport headers every field is rebuilt from properties and a defect says so. Attached
/// messages become Message::embedded. contentSha256, size and source describe the whole .msg file.
///
/// Typical usage:
/// \code
///   QString error;
///   if (const std::optional<Message> m = MsgReader::read(path, fileIndex, &error)) ...;
/// \endcode
class MsgReader
{
public:
    /// nullopt with \a error naming the file when it is not a readable .msg, cannot be read to its end
    /// (its digest would be wrong), or holds a non-mail item (a contact, note, appointment, ...).
    [[nodiscard]] static std::optional<Message> read(const QString &path, int fileIndex, QString *error = nullptr);
};

} // namespace th::model
