// The sender-identity indicators A6-A10 (detection-spec section 5 "A. Sender / authentication") on real mail:
// authentication results of trusted servers, the sender's own history (Message-ID domain, mail client,
// transport), scrambled local parts; and the benign reference threads and list traffic on which every
// identity indicator (A1-A10) must stay quiet. tst_identityindicators has A1-A5.
#include "identitycorpus.h"

#include "analysis/domainidentity.h"

#include <QRegularExpression>
#include <QTest>

using namespace th::analysis;
using namespace identity;
using Severity = Finding::Severity;

Q_DECLARE_METATYPE(Finding::Severity)

class TestOriginIndicators : public QObject, protected IdentityCorpus
{
    Q_OBJECT

private slots:
    void initTestCase() { load(); }

    // A6
    void authenticationTrust_data();
    void authenticationTrust();
    void authenticationInHijackDev();
    void authenticationOnlyTrustedInPhishingPot();
    // A7, A8, A9
    void messageIdDomainDerived_data();
    void messageIdDomainDerived();
    void clientChangeDerived_data();
    void clientChangeDerived();
    void transportDerived_data();
    void transportDerived();
    void victimHijacksInHijackDev();
    // A10
    void scrambledSenderInHijackDev();
    void scrambledSenderDerived_data();
    void scrambledSenderDerived();
    // benign
    void referenceThreadsStayQuiet_data();
    void referenceThreadsStayQuiet();
    void listRewritingIsNotSpoofing();
    void benignTrafficStaysQuiet();
};

// ---------------------------------------------------------------------------------------------------------
// A6: authentication results of a trusted receiving server.

void TestOriginIndicators::authenticationTrust_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QList<QByteArray>>("top");    // fields written above everything (by the receiving MX)
    QTest::addColumn<QByteArray>("bottom");        // a field the sender wrote into its own header block
    QTest::addColumn<QStringList>("trusted");
    QTest::addColumn<int>("expected");             // -1: no A6
    QTest::addColumn<QString>("mentions");

    const QByteArray kevinFrom("\"Tian, Kevin\" <kevin.tian@intel.com>");
    const QByteArray dmarcFail("Authentication-Results: mx01.ibm.com; spf=fail smtp.mailfrom=intel.com; dkim=none; dmarc=fail (p=REJECT) header.from=intel.com");
    const QByteArray spfFail("Authentication-Results: mx01.ibm.com; spf=fail smtp.mailfrom=intel.com; dkim=none; dmarc=none header.from=intel.com");
    const QByteArray spfFailDkimPass("Authentication-Results: mx01.ibm.com; spf=softfail smtp.mailfrom=intel.com; dkim=pass header.d=intel.com; dmarc=none header.from=intel.com");
    const QByteArray pass("Authentication-Results: mx01.ibm.com; spf=pass smtp.mailfrom=intel.com; dkim=pass header.d=intel.com; dmarc=pass header.from=intel.com");
    const QByteArray microsoftFail("Authentication-Results: spf=fail (sender IP is 192.0.2.1) smtp.mailfrom=intel.com; dkim=none (message not signed) header.d=none;dmarc=fail action=none header.from=intel.com;compauth=fail reason=000");
    const QStringList ibm{"mx01.ibm.com"};
    const int strong = int(Severity::Strong), medium = int(Severity::Medium);

    // Exact-domain spoofing of a participant domain, reported by the organisation's own MX.
    QTest::newRow("dmarc=fail, trusted") << kevinFrom << QList<QByteArray>{dmarcFail} << QByteArray() << ibm << strong << "dmarc=fail";
    QTest::newRow("spf=fail, no DKIM") << kevinFrom << QList<QByteArray>{spfFail} << QByteArray() << ibm << medium << "spf=fail";
    QTest::newRow("spf=softfail but DKIM pass") << kevinFrom << QList<QByteArray>{spfFailDkimPass} << QByteArray() << ibm << -1 << "";
    QTest::newRow("pass") << kevinFrom << QList<QByteArray>{pass} << QByteArray() << ibm << -1 << "";
    // Only configured authserv-ids are believed.
    QTest::newRow("dmarc=fail, nothing trusted") << kevinFrom << QList<QByteArray>{dmarcFail} << QByteArray() << QStringList() << -1 << "";
    QTest::newRow("dmarc=fail, other server trusted") << kevinFrom << QList<QByteArray>{dmarcFail} << QByteArray() << QStringList{"mx.example.org"} << -1 << "";
    QTest::newRow("dmarc=fail, look-alike of the trusted id") << kevinFrom << QList<QByteArray>{dmarcFail} << QByteArray() << QStringList{"x01.ibm.com"} << -1 << "";
    // A field below the first untrusted hop was written by whoever sent the message (RFC 8601 section 7).
    QTest::newRow("forged dmarc=fail in the sender's header") << kevinFrom << QList<QByteArray>{} << dmarcFail << ibm << -1 << "";
    QTest::newRow("forged pass in the sender's header, trusted fail on top") << kevinFrom << QList<QByteArray>{dmarcFail} << pass << ibm << strong << "dmarc=fail";
    // Microsoft 365's form without authserv-id: tolerated, attributable to nobody, so not evidence...
    QTest::newRow("Microsoft form alone") << kevinFrom << QList<QByteArray>{microsoftFail} << QByteArray() << QStringList{"mx01.ibm.com", "outlook.com", "protection.outlook.com"} << -1 << "";
    // ...and it does not hide a trusted field next to it.
    QTest::newRow("Microsoft form above a trusted fail") << kevinFrom << QList<QByteArray>{microsoftFail, dmarcFail} << QByteArray() << ibm << strong << "dmarc=fail";
    QTest::newRow("trusted fail above the Microsoft form") << kevinFrom << QList<QByteArray>{dmarcFail, microsoftFail} << QByteArray() << ibm << strong << "dmarc=fail";
    // An unrelated domain failing DMARC is medium; spec A6 rule: dmarc=none for a participant domain plus A1 is M.
    QTest::newRow("dmarc=fail for an unrelated domain")
        << QByteArray("\"Tian, Kevin\" <k.tnavien@ordalex.com>")
        << QList<QByteArray>{"Authentication-Results: mx01.ibm.com; spf=fail smtp.mailfrom=ordalex.com; dkim=none; dmarc=fail header.from=ordalex.com"}
        << QByteArray() << ibm << medium << "dmarc=fail";
    QTest::newRow("dmarc=none for a participant domain plus A1")
        << QByteArray("\"Tian, Kevin\" <ktian@redhat.com>")
        << QList<QByteArray>{"Authentication-Results: mx01.ibm.com; spf=none smtp.mailfrom=redhat.com; dkim=none; dmarc=none header.from=redhat.com"}
        << QByteArray() << ibm << medium << "dmarc=none";
    QTest::newRow("dmarc=none for a participant domain, own address (no A1)")
        << kevinFrom << QList<QByteArray>{"Authentication-Results: mx01.ibm.com; spf=none smtp.mailfrom=intel.com; dkim=none; dmarc=none header.from=intel.com"}
        << QByteArray() << ibm << -1 << "";
}

