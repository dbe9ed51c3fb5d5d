// The sender-identity indicators A1-A3 (detection-spec section 5 "A. Sender / authentication") on real mail:
// the labelled hijacks of hijack-dev, real spoofing from spoof-auth-rspamd and phishing_pot (with its
// manifest), and messages derived from real list replies the way an attacker would change them.
// tst_envelopeindicators has A4 and A5; tst_originindicators has A6-A10 and the benign traffic on which
// they all must stay quiet.
#include "identitycorpus.h"

#include "analysis/domainidentity.h"
#include "analysis/identitybook.h"

#include <QRegularExpression>
#include <QTest>

using namespace th::analysis;
using namespace identity;
using Severity = Finding::Severity;

Q_DECLARE_METATYPE(Finding::Severity)

class TestIdentityIndicators : public QObject, protected IdentityCorpus
{
    Q_OBJECT

private slots:
    void initTestCase() { load(); }

    // A1
    void spoofedParticipantInHijackDev();
    void spoofedParticipantDerived_data();
    void spoofedParticipantDerived();
    void spoofedParticipantAfterEarlierUse_data();
    void spoofedParticipantAfterEarlierUse();
    void ownSecondAddressStaysWeak();
    void gmaneCopyOfShortMailbox();
    void sprayedNameKeepsThePersonsAddresses();
    void authorFloodKeepsQuoteLinks();
    void sameMailboxElsewhere_data();
    void sameMailboxElsewhere();
    void spoofedParticipantOfQuotedConversation_data();
    void spoofedParticipantOfQuotedConversation();
    // A2
    void addressInNameInHijackDev();
    void addressInNameDerived_data();
    void addressInNameDerived();
    void addressInNameAgreesWithPhishingManifest();
    // A3
    void lookalikeInHijackDev();
    void lookalikeDerived_data();
    void lookalikeDerived();
};

// ---------------------------------------------------------------------------------------------------------
// A1: a participant's display name with an address that person never used.

// Every external hijack of hijack-dev carries the display name of a real non-organisation participant with
// an unrelated address (dataset README). Where the From display name is that person's name (not an address),
// A1 must fire, strong because the name belongs to the thread, with the From header as evidence and a
// sentence naming the real and the forged address.
void TestIdentityIndicators::spoofedParticipantInHijackDev()
{
    CaseFixture &c = dev();
    int candidates = 0, fired = 0, strong = 0, namesBoth = 0;
    QStringList missed;
    for (const Label &l : std::as_const(m_labels)) {
        if (l.label != u"external-thread-hijack")
            continue;
        const int i = c.indexOf(l.id);
        QVERIFY2(i >= 0, qPrintable(l.id));
        const th::model::Message &m = c.store().message(i);
        QCOMPARE(m.from.address.toLower(), l.attacker);
        if (m.from.name.contains(u'@') && !m.from.name.contains(u' '))
            continue; // the display name is only an address: A2's business
        ++candidates;
        const Finding *a1 = CaseFixture::strongest(c.analysis().messages[i], u"A1");
        if (!a1) {
            missed << l.id + u' ' + m.from.toString() + QStringLiteral(" [") + l.variant + QStringLiteral("] ") + describe(c.analysis().messages[i]);
            continue;
        }
        ++fired;
        strong += a1->severity == Severity::Strong ? 1 : 0;
        const Evidence *from = headerEvidence(a1, u"From");
        QVERIFY2(from && from->value.contains(m.from.address, Qt::CaseInsensitive), qPrintable(l.id));
        QVERIFY2(a1->summary.contains(m.from.address, Qt::CaseInsensitive), qPrintable(a1->summary));
        if (a1->summary.contains(l.spoofedAddress, Qt::CaseInsensitive)) {
            ++namesBoth;
        } else {
            qInfo("A1 does not name the real address %s: %s", qPrintable(l.spoofedAddress), qPrintable(a1->summary));
        }
    }
    qInfo("A1 on hijack-dev external hijacks with a person's display name: %d of %d fired, %d strong, %d name the real address too",
          fired, candidates, strong, namesBoth);
    for (const QString &s : std::as_const(missed))
        qInfo("A1 missed: %s", qPrintable(s));
    QVERIFY(candidates >= 60);
    QCOMPARE(fired, candidates);
    QCOMPARE(strong, fired);
    QCOMPARE(namesBoth, fired);
}

