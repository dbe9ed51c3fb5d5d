#pragma once

#include <QDate>
#include <QSortFilterProxyModel>

namespace th::model {

/// Filters and sorts a ThreadListModel: free text, participant, date range, thread size.
class ThreadFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    struct Criteria {
        QString text;        ///< substring of subjects, ids, names or addresses
        QString participant; ///< substring of a participant address
        QDate from;          ///< threads active on or after (UTC date); invalid: open
        QDate to;            ///< threads active on or before; invalid: open
        int minMessages = 0;
        int maxMessages = 0; ///< 0: no upper bound

        bool operator==(const Criteria &) const = default;
    };

    explicit ThreadFilterProxy(QObject *parent = nullptr);

    void setCriteria(const Criteria &criteria);
    [[nodiscard]] const Criteria &criteria() const { return m_criteria; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    [[nodiscard]] bool inDateRange(const QModelIndex &index) const;
    [[nodiscard]] bool hasParticipant(const QModelIndex &index) const;
    [[nodiscard]] bool inSizeRange(const QModelIndex &index) const;

    Criteria m_criteria;
};

} // namespace th::model
