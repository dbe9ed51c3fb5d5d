#pragma once

#include "mailstore.h"
#include "thread.h"

#include <QAbstractTableModel>

#include <memory>

namespace th::model {

/// The case's threads as a table: one row per header thread.
class ThreadListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { SubjectColumn, VerdictColumn, MessagesColumn, ParticipantsColumn, FirstDateColumn, LastDateColumn, SizeColumn, GhostsColumn, ColumnCount };
    enum Roles {
        ThreadRole = Qt::UserRole + 1, ///< int: index into ThreadSet::threads
        SortRole,                      ///< typed value used for sorting
        SearchTextRole,                ///< subject, message subjects and ids, participants (lower case)
        ParticipantsRole,              ///< QStringList of addresses
        FirstDateRole,
        LastDateRole,
        MessageCountRole,
        SubjectGroupRole,              ///< int, -1 when the thread shares its subject with no other
    };

    explicit ThreadListModel(QObject *parent = nullptr);

    void setCase(std::shared_ptr<const MailStore> store, std::shared_ptr<const ThreadSet> threads);
    [[nodiscard]] const Thread *thread(const QModelIndex &index) const;
    /// Per thread, the judgement shown in the verdict column and the rank it sorts by (higher: worse).
    /// Empty until an analysis provides it; the model itself knows nothing of the analysis.
    void setVerdicts(const QStringList &labels, const QList<int> &ranks);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const Thread &t, int column) const;
    QVariant sortValue(const Thread &t, int column) const;
    QString searchText(const Thread &t) const;

    std::shared_ptr<const MailStore> m_store;
    std::shared_ptr<const ThreadSet> m_threads;
    QStringList m_searchTexts; ///< per thread, built once: filtering runs on every keystroke
    QStringList m_verdicts;
    QList<int> m_verdictRanks;
};

} // namespace th::model
