// Campaign-level indicators on real mail: C1 (lure profile), D1 (the same stolen conversation in several
// messages: MinHash, LSH, reuse clusters), D2 (one lure template in several threads, and the one-hour burst of
// a compromised account) and E (victim hijacking from the real account). Ground truth comes from the labels
// of corpora/hijack-dev; derived cases splice lures into real kselftest threads the way the write-ups describe.
#include "casefixture.h"

#include "analysis/lshindex.h"
#include "analysis/minhash.h"
#include "analysis/reuseclusters.h"
#include "analysis/shingles.h"
#include "analysis/threader.h"
#include "analysis/indicators/luretemplates.h"

#include "model/importjob.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <iterator>

using namespace th;
using namespace th::analysis;

namespace {

const QString HijackDev = QStringLiteral("hijack-dev/mailbox.mbox");
const QString Kselftest = QStringLiteral("lists/linux-kselftest_2023-03.maildir");

// Threads of the kselftest archive used as stolen conversations (all text/plain, every message present).
const QString TunThread = QStringLiteral("a0734a6b-9491-b43a-6dff-4d3498faee2e@alu.unizg.hr");        // 8 msgs, README thread 4
const QString FirmwareThread = QStringLiteral("97e284be-5018-9d18-feb2-7ec4b08c06fd@alu.unizg.hr");  // 5 msgs
const QString SigaltstackThread = QStringLiteral("CA+G9fYsi3OOu7yCsMutpzKDnBMAzJBCPimBp86LhGBa0eCnEpA@mail.gmail.com"); // 5 msgs
const QString L2tpThread = QStringLiteral("ZCQt7hmodtUaBlCP@righiandr-XPS-13-7390");                 // 4 msgs

// One label line of hijack-dev/labels.jsonl.
struct Label {
    int index = -1;
    QString messageId, label, reuseGroup, campaignGroup, authenticFirstLine, baseMessageId;
};

QList<Label> readLabels()
{
    QList<Label> out;
    QFile f(CaseFixture::corpus(QStringLiteral("hijack-dev/labels.jsonl")));
    if (!f.open(QIODevice::ReadOnly))
        return out;
    while (!f.atEnd()) {
        const QJsonObject o = QJsonDocument::fromJson(f.readLine()).object();
        if (o.isEmpty())
            continue;
        out << Label{o.value(u"index").toInt(), o.value(u"message_id").toString(), o.value(u"label").toString(),
                     o.value(u"reuse_group").toString(), o.value(u"campaign_group").toString(),
                     o.value(u"authentic_first_line").toString(), o.value(u"base_message_id").toString()};
    }
    return out;
}

// A real mail archive read with the model only (no analysis): the source of real threads and bodies.
struct Library {
    model::MailStore store;
    model::ThreadSet threads;

    int indexOf(const QString &id) const
    {
        const QList<int> hits = store.byId(id);
        return hits.isEmpty() ? -1 : hits.first();
    }
    const model::Message &message(const QString &id) const
    {
        const int i = indexOf(id);
        if (i < 0)
            qFatal("no message %s in the library", qPrintable(id));
        return store.message(i);
    }
    /// The evidence files of every message in the thread of \a id (a Maildir has one file per message).
    QStringList threadFiles(const QString &id) const
    {
        QStringList out;
        const int thread = threads.threadOfMessage.value(indexOf(id), -1);
        if (thread < 0)
            return out;
        for (int m : threads.threads[thread].messageIndexes())
            out << store.sources()[store.message(m).source.fileIndex].path;
        return out;
    }
    QStringList threadIds(const QString &id) const
    {
        QStringList out;
        const int thread = threads.threadOfMessage.value(indexOf(id), -1);
        if (thread >= 0) {
            for (int m : threads.threads[thread].messageIndexes())
                out << store.message(m).messageId;
        }
        return out;
    }
};

QByteArray rfcDate(const QDateTime &d)
{
    return d.toUTC().toString(Qt::RFC2822Date).toLatin1();
}

// A message written from scratch around real text, as the attacker's or the victim's client would send it.
struct Mail {
    QByteArray messageId; // without brackets
    QByteArray from, to, cc, subject;
    QDateTime date;
    QByteArray inReplyTo;  // without brackets
    QByteArray references; // with brackets, space separated
    QByteArray mailerHeader = "X-Mailer";
    QByteArray mailer;
    QString body;
    struct Part {
        QByteArray fileName, mimeType, content;
    };
    QList<Part> attachments;

    QByteArray raw() const
    {
        QByteArray h;
        const auto add = [&h](const QByteArray &name, const QByteArray &value) {
            if (!value.isEmpty())
                h += name + ": " + value + '\n';
        };
        add("Message-ID", '<' + messageId + '>');
        add("Date", rfcDate(date));
        add("From", from);
        add("To", to);
        add("Cc", cc);
        add("Subject", subject);
        add("In-Reply-To", inReplyTo.isEmpty() ? QByteArray() : '<' + inReplyTo + '>');
        add("References", references);
        add(mailerHeader, mailer);
        h += "MIME-Version: 1.0\n";
        const QByteArray text = body.toUtf8();
        if (attachments.isEmpty())
            return h + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + text + '\n';
        const QByteArray boundary = "----=_Part_" + QByteArray::number(qHash(messageId), 16);
        QByteArray out = h + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\n\n";
        out += "--" + boundary + "\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + text + '\n';
        for (const Part &p : attachments) {
            out += "--" + boundary + "\nContent-Type: " + p.mimeType + "; name=\"" + p.fileName + "\"\n"
                   "Content-Disposition: attachment; filename=\"" + p.fileName + "\"\nContent-Transfer-Encoding: base64\n\n"
                   + p.content.toBase64() + '\n';
        }
        return out + "--" + boundary + "--\n";
    }
};

// The bytes of a tiny archive: an empty zip (end-of-central-directory record only).
QByteArray tinyZip()
{
    return QByteArray("PK\x05\x06", 4) + QByteArray(18, '\0');
}

Mail::Part zip(const QByteArray &name)
{
    return {name, "application/zip", tinyZip()};
}

QString quoted(const QString &text)
{
    QStringList out;
    for (const QString &line : text.split(u'\n'))
        out << (line.startsWith(u'>') ? u'>' + line : (line.isEmpty() ? QStringLiteral(">") : QStringLiteral("> ") + line));
    return out.join(u'\n');
}

QString firstName(const QString &displayName)
{
    return displayName.section(u' ', 0, 0);
}

QByteArray address(const model::MailAddress &a)
{
    return (a.name.isEmpty() ? QString() : u'"' + a.name + QStringLiteral("\" ")).toUtf8() + '<' + a.address.toUtf8() + '>';
}

// A copy of real message \a m with a lure above it, from an outside sender, as an external hijack sends it:
// "RE:" subject, no In-Reply-To, the stolen text pasted below the lure (splice style a-plain), or under a
// fabricated Outlook block without addresses (b-outlook-block).
Mail externalCopy(const model::Message &m, const QByteArray &from, const QByteArray &id, int days, const QString &lure, bool outlookBlock = false)
{
    Mail out;
    out.messageId = id;
    out.from = from;
    out.to = address(m.from);
    out.subject = "RE: " + m.subject.toUtf8();
    out.date = m.date.addDays(days);
    out.mailer = "Microsoft Outlook 16.0";
    QString history = m.textBody;
    if (outlookBlock) {
        QStringList to;
        for (const model::MailAddress &a : m.to)
            to << (a.name.isEmpty() ? a.address.section(u'@', 0, 0) : a.name);
        history = QStringLiteral("From: %1\nSent: %2\nTo: %3\nSubject: %4\n\n")
                      .arg(m.from.name, m.date.toString(QStringLiteral("dddd, MMMM d, yyyy h:mm AP")), to.join(QStringLiteral("; ")), m.subject)
                  + history;
    }
    out.body = lure + QStringLiteral("\n\n") + history;
    return out;
}

// A proper reply to real message \a parent: attribution, ">"-quoted copy, In-Reply-To and References.
Mail reply(const model::Message &parent, const QByteArray &from, const QByteArray &id, const QDateTime &date, const QString &text)
{
    Mail out;
    out.messageId = id;
    out.from = from;
    out.to = address(parent.from);
    out.subject = (parent.subject.startsWith(QLatin1String("Re:"), Qt::CaseInsensitive) ? parent.subject : QStringLiteral("Re: ") + parent.subject).toUtf8();
    out.date = date;
    out.inReplyTo = parent.messageId.toUtf8();
    for (const QString &r : parent.references)
        out.references += '<' + r.toUtf8() + "> ";
    out.references += '<' + parent.messageId.toUtf8() + '>';
    out.body = text + QStringLiteral("\n\nOn %1, %2 wrote:\n").arg(parent.date.toString(QStringLiteral("M/d/yy HH:mm")), parent.from.name)
               + quoted(parent.textBody);
    return out;
}

bool hasFinding(const MessageAnalysis &a, const char16_t *id)
{
    return std::any_of(a.findings.cbegin(), a.findings.cend(), [id](const Finding &f) { return f.id == id; });
}

// The E finding of the burst form (one sender, one lure, three threads, one hour), as opposed to the
// per-message E of VictimHijack. The burst names the number of threads and the hour.
bool hasBurst(const MessageAnalysis &a)
{
    return std::any_of(a.findings.cbegin(), a.findings.cend(),
                       [](const Finding &f) { return f.id == u"E" && f.summary.contains(QLatin1String("within an hour")); });
}

bool isHijack(const Verdict &v)
{
    return v.kind == Verdict::Kind::ExternalThreadHijack || v.kind == Verdict::Kind::VictimThreadHijack;
}

// Exact Jaccard of two sorted distinct hash sets, computed here rather than by the code under test.
double exactJaccard(const std::vector<quint64> &a, const std::vector<quint64> &b)
{
    std::vector<quint64> common;
    std::set_intersection(a.cbegin(), a.cend(), b.cbegin(), b.cend(), std::back_inserter(common));
    const double all = double(a.size() + b.size() - common.size());
    return all == 0 ? 0 : double(common.size()) / all;
}

// P(a pair with Jaccard j shares at least one of b bands of r rows) = 1 - (1 - j^r)^b.
double candidateProbability(double j)
{
    return 1 - std::pow(1 - std::pow(j, LshIndex::Rows), LshIndex::Bands);
}

bool sharesBucket(const MinHash::Signature &a, const MinHash::Signature &b)
{
    LshIndex index;
    index.add(0, a);
    return index.candidates(b).contains(0);
}

} // namespace

