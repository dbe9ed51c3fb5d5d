// The thread-structure indicators B1-B10 and the lure profile C1 (detection-spec section 5 "B. Thread
// structure / splice points" and "C. Content of the new segment") on real mail: the labelled hijacks and
// hard negatives of hijack-dev, messages derived from real list replies the way an attacker would change
// them, and the benign reference threads on which they must stay quiet.
#include "casefixture.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <memory>

using namespace th::analysis;
using Severity = Finding::Severity;

Q_DECLARE_METATYPE(Finding::Severity)

namespace {


// Reference thread 2 of corpora/README.md: the root patch, Alex Williamson's reply quoting it, Kevin Tian's
// Outlook reply (quoted "> From: / > Sent:" header) and the message Kevin replied to.
constexpr auto VfioRoot = "20230201192010.42748-1-mjrosato@linux.ibm.com";
constexpr auto AlexReply = "20230201162730.685b5332.alex.williamson@redhat.com";
constexpr auto KevinReply = "BN9PR11MB527649C5C0120F73DC8835528CD69@BN9PR11MB5276.namprd11.prod.outlook.com";
constexpr auto YiParent = "DS0PR11MB75298437F96D08758DB92368C3D69@DS0PR11MB7529.namprd11.prod.outlook.com";
constexpr auto VirtioRoot = "20230321134410.2097163-1-viktor@daynix.com";
// An IBM-internal exchange on the list: Janosch Frank answering Nico Boehr.
constexpr auto JanoschReply = "8754aab3-1b4a-d48e-cf30-081fe720583c@linux.ibm.com";
constexpr auto NicoParent = "167627590762.7662.2548443744874886411@t14-nrb.local";
// Janosch Frank's last Thunderbird reply ("On ..., X wrote:"), from the sender with 40 such replies.
constexpr auto JanoschLast = "0377f8c1-d5d7-04e4-8653-1289d190b955@linux.ibm.com";
// usrp-users reference thread 5: an Outlook top-post (Mon 9 Aug) quoting the history back to Fri 6 Aug,
// its parent and a later message of the thread (Tue 10 Aug) with text of its own.
constexpr auto TobinUpdate = "BN7PR05MB4500AA5AAC12664AB2D8E87CD5F69@BN7PR05MB4500.namprd05.prod.outlook.com";
constexpr auto TobinParent = "BN7PR05MB45009AF50E6C4419B7D2837DD5F69@BN7PR05MB4500.namprd05.prod.outlook.com";
constexpr auto TobinLater = "BN7PR05MB4500466BB13226803348260AD5F79@BN7PR05MB4500.namprd05.prod.outlook.com";

// One line of hijack-dev/labels.jsonl.
struct Label {
    int index = -1;
    QString id, label, style, inReplyTo, authenticFirstLine, spoofedAddress;
    QStringList stripped;
    double gapDays = -1;
    [[nodiscard]] bool hijack() const { return label.endsWith(u"-thread-hijack"); }
    [[nodiscard]] bool hardNegative() const { return label.startsWith(u"benign-"); }
};

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString severityName(const Finding *f)
{
    return f ? f->severityName() : QStringLiteral("none");
}

const Evidence *evidenceOf(const Finding *f, Evidence::Kind kind)
{
    if (!f)
        return nullptr;
    for (const Evidence &e : f->evidence) {
        if (e.kind == kind)
            return &e;
    }
    return nullptr;
}

// A line without quote marks and surrounding blanks: how the labels' authentic_first_line is compared.
QString unmarked(QString line)
{
    line = line.trimmed();
    while (line.startsWith(u'>'))
        line = line.mid(1).trimmed();
    return line;
}

QByteArray rfcDate(const QDateTime &d)
{
    return d.toUTC().toString(Qt::RFC2822Date).toLatin1();
}

// A copy of \a raw as another message: a new Message-ID (the engine keys on it) and optionally a new date.
QByteArray asNew(const QByteArray &raw, const QByteArray &id, const QDateTime &date = {})
{
    QByteArray out = CaseFixture::withHeader(raw, "Message-ID", '<' + id + '>');
    return date.isValid() ? CaseFixture::withHeader(out, "Date", rfcDate(date)) : out;
}

// \a raw as delivered directly, not through the list (list traffic is exempt from some checks).
QByteArray offList(QByteArray raw)
{
    for (const QByteArray name : {"List-Id", "List-Post", "List-Archive", "List-Help", "List-Subscribe", "List-Unsubscribe"})
        raw = CaseFixture::withoutHeader(raw, name);
    return raw;
}

// The messages of an mboxrd file by Message-ID (the first of repeated ids), without their "From " lines.
QHash<QString, QByteArray> mboxById(const QByteArray &data)
{
    static const QRegularExpression idRe(QStringLiteral("^Message-ID:\\s*<([^>]+)>"), QRegularExpression::CaseInsensitiveOption | QRegularExpression::MultilineOption);
    QHash<QString, QByteArray> out;
    for (qsizetype start = 0; start < data.size();) {
        qsizetype next = data.indexOf("\n\nFrom ", start);
        next = next < 0 ? data.size() : next + 2;
        QByteArray m = data.mid(start, next - start);
        m = m.mid(m.indexOf('\n') + 1);
        const auto match = idRe.match(QString::fromLatin1(m.left(m.indexOf("\n\n"))));
        if (match.hasMatch() && !out.contains(match.captured(1)))
            out.insert(match.captured(1), m);
        start = next;
    }
    return out;
}

} // namespace

