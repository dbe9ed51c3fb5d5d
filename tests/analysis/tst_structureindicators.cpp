// The thread-structure indicators B1-B4 and B9 (detection-spec section 5 "B. Thread structure / splice
// points") on real mail: fake replies, broken header linkage, the splice point and its missing attribution,
// damaged quoted headers with stripped addresses and inserted links. The labelled hijacks of hijack-dev and
// messages derived from real list replies the way an attacker would change them. tst_historyindicators has
// B5-B8, B10, C1 and the benign mail on which they all must stay quiet.
#include "structurefixture.h"

#include <QRegularExpression>
#include <QUrl>
#include <QTest>

using namespace th::analysis;
using namespace structure;
using Severity = Finding::Severity;

Q_DECLARE_METATYPE(Finding::Severity)

class TestStructureIndicators : public QObject, protected StructureCorpus
{
    Q_OBJECT

private slots:
    void initTestCase() { load(); }

    // B1
    void fakeReplyInHijackDev();
    void fakeReplyDerived_data();
    void fakeReplyDerived();
    // B2
    void brokenLinkageDerived_data();
    void brokenLinkageDerived();
    // B3
    void spliceMatchesLabels();
    void spliceBelowAnOriginalMessageBlock();
    void missingAttributionInHijackDev();
    void missingAttributionDerived_data();
    void missingAttributionDerived();
    // B4, B9
    void damagedHeaderBlocksInHijackDev();
    void strippedAddressesProvenByStore();
    void strippedAddressesInAPromptAnswer_data();
    void strippedAddressesInAPromptAnswer();
    void damagedHeaderDerived_data();
    void damagedHeaderDerived();
    void insertedLinkDerived_data();
    void insertedLinkDerived();
    void quotedListFooterAddsNoLink();
};

// ---------------------------------------------------------------------------------------------------------
// B1: a reply without In-Reply-To or References.

// hijack-dev external hijacks whose In-Reply-To is absent: each is a fake reply, the evidence is its subject.
void TestStructureIndicators::fakeReplyInHijackDev()
{
    const QList<Label> absent = labelled([](const Label &l) { return l.hijack() && l.inReplyTo == u"absent"; });
    int fired = 0;
    for (const Label &l : absent) {
        const Finding *b1 = devFinding(l, QStringLiteral("B1"));
        if (!b1) {
            qInfo("B1 missed: %s", qPrintable(devDescribe(l)));
            continue;
        }
        ++fired;
        QCOMPARE(CaseFixture::severityName(b1), QStringLiteral("medium"));
        const Evidence *subject = evidenceOf(b1, Evidence::Kind::Header);
        QVERIFY(subject && subject->name == u"Subject");
        QCOMPARE(subject->value, m_dev->store().message(l.index).subject);
    }
    qInfo("B1 on %d of %d external hijacks without In-Reply-To", fired, int(absent.size()));
    QCOMPARE(absent.size(), 44);
    QVERIFY2(fired * 100 >= absent.size() * 95, "B1 on fewer than 95 % of the fake replies");
}

void TestStructureIndicators::fakeReplyDerived_data()
{
    QTest::addColumn<QStringList>("remove"); // headers removed from Alex Williamson's real reply
    QTest::addColumn<QByteArray>("subject"); // replaces the subject, unless empty
    QTest::addColumn<bool>("onList");        // keeps the List-* headers
    QTest::addColumn<QString>("missing");    // expected words of the summary, or empty: no B1
    QTest::newRow("unchanged, direct") << QStringList() << QByteArray() << false << QString();
    QTest::newRow("no In-Reply-To, no References") << QStringList{"In-Reply-To", "References"} << QByteArray() << false << "neither In-Reply-To nor References";
    QTest::newRow("no References") << QStringList{"References"} << QByteArray() << false << "no References";
    QTest::newRow("no In-Reply-To") << QStringList{"In-Reply-To"} << QByteArray() << false << "no In-Reply-To";
    QTest::newRow("list traffic exempt") << QStringList{"In-Reply-To", "References"} << QByteArray() << true << QString();
    QTest::newRow("forward exempt") << QStringList{"In-Reply-To", "References"} << QByteArray("Fwd: [PATCH v2] vfio: fix deadlock between group lock and kvm lock") << false << QString();
}