void TestOriginIndicators::authenticationTrust()
{
    QFETCH(QByteArray, from);
    QFETCH(QList<QByteArray>, top);
    QFETCH(QByteArray, bottom);
    QFETCH(QStringList, trusted);
    QFETCH(int, expected);
    QFETCH(QString, mentions);

    QByteArray raw = CaseFixture::withHeader(kevin("derived-a6@example.invalid"), "From", from);
    for (auto it = top.crbegin(); it != top.crend(); ++it)
        raw = withHeaderOnTop(raw, *it);
    if (!bottom.isEmpty())
        raw = withHeaderAtBottom(raw, bottom);
    CaseSettings settings;
    settings.organisationDomains = {QStringLiteral("ibm.com")};
    settings.trustedAuthservIds = trusted;
    const auto c = derivedCase(s390Thread(QString::fromLatin1(VfioRoot)), {raw}, settings);
    const QString id = QStringLiteral("derived-a6@example.invalid");
    const Finding *a6 = c->finding(id, QStringLiteral("A6"));
    if (expected < 0) {
        QVERIFY2(!a6, qPrintable(describe(c->result(id))));
        return;
    }
    QVERIFY2(a6, qPrintable(describe(c->result(id))));
    if (!a6)
        return;
    QCOMPARE(int(a6->severity), expected);
    const th::model::Message &m = c->store().message(c->indexOf(id));
    const QString domain = DomainIdentity::registrable(m.from.address);
    QVERIFY2(a6->summary.contains(QStringLiteral("mx01.ibm.com")) && a6->summary.contains(mentions) && a6->summary.contains(domain),
             qPrintable(a6->summary));
    const Evidence *e = headerEvidence(a6, u"Authentication-Results");
    QVERIFY2(e && e->value.startsWith(QStringLiteral("mx01.ibm.com")) && e->value.contains(mentions), e ? qPrintable(e->value) : "no evidence");
}