class TestStructureIndicators : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    // B1
    void fakeReplyInHijackDev();
    void fakeReplyDerived_data();
    void fakeReplyDerived();
    // B2
    void brokenLinkageDerived_data();
    void brokenLinkageDerived();
    // B3
    void spliceMatchesLabels();
    void missingAttributionInHijackDev();
    void missingAttributionDerived_data();
    void missingAttributionDerived();
    // B4, B9
    void damagedHeaderBlocksInHijackDev();
    void strippedAddressesProvenByStore();
    void damagedHeaderDerived_data();
    void damagedHeaderDerived();
    void insertedLinkDerived_data();
    void insertedLinkDerived();
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

private:
    QByteArray s390(const QString &id);
    QByteArray usrp(const QString &id);
    /// A case of real messages (by id, from s390 or usrp-users) plus derived ones, analysed.
    /// The vfio root patch pasted whole under a lure from an outside address (splice style a-plain), as \a id.
    QByteArray pastedUnderLure(const QByteArray &id);
    std::unique_ptr<CaseFixture> caseOf(const QList<QByteArray> &raws, const CaseSettings &settings = {}) const;
    /// The labelled messages of hijack-dev that \a keep selects.
    QList<Label> labelled(const std::function<bool(const Label &)> &keep) const;
    const MessageAnalysis &devResult(const Label &l) const { return m_dev->analysis().messages[l.index]; }
    const Finding *devFinding(const Label &l, const QString &id) const;
    QString devDescribe(const Label &l) const { return l.id + u' ' + l.label + u' ' + l.style + u' ' + m_dev->describe(l.id); }

    QList<Label> m_labels;
    CaseSettings m_devSettings;
    std::unique_ptr<CaseFixture> m_dev;
    QHash<QString, QByteArray> m_s390; ///< the s390 archive by Message-ID
    QHash<QString, QByteArray> m_raw;  ///< usrp-users messages fetched so far, by Message-ID
};

