// The thread-structure indicators B5-B8 and B10 and the lure profile C1 (detection-spec section 5 "B. Thread
// structure" and "C. Content of the new segment") on real mail: recipients copied from the quoted history,
// the revival gap, Thread-Index, quoting-style changes, internal-only histories from outside and the short
// lure over a long stolen history; then the hard negatives of hijack-dev, list traffic and the benign
// reference threads on which every structure indicator must stay quiet. tst_structureindicators has B1-B4, B9.
#include "structurefixture.h"

#include <QTest>

using namespace th::analysis;
using namespace structure;
using Severity = Finding::Severity;

Q_DECLARE_METATYPE(Finding::Severity)

class TestHistoryIndicators : public QObject, protected StructureCorpus
{
    Q_OBJECT

private slots:
    void initTestCase() { load(); }

    // B5
    void replyToEveryQuotedAddress_data();
    void replyToEveryQuotedAddress();
    // B6
    void revivalGapInHijackDev();
    void revivalGapDerived_data();
    void revivalGapDerived();
    // B7
    void threadIndexDerived_data();
    void threadIndexDerived();
    void threadIndexQuietOnRealOutlook();
    // B8
    void quoteStyleChangeDerived();
    void quoteStyleQuietOnForwards();
    // B10
    void internalHistoryDerived_data();
    void internalHistoryDerived();
    void internalHistoryInHijackDev();
    // C1
    void lureProfileInHijackDev();
    void lureProfileDerived();
    // benign
    void hardNegativesStayQuiet();
    void listTrafficStaysQuiet();
    void referenceThreadsStayQuiet_data();
    void referenceThreadsStayQuiet();
};

// ---------------------------------------------------------------------------------------------------------
// B5: sent to exactly every address of the quoted history.

void TestHistoryIndicators::replyToEveryQuotedAddress_data()
{
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<bool>("fires");
    const QByteArray all("yi.l.liu@intel.com, kevin.tian@intel.com, alex.williamson@redhat.com, mjrosato@linux.ibm.com, jgg@nvidia.com");
    QTest::newRow("every quoted address") << all << true;
    QTest::newRow("one left out") << QByteArray("yi.l.liu@intel.com, kevin.tian@intel.com, alex.williamson@redhat.com, mjrosato@linux.ibm.com") << false;
    QTest::newRow("real recipients") << QByteArray() << false;
}

// Kevin Tian's reply with a full quoted header (the vfio participants in To/Cc), sent back to them all.
void TestHistoryIndicators::replyToEveryQuotedAddress()
{
    QFETCH(QByteArray, to);
    QFETCH(bool, fires);
    QByteArray raw = CaseFixture::withBodyReplaced(s390(QString::fromLatin1(KevinReply)), "\n> Sent: Thursday, February 2, 2023 11:47 AM\n",
                                                   "\n> Sent: Thursday, February 2, 2023 11:47 AM\n"
                                                   "> To: Tian, Kevin <kevin.tian@intel.com>; Alex Williamson <alex.williamson@redhat.com>\n"
                                                   "> Cc: Matthew Rosato <mjrosato@linux.ibm.com>; Jason Gunthorpe <jgg@nvidia.com>\n");
    QVERIFY(raw.contains("> Cc: Matthew Rosato"));
    if (!to.isEmpty())
        raw = CaseFixture::withoutHeader(CaseFixture::withHeader(raw, "To", to), "Cc");
    const QByteArray id("BN9PR11MB5276A5B5A5B5A5B5A5B5A5B58CD69@BN9PR11MB5276.namprd11.prod.outlook.com");
    const auto c = caseOf({asNew(raw, id)});
    const QString sid = QString::fromLatin1(id);
    const Finding *b5 = c->finding(sid, QStringLiteral("B5"));
    QVERIFY2(bool(b5) == fires, qPrintable(c->describe(sid)));
    if (!b5)
        return;
    QCOMPARE(CaseFixture::severityName(b5), QStringLiteral("weak"));
    const Evidence *e = evidenceOf(b5, Evidence::Kind::Header);
    QVERIFY(e && e->name == u"To" && e->value.contains(QStringLiteral("jgg@nvidia.com")));
}

// ---------------------------------------------------------------------------------------------------------
// B6: the gap from the newest referenced date.

