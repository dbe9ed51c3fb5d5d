#include "mailstore.h"

#include "pstreader.h"

#include <QFile>

namespace th::model {

int MailStore::addSource(const SourceFile &source)
{
    m_sources << source;
    return int(m_sources.size() - 1);
}

int MailStore::add(Message &&message)
{
    const IdentityKey key{message.messageId, message.contentSha256};
    if (const auto it = m_byIdentity.constFind(key); it != m_byIdentity.cend()) {
        m_duplicates.insert(*it, message.source);
        return *it;
    }
    const int index = size();
    m_byIdentity.insert(key, index);
    if (!message.messageId.isEmpty())
        m_byId.insert(message.messageId, index);
    m_messages.push_back(std::move(message));
    return index;
}

bool MailStore::hasIdCollision(int index) const
{
    return m_byId.count(message(index).messageId) > 1;
}

QByteArray MailStore::rawBytes(int index, QString *error) const
{
    const MessageSource &src = message(index).source;
    if (src.fileIndex < 0 || src.fileIndex >= m_sources.size()) {
        if (error)
            *error = QStringLiteral("message %1 has no recorded source").arg(index);
        return {};
    }
    const QString &path = m_sources[src.fileIndex].path;
    if (src.isContainerItem())
        return PstReader::itemSource(path, src.itemId, error);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly) || !f.seek(src.offset)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return {};
    }
    return f.read(src.length);
}

} // namespace th::model