void TestStructureIndicators::initTestCase()
{
    for (const QByteArray &line : readFile(CaseFixture::corpus(QStringLiteral("hijack-dev/labels.jsonl"))).split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.isEmpty())
            continue;
        Label l{o.value(u"index").toInt(), o.value(u"message_id").toString(), o.value(u"label").toString(),
                o.value(u"splice_style").toString(), o.value(u"in_reply_to_variant").toString(),
                o.value(u"authentic_first_line").toString(),
                o.value(u"spoofed_participant").toObject().value(u"real_address").toString().toLower(), {},
                o.value(u"gap_days").toDouble(-1)};
        for (const QJsonValue v : o.value(u"stripped_addresses").toArray())
            l.stripped << v.toString();
        m_labels << l;
    }
    QCOMPARE(m_labels.size(), 2322);
    // The organisation is configuration (the README says a detector must be told it): dataset.json.
    const QJsonObject dataset = QJsonDocument::fromJson(readFile(CaseFixture::corpus(QStringLiteral("hijack-dev/dataset.json")))).object();
    for (const QJsonValue v : dataset.value(u"org_domains").toArray())
        m_devSettings.organisationDomains << v.toString();
    QCOMPARE(m_devSettings.organisationDomains.size(), 3);

    QElapsedTimer t;
    t.start();
    m_dev = std::make_unique<CaseFixture>(m_devSettings);
    m_dev->addCorpus(QStringLiteral("hijack-dev/mailbox.mbox"));
    m_dev->analyse();
    QCOMPARE(m_dev->store().size(), 2322);
    qInfo("hijack-dev analysed in %lld ms", t.elapsed());
    for (const Label &l : std::as_const(m_labels))
        QVERIFY2(l.id.isEmpty() || m_dev->store().message(l.index).messageId == l.id, qPrintable(l.id)); // mailbox order
}

QByteArray TestStructureIndicators::s390(const QString &id)
{
    if (m_s390.isEmpty()) // the archive split once: many derived cases read from it
        m_s390 = mboxById(readFile(CaseFixture::corpus(QString::fromLatin1(CaseFixture::S390))));
    if (!m_s390.contains(id))
        qFatal("no s390 message %s", qPrintable(id));
    return m_s390.value(id);
}

QByteArray TestStructureIndicators::usrp(const QString &id)
{
    if (!m_raw.contains(id))
        m_raw.insert(id, CaseFixture::rawMessage(QString::fromLatin1(CaseFixture::Usrp), id));
    if (m_raw.value(id).isEmpty())
        qFatal("no usrp-users message %s", qPrintable(id));
    return m_raw.value(id);
}

QByteArray TestStructureIndicators::pastedUnderLure(const QByteArray &id)
{
    QByteArray raw = asNew(s390(QString::fromLatin1(VfioRoot)), id, QDateTime(QDate(2023, 2, 20), QTime(9, 0), Qt::UTC));
    raw = CaseFixture::withHeader(raw, "From", "\"Matthew Rosato\" <m.rosato.office@gmail.com>");
    raw = CaseFixture::withHeader(raw, "Subject", "RE: [PATCH v2] vfio: fix deadlock between group lock and kvm lock");
    return CaseFixture::withTextAbove(raw, "Please review the updated document before Friday.");
}

std::unique_ptr<CaseFixture> TestStructureIndicators::caseOf(const QList<QByteArray> &raws, const CaseSettings &settings) const
{
    auto c = std::make_unique<CaseFixture>(settings);
    for (const QByteArray &raw : raws)
        c->addMessage(raw);
    c->analyse();
    return c;
}

QList<Label> TestStructureIndicators::labelled(const std::function<bool(const Label &)> &keep) const
{
    QList<Label> out;
    std::copy_if(m_labels.cbegin(), m_labels.cend(), std::back_inserter(out), keep);
    return out;
}