void TestIdentityIndicators::spoofedParticipantDerived_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("extraHeader");
    QTest::addColumn<QStringList>("sisterDomains");
    QTest::addColumn<int>("expected"); // -1: no A1, else the Severity
    QTest::addColumn<QString>("realAddress");

    const QString kevinAddr = QStringLiteral("kevin.tian@intel.com");
    const int strong = int(Severity::Strong), weak = int(Severity::Weak);
    // Talos T1: the thread participant's name, an unrelated account.
    QTest::newRow("as written, foreign address") << QByteArray("\"Tian, Kevin\" <k.tnavien@ordalex.com>") << QByteArray() << QStringList() << strong << kevinAddr;
    QTest::newRow("First Last order") << QByteArray("Kevin Tian <k.tnavien@ordalex.com>") << QByteArray() << QStringList() << strong << kevinAddr;
    QTest::newRow("(EXTERNAL) tag") << QByteArray("\"Tian, Kevin (EXTERNAL)\" <k.tnavien@ordalex.com>") << QByteArray() << QStringList() << strong << kevinAddr;
    QTest::newRow("upper case") << QByteArray("\"KEVIN TIAN\" <k.tnavien@ordalex.com>") << QByteArray() << QStringList() << strong << kevinAddr;
    QTest::newRow("freemail with the person's local part") << QByteArray("\"Tian, Kevin\" <kevin.tian@gmail.com>") << QByteArray() << QStringList() << strong << kevinAddr;
    // A mailbox at a partner organisation of the conversation under his name (a compromised partner account).
    QTest::newRow("another participant's domain") << QByteArray("\"Tian, Kevin\" <k.tnavien@redhat.com>") << QByteArray() << QStringList() << strong << kevinAddr;
    // An address shaped from his own name at an organisation of the conversation: the spec's "new job" FP, and the
    // spec escalates only a domain unrelated to every PS domain, so weak.
    QTest::newRow("own name at another participant's domain") << QByteArray("\"Tian, Kevin\" <ktian@redhat.com>") << QByteArray() << QStringList() << weak << kevinAddr;
    // Not spoofing: the same organisation, a delegate, a declared partner, the person's own domain.
    QTest::newRow("subdomain of the real domain") << QByteArray("\"Tian, Kevin\" <kevin.tian@linux.intel.com>") << QByteArray() << QStringList() << -1 << kevinAddr;
    QTest::newRow("Sender: the real address") << QByteArray("\"Tian, Kevin\" <assistant@ordalex.com>")
                                               << QByteArray("Sender: \"Tian, Kevin\" <kevin.tian@intel.com>") << QStringList() << -1 << kevinAddr;
    QTest::newRow("configured sister domain") << QByteArray("\"Tian, Kevin\" <k.tnavien@ordalex.com>") << QByteArray() << QStringList{"ordalex.com"} << -1 << kevinAddr;
    QTest::newRow("own personal domain") << QByteArray("Kevin Tian <kevin@tian.name>") << QByteArray() << QStringList() << weak << kevinAddr;
}

// Kevin Tian's real reply in reference thread 2 re-sent with a forged From: A1 fires when the name is his
// (after the spec's normalisation: order, tags, case) and the domain is one he never used.
void TestIdentityIndicators::spoofedParticipantDerived()
{
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, extraHeader);
    QFETCH(QStringList, sisterDomains);
    QFETCH(int, expected);
    QFETCH(QString, realAddress);

    QByteArray raw = CaseFixture::withHeader(kevin("derived-a1@ordalex.com"), "From", from);
    if (!extraHeader.isEmpty())
        raw = CaseFixture::withHeader(raw, extraHeader.left(extraHeader.indexOf(':')), extraHeader.mid(extraHeader.indexOf(':') + 2));
    CaseSettings settings;
    settings.sisterDomains = sisterDomains;
    const auto c = derivedCase(s390Thread(QString::fromLatin1(VfioRoot)), {raw}, settings);
    const QString id = QStringLiteral("derived-a1@ordalex.com");
    const Finding *a1 = c->finding(id, QStringLiteral("A1"));
    if (expected < 0) {
        QVERIFY2(!a1, qPrintable(describe(c->result(id))));
        return;
    }
    QVERIFY2(a1, qPrintable(describe(c->result(id))));
    QVERIFY2(int(a1->severity) == expected, qPrintable(CaseFixture::severityName(a1) + u' ' + a1->summary));
    const th::model::Message &m = c->store().message(c->indexOf(id));
    QVERIFY2(a1->summary.contains(m.from.address, Qt::CaseInsensitive), qPrintable(a1->summary));
    QVERIFY2(a1->summary.contains(realAddress, Qt::CaseInsensitive), qPrintable(a1->summary));
    const Evidence *e = headerEvidence(a1, u"From");
    QVERIFY(e && e->value.contains(m.from.address, Qt::CaseInsensitive));
    if (expected == int(Severity::Strong) && !DomainIdentity::isFreemail(m.from.address) && !m.from.address.endsWith(u"redhat.com"))
        QVERIFY2(a1->summary.contains(QStringLiteral("unrelated")), qPrintable(a1->summary)); // spec: escalate, unrelated to every PS domain
}