// Alex Williamson's real reply (an attribution and '>' quotes of the root patch) with its linkage removed.
void TestStructureIndicators::fakeReplyDerived()
{
    QFETCH(QStringList, remove);
    QFETCH(QByteArray, subject);
    QFETCH(bool, onList);
    QFETCH(QString, missing);
    QByteArray raw = s390(QString::fromLatin1(AlexReply));
    if (!onList)
        raw = offList(raw);
    for (const QString &name : remove)
        raw = CaseFixture::withoutHeader(raw, name.toLatin1());
    if (!subject.isEmpty())
        raw = CaseFixture::withHeader(raw, "Subject", subject);
    const auto c = caseOf({s390(QString::fromLatin1(VfioRoot)), raw});
    const QString id = QString::fromLatin1(AlexReply);
    const Finding *b1 = c->finding(id, QStringLiteral("B1"));
    if (missing.isEmpty()) {
        QVERIFY2(!b1, qPrintable(c->describe(id)));
        return;
    }
    QVERIFY2(b1, qPrintable(c->describe(id)));
    QCOMPARE(CaseFixture::severityName(b1), QStringLiteral("medium"));
    QVERIFY2(b1->summary.contains(missing), qPrintable(b1->summary));
}

// ---------------------------------------------------------------------------------------------------------
// B2: In-Reply-To, References and the quoted history disagree.

void TestStructureIndicators::brokenLinkageDerived_data()
{
    QTest::addColumn<bool>("pasted");          // the root patch pasted under a lure; else Alex Williamson's reply
    QTest::addColumn<QByteArray>("inReplyTo"); // without brackets; empty: none
    QTest::addColumn<QByteArray>("references");
    QTest::addColumn<QString>("severity");     // expected B2, or "none"
    QTest::addColumn<QString>("pointsAt");     // Message-ID the evidence names, or a header name
    const QByteArray root(VfioRoot), virtio(VirtioRoot);
    QTest::newRow("real reply, direct") << false << root << QByteArray('<' + root + '>') << "none" << "";
    // replying to a message nobody has while quoting a stored one: a stolen copy answered
    QTest::newRow("parent not stored") << true << QByteArray("20230201192010.42748-1-mjrosato@linux.ibm.co") << QByteArray() << "medium" << QString::fromLatin1(root);
    // In-Reply-To names a later message whose words the quote lacks: the history skips its parent
    QTest::newRow("quote skips the parent") << false << virtio << QByteArray('<' + virtio + '>') << "strong" << QString::fromLatin1(virtio);
    // off the list, References must end with the In-Reply-To
    QTest::newRow("References ends elsewhere") << false << root << QByteArray('<' + root + "> <" + virtio + '>') << "weak" << "References";
}

// A message of the vfio thread sent again with its linkage changed, in a case holding both roots.
void TestStructureIndicators::brokenLinkageDerived()
{
    QFETCH(bool, pasted);
    QFETCH(QByteArray, inReplyTo);
    QFETCH(QByteArray, references);
    QFETCH(QString, severity);
    QFETCH(QString, pointsAt);
    const QByteArray id("derived-b2@mail.example-outside.com");
    QByteArray raw = pasted ? pastedUnderLure(id) : asNew(offList(s390(QString::fromLatin1(AlexReply))), id);
    raw = CaseFixture::withHeader(raw, "In-Reply-To", '<' + inReplyTo + '>');
    raw = references.isEmpty() ? CaseFixture::withoutHeader(raw, "References") : CaseFixture::withHeader(raw, "References", references);
    const auto c = caseOf({s390(QString::fromLatin1(VfioRoot)), s390(QString::fromLatin1(VirtioRoot)), raw});
    const QString sid = QString::fromLatin1(id);
    const Finding *b2 = c->finding(sid, QStringLiteral("B2"));
    QVERIFY2(CaseFixture::severityName(b2) == severity, qPrintable(c->describe(sid) + (b2 ? QStringLiteral(" / ") + b2->summary : QString())));
    if (!b2)
        return;
    const bool header = pointsAt == u"References";
    const Evidence *e = evidenceOf(b2, header ? Evidence::Kind::Header : Evidence::Kind::Message);
    QVERIFY(e);
    if (header)
        QVERIFY(e->name == u"References" && e->value.contains(QString::fromLatin1(VirtioRoot)));
    else
        QCOMPARE(e->name, pointsAt);
}