const Finding *TestStructureIndicators::devFinding(const Label &l, const QString &id) const
{
    const Finding *best = nullptr;
    for (const Finding &f : devResult(l).findings) {
        if (f.id == id && (!best || f.severity > best->severity))
            best = &f;
    }
    return best;
}

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
        QCOMPARE(severityName(b1), QStringLiteral("medium"));
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
    QCOMPARE(severityName(b1), QStringLiteral("medium"));
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
    QVERIFY2(severityName(b2) == severity, qPrintable(c->describe(sid) + (b2 ? QStringLiteral(" / ") + b2->summary : QString())));
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
    QVERIFY2(matched * 100 >= total * 90, "splice found on fewer than 90 % of the labelled messages");
    const auto external = byLabel.value(QStringLiteral("external-thread-hijack"));
    QVERIFY2(external.first * 100 >= external.second * 85, "splice found on fewer than 85 % of the external hijacks");
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
        QCOMPARE(severityName(b3), QStringLiteral("medium"));
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
    // Engine defect (reported): MissingAttribution fires on a pasted copy only when the copy has no quoted
    // history of its own; most stolen messages are replies, so their pasted copy goes unflagged.
    QEXPECT_FAIL("", "B3 misses pasted copies of stolen replies (MissingAttribution requires an empty history)", Continue);
    QVERIFY2(plainFired * 100 >= plain * 80, "B3 on fewer than 80 % of the a-plain splices");
}

void TestStructureIndicators::missingAttributionDerived_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expect"); // words of the summary, or empty: no B3
    QTest::newRow("root patch pasted under a lure") << "pasted" << "with no attribution or quote marks";
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
    if (kind == u"pasted") {
        raw = pastedUnderLure(id);
    } else {
        raw = asNew(s390(QString::fromLatin1(AlexReply)), id);
        if (kind == u"unmarked")
            raw = CaseFixture::withBodyReplaced(CaseFixture::withBodyReplaced(raw, "\n> ", "\n"), "\n>\n", "\n\n");
    }
    const auto c = caseOf({root, raw});
    const QString sid = QString::fromLatin1(id);
    const Finding *b3 = c->finding(sid, QStringLiteral("B3"));
    if (expect.isEmpty()) {
        QVERIFY2(!b3, qPrintable(c->describe(sid)));
        return;
    }
    QVERIFY2(b3, qPrintable(c->describe(sid)));
    QCOMPARE(severityName(b3), QStringLiteral("medium"));
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
    QVERIFY2(severityName(b4) == severity, qPrintable(c->describe(sid)));
    if (!b4)
        return;
    QVERIFY2(b4->summary.contains(expect), qPrintable(b4->summary));
    const Evidence *e = evidenceOf(b4, Evidence::Kind::Text);
    QVERIFY(e);
    QVERIFY2(unmarked(c->bodyText(sid).mid(e->begin, e->end - e->begin)).startsWith(QStringLiteral("From")), qPrintable(e->value));
}

void TestStructureIndicators::insertedLinkDerived_data()
{
    QTest::addColumn<QByteArray>("link"); // appended to the first quoted line of Alex Williamson's reply
    QTest::addColumn<bool>("fires");
    QTest::newRow("unchanged") << QByteArray() << false;
    QTest::newRow("link to a file host") << QByteArray(" https://files-transfer.net/d/8UJq2/deadlock-fix.zip") << true;
    QTest::newRow("link the thread already has") << QByteArray(" https://lore.kernel.org/kvm/20230201192010.42748-1-mjrosato@linux.ibm.com/") << false;
}