void TestIdentityIndicators::spoofedParticipantAfterEarlierUse_data()
{
    QTest::addColumn<QByteArray>("earlier"); // From of a copy of Kevin Tian's reply sent two days before
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QString>("imitated");   // empty: no A1 expected; "-": A1 strong, no imitation named
    // An impostor's first wave makes its address "known" under the name; the next wave is no less a spoof.
    QTest::newRow("second wave from a look-alike") << QByteArray("Kevin Tian <kevin.tian@in-tel.com>")
                                                   << QByteArray("Kevin Tian <kevin.tian@in-tel.com>") << QStringLiteral("intel.com");
    // On free mail anyone registers any name: the provider seen before proves nothing.
    QTest::newRow("same free-mail provider, unrelated local part") << QByteArray("Kevin Tian <kevin.tian@gmail.com>")
                                                                   << QByteArray("Kevin Tian <k.tnavien@gmail.com>") << QStringLiteral("-");
    QTest::newRow("same free-mail provider, built from the name") << QByteArray("Kevin Tian <kevin.tian@gmail.com>")
                                                                  << QByteArray("Kevin Tian <ktian@gmail.com>") << QString();
    // An organisation's other public suffix, used before: his own.
    QTest::newRow("other public suffix used before") << QByteArray("Kevin Tian <ktian@intel.de>")
                                                     << QByteArray("Kevin Tian <kevin.tian@intel.de>") << QString();
}

// The identity book learns every address a name wrote from. What it learnt must not excuse an impostor: an
// earlier wave on a look-alike domain, or another account at the same free-mail provider.
void TestIdentityIndicators::spoofedParticipantAfterEarlierUse()
{
    QFETCH(QByteArray, earlier);
    QFETCH(QByteArray, from);
    QFETCH(QString, imitated);

    QByteArray before = CaseFixture::withHeader(kevin("earlier-a1@ordalex.com"), "From", earlier);
    before = CaseFixture::withHeader(before, "Date", "Mon, 27 Feb 2023 10:00:00 +0000");
    const QByteArray raw = CaseFixture::withHeader(kevin("derived-a1@ordalex.com"), "From", from);
    const auto c = derivedCase(s390Thread(QString::fromLatin1(VfioRoot)), {before, raw});
    const Finding *a1 = c->finding(QStringLiteral("derived-a1@ordalex.com"), QStringLiteral("A1"));
    const QString seen = describe(c->result(QStringLiteral("derived-a1@ordalex.com")));
    if (imitated.isEmpty()) {
        QVERIFY2(!a1, qPrintable(seen));
        return;
    }
    QVERIFY2(a1, qPrintable(seen));
    QCOMPARE(a1->severity, Severity::Strong);
    QVERIFY2(a1->summary.contains(QStringLiteral("kevin.tian@intel.com")), qPrintable(a1->summary));
    const QString forged = QString::fromLatin1(from).section(u'<', 1).chopped(1);
    QVERIFY2(a1->summary.count(forged) == 1, qPrintable(a1->summary)); // not among the addresses "the name used"
    if (imitated != u"-")
        QVERIFY2(a1->summary.contains(QStringLiteral("imitates ") + imitated), qPrintable(a1->summary));
}

// Spec A1 FP: "personal plus work addresses". Real people of the lists write from two addresses; when both
// share the registrable domain A1 must not fire at all. Otherwise it must stay weak where the case shows the
// second domain as an ordinary correspondent (another message from it). A domain the case has no other mail
// from is, by the spec, what A1 is for (S); the spec's mitigation there is the alias book, so it is only listed.
void TestIdentityIndicators::ownSecondAddressStaysWeak()
{
    struct Person {
        CaseFixture *c;
        QString name;
        bool sameDomain;
    };
    const QList<Person> people = {
        {&ksft(), QStringLiteral("Lorenz Bauer"), true},     // lmb@ and lorenz.bauer@isovalent.com
        {&ksft(), QStringLiteral("Rob Herring"), true},      // robh+dt@ and robh@kernel.org
        {&ksft(), QStringLiteral("Xu Kuohai"), false},       // huaweicloud.com and huawei.com
        {&ksft(), QStringLiteral("Ross Zwisler"), false},    // kernel.org and google.com
        {&ksft(), QStringLiteral("Zi Yan"), false},          // sent.com and nvidia.com
        {&ksft(), QStringLiteral("Geert Uytterhoeven"), false},
        {&dev(), QStringLiteral("Arnd Bergmann"), false},    // arndb.de and kernel.org
        {&dev(), QStringLiteral("Palmer Dabbelt"), false},   // rivosinc.com and dabbelt.com
        {&dev(), QStringLiteral("Alexandre Ghiti"), false},  // rivosinc.com and ghiti.fr
    };
    for (const Person &p : people) {
        QSet<QString> addresses;
        int fired = 0;
        for (int i = 0; i < p.c->store().size(); ++i) {
            const th::model::Message &m = p.c->store().message(i);
            if (m.from.name.compare(p.name, Qt::CaseInsensitive) != 0 || (p.c == m_dev.get() && m_labelOf.value(m.messageId) != u"clean"))
                continue;
            addresses.insert(m.from.address.toLower());
            const Finding *a1 = CaseFixture::strongest(p.c->analysis().messages[i], u"A1");
            if (!a1)
                continue;
            ++fired;
            QVERIFY2(!p.sameDomain, qPrintable(m.from.toString() + u' ' + a1->summary));
            const QString domain = DomainIdentity::registrable(m.from.address);
            int fromDomain = 0;
            for (int j = 0; j < p.c->store().size(); ++j)
                fromDomain += DomainIdentity::registrable(p.c->store().message(j).from.address) == domain ? 1 : 0;
            if (a1->severity != Severity::Weak && fromDomain < 2) {
                qInfo("A1 %s on %s: %s sent no other message in this case (spec: S; mitigation: the alias book)",
                      qPrintable(CaseFixture::severityName(a1)), qPrintable(m.from.toString()), qPrintable(domain));
                continue;
            }
            QVERIFY2(a1->severity == Severity::Weak, qPrintable(m.from.toString() + u' ' + a1->summary));
        }
        QVERIFY2(addresses.size() >= 2, qPrintable(p.name));
        qInfo("A1 on %s (%lld addresses): fired %d times", qPrintable(p.name), qsizetype(addresses.size()), fired);
    }
}