// ---------------------------------------------------------------------------------------------------------
// B3: the splice point and the missing attribution above it.

// The engine's splice (start of the authentic content) against authentic_first_line of every labelled
// synthetic message: hijacks, revivals and forwards alike.
void TestStructureIndicators::spliceMatchesLabels()
{
    QMap<QString, std::pair<int, int>> byLabel; // label -> (matched, total)
    for (const Label &l : labelled([](const Label &l) { return !l.authenticFirstLine.isEmpty(); })) {
        const MessageAnalysis &a = devResult(l);
        auto &[matched, total] = byLabel[l.label];
        ++total;
        const QString line = a.splice >= 0 ? m_dev->analysis().bodies[l.index].lineAt(a.splice) : QString();
        if (a.splice >= 0 && unmarked(line) == unmarked(l.authenticFirstLine))
            ++matched;
        else
            qInfo("splice missed (%s): want \"%s\", got \"%s\"", qPrintable(l.label + u' ' + l.style), qPrintable(l.authenticFirstLine.left(60)), qPrintable(line.left(60)));
    }
    int matched = 0, total = 0;
    for (auto it = byLabel.cbegin(); it != byLabel.cend(); ++it) {
        qInfo("splice on the labelled first line: %s %d of %d", qPrintable(it.key()), it->first, it->second);
        matched += it->first;
        total += it->second;
    }
    QCOMPARE(total, 150);
    QVERIFY2(matched * 100 >= total * 95, "splice found on fewer than 95 % of the labelled messages");
    // a later wave's original is the stolen message, not an earlier wave that holds it (was 73 of 80)
    const auto external = byLabel.value(QStringLiteral("external-thread-hijack"));
    QVERIFY2(external.first * 100 >= external.second * 95, "splice found on fewer than 95 % of the external hijacks");
}

// A stolen patchwork-bot notice, its addresses stripped, pasted under "-----Original Message-----" and a block
// whose Subject line repeats the patch title, which the notice's own text lists too: the authentic content
// starts with the notice's first line, below the block, not at the Subject line that shares its words.
void TestStructureIndicators::spliceBelowAnOriginalMessageBlock()
{
    const QString noticeId = QStringLiteral("167990401887.27318.15104190928200538935.git-patchwork-notify@kernel.org");
    const QByteArray notice = CaseFixture::rawMessage(QString::fromLatin1(CaseFixture::Ksft), noticeId);
    QVERIFY(!notice.isEmpty());
    const auto stored = caseOf({notice});
    const th::model::Message &n = stored->store().message(stored->indexOf(noticeId));
    QVERIFY(n.textBody.contains(n.subject.section(u']', 1).trimmed())); // precondition: the notice lists the title
    const QByteArray lure = "From: \"Jakub Kicinski\" <jkicinski@gmail.com>\nTo: Eric Dumazet <edumazet@google.com>\n"
                            "Subject: RE: " + n.subject.toUtf8() + "\nDate: Sun, 02 Jul 2023 11:31:02 -0700\n"
                            "Message-ID: <derived-notice@gmail.com>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n"
                            "Please find the updated figures here: https://files.linova-files.example/download?id=p7nxrjtrfnnr3f9jtu\n\n"
                            "-----Original Message-----\nFrom: patchwork-bot+netdevbpf\nSent: Monday, March 27, 2023 3:00 PM\n"
                            "To: Jakub Kicinski\nSubject: " + n.subject.toUtf8() + "\n\n"
                            + QString(n.textBody).remove(QRegularExpression(QStringLiteral(" ?<?[\\w.+-]+@[\\w.-]+>?"))).toUtf8();
    const auto c = caseOf({notice, lure});
    const QString id = QStringLiteral("derived-notice@gmail.com");
    const MessageAnalysis &a = c->result(id);
    QVERIFY2(a.original == c->indexOf(noticeId), qPrintable(c->describe(id)));
    QCOMPARE(c->analysis().bodies[c->indexOf(id)].lineAt(a.splice).trimmed(), n.textBody.trimmed().section(u'\n', 0, 0).trimmed());
}