// hijack-dev: the organisation's MX wrote Authentication-Results on every directly delivered injection. The
// one external hijack that fails DMARC (for its own, unrelated domain) is medium; victim hijacks pass for the
// real domain and must not get A6; nothing is believed when no authserv-id is configured.
void TestOriginIndicators::authenticationInHijackDev()
{
    CaseFixture &c = dev();
    int dmarcFail = 0, fired = 0, softfail = 0;
    for (const Label &l : std::as_const(m_labels)) {
        if (l.label == u"clean")
            continue;
        const int i = c.indexOf(l.id);
        const Finding *a6 = CaseFixture::strongest(c.analysis().messages[i], u"A6");
        if (l.label == u"external-thread-hijack" && l.auth.contains(QStringLiteral("dmarc=fail"))) {
            ++dmarcFail;
            QVERIFY2(a6, qPrintable(l.id + u' ' + describe(c.analysis().messages[i])));
            QCOMPARE(CaseFixture::severityName(a6), QStringLiteral("medium"));
            QVERIFY2(a6->summary.contains(DomainIdentity::registrable(l.attacker)), qPrintable(a6->summary));
            ++fired;
        } else {
            softfail += l.auth.contains(QStringLiteral("softfail")) ? 1 : 0;
            // softfail/none for the attacker's own, unrelated domain is not a failure of a conversation domain
            QVERIFY2(!a6, qPrintable(l.id + u' ' + l.label + u' ' + describe(c.analysis().messages[i])));
        }
    }
    qInfo("A6 on hijack-dev: %d of %d external hijacks with dmarc=fail; none of the other %d injected messages (%d with spf=softfail)",
          fired, dmarcFail, 150 - dmarcFail, softfail);
    QCOMPARE(dmarcFail, 1);

    // The same injected message with nothing configured: no Authentication-Results can be believed.
    for (const Label &l : std::as_const(m_labels)) {
        if (!l.auth.contains(QStringLiteral("dmarc=fail")))
            continue;
        CaseSettings untrusted = m_devSettings;
        untrusted.trustedAuthservIds.clear();
        CaseFixture alone(untrusted);
        alone.addMessage(CaseFixture::rawMessage(QString::fromLatin1(DevMailbox), l.id));
        alone.analyse();
        QVERIFY(!alone.finding(l.id, QStringLiteral("A6")));
    }
}

// phishing_pot was received by Gmail (mx.google.com), ProtonMail and Microsoft 365 (no authserv-id). With
// Gmail trusted, A6 may fire only on files whose trusted field fails DMARC; Microsoft's fields
// (most of the auth_fail column) are tolerated but never believed.
void TestOriginIndicators::authenticationOnlyTrustedInPhishingPot()
{
    CaseSettings settings;
    settings.trustedAuthservIds = {QStringLiteral("mx.google.com")};
    CaseFixture c(settings);
    c.addCorpus(QStringLiteral("phishing_pot/eml"));
    c.analyse();
    CaseFixture &untrusted = phish();
    QCOMPARE(untrusted.store().size(), c.store().size());
    int fired = 0, microsoftOnlyFail = 0, googleDmarcFail = 0;
    for (int i = 0; i < c.store().size(); ++i) {
        const th::model::Message &m = c.store().message(i);
        const QStringList ars = m.headerValues(u"Authentication-Results");
        bool googleFail = false, microsoftFail = false, named = false;
        for (const QString &ar : ars) {
            const QString v = ar.simplified();
            if (v.startsWith(u"mx.google.com;")) {
                named = true;
                googleFail |= v.contains(QStringLiteral("dmarc=fail"));
            } else if (v.startsWith(u"spf=") || v.startsWith(u"dkim=")) {
                microsoftFail |= v.contains(QStringLiteral("dmarc=fail")) || v.contains(QStringLiteral("spf=fail"));
            }
        }
        const Finding *a6 = CaseFixture::strongest(c.analysis().messages[i], u"A6");
        QCOMPARE(untrusted.store().message(i).messageId, m.messageId);
        QVERIFY2(!CaseFixture::strongest(untrusted.analysis().messages[i], u"A6"), "A6 without any trusted authserv-id");
        googleDmarcFail += googleFail ? 1 : 0;
        if (microsoftFail && !named) {
            ++microsoftOnlyFail;
            QVERIFY2(!a6, qPrintable(m.messageId + u' ' + describe(c.analysis().messages[i])));
        }
        if (a6) {
            ++fired;
            QVERIFY2(googleFail, qPrintable(m.messageId + u' ' + a6->summary));
            QVERIFY(a6->summary.contains(QStringLiteral("mx.google.com")));
            QVERIFY2(a6->summary.contains(DomainIdentity::registrable(m.from.address)), qPrintable(a6->summary));
        }
    }
    qInfo("A6 on phishing_pot with Gmail/ProtonMail trusted: %d fired, %d files with a trusted dmarc=fail; "
          "%d files failing only in Microsoft's unattributed fields, none fired",
          fired, googleDmarcFail, microsoftOnlyFail);
    QVERIFY(microsoftOnlyFail >= 30);
    QVERIFY(googleDmarcFail >= 1);
    QCOMPARE(fired, googleDmarcFail);
}