void TestIdentityIndicators::sameMailboxElsewhere_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<int>("expected");
    // Like broonie@kernel.org beside broonie@opensource.wolfsonmicro.com (Mark Brown): an impostor cannot send
    // from the domain of the IBM people of the case.
    QTest::newRow("at a domain others of the case send from") << QByteArray("Kevin Tian <kvt@linux.ibm.com>") << int(Severity::Weak);
    // A domain nobody else sends from is what a cousin registered for the attack looks like.
    QTest::newRow("at another suffix nobody sends from") << QByteArray("Kevin Tian <kvt@intel.co>") << int(Severity::Strong);
    QTest::newRow("at a look-alike") << QByteArray("Kevin Tian <kvt@in-tel.com>") << int(Severity::Strong);
    QTest::newRow("another mailbox at that domain") << QByteArray("Kevin Tian <k.tnavien@linux.ibm.com>") << int(Severity::Strong);
}

// Spec A1 FP "personal plus work addresses", mitigated with the alias book: the mailbox name (not built from the
// display name) he used before, now at another organisation's domain. Kevin Tian's real reply is sent twice: as
// kvt@intel.com first, then from the address under test.
void TestIdentityIndicators::sameMailboxElsewhere()
{
    QFETCH(QByteArray, from);
    QFETCH(int, expected);

    QByteArray before = CaseFixture::withHeader(kevin("earlier-a1@intel.com"), "From", "Kevin Tian <kvt@intel.com>");
    before = CaseFixture::withHeader(before, "Date", "Mon, 27 Feb 2023 10:00:00 +0000");
    const QByteArray raw = CaseFixture::withHeader(kevin("derived-a1@ordalex.com"), "From", from);
    // Two more IBM people of the list, beside the thread's own.
    const QStringList ids = s390Thread(QString::fromLatin1(VfioRoot)) + s390From(QStringLiteral("frankja@linux.ibm.com")).mid(0, 1)
        + s390From(QStringLiteral("nrb@linux.ibm.com")).mid(0, 1);
    const auto c = derivedCase(ids, {before, raw});
    const Finding *a1 = c->finding(QStringLiteral("derived-a1@ordalex.com"), QStringLiteral("A1"));
    QVERIFY2(a1, qPrintable(describe(c->result(QStringLiteral("derived-a1@ordalex.com")))));
    QVERIFY2(int(a1->severity) == expected, qPrintable(CaseFixture::severityName(a1) + u' ' + a1->summary));
}

// notmuch's LKML corpus holds Joe Perches' patch series as gmane archived it, From
// "joe-6d6DIl74uiNBDgjK7y7TUQ@public.gmane.org", next to mail naming him as joe@perches.com. The archive's
// munged copy of his mailbox is his, short as its local part is; a foreign address under his name is not.
void TestIdentityIndicators::gmaneCopyOfShortMailbox()
{
    CaseFixture c;
    c.addCorpus(QStringLiteral("notmuch/lkml"));
    c.addMessage(CaseFixture::withHeader(CaseFixture::readFile(QStringLiteral("notmuch/lkml/cur/1382298793.002297:2,")), "From",
                                         "Joe Perches <joe-6d6DIl74uiNBDgjK7y7TUQ@public.example>"));
    c.analyse();
    int munged = 0;
    for (int i = 0; i < c.store().size(); ++i) {
        const th::model::Message &m = c.store().message(i);
        if (!m.from.address.endsWith(u"@public.gmane.org") || !m.from.address.startsWith(u"joe-"))
            continue;
        ++munged;
        const Finding *a1 = CaseFixture::strongest(c.analysis().messages[i], u"A1");
        QVERIFY2(!a1, qPrintable(m.messageId + u' ' + (a1 ? a1->summary : QString())));
    }
    QCOMPARE(munged, 2);
    const Finding *foreign = CaseFixture::strongest(c.analysis().messages[c.store().size() - 1], u"A1");
    QVERIFY2(foreign && foreign->summary.contains(QStringLiteral("joe@perches.com")), qPrintable(c.store().message(c.store().size() - 1).from.address));
}

// A truncated stolen thread: a lure with only the first lines of a real reply under an attribution that names
// its author without an address, no In-Reply-To. The quote is linked to the real reply by the author's name
// and its words, so the person it was written to is a participant: A1 is strong. Under another name the quote
// links to nothing, and the same sender is only known in the case (medium).
void TestIdentityIndicators::spoofedParticipantOfQuotedConversation_data()
{
    QTest::addColumn<QByteArray>("author");
    QTest::addColumn<bool>("linked");
    QTest::newRow("the reply's author") << QByteArray("Nick Desaulniers") << true;
    QTest::newRow("someone else") << QByteArray("Jane Roe") << false;
}

