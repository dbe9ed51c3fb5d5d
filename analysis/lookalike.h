#pragma once

#include <QString>

namespace th::analysis {

/// Cousin domains (detection-spec A3): is a sender's organisation made to look like a known one?
///
/// Both sides are reduced to their registrable domain (DomainIdentity::registrable, U-label form) and
/// split into the label ("ettus") and the public suffix ("com"). Thread-safe; never throws.
class Lookalike
{
public:
    enum class Kind {
        None,        ///< unrelated, or one side is not a domain
        Identical,   ///< same registrable domain
        Typo,        ///< label within Damerau-Levenshtein distance 1 (labels of 4-5) or 2 (6 and more)
        Homoglyph,   ///< different, but the same UTS #39 skeleton (Cyrillic 'а', "rn" for 'm', '1' for 'l', '0' for 'o')
        OtherTld,    ///< same label under another public suffix ("ettus.co", "ettus.net" for "ettus.com")
        Hyphenation, ///< the same letters with hyphens added or removed, or a hyphenated addition ("acme-corp", "paypal-secure")
        Plural,      ///< an 's' added or removed at the end of the label
    };

    /// How registrable domain \a candidate imitates the known registrable domain \a known, checked in
    /// the order Identical, OtherTld, Homoglyph, Hyphenation, Plural, Typo; all but Identical and OtherTld
    /// look at the labels only, whatever the suffixes. Typos need labels of at least 4 characters: "ab.com"
    /// and "ac.com" are simply different. Hosts and addresses are accepted too.
    [[nodiscard]] static Kind compare(QStringView candidate, QStringView known);
    /// A short English phrase for reports ("homoglyph (confusable characters)").
    [[nodiscard]] static QString describe(Kind kind);
    /// The UTS #39 skeleton of \a text (Default_Ignorable code points removed), case-folded, so that
    /// "PAYPA1", "paypaI", "paypal", "pay\u00ADpal" and "pаypal" (Cyrillic а) agree.
    [[nodiscard]] static QString skeleton(QStringView text);
};

} // namespace th::analysis
