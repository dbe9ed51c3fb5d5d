#include "threader.h"

#include "basesubject.h"
#include "lowercase.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <numeric>

namespace th::analysis {
namespace {

using model::Message;

struct Container {
    QString id;
    int message = -1;
    int parent = -1;
    QList<int> children;
    QDateTime sortDate; ///< own date, or for a ghost the oldest date below it
    bool alive = true;

    [[nodiscard]] bool isGhost() const { return message < 0; }
};

// Ordering used for siblings and for choosing which member of a cycle loses its parent.
bool olderThan(const Container &a, const Container &b)
{
    if (a.sortDate.isValid() != b.sortDate.isValid())
        return a.sortDate.isValid();
    if (a.sortDate != b.sortDate)
        return a.sortDate < b.sortDate;
    return a.id < b.id;
}

class Builder
{
public:
    explicit Builder(const std::vector<Message> &messages) : m_messages(messages) {}

    model::ThreadSet run()
    {
        createMessageContainers();
        linkParents();
        linkGhostParents();
        breakCycles();
        pruneGhosts();
        return buildThreads();
    }

private:
    int containerFor(const QString &id)
    {
        if (const auto it = m_byId.constFind(id); it != m_byId.cend())
            return *it;
        m_containers.push_back(Container{id, -1, -1, {}, {}, true});
        const int index = int(m_containers.size() - 1);
        m_byId.insert(id, index);
        return index;
    }

    // Messages sharing an id: the oldest (then by content hash) owns the id; the others get private keys.
    void createMessageContainers()
    {
        QList<int> order(qsizetype(m_messages.size()));
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [this](int a, int b) {
            const Message &x = m_messages[size_t(a)], &y = m_messages[size_t(b)];
            return std::tie(x.messageId, x.date, x.contentSha256) < std::tie(y.messageId, y.date, y.contentSha256);
        });
        m_containerOf.resize(qsizetype(m_messages.size()));
        for (int i : order) {
            const Message &m = m_messages[size_t(i)];
            QString key = m.messageId;
            if (key.isEmpty() || m_byId.contains(key))
                key = QStringLiteral("%1#%2").arg(m.messageId, QString::fromLatin1(m.contentSha256.left(16)));
            const int c = containerFor(key);
            m_containers[size_t(c)].message = i;
            m_containers[size_t(c)].sortDate = m.date;
            m_containerOf[i] = c;
        }
    }

    bool isStored(const QString &id) const
    {
        const auto it = m_byId.constFind(id);
        return it != m_byId.cend() && !m_containers[size_t(*it)].isGhost();
    }

    QString parentIdOf(const Message &m) const
    {
        const QString irt = m.inReplyTo.value(0);
        if (!irt.isEmpty() && irt != m.messageId && isStored(irt))
            return irt;
        for (auto it = m.references.crbegin(); it != m.references.crend(); ++it) {
            if (*it != m.messageId)
                return *it;
        }
        return irt == m.messageId ? QString() : irt;
    }

    void linkParents()
    {
        for (int i = 0; i < int(m_messages.size()); ++i) {
            const QString pid = parentIdOf(m_messages[size_t(i)]);
            if (pid.isEmpty())
                continue;
            const int parent = containerFor(pid); // may grow m_containers
            m_containers[size_t(m_containerOf[i])].parent = parent;
        }
    }

    // The References chain of a message, with its In-Reply-To appended as JWZ does.
    static QStringList chainOf(const Message &m)
    {
        QStringList chain = m.references;
        const QString irt = m.inReplyTo.value(0);
        if (!irt.isEmpty() && (chain.isEmpty() || chain.last() != irt))
            chain << irt;
        chain.removeAll(m.messageId);
        return chain;
    }

    // For every id that is not a stored message: how often each id stands right before it in a chain.
    QHash<QString, QHash<QString, int>> ghostPredecessorVotes() const
    {
        QHash<QString, QHash<QString, int>> votes;
        for (const Message &m : m_messages) {
            const QStringList chain = chainOf(m);
            for (qsizetype j = 1; j < chain.size(); ++j) {
                if (chain[j - 1] != chain[j] && !isStored(chain[j]))
                    ++votes[chain[j]][chain[j - 1]];
            }
        }
        return votes;
    }

