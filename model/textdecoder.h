#pragma once

#include <QString>

#include <string>
#include <string_view>

namespace th::model {

/// Turns bytes in a declared charset into Unicode, never throwing and never losing the whole text.
///
/// Conversion goes through vmime's charset layer (ICU). Labels that mail mislabels are widened the way
/// browsers do (ISO-8859-1 and US-ASCII to windows-1252, GB2312 to GB18030). An unknown charset, or no
/// charset at all, falls back to UTF-8 when the bytes are valid UTF-8 and windows-1252 otherwise.
class TextDecoder
{
public:
    /// \a problem receives a short description when the declared charset could not be used.
    [[nodiscard]] static QString decode(std::string_view bytes, std::string_view charset, QString *problem = nullptr);
    /// The fallback alone: UTF-8 if valid, else windows-1252.
    [[nodiscard]] static QString decodeUndeclared(std::string_view bytes);
    [[nodiscard]] static bool isAscii(std::string_view bytes);
    [[nodiscard]] static bool isValidUtf8(std::string_view bytes);
};

} // namespace th::model
