#pragma once

#include "bodystructure.h"

namespace th::analysis {

/// Splits a plain-text body into the sender's new text and the quoted history (talon-style line marking,
/// detection-spec 2.1): attributions, header blocks and separators found by QuoteHeaderParser start quoted
/// messages; runs of '>' lines without an attribution start one too. Top-posted Outlook chains nest by order
/// (the first block introduces the parent, the second the grandparent...), '>' quoting nests by depth.
///
/// Typical usage:
/// \code
///   const BodyStructure b = QuoteSegmenter::segment(message.textBody);
///   b.newText();        // what the sender wrote
///   b.quoteStart();     // where the authentic quoted content begins: the splice point of a hijack
/// \endcode
class QuoteSegmenter
{
public:
    static constexpr int MaxLines = 5000; ///< bounded work on hostile bodies; the rest belongs to the last segment

    [[nodiscard]] static BodyStructure segment(const QString &text);
};

} // namespace th::analysis
