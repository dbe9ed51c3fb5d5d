#include "threadtreemodel.h"

#include "displaytext.h"

namespace th::model {

// Internal ids are node indexes + 1, so that 0 can mean "the invisible root".
ThreadTreeModel::ThreadTreeModel(QObject *parent) : QAbstractItemModel(parent) {}

void ThreadTreeModel::setThread(std::shared_ptr<const MailStore> store, std::shared_ptr<const ThreadSet> threads, int thread)
{
    beginResetModel();
    m_store = std::move(store);
    m_threads = std::move(threads);
    m_thread = thread;
    endResetModel();
}

void ThreadTreeModel::clear()
{
    setThread(nullptr, nullptr, -1);
}

const Thread *ThreadTreeModel::currentThread() const
{
    if (!m_threads || m_thread < 0 || m_thread >= m_threads->threads.size())
        return nullptr;
    return &m_threads->threads[m_thread];
}

const ThreadNode *ThreadTreeModel::node(const QModelIndex &index) const
{
    const Thread *t = currentThread();
    if (!t || !index.isValid())
        return nullptr;
    return &t->nodes[qsizetype(index.internalId() - 1)];
}

QModelIndex ThreadTreeModel::indexOfNode(int node, int column) const
{
    const Thread *t = currentThread();
    const int parent = t->nodes[node].parent;
    const int row = parent < 0 ? 0 : int(t->nodes[parent].children.indexOf(node));
    return createIndex(row, column, quintptr(node + 1));
}

QModelIndex ThreadTreeModel::indexOfMessage(int message) const
{
    const Thread *t = currentThread();
    if (!t || message < 0 || message >= m_threads->nodeOfMessage.size() || m_threads->threadOfMessage[message] != m_thread)
        return {};
    return indexOfNode(m_threads->nodeOfMessage[message], 0);
}

QModelIndex ThreadTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    const Thread *t = currentThread();
    if (!t || row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row == 0 ? createIndex(0, column, quintptr(1)) : QModelIndex();
    if (parent.column() != 0)
        return {};
    const ThreadNode *p = node(parent);
    return row < p->children.size() ? createIndex(row, column, quintptr(p->children[row] + 1)) : QModelIndex();
}

QModelIndex ThreadTreeModel::parent(const QModelIndex &child) const
{
    const ThreadNode *n = node(child);
    if (!n || n->parent < 0)
        return {};
    return indexOfNode(n->parent, 0);
}

int ThreadTreeModel::rowCount(const QModelIndex &parent) const
{
    const Thread *t = currentThread();
    if (!t)
        return 0;
    if (!parent.isValid())
        return 1;
    return parent.column() == 0 ? int(node(parent)->children.size()) : 0;
}

int ThreadTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant ThreadTreeModel::display(const ThreadNode &n, int column) const
{
    if (n.isGhost())
        return column == SubjectColumn ? tr("[missing] <%1>").arg(n.messageId) : QVariant();
    const Message &m = m_store->message(n.message);
    switch (column) {
    case SubjectColumn: return m.subject.isEmpty() ? tr("(no subject)") : m.subject;
    case FromColumn: return m.from.toString();
    case DateColumn: return m.date.isValid() ? m.date.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : m.rawDate;
    default: return {};
    }
}

QVariant ThreadTreeModel::data(const QModelIndex &index, int role) const
{
    const ThreadNode *n = node(index);
    if (!n)
        return {};
    switch (role) {
    case Qt::DisplayRole: return DisplayText::shortened(display(*n, index.column()));
    case Qt::ToolTipRole: return DisplayText::shortened(n->isGhost() ? tr("Referenced by the thread but not in the case: <%1>").arg(n->messageId) : n->messageId);
    case MessageRole: return n->message;
    case GhostRole: return n->isGhost();
    case MessageIdRole: return n->messageId;
    default: return {};
    }
}

QVariant ThreadTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const names[] = {QT_TR_NOOP("Subject"), QT_TR_NOOP("From"), QT_TR_NOOP("Date (UTC)")};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace th::model
