#pragma once

#include <QStringView>

namespace th::analysis {

/// The code points of UTF-16 text, for readers that step through it themselves (the tokeniser, the quoted-date
/// word reader): a surrogate pair is read as one code point, a lone surrogate as itself.
///
/// Typical usage:
/// \code
///   for (qsizetype i = 0, next = 0; i < text.size(); i = next)
///       use(CodePoint::at(text, i, next));
/// \endcode
class CodePoint
{
public:
    /// The code point at \a i of \a text; \a next is set past it. Inline: the tokeniser asks for every
    /// character that is not ASCII.
    [[nodiscard]] static char32_t at(QStringView text, qsizetype i, qsizetype &next)
    {
        next = i + 1;
        if (text[i].isHighSurrogate() && next < text.size() && text[next].isLowSurrogate())
            return QChar::surrogateToUcs4(text[i], text[next++]);
        return text[i].unicode();
    }
};

} // namespace th::analysis
