#include "headerreader.h"

#include "mimeparser.h"
#include "mimetext.h"
#include "textdecoder.h"

#include <vmime/vmime.hpp>

namespace th::model {
namespace {

std::string_view view(QByteArrayView b)
{
    return {b.data(), size_t(b.size())};
}

// The address exactly as written (emailAddress::toString() would run an IDNA conversion per address).
MailAddress toAddress(const vmime::mailbox &mb)
{
    const vmime::emailAddress &e = mb.getEmail();
    const std::string &local = e.getLocalName().getBuffer();
    const std::string &domain = e.getDomainName().getBuffer();
    const std::string address = domain.empty() ? local : local + '@' + domain;
    return {MimeText::decodeText(mb.getName()).trimmed(), TextDecoder::decodeUndeclared(address).trimmed()};
}

void appendAddresses(const vmime::address &a, AddressList &out)
{
    if (const auto *group = dynamic_cast<const vmime::mailboxGroup *>(&a)) {
        for (const auto &mb : group->getMailboxList())
            out << toAddress(*mb);
    } else if (const auto *mb = dynamic_cast<const vmime::mailbox *>(&a)) {
        if (!mb->isEmpty())
            out << toAddress(*mb);
    }
}

} // namespace

HeaderReader::HeaderReader(const HeaderBlock &block, const vmime::header &typed, Message &message)
    : m_block(block), m_typed(typed), m_msg(message)
{
}

void HeaderReader::read()
{
    readFields();
    readIdentity();
    readThreading();
    readDate();
    checkSingletons();
}

void HeaderReader::readFields()
{
    const QList<HeaderBlock::Field> &fields = m_block.fields();
    for (qsizetype i = 0; i < fields.size(); ++i) {
        const HeaderBlock::Field &f = fields[i];
        const QString key = QString::fromLatin1(f.name).toLower();
        ++m_counts[key];
        m_first.insert(key, m_first.value(key, i));
        m_msg.headers << HeaderField{f.offset, f.raw.size(), qint32(f.name.size()), qint32(f.valueStart)};
    }
}

QString HeaderReader::rawValue(const QString &lowerName) const
{
    const qsizetype i = m_first.value(lowerName, -1);
    return i < 0 ? QString() : MimeText::unfold(view(m_block.fields()[i].value()));
}

const vmime::headerField *HeaderReader::typedField(const char *lowerName) const
{
    for (const auto &f : m_typed.getFieldList()) {
        if (QByteArrayView(f->getName().c_str()).compare(lowerName, Qt::CaseInsensitive) == 0)
            return f.get();
    }
    return nullptr;
}

AddressList HeaderReader::addresses(const char *lowerName) const
{
    AddressList out;
    const vmime::headerField *field = typedField(lowerName);
    if (!field)
        return out;
    const auto value = field->getValue();
    if (const auto list = std::dynamic_pointer_cast<const vmime::addressList>(value)) {
        for (const auto &a : list->getAddressList())
            appendAddresses(*a, out);
    } else if (const auto mbl = std::dynamic_pointer_cast<const vmime::mailboxList>(value)) {
        for (const auto &mb : mbl->getMailboxList())
            appendAddresses(*mb, out);
    } else if (const auto mb = std::dynamic_pointer_cast<const vmime::mailbox>(value)) {
        appendAddresses(*mb, out);
    }
    return out;
}

void HeaderReader::readIdentity()
{
    const AddressList from = addresses("from");
    m_msg.from = from.value(0);
    if (from.size() > 1)
        m_msg.defects << QStringLiteral("From names %1 mailboxes; the first is used").arg(from.size());
    m_msg.sender = addresses("sender").value(0);
    m_msg.replyTo = addresses("reply-to");
    m_msg.to = addresses("to");
    m_msg.cc = addresses("cc");
    m_msg.bcc = addresses("bcc");
    m_msg.subject = m_msg.header(u"Subject");
    m_msg.threadTopic = m_msg.header(u"Thread-Topic");
    if (!m_counts.contains(QStringLiteral("from")))
        m_msg.defects << QStringLiteral("no From header");
    else if (m_msg.from.address.isEmpty())
        m_msg.defects << QStringLiteral("From has no parseable address: \"%1\"").arg(rawValue(QStringLiteral("from")));
}

void HeaderReader::readThreading()
{
    const QString messageId = rawValue(QStringLiteral("message-id"));
    const QStringList ids = MimeParser::extractMessageIds(messageId);
    if (!ids.isEmpty()) {
        m_msg.messageId = ids.first();
    } else {
        if (messageId.contains(u'@') && !messageId.contains(u' '))
            m_msg.messageId = messageId;
        m_msg.defects << (messageId.isEmpty() ? QStringLiteral("no Message-ID header")
                                              : QStringLiteral("Message-ID without angle brackets: \"%1\"").arg(messageId));
    }
    m_msg.inReplyTo = boundedIds(QStringLiteral("In-Reply-To"), MaxInReplyTo);
    m_msg.references = boundedIds(QStringLiteral("References"), MaxReferences);
}

// A real References lists a thread's ancestry, a few hundred ids at most; hostile ones hold millions, which
// the threader would turn into as many ghost messages (4 million took 51 s and 8 GB). The first id (the
// thread's root) and the last ones (the nearest ancestors) are kept, as news software trims them (RFC 5537
// section 3.4.4).
QStringList HeaderReader::boundedIds(const QString &field, qsizetype max)
{
    QStringList ids = MimeParser::extractMessageIds(rawValue(field.toLower()));
    if (ids.size() <= max)
        return ids;
    m_msg.defects << QStringLiteral("%1 holds %2 message ids; the first and the last %3 are read").arg(field).arg(ids.size()).arg(max - 1);
    ids.remove(1, ids.size() - max);
    return ids;
}

void HeaderReader::readDate()
{
    m_msg.rawDate = rawValue(QStringLiteral("date"));
    if (m_msg.rawDate.isEmpty()) {
        m_msg.defects << QStringLiteral("no Date header");
    } else {
        m_msg.date = parseDate();
        if (!m_msg.date.isValid())
            m_msg.defects << QStringLiteral("unparseable Date: \"%1\"").arg(m_msg.rawDate);
    }
    const QString ti = m_msg.header(u"Thread-Index");
    if (!ti.isEmpty())
        m_msg.threadIndex = ThreadIndex::decode(ti, m_msg.date);
}

QDateTime HeaderReader::parseDate() const
{
    const QDateTime qt = QDateTime::fromString(m_msg.rawDate, Qt::RFC2822Date);
    if (qt.isValid())
        return qt.toUTC();
    const vmime::headerField *f = typedField("date");
    const auto d = f ? std::dynamic_pointer_cast<const vmime::datetime>(f->getValue()) : nullptr;
    // vmime turns an unparseable date into 1970 silently (platform note 4).
    if (!d || (d->getYear() == 1970 && !m_msg.rawDate.contains(QLatin1String("1970"))))
        return {};
    const QDate date(d->getYear(), d->getMonth(), d->getDay());
    const QTime time(d->getHour(), d->getMinute(), d->getSecond());
    constexpr int MaxZoneMinutes = 99 * 60 + 59; // RFC 5322 3.3: "+9959" at most; vmime reads any digits
    if (!date.isValid() || !time.isValid() || qAbs(d->getZone()) > MaxZoneMinutes)
        return {};
    return QDateTime(date, time, Qt::OffsetFromUTC, d->getZone() * 60).toUTC();
}

void HeaderReader::checkSingletons()
{
    static const char *const singletons[] = {"From", "Sender", "Reply-To", "To", "Cc", "Date",
                                             "Subject", "Message-ID", "In-Reply-To", "References"};
    for (const char *name : singletons) {
        const int n = m_counts.value(QString::fromLatin1(name).toLower());
        if (n > 1)
            m_msg.defects << QStringLiteral("%1 %2 header fields (RFC 5322 allows one)").arg(n).arg(QLatin1String(name));
    }
}

} // namespace th::model
