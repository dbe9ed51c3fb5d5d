#pragma once

#include <QString>

namespace th::analysis {

/// Renders HTML mail as plain text without rendering it: a gumbo DOM walk that never fetches anything.
///
/// Scripts, styles and the head are dropped; block elements become line breaks; blockquotes are shown
/// with "> " per level; links show their real target ("text <https://...>") and images their source
/// ("[image: cid:...]"), because the target is what an analyst must see.
class HtmlText
{
public:
    [[nodiscard]] static QString toText(const QString &html);
};

} // namespace th::analysis