// ---------------------------------------------------------------------------------------------------------
// A7, A8, A9: against the sender's own history (Kevin Tian: over a hundred real Exchange Online posts).

void TestOriginIndicators::messageIdDomainDerived_data()
{
    QTest::addColumn<QByteArray>("messageId");
    QTest::addColumn<bool>("fires");
    QTest::addColumn<QString>("host");
    QTest::newRow("gmail-made id") << QByteArray("CAHk-derivedA7xQ3eJ1Z8mW0pR5tY2uI4oP6aS8dF0gH2jK4lZ6x@mail.gmail.com") << true << "gmail.com";
    QTest::newRow("attacker host") << QByteArray("1e7c275908ea58d4294b07347b40dd46@mail.ordalex.com") << true << "ordalex.com";
    QTest::newRow("same Exchange Online shape") << QByteArray("BN9PR11MB5276DE0A7DE0A7DE0A7DE0A7@BN9PR11MB5276.namprd11.prod.outlook.com") << false << "";
    QTest::newRow("under the From organisation") << QByteArray("1e7c275908ea58d4294b07347b40dd46@smtp.intel.com") << false << "";
}

void TestOriginIndicators::messageIdDomainDerived()
{
    QFETCH(QByteArray, messageId);
    QFETCH(bool, fires);
    QFETCH(QString, host);
    const QString kevinAddr = QStringLiteral("kevin.tian@intel.com");
    const QStringList history = s390From(kevinAddr);
    QVERIFY(history.size() > 100);
    const auto c = derivedCase(history, {kevin(messageId)});
    const QString id = QString::fromLatin1(messageId);
    const Finding *a7 = c->finding(id, QStringLiteral("A7"));
    if (!fires) {
        QVERIFY2(!a7, qPrintable(describe(c->result(id))));
        return;
    }
    QVERIFY2(a7, qPrintable(describe(c->result(id))));
    QCOMPARE(CaseFixture::severityName(a7), QStringLiteral("weak"));
    QVERIFY2(a7->summary.contains(host) && a7->summary.contains(kevinAddr), qPrintable(a7->summary));
    const Evidence *e = headerEvidence(a7, u"Message-ID");
    QVERIFY(e && e->value == id);
}

void TestOriginIndicators::clientChangeDerived_data()
{
    QTest::addColumn<QByteArray>("messageId");
    QTest::addColumn<QByteArray>("mailer");
    QTest::addColumn<bool>("fires");
    const QByteArray exchangeId("BN9PR11MB5276DE0A8DE0A8DE0A8DE0A8@BN9PR11MB5276.namprd11.prod.outlook.com");
    QTest::newRow("Roundcube and its Message-ID") << QByteArray("1e7c275908ea58d4294b07347b40dd46@webmail.intel.com") << QByteArray("Roundcube Webmail/1.6.0") << true;
    QTest::newRow("Outlook 15 desktop and its Message-ID") << QByteArray("4bcbb451d932$d4ea2c06$890b2f27@intel.com") << QByteArray("Microsoft Outlook 15.0") << true;
    QTest::newRow("only a new mailer header") << exchangeId << QByteArray("Microsoft Outlook 16.0") << false;
    QTest::newRow("unchanged") << exchangeId << QByteArray() << false;
}

// A8: a thief writing from the real account with another program changes mailer and Message-ID together.
void TestOriginIndicators::clientChangeDerived()
{
    QFETCH(QByteArray, messageId);
    QFETCH(QByteArray, mailer);
    QFETCH(bool, fires);
    QByteArray raw = kevin(messageId);
    if (!mailer.isEmpty())
        raw = CaseFixture::withHeader(raw, mailer.startsWith("Roundcube") ? QByteArray("User-Agent") : QByteArray("X-Mailer"), mailer);
    const auto c = derivedCase(s390From(QStringLiteral("kevin.tian@intel.com")), {raw});
    const QString id = QString::fromLatin1(messageId);
    const Finding *a8 = c->finding(id, QStringLiteral("A8"));
    if (!fires) {
        QVERIFY2(!a8, qPrintable(describe(c->result(id))));
        return;
    }
    QVERIFY2(a8, qPrintable(describe(c->result(id))));
    // Mailer and Message-ID: two of four traits, as a phone beside a desktop changes; medium needs a third.
    QCOMPARE(CaseFixture::severityName(a8), QStringLiteral("weak"));
    // Spec A8: "Show which traits changed".
    QVERIFY2(a8->summary.contains(QStringLiteral("mailer=")) && a8->summary.contains(QStringLiteral("message-id=")), qPrintable(a8->summary));
    QVERIFY2(a8->summary.contains(QStringLiteral("kevin.tian@intel.com")), qPrintable(a8->summary));
    QVERIFY(!a8->evidence.isEmpty());
}