// External hijacks: the 'On <date>, <Name> wrote:' style with unquoted text fires B3 on the attribution
// line; the 'a-plain' style (lure, blank line, the stolen text) fires it at the splice, on the labelled line.
void TestStructureIndicators::missingAttributionInHijackDev()
{
    int unquoted = 0, unquotedFired = 0, plain = 0, plainFired = 0;
    for (const Label &l : labelled([](const Label &l) { return l.hijack(); })) {
        const bool dStyle = l.style == u"d-on-wrote-unquoted", aStyle = l.style == u"a-plain";
        if (!dStyle && !aStyle)
            continue;
        ++(dStyle ? unquoted : plain);
        const Finding *b3 = devFinding(l, QStringLiteral("B3"));
        if (!b3)
            continue;
        QCOMPARE(CaseFixture::severityName(b3), QStringLiteral("medium"));
        const Evidence *first = evidenceOf(b3, Evidence::Kind::Text);
        QVERIFY(first && first->begin >= 0);
        const QString &text = m_dev->analysis().bodies[l.index].text;
        const QString span = text.mid(first->begin, first->end - first->begin);
        if (dStyle) { // the fabricated attribution (any language), right above the labelled authentic line
            const qsizetype authentic = text.indexOf(unmarked(l.authenticFirstLine), first->begin);
            QVERIFY2(authentic >= first->end && text.mid(first->end, authentic - first->end).trimmed().isEmpty(), qPrintable(span + QStringLiteral(" / ") + devDescribe(l)));
            ++unquotedFired;
        } else { // inside the stolen copy, not in the lure
            QVERIFY2(first->begin >= devResult(l).splice, qPrintable(devDescribe(l)));
            ++plainFired;
        }
    }
    qInfo("B3 on d-on-wrote-unquoted %d of %d, on a-plain %d of %d", unquotedFired, unquoted, plainFired, plain);
    QCOMPARE(unquoted, 16);
    QCOMPARE(plain, 18);
    QVERIFY2(unquotedFired * 100 >= unquoted * 90, "B3 on fewer than 90 % of the unquoted attributions");
    // Most stolen messages are replies: the pasted copy carries its own attribution and quotes, above or
    // below the stolen message's own words, which stand unquoted.
    QVERIFY2(plainFired * 100 >= plain * 80, "B3 on fewer than 80 % of the a-plain splices");
}

void TestStructureIndicators::missingAttributionDerived_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expect"); // words of the summary, or empty: no B3
    QTest::newRow("root patch pasted under a lure") << "pasted" << "with no attribution or quote marks";
    QTest::newRow("reply pasted under a lure, its own quotes kept") << "pastedReply" << "with no attribution or quote marks";
    QTest::newRow("quote marks removed under the attribution") << "unmarked" << "without quote marks";
    QTest::newRow("real reply") << "real" << "";
}

