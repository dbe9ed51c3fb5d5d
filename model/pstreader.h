#pragma once

#include "message.h"

#include <QStringList>

#include <functional>
#include <vector>

namespace th::model {

/// Outlook PST/OST import through libpff. The file is only ever opened read-only.
///
/// Every mail item (IPM.Note and its variants, meeting messages) of every folder becomes a Message: its
/// transport headers (PR_TRANSPORT_MESSAGE_HEADERS) are parsed like any other message's headers, then
/// bodies, recipients and attachments come from the item's properties, and properties fill what the
/// headers lack (subject, ids, Thread-Index, date, sender). Without transport headers every field is
/// rebuilt from properties and a defect says so. Attached items become Message::embedded (their
/// source.itemId is 0: the file gives them no identifier of their own). Contacts, appointments and other
/// non-mail items are skipped; deleted (recoverable) items are not read.
///
/// source.location holds the folder path ("Top of Outlook data file/Inbox"), source.itemId the item
/// identifier; contentSha256 and size describe what itemSource() returns for the item.
///
/// Typical usage:
/// \code
///   const PstReader::Result r = PstReader::read(path, fileIndex, [&] { return stop.load(); });
///   if (!r.error.isEmpty()) ...;  // r.messages may still hold what was read
/// \endcode
class PstReader
{
public:
    struct Result {
        std::vector<Message> messages;
        /// Names the file: it could not be opened or walked, or it is shorter than its header says.
        /// Messages read before (or despite) the problem are kept.
        QString error;
        QStringList warnings; ///< items or folders that could not be read, each naming the folder; a cancellation
    };

    /// \a cancelled is asked between items; a cancelled read returns what it has, with a warning.
    [[nodiscard]] static Result read(const QString &path, int fileIndex, const std::function<bool()> &cancelled = {});
    /// What the raw-source view shows for an item: its transport headers, a blank line and its plain-text
    /// body as UTF-8. Empty with \a error naming the file when the file or item cannot be read.
    [[nodiscard]] static QByteArray itemSource(const QString &path, quint32 itemId, QString *error = nullptr);
};

} // namespace th::model