// Benign revivals answer months later: B6 measures the labelled gap (from the newest real message of the
// thread); its severity follows the gap, and nothing makes it strong without identity or structure signals.
void TestHistoryIndicators::revivalGapInHijackDev()
{
    int revivals = 0, measured = 0;
    QStringList offGap;
    for (const Label &l : labelled([](const Label &l) { return l.label == u"benign-revival"; })) {
        ++revivals;
        const Finding *b6 = devFinding(l, QStringLiteral("B6"));
        QVERIFY2(b6 && l.gapDays > 0, qPrintable(devDescribe(l)));
        if (qAbs(b6->magnitude - l.gapDays) > 1.5) {
            offGap << QStringLiteral("%1: %2 days, labelled %3 (%4)").arg(l.id).arg(b6->magnitude).arg(l.gapDays).arg(b6->summary);
            continue;
        }
        QCOMPARE(b6->severity, l.gapDays > 181 ? Severity::Medium : l.gapDays < 179 ? Severity::Weak : b6->severity);
        QVERIFY2(b6->severity != Severity::Strong, qPrintable(devDescribe(l)));
        QVERIFY(evidenceOf(b6, Evidence::Kind::Header) && evidenceOf(b6, Evidence::Kind::Header)->name == u"Date");
        ++measured;
    }
    QCOMPARE(revivals, 25);
    for (const QString &s : std::as_const(offGap))
        qInfo("B6 gap differs from the label: %s", qPrintable(s));
    // A deep quote "On 11/03/23 18:51, Qais Yousef wrote:" (11 March 2023) can be read as 3 November 2023,
    // newer than the quotes above it: such a date must not become the newest.
    QCOMPARE(measured, revivals);
    // External hijacks come 120..900 days after the message they steal.
    const QList<Label> external = labelled([](const Label &l) { return l.label == u"external-thread-hijack"; });
    const auto aged = std::count_if(external.cbegin(), external.cend(), [this](const Label &l) { return devFinding(l, QStringLiteral("B6")); });
    qInfo("B6 on %d of %d external hijacks", int(aged), int(external.size()));
    QVERIFY2(aged * 100 >= external.size() * 90, "B6 on fewer than 90 % of the external hijacks");
}

void TestHistoryIndicators::revivalGapDerived_data()
{
    QTest::addColumn<int>("days"); // after the parent's Date
    QTest::addColumn<QString>("severity");
    QTest::newRow("10 days") << 10 << "none";
    QTest::newRow("100 days") << 100 << "weak";
    QTest::newRow("250 days") << 250 << "medium";
}

// Jonathan Tobin's Outlook update quotes the thread back to Friday 6 Aug; its parent was sent on Monday
// 9 Aug. Re-dated alone (no stored message to compare), the gap counts from the newest quoted date: the
// parent's, three days younger than the oldest quote.
void TestHistoryIndicators::revivalGapDerived()
{
    QFETCH(int, days);
    QFETCH(QString, severity);
    auto parent = caseOf({usrp(QString::fromLatin1(TobinParent))});
    const QDateTime parentDate = parent->store().message(0).date;
    QVERIFY(parentDate.isValid());
    const QByteArray id("BN7PR05MB4500B6B6B6B6B6B6B6B6B6B6B6B6D5F69@BN7PR05MB4500.namprd05.prod.outlook.com");
    const auto c = caseOf({asNew(usrp(QString::fromLatin1(TobinUpdate)), id, parentDate.addDays(days))});
    const QString sid = QString::fromLatin1(id);
    QVERIFY(c->analysis().bodies[c->indexOf(sid)].headers.size() >= 3); // a deep history, days apart
    const Finding *b6 = c->finding(sid, QStringLiteral("B6"));
    QVERIFY2(CaseFixture::severityName(b6) == severity, qPrintable(c->describe(sid)));
    if (!b6)
        return;
    QVERIFY2(qAbs(b6->magnitude - days) <= 1, qPrintable(QStringLiteral("%1 days, %2 after the newest quote").arg(b6->magnitude).arg(days)));
    QVERIFY2(b6->summary.contains(parentDate.date().toString(Qt::ISODate)) || b6->summary.contains(parentDate.toUTC().date().toString(Qt::ISODate)), qPrintable(b6->summary));
}

// ---------------------------------------------------------------------------------------------------------
// B7: Thread-Index.

void TestHistoryIndicators::threadIndexDerived_data()
{
    QTest::addColumn<QString>("index"); // "parent": the parent's copied unchanged; "usrp": another thread's; else the value
    QTest::addColumn<QString>("severity");
    QTest::newRow("parent's index copied") << "parent" << "strong";
    QTest::newRow("another conversation") << "usrp" << "medium"; // Jonathan Tobin's, from the usrp-users thread
    QTest::newRow("malformed") << "AQHZNnJFiVrNVn+V" << "weak";
}

