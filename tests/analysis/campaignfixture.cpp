#include "campaignfixture.h"

#include "analysis/lshindex.h"
#include "analysis/threader.h"

#include "model/importjob.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <iterator>

using namespace th;
using namespace th::analysis;

namespace campaign {

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
Mail externalCopy(const model::Message &m, const QByteArray &from, const QByteArray &id, int days, const QString &lure, bool outlookBlock)
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

void CampaignCorpus::load()
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

CaseFixture CampaignCorpus::fixtureWithThreads(const QStringList &threadRoots, const QList<Mail> &added, const QStringList &organisation) const
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

} // namespace campaign