    // Each ghost's parent depends only on the votes for its own id, so the result is order-independent.
    void linkGhostParents()
    {
        const QHash<QString, QHash<QString, int>> votes = ghostPredecessorVotes();
        QList<int> work;
        for (int c = 0; c < int(m_containers.size()); ++c) {
            if (m_containers[size_t(c)].isGhost())
                work << c;
        }
        while (!work.isEmpty()) {
            const int ghost = work.takeLast();
            const auto v = votes.constFind(m_containers[size_t(ghost)].id);
            if (v == votes.cend())
                continue;
            const qsizetype before = qsizetype(m_containers.size());
            const int parent = containerFor(winner(*v));
            m_containers[size_t(ghost)].parent = parent;
            if (qsizetype(m_containers.size()) > before)
                work << parent;
        }
    }

    static QString winner(const QHash<QString, int> &candidates)
    {
        QString best;
        int bestCount = 0;
        for (auto it = candidates.cbegin(); it != candidates.cend(); ++it) {
            if (it.value() > bestCount || (it.value() == bestCount && it.key() < best)) {
                best = it.key();
                bestCount = it.value();
            }
        }
        return best;
    }

    void breakCycles()
    {
        std::vector<int> state(m_containers.size(), 0); // 0 new, 1 on the current path, 2 done
        for (int start = 0; start < int(m_containers.size()); ++start) {
            QList<int> path;
            int c = start;
            while (c >= 0 && state[size_t(c)] == 0) {
                state[size_t(c)] = 1;
                path << c;
                c = m_containers[size_t(c)].parent;
            }
            if (c >= 0 && state[size_t(c)] == 1)
                cutCycle(path.mid(path.indexOf(c)));
            for (int p : std::as_const(path))
                state[size_t(p)] = 2;
        }
    }

    void cutCycle(const QList<int> &cycle)
    {
        const int oldest = *std::min_element(cycle.cbegin(), cycle.cend(), [this](int a, int b) {
            return olderThan(m_containers[size_t(a)], m_containers[size_t(b)]);
        });
        m_containers[size_t(oldest)].parent = -1;
    }

    void pruneGhosts()
    {
        std::vector<bool> hasStoredBelow(m_containers.size(), false);
        for (int i : std::as_const(m_containerOf)) {
            for (int c = i; c >= 0 && !hasStoredBelow[size_t(c)]; c = m_containers[size_t(c)].parent)
                hasStoredBelow[size_t(c)] = true;
        }
        for (size_t c = 0; c < m_containers.size(); ++c)
            m_containers[c].alive = hasStoredBelow[c];
        for (Container &c : m_containers) {
            if (c.alive && c.parent >= 0)
                m_containers[size_t(c.parent)].children << int(&c - m_containers.data());
        }
        for (size_t c = 0; c < m_containers.size(); ++c)
            spliceGhostChain(int(c));
    }

    // A ghost whose only child is a ghost adds nothing: its child takes its place.
    void spliceGhostChain(int c)
    {
        Container &g = m_containers[size_t(c)];
        if (!g.alive || !g.isGhost() || g.children.size() != 1 || !m_containers[size_t(g.children[0])].isGhost())
            return;
        const int child = g.children[0];
        m_containers[size_t(child)].parent = g.parent;
        if (g.parent >= 0)
            m_containers[size_t(g.parent)].children.replace(m_containers[size_t(g.parent)].children.indexOf(c), child);
        g.alive = false;
    }

    // The containers under \a root, each before its children. Threads are walked with an explicit stack, not
    // by recursion: a hostile chain of 50,000 replies overflowed the call stack.
    std::vector<int> preorder(int root) const
    {
        std::vector<int> out, stack{root};
        while (!stack.empty()) {
            const int c = stack.back();
            stack.pop_back();
            out.push_back(c);
            const QList<int> &children = m_containers[size_t(c)].children;
            stack.insert(stack.end(), children.crbegin(), children.crend());
        }
        return out;
    }

    // A ghost sorts by its oldest descendant's date: children are resolved before their parents.
    void resolveSortDates(int root)
    {
        const std::vector<int> order = preorder(root);
        for (auto c = order.crbegin(); c != order.crend(); ++c) {
            Container &x = m_containers[size_t(*c)];
            for (int child : std::as_const(x.children)) {
                const QDateTime &d = m_containers[size_t(child)].sortDate;
                if (x.isGhost() && d.isValid() && (!x.sortDate.isValid() || d < x.sortDate))
                    x.sortDate = d;
            }
        }
    }