// Kevin Tian's Outlook reply with its Thread-Index changed, in a case holding the message it replies to.
void TestHistoryIndicators::threadIndexDerived()
{
    QFETCH(QString, index);
    QFETCH(QString, severity);
    const QByteArray parent = s390(QString::fromLatin1(YiParent));
    QByteArray value = index.toLatin1();
    if (index == u"parent" || index == u"usrp") {
        const auto p = caseOf({index == u"usrp" ? usrp(QString::fromLatin1(TobinUpdate)) : parent});
        value = p->store().message(0).header(u"Thread-Index").toLatin1();
        QVERIFY(!value.isEmpty());
    }
    const QByteArray id("BN9PR11MB52767B7B7B7B7B7B7B7B7B7B7CD69@BN9PR11MB5276.namprd11.prod.outlook.com");
    const auto c = caseOf({parent, asNew(CaseFixture::withHeader(s390(QString::fromLatin1(KevinReply)), "Thread-Index", value), id)});
    const QString sid = QString::fromLatin1(id);
    const Finding *b7 = c->finding(sid, QStringLiteral("B7"));
    QVERIFY2(CaseFixture::severityName(b7) == severity, qPrintable(c->describe(sid) + (b7 ? QStringLiteral(" / ") + b7->summary : QString())));
    const Evidence *e = evidenceOf(b7, Evidence::Kind::Header);
    QVERIFY(e && e->name == u"Thread-Index" && e->value == QString::fromLatin1(value));
}

// Exchange Online replies within Intel extend the parent's Thread-Index (same 6-byte date prefix, one
// more 5-byte child block) but carry a GUID of their own. Kevin Tian's real reply is one of them.
void TestHistoryIndicators::threadIndexQuietOnRealOutlook()
{
    const auto c = caseOf({s390(QString::fromLatin1(YiParent)), s390(QString::fromLatin1(KevinReply))});
    const QString id = QString::fromLatin1(KevinReply);
    const QByteArray mine = QByteArray::fromBase64(c->store().message(c->indexOf(id)).header(u"Thread-Index").toLatin1());
    const QByteArray parents = QByteArray::fromBase64(c->store().message(c->indexOf(QString::fromLatin1(YiParent))).header(u"Thread-Index").toLatin1());
    QVERIFY(mine.size() == parents.size() + 5 && mine.left(6) == parents.left(6)); // a proper child of the parent's conversation
    // Exchange Online gives the reply a GUID of its own (50 of 59 real Intel reply/parent pairs of the s390
    // archive differ there): only the root time names the conversation.
    QVERIFY2(!c->finding(id, QStringLiteral("B7")), qPrintable(c->describe(id)));
}

// ---------------------------------------------------------------------------------------------------------
// B8: the quoting style of the sender's client changes.

// Janosch Frank's last Thunderbird reply with its attribution replaced by an Outlook block, among his 40
// earlier 'On ... wrote:' replies: the style changed; the real reply in the same case keeps it.
void TestHistoryIndicators::quoteStyleChangeDerived()
{
    s390(QString::fromLatin1(JanoschLast)); // loads the archive
    QList<QByteArray> raws;
    for (const th::model::Message &m : m_dev->store().messages()) { // hijack-dev holds the s390 archive
        if (m.from.address.compare(QStringLiteral("frankja@linux.ibm.com"), Qt::CaseInsensitive) == 0 && m_s390.contains(m.messageId))
            raws << s390(m.messageId);
    }
    QVERIFY(raws.size() >= 40);
    const QByteArray attribution("On 3/29/23 15:00, Claudio Imbrenda wrote:\n");
    QByteArray raw = s390(QString::fromLatin1(JanoschLast));
    QVERIFY(raw.contains(attribution));
    raw = CaseFixture::withBodyReplaced(raw, attribution,
                                        "-----Original Message-----\nFrom: Claudio Imbrenda <imbrenda@linux.ibm.com>\n"
                                        "Sent: Wednesday, March 29, 2023 3:00 PM\nTo: Nico Boehr <nrb@linux.ibm.com>\n"
                                        "Subject: Re: [kvm-unit-tests PATCH v1 3/4] s390x: sclp: treat system as single processor\n\n");
    const QByteArray id("derived-b8-0377f8c1@linux.ibm.com");
    raws << asNew(raw, id);
    const auto c = caseOf(raws);
    const QString sid = QString::fromLatin1(id);
    const Finding *b8 = c->finding(sid, QStringLiteral("B8"));
    QVERIFY2(b8, qPrintable(c->describe(sid)));
    QCOMPARE(CaseFixture::severityName(b8), QStringLiteral("medium"));
    QVERIFY2(b8->summary.contains(QStringLiteral("frankja@linux.ibm.com")) && b8->summary.contains(QStringLiteral("on-wrote")), qPrintable(b8->summary));
    const Evidence *e = evidenceOf(b8, Evidence::Kind::Text);
    QVERIFY(e);
    QCOMPARE(c->bodyText(sid).mid(e->begin).section(u'\n', 0, 0).trimmed(), QStringLiteral("-----Original Message-----"));
    QVERIFY2(!c->finding(QString::fromLatin1(JanoschLast), QStringLiteral("B8")), qPrintable(c->describe(QString::fromLatin1(JanoschLast))));
}