// B9: a link written into the copy of the stored patch is a changed quote; a link of the thread is not.
void TestStructureIndicators::insertedLinkDerived()
{
    QFETCH(QByteArray, link);
    QFETCH(bool, fires);
    const QByteArray line("> After 51cdc8bc120e, we have another deadlock scenario between the");
    QByteArray raw = asNew(s390(QString::fromLatin1(AlexReply)), "derived-b9.alex.williamson@redhat.com");
    QVERIFY(raw.contains(line + '\n'));
    raw = CaseFixture::withBodyReplaced(raw, line + '\n', line + link + '\n');
    QByteArray root = s390(QString::fromLatin1(VfioRoot));
    if (link.contains("lore.kernel.org")) // the thread's own link, as the root's footer would give it
        root = CaseFixture::withBodyReplaced(root, "\n---\n", "\nLink:" + link + "\n---\n");
    const auto c = caseOf({root, raw});
    const QString id = QStringLiteral("derived-b9.alex.williamson@redhat.com");
    const Finding *b9 = c->finding(id, QStringLiteral("B9"));
    QVERIFY2(bool(b9) == fires, qPrintable(c->describe(id) + (b9 ? QStringLiteral(" / ") + b9->summary : QString())));
    if (!b9)
        return;
    QCOMPARE(severityName(b9), QStringLiteral("strong"));
    QVERIFY2(b9->summary.contains(QString::fromLatin1(link.trimmed()), Qt::CaseInsensitive), qPrintable(b9->summary));
    const Evidence *e = evidenceOf(b9, Evidence::Kind::Message);
    QVERIFY(e && e->name == QString::fromLatin1(VfioRoot));
}

// ---------------------------------------------------------------------------------------------------------
// B5: sent to exactly every address of the quoted history.

void TestStructureIndicators::replyToEveryQuotedAddress_data()
{
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<bool>("fires");
    const QByteArray all("yi.l.liu@intel.com, kevin.tian@intel.com, alex.williamson@redhat.com, mjrosato@linux.ibm.com, jgg@nvidia.com");
    QTest::newRow("every quoted address") << all << true;
    QTest::newRow("one left out") << QByteArray("yi.l.liu@intel.com, kevin.tian@intel.com, alex.williamson@redhat.com, mjrosato@linux.ibm.com") << false;
    QTest::newRow("real recipients") << QByteArray() << false;
}

// Kevin Tian's reply with a full quoted header (the vfio participants in To/Cc), sent back to them all.
void TestStructureIndicators::replyToEveryQuotedAddress()
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
    QCOMPARE(severityName(b5), QStringLiteral("weak"));
    const Evidence *e = evidenceOf(b5, Evidence::Kind::Header);
    QVERIFY(e && e->name == u"To" && e->value.contains(QStringLiteral("jgg@nvidia.com")));
}

// ---------------------------------------------------------------------------------------------------------
// B6: the gap from the newest referenced date.

// Benign revivals answer months later: B6 measures the labelled gap (from the newest real message of the
// thread); its severity follows the gap, and nothing makes it strong without identity or structure signals.
void TestStructureIndicators::revivalGapInHijackDev()
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

void TestStructureIndicators::revivalGapDerived_data()
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
void TestStructureIndicators::revivalGapDerived()
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
    QVERIFY2(severityName(b6) == severity, qPrintable(c->describe(sid)));
    if (!b6)
        return;
    QVERIFY2(qAbs(b6->magnitude - days) <= 1, qPrintable(QStringLiteral("%1 days, %2 after the newest quote").arg(b6->magnitude).arg(days)));
    QVERIFY2(b6->summary.contains(parentDate.date().toString(Qt::ISODate)) || b6->summary.contains(parentDate.toUTC().date().toString(Qt::ISODate)), qPrintable(b6->summary));
}

// ---------------------------------------------------------------------------------------------------------
// B7: Thread-Index.

void TestStructureIndicators::threadIndexDerived_data()
{
    QTest::addColumn<QString>("index"); // "parent": the parent's copied unchanged; "usrp": another thread's; else the value
    QTest::addColumn<QString>("severity");
    QTest::newRow("parent's index copied") << "parent" << "strong";
    QTest::newRow("another conversation") << "usrp" << "medium"; // Jonathan Tobin's, from the usrp-users thread
    QTest::newRow("malformed") << "AQHZNnJFiVrNVn+V" << "weak";
}

