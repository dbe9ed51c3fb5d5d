#include "structurefixture.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace th::analysis;

namespace structure {

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

// A copy of \a raw as another message: a new Message-ID (the engine keys on it) and optionally a new date.
QByteArray asNew(const QByteArray &raw, const QByteArray &id, const QDateTime &date)
{
    QByteArray out = CaseFixture::withHeader(raw, "Message-ID", '<' + id + '>');
    return date.isValid() ? CaseFixture::withHeader(out, "Date", CaseFixture::rfcDate(date)) : out;
}

// \a raw as delivered directly, not through the list (list traffic is exempt from some checks).
QByteArray offList(QByteArray raw)
{
    for (const QByteArray name : {"List-Id", "List-Post", "List-Archive", "List-Help", "List-Subscribe", "List-Unsubscribe"})
        raw = CaseFixture::withoutHeader(raw, name);
    return raw;
}

void StructureCorpus::load()
{
    for (const QByteArray &line : CaseFixture::readFile(QStringLiteral("hijack-dev/labels.jsonl")).split('\n')) {
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
    const QJsonObject dataset = QJsonDocument::fromJson(CaseFixture::readFile(QStringLiteral("hijack-dev/dataset.json"))).object();
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

QByteArray StructureCorpus::s390(const QString &id)
{
    if (m_s390.isEmpty()) // the archive split once: many derived cases read from it
        m_s390 = CaseFixture::mboxById(QString::fromLatin1(CaseFixture::S390));
    if (!m_s390.contains(id))
        qFatal("no s390 message %s", qPrintable(id));
    return m_s390.value(id);
}

QByteArray StructureCorpus::usrp(const QString &id)
{
    if (!m_raw.contains(id))
        m_raw.insert(id, CaseFixture::rawMessage(QString::fromLatin1(CaseFixture::Usrp), id));
    if (m_raw.value(id).isEmpty())
        qFatal("no usrp-users message %s", qPrintable(id));
    return m_raw.value(id);
}

QByteArray StructureCorpus::pastedUnderLure(const QByteArray &id)
{
    QByteArray raw = asNew(s390(QString::fromLatin1(VfioRoot)), id, QDateTime(QDate(2023, 2, 20), QTime(9, 0), Qt::UTC));
    raw = CaseFixture::withHeader(raw, "From", "\"Matthew Rosato\" <m.rosato.office@gmail.com>");
    raw = CaseFixture::withHeader(raw, "Subject", "RE: [PATCH v2] vfio: fix deadlock between group lock and kvm lock");
    return CaseFixture::withTextAbove(raw, "Please review the updated document before Friday.");
}

std::unique_ptr<CaseFixture> StructureCorpus::caseOf(const QList<QByteArray> &raws, const CaseSettings &settings) const
{
    auto c = std::make_unique<CaseFixture>(settings);
    for (const QByteArray &raw : raws)
        c->addMessage(raw);
    c->analyse();
    return c;
}

QList<Label> StructureCorpus::labelled(const std::function<bool(const Label &)> &keep) const
{
    QList<Label> out;
    std::copy_if(m_labels.cbegin(), m_labels.cend(), std::back_inserter(out), keep);
    return out;
}

const Finding *StructureCorpus::devFinding(const Label &l, const QString &id) const
{
    return CaseFixture::strongest(devResult(l), id);
}

} // namespace structure