class TestCampaignIndicators : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    // MinHash / LSH / reuse clustering on real text
    void parametersFollowSpec();
    void minHashBasics();
    void minHashEstimatesJaccard();
    void lshFindsNearDuplicates();
    void lshRarelyPairsUnrelatedMessages();
    void reuseClustersJoinCopiesOnly();

    // D1
    void reuseGroupsAreClusters();
    void wavesOfOneStolenThreadFormOneCluster();
    void replyAllStormIsNotReuse();

    // C1
    void lureProfile_data();
    void lureProfile();
    void longRealReplyWithLinkIsNotALure_data();
    void longRealReplyWithLinkIsNotALure();

    // D2
    void lureTemplateAcrossThreads_data();
    void lureTemplateAcrossThreads();
    void campaignGroupsAreBursts();
    void lureTemplatesOfHijackDev();

    // E
    void victimHijack_data();
    void victimHijack();
    void victimHijackRepeatedFromTheSameRogueClient();
    void hijackTypesFollowLabels();

private:
    CaseFixture fixtureWithThreads(const QStringList &threadRoots, const QList<Mail> &added, const QStringList &organisation = {}) const;

    Library m_lib;
    CaseFixture m_dev{[] {
        CaseSettings s;
        s.organisationDomains = {QStringLiteral("ettus.com"), QStringLiteral("ni.com"), QStringLiteral("ibm.com")}; // dataset.json
        return s;
    }()};
    QList<Label> m_labels;
    QHash<QString, Label> m_labelById;
};

void TestCampaignIndicators::initTestCase()
{
    m_lib.store = model::ImportJob({CaseFixture::corpus(Kselftest)}).run();
    m_lib.threads = Threader::thread(m_lib.store.messages());
    QVERIFY2(m_lib.store.size() > 1200, "the kselftest corpus is incomplete");
    for (const QString &root : {TunThread, FirmwareThread, SigaltstackThread, L2tpThread})
        QVERIFY2(m_lib.threadIds(root).size() >= 4, qPrintable(root));

    m_labels = readLabels();
    QCOMPARE(m_labels.size(), 2322);
    for (const Label &l : std::as_const(m_labels)) {
        if (!l.messageId.isEmpty() && l.label != u"clean")
            m_labelById.insert(l.messageId, l);
    }
    m_dev.addCorpus(HijackDev);
    m_dev.analyse();
    QVERIFY(m_dev.store().size() >= 2300);
}

CaseFixture TestCampaignIndicators::fixtureWithThreads(const QStringList &threadRoots, const QList<Mail> &added, const QStringList &organisation) const
{
    CaseSettings settings;
    settings.organisationDomains = organisation;
    CaseFixture c(settings);
    for (const QString &root : threadRoots) {
        for (const QString &file : m_lib.threadFiles(root))
            c.addCorpus(file);
    }
    for (const Mail &m : added)
        c.addMessage(m.raw());
    c.analyse();
    return c;
}

// ------------------------------------------------------------------------------------------------
// MinHash / LSH

// detection-spec D1: 128 permutations over 5-word shingles, 16 bands x 8 rows (candidate threshold about
// (1/16)^(1/8) = 0.71), verification at exact Jaccard >= 0.8.
void TestCampaignIndicators::parametersFollowSpec()
{
    QCOMPARE(MinHash::Size, 128);
    QCOMPARE(LshIndex::Bands, 16);
    QCOMPARE(LshIndex::Rows, 8);
    QCOMPARE(LshIndex::Bands * LshIndex::Rows, MinHash::Size);
    QCOMPARE(Shingles::DefaultSize, 5);
    QCOMPARE(ReuseClusters::MinJaccard, 0.8);
    const double threshold = std::pow(1.0 / LshIndex::Bands, 1.0 / LshIndex::Rows);
    QVERIFY(std::abs(threshold - 0.707) < 0.001);
    // at the threshold a pair is a candidate with probability about 1 - 1/e (S-curve midpoint region)
    QVERIFY(std::abs(candidateProbability(threshold) - (1 - std::pow(1 - 1.0 / 16, 16))) < 1e-9);
    qInfo("LSH: P(candidate) at J=0.5 %.4f, 0.71 %.3f, 0.8 %.3f, 0.9 %.5f", candidateProbability(0.5), candidateProbability(threshold),
          candidateProbability(0.8), candidateProbability(0.9));
}

void TestCampaignIndicators::minHashBasics()
{
    const QString a = m_lib.message(QStringLiteral("910f9616-fdcc-51bd-786d-8ecc9f4b5179@alu.unizg.hr")).textBody;
    const QString b = m_lib.message(QStringLiteral("50a96bb9-113a-cb06-919c-f544f6b59493@intel.com")).textBody;
    const std::vector<quint64> sa = Shingles::set(a), sb = Shingles::set(b);
    // Both sets are larger than the signature, so every slot is the minimum over many shingles. (The tun
    // message is 3400 words of a repetitive kernel log: only about 480 of its 5-word shingles are distinct.)
    QVERIFY2(sa.size() >= size_t(2 * MinHash::Size) && sb.size() >= size_t(MinHash::Size),
             qPrintable(QStringLiteral("%1 and %2 distinct shingles").arg(sa.size()).arg(sb.size())));
    const MinHash::Signature siga = MinHash::of(sa);
    QCOMPARE(MinHash::of(sa), siga);          // a fixed family: comparable across runs and cases
    QCOMPARE(MinHash::estimate(siga, siga), 1.0);
    // the estimate depends on the set, not on the order the shingles come in
    std::vector<quint64> reversed(sa.rbegin(), sa.rend());
    QCOMPARE(MinHash::of(reversed), siga);
    // two unrelated real messages share no shingle: no slot may agree by more than chance of a 64-bit tie
    QCOMPARE(exactJaccard(sa, sb), 0.0);
    QCOMPARE(MinHash::estimate(siga, MinHash::of(sb)), 0.0);
    // a superset keeps every slot where the subset's minimum is also the superset's minimum
    std::vector<quint64> both;
    std::set_union(sa.cbegin(), sa.cend(), sb.cbegin(), sb.cend(), std::back_inserter(both));
    const MinHash::Signature sigu = MinHash::of(both);
    for (int i = 0; i < MinHash::Size; ++i)
        QVERIFY(sigu[size_t(i)] <= siga[size_t(i)]);
}

