#include "lookalike.h"

#include "domainidentity.h"
#include "editdistance.h"
#include "memo.h"

#include <QList>

#include <unicode/uchar.h>
#include <unicode/uspoof.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace th::analysis {
namespace {

// ICU: functions taking a const USpoofChecker are thread-safe, so one checker serves every thread.
const USpoofChecker *spoofChecker()
{
    static const std::unique_ptr<USpoofChecker, decltype(&uspoof_close)> checker = [] {
        UErrorCode status = U_ZERO_ERROR;
        USpoofChecker *sc = uspoof_open(&status);
        if (U_FAILURE(status)) {
            uspoof_close(sc);
            sc = nullptr;
        }
        return std::unique_ptr<USpoofChecker, decltype(&uspoof_close)>(sc, &uspoof_close);
    }();
    return checker.get();
}

QString icuSkeleton(const QString &text)
{
    const USpoofChecker *sc = spoofChecker();
    if (!sc || text.isEmpty())
        return text;
    const icu::UnicodeString in(false, text.utf16(), int32_t(text.size()));
    icu::UnicodeString out;
    UErrorCode status = U_ZERO_ERROR;
    uspoof_getSkeletonUnicodeString(sc, 0, in, out, &status);
    return U_SUCCESS(status) ? QString(reinterpret_cast<const QChar *>(out.getBuffer()), out.length()) : text;
}

// UTS #39 takes these out before mapping (ICU's skeleton does not): soft hyphens, zero-width joiners...
QString withoutDefaultIgnorables(QStringView text)
{
    QList<uint> codePoints = text.toUcs4();
    codePoints.removeIf([](uint c) { return u_hasBinaryProperty(UChar32(c), UCHAR_DEFAULT_IGNORABLE_CODE_POINT); });
    return QString::fromUcs4(reinterpret_cast<const char32_t *>(codePoints.constData()), codePoints.size());
}

// A registrable domain is exactly one label in front of its public suffix.
struct Parts {
    QString label;
    QString suffix;
};

Parts split(const QString &registrable)
{
    const qsizetype dot = registrable.indexOf(u'.');
    if (dot < 0)
        return {registrable, QString()};
    return {registrable.left(dot), registrable.mid(dot + 1)};
}

// Called with different labels: without a hyphen in either, neither form applies.
bool isHyphenation(const QString &candidate, const QString &known, bool sameSuffix)
{
    if (!candidate.contains(u'-') && !known.contains(u'-'))
        return false;
    if (QString(candidate).remove(u'-') == QString(known).remove(u'-'))
        return true;
    // "paypal-secure", "secure-paypal": the known name plus a word, a staple of cousin-domain kits. Under
    // another suffix that is mostly another organisation (linux-foundation.org is not linux.com).
    return sameSuffix && known.size() >= 4 && (candidate.startsWith(known + u'-') || candidate.endsWith(u'-' + known));
}

bool isPlural(const QString &candidate, const QString &known)
{
    const auto plural = [](const QString &longer, const QString &shorter) {
        return longer.size() == shorter.size() + 1 && longer.endsWith(u's') && longer.startsWith(shorter);
    };
    return plural(candidate, known) || plural(known, candidate);
}

// As QString::toUcs4().size(): a surrogate pair is one code point, a lone surrogate one too.
qsizetype codePointCount(QStringView s)
{
    qsizetype pairs = 0;
    for (qsizetype i = 0; i + 1 < s.size(); ++i) {
        if (s[i].isHighSurrogate() && s[i + 1].isLowSurrogate()) {
            ++pairs;
            ++i;
        }
    }
    return s.size() - pairs;
}

// Spec A3 allows 0 < d <= 2; on short labels that would call most names look-alikes of each
// other ("dell"/"delta"), so the allowance grows with the shorter label. Under another suffix only a
// single changed character is a typo: orange.fr is not oracle.com. The distance is at least the difference
// in length, which settles most unrelated labels before it is computed.
bool isTypo(const QString &candidate, const QString &known, bool sameSuffix)
{
    const qsizetype c = codePointCount(candidate), k = codePointCount(known);
    const int allowance = std::min(c, k) >= 6 ? 2 : std::min(c, k) >= 4 ? 1 : 0;
    const int allowed = sameSuffix ? allowance : std::min(allowance, 1);
    if (allowed == 0 || qAbs(c - k) > allowed)
        return false;
    const int d = EditDistance::damerauLevenshtein(candidate, known);
    return d > 0 && d <= allowed;
}

Lookalike::Kind compareParts(const Parts &c, const Parts &k)
{
    using Kind = Lookalike::Kind;
    if (c.label == k.label)
        return Kind::OtherTld;
    if (Lookalike::skeleton(c.label) == Lookalike::skeleton(k.label))
        return Kind::Homoglyph;
    const bool sameSuffix = c.suffix == k.suffix;
    if (isHyphenation(c.label, k.label, sameSuffix))
        return Kind::Hyphenation;
    if (isPlural(c.label, k.label))
        return Kind::Plural;
    return isTypo(c.label, k.label, sameSuffix) ? Kind::Typo : Kind::None;
}

} // namespace

// Every sender domain is compared with every participant domain of its thread: the same few labels
// again and again, so the ICU mappings are remembered.
QString Lookalike::skeleton(QStringView text)
{
    // Skeletons keep case: '0' becomes 'O' while 'o' stays 'o', and 'I' becomes 'l' only before
    // folding. So map, fold, and map again.
    return Memo::of<2>(text, [](QStringView t) { return icuSkeleton(icuSkeleton(withoutDefaultIgnorables(t)).toCaseFolded()); });
}

Lookalike::Kind Lookalike::compare(QStringView candidate, QStringView known)
{
    const QString c = DomainIdentity::registrable(candidate);
    const QString k = DomainIdentity::registrable(known);
    if (c.isEmpty() || k.isEmpty())
        return Kind::None;
    if (c == k)
        return Kind::Identical;
    return compareParts(split(c), split(k));
}

QString Lookalike::describe(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return u"unrelated"_s;
    case Kind::Identical:
        return u"same organisation"_s;
    case Kind::Typo:
        return u"typo (one or two characters changed)"_s;
    case Kind::Homoglyph:
        return u"homoglyph (confusable characters)"_s;
    case Kind::OtherTld:
        return u"same name under another suffix"_s;
    case Kind::Hyphenation:
        return u"hyphen added or removed"_s;
    case Kind::Plural:
        return u"plural 's' added or removed"_s;
    }
    return {};
}

} // namespace th::analysis
