#pragma once

#include <QStringView>

namespace th::analysis {

/// Local parts that are random letter strings (detection-spec A10, weak evidence): the Qakbot "AA"
/// senders of 2020-2022 wrote from addresses like n.csilcrnvooeo@, telrergnbieb@ and irehicdeyehn@.
///
/// The model: character trigrams (backed off to bigrams) learnt from a word list embedded in
/// scrambledlocalpart.cpp (about 2,500 common English words, mailbox role words, and given names and
/// surnames of some 25 languages or romanisations). Two per-letter measures, the larger score counts:
///  - order: how much less likely the letters are in their order than in any order (log-likelihood
///    ratio against letter frequencies) - a shuffled name, Qakbot's kind;
///  - rarity: how unlikely the letters are at all - keyboard mash ("bcdfghjkl").
///
/// Before the model is asked, the local part is split at separators ("n.csilcrnvooeo" -> "n", "csilcrnvooeo"),
/// trailing digits are dropped, and tokens that are machine identifiers (digits inside, or mixed case such as
/// gmane's "vpEMnDpepFuMZCB2o") are ignored. The score is 0 when:
///  - fewer than 8 letters are left;
///  - a token contains a word of the list of 4 letters or more;
///  - \a displayName explains it: DisplayName::matchesLocalPart(), or it shares 4 consecutive letters with
///    a romanised spelling of the name, forwards or backwards ("egorenar" for Alexander Egorenkov,
///    "raasdnil" for Mikel Lindsaar), or it is the name without vowels ("mchlwntz" for Michael Wentz).
/// A local part that holds most of the name's letters in a scrambled order (letter overlap >= 0.7 with
/// edit similarity < 0.4, the spec's anagram test) gets AnagramBonus more, and scores at least Threshold:
/// a shuffle keeps the letter statistics of a name, and a word found in it is chance.
///
/// On the 3,414 From addresses of the three real mailing-list archives in shared/corpora/lists,
/// isScrambled() fires for 2 messages (one sender, "jcmvbkbc"): see tst_identity.
/// Thread-safe; never throws; a few microseconds per call.
class ScrambledLocalPart
{
public:
    /// The score at and above which isScrambled() is true.
    static constexpr double Threshold = 0.5;
    /// Added when the anagram test holds.
    static constexpr double AnagramBonus = 0.25;

    /// 0 (name-like, or not enough to judge) .. 1 (letters in an order no name or word has).
    [[nodiscard]] static double score(QStringView localPart, QStringView displayName = {});
    /// score() >= Threshold.
    [[nodiscard]] static bool isScrambled(QStringView localPart, QStringView displayName = {});
    /// The spec's anagram test: at least 8 letters, most of them the name's, in an order unlike the name's.
    [[nodiscard]] static bool isAnagram(QStringView localPart, QStringView displayName);
};

} // namespace th::analysis
