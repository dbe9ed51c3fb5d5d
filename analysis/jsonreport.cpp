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

} // namespace

QJsonObject JsonReport::message(const MailStore &store, const ThreadSet &threads, int index)
{
    const Message &m = store.message(index);
    const ThreadNode *parent = threads.parentOf(index);
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
            {QStringLiteral("id_collision"), store.hasIdCollision(index)},
            {QStringLiteral("attachments"), int(m.attachments.size())},
            {QStringLiteral("defects"), QJsonArray::fromStringList(m.defects)}};
}

QJsonObject JsonReport::build(const MailStore &store, const ThreadSet &threads, const QStringList &skipped)
{
    QJsonArray messages;
    for (int i = 0; i < store.size(); ++i)
        messages << message(store, threads, i);
    QJsonArray threadList;
    for (const Thread &t : threads.threads)
        threadList << thread(t);
    return {{QStringLiteral("schema"), QStringLiteral("threadhound/1")},
            {QStringLiteral("generator"), QStringLiteral("ThreadHound " THREADHOUND_VERSION)},
            {QStringLiteral("sources"), sources(store)},
            {QStringLiteral("skipped"), QJsonArray::fromStringList(skipped)},
            {QStringLiteral("messages"), messages},
            {QStringLiteral("threads"), threadList},
            {QStringLiteral("subject_groups"), subjectGroups(threads)}};
}

} // namespace th::analysis