    model::ThreadSet buildThreads()
    {
        model::ThreadSet set;
        set.threadOfMessage.fill(-1, qsizetype(m_messages.size()));
        set.nodeOfMessage.fill(-1, qsizetype(m_messages.size()));
        QList<int> roots;
        for (int c = 0; c < int(m_containers.size()); ++c) {
            if (m_containers[size_t(c)].alive && m_containers[size_t(c)].parent < 0)
                roots << c;
        }
        for (int r : std::as_const(roots))
            resolveSortDates(r);
        std::sort(roots.begin(), roots.end(), [this](int a, int b) { return olderThan(m_containers[size_t(a)], m_containers[size_t(b)]); });
        for (int r : std::as_const(roots)) {
            set.threads << buildThread(r, int(set.threads.size()), set);
        }
        groupBySubject(set);
        return set;
    }

    // Nodes in preorder, siblings oldest first.
    model::Thread buildThread(int root, int threadIndex, model::ThreadSet &set)
    {
        model::Thread t;
        t.id = m_containers[size_t(root)].id;
        std::vector<std::pair<int, int>> stack{{root, -1}}; // container, parent node
        while (!stack.empty()) {
            const auto [c, parentNode] = stack.back();
            stack.pop_back();
            const int node = addNode(t, c, parentNode, threadIndex, set);
            QList<int> &children = m_containers[size_t(c)].children;
            std::sort(children.begin(), children.end(), [this](int a, int b) { return olderThan(m_containers[size_t(a)], m_containers[size_t(b)]); });
            for (auto child = children.crbegin(); child != children.crend(); ++child)
                stack.emplace_back(*child, node);
        }
        summarise(t);
        return t;
    }

    int addNode(model::Thread &t, int c, int parentNode, int threadIndex, model::ThreadSet &set)
    {
        const Container &x = m_containers[size_t(c)];
        const int node = int(t.nodes.size());
        t.nodes << model::ThreadNode{x.id, x.message, parentNode, {}};
        if (parentNode >= 0)
            t.nodes[parentNode].children << node;
        if (!x.isGhost()) {
            set.threadOfMessage[x.message] = threadIndex;
            set.nodeOfMessage[x.message] = node;
        }
        return node;
    }

    void summarise(model::Thread &t) const
    {
        QSet<QString> people;
        const Message *oldest = nullptr;
        for (const model::ThreadNode &n : std::as_const(t.nodes)) {
            if (n.isGhost()) {
                ++t.ghostCount;
                continue;
            }
            const Message &m = m_messages[size_t(n.message)];
            ++t.messageCount;
            t.totalBytes += m.size;
            if (m.date.isValid() && (!t.firstDate.isValid() || m.date < t.firstDate))
                t.firstDate = m.date;
            if (m.date.isValid() && (!t.lastDate.isValid() || m.date > t.lastDate))
                t.lastDate = m.date;
            if (!oldest || (m.date.isValid() && (!oldest->date.isValid() || m.date < oldest->date)))
                oldest = &m;
            addPeople(people, m);
        }
        t.participants = QStringList(people.cbegin(), people.cend());
        t.participants.sort();
        t.subject = oldest ? oldest->subject : QString();
        t.baseSubject = BaseSubject::of(t.subject);
    }

    static void addPeople(QSet<QString> &people, const Message &m)
    {
        for (const model::AddressList *list : {&m.to, &m.cc}) {
            for (const model::MailAddress &a : *list)
                people.insert(Lowercase::of(a.address));
        }
        if (!m.from.address.isEmpty())
            people.insert(Lowercase::of(m.from.address));
        people.remove(QString());
    }

    static void groupBySubject(model::ThreadSet &set)
    {
        QHash<QString, QList<int>> bySubject;
        for (int t = 0; t < int(set.threads.size()); ++t) {
            if (!set.threads[t].baseSubject.isEmpty())
                bySubject[set.threads[t].baseSubject] << t;
        }
        QStringList subjects = bySubject.keys();
        subjects.sort();
        for (const QString &s : std::as_const(subjects)) {
            const QList<int> &threads = bySubject[s];
            if (threads.size() < 2)
                continue;
            for (int t : threads)
                set.threads[t].subjectGroup = int(set.subjectGroups.size());
            set.subjectGroups << model::SubjectGroup{s, threads};
        }
    }

    const std::vector<Message> &m_messages;
    std::vector<Container> m_containers;
    QHash<QString, int> m_byId;
    QList<int> m_containerOf;
};

} // namespace

model::ThreadSet Threader::thread(const std::vector<model::Message> &messages)
{
    return Builder(messages).run();
}

} // namespace th::analysis