void TestOriginIndicators::transportDerived_data()
{
    QTest::addColumn<QByteArray>("topReceivedDate"); // replaces the date of the topmost Received field
    QTest::addColumn<QByteArray>("submission");      // a Received field added at the bottom (the client's submission)
    QTest::addColumn<QString>("expect");             // a word of the summary, or empty: no A9
    QTest::newRow("unchanged") << QByteArray() << QByteArray() << "";
    QTest::newRow("top hop two days earlier") << QByteArray("Tue, 31 Jan 2023 05:07:44 +0100") << QByteArray() << "out of order";
    QTest::newRow("top hop three days later") << QByteArray("Sun, 5 Feb 2023 05:07:44 +0100") << QByteArray() << "out of order";
    QTest::newRow("submitted from a new network")
        << QByteArray()
        << QByteArray("Received: from [192.0.2.154] (unknown [192.0.2.154]) (Authenticated sender: kevin.tian@intel.com) by smtp.intel.com with ESMTPSA id 10061D8B1D2A; Thu, 2 Feb 2023 04:07:20 +0000")
        << "192.0.2.154";
}

// A9 on Kevin Tian's real reply: hops out of order or a day apart, or a submission address never used before.
void TestOriginIndicators::transportDerived()
{
    QFETCH(QByteArray, topReceivedDate);
    QFETCH(QByteArray, submission);
    QFETCH(QString, expect);
    const QByteArray idBytes("BN9PR11MB5276DE0A9DE0A9DE0A9DE0A9@BN9PR11MB5276.namprd11.prod.outlook.com");
    QByteArray raw = kevin(idBytes);
    if (!topReceivedDate.isEmpty()) {
        const QByteArray old("Thu,  2 Feb 2023 05:07:44 +0100 (CET)");
        QVERIFY(raw.contains(old));
        raw.replace(old, topReceivedDate);
    }
    if (!submission.isEmpty()) {
        // Below the real chain: the first hop a message makes.
        const qsizetype from = raw.indexOf("\nFrom: ");
        raw = raw.left(from + 1) + submission + raw.mid(from);
    }
    const auto c = derivedCase(s390From(QStringLiteral("kevin.tian@intel.com")), {raw});
    const QString id = QString::fromLatin1(idBytes);
    const Finding *a9 = c->finding(id, QStringLiteral("A9"));
    if (expect.isEmpty()) {
        QVERIFY2(!a9, qPrintable(describe(c->result(id))));
        return;
    }
    QVERIFY2(a9, qPrintable(describe(c->result(id))));
    QCOMPARE(CaseFixture::severityName(a9), QStringLiteral("weak"));
    QVERIFY2(a9->summary.contains(expect), qPrintable(a9->summary));
    QVERIFY(headerEvidence(a9, u"Received"));
}