// Alex Williamson's reply (attribution + '>' quotes of the root patch), with its quote marks removed; and
// the root patch itself pasted under a lure from an outside address (splice style a-plain).
void TestStructureIndicators::missingAttributionDerived()
{
    QFETCH(QString, kind);
    QFETCH(QString, expect);
    const QByteArray root = s390(QString::fromLatin1(VfioRoot));
    QByteArray raw;
    const QByteArray id("derived-b3@mail.example-outside.com");
    QList<QByteArray> stored{root};
    if (kind == u"pasted") {
        raw = pastedUnderLure(id);
    } else if (kind == u"pastedReply") {
        stored << s390(QString::fromLatin1(AlexReply));
        raw = asNew(stored.last(), id, QDateTime(QDate(2023, 9, 20), QTime(9, 0), Qt::UTC));
        raw = CaseFixture::withTextAbove(CaseFixture::withHeader(raw, "From", "\"Alex Williamson\" <a.williamson.office@gmail.com>"),
                                         "Please review the updated document before Friday.");
    } else {
        raw = asNew(s390(QString::fromLatin1(AlexReply)), id);
        if (kind == u"unmarked")
            raw = CaseFixture::withBodyReplaced(CaseFixture::withBodyReplaced(raw, "\n> ", "\n"), "\n>\n", "\n\n");
    }
    const auto c = caseOf(stored << raw);
    const QString sid = QString::fromLatin1(id);
    const Finding *b3 = c->finding(sid, QStringLiteral("B3"));
    if (expect.isEmpty()) {
        QVERIFY2(!b3, qPrintable(c->describe(sid)));
        return;
    }
    QVERIFY2(b3, qPrintable(c->describe(sid)));
    QCOMPARE(CaseFixture::severityName(b3), QStringLiteral("medium"));
    QVERIFY2(b3->summary.contains(expect), qPrintable(b3->summary));
    const Evidence *e = evidenceOf(b3, Evidence::Kind::Text);
    QVERIFY(e);
    const QString line = c->bodyText(sid).mid(e->begin).section(u'\n', 0, 0).trimmed();
    const QString span = c->bodyText(sid).mid(e->begin, e->end - e->begin);
    if (kind == u"pasted") {
        // the evidence and the splice are the patch's first line, and the evidence names the stored original
        const QString first = c->store().message(c->indexOf(QString::fromLatin1(VfioRoot))).textBody.trimmed().section(u'\n', 0, 0).trimmed();
        QCOMPARE(line, first);
        QCOMPARE(c->result(sid).splice, e->begin);
        const Evidence *m = evidenceOf(b3, Evidence::Kind::Message);
        QVERIFY(m && m->name == QString::fromLatin1(VfioRoot));
    } else if (kind == u"pastedReply") {
        // the copy starts right under the lure, and Alex's own words below his quotes stand unquoted
        QCOMPARE(c->result(sid).splice, e->begin);
        QVERIFY2(c->bodyText(sid).left(e->begin).trimmed() == u"Please review the updated document before Friday.", qPrintable(c->describe(sid)));
        const Evidence *m = evidenceOf(b3, Evidence::Kind::Message);
        QVERIFY(m && m->name == QString::fromLatin1(AlexReply));
    } else {
        QVERIFY2(span.startsWith(QStringLiteral("On ")) && span.contains(QStringLiteral("Rosato")) && span.contains(QStringLiteral("wrote:")), qPrintable(span));
    }
}

// ---------------------------------------------------------------------------------------------------------
// B4 and B9: damaged quoted headers, addresses stripped from and links inserted into a stored message's copy.

// The fabricated Outlook blocks of hijack-dev ('From: Name' without an address, names-only To) are damaged
// header blocks; the evidence is that block, above the authentic text.
void TestStructureIndicators::damagedHeaderBlocksInHijackDev()
{
    int blocks = 0, fired = 0;
    for (const Label &l : labelled([](const Label &l) { return l.style == u"b-outlook-block" || l.style == u"c-original-message"; })) {
        ++blocks;
        for (const Finding &f : devResult(l).findings) {
            const Evidence *e = evidenceOf(&f, Evidence::Kind::Text);
            if (f.id != u"B4" || f.severity < Severity::Medium || !e || !f.summary.startsWith(QStringLiteral("A quoted header block")))
                continue;
            ++fired;
            const QString block = m_dev->analysis().bodies[l.index].text.mid(e->begin, e->end - e->begin);
            QVERIFY2(!block.section(u'\n', 0, 0).contains(u'@'), qPrintable(block)); // the From line, no address
            const qsizetype authentic = m_dev->analysis().bodies[l.index].text.indexOf(unmarked(l.authenticFirstLine), e->begin);
            QVERIFY2(authentic >= e->end, qPrintable(devDescribe(l))); // the block sits above the authentic text
            break;
        }
    }
    qInfo("B4 (damaged block, medium) on %d of %d fabricated header blocks", fired, blocks);
    QCOMPARE(blocks, 41);
    QVERIFY2(fired * 100 >= blocks * 90, "B4 on fewer than 90 % of the fabricated header blocks");
}

