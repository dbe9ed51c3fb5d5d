#pragma once

#include <QStringList>

namespace th::analysis {

/// Display names as people (detection-spec A1, A2): normalisation, "same person?", name-to-local-part
/// matching, and addresses hidden in names. Thread-safe; never throws.
class DisplayName
{
public:
    /// Spec A1 normalisation, for comparing names: NFKC and case folding; embedded addresses, bracketed
    /// tags ("(EXTERNAL)", "[EXT]", "(Company)"), "via <list>" / "on behalf of <x>" tails, quotes and
    /// titles or degrees (Mr, Mrs, Ms, Dr, Prof, Herr, Frau, Mme, PhD, Jr, ...) removed; "Last, First"
    /// turned into "first last"; one-letter middle initials dropped; tokens joined by single spaces.
    /// Dots, underscores and commas separate tokens; hyphens and inner apostrophes stay ("jean-luc o'brien").
    /// A name that is only an address gives an empty string: it says nothing about a person.
    [[nodiscard]] static QString normalise(QStringView name);
    /// The same person's name: after normalisation, equal token sets, equal with spaces removed (CJK
    /// names are written both ways), Jaro-Winkler >= 0.92, or equal token sets once both are romanised
    /// ("Jürgen" and "Juergen", "Иван" and "Ivan"). Never true when either has fewer than two letters.
    [[nodiscard]] static bool same(QStringView a, QStringView b);
    /// same() for names that already went through normalise(), so that a caller comparing one sender
    /// with many participants normalises each name once.
    [[nodiscard]] static bool sameNormalised(QStringView a, QStringView b);
    /// \a localPart (tags after '+' and trailing digits ignored) is built from the name the usual ways:
    /// "johndoe", "john.doe", "doe.john", "jdoe", "j.doe", "johnd", "doej", "jqdoe", "john" or "doe"
    /// for "John Q. Doe", also in romanised spellings; or the name itself is that local part ("jdoe").
    [[nodiscard]] static bool matchesLocalPart(QStringView name, QStringView localPart);
    /// The addresses written inside a display name ('"ceo@bank.com" <x@evil.com>' has "ceo@bank.com"),
    /// after NFKC so full-width look-alikes are read too; in order, without duplicates.
    [[nodiscard]] static QStringList embeddedAddresses(QStringView name);
    /// ASCII lower-case spellings of \a text: ICU "Any-Latin; Latin-ASCII" ("järvinen" -> "jarvinen",
    /// "иван" -> "ivan") and, if different, the German one ("müller" -> "mueller"). Kanji come out in
    /// Mandarin pinyin, which is not how Japanese names are spelt: callers must not count on it.
    [[nodiscard]] static QStringList romanisations(QStringView text);
    /// Whether romanisations() of \a name needs the transliterator: ASCII names are their own spelling, and
    /// accented Latin letters ("é", "ü") are read off Unicode's decompositions, as the transliterator spells them.
    [[nodiscard]] static bool needsRomaniser(QStringView name);
    /// Builds what romanisations() needs (ICU's transliteration rules, about 10 ms) ahead of time: a side
    /// task can pay for it while the other threads work, instead of every thread of a parallel step waiting.
    static void prepare();
    /// The local parts matchesLocalPart() accepts for \a name, letters and digits only ("jdoe", "johndoe", ...).
    [[nodiscard]] static QStringList localPartForms(QStringView name);
};

} // namespace th::analysis