// The number of agreeing slots is Binomial(128, J) for a min-wise independent family, so the estimate has
// standard deviation sqrt(J(1-J)/128) <= 0.044. Checked on real pairs from hijack-dev: replies against the
// parent they quote, hijacks against the message they stole, and random unrelated messages.
void TestCampaignIndicators::minHashEstimatesJaccard()
{
    const CaseAnalysis &a = m_dev.analysis();
    const model::MailStore &store = m_dev.store();
    QList<std::pair<int, int>> pairs;
    for (int i = 0; i < store.size() && pairs.size() < 700; ++i) {
        const model::Message &m = store.message(i);
        if (m.inReplyTo.isEmpty() || a.bodies[i].quoteStart() < 0)
            continue;
        const int parent = m_dev.indexOf(m.inReplyTo.first());
        if (parent >= 0 && parent != i)
            pairs << std::pair{i, parent};
    }
    for (const Label &l : std::as_const(m_labels)) {
        if (l.label == u"external-thread-hijack" && m_dev.indexOf(l.baseMessageId) >= 0)
            pairs << std::pair{m_dev.indexOf(l.messageId), m_dev.indexOf(l.baseMessageId)};
    }
    QRandomGenerator random(20240611);
    for (int k = 0; k < 300; ++k)
        pairs << std::pair{int(random.bounded(store.size())), int(random.bounded(store.size()))};

    int n = 0, informative = 0, outside = 0;
    double sumError = 0, sumSquared = 0, sumVariance = 0, worstZ = 0, sumAbs = 0;
    for (const auto &[x, y] : std::as_const(pairs)) {
        if (x == y)
            continue;
        // the reply's quoted part against the parent; whole texts otherwise
        const QString &tx = a.bodies[x].text;
        const qsizetype qs = a.bodies[x].quoteStart();
        const std::vector<quint64> sx = Shingles::set(qs > 0 && store.message(x).inReplyTo.contains(store.message(y).messageId) ? QStringView(tx).sliced(qs) : QStringView(tx));
        const std::vector<quint64> sy = Shingles::set(a.bodies[y].text);
        if (sx.size() < 20 || sy.size() < 20)
            continue;
        const double j = exactJaccard(sx, sy);
        const double est = MinHash::estimate(MinHash::of(sx), MinHash::of(sy));
        const double sigma = std::sqrt(j * (1 - j) / MinHash::Size);
        const double err = est - j;
        ++n;
        sumError += err;
        sumAbs += std::abs(err);
        // per pair: within 5 sigma, plus two slots for the discreteness of the count
        if (std::abs(err) > 5 * sigma + 2.0 / MinHash::Size) {
            ++outside;
            qWarning("pair %d/%d: J %.3f, estimate %.3f", x, y, j, est);
        }
        if (j > 0.05 && j < 0.95) {
            ++informative;
            sumSquared += err * err;
            sumVariance += j * (1 - j) / MinHash::Size;
            worstZ = std::max(worstZ, std::abs(err) / sigma);
        }
    }
    const double mseRatio = sumSquared / sumVariance;
    qInfo("MinHash on %d real pairs (%d with 0.05<J<0.95): mean error %+.4f, mean |error| %.4f, observed/binomial variance %.2f, worst |z| %.2f",
          n, informative, sumError / n, sumAbs / n, mseRatio, worstZ);
    QVERIFY(n >= 500);
    QVERIFY2(informative >= 100, "too few pairs with intermediate similarity to test the variance");
    QCOMPARE(outside, 0);
    QVERIFY(std::abs(sumError / n) < 0.01);    // unbiased
    // the variance matches the binomial model: for ~100+ pairs the ratio's own spread is about sqrt(2/k) < 0.15
    QVERIFY2(mseRatio > 0.5 && mseRatio < 1.6, qPrintable(QString::number(mseRatio)));
}

// Pairs with exact Jaccard >= 0.8 share a band with probability >= 1 - (1 - 0.8^8)^16 = 0.947; the count of
// found pairs is a sum of Bernoulli trials with those probabilities, so it may fall short of its expectation
// by at most a few standard deviations.
void TestCampaignIndicators::lshFindsNearDuplicates()
{
    const CaseAnalysis &a = m_dev.analysis();
    const model::MailStore &store = m_dev.store();
    QList<std::pair<std::vector<quint64>, std::vector<quint64>>> sets;
    // replies quoting their whole parent, and hijacks carrying a stolen message
    for (int i = 0; i < store.size(); ++i) {
        const model::Message &m = store.message(i);
        const qsizetype qs = a.bodies[i].quoteStart();
        if (m.inReplyTo.isEmpty() || qs < 0)
            continue;
        const int parent = m_dev.indexOf(m.inReplyTo.first());
        if (parent >= 0 && parent != i)
            sets << std::pair{Shingles::set(QStringView(a.bodies[i].text).sliced(qs)), Shingles::set(a.bodies[parent].text)};
    }
    for (const Label &l : std::as_const(m_labels)) {
        if (l.label == u"external-thread-hijack" && m_dev.indexOf(l.baseMessageId) >= 0)
            sets << std::pair{Shingles::set(m_dev.bodyText(l.messageId)), Shingles::set(m_dev.bodyText(l.baseMessageId))};
    }
    int n = 0, found = 0;
    double expected = 0, variance = 0;
    for (const auto &[x, y] : std::as_const(sets)) {
        if (x.size() < 20 || y.size() < 20)
            continue;
        const double j = exactJaccard(x, y);
        if (j < ReuseClusters::MinJaccard)
            continue;
        const double p = candidateProbability(j);
        ++n;
        expected += p;
        variance += p * (1 - p);
        found += sharesBucket(MinHash::of(x), MinHash::of(y)) ? 1 : 0;
    }
    qInfo("LSH recall on %d real pairs with J >= 0.8: %d found (%.3f), %.1f expected", n, found, double(found) / n, expected);
    QVERIFY(n >= 100);
    QVERIFY(found >= expected - 4 * std::sqrt(variance) - 1);
    QVERIFY(double(found) / n >= 0.947 - 4 * std::sqrt(0.947 * 0.053 / n));
}