// Forwarding is not replying: a participant's forward block says nothing about the client they reply with.
void TestHistoryIndicators::quoteStyleQuietOnForwards()
{
    const QList<Label> forwards = labelled([](const Label &l) { return l.label == u"benign-forward"; });
    QStringList fired;
    for (const Label &l : forwards) {
        if (devFinding(l, QStringLiteral("B8")))
            fired << devDescribe(l);
    }
    for (const QString &s : std::as_const(fired))
        qInfo("B8 on a benign forward: %s", qPrintable(s));
    QCOMPARE(forwards.size(), 15);
    // Mutt's forward line names the author ("----- Forwarded message from Jane <jane@x> -----"): still a forward.
    QVERIFY2(fired.isEmpty(), qPrintable(QString::number(fired.size())));
}

// ---------------------------------------------------------------------------------------------------------
// B10: an internal-only history arriving from outside.

void TestHistoryIndicators::internalHistoryDerived_data()
{
    QTest::addColumn<bool>("internalParent"); // Nico's message addressed to IBM colleagues only (else: the real one, Cc the lists)
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QStringList>("organisation");
    QTest::addColumn<bool>("fires");
    const QStringList ibm{"ibm.com"};
    const QByteArray outside("\"Janosch Frank\" <janosch.frank.de@gmail.com>"), real("Janosch Frank <frankja@linux.ibm.com>");
    QTest::newRow("internal history from outside") << true << outside << ibm << true;
    QTest::newRow("internal history from inside") << true << real << ibm << false;
    QTest::newRow("another organisation") << true << outside << QStringList{"redhat.com"} << false;
    QTest::newRow("public list history from outside") << false << outside << ibm << false;
}

// Janosch Frank's reply to Nico Boehr (both IBM), re-sent from another address a month later.
void TestHistoryIndicators::internalHistoryDerived()
{
    QFETCH(bool, internalParent);
    QFETCH(QByteArray, from);
    QFETCH(QStringList, organisation);
    QFETCH(bool, fires);
    QByteArray parent = s390(QString::fromLatin1(NicoParent));
    if (internalParent) {
        parent = CaseFixture::withHeader(offList(parent), "To", "Janosch Frank <frankja@linux.ibm.com>");
        parent = CaseFixture::withHeader(parent, "Cc", "imbrenda@linux.ibm.com, borntraeger@linux.ibm.com");
    }
    const QByteArray id("derived-b10-8754aab3@mail.example-outside.com");
    QByteArray raw = asNew(offList(s390(QString::fromLatin1(JanoschReply))), id, QDateTime(QDate(2023, 3, 15), QTime(8, 0), Qt::UTC));
    raw = CaseFixture::withHeader(CaseFixture::withHeader(raw, "From", from), "To", "Nico Boehr <nrb@linux.ibm.com>");
    raw = CaseFixture::withoutHeader(raw, "Cc");
    CaseSettings settings;
    settings.organisationDomains = organisation;
    const auto c = caseOf({parent, raw}, settings);
    const QString sid = QString::fromLatin1(id);
    const Finding *b10 = c->finding(sid, QStringLiteral("B10"));
    QVERIFY2(bool(b10) == fires, qPrintable(c->describe(sid)));
    if (!b10)
        return;
    QCOMPARE(CaseFixture::severityName(b10), QStringLiteral("medium"));
    const Evidence *e = evidenceOf(b10, Evidence::Kind::Header);
    QVERIFY(e && e->name == u"From" && e->value.contains(QStringLiteral("janosch.frank.de@gmail.com")));
}