// hijack-dev victim hijacks: the real account, another client, an ESMTPSA submission from an address the
// sender never used. A8 must fire on most of those whose sender has history, A9 likewise; the benign revivals
// (same client style) must not get A8.
void TestOriginIndicators::victimHijacksInHijackDev()
{
    CaseFixture &c = dev();
    int victims = 0, a7 = 0, a8 = 0, a9 = 0, revivals = 0, revivalA8 = 0, revivalA7 = 0;
    for (const Label &l : std::as_const(m_labels)) {
        const int i = c.indexOf(l.id);
        if (i < 0)
            continue;
        const MessageAnalysis &a = c.analysis().messages[i];
        if (l.label == u"victim-thread-hijack") {
            ++victims;
            for (QStringView id : {u"A1", u"A2", u"A3", u"A10"})
                QVERIFY2(!CaseFixture::strongest(a, id), qPrintable(l.id + u' ' + describe(a))); // the real address
            if (const Finding *f = CaseFixture::strongest(a, u"A8")) {
                ++a8;
                // medium from ClientChange::FirmHistory earlier messages on (spec A8: at least five), weak below
                const bool firm = f->summary.contains(QRegularExpression(QStringLiteral("^[34] of 4 .* in the ([5-9]|\\d\\d+) earlier messages")));
                QCOMPARE(CaseFixture::severityName(f), firm ? QStringLiteral("medium") : QStringLiteral("weak"));
                QVERIFY(f->summary.contains(c.store().message(i).from.address, Qt::CaseInsensitive));
            }
            if (const Finding *f = CaseFixture::strongest(a, u"A9")) {
                ++a9;
                QVERIFY(f->severity == Severity::Weak);
            }
            a7 += CaseFixture::strongest(a, u"A7") ? 1 : 0;
        } else if (l.label == u"benign-revival" || l.label == u"benign-forward") {
            ++revivals;
            for (QStringView id : {u"A1", u"A2", u"A3", u"A4", u"A6", u"A10"})
                QVERIFY2(!CaseFixture::strongest(a, id), qPrintable(l.id + u' ' + l.label + u' ' + describe(a)));
            if (CaseFixture::strongest(a, u"A8")) {
                ++revivalA8;
                qInfo("A8 on a benign %s: %s", qPrintable(l.label), qPrintable(describe(a)));
            }
            revivalA7 += CaseFixture::strongest(a, u"A7") ? 1 : 0;
        }
    }
    qInfo("hijack-dev victim hijacks: A7 %d, A8 %d, A9 %d of %d; benign revivals/forwards: A8 %d, A7 %d of %d",
          a7, a8, a9, victims, revivalA8, revivalA7, revivals);
    QCOMPARE(victims, 30);
    QVERIFY2(a8 * 2 >= victims, "A8 on fewer than half of the victim hijacks");
    QVERIFY2(a9 * 2 >= victims, "A9 on fewer than half of the victim hijacks");
    QCOMPARE(revivalA8, 0);
    QCOMPARE(revivalA7, 0);
}

// ---------------------------------------------------------------------------------------------------------
// A10: a random letter string as local part.

void TestOriginIndicators::scrambledSenderInHijackDev()
{
    CaseFixture &c = dev();
    int scrambled = 0, fired = 0, anagramMissed = 0;
    for (const Label &l : std::as_const(m_labels)) {
        if (l.variant != u"scrambled-unrelated")
            continue;
        ++scrambled;
        const int i = c.indexOf(l.id);
        const Finding *a10 = CaseFixture::strongest(c.analysis().messages[i], u"A10");
        if (!a10) {
            // Spec A10's anagram hypothesis: letter multiset overlap >= 0.7 with the display name.
            const th::model::MailAddress &from = c.store().message(i).from;
            QString letters = from.address.section(u'@', 0, 0).toLower(), name = from.name.toLower();
            letters.removeIf([](QChar ch) { return !ch.isLetter(); });
            name.removeIf([](QChar ch) { return !ch.isLetter(); });
            int shared = 0;
            for (const QChar ch : std::as_const(letters)) {
                if (const qsizetype at = name.indexOf(ch); at >= 0) {
                    name.remove(at, 1);
                    ++shared;
                }
            }
            const bool anagram = letters.size() >= 8 && shared * 10 >= letters.size() * 7;
            anagramMissed += anagram ? 1 : 0;
            qInfo("A10 missed: %s%s", qPrintable(from.toString()), anagram ? " (an anagram of the name)" : "");
            continue;
        }
        ++fired;
        // Spec A10: W alone ("random-looking corporate IDs, so combine with A1"); behind a participant's name
        // (A1 on the same message) the engine combines them to medium.
        QCOMPARE(CaseFixture::severityName(a10), CaseFixture::strongest(c.analysis().messages[i], u"A1") ? QStringLiteral("medium") : QStringLiteral("weak"));
        const QString local = l.attacker.section(u'@', 0, 0);
        QVERIFY2(a10->summary.contains(local, Qt::CaseInsensitive) && a10->summary.contains(c.store().message(i).from.name), qPrintable(a10->summary));
        QVERIFY(headerEvidence(a10, u"From"));
    }
    qInfo("A10 on hijack-dev 'scrambled-unrelated' senders: %d of %d", fired, scrambled);
    QCOMPARE(scrambled, 35);
    QVERIFY2(anagramMissed <= 1, "A10 misses anagrams of the display name");
    QVERIFY2(fired * 100 >= scrambled * 70, "A10 below 26 of 35"); // before anagrams counted on their own: 15 of 35
    if (fired * 100 < scrambled * 80)
        QEXPECT_FAIL("", "engine: the other misses pad the name's letters with others ('f.ngueoaweee' for Wen Gu): no anagram, "
                         "and the letter model reads them as name-like", Continue);
    QVERIFY2(fired * 100 >= scrambled * 80, "A10 on fewer than 80 % of the scrambled senders");
}