// Every address B4 calls removed is in the stored original it names and absent from the copy; the labels
// confirm it. Strong where the sender is no participant of the stored thread.
void TestStructureIndicators::strippedAddressesProvenByStore()
{
    static const QRegularExpression listed(QStringLiteral("were removed: (.*)$"));
    int withStripped = 0, proven = 0, confirmed = 0, claimed = 0;
    for (const Label &l : labelled([](const Label &l) { return l.label == u"external-thread-hijack"; })) {
        withStripped += l.stripped.isEmpty() ? 0 : 1;
        for (const Finding &f : devResult(l).findings) {
            const auto m = listed.match(f.summary);
            if (f.id != u"B4" || !m.hasMatch())
                continue;
            ++proven;
            const Evidence *original = evidenceOf(&f, Evidence::Kind::Message);
            QVERIFY(original);
            const QString stored = m_dev->bodyText(original->name).toLower();
            const QString copy = m_dev->analysis().bodies[l.index].text.mid(qMax<qsizetype>(0, devResult(l).splice)).toLower();
            for (const QString &address : m.captured(1).split(QStringLiteral(", "))) {
                ++claimed;
                QVERIFY2(stored.contains(address), qPrintable(address + QStringLiteral(" not in ") + original->name));
                QVERIFY2(!copy.contains(address), qPrintable(address + QStringLiteral(" still in ") + l.id));
                confirmed += l.stripped.contains(address) ? 1 : 0;
            }
            QVERIFY2(f.severity >= Severity::Medium, qPrintable(devDescribe(l)));
            break;
        }
    }
    qInfo("stripped addresses proven on %d of %d external hijacks with stripped addresses; %d of %d named addresses in the labels",
          proven, withStripped, confirmed, claimed);
    QVERIFY2(proven * 2 >= withStripped, "stripped addresses found on fewer than half of the messages");
    QVERIFY2(confirmed * 100 >= claimed * 95, "the addresses named are not the stripped ones");
}

void TestStructureIndicators::strippedAddressesInAPromptAnswer_data()
{
    QTest::addColumn<int>("daysLater");
    QTest::addColumn<Severity>("expected");
    QTest::newRow("as sent, two hours after the post it answers") << 0 << Severity::Medium;
    QTest::newRow("the same reply 200 days later, as a stolen thread comes back") << 200 << Severity::Strong;
}

// Mailbird writes a deep quote's header lines without their "<address>" (usrp-users: a newcomer answering a
// post, In-Reply-To naming it). A prompt answer to the very message it copies proves no stripping.
void TestStructureIndicators::strippedAddressesInAPromptAnswer()
{
    QFETCH(int, daysLater);
    QFETCH(Severity, expected);
    const QString dir = QStringLiteral("lists/usrp-users_2021-08_to_2021-09/");
    QByteArray reply = CaseFixture::readFile(dir + QStringLiteral("000036_c5346e7fed25.eml"));
    QVERIFY(reply.contains("Mailbird-5039ed21"));
    if (daysLater > 0)
        reply = CaseFixture::withHeader(reply, "Date", CaseFixture::rfcDate(QDateTime(QDate(2021, 8, 3), QTime(18, 47, 27), Qt::UTC).addDays(daysLater)));
    CaseFixture c;
    c.addMessage(CaseFixture::readFile(dir + QStringLiteral("000034_51f3bec026ff.eml")));
    c.addMessage(reply);
    c.analyse();
    const QString id = QStringLiteral("Mailbird-5039ed21-6f5c-485c-b20b-920210f47451@gmail.com");
    const Finding *b4 = CaseFixture::strongest(c.result(id), u"B4");
    QVERIFY2(b4 && b4->summary.contains(QStringLiteral("vladicasark@gmail.com")), qPrintable(c.describe(id)));
    QCOMPARE(b4->severity, expected);
}

void TestStructureIndicators::damagedHeaderDerived_data()
{
    QTest::addColumn<QByteArray>("from");   // replaces in Kevin Tian's reply ...
    QTest::addColumn<QByteArray>("to");     // ... with this
    QTest::addColumn<QString>("severity");  // expected B4
    QTest::addColumn<QString>("expect");    // words of the summary
    QTest::newRow("unchanged") << QByteArray() << QByteArray() << "none" << "";
    QTest::newRow("From address removed") << QByteArray("> From: Liu, Yi L <yi.l.liu@intel.com>") << QByteArray("> From: Liu, Yi L") << "medium" << "'From: Liu, Yi L' has no address";
    QTest::newRow("names-only To added") << QByteArray("> Sent: Thursday") << QByteArray("> To: Tian, Kevin; Alex Williamson\n> Sent: Thursday") << "weak" << "names only";
    QTest::newRow("program-made labels") << QByteArray("> From: Liu, Yi L <yi.l.liu@intel.com>\n> Sent:")
                                         << QByteArray("> From : Liu, Yi L <yi.l.liu@intel.com>\n> Sent :") << "medium" << "as programs do";
}