// Unrelated real messages (clean, different threads) are candidates only as often as their own Jaccard
// similarity says: the expected count is sum(1 - (1 - J^8)^16), tiny for J < 0.5 (at most 16 * 0.5^8 = 0.06).
void TestCampaignIndicators::lshRarelyPairsUnrelatedMessages()
{
    const CaseAnalysis &a = m_dev.analysis();
    const model::MailStore &store = m_dev.store();
    QList<int> items;
    std::vector<std::vector<quint64>> sets(size_t(store.size()));
    std::vector<MinHash::Signature> sigs(size_t(store.size()));
    LshIndex index;
    for (int i = 0; i < store.size(); ++i) {
        if (m_labelById.contains(store.message(i).messageId))
            continue; // synthetic: a copy of some real message by construction
        sets[size_t(i)] = Shingles::set(a.bodies[i].text);
        if (sets[size_t(i)].size() < size_t(ReuseClusters::MinShingles))
            continue;
        sigs[size_t(i)] = MinHash::of(sets[size_t(i)]);
        index.add(i, sigs[size_t(i)]);
        items << i;
    }
    QRandomGenerator random(1997);
    QHash<int, QList<int>> candidatesOf;
    int pairs = 0, candidates = 0, lowJCandidates = 0;
    double expected = 0, variance = 0;
    while (pairs < 20000) {
        const int x = items[random.bounded(int(items.size()))], y = items[random.bounded(int(items.size()))];
        if (x == y || m_dev.threads().threadOfMessage[x] == m_dev.threads().threadOfMessage[y])
            continue;
        ++pairs;
        const double j = exactJaccard(sets[size_t(x)], sets[size_t(y)]);
        const double p = candidateProbability(j);
        expected += p;
        variance += p * (1 - p);
        if (!candidatesOf.contains(y))
            candidatesOf.insert(y, index.candidates(sigs[size_t(y)]));
        if (candidatesOf[y].contains(x)) {
            ++candidates;
            lowJCandidates += j < 0.5 ? 1 : 0;
        }
    }
    qInfo("LSH on %d random pairs of unrelated real messages: %d candidates (%.4f %%), %.2f expected from their Jaccard, %d of them below J 0.5",
          pairs, candidates, 100.0 * candidates / pairs, expected, lowJCandidates);
    QVERIFY(candidates <= expected + 4 * std::sqrt(variance) + 2);
    QVERIFY(lowJCandidates <= 2);
    QVERIFY(candidates * 1000 <= pairs * 2); // rarely: at most 0.2 %
}

// ReuseClusters on real text: copies of one message with different lures above them form one cluster;
// a copy truncated below Jaccard 0.8, unrelated text and texts under 20 shingles never join.
void TestCampaignIndicators::reuseClustersJoinCopiesOnly()
{
    const QString original = m_lib.message(QStringLiteral("910f9616-fdcc-51bd-786d-8ecc9f4b5179@alu.unizg.hr")).textBody;
    const QString other = m_lib.message(QStringLiteral("50a96bb9-113a-cb06-919c-f544f6b59493@intel.com")).textBody;
    const QStringList words = original.split(u' ');
    const QString copy1 = QStringLiteral("Please see the attached document for review.\n\n") + original;
    const QString copy2 = QStringLiteral("Kindly confirm receipt of the invoice below.\n\n") + original;
    QString truncated = words.mid(0, int(words.size() * 0.7)).join(u' ');
    const QString shortText = QStringLiteral("Thanks, applied to the fixes branch.");
    const QList<QString> texts{original, copy1, other, truncated, copy2, shortText, shortText, QString()};
    // preconditions, measured independently
    QVERIFY(exactJaccard(Shingles::set(original), Shingles::set(copy1)) > 0.95);
    const double jt = exactJaccard(Shingles::set(original), Shingles::set(truncated));
    QVERIFY2(jt > 0.5 && jt < 0.78, qPrintable(QString::number(jt)));

    QList<QStringView> views;
    for (const QString &t : texts)
        views << QStringView(t);
    const QList<QList<int>> clusters = ReuseClusters::find(views);
    QCOMPARE(clusters.size(), 1);
    QCOMPARE(clusters.first(), (QList<int>{0, 1, 4}));
}

// ------------------------------------------------------------------------------------------------
// D1

// hijack-dev: the waves built on one stolen message share reuse_group. Every group of two or more must be one
// cluster with D1 on each member; no cluster may mix groups or take in a message outside every group.
void TestCampaignIndicators::reuseGroupsAreClusters()
{
    QHash<QString, QStringList> groups;
    for (const Label &l : std::as_const(m_labels)) {
        if (!l.reuseGroup.isEmpty())
            groups[l.reuseGroup] << l.messageId;
    }
    QCOMPARE(groups.size(), 37);
    int split = 0, withoutD1 = 0, multi = 0;
    for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
        if (it.value().size() < 2)
            continue;
        ++multi;
        QSet<QString> clusters;
        for (const QString &id : it.value()) {
            clusters.insert(m_dev.result(id).reuseCluster);
            if (!m_dev.finding(id, QStringLiteral("D1"))) {
                ++withoutD1;
                qWarning("%s (%s) has no D1: %s", qPrintable(id), qPrintable(it.key()), qPrintable(m_dev.describe(id)));
            }
        }
        if (clusters.size() != 1 || clusters.contains(QString())) {
            ++split;
            qWarning("%s is not one cluster: %s", qPrintable(it.key()), qPrintable(QStringList(clusters.values()).join(u',')));
        }
    }
    // clusters against groups, pairwise as the hijack-dev scorer counts them
    QHash<QString, QStringList> members;
    for (int i = 0; i < m_dev.store().size(); ++i) {
        const QString &c = m_dev.analysis().messages[i].reuseCluster;
        if (!c.isEmpty())
            members[c] << m_dev.store().message(i).messageId;
    }
    int predicted = 0, correct = 0, gold = 0, foreign = 0;
    for (const QStringList &ids : std::as_const(groups))
        gold += int(ids.size() * (ids.size() - 1) / 2);
    for (auto it = members.cbegin(); it != members.cend(); ++it) {
        const QStringList &ids = it.value();
        for (int x = 0; x < ids.size(); ++x) {
            const QString gx = m_labelById.value(ids[x]).reuseGroup;
            if (gx.isEmpty()) {
                ++foreign;
                qWarning("%s (%s) is in %s with stolen-thread waves: %s", qPrintable(ids[x]), qPrintable(m_labelById.contains(ids[x]) ? m_labelById.value(ids[x]).label : QStringLiteral("clean")),
                         qPrintable(it.key()), qPrintable(m_dev.describe(ids[x])));
            }
            for (int y = x + 1; y < ids.size(); ++y) {
                ++predicted;
                correct += !gx.isEmpty() && gx == m_labelById.value(ids[y]).reuseGroup ? 1 : 0;
            }
        }
    }
    qInfo("reuse clustering: %d groups of 2+, %d split, %d members without D1; pairs: gold %d, predicted %d, correct %d (P=%.3f R=%.3f); %d clustered messages outside every group",
          multi, split, withoutD1, gold, predicted, correct, predicted ? double(correct) / predicted : 0.0, gold ? double(correct) / gold : 0.0, foreign);
    // rg-dev-030: the first look-alike wave (re-dhat.com) shares a header thread with the second wave from the
    // same address; only earlier messages make a sender part of the conversation, so both waves stay in.
    QCOMPARE(split, 0);
    QCOMPARE(withoutD1, 0);
    // rg-dev-011: the clean list message the waves were copied from (their MessageAnalysis::original) is clustered
    // with its own copies, because its quoted part is most of what they pasted.
    QEXPECT_FAIL("", "engine: ThreadReuse::apply clusters the stolen original itself (the 'original' of the other members) "
                     "with its copies; a B4 false positive makes it count as suspicious", Continue);
    QCOMPARE(predicted, correct);
    QEXPECT_FAIL("", "engine: the stolen original is clustered with its copies (see predicted/correct)", Continue);
    QCOMPARE(foreign, 0);
}

