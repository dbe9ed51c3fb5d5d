#pragma once

#include <QString>

#include <string>
#include <string_view>

namespace vmime {
class text;
class word;
}

namespace th::model {

/// Header text decoding on top of vmime: RFC 2047 encoded words, raw 8-bit bytes, folding.
class MimeText
{
public:
    /// One word; raw 8-bit bytes vmime labels us-ascii are UTF-8 or windows-1252 (platform note 3).
    [[nodiscard]] static QString decodeWord(const vmime::word &word);
    [[nodiscard]] static QString decodeText(const vmime::text &text);
    /// A raw field value (after the colon): unfolded, encoded words decoded, trimmed.
    [[nodiscard]] static QString decodeFieldValue(std::string_view rawValue);
    /// A raw field value unfolded and trimmed, encoded words left as they are.
    [[nodiscard]] static QString unfold(std::string_view rawValue);
};

} // namespace th::model
