#include "threadfilterproxy.h"

#include "threadlistmodel.h"

#include <QDateTime>

namespace th::model {

ThreadFilterProxy::ThreadFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(ThreadListModel::SortRole);
}

void ThreadFilterProxy::setCriteria(const Criteria &criteria)
{
    if (criteria == m_criteria)
        return;
    m_criteria = criteria;
    m_criteria.text = m_criteria.text.trimmed().toLower();
    m_criteria.participant = m_criteria.participant.trimmed().toLower();
    invalidateFilter();
}

bool ThreadFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_criteria.text.isEmpty() && !index.data(ThreadListModel::SearchTextRole).toString().contains(m_criteria.text))
        return false;
    return hasParticipant(index) && inDateRange(index) && inSizeRange(index);
}

bool ThreadFilterProxy::hasParticipant(const QModelIndex &index) const
{
    if (m_criteria.participant.isEmpty())
        return true;
    const QStringList people = index.data(ThreadListModel::ParticipantsRole).toStringList();
    return std::any_of(people.cbegin(), people.cend(), [this](const QString &p) { return p.contains(m_criteria.participant); });
}

// A thread is in range when its activity [first, last] overlaps [from, to].
bool ThreadFilterProxy::inDateRange(const QModelIndex &index) const
{
    const QDate first = index.data(ThreadListModel::FirstDateRole).toDateTime().toUTC().date();
    const QDate last = index.data(ThreadListModel::LastDateRole).toDateTime().toUTC().date();
    if (m_criteria.from.isValid() && (!last.isValid() || last < m_criteria.from))
        return false;
    if (m_criteria.to.isValid() && (!first.isValid() || first > m_criteria.to))
        return false;
    return true;
}

bool ThreadFilterProxy::inSizeRange(const QModelIndex &index) const
{
    const int n = index.data(ThreadListModel::MessageCountRole).toInt();
    return n >= m_criteria.minMessages && (m_criteria.maxMessages <= 0 || n <= m_criteria.maxMessages);
}

} // namespace th::model