// In hijack-dev the stolen conversations are public list threads with outside authors: B10 may fire only
// where the quoted participants really are the organisation's, never on clean mail or hard negatives.
void TestHistoryIndicators::internalHistoryInHijackDev()
{
    QStringList wrong;
    for (const Label &l : std::as_const(m_labels)) {
        const Finding *b10 = devFinding(l, QStringLiteral("B10"));
        if (!b10)
            continue;
        QVERIFY2(l.hijack(), qPrintable(devDescribe(l)));
        QCOMPARE(CaseFixture::severityName(b10), QStringLiteral("medium"));
        // the impersonated participant is one of the quoted people; an outsider makes the history not internal
        const QString domain = l.spoofedAddress.section(u'@', 1);
        if (!l.spoofedAddress.isEmpty() && !m_devSettings.isOrganisation(domain))
            wrong << devDescribe(l) + u' ' + b10->summary;
    }
    for (const QString &s : std::as_const(wrong))
        qInfo("B10 on a public thread: %s", qPrintable(s));
    // A list hosted on an organisation domain (Mailman's rewritten From, the list in To) is no internal history.
    QVERIFY2(wrong.isEmpty(), qPrintable(QString::number(wrong.size())));
}

// ---------------------------------------------------------------------------------------------------------
// C1: a short lure over a long stolen history.

// Labelled hijacks carry a lure above the authentic content: C1 on most, its evidence above the splice.
void TestHistoryIndicators::lureProfileInHijackDev()
{
    int hijacks = 0, fired = 0;
    QStringList overlapping;
    for (const Label &l : labelled([](const Label &l) { return l.hijack(); })) {
        ++hijacks;
        const Finding *c1 = devFinding(l, QStringLiteral("C1"));
        if (!c1)
            continue;
        ++fired;
        QCOMPARE(CaseFixture::severityName(c1), QStringLiteral("medium"));
        const Evidence *e = evidenceOf(c1, Evidence::Kind::Text);
        QVERIFY(e);
        const qsizetype splice = devResult(l).splice;
        QVERIFY2(splice < 0 || e->begin < splice, qPrintable(QStringLiteral("%1: lure [%2, %3), splice %4").arg(l.id).arg(e->begin).arg(e->end).arg(splice)));
        const bool authenticInside = unmarked(l.authenticFirstLine).size() >= 12 && e->value.contains(unmarked(l.authenticFirstLine));
        if ((splice >= 0 && e->end > splice) || authenticInside)
            overlapping << devDescribe(l);
    }
    qInfo("C1 on %d of %d labelled hijacks", fired, hijacks);
    QCOMPARE(hijacks, 110);
    QVERIFY2(fired * 100 >= hijacks * 85, "C1 on fewer than 85 % of the hijacks");
    for (const QString &s : std::as_const(overlapping))
        qInfo("C1 evidence runs past the splice: %s", qPrintable(s));
    QVERIFY2(overlapping.size() * 10 <= fired, "C1 evidence runs into the authentic text on more than 10 % of the lures");
}

// Alex Williamson's real reply (long own text, no link) is no lure; the same quote under two lines and a link
// from an outside address is.
void TestHistoryIndicators::lureProfileDerived()
{
    const QByteArray lure("Hello,\nplease review the updated patch before Friday: https://docs-review.net/s/a8Kq1/vfio-fix.zip");
    QByteArray reply = asNew(s390(QString::fromLatin1(AlexReply)), "derived-c1.alex.williamson@redhat.com");
    // the lure replaces Alex's own answer: keep his attribution and quote, drop what follows the quote
    const qsizetype quoteEnd = reply.lastIndexOf("\n> ");
    reply = reply.left(reply.indexOf('\n', quoteEnd + 1) + 1);
    QByteArray hijack = CaseFixture::withHeader(CaseFixture::withTextAbove(reply, lure), "From", "\"Alex Williamson\" <alex.w.office@outlook.com>");
    hijack = asNew(hijack, "derived-c1-hijack@outlook.com");
    const auto c = caseOf({s390(QString::fromLatin1(VfioRoot)), s390(QString::fromLatin1(AlexReply)), hijack});
    QVERIFY2(!c->finding(QString::fromLatin1(AlexReply), QStringLiteral("C1")), qPrintable(c->describe(QString::fromLatin1(AlexReply))));
    const QString id = QStringLiteral("derived-c1-hijack@outlook.com");
    const Finding *c1 = c->finding(id, QStringLiteral("C1"));
    QVERIFY2(c1, qPrintable(c->describe(id)));
    QCOMPARE(CaseFixture::severityName(c1), QStringLiteral("medium"));
    QVERIFY2(c1->summary.contains(QStringLiteral("docs-review.net")), qPrintable(c1->summary));
    const Evidence *e = evidenceOf(c1, Evidence::Kind::Text);
    QVERIFY(e);
    const QString span = c->bodyText(id).mid(e->begin, e->end - e->begin);
    QVERIFY2(span.contains(QStringLiteral("please review the updated patch")) && !span.contains(QStringLiteral("wrote:")), qPrintable(span));
}