void TestIdentityIndicators::spoofedParticipantOfQuotedConversation()
{
    QFETCH(QByteArray, author);
    QFETCH(bool, linked);
    const QString real = QStringLiteral("CAKwvOdnM9WjxHY_uw_0nyhGTZDuQ+730NrX2sgw9cBLkrhF8oA@mail.gmail.com"); // to Shuah Khan
    const QByteArray lure = "From: Shuah Khan <skhan@gmail.com>\nTo: Nick Desaulniers <ndesaulniers@google.com>\n"
                            "Subject: RE: Re: [PATCH] selftests: sigaltstack: fix -Wuninitialized\n"
                            "Date: Sat, 02 Dec 2023 06:09:04 +0900\nMessage-ID: <truncated-wave@gmail.com>\n"
                            "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n"
                            "Please check the attached file and confirm today.\n\n"
                            "On Mon, Mar 20, 2023 at 11:41 AM " + author + " wrote:\n"
                            "> Hi Shuah,\n> Did this get picked up? Just checking it doesn't fall through the cracks.\n> EOM\n";
    CaseFixture c;
    c.addCorpus(QString::fromLatin1(CaseFixture::Ksft));
    c.addMessage(lure);
    c.analyse();
    const QString id = QStringLiteral("truncated-wave@gmail.com");
    const MessageAnalysis &a = c.result(id);
    QCOMPARE(a.history.size(), 1);
    QCOMPARE(a.history.first().message, linked ? c.indexOf(real) : -1);
    const Finding *a1 = c.finding(id, QStringLiteral("A1"));
    QVERIFY2(a1, qPrintable(describe(a)));
    QVERIFY2(a1->severity == (linked ? Severity::Strong : Severity::Medium), qPrintable(CaseFixture::severityName(a1) + u' ' + a1->summary));
    QVERIFY2(a1->summary.contains(QStringLiteral("shuah@kernel.org")), qPrintable(a1->summary));
}

// ---------------------------------------------------------------------------------------------------------
// A2: an address in the display name that is not the sender's.

void TestIdentityIndicators::addressInNameInHijackDev()
{
    CaseFixture &c = dev();
    int total = 0, fired = 0;
    for (const Label &l : std::as_const(m_labels)) {
        if (l.variant != u"name-contains-address")
            continue;
        ++total;
        const int i = c.indexOf(l.id);
        const th::model::Message &m = c.store().message(i);
        QVERIFY2(m.from.name.contains(l.spoofedAddress, Qt::CaseInsensitive), qPrintable(m.from.toString()));
        const Finding *a2 = CaseFixture::strongest(c.analysis().messages[i], u"A2");
        QVERIFY2(a2, qPrintable(m.from.toString() + u' ' + describe(c.analysis().messages[i])));
        ++fired;
        QCOMPARE(CaseFixture::severityName(a2), QStringLiteral("medium"));
        QVERIFY2(a2->summary.contains(l.spoofedAddress, Qt::CaseInsensitive) && a2->summary.contains(m.from.address, Qt::CaseInsensitive),
                 qPrintable(a2->summary));
        const Evidence *e = headerEvidence(a2, u"From");
        QVERIFY(e && e->value.contains(l.spoofedAddress, Qt::CaseInsensitive));
    }
    qInfo("A2 on hijack-dev 'name-contains-address' hijacks: %d of %d", fired, total);
    QCOMPARE(total, 17);
    // And never on the real messages, whose display names are names.
    int clean = 0;
    for (const Label &l : std::as_const(m_labels)) {
        if (l.label != u"clean")
            continue;
        const int i = c.indexOf(l.id);
        if (i >= 0 && CaseFixture::strongest(c.analysis().messages[i], u"A2"))
            ++clean;
    }
    QCOMPARE(clean, 0);
}

void TestIdentityIndicators::addressInNameDerived_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QString>("embedded"); // empty: A2 must not fire
    QTest::newRow("participant address as name") << QByteArray("\"kevin.tian@intel.com\" <k.tnavien@ordalex.com>") << "kevin.tian@intel.com";
    QTest::newRow("name and address as name") << QByteArray("\"Tian, Kevin <kevin.tian@intel.com>\" <k.tnavien@ordalex.com>") << "kevin.tian@intel.com";
    QTest::newRow("full-width address (NFKC)")
        << QByteArray(encodedWord(QString::fromUtf8("\xef\xbd\x8b\xef\xbd\x85\xef\xbd\x96\xef\xbd\x89\xef\xbd\x8e@intel.com")) + " <k.tnavien@ordalex.com>")
        << "kevin@intel.com";
    QTest::newRow("name equals address") << QByteArray("\"kevin.tian@intel.com\" <kevin.tian@intel.com>") << "";
    QTest::newRow("name equals address, other case") << QByteArray("\"Kevin.Tian@Intel.COM\" <kevin.tian@intel.com>") << "";
    QTest::newRow("name equals address, U-label") << QByteArray(encodedWord(QString::fromUtf8("kevin@b\xc3\xbc" "cher.example")) + " <kevin@xn--bcher-kva.example>") << "";
}