void TestOriginIndicators::scrambledSenderDerived_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<bool>("fires");
    QTest::newRow("Qakbot n.csilcrnvooeo") << QByteArray("\"Tian, Kevin\" <n.csilcrnvooeo@ordalex.com>") << true;
    QTest::newRow("Qakbot irehicdeyehn") << QByteArray("\"Tian, Kevin\" <irehicdeyehn@ordalex.com>") << true;
    QTest::newRow("Qakbot telrergnbieb") << QByteArray("\"Tian, Kevin\" <telrergnbieb@ordalex.com>") << true;
    // hijack-dev's shuffle of the name holds "lose" by chance: the anagram, not the word, decides
    QTest::newRow("anagram of the name holding a word") << QByteArray("Alex Williamson <c.mleloseioxa@ordalex.com>") << true;
    QTest::newRow("real local part") << QByteArray("\"Tian, Kevin\" <kevin.tian@ordalex.com>") << false;
    QTest::newRow("initial and surname") << QByteArray("\"Tian, Kevin\" <ktian@ordalex.com>") << false;
    QTest::newRow("employee number") << QByteArray("\"Tian, Kevin\" <u1234567@ordalex.com>") << false;
    QTest::newRow("role address") << QByteArray("\"Tian, Kevin\" <administrator@ordalex.com>") << false;
}

void TestOriginIndicators::scrambledSenderDerived()
{
    QFETCH(QByteArray, from);
    QFETCH(bool, fires);
    const QByteArray raw = CaseFixture::withHeader(kevin("derived-a10@ordalex.com"), "From", from);
    CaseFixture c;
    c.addMessage(raw);
    c.analyse();
    const QString id = QStringLiteral("derived-a10@ordalex.com");
    const Finding *a10 = c.finding(id, QStringLiteral("A10"));
    if (!fires) {
        QVERIFY2(!a10, qPrintable(describe(c.result(id))));
        return;
    }
    QVERIFY2(a10, qPrintable(describe(c.result(id))));
    QCOMPARE(CaseFixture::severityName(a10), QStringLiteral("weak"));
    const QString local = addressIn(QString::fromLatin1(from)).section(u'@', 0, 0);
    QVERIFY2(a10->summary.contains(local) && a10->summary.contains(QString::fromLatin1(from).section(u'<', 0, 0).remove(u'"').trimmed()), qPrintable(a10->summary));
}

// ---------------------------------------------------------------------------------------------------------
// Benign: the five reference threads, list From rewriting, list traffic.

void TestOriginIndicators::referenceThreadsStayQuiet_data()
{
    CaseFixture::referenceThreadRows();
}

// No identity indicator above weak on any message of the benign reference threads, read in their full
// real context (the whole archive they come from); A1-A4, A6 and A10 not at all.
void TestOriginIndicators::referenceThreadsStayQuiet()
{
    QFETCH(QString, corpus);
    QFETCH(QString, root);
    QFETCH(int, size);
    std::unique_ptr<CaseFixture> own;
    CaseFixture *c = nullptr;
    if (corpus == QLatin1String(CaseFixture::Ksft)) {
        c = &ksft();
    } else if (corpus == QLatin1String(CaseFixture::S390) || corpus == QLatin1String(CaseFixture::Usrp)) {
        c = &dev(); // hijack-dev holds every real s390 and usrp-users message, unchanged
    } else {
        own = std::make_unique<CaseFixture>();
        own->addCorpus(corpus);
        own->analyse();
        c = own.get();
    }
    QStringList thread;
    for (const QString &id : c->threadOf(root)) {
        if (c != m_dev.get() || m_labelOf.value(id) == u"clean")
            thread << id;
    }
    QCOMPARE(thread.size(), size);
    QStringList fired;
    for (const QString &id : std::as_const(thread)) {
        const MessageAnalysis &a = c->result(id);
        for (const Finding &f : a.findings) {
            static const QRegularExpression identity(QStringLiteral("^A([1-9]|10)$"));
            if (!identity.match(f.id).hasMatch())
                continue;
            fired << id + u' ' + f.id + u':' + f.severityName() + u' ' + f.summary;
            static const QStringList never{"A1", "A2", "A3", "A4", "A6", "A10"};
            QVERIFY2(!never.contains(f.id), qPrintable(fired.last()));
            QVERIFY2(f.severity == Severity::Weak, qPrintable(fired.last()));
        }
    }
    for (const QString &s : std::as_const(fired))
        qInfo("weak on a reference thread: %s", qPrintable(s));
}