// Kevin Tian's real Outlook reply starts with the quoted header "> From: Liu, Yi L <...> / > Sent: ...".
void TestStructureIndicators::damagedHeaderDerived()
{
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(QString, severity);
    QFETCH(QString, expect);
    QByteArray raw = s390(QString::fromLatin1(KevinReply));
    if (!from.isEmpty()) {
        QVERIFY(raw.contains(from));
        raw = CaseFixture::withBodyReplaced(raw, from, to);
    }
    const QByteArray id("BN9PR11MB5276D3E8A1C0B2F94E7A6C5D8CD69@BN9PR11MB5276.namprd11.prod.outlook.com");
    const auto c = caseOf({s390(QString::fromLatin1(YiParent)), asNew(raw, id)});
    const QString sid = QString::fromLatin1(id);
    const Finding *b4 = c->finding(sid, QStringLiteral("B4"));
    QVERIFY2(CaseFixture::severityName(b4) == severity, qPrintable(c->describe(sid)));
    if (!b4)
        return;
    QVERIFY2(b4->summary.contains(expect), qPrintable(b4->summary));
    const Evidence *e = evidenceOf(b4, Evidence::Kind::Text);
    QVERIFY(e);
    QVERIFY2(unmarked(c->bodyText(sid).mid(e->begin, e->end - e->begin)).startsWith(QStringLiteral("From")), qPrintable(e->value));
}

void TestStructureIndicators::insertedLinkDerived_data()
{
    QTest::addColumn<QByteArray>("link");     // appended to the first quoted line of Alex Williamson's reply
    QTest::addColumn<QByteArray>("rootLink"); // the root patch's "Link:" tag, if any
    QTest::addColumn<QString>("inserted");    // the link B9 names, or empty when it must stay quiet
    const QByteArray lore("https://lore.kernel.org/kvm/20230201192010.42748-1-mjrosato@linux.ibm.com/");
    const QByteArray fileHost("https://files-transfer.net/d/8UJq2/deadlock-fix.zip");
    // Microsoft Defender rewrites every link of a message it delivers; Google Docs and Gmail send links through a redirect
    const auto safeLinks = [](const QByteArray &url) {
        return "https://eur01.safelinks.protection.outlook.com/?url=" + QUrl::toPercentEncoding(QString::fromLatin1(url))
            + "&data=05%7C02%7Cvictim%40example.org%7Cb1c2d3e4%7C0%7C0%7C638750504181706506&sdata=AbC%2Bx%3D&reserved=0";
    };
    // Proofpoint v3 writes the target with some characters taken out ('*'), and gives them after it in base64url
    const auto proofpoint = [](const QByteArray &url, char out) {
        const QByteArray taken(url.count(out), out);
        return "https://urldefense.com/v3/__" + QByteArray(url).replace(out, '*') + "__;"
            + taken.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) + "!!ABCDEFG!hIjKlMn9$";
    };
    QTest::newRow("unchanged") << QByteArray() << QByteArray() << QString();
    QTest::newRow("link to a file host") << ' ' + fileHost << QByteArray() << QString::fromLatin1(fileHost).toLower();
    QTest::newRow("link the thread already has") << ' ' + lore << lore << QString();
    QTest::newRow("the thread's link, as Safe Links delivered it") << ' ' + safeLinks(lore) << lore << QString();
    QTest::newRow("the thread's link through Google's redirect") << " https://www.google.com/url?q=" + lore + "&sa=D&ust=1675&usg=AOvVaw1" << lore << QString();
    QTest::newRow("link to a file host, as Safe Links delivered it") << ' ' + safeLinks(fileHost) << QByteArray() << QString::fromLatin1(fileHost).toLower();
    QTest::newRow("the thread's link, as Proofpoint v3 delivered it") << ' ' + proofpoint(lore, '@') << lore << QString();
    QTest::newRow("the thread's link, as Mimecast delivered it") << QByteArray(" https://protect-eu.mimecast.com/s/9VrRCy8BfV5x1GfrNtrp?domain=lore.kernel.org")
                                                                 << lore << QString();
    QTest::newRow("link to a file host, as Mimecast delivered it") << QByteArray(" https://protect-eu.mimecast.com/s/Ab1CDe2FgH3iJ?domain=files-transfer.net")
                                                                   << QByteArray() << QStringLiteral("https://files-transfer.net/");
    QTest::newRow("a page of a site the thread shows only through Mimecast") << ' ' + fileHost
                                                                              << QByteArray("https://protect-eu.mimecast.com/s/Zx9YwV8u?domain=files-transfer.net")
                                                                              << QString::fromLatin1(fileHost).toLower();
    QTest::newRow("link to a file host, as Proofpoint v3 delivered it") << ' ' + proofpoint(fileHost, '-') << QByteArray() << QString::fromLatin1(fileHost).toLower();
}