// ---------------------------------------------------------------------------------------------------------
// Benign mail.

// Revivals and forwards of hijack-dev are proper: no fake reply, no broken linkage or splice, no damaged
// or altered quote, no lure. (B6 fires on revivals by definition; B7 and B8 are covered above.)
void TestHistoryIndicators::hardNegativesStayQuiet()
{
    int negatives = 0;
    for (const Label &l : labelled([](const Label &l) { return l.hardNegative(); })) {
        ++negatives;
        for (const QString id : {"B1", "B2", "B3", "B4", "B5", "B9", "B10", "C1"})
            QVERIFY2(!devFinding(l, id), qPrintable(id + u' ' + devDescribe(l)));
    }
    QCOMPARE(negatives, 40);
}

// All 2,172 real list posts of hijack-dev: the splice and content indicators stay rare (figures printed).
void TestHistoryIndicators::listTrafficStaysQuiet()
{
    QMap<QString, int> counts;
    int clean = 0;
    for (const Label &l : labelled([](const Label &l) { return l.label == u"clean"; })) {
        ++clean;
        for (const Finding &f : devResult(l).findings) {
            if (f.id.startsWith(u'B') || f.id == u"C1")
                ++counts[f.id + u':' + f.severityName()];
        }
    }
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        qInfo("%s on %d of %d real list posts", qPrintable(it.key()), it.value(), clean);
    QCOMPARE(clean, 2172);
    for (const QString id : {"B9:strong", "B10:medium", "B5:weak"})
        QCOMPARE(counts.value(id), 0);
    for (const QString id : {"B1:medium", "B2:medium", "B2:strong", "B4:strong", "C1:medium"})
        QVERIFY2(counts.value(id) * 200 <= clean, qPrintable(id)); // at most 0.5 %
}

void TestHistoryIndicators::referenceThreadsStayQuiet_data()
{
    CaseFixture::referenceThreadRows();
}

// The five benign reference threads, read in their archive: no structure or lure indicator above weak
// (B7 aside, see threadIndexQuietOnRealOutlook), and none of B1, B2, B5, B9, B10, C1 at all.
void TestHistoryIndicators::referenceThreadsStayQuiet()
{
    QFETCH(QString, corpus);
    QFETCH(QString, root);
    QFETCH(int, size);
    std::unique_ptr<CaseFixture> own;
    CaseFixture *c = m_dev.get(); // hijack-dev holds every real s390 and usrp-users message unchanged
    if (corpus != QLatin1String(CaseFixture::S390) && corpus != QLatin1String(CaseFixture::Usrp)) {
        own = std::make_unique<CaseFixture>();
        own->addCorpus(corpus);
        own->analyse();
        c = own.get();
    }
    QStringList thread;
    for (const QString &id : c->threadOf(root)) {
        const int i = c->indexOf(id);
        if (c != m_dev.get() || m_labels[i].label == u"clean")
            thread << id;
    }
    QCOMPARE(thread.size(), size);
    static const QStringList never{"B1", "B2", "B5", "B9", "B10", "C1"};
    for (const QString &id : std::as_const(thread)) {
        for (const Finding &f : c->result(id).findings) {
            if (!(f.id.startsWith(u'B') || f.id == u"C1") || f.id == u"B7")
                continue;
            const QString what = id + u' ' + f.id + u':' + f.severityName() + u' ' + f.summary;
            QVERIFY2(!never.contains(f.id), qPrintable(what));
            QVERIFY2(f.severity == Severity::Weak, qPrintable(what));
        }
    }
}

QTEST_GUILESS_MAIN(TestHistoryIndicators)
#include "tst_historyindicators.moc"
