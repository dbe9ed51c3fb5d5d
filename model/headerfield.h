#pragma once

#include <QString>

namespace th::model {

/// One header field as it appears in the message, in order.
struct HeaderField {
    QString name;
    QString value;      ///< unfolded, RFC 2047 decoded where the field is unstructured
    qint64 offset = 0;  ///< of the field's first byte within the message bytes
    qint64 length = 0;  ///< bytes, including folded continuation lines
};

} // namespace th::model