void TestIdentityIndicators::addressInNameDerived()
{
    QFETCH(QByteArray, from);
    QFETCH(QString, embedded);
    const QByteArray raw = CaseFixture::withHeader(kevin("derived-a2@ordalex.com"), "From", from);
    const auto c = derivedCase(s390Thread(QString::fromLatin1(VfioRoot)), {raw});
    const QString id = QStringLiteral("derived-a2@ordalex.com");
    const Finding *a2 = c->finding(id, QStringLiteral("A2"));
    if (embedded.isEmpty()) {
        QVERIFY2(!a2, qPrintable(describe(c->result(id))));
        return;
    }
    QVERIFY2(a2, qPrintable(describe(c->result(id))));
    QCOMPARE(CaseFixture::severityName(a2), QStringLiteral("medium"));
    QVERIFY2(a2->summary.contains(embedded, Qt::CaseInsensitive), qPrintable(a2->summary));
    QVERIFY2(a2->summary.contains(QStringLiteral("k.tnavien@ordalex.com")), qPrintable(a2->summary));
    QVERIFY(headerEvidence(a2, u"From"));
}

// Manifest column display_name_addr_spoof. Rows where the "address" in the name is not one (the anonymised
// "phishing@pot...") or the From field has no address outside a comment are left out; A2 must fire on
// every other flagged file, and on no unflagged file whose display name holds no '@'.
void TestIdentityIndicators::addressInNameAgreesWithPhishingManifest()
{
    CaseFixture &c = phish();
    int flagged = 0, agreed = 0, unflaggedFired = 0, unflaggedNoAt = 0;
    QStringList missed;
    for (const auto &[row, i] : manifestMessages()) {
        const ManifestRow &r = *row;
        const th::model::Message &m = c.store().message(i);
        const Finding *a2 = CaseFixture::strongest(c.analysis().messages[i], u"A2");
        if (r.flag(QStringLiteral("display_name_addr_spoof"))) {
            static const QRegularExpression realAddress(QStringLiteral("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"));
            if (m.from.address.isEmpty() || m.from.name.contains(QStringLiteral("phishing@pot")) || !realAddress.match(m.from.name).hasMatch())
                continue;
            ++flagged;
            if (a2) {
                ++agreed;
                QVERIFY2(a2->summary.contains(m.from.address, Qt::CaseInsensitive), qPrintable(a2->summary));
            } else {
                missed << r.file + u' ' + m.from.toString();
            }
        } else if (!m.from.name.contains(u'@')) {
            ++unflaggedNoAt;
            unflaggedFired += a2 ? 1 : 0;
        }
    }
    qInfo("A2 on phishing_pot files flagged display_name_addr_spoof: %d of %d; on %d unflagged names without '@': %d",
          agreed, flagged, unflaggedNoAt, unflaggedFired);
    for (const QString &s : std::as_const(missed))
        qInfo("A2 missed: %s", qPrintable(s));
    QVERIFY(flagged >= 6);
    QCOMPARE(agreed, flagged);
    QCOMPARE(unflaggedFired, 0);
}

// ---------------------------------------------------------------------------------------------------------
// A3: a look-alike of a domain of the conversation.

void TestIdentityIndicators::lookalikeInHijackDev()
{
    CaseFixture &c = dev();
    int total = 0, fired = 0, medium = 0, outOfScope = 0;
    QStringList missed;
    for (const Label &l : std::as_const(m_labels)) {
        if (!l.variant.startsWith(u"lookalike-"))
            continue;
        const int i = c.indexOf(l.id);
        const Finding *a3 = CaseFixture::strongest(c.analysis().messages[i], u"A3");
        if (a3)
            ++total;
        const QString real = DomainIdentity::registrable(l.spoofedAddress);
        const QString fake = DomainIdentity::registrable(l.attacker);
        // Spec A3: the candidate must be new ("never seen before, or seen < 3 days"). A look-alike that already wrote
        // to this case three days or more earlier (an earlier wave of the same campaign) is out of A3's scope.
        const QDateTime date = c.store().message(i).date;
        bool seenBefore = false;
        for (int j = 0; j < c.store().size() && !seenBefore; ++j) {
            const th::model::Message &o = c.store().message(j);
            seenBefore = j != i && DomainIdentity::registrable(o.from.address) == fake && o.date.isValid() && o.date.daysTo(date) >= 3;
        }
        if (!a3 && seenBefore) {
            ++total;
            ++outOfScope;
            qInfo("A3 not required (the domain wrote here 3+ days earlier): %s", qPrintable(l.attacker));
            continue;
        }
        if (!a3) {
            ++total;
            missed << l.variant + u' ' + l.attacker + QStringLiteral(" for ") + l.spoofedAddress + u' ' + describe(c.analysis().messages[i]);
            continue;
        }
        ++fired;
        const bool namesPair = a3->summary.contains(fake) && a3->summary.contains(real);
        QVERIFY2(namesPair, qPrintable(l.variant + u' ' + a3->summary));
        QVERIFY(headerEvidence(a3, u"From"));
        if (l.variant == u"lookalike-tld") {
            QVERIFY(a3->severity >= Severity::Weak); // see the report: the spec says M, the code makes other TLDs weak
        } else {
            // Spec A3: "M; S when combined with A1" - strong exactly when the participant's name is on it too.
            const Severity expected = CaseFixture::strongest(c.analysis().messages[i], u"A1") ? Severity::Strong : Severity::Medium;
            QVERIFY2(a3->severity == expected, qPrintable(l.variant + u' ' + CaseFixture::severityName(a3) + u' ' + a3->summary));
            ++medium;
        }
    }
    qInfo("A3 on hijack-dev look-alike senders: %d of %d fired (%d medium, or strong with A1, outside the other-TLD variant)", fired, total, medium);
    for (const QString &s : std::as_const(missed))
        qInfo("A3 missed: %s", qPrintable(s));
    QCOMPARE(total, 15);
    QVERIFY(outOfScope <= 2);
    QCOMPARE(fired + outOfScope, total);
}