// One real conversation stolen and sent again in three waves, days apart, by three outside senders under
// participants' names, each with its own lure: one cluster holding exactly the three waves.
void TestCampaignIndicators::wavesOfOneStolenThreadFormOneCluster()
{
    const model::Message &m = m_lib.message(QStringLiteral("50a96bb9-113a-cb06-919c-f544f6b59493@intel.com"));
    QList<Mail> waves;
    waves << externalCopy(m, "\"Chang S. Bae\" <c.bae.office@outlook.com>", "wave1.7c21@outlook.com", 250,
                          QStringLiteral("Please see the attached document for review.\nhttps://tarvilo-docs.com.br/share/Invoice_77070.zip"));
    waves << externalCopy(m, "\"Naresh Kamboju\" <n.kamboju@quimegil-design.co>", "4e1f0c9a2b7d$wave2@quimegil-design.co", 256,
                          QStringLiteral("Can you please check this and revert today?\nThe archive password is 4471"), true);
    waves.last().attachments << zip("Report_20231107.zip");
    waves << externalCopy(m, "\"Naresh Kamboju\" <naresh.k@pranor-consult.net>", "wave3.99ab@pranor-consult.net", 270,
                          QStringLiteral("Good morning,\nThe file you asked about is available here: https://ferpemar-files.co.za/d/doc_81324.html\nThanks"));
    CaseFixture c = fixtureWithThreads({SigaltstackThread}, waves);

    const QString cluster = c.result(QStringLiteral("wave1.7c21@outlook.com")).reuseCluster;
    for (const Mail &w : std::as_const(waves)) {
        const QString id = QString::fromLatin1(w.messageId);
        QVERIFY2(!cluster.isEmpty() && c.result(id).reuseCluster == cluster, qPrintable(id + u' ' + c.describe(id)));
        const Finding *d1 = c.finding(id, QStringLiteral("D1"));
        QVERIFY2(d1 && d1->severity == Finding::Severity::Strong, qPrintable(c.describe(id)));
        QVERIFY(d1->summary.contains(QLatin1String("3 messages")));
    }
    for (const QString &real : m_lib.threadIds(SigaltstackThread))
        QVERIFY2(c.result(real).reuseCluster.isEmpty() && !c.finding(real, QStringLiteral("D1")), qPrintable(real + u' ' + c.describe(real)));
}

// Legitimate reply-all storm: the participants of the thread answer the same message within hours, each
// quoting it in full, with In-Reply-To/References intact. Same quote, different senders, but all of them in
// the conversation: not reuse (spec D1 FP note).
void TestCampaignIndicators::replyAllStormIsNotReuse()
{
    const QStringList ids = m_lib.threadIds(SigaltstackThread);
    const model::Message &m = m_lib.message(QStringLiteral("50a96bb9-113a-cb06-919c-f544f6b59493@intel.com"));
    // every other participant who wrote in the thread, with their own name and address
    QList<model::MailAddress> participants;
    for (const QString &id : ids) {
        const model::MailAddress &a = m_lib.message(id).from;
        const bool seen = std::any_of(participants.cbegin(), participants.cend(), [&a](const model::MailAddress &p) { return p.address == a.address; });
        if (!seen && a.address != m.from.address)
            participants << a;
    }
    for (const model::Message *other : {&m}) {
        for (const model::MailAddress &a : other->to + other->cc) {
            const bool seen = std::any_of(participants.cbegin(), participants.cend(), [&a](const model::MailAddress &p) { return p.address == a.address; });
            if (!seen && a.address != m.from.address && !a.address.contains(QLatin1String("vger")) && participants.size() < 3)
                participants << a;
        }
    }
    QVERIFY2(participants.size() >= 2, "the thread needs two other participants");
    const QStringList answers{QStringLiteral("Thanks for looking into this, I can confirm the fix here."), QStringLiteral("Same result on our side, the test passes now."),
                              QStringLiteral("Agreed, let's take this version.")};
    QList<Mail> storm;
    for (int k = 0; k < participants.size(); ++k) {
        const QByteArray id = "storm" + QByteArray::number(k) + ".20230401@" + participants[k].address.section(u'@', 1).toLatin1();
        storm << reply(m, address(participants[k]), id, m.date.addSecs(3600 * (k + 1)), answers[k % answers.size()]);
    }
    CaseFixture c = fixtureWithThreads({SigaltstackThread}, storm);
    for (const Mail &s : std::as_const(storm)) {
        const QString id = QString::fromLatin1(s.messageId);
        QVERIFY(!c.analysis().bodies[c.indexOf(id)].history.isEmpty()); // a reply with a quote
        QVERIFY2(!c.finding(id, QStringLiteral("D1")) && c.result(id).reuseCluster.isEmpty(), qPrintable(id + u' ' + c.describe(id)));
        QVERIFY2(!isHijack(c.result(id).verdict), qPrintable(id + u' ' + c.describe(id)));
    }
}

// ------------------------------------------------------------------------------------------------
// C1

void TestCampaignIndicators::lureProfile_data()
{
    QTest::addColumn<QString>("lure");
    QTest::addColumn<QByteArray>("attachment"); // file name; empty for none
    QTest::addColumn<QByteArray>("mimeType");
    QTest::addColumn<bool>("shortQuote");
    QTest::addColumn<bool>("fires");
    const QByteArray none;
    // an action object over a long real quote
    QTest::newRow("see attached + zip") << "Please see the attached document" << QByteArray("Invoice_2291.zip") << QByteArray("application/zip") << false << true;
    QTest::newRow("see attached + .one") << "Please see the attached document" << QByteArray("Files-52682.one") << QByteArray("application/onenote") << false << true;
    QTest::newRow("archive password") << "Please see the document, pass: 1234" << none << none << false << true;
    QTest::newRow("link to unknown domain") << "Please see the document here: https://dunor-files.com.br/docs/Invoice_4471.zip" << none << none << false << true;
    QTest::newRow("contact address outside") << "Please confirm the payment details with accounts.desk@protonmail.com today" << none << none << false << true;
    // the same words with nothing to act on
    QTest::newRow("see attached, nothing attached") << "Please see the attached document" << none << none << false << false;
    QTest::newRow("see attached + photo") << "Please see the attached document" << QByteArray("photo.jpg") << QByteArray("image/jpeg") << false << false;
    QTest::newRow("link to the thread's own list") << "Please see the discussion here: https://lore.kernel.org/linux-kselftest/" << none << none << false << false;
    QTest::newRow("'pass this on' is no password") << "Thanks, I will pass this on to the team." << none << none << false << false;
    QTest::newRow("participant's address") << "Please ask mirsad.todorovac@alu.unizg.hr about the document" << none << none << false << false;
    // too little quoted under it: not "a few words over a long history"
    QTest::newRow("over a short quote") << "Please see the attached document" << QByteArray("Invoice_2291.zip") << QByteArray("application/zip") << true << false;
    // other languages, with an archive
    QTest::newRow("de anbei") << "Guten Tag,\nanbei erhalten Sie die gewünschten Unterlagen." << QByteArray("Rechnung_2291.zip") << QByteArray("application/zip") << false << true;
    QTest::newRow("fr ci-joint") << "Bonjour,\nveuillez trouver ci-joint la facture." << QByteArray("Facture_2291.zip") << QByteArray("application/zip") << false << true;
    QTest::newRow("es adjunto") << "Hola,\nadjunto le envío el documento solicitado." << QByteArray("Factura_2291.zip") << QByteArray("application/zip") << false << true;
    QTest::newRow("ja 添付") << "お世話になっております。\n請求書を添付いたします。ご確認ください。" << QByteArray("seikyusho_2291.zip") << QByteArray("application/zip") << false << true;
    // other languages, with an archive password only
    QTest::newRow("de Passwort") << "Anbei die Unterlagen. Passwort: 4711" << none << none << false << true;
    QTest::newRow("fr mot de passe") << "Ci-joint les documents. Mot de passe : 8812" << none << none << false << true;
    QTest::newRow("es contraseña") << "Adjunto el documento. Contraseña: 5531" << none << none << false << true;
    QTest::newRow("ja パスワード") << "資料を添付します。パスワード：1234" << none << none << false << true;
    // other languages, nothing to act on
    QTest::newRow("de anbei, nothing attached") << "Guten Tag,\nanbei erhalten Sie die gewünschten Unterlagen." << none << none << false << false;
    QTest::newRow("ja 添付, nothing attached") << "請求書を添付いたします。ご確認ください。" << none << none << false << false;
}