// B9: a link written into the copy of the stored patch is a changed quote; a link of the thread is not, whichever
// security gateway wrapped it on delivery.
void TestStructureIndicators::insertedLinkDerived()
{
    QFETCH(QByteArray, link);
    QFETCH(QByteArray, rootLink);
    QFETCH(QString, inserted);
    const QByteArray line("> After 51cdc8bc120e, we have another deadlock scenario between the");
    QByteArray raw = asNew(s390(QString::fromLatin1(AlexReply)), "derived-b9.alex.williamson@redhat.com");
    QVERIFY(raw.contains(line + '\n'));
    raw = CaseFixture::withBodyReplaced(raw, line + '\n', line + link + '\n');
    QByteArray root = s390(QString::fromLatin1(VfioRoot));
    if (!rootLink.isEmpty())
        root = CaseFixture::withBodyReplaced(root, "\n---\n", "\nLink: " + rootLink + "\n---\n");
    const auto c = caseOf({root, raw});
    const QString id = QStringLiteral("derived-b9.alex.williamson@redhat.com");
    const Finding *b9 = c->finding(id, QStringLiteral("B9"));
    QVERIFY2(bool(b9) == !inserted.isEmpty(), qPrintable(c->describe(id) + (b9 ? QStringLiteral(" / ") + b9->summary : QString())));
    if (!b9)
        return;
    QCOMPARE(CaseFixture::severityName(b9), QStringLiteral("strong"));
    QVERIFY2(b9->summary.endsWith(QStringLiteral(": ") + inserted), qPrintable(b9->summary));
    const Evidence *e = evidenceOf(b9, Evidence::Kind::Message);
    QVERIFY(e && e->name == QString::fromLatin1(VfioRoot));
}

// notmuch's LKML corpus: Mel Gorman answers Joe Perches' patch as LKML delivered it, and quotes LKML's footer
// ("Please read the FAQ at http://www.tux.org/lkml/"); the stored patch is linux-mm's copy, with linux-mm's
// footer. A quoted list footer is the list's, not a link written into the copy.
void TestStructureIndicators::quotedListFooterAddsNoLink()
{
    const QByteArray patch = CaseFixture::readFile(QStringLiteral("notmuch/lkml/cur/1382298793.002257:2,"));
    const QByteArray reply = CaseFixture::readFile(QStringLiteral("notmuch/lkml/cur/1382298793.002400:2,"));
    QVERIFY(reply.contains("> Please read the FAQ at  http://www.tux.org/lkml/") && !patch.contains("tux.org"));
    const auto c = caseOf({patch, reply});
    const QString id = QStringLiteral("20101115095244.GI27362@csn.ul.ie");
    QCOMPARE(c->result(id).original, c->indexOf(QStringLiteral("59705f848d35b12ace640f92afcffea02cee0976.1289789605.git.joe@perches.com"))); // the copy is found ...
    QVERIFY2(!c->finding(id, QStringLiteral("B9")), qPrintable(c->describe(id))); // ... and holds no inserted link
}

QTEST_GUILESS_MAIN(TestStructureIndicators)
#include "tst_structureindicators.moc"
