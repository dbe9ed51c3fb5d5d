#pragma once

#include "message.h"
#include "sourcefile.h"

#include <QHash>

#include <vector>

namespace th::model {

/// The messages of a case and the evidence files they came from.
///
/// Duplicates are decided here: the same Message-ID with byte-identical content is one message seen
/// again (merged, its other locations kept); the same Message-ID with different content is kept twice
/// and both copies are flagged.
class MailStore
{
public:
    int addSource(const SourceFile &source);
    SourceFile &source(int index) { return m_sources[index]; }
    [[nodiscard]] const QList<SourceFile> &sources() const { return m_sources; }

    /// Takes a parsed message; returns its index, or the index of the copy it was merged into.
    int add(Message &&message);

    [[nodiscard]] const std::vector<Message> &messages() const { return m_messages; }
    [[nodiscard]] const Message &message(int index) const { return m_messages[size_t(index)]; }
    [[nodiscard]] int size() const { return int(m_messages.size()); }
    /// Indexes of the messages that carry \a messageId (more than one on an id collision).
    [[nodiscard]] QList<int> byId(const QString &messageId) const { return m_byId.values(messageId); }
    /// Locations where a merged duplicate of message \a index was also found.
    [[nodiscard]] QList<MessageSource> duplicatesOf(int index) const { return m_duplicates.values(index); }
    [[nodiscard]] int mergedDuplicateCount() const { return int(m_duplicates.size()); }
    [[nodiscard]] bool hasIdCollision(int index) const;

    /// The exact bytes of message \a index as they are in its evidence file (mbox escaping included).
    [[nodiscard]] QByteArray rawBytes(int index, QString *error = nullptr) const;

private:
    QList<SourceFile> m_sources;
    std::vector<Message> m_messages;
    using IdentityKey = std::pair<QString, QByteArray>; ///< Message-ID, content SHA-256
    QHash<IdentityKey, int> m_byIdentity;
    QMultiHash<QString, int> m_byId;
    QMultiHash<int, MessageSource> m_duplicates;
};

} // namespace th::model
