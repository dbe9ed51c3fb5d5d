#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace th::model {

/// One node of a thread tree: a stored message, or a ghost (referenced by others, not in the case).
struct ThreadNode {
    QString messageId; ///< the message's id, or the referenced id of a ghost
    int message = -1;  ///< index into the MailStore; -1 for a ghost
    int parent = -1;   ///< index into Thread::nodes; -1 for the root
    QList<int> children; ///< indexes into Thread::nodes, oldest first

    [[nodiscard]] bool isGhost() const { return message < 0; }
};

/// A thread as its header linkage (Message-ID, In-Reply-To, References) defines it. nodes[0] is the root.
struct Thread {
    QString id;           ///< the root's id (a ghost's id when the root is missing)
    QList<ThreadNode> nodes;
    QString subject;      ///< of the oldest message
    QString baseSubject;  ///< RFC 5256 base subject, case-folded
    QDateTime firstDate;  ///< UTC, over the thread's messages
    QDateTime lastDate;
    int messageCount = 0; ///< real messages (ghosts excluded)
    int ghostCount = 0;
    qint64 totalBytes = 0;
    QStringList participants; ///< lower-case addresses from From/To/Cc, sorted
    int subjectGroup = -1; ///< index into ThreadSet::subjectGroups, or -1

    [[nodiscard]] QList<int> messageIndexes() const;
};

/// Header-linked threads that share a base subject: grouped for the analyst, never merged.
struct SubjectGroup {
    QString baseSubject;
    QList<int> threads;
};

/// The threading of a whole case.
struct ThreadSet {
    QList<Thread> threads;
    QList<int> threadOfMessage; ///< message index -> thread index
    QList<int> nodeOfMessage;   ///< message index -> node index within that thread
    QList<SubjectGroup> subjectGroups;

    /// The parent node of message \a messageIndex, or nullptr for a root.
    [[nodiscard]] const ThreadNode *parentOf(int messageIndex) const;
};

} // namespace th::model
