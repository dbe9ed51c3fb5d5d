#pragma once

#include <QStringView>

namespace th::analysis {

/// String distances on Unicode code points (not UTF-16 units), so a character outside the BMP counts once.
class EditDistance
{
public:
    /// Optimal-string-alignment Damerau-Levenshtein: insertions, deletions, substitutions and
    /// transpositions of adjacent characters each cost 1 (a substring is never edited twice).
    [[nodiscard]] static int damerauLevenshtein(QStringView a, QStringView b);
    /// Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, prefix of at most 4); 1 for two empty strings.
    [[nodiscard]] static double jaroWinkler(QStringView a, QStringView b);
};

} // namespace th::analysis