// usrp-users: Mailman rewrote From to "X via USRP-users <usrp-users@lists.ettus.com>" and put the author in
// Reply-To. That is not a spoofed participant (A1), not a Reply-To elsewhere (A4), not a look-alike (A3);
// and when the author has no display name Mailman writes "'address' via List", which is no A2 either.
void TestOriginIndicators::listRewritingIsNotSpoofing()
{
    CaseFixture &c = dev();
    int rewritten = 0;
    for (const Label &l : std::as_const(m_labels)) {
        if (l.label != u"clean")
            continue;
        const int i = c.indexOf(l.id);
        const th::model::Message &m = c.store().message(i);
        if (!m.from.name.contains(QStringLiteral(" via USRP-users")))
            continue;
        ++rewritten;
        for (QStringView id : {u"A1", u"A2", u"A3", u"A4", u"A5", u"A10"})
            QVERIFY2(!CaseFixture::strongest(c.analysis().messages[i], id), qPrintable(m.from.toString() + u' ' + describe(c.analysis().messages[i])));
    }
    qInfo("%d real 'via USRP-users' posts: no A1-A5 or A10", rewritten);
    QVERIFY(rewritten >= 50);

    // Derived: the same real post as Mailman writes it for an author without a display name.
    QByteArray raw = CaseFixture::rawMessage(QString::fromLatin1(CaseFixture::Usrp), QString::fromLatin1(ViaPost));
    QVERIFY(!raw.isEmpty());
    raw = CaseFixture::withHeader(raw, "From", "\"t_whit_87@yahoo.com via USRP-users\" <usrp-users@lists.ettus.com>");
    raw = CaseFixture::withHeader(raw, "Reply-To", "<t_whit_87@yahoo.com>");
    CaseFixture one;
    one.addMessage(raw);
    one.analyse();
    QVERIFY2(!one.finding(QString::fromLatin1(ViaPost), QStringLiteral("A2")), qPrintable(describe(one.result(QString::fromLatin1(ViaPost)))));
    QVERIFY(!one.finding(QString::fromLatin1(ViaPost), QStringLiteral("A4")));
}

// All real list traffic of hijack-dev (2,172 posts) and kselftest (1,243): the medium and strong identity
// indicators must stay off (the spec's FP notes: lists, two addresses, relays); the figures are printed.
void TestOriginIndicators::benignTrafficStaysQuiet()
{
    struct Count {
        int any = 0, aboveWeak = 0;
    };
    QMap<QString, Count> counts;
    QStringList aboveWeak;
    int total = 0;
    const auto scan = [&](CaseFixture &c, bool labelled) {
        for (int i = 0; i < c.store().size(); ++i) {
            const th::model::Message &m = c.store().message(i);
            if (labelled && m_labelOf.value(m.messageId) != u"clean")
                continue;
            ++total;
            for (const QString id : {"A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10"}) {
                const Finding *f = CaseFixture::strongest(c.analysis().messages[i], id);
                if (!f)
                    continue;
                ++counts[id].any;
                if (f->severity > Severity::Weak) {
                    ++counts[id].aboveWeak;
                    aboveWeak << m.messageId + u' ' + id + u':' + f->severityName() + u' ' + f->summary;
                }
            }
        }
    };
    scan(dev(), true);
    scan(ksft(), false);
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        qInfo("%s on %d of %d real list messages (%d above weak)", qPrintable(it.key()), it->any, total, it->aboveWeak);
    for (const QString &s : std::as_const(aboveWeak))
        qInfo("above weak: %s", qPrintable(s));
    QVERIFY(total > 3300);
    for (const QString id : {"A2", "A6", "A10"})
        QVERIFY2(counts.value(id).aboveWeak == 0, qPrintable(id));
    // A real person writing from a second address at an unrelated domain, or an organisation's second domain
    // (linux-foundation.org beside linuxfoundation.org), looks exactly like a spoof until the analyst says so
    // (the address book and the sister-domain setting are the fix); the bar for lists is 0.2 %. The
    // A4 ones are real spam to the lists (a free-mail Reply-To under a company From).
    for (const QString id : {"A1", "A3", "A4"})
        QVERIFY2(counts.value(id).aboveWeak * 1000 <= total * 2, qPrintable(id + QStringLiteral(" above weak on more than 0.2 % of real list messages")));
    // A8 medium needs five earlier messages and three of four traits changed; weak A8 (a phone beside a
    // desktop) is supporting evidence only, and may show on a few per cent of list traffic.
    QVERIFY2(counts.value(QStringLiteral("A8")).aboveWeak * 1000 <= total * 2, "A8 above weak on more than 0.2 % of real list messages");
    QVERIFY2(counts.value(QStringLiteral("A8")).any * 100 <= total * 3, "A8 on more than 3 % of real list messages");
}

QTEST_GUILESS_MAIN(TestOriginIndicators)
#include "tst_originindicators.moc"