// Kevin Tian's Outlook reply with its Thread-Index changed, in a case holding the message it replies to.
void TestStructureIndicators::threadIndexDerived()
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
    QVERIFY2(severityName(b7) == severity, qPrintable(c->describe(sid) + (b7 ? QStringLiteral(" / ") + b7->summary : QString())));
    const Evidence *e = evidenceOf(b7, Evidence::Kind::Header);
    QVERIFY(e && e->name == u"Thread-Index" && e->value == QString::fromLatin1(value));
}

// Exchange Online replies within Intel extend the parent's Thread-Index (same 6-byte date prefix, one
// more 5-byte child block) but carry a GUID of their own. Kevin Tian's real reply is one of them.
void TestStructureIndicators::threadIndexQuietOnRealOutlook()
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
void TestStructureIndicators::quoteStyleChangeDerived()
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
    QCOMPARE(severityName(b8), QStringLiteral("medium"));
    QVERIFY2(b8->summary.contains(QStringLiteral("frankja@linux.ibm.com")) && b8->summary.contains(QStringLiteral("on-wrote")), qPrintable(b8->summary));
    const Evidence *e = evidenceOf(b8, Evidence::Kind::Text);
    QVERIFY(e);
    QCOMPARE(c->bodyText(sid).mid(e->begin).section(u'\n', 0, 0).trimmed(), QStringLiteral("-----Original Message-----"));
    QVERIFY2(!c->finding(QString::fromLatin1(JanoschLast), QStringLiteral("B8")), qPrintable(c->describe(QString::fromLatin1(JanoschLast))));
}

// Forwarding is not replying: a participant's forward block says nothing about the client they reply with.
void TestStructureIndicators::quoteStyleQuietOnForwards()
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

void TestStructureIndicators::internalHistoryDerived_data()
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
void TestStructureIndicators::internalHistoryDerived()
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
    QCOMPARE(severityName(b10), QStringLiteral("medium"));
    const Evidence *e = evidenceOf(b10, Evidence::Kind::Header);
    QVERIFY(e && e->name == u"From" && e->value.contains(QStringLiteral("janosch.frank.de@gmail.com")));
}

// In hijack-dev the stolen conversations are public list threads with outside authors: B10 may fire only
// where the quoted participants really are the organisation's, never on clean mail or hard negatives.
void TestStructureIndicators::internalHistoryInHijackDev()
{
    QStringList wrong;
    for (const Label &l : std::as_const(m_labels)) {
        const Finding *b10 = devFinding(l, QStringLiteral("B10"));
        if (!b10)
            continue;
        QVERIFY2(l.hijack(), qPrintable(devDescribe(l)));
        QCOMPARE(severityName(b10), QStringLiteral("medium"));
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
void TestStructureIndicators::lureProfileInHijackDev()
{
    int hijacks = 0, fired = 0;
    QStringList overlapping;
    for (const Label &l : labelled([](const Label &l) { return l.hijack(); })) {
        ++hijacks;
        const Finding *c1 = devFinding(l, QStringLiteral("C1"));
        if (!c1)
            continue;
        ++fired;
        QCOMPARE(severityName(c1), QStringLiteral("medium"));
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
void TestStructureIndicators::lureProfileDerived()
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
    QCOMPARE(severityName(c1), QStringLiteral("medium"));
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
void TestStructureIndicators::hardNegativesStayQuiet()
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
void TestStructureIndicators::listTrafficStaysQuiet()
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

void TestStructureIndicators::referenceThreadsStayQuiet_data()
{
    CaseFixture::referenceThreadRows();
}

// The five benign reference threads, read in their archive: no structure or lure indicator above weak
// (B7 aside, see threadIndexQuietOnRealOutlook), and none of B1, B2, B5, B9, B10, C1 at all.
void TestStructureIndicators::referenceThreadsStayQuiet()
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

QTEST_GUILESS_MAIN(TestStructureIndicators)
#include "tst_structureindicators.moc"
