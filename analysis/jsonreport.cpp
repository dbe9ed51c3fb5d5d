#include "jsonreport.h"

#include <QJsonArray>

namespace th::analysis {
namespace {

using namespace model;

QJsonValue isoDate(const QDateTime &d)
{
    return d.isValid() ? QJsonValue(d.toUTC().toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QJsonObject address(const MailAddress &a)
{
    return {{QStringLiteral("name"), a.name}, {QStringLiteral("address"), a.address}};
}

QJsonArray addresses(const AddressList &list)
{
    QJsonArray out;
    for (const MailAddress &a : list)
        out << address(a);
    return out;
}

QJsonObject source(const MailStore &store, const MessageSource &s)
{
    QJsonObject o{{QStringLiteral("path"), store.sources().value(s.fileIndex).path},
                  {QStringLiteral("offset"), s.offset},
                  {QStringLiteral("length"), s.length}};
    if (!s.location.isEmpty())
        o.insert(QStringLiteral("folder"), s.location);
    if (s.isContainerItem())
        o.insert(QStringLiteral("item_id"), qint64(s.itemId));
    return o;
}

QJsonArray duplicateSources(const MailStore &store, int index)
{
    QJsonArray out;
    for (const MessageSource &s : store.duplicatesOf(index))
        out << source(store, s);
    return out;
}

QJsonValue threadIndex(const ThreadIndex &ti)
{
    if (ti.variant == ThreadIndex::Variant::Absent)
        return QJsonValue::Null;
    QJsonObject o{{QStringLiteral("variant"), ti.variantName()}};
    if (ti.isValid()) {
        o.insert(QStringLiteral("guid"), ti.guid.toString(QUuid::WithoutBraces));
        o.insert(QStringLiteral("root_time"), isoDate(ti.rootTime));
        o.insert(QStringLiteral("depth"), ti.depth());
    } else {
        o.insert(QStringLiteral("problem"), ti.problem);
    }
    return o;
}

QJsonArray sources(const MailStore &store)
{
    QJsonArray out;
    for (const SourceFile &f : store.sources()) {
        out << QJsonObject{{QStringLiteral("path"), f.path},
                           {QStringLiteral("format"), toString(f.format)},
                           {QStringLiteral("size"), f.size},
                           {QStringLiteral("sha256"), QString::fromLatin1(f.sha256)},
                           {QStringLiteral("messages"), f.messageCount},
                           {QStringLiteral("error"), orNull(f.error)},
                           {QStringLiteral("warnings"), QJsonArray::fromStringList(f.warnings)}};
    }
    return out;
}

QJsonObject thread(const Thread &t)
{
    QJsonArray ids;
    for (const ThreadNode &n : t.nodes) {
        if (!n.isGhost())
            ids << n.messageId;
    }
    return {{QStringLiteral("id"), t.id},
            {QStringLiteral("subject"), t.subject},
            {QStringLiteral("message_count"), t.messageCount},
            {QStringLiteral("ghost_count"), t.ghostCount},
            {QStringLiteral("first_date"), isoDate(t.firstDate)},
            {QStringLiteral("last_date"), isoDate(t.lastDate)},
            {QStringLiteral("messages"), ids},
            {QStringLiteral("participants"), QJsonArray::fromStringList(t.participants)},
            {QStringLiteral("subject_group"), t.subjectGroup < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(t.subjectGroup)}};
}

QJsonArray subjectGroups(const ThreadSet &threads)
{
    QJsonArray out;
    for (const SubjectGroup &g : threads.subjectGroups) {
        QJsonArray ids;
        for (int t : g.threads)
            ids << threads.threads[t].id;
        out << QJsonObject{{QStringLiteral("base_subject"), g.baseSubject},
                           {QStringLiteral("grouping"), QStringLiteral("subject-only")},
                           {QStringLiteral("threads"), ids}};
    }
    return out;
}

QJsonObject evidence(const Evidence &e)
{
    switch (e.kind) {
    case Evidence::Kind::Text:
        return {{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("begin"), e.begin},
                {QStringLiteral("end"), e.end}, {QStringLiteral("text"), e.value}};
    case Evidence::Kind::Header:
        return {{QStringLiteral("type"), QStringLiteral("header")}, {QStringLiteral("name"), e.name}, {QStringLiteral("value"), e.value}};
    case Evidence::Kind::Message:
        return {{QStringLiteral("type"), QStringLiteral("message")}, {QStringLiteral("message_id"), e.name}, {QStringLiteral("detail"), e.value}};
    }
    return {};
}

QJsonValue splice(const CaseAnalysis &analysis, int index)
{
    const MessageAnalysis &a = analysis.messages[index];
    if (a.splice < 0 || a.verdict.kind == Verdict::Kind::Clean)
        return QJsonValue::Null;
    const BodyStructure &b = analysis.bodies[index];
    return QJsonObject{{QStringLiteral("authentic_first_line"), b.lineAt(a.splice)},
                       {QStringLiteral("offset"), a.splice},
                       {QStringLiteral("body"), b.fromHtml ? QStringLiteral("text/html as text") : QStringLiteral("text/plain")}};
}

QString segmentKind(Segment::Kind k)
{
    switch (k) {
    case Segment::Kind::New: return QStringLiteral("new");
    case Segment::Kind::Quoted: return QStringLiteral("quoted");
    case Segment::Kind::Attribution: return QStringLiteral("attribution");
    case Segment::Kind::HeaderBlock: return QStringLiteral("header-block");
    case Segment::Kind::Separator: return QStringLiteral("separator");
    case Segment::Kind::Signature: return QStringLiteral("signature");
    case Segment::Kind::Disclaimer: return QStringLiteral("disclaimer");
    }
    return {};
}

// Offsets index the analysed text (the text/plain body, or the HTML body as text), as evidence ranges do.
QJsonArray segments(const BodyStructure &b)
{
    QJsonArray out;
    for (const Segment &s : b.segments)
        out << QJsonObject{{QStringLiteral("kind"), segmentKind(s.kind)}, {QStringLiteral("depth"), s.depth},
                           {QStringLiteral("begin"), s.begin}, {QStringLiteral("end"), s.end}};
    return out;
}

// Each quoted message as its header gives it, and the stored message it copies, when the case has it.
QJsonArray quotedHistory(const MailStore &store, const CaseAnalysis &analysis, int index)
{
    const BodyStructure &b = analysis.bodies[index];
    const QList<QuoteLink> &links = analysis.messages[index].history;
    QJsonArray out;
    for (qsizetype k = 0; k < b.history.size(); ++k) {
        const QuotedMessage &q = b.history[k];
        const QuotedHeader *h = q.header >= 0 ? &b.headers[q.header] : nullptr;
        const QuoteLink link = k < links.size() ? links[k] : QuoteLink{};
        out << QJsonObject{{QStringLiteral("depth"), q.depth},
                           {QStringLiteral("begin"), q.begin},
                           {QStringLiteral("end"), q.end},
                           {QStringLiteral("from_name"), h ? orNull(h->fromName) : QJsonValue::Null},
                           {QStringLiteral("from_address"), h ? orNull(h->fromAddress) : QJsonValue::Null},
                           {QStringLiteral("date"), h ? isoDate(h->date) : QJsonValue::Null},
                           {QStringLiteral("copies"), link.isValid() ? orNull(store.message(link.message).messageId) : QJsonValue::Null},
                           {QStringLiteral("containment"), link.isValid() && !link.byHeader ? QJsonValue(link.containment) : QJsonValue::Null}};
    }
    return out;
}

QJsonArray indicators(const MessageAnalysis &a)
{
    QJsonArray out;
    for (const Finding &f : a.findings)
        out << JsonReport::finding(f);
    return out;
}

QJsonObject summary(const CaseAnalysis &analysis)
{
    QJsonObject o{{QStringLiteral("messages"), int(analysis.messages.size())}};
    for (Verdict::Kind k : {Verdict::Kind::Clean, Verdict::Kind::Suspicious, Verdict::Kind::ExternalThreadHijack, Verdict::Kind::VictimThreadHijack})
        o.insert(Verdict::name(k), analysis.count(k));
    return o;
}

QJsonObject settings(const CaseAnalysis &analysis)
{
    const CaseSettings &s = analysis.settings;
    return {{QStringLiteral("organisation_domains"), QJsonArray::fromStringList(s.organisationDomains)},
            {QStringLiteral("organisation_inferred"), s.organisationInferred},
            {QStringLiteral("trusted_authserv_ids"), QJsonArray::fromStringList(s.trustedAuthservIds)},
            {QStringLiteral("sister_domains"), QJsonArray::fromStringList(s.sisterDomains)}};
}

} // namespace

QJsonObject JsonReport::finding(const Finding &f)
{
    QJsonArray items;
    for (const Evidence &e : f.evidence)
        items << evidence(e);
    return {{QStringLiteral("id"), f.id}, {QStringLiteral("severity"), f.severityName()},
            {QStringLiteral("summary"), f.summary}, {QStringLiteral("evidence"), items}};
}

QJsonObject JsonReport::message(const MailStore &store, const ThreadSet &threads, const CaseAnalysis &analysis, int index)
{
    const Message &m = store.message(index);
    const ThreadNode *parent = threads.parentOf(index);
    const MessageAnalysis &a = analysis.messages[index];
    return {{QStringLiteral("index"), index},
            {QStringLiteral("message_id"), orNull(m.messageId)},
            {QStringLiteral("source"), source(store, m.source)},
            {QStringLiteral("sha256"), QString::fromLatin1(m.contentSha256)},
            {QStringLiteral("date"), isoDate(m.date)},
            {QStringLiteral("from"), address(m.from)},
            {QStringLiteral("to"), addresses(m.to)},
            {QStringLiteral("cc"), addresses(m.cc)},
            {QStringLiteral("subject"), m.subject},
            {QStringLiteral("thread_id"), threads.threads[threads.threadOfMessage[index]].id},
            {QStringLiteral("parent_id"), parent ? QJsonValue(parent->messageId) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("in_reply_to"), QJsonArray::fromStringList(m.inReplyTo)},
            {QStringLiteral("references"), QJsonArray::fromStringList(m.references)},
            {QStringLiteral("thread_index"), threadIndex(m.threadIndex)},
            {QStringLiteral("duplicates_merged"), int(store.duplicatesOf(index).size())},
            {QStringLiteral("duplicate_sources"), duplicateSources(store, index)},
            {QStringLiteral("id_collision"), store.hasIdCollision(index)},
            {QStringLiteral("attachments"), int(m.attachments.size())},
            {QStringLiteral("defects"), QJsonArray::fromStringList(m.defects)},
            {QStringLiteral("verdict"), a.verdict.name()},
            {QStringLiteral("score"), a.verdict.score},
            {QStringLiteral("indicators"), indicators(a)},
            {QStringLiteral("splice"), splice(analysis, index)},
            {QStringLiteral("reuse_cluster"), orNull(a.reuseCluster)},
            {QStringLiteral("segments"), segments(analysis.bodies[index])},
            {QStringLiteral("quoted_history"), quotedHistory(store, analysis, index)}};
}

QJsonObject JsonReport::build(const MailStore &store, const ThreadSet &threads, const CaseAnalysis &analysis, const QStringList &skipped)
{
    QJsonArray messages;
    for (int i = 0; i < store.size(); ++i)
        messages << message(store, threads, analysis, i);
    QJsonArray threadList;
    for (const Thread &t : threads.threads)
        threadList << thread(t);
    return {{QStringLiteral("schema"), QStringLiteral("threadhound/1")},
            {QStringLiteral("generator"), QStringLiteral("ThreadHound " THREADHOUND_VERSION)},
            {QStringLiteral("settings"), settings(analysis)},
            {QStringLiteral("notes"), QJsonArray::fromStringList(analysis.notes)},
            {QStringLiteral("summary"), summary(analysis)},
            {QStringLiteral("sources"), sources(store)},
            {QStringLiteral("skipped"), QJsonArray::fromStringList(skipped)},
            {QStringLiteral("messages"), messages},
            {QStringLiteral("threads"), threadList},
            {QStringLiteral("subject_groups"), subjectGroups(threads)}};
}

} // namespace th::analysis