void TestIdentityIndicators::lookalikeDerived_data()
{
    QTest::addColumn<QByteArray>("base");
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QString>("known");  // empty: A3 must not fire
    QTest::addColumn<QString>("shown");  // the look-alike as the summary must show it (U-label)
    QTest::addColumn<int>("severity"); // at least
    QTest::addColumn<QStringList>("sister");
    const int medium = int(Severity::Medium);
    const QByteArray k(KevinReply), a(AlexReply);
    QTest::newRow("DL-1 transposition intel->intle") << k << QByteArray("\"Tian, Kevin\" <kevin.tian@intle.com>") << "intel.com" << "intle.com" << medium << QStringList();
    QTest::newRow("DL-1 substitution redhat->redhot") << a << QByteArray("Alex Williamson <alex.williamson@redhot.com>") << "redhat.com" << "redhot.com" << medium << QStringList();
    QTest::newRow("IDN homoglyph Cyrillic e in redhat") << a << QByteArray("Alex Williamson <alex.williamson@xn--rdhat-zwe.com>") << "redhat.com"
                                                      << QString::fromUtf8("r\xd0\xb5" "dhat.com") << medium << QStringList();
    QTest::newRow("IDN homoglyph Cyrillic e in intel") << k << QByteArray("\"Tian, Kevin\" <kevin.tian@xn--intl-x4d.com>") << "intel.com"
                                                     << QString::fromUtf8("int\xd0\xb5l.com") << medium << QStringList();
    QTest::newRow("digit for letter redhat->redh4t") << a << QByteArray("Alex Williamson <alex.williamson@redh4t.com>") << "redhat.com" << "redh4t.com" << medium << QStringList();
    QTest::newRow("hyphen") << a << QByteArray("Alex Williamson <alex.williamson@red-hat.com>") << "redhat.com" << "red-hat.com" << medium << QStringList();
    QTest::newRow("plural") << k << QByteArray("\"Tian, Kevin\" <kevin.tian@intels.com>") << "intel.com" << "intels.com" << medium << QStringList();
    QTest::newRow("other TLD") << k << QByteArray("\"Tian, Kevin\" <kevin.tian@intel.net>") << "intel.com" << "intel.net" << int(Severity::Weak) << QStringList();
    QTest::newRow("real domain") << k << QByteArray("\"Tian, Kevin\" <kevin.tian@intel.com>") << "" << "" << 0 << QStringList();
    QTest::newRow("unrelated domain") << k << QByteArray("\"Tian, Kevin\" <kevin.tian@ordalex.com>") << "" << "" << 0 << QStringList();
    QTest::newRow("configured sister domain") << k << QByteArray("\"Tian, Kevin\" <kevin.tian@intle.com>") << "" << "" << 0 << QStringList{"intle.com"};
}

// A real reply of reference thread 2 (IBM, Red Hat, Intel) re-sent from a cousin domain of its author.
void TestIdentityIndicators::lookalikeDerived()
{
    QFETCH(QByteArray, base);
    QFETCH(QByteArray, from);
    QFETCH(QString, known);
    QFETCH(QString, shown);
    QFETCH(int, severity);
    QFETCH(QStringList, sister);
    QByteArray raw = CaseFixture::withHeader(s390(QString::fromLatin1(base)), "From", from);
    raw = CaseFixture::withHeader(raw, "Message-ID", "<derived-a3@example.invalid>");
    raw = CaseFixture::withHeader(raw, "Date", "Wed, 1 Mar 2023 10:00:00 +0000");
    CaseSettings settings;
    settings.sisterDomains = sister;
    const auto c = derivedCase(s390Thread(QString::fromLatin1(VfioRoot)), {raw}, settings);
    const QString id = QStringLiteral("derived-a3@example.invalid");
    const Finding *a3 = c->finding(id, QStringLiteral("A3"));
    if (known.isEmpty()) {
        QVERIFY2(!a3, qPrintable(describe(c->result(id))));
        return;
    }
    QVERIFY2(a3, qPrintable(describe(c->result(id))));
    QVERIFY2(int(a3->severity) >= severity, qPrintable(CaseFixture::severityName(a3) + u' ' + a3->summary)); // other TLD: see the report
    QVERIFY2(a3->summary.contains(known) && a3->summary.contains(shown), qPrintable(a3->summary));
    const Evidence *e = headerEvidence(a3, u"From");
    QVERIFY(e);
    // Spec: S when combined with A1 - the display name is the author's, so A1 fires strong too.
    const Finding *a1 = c->finding(id, QStringLiteral("A1"));
    QVERIFY2(a1 && a1->severity == Severity::Strong, qPrintable(describe(c->result(id))));
}