// A short lure pasted over a real message of the firmware thread, sent from outside (external-hijack shape).
void TestCampaignIndicators::lureProfile()
{
    QFETCH(QString, lure);
    QFETCH(QByteArray, attachment);
    QFETCH(QByteArray, mimeType);
    QFETCH(bool, shortQuote);
    QFETCH(bool, fires);
    const model::Message &m = m_lib.message(QStringLiteral("fa82b641-365c-c1ca-1fec-1826df63db64@alu.unizg.hr"));
    Mail lureMail = externalCopy(m, "\"Dan Carpenter\" <d.carpenter.office@outlook.com>", "lure.c1test@outlook.com", 40, lure);
    if (shortQuote) // the first two lines of the real message only (under 30 words)
        lureMail.body = lure + QStringLiteral("\n\n") + m.textBody.section(u'\n', 0, 1);
    if (!attachment.isEmpty())
        lureMail.attachments << Mail::Part{attachment, mimeType, mimeType == "application/zip" ? tinyZip() : QByteArray(64, '\x7f')};
    const int quotedWords = int(Shingles::words(lureMail.body).size() - Shingles::words(lure).size());
    QVERIFY(shortQuote ? quotedWords < 30 : quotedWords > 300);

    CaseFixture c = fixtureWithThreads({FirmwareThread}, {lureMail});
    const QString id = QStringLiteral("lure.c1test@outlook.com");
    const Finding *c1 = c.finding(id, QStringLiteral("C1"));
    QVERIFY2(bool(c1) == fires, qPrintable(c.describe(id) + (c1 ? QStringLiteral(" / ") + c1->summary : QString())));
    if (c1) {
        QCOMPARE(c1->severity, Finding::Severity::Medium); // never more: legitimate "see attached" is common
        const Evidence &e = c1->evidence.first();
        const QString span = c.bodyText(id).mid(e.begin, e.end - e.begin);
        QVERIFY2(span.contains(lure.section(u'\n', -1).left(12)), qPrintable(span)); // the evidence is the lure
        const QString firstLine = m.textBody.section(u'\n', 0, 0).trimmed();
        QVERIFY2(firstLine.size() < 16 || !span.contains(firstLine), qPrintable(span)); // and not the stolen text
    }
    // the real messages of the thread are no lures
    for (const QString &real : m_lib.threadIds(FirmwareThread))
        QVERIFY2(!c.finding(real, QStringLiteral("C1")), qPrintable(real));
}

void TestCampaignIndicators::longRealReplyWithLinkIsNotALure_data()
{
    QTest::addColumn<QString>("messageId");
    QTest::addColumn<QString>("domain");
    // 73 own words with a lore.kernel.org link over 800 quoted words
    QTest::newRow("arm.com reply") << "e8352d76-29e4-5e4a-063b-60e279e0b070@arm.com" << "lore.kernel.org";
    // the kernel test robot: 300+ own words with github.com and download.01.org links over a quoted patch
    QTest::newRow("lkp robot report") << "202303060036.zK05OC5M-lkp@intel.com" << "github.com";
}

// A long real reply that carries a link is a reply, not a lure: C1 counts at most 40 new words.
void TestCampaignIndicators::longRealReplyWithLinkIsNotALure()
{
    QFETCH(QString, messageId);
    QFETCH(QString, domain);
    const model::Message &m = m_lib.message(messageId);
    QVERIFY(m.textBody.contains(domain));
    CaseFixture c = fixtureWithThreads({messageId}, {});
    QVERIFY(c.indexOf(messageId) >= 0);
    QVERIFY2(!c.finding(messageId, QStringLiteral("C1")), qPrintable(c.describe(messageId)));
    QVERIFY(c.result(messageId).lureKey.isEmpty());
}

// ------------------------------------------------------------------------------------------------
// D2

void TestCampaignIndicators::lureTemplateAcrossThreads_data()
{
    QTest::addColumn<QString>("variation");
    QTest::addColumn<bool>("campaign");
    QTest::newRow("numbers vary") << "numbers" << true;
    QTest::newRow("names vary") << "names" << true;
    QTest::newRow("links vary") << "links" << true;
    QTest::newRow("one sender, two threads") << "one sender" << false;
    QTest::newRow("stock phrase of participants") << "participants" << false;
    QTest::newRow("different lures") << "different" << false;
}

// The same lure text, instantiated per target (greeting name, invoice number, password, download link),
// spliced into three different real threads by three different outside senders: a campaign (D2, "exact hash
// after normalizing names, numbers and dates"). One sender, different texts, or participants of each thread
// using the same stock phrase in their own conversations, is not.
void TestCampaignIndicators::lureTemplateAcrossThreads()
{
    QFETCH(QString, variation);
    QFETCH(bool, campaign);
    const QStringList bases{QStringLiteral("27769d34-521c-f0ef-b6c2-6bd452e4f9bf@alu.unizg.hr"), QStringLiteral("26fd581a-1b9f-4960-8457-61d725511cee@kili.mountain"),
                            QStringLiteral("ZCRYpDehyDxsrnfi@debian")};
    const QList<QByteArray> senders{"\"Eric Dumazet\" <e.dumazet.mail@vodu.com.br>", "\"Dan Carpenter\" <dcarpenter@mequi.co>", "\"Andrea Righi\" <a.righi@linmon.net>"};
    const QStringList links{QStringLiteral("https://tarival.ro/docs/aut-illum/Invoice_77070.zip"), QStringLiteral("https://sasa.my/wp-content/uploads/2023/11/Contract_66094.zip"),
                            QStringLiteral("https://marsaco.co.za/shared/eos/Invoice_34075.zip")};
    const QStringList different{QStringLiteral("Please find the requested invoice at the link below."), QStringLiteral("Kindly review and sign the document at your earliest convenience."),
                                QStringLiteral("Sorry for the delay in getting back to you. All the documents are in the archive below.")};
    const int count = variation == u"one sender" ? 2 : 3;
    QList<Mail> lures;
    for (int k = 0; k < count; ++k) {
        const model::Message &m = m_lib.message(bases[k]);
        QString text;
        if (variation == u"numbers")
            text = QStringLiteral("Hello,\nPlease review invoice %1 attached and confirm payment by %2 March.\nThe archive password is %3").arg(2291 + 17 * k).arg(10 + k).arg(4471 + 1111 * k);
        else if (variation == u"names")
            text = QStringLiteral("Hi %1,\nPlease review the invoice attached and confirm the payment today.\nThe archive password is 4471").arg(firstName(m.from.name));
        else if (variation == u"links")
            text = QStringLiteral("Hello,\nPlease review the invoice at the link below and confirm the payment today.\n%1").arg(links[k]);
        else if (variation == u"one sender" || variation == u"participants")
            text = QStringLiteral("Hello,\nPlease review the invoice attached and confirm the payment today.\nThe archive password is 4471");
        else
            text = different[k] + QStringLiteral("\nThe archive password is 4471");
        // Participants answer in their own threads: the base message's first recipient writes back to its author.
        const QByteArray sender = variation == u"one sender" ? senders[0] : variation == u"participants" ? address(m.to.value(0)) : senders[k];
        Mail mail = externalCopy(m, sender, "d2." + QByteArray::number(k) + ".lure@campaign.test", 300 + 2 * k, text);
        if (variation != u"links")
            mail.attachments << zip("Invoice_" + QByteArray::number(2291 + 17 * k) + ".zip");
        lures << mail;
    }
    CaseFixture c = fixtureWithThreads({TunThread, FirmwareThread, L2tpThread}, lures);
    QSet<int> threads;
    for (const Mail &mail : std::as_const(lures)) {
        const QString id = QString::fromLatin1(mail.messageId);
        QVERIFY2(c.finding(id, QStringLiteral("C1")), qPrintable(id + u' ' + c.describe(id))); // each one is a lure on its own
        threads.insert(c.threads().threadOfMessage[c.indexOf(id)]);
    }
    QCOMPARE(threads.size(), count); // different conversations
    for (const Mail &mail : std::as_const(lures)) {
        const QString id = QString::fromLatin1(mail.messageId);
        const Finding *d2 = c.finding(id, QStringLiteral("D2"));
        QVERIFY2(bool(d2) == campaign, qPrintable(QStringLiteral("%1 lure key '%2': %3").arg(id, c.result(id).lureKey, c.describe(id))));
        QVERIFY(!hasBurst(c.result(id))); // never three threads of one sender
    }
    if (campaign) {
        const QString key = c.result(QString::fromLatin1(lures.first().messageId)).lureKey;
        for (const Mail &mail : lures.mid(1)) {
            QCOMPARE(c.result(QString::fromLatin1(mail.messageId)).lureKey, key);
        }
    }
    for (int i = 0; i < c.store().size(); ++i) {
        if (!c.store().message(i).messageId.endsWith(QLatin1String("@campaign.test")))
            QVERIFY(!hasFinding(c.analysis().messages[i], u"D2"));
    }
}

