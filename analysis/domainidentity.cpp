#include "domainidentity.h"
#include "memo.h"

#include <QRegularExpression>
#include <QSet>

#include <libpsl.h>
#include <unicode/idna.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace th::analysis {
namespace {

// psl_latest(): the newer of libpsl's built-in list and the publicsuffix package's file. libpsl
// contexts are read-only after loading, so one shared context serves every thread.
const psl_ctx_t *publicSuffixList()
{
    static const std::unique_ptr<psl_ctx_t, decltype(&psl_free)> latest(psl_latest(nullptr), &psl_free);
    return latest ? latest.get() : psl_builtin();
}

// ICU documents IDNA instances as immutable and safe to share between threads. Nontransitional
// processing keeps 'ß' and 'ς' as browsers and registries (IDNA2008) do, instead of mapping them to "ss"/"σ".
const icu::IDNA *uts46()
{
    static const std::unique_ptr<icu::IDNA> idna = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::IDNA> p(icu::IDNA::createUTS46Instance(
            UIDNA_NONTRANSITIONAL_TO_ASCII | UIDNA_NONTRANSITIONAL_TO_UNICODE, status));
        return U_SUCCESS(status) ? std::move(p) : nullptr;
    }();
    return idna.get();
}

QString fromIcu(const icu::UnicodeString &s)
{
    return QString(reinterpret_cast<const QChar *>(s.getBuffer()), s.length());
}

// UTS #46 conversion of a whole name; an empty string when ICU reports any error for it.
QString idnaConvert(QStringView domain, bool toAscii)
{
    const icu::IDNA *idna = uts46();
    if (!idna || domain.isEmpty() || domain.size() > 1024)
        return {};
    const icu::UnicodeString in(false, domain.utf16(), int32_t(domain.size())); // read-only alias, no copy
    icu::UnicodeString out;
    icu::IDNAInfo info;
    UErrorCode status = U_ZERO_ERROR;
    if (toAscii)
        idna->nameToASCII(in, out, info, status);
    else
        idna->nameToUnicode(in, out, info, status);
    return U_SUCCESS(status) && !info.hasErrors() ? fromIcu(out) : QString();
}

// RFC 1035 shape, relaxed for the '_' seen in real host names: 1-63 characters per label, 253 in all.
bool isHostName(const QString &ascii)
{
    static const QRegularExpression label(u"^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$"_s);
    if (ascii.isEmpty() || ascii.size() > 253)
        return false;
    for (const QStringView l : QStringView(ascii).split(u'.')) {
        if (!label.match(l).hasMatch())
            return false;
    }
    return true;
}

bool isIpv4(const QString &ascii)
{
    static const QRegularExpression re(u"^\\d{1,3}(?:\\.\\d{1,3}){3}$"_s);
    return re.match(ascii).hasMatch();
}

// Lower case, without surrounding space and the root's trailing dot.
QString cleanHost(QStringView host)
{
    QString s = host.trimmed().toString().toCaseFolded();
    while (s.endsWith(u'.'))
        s.chop(1);
    return s;
}

// The domain as domainOf() reads it from an address, before cleanHost(); a domain as given.
QStringView domainPart(QStringView domainOrAddress)
{
    const qsizetype at = domainOrAddress.lastIndexOf(u'@');
    if (at < 0)
        return domainOrAddress;
    QStringView domain = domainOrAddress.mid(at + 1).trimmed();
    if (domain.endsWith(u'>'))
        domain.chop(1);
    return domain;
}

QString hostOf(QStringView domainOrAddress)
{
    return cleanHost(domainPart(domainOrAddress));
}

// Sources: the providers' own sign-up pages; a domain here is free to register a mailbox at.
const QSet<QString> &freemailDomains()
{
    static const QSet<QString> set = [] {
        const QString list = u"gmail.com googlemail.com msn.com aol.com aim.com icloud.com me.com mac.com "
                             "ymail.com rocketmail.com web.de mail.com email.com mail.ru inbox.ru list.ru bk.ru rambler.ru "
                             "ukr.net qq.com foxmail.com 163.com 126.com yeah.net sina.com sina.cn sohu.com naver.com "
                             "daum.net hanmail.net proton.me protonmail.com protonmail.ch pm.me zoho.com zohomail.com "
                             "tutanota.com tutanota.de tuta.io fastmail.com fastmail.fm hushmail.com gmx.net "
                             "t-online.de freenet.de orange.fr wanadoo.fr free.fr laposte.net libero.it virgilio.it "
                             "seznam.cz wp.pl o2.pl interia.pl onet.pl rediffmail.com mailfence.com posteo.de "
                             "mailbox.org"_s;
        const QStringList domains = list.split(u' ');
        return QSet<QString>(domains.cbegin(), domains.cend());
    }();
    return set;
}

// Providers that run the same service under many country suffixes (hotmail.co.uk, yahoo.co.jp, gmx.at, ...).
const QSet<QString> &freemailFamilies()
{
    static const QSet<QString> set{u"hotmail"_s, u"live"_s, u"outlook"_s, u"yahoo"_s, u"gmx"_s, u"yandex"_s};
    return set;
}

} // namespace

QString DomainIdentity::domainOf(QStringView address)
{
    return address.contains(u'@') ? cleanHost(domainPart(address)) : QString();
}

QString DomainIdentity::toUnicode(QStringView domain)
{
    const QString unicode = idnaConvert(domain, false);
    return unicode.isEmpty() ? domain.toString() : unicode;
}

QString DomainIdentity::toAscii(QStringView domain)
{
    return idnaConvert(domain, true);
}

static QString registrableUncached(QStringView domainOrAddress)
{
    const QString ascii = DomainIdentity::toAscii(hostOf(domainOrAddress));
    if (isIpv4(ascii))
        return ascii; // libpsl would cut "192.168.1.1" to "1.1"
    if (!isHostName(ascii))
        return {};
    // The A-label form is what libpsl's lookup needs whether or not it was built with an IDN library.
    const QByteArray latin1 = ascii.toLatin1(); // libpsl answers with a pointer into it
    const char *organisation = psl_registrable_domain(publicSuffixList(), latin1.constData());
    return DomainIdentity::toUnicode(organisation ? QString::fromLatin1(organisation) : ascii);
}

// Remembered by domain, not by address: a case has far fewer domains than addresses, and each Message-ID's
// domain part is asked for once per message.
QString DomainIdentity::registrable(QStringView domainOrAddress)
{
    return Memo::of<0>(domainPart(domainOrAddress), [](QStringView d) { return registrableUncached(d); });
}

bool DomainIdentity::sameOrganisation(QStringView a, QStringView b)
{
    const QString ra = registrable(a);
    return !ra.isEmpty() && ra == registrable(b);
}

bool DomainIdentity::isFreemail(QStringView registrableDomain)
{
    const QString domain = registrable(registrableDomain);
    return freemailDomains().contains(domain) || freemailFamilies().contains(domain.section(u'.', 0, 0));
}

} // namespace th::analysis
