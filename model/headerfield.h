#pragma once

#include <QtGlobal>

namespace th::model {

/// Where one header field's bytes are in Message::rawHeader, in message order. Names and values are
/// read from those bytes when asked for (Message::headerName / headerValue), so that a large case does
/// not hold every header a second time as UTF-16 text.
struct HeaderField {
    qint64 offset = 0;     ///< of the field's first byte within the message (and within rawHeader)
    qint64 length = 0;     ///< bytes, including folded continuation lines and the line end
    qint32 nameLength = 0;
    qint32 valueStart = 0; ///< within the field, just after the colon
};

} // namespace th::model