// hijack-dev campaign_group: one compromised account pushing the same lure into three of its threads within
// an hour (spec E, "D2 ... >= 3 threads in 1 h"). Every member carries the burst, shares one lure key and is a
// victim hijack; no message outside the groups carries a burst.
void TestCampaignIndicators::campaignGroupsAreBursts()
{
    QHash<QString, QStringList> groups;
    for (const Label &l : std::as_const(m_labels)) {
        if (!l.campaignGroup.isEmpty())
            groups[l.campaignGroup] << l.messageId;
    }
    QCOMPARE(groups.size(), 3);
    QSet<QString> inGroups;
    for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
        QSet<QString> keys, senders;
        for (const QString &id : it.value()) {
            inGroups.insert(id);
            const MessageAnalysis &a = m_dev.result(id);
            QVERIFY2(hasBurst(a), qPrintable(it.key() + u' ' + id + u' ' + m_dev.describe(id)));
            QVERIFY2(a.verdict.kind == Verdict::Kind::VictimThreadHijack, qPrintable(id + u' ' + m_dev.describe(id)));
            keys.insert(a.lureKey);
            senders.insert(m_dev.store().message(m_dev.indexOf(id)).from.address.toLower());
        }
        QCOMPARE(senders.size(), 1);
        QCOMPARE(keys.size(), 1);
        QVERIFY(!keys.contains(QString()));
    }
    int outside = 0;
    for (int i = 0; i < m_dev.store().size(); ++i) {
        const QString &id = m_dev.store().message(i).messageId;
        if (!inGroups.contains(id) && hasBurst(m_dev.analysis().messages[i])) {
            ++outside;
            qWarning("burst outside every campaign group: %s %s", qPrintable(id), qPrintable(m_dev.describe(id)));
        }
    }
    QCOMPARE(outside, 0);
}

