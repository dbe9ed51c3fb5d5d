#include "threadlistmodel.h"

#include "displaytext.h"

#include <QLocale>

namespace th::model {
namespace {

QString shortDate(const QDateTime &d)
{
    return d.isValid() ? d.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
}

} // namespace

ThreadListModel::ThreadListModel(QObject *parent) : QAbstractTableModel(parent) {}

void ThreadListModel::setCase(std::shared_ptr<const MailStore> store, std::shared_ptr<const ThreadSet> threads)
{
    beginResetModel();
    m_store = std::move(store);
    m_threads = std::move(threads);
    m_searchTexts.clear();
    m_verdicts.clear();
    m_verdictRanks.clear();
    if (m_threads) {
        for (const Thread &t : m_threads->threads)
            m_searchTexts << searchText(t);
    }
    endResetModel();
}

const Thread *ThreadListModel::thread(const QModelIndex &index) const
{
    if (!index.isValid() || !m_threads || index.row() >= m_threads->threads.size())
        return nullptr;
    return &m_threads->threads[index.row()];
}

void ThreadListModel::setVerdicts(const QStringList &labels, const QList<int> &ranks)
{
    m_verdicts = labels;
    m_verdictRanks = ranks;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, VerdictColumn), index(rowCount() - 1, VerdictColumn));
}

int ThreadListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_threads ? 0 : int(m_threads->threads.size());
}

int ThreadListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ThreadListModel::data(const QModelIndex &index, int role) const
{
    const Thread *t = thread(index);
    if (!t)
        return {};
    if (index.column() == VerdictColumn && (role == Qt::DisplayRole || role == SortRole))
        return role == SortRole ? QVariant(m_verdictRanks.value(index.row())) : QVariant(m_verdicts.value(index.row()));
    switch (role) {
    case Qt::DisplayRole: return DisplayText::shortened(display(*t, index.column()));
    case Qt::ToolTipRole: return DisplayText::shortened(index.column() == ParticipantsColumn ? t->participants.join(u'\n') : t->subject);
    case ThreadRole: return index.row();
    case SortRole: return sortValue(*t, index.column());
    case SearchTextRole: return m_searchTexts.value(index.row());
    case ParticipantsRole: return t->participants;
    case FirstDateRole: return t->firstDate;
    case LastDateRole: return t->lastDate;
    case MessageCountRole: return t->messageCount;
    case SubjectGroupRole: return t->subjectGroup;
    default: return {};
    }
}

QVariant ThreadListModel::display(const Thread &t, int column) const
{
    switch (column) {
    case SubjectColumn: return t.subject.isEmpty() ? tr("(no subject)") : t.subject;
    case MessagesColumn: return t.messageCount;
    case ParticipantsColumn: return t.participants.size();
    case FirstDateColumn: return shortDate(t.firstDate);
    case LastDateColumn: return shortDate(t.lastDate);
    case SizeColumn: return QLocale().formattedDataSize(t.totalBytes);
    case GhostsColumn: return t.ghostCount;
    default: return {};
    }
}

QVariant ThreadListModel::sortValue(const Thread &t, int column) const
{
    switch (column) {
    case SubjectColumn: return t.baseSubject;
    case FirstDateColumn: return t.firstDate;
    case LastDateColumn: return t.lastDate;
    case SizeColumn: return t.totalBytes;
    default: return display(t, column);
    }
}

QString ThreadListModel::searchText(const Thread &t) const
{
    QStringList parts{t.subject, t.id};
    parts << t.participants;
    for (const ThreadNode &n : t.nodes) {
        parts << n.messageId;
        if (!n.isGhost())
            parts << m_store->message(n.message).subject << m_store->message(n.message).from.name;
    }
    return parts.join(u'\n').toLower();
}

QVariant ThreadListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SubjectColumn: return tr("Subject");
    case VerdictColumn: return tr("Verdict");
    case MessagesColumn: return tr("Messages");
    case ParticipantsColumn: return tr("Participants");
    case FirstDateColumn: return tr("First (UTC)");
    case LastDateColumn: return tr("Last (UTC)");
    case SizeColumn: return tr("Size");
    case GhostsColumn: return tr("Missing");
    default: return {};
    }
}

} // namespace th::model
