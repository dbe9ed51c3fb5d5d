#pragma once

#include <QByteArray>
#include <QString>

namespace th::model {

/// A MIME leaf that is not shown as a body: what an analyst needs to judge it without opening it.
struct Attachment {
    QString fileName;
    QString mimeType;
    qint64 size = 0;       ///< decoded size in bytes
    QByteArray sha256;     ///< of the decoded content, hex
    bool isInline = false; ///< Content-Disposition: inline (e.g. signature images)
    int embeddedIndex = -1; ///< index into Message::embedded for message/rfc822 parts
};

} // namespace th::model
