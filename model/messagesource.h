#pragma once

#include <QString>

namespace th::model {

/// Where a message's bytes live, so the exact original can always be shown again.
struct MessageSource {
    int fileIndex = -1;   ///< index into MailStore::sources()
    qint64 offset = 0;    ///< first byte of the message in that file (after an mbox "From " line)
    qint64 length = 0;    ///< bytes in the file, still mbox-escaped where the file is an mbox
    QString location;     ///< PST/OST folder path, or empty
    quint32 itemId = 0;   ///< PST/OST item identifier, or 0

    [[nodiscard]] bool isContainerItem() const { return itemId != 0; }
};

} // namespace th::model