// hijack-dev's external waves draw their lures from a pool of templates; each wave fills in its own link,
// file name, number and password. Lures that are the same text once those are taken out, sent into two or
// more different stolen threads by two or more senders, are a campaign (D2) by the spec's definition.
// Ground truth here: the decoded text above the labelled authentic_first_line, with links, file names,
// digits, passwords, and a closing "Regards"/"Thanks" line folded, cut at the fabricated header block.
void TestCampaignIndicators::lureTemplatesOfHijackDev()
{
    static const QRegularExpression url(QStringLiteral("https?://\\S+"));
    static const QRegularExpression file(QStringLiteral("\\S+\\.(zip|one|iso|xlsb|html?|7z|rar|img|pdf)\\b"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression password(QStringLiteral("(password|passwort|contraseña|mot de passe)( is)?\\s*:?\\s*\\S+"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression header(QStringLiteral("^(-{3,}|_{3,}|From:|Von:|De ?:|On .*|Am .*|El .*|Le .*)"));
    static const QRegularExpression closing(QStringLiteral("^(regards|best regards|kind regards|thanks|thank you|danke|merci|gracias|mit freundlichen grüßen|cordialement|saludos)[,.!]?$"),
                                            QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression digit(QStringLiteral("\\d"));
    struct Instance {
        QString id, group, sender;
    };
    QHash<QString, QList<Instance>> byTemplate;
    int unplaced = 0;
    for (const Label &l : std::as_const(m_labels)) {
        if (l.label != u"external-thread-hijack")
            continue;
        const QString &text = m_dev.bodyText(l.messageId);
        const qsizetype at = text.indexOf(l.authenticFirstLine);
        if (at < 0 || l.authenticFirstLine.isEmpty()) {
            ++unplaced;
            continue;
        }
        QStringList lines;
        for (QString line : text.left(at).split(u'\n')) {
            line = line.trimmed();
            if (header.match(line).hasMatch())
                break;
            line.replace(url, QString()).replace(file, QString()).replace(password, QStringLiteral("PASSWORD"));
            if (!line.trimmed().isEmpty())
                lines << line.trimmed();
        }
        while (!lines.isEmpty() && closing.match(lines.last()).hasMatch())
            lines.removeLast();
        const QString key = lines.join(u' ').toCaseFolded().replace(digit, QStringLiteral("0")).simplified();
        byTemplate[key] << Instance{l.messageId, l.reuseGroup, m_dev.store().message(m_dev.indexOf(l.messageId)).from.address.toLower()};
    }
    int campaigns = 0, instances = 0, lures = 0, found = 0, alone = 0;
    for (auto it = byTemplate.cbegin(); it != byTemplate.cend(); ++it) {
        QSet<QString> groups, senders, lureGroups, lureSenders;
        for (const Instance &i : it.value()) {
            groups.insert(i.group);
            senders.insert(i.sender);
            if (!m_dev.result(i.id).lureKey.isEmpty()) { // C1 recognised it; D2 works on recognised lures only
                lureGroups.insert(i.group);
                lureSenders.insert(i.sender);
            }
        }
        if (groups.size() < 2 || senders.size() < 2)
            continue;
        ++campaigns;
        // D2 can only join recognised lures: an instance needs another recognised one of its template
        // in another thread from another sender.
        const bool joinable = lureGroups.size() >= 2 && lureSenders.size() >= 2;
        for (const Instance &i : it.value()) {
            ++instances;
            if (m_dev.result(i.id).lureKey.isEmpty())
                continue;
            if (!joinable) {
                ++alone;
                continue;
            }
            ++lures;
            if (m_dev.finding(i.id, QStringLiteral("D2")))
                ++found;
            else
                qWarning("no D2 on '%s' (%s): key '%s'", qPrintable(it.key().left(60)), qPrintable(i.id), qPrintable(m_dev.result(i.id).lureKey));
        }
    }
    qInfo("hijack-dev lure templates: %d campaigns (2+ stolen threads, 2+ senders) with %d waves, %d recognised as lures (C1) with another "
          "recognised instance elsewhere, %d of those with D2 (%.2f); %d recognised alone; %d waves not placed",
          campaigns, instances, lures, found, lures ? double(found) / lures : 0.0, alone, unplaced);
    QVERIFY(campaigns >= 10);
    QVERIFY(unplaced <= 5);
    QVERIFY(lures >= 20);
    QVERIFY2(found * 10 >= lures * 8, "names, links, file names and passwords are folded: 80% of the instances share a key");
    QEXPECT_FAIL("", "engine: LureTemplates::key() keeps a sign-off some waves add (\"gracias\", \"merci\") and, where the "
                     "segmenter reads no quote, the quoted text past the lure, so those waves get keys of their own", Continue);
    QCOMPARE(found, lures);
}

// ------------------------------------------------------------------------------------------------
// E

void TestCampaignIndicators::victimHijack_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("userAgent");
    QTest::addColumn<QByteArray>("messageId");
    QTest::addColumn<bool>("victimFinding");
    QTest::addColumn<int>("verdict"); // -1: not a hijack
    QTest::addColumn<QString>("identityFinding");
    const QByteArray real = "\"Mirsad Goran Todorovac\" <mirsad.todorovac@alu.unizg.hr>";
    const QByteArray thunderbird = "Mozilla/5.0 (X11; Linux x86_64; rv:102.0) Gecko/20100101 Thunderbird/102.8.0";
    // the real account, from a web mailer it never used, with that mailer's Message-ID form
    QTest::newRow("real account, new client") << real << QByteArray("Roundcube Webmail/1.6.0") << QByteArray("5f2b8c3e91d04a7ab1e0c6d2f4a93b17@alu.unizg.hr")
                                              << true << int(Verdict::Kind::VictimThreadHijack) << QString();
    // the same lure from the sender's usual client: a revival with a link, nothing says the account is abused
    QTest::newRow("real account, usual client") << real << thunderbird << QByteArray("3b1f8c2e-6a4d-4f0b-9c1e-2d7a5b8e9f01@alu.unizg.hr")
                                                << false << -1 << QString();
    // the participant's name on another address (free mail): external
    QTest::newRow("name on a foreign address") << QByteArray("\"Mirsad Goran Todorovac\" <mirsad.todorovac.hr@gmail.com>") << QByteArray("Roundcube Webmail/1.6.0")
                                               << QByteArray("5f2b8c3e91d04a7ab1e0c6d2f4a93b17@gmail.com") << false << int(Verdict::Kind::ExternalThreadHijack) << QStringLiteral("A1");
    // the participant's name on a look-alike of the university's domain: external
    QTest::newRow("look-alike domain") << QByteArray("\"Mirsad Goran Todorovac\" <mirsad.todorovac@alu.unlzg.hr>") << QByteArray("Roundcube Webmail/1.6.0")
                                       << QByteArray("5f2b8c3e91d04a7ab1e0c6d2f4a93b17@alu.unlzg.hr") << false << int(Verdict::Kind::ExternalThreadHijack) << QStringLiteral("A3");
}

// A real participant of the tun thread "answers" the newest message from another participant 200 days
// after the thread went quiet: proper reply headers and quote, a short lure with an archive.
void TestCampaignIndicators::victimHijack()
{
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, userAgent);
    QFETCH(QByteArray, messageId);
    QFETCH(bool, victimFinding);
    QFETCH(int, verdict);
    QFETCH(QString, identityFinding);
    const model::Message &parent = m_lib.message(QStringLiteral("20230315205639.38461-1-kuniyu@amazon.com"));
    Mail mail = reply(parent, from, messageId, parent.date.addDays(200),
                      QStringLiteral("Hello,\nPlease review the attached document and confirm today."));
    mail.mailerHeader = "User-Agent";
    mail.mailer = userAgent;
    mail.cc = "\"Eric Dumazet\" <edumazet@google.com>";
    mail.attachments << zip("Report_20231001.zip");
    CaseFixture c = fixtureWithThreads({TunThread}, {mail}, {QStringLiteral("unizg.hr")});
    const QString id = QString::fromLatin1(messageId);
    const MessageAnalysis &a = c.result(id);
    QVERIFY2(c.finding(id, QStringLiteral("C1")), qPrintable(c.describe(id)));
    const Finding *e = c.finding(id, QStringLiteral("E"));
    QVERIFY2(bool(e) == victimFinding, qPrintable(c.describe(id)));
    if (e) {
        QCOMPARE(e->severity, Finding::Severity::Strong);
        QVERIFY(e->summary.contains(QLatin1String("mirsad.todorovac@alu.unizg.hr")));
    }
    if (!identityFinding.isEmpty())
        QVERIFY2(c.finding(id, identityFinding), qPrintable(c.describe(id)));
    if (verdict < 0)
        QVERIFY2(!isHijack(a.verdict), qPrintable(c.describe(id)));
    else
        QVERIFY2(int(a.verdict.kind) == verdict, qPrintable(c.describe(id)));
    // the real thread is untouched
    for (const QString &real : m_lib.threadIds(TunThread))
        QVERIFY2(c.result(real).verdict.kind == Verdict::Kind::Clean, qPrintable(real + u' ' + c.describe(real)));
}

// The thief writes twice from the compromised account with the same rogue client, a week apart, into two
// conversations. The first message must not become the account's profile: the second shows the same client
// change against the owner's real mail (hijack-dev shows this pattern: a second victim hijack from one
// account, a fortnight after the first, from the same Outlook).
void TestCampaignIndicators::victimHijackRepeatedFromTheSameRogueClient()
{
    const QByteArray real = "\"Mirsad Goran Todorovac\" <mirsad.todorovac@alu.unizg.hr>";
    const model::Message &first = m_lib.message(QStringLiteral("20230315205639.38461-1-kuniyu@amazon.com"));
    const model::Message &second = m_lib.message(QStringLiteral("26fd581a-1b9f-4960-8457-61d725511cee@kili.mountain"));
    QList<Mail> lures;
    lures << reply(first, real, "5f2b8c3e91d04a7ab1e0c6d2f4a93b17@alu.unizg.hr", first.date.addDays(200),
                   QStringLiteral("Hello,\nPlease review the attached document and confirm today."));
    lures << reply(second, real, "a81c6e0f27d94b3c8e51f0d9b2c4e7a6@alu.unizg.hr", first.date.addDays(207),
                   QStringLiteral("Hello,\nAs discussed, the updated report is attached."));
    for (Mail &m : lures) {
        m.mailerHeader = "User-Agent";
        m.mailer = "Roundcube Webmail/1.6.0";
        m.attachments << zip("Report_20231001.zip");
    }
    CaseFixture c = fixtureWithThreads({TunThread, FirmwareThread}, lures, {QStringLiteral("unizg.hr")});
    for (const Mail &m : std::as_const(lures)) {
        const QString id = QString::fromLatin1(m.messageId);
        const bool repeated = &m != &lures.first();
        QVERIFY2(c.finding(id, QStringLiteral("C1")), qPrintable(id + u' ' + c.describe(id)));
        if (repeated)
            QEXPECT_FAIL("", "engine: ClientChange::unseenTraits / VictimHijack clientChanged build the account's profile from every "
                             "earlier message, the first rogue Roundcube lure included, so the repeated client is 'seen'", Continue);
        QVERIFY2(c.finding(id, QStringLiteral("E")), qPrintable(id + u' ' + c.describe(id)));
        if (repeated)
            QEXPECT_FAIL("", "engine: no E on the repeated rogue-client lure (see above)", Continue);
        QVERIFY2(c.result(id).verdict.kind == Verdict::Kind::VictimThreadHijack, qPrintable(id + u' ' + c.describe(id)));
    }
}

// hijack-dev: a message labelled as one kind of hijack and judged a hijack must be typed as its label says:
// external waves come from addresses the impersonated participant never had, victim hijacks from the real
// account (spec E; the scorer's "type accuracy on detected hijacks").
void TestCampaignIndicators::hijackTypesFollowLabels()
{
    int detected[2] = {0, 0}, labelled[2] = {0, 0}, wrong = 0;
    for (const Label &l : std::as_const(m_labels)) {
        const bool victim = l.label == u"victim-thread-hijack";
        if (!victim && l.label != u"external-thread-hijack")
            continue;
        ++labelled[victim];
        const Verdict &v = m_dev.result(l.messageId).verdict;
        if (!isHijack(v))
            continue;
        ++detected[victim];
        if ((v.kind == Verdict::Kind::VictimThreadHijack) != victim) {
            ++wrong;
            qWarning("%s labelled %s, typed %s: %s", qPrintable(l.messageId), qPrintable(l.label), qPrintable(v.name()), qPrintable(m_dev.describe(l.messageId)));
        }
    }
    qInfo("hijack-dev: external %d of %d judged hijacks, victim %d of %d; %d typed against their label",
          detected[0], labelled[0], detected[1], labelled[1], wrong);
    QCOMPARE(labelled[0], 80);
    QCOMPARE(labelled[1], 30);
    // The second look-alike wave from joe.lawrence@re-dhat.com: its first wave five days earlier makes the address
    // "known" (A1 and A3 step aside for an address that wrote before) and an account history for E.
    QEXPECT_FAIL("", "engine: an outside address's own earlier hijack wave makes it a known sender/identity; A1/A3 are skipped "
                     "and E types the next wave as a victim hijack", Continue);
    QCOMPARE(wrong, 0);
}

QTEST_GUILESS_MAIN(TestCampaignIndicators)
#include "tst_campaignindicators.moc"