// A phishing spray under Kevin Tian's name: his real reply, then 150 copies from 150 made-up mailboxes. The
// name is judged against the addresses it was used with most (his own first), each question reading at most
// IdentityBook::MaxAddresses of them; an address beyond those is still known when asked for itself. Every
// sprayed copy after the first is an A1 spoof of him.
void TestIdentityIndicators::sprayedNameKeepsThePersonsAddresses()
{
    constexpr int Spray = 150;
    QList<QByteArray> extra;
    for (int i = 0; i < Spray; ++i) {
        QByteArray raw = CaseFixture::withHeader(kevin("spray-" + QByteArray::number(i) + "@ordalex.com"), "From",
                                                 "Kevin Tian <kt" + QByteArray::number(i) + "@spray" + QByteArray::number(i) + ".example>");
        extra << CaseFixture::withHeader(raw, "Date", "Tue, 7 Mar 2023 " + QByteArray::number(10 + i / 50) + ':' + QByteArray::number(10 + i % 50) + ":00 +0000");
    }
    const auto c = derivedCase(s390Thread(QString::fromLatin1(VfioRoot)), extra);
    const IdentityBook book(c->store().messages());
    const QList<IdentityBook::Usage> usages = book.addressesOf(QStringLiteral("Kevin Tian"), {}, -1);
    QCOMPARE(usages.size(), qsizetype(IdentityBook::MaxAddresses));
    QCOMPARE(usages.first().address, QStringLiteral("kevin.tian@intel.com"));
    QCOMPARE(book.usageOf(QStringLiteral("Kevin Tian"), QStringLiteral("KT149@spray149.example"), {}, -1).messages, 1);
    QCOMPARE(book.usageOf(QStringLiteral("Kevin Tian"), QStringLiteral("kt149@spray149.example"), {}, c->indexOf(QStringLiteral("spray-149@ordalex.com"))).messages, 0);
    for (int i = 1; i < Spray; ++i) {
        const QString id = QStringLiteral("spray-%1@ordalex.com").arg(i);
        const Finding *a1 = c->finding(id, QStringLiteral("A1"));
        QVERIFY2(a1 && a1->summary.contains(QStringLiteral("kevin.tian@intel.com")), qPrintable(id + u' ' + describe(c->result(id))));
    }
}

// The vfio thread's quotes, linked again after the author of the first linked quote "sent" 150 other real s390
// messages within hours of the quoted one. QuoteLinker reads only the author's messages nearest the quoted date
// (QuoteLinker::MaxAuthorCandidates): every quote must still link to the message it linked to before.
void TestIdentityIndicators::authorFloodKeepsQuoteLinks()
{
    const QStringList thread = s390Thread(QString::fromLatin1(VfioRoot));
    const auto before = derivedCase(thread, {});
    const auto linksOf = [&thread](const CaseFixture &c) {
        QStringList out;
        for (const QString &id : thread) {
            for (const QuoteLink &l : c.result(id).history)
                out << id + QStringLiteral(" -> ") + (l.isValid() ? c.store().message(l.message).messageId : QStringLiteral("none"));
        }
        return out;
    };
    const QStringList linked = linksOf(*before);
    const auto quoted = std::find_if(linked.cbegin(), linked.cend(), [](const QString &l) { return !l.endsWith(QStringLiteral("none")); });
    QVERIFY(quoted != linked.cend());
    const th::model::Message &original = before->store().message(before->indexOf(quoted->section(QStringLiteral(" -> "), 1)));
    QList<QByteArray> flood;
    QStringList others = m_s390.keys();
    others.sort(); // the same flood in every run
    for (const QString &id : std::as_const(others)) {
        if (thread.contains(id) || flood.size() == 150)
            continue;
        QByteArray raw = CaseFixture::withoutHeader(CaseFixture::withoutHeader(m_s390.value(id), "In-Reply-To"), "References");
        raw = CaseFixture::withHeader(raw, "From", original.from.toString().toUtf8());
        flood << CaseFixture::withHeader(raw, "Date", CaseFixture::rfcDate(original.date.addSecs(60 * (flood.size() - 75))));
    }
    const auto after = derivedCase(thread, flood);
    QCOMPARE(linksOf(*after), linked);
}

QTEST_GUILESS_MAIN(TestIdentityIndicators)
#include "tst_identityindicators.moc"
